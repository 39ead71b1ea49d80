"""Round 13 audit: chain-trust failures from daemons, mail, chat, proxies and directory
clients, read by what the printing program names (ingest/own_trust.py, trust_context.py,
patterns/openldap.py).

Three classes, each enumerated:
1. a program whose trust is its own setting (njs, nginx's proxy_ssl_verify, fetchmail,
   WeeChat, ClickHouse, Postfix's SMTP client; round 15: Mbed TLS, which has no store, as
   libgit2, ESP-IDF and its own client print it, and OpenWrt's uclient-fetch) x its printed forms (one per version whose
   wording differs) x the issuer wordings OpenSSL/GnuTLS give it x the context (none, a
   public host, a private host, environment words, client-store words): its own setting
   first (below 0.6), the client's to fix, the fix naming the setting; environment words
   still mean re-signing;
2. the issuer that was not found, named by the program (Squid's error page, Postfix's
   "untrusted issuer", fetchmail's "Broken certification chain at") x the kind of name (a
   public CA's intermediate, a private intermediate, a public root, a private root):
   intermediate -> incomplete_chain, public root -> this client's store, private root ->
   the private CA;
3. libldap over GnuTLS: "peer cert untrusted or revoked (0x%x)" for every status bit alone
   and with others, read as GnuTLS's own table reads that status.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause as C
from tlsdoctor.ingest.own_trust import PROGRAMS, by_name, program_of
from tlsdoctor.ingest.patterns.judgement.gnutls import JUDGE as GNUTLS_JUDGE
from tlsdoctor.ingest.patterns.openldap import STATUS_BITS

# OpenSSL's verify results a program without the right anchors prints (1.1.1 and 3.x
# spellings), and WeeChat's GnuTLS sentences.
_OPENSSL_REASONS = ("20:unable to get local issuer certificate",
                    "2:unable to get issuer certificate",
                    "19:self-signed certificate in certificate chain",
                    "19:self signed certificate in certificate chain")

# Each program's printed forms, {code}/{reason} from _OPENSSL_REASONS.
_FORMS: dict[str, tuple[str, ...]] = {
    "njs": (
        # njs 0.7.x, 0.8.x, current
        "2023/03/01 10:00:00 [error] 31#31: *5 js http fetch SSL certificate verify error: "
        "({code}:{reason}) while SSL handshaking to fetch target, client: 10.0.0.7",
        "2024/05/02 10:00:00 [error] 31#31: *9 js fetch SSL certificate verify error: "
        "({code}:{reason}) while SSL handshaking to fetch target",
        "2025/09/03 10:00:00 [error] 31#31: *2 js http SSL certificate verify error: "
        "({code}:{reason}) while SSL handshaking to http target"),
    "nginx-upstream": (
        "2024/01/01 12:00:00 [error] 123#123: *1 upstream SSL certificate verify error: "
        "({code}:{reason}) while SSL handshaking to upstream, client: 127.0.0.1, server: "
        "_, request: \"GET / HTTP/1.1\"",
        "2024/01/01 12:00:00 [error] 77#77: *3 upstream SSL certificate verify error: "
        "({code}:{reason}) while SSL handshaking to upstream, client: 127.0.0.1, server: "
        "0.0.0.0:9000, bytes from/to client:0/0, bytes from/to upstream:0/0"),
    "fetchmail": (
        "fetchmail: Server certificate verification error: {reason}",
        "fetchmail:Server certificate verification error: {reason}"),
    "clickhouse": (
        "Code: 210. DB::NetException: SSL Exception: error:1000007d:SSL routines:"
        "OPENSSL_internal:CERTIFICATE_VERIFY_FAILED",
        "Code: 1000. DB::Exception: SSL Exception: error:0A000086:SSL routines::certificate "
        "verify failed ({reason}). (POCO_EXCEPTION)"),
    "postfix-smtp": (
        "Jan  1 00:00:00 mx postfix/smtp[4242]: certificate verification failed for "
        "{{peer}}: untrusted issuer /CN=...",
        "postfix/smtp: certificate verification failed for [next hop]: untrusted issuer "
        "/O=Example/CN=...\nstatus=deferred (Server certificate not verified)"),
    "weechat": (
        "22:58 =!= gnutls: peer's certificate is NOT trusted\n22:58 =!= gnutls: peer's "
        "certificate issuer is unknown\n22:58 =!= irc: TLS handshake failed",
        "=!= gnutls: peer's certificate is NOT trusted\n=!= gnutls: peer's certificate "
        "issuer is unknown"),
    # Round 15: stacks with no CA store of their own. Mbed TLS's verify info as libgit2
    # (Julia's Pkg, git2-rs) and ESP-IDF's esp-tls print it, and its flag's name
    "mbedtls": (
        "ERROR: failed to clone from {{url}}, error: GitError(Code:ECERTIFICATE, Class:SSL, "
        "the SSL certificate is invalid: 0x08 - The certificate is not correctly signed by "
        "the trusted CA)",
        "E (4312) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700\nI (4312) "
        "esp-tls-mbedtls: Failed to verify peer certificate!\nI (4312) esp-tls-mbedtls: "
        "verification info: ! The certificate is not correctly signed by the trusted CA",
        # Mbed TLS's own ssl_client2 (programs/ssl/ssl_client2.c: verify info, "  ! ")
        "  . Verifying peer X.509 certificate... failed\n  ! The certificate is not "
        "correctly signed by the trusted CA"),
    # OpenWrt's uclient-fetch (uclient-fetch.c)
    "uclient-fetch": (
        "Downloading '{{url}}'\nConnecting to 192.0.2.80:443\nConnection error: Invalid SSL "
        "certificate",),
    # Round 17: Mono's BoringSSL stack under System.Net (a real Mono 6.8's words)
    "mono": (
        "System.Net.WebException: Error: TrustFailure (Authentication failed, see inner "
        "exception.) ---> System.Security.Authentication.AuthenticationException: "
        "Authentication failed, see inner exception. ---> Mono.Btls.MonoBtlsException: Ssl "
        "error:1000007d:SSL routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED",),
}

# The context words added after the program's text.
_CONTEXTS = {
    "none": "",
    "public": "\n(connecting to https://api.github.com/repos)",
    "private": "\n(connecting to https://10.20.30.40:8443/)",
    "store": "\n(the container is built FROM alpine and has no ca-certificates)",
    "environment": "\n(we are behind a corporate proxy that does SSL inspection)",
}


def _cells() -> list[tuple[str, str, str]]:
    out = []
    for name, forms in _FORMS.items():
        for form in forms:
            reasons = _OPENSSL_REASONS if "{reason}" in form or "{code}" in form else ("",)
            for reason in reasons:
                code, _, words = reason.partition(":")
                text = form.format(code=code, reason=words).replace(
                    "{peer}", "mx.partner.net[198.51.100.9]:25").replace(
                    "{url}", "https://downloads.partner-shop.de/feed.json")
                for ctx in _CONTEXTS:
                    out.append((name, ctx, text + _CONTEXTS[ctx]))
    return out


CELLS = _cells()


def test_every_program_of_the_table_has_printed_forms_in_the_audit() -> None:
    assert {p.name for p in PROGRAMS} == set(_FORMS)
    assert len(CELLS) == 210


@pytest.mark.parametrize(("program", "context", "text"), CELLS,
                         ids=[f"{p}-{c}-{i}" for i, (p, c, _) in enumerate(CELLS)])
def test_a_program_that_trusts_its_own_setting(program: str, context: str, text: str) -> None:
    assert program_of(text) is by_name(program)
    r = explain(text)
    top = r.findings[0]
    if context == "environment":
        assert top.cause is C.TLS_INTERCEPTION_MITM, text
        return
    assert top.cause is C.CLIENT_MISCONFIGURATION, text
    assert 0.45 <= top.confidence < 0.6
    assert len(r.findings) < 2 or r.findings[1].confidence < top.confidence  # no tie
    assert str(top.who_fixes) == "client"
    codes = "\n".join(s.code or "" for s in top.fix)
    if context != "store":  # the store words name the store: its steps, not the setting
        key = by_name(program).setting.split()[0]  # type: ignore[union-attr]
        assert key in codes, codes


def test_a_leaf_sent_alone_is_the_server_chain_even_for_such_a_program() -> None:
    # OpenSSL's 21 (nginx, measured here): the server sent only its leaf
    text = ("[error] 9#9: *2 upstream SSL certificate verify error: (21:unable to verify the "
            "first certificate) while SSL handshaking to upstream, client: 127.0.0.1")
    r = explain(text)
    assert r.findings[0].cause is C.INCOMPLETE_CHAIN
    assert r.findings[0].confidence < 0.6
    assert r.findings[1].cause is C.CLIENT_MISCONFIGURATION


def test_a_self_signed_server_stays_the_servers_for_such_a_program() -> None:
    text = ("[error] 9#9: *2 upstream SSL certificate verify error: (18:self-signed "
            "certificate) while SSL handshaking to upstream, upstream: \"https://10.0.0.9:443/\"")
    assert explain(text).findings[0].cause is C.CERT_SELF_SIGNED


def test_programs_that_read_the_system_store_are_not_in_the_table() -> None:
    for text in ("curl: (60) SSL certificate problem: unable to get local issuer certificate",
                 "ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate "
                 "verify failed: unable to get local issuer certificate (_ssl.c:1006)",
                 # smtpd checks a *client's* certificate: not the SMTP client's setting
                 "postfix/smtpd[7]: certificate verification failed for x[192.0.2.1]: "
                 "untrusted issuer /CN=..."):
        assert program_of(text) is None, text


# -- 2. the missing issuer named --------------------------------------------------------

_INTERMEDIATES = (
    "/C=US/O=DigiCert Inc/CN=DigiCert TLS RSA SHA256 2020 CA1",
    "/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert SHA2 Secure Server CA",
    "/C=US/O=Let's Encrypt/CN=R3", "/C=US/O=Let's Encrypt/CN=R11",
    "/C=US/O=Let's Encrypt/CN=E5",
    "/C=GB/ST=Greater Manchester/L=Salford/O=Sectigo Limited/CN=Sectigo RSA Domain "
    "Validation Secure Server CA",
    "/C=US/ST=Arizona/L=Scottsdale/O=GoDaddy.com, Inc./OU=http://certs.godaddy.com/"
    "repository//CN=Go Daddy Secure Certificate Authority - G2",
    "/C=US/O=Google Trust Services LLC/CN=GTS CA 1C3",
    "/C=US/O=Google Trust Services/CN=WR2", "/C=US/O=Amazon/CN=Amazon RSA 2048 M01",
    "/C=BE/O=GlobalSign nv-sa/CN=GlobalSign RSA OV SSL CA 2018",
    "/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=RapidSSL TLS RSA CA G1",
    "/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=Encryption Everywhere DV TLS CA - G2",
    "/C=US/O=Microsoft Corporation/CN=Microsoft Azure TLS Issuing CA 01",
    "/O=Acme Corp/CN=Acme Intermediate CA", "/DC=corp/DC=acme/CN=Acme Issuing CA 02",
)
_PUBLIC_ROOTS = ("/C=US/O=DigiCert Inc/OU=www.digicert.com/CN=DigiCert Global Root CA",
                 "/C=US/O=Internet Security Research Group/CN=ISRG Root X1",
                 "/C=IE/O=Baltimore/OU=CyberTrust/CN=Baltimore CyberTrust Root",
                 "/C=US/O=Amazon/CN=Amazon Root CA 1",
                 "/C=US/O=Google Trust Services LLC/CN=GTS Root R1")
_PRIVATE_ROOTS = ("/O=Acme Corp/CN=Acme Corp Root CA", "/CN=Partner Internal Root",
                  "/DC=local/DC=corp/CN=corp-DC01-Root")

# Programs that name the issuer they did not find, in their printed forms.
_NAMERS = {
    "squid": ("(92) Protocol error (TLS code: X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\n"
              "SSL Certficate error: certificate issuer (CA) not known: {name}"),
    "postfix-smtp": ("May  1 10:00:00 mx postfix/smtp[901]: certificate verification failed "
                     "for mx.partner.net[198.51.100.9]:25: untrusted issuer {name}"),
    "fetchmail": ("fetchmail: Server certificate verification error: unable to get local "
                  "issuer certificate\nfetchmail: Broken certification chain at: {name}"),
}
_NAMED = [(who, kind, name) for who in _NAMERS
          for kind, names in (("intermediate", _INTERMEDIATES), ("public_root", _PUBLIC_ROOTS),
                              ("private_root", _PRIVATE_ROOTS))
          for name in names]
_WANT = {"intermediate": C.INCOMPLETE_CHAIN, "public_root": C.CLIENT_MISCONFIGURATION,
         "private_root": C.CERT_UNTRUSTED_ROOT}


@pytest.mark.parametrize(("who", "kind", "name"), _NAMED,
                         ids=[f"{w}-{k}-{i}" for i, (w, k, _) in enumerate(_NAMED)])
def test_the_named_missing_issuer_decides(who: str, kind: str, name: str) -> None:
    r = explain(_NAMERS[who].format(name=name))
    top = r.findings[0]
    assert top.cause is _WANT[kind], (who, name, [(f.cause, f.confidence) for f in r.findings])
    assert 0.45 <= top.confidence < 0.6
    assert r.findings[1].confidence < top.confidence
    assert str(top.who_fixes) == ("server" if kind == "intermediate" else "client")


def test_the_audit_size() -> None:
    assert len(_NAMED) == 3 * (16 + 5 + 3)


# -- 3. libldap over GnuTLS: the status number ------------------------------------------

def _reading(name: str) -> C:
    spec = GNUTLS_JUDGE[name].split("|")[0].split()
    return C(spec[0].partition(":")[0])


_LDAP = [(name, bit) for name, bit in STATUS_BITS]


@pytest.mark.parametrize(("name", "bit"), _LDAP, ids=[n for n, _ in _LDAP])
def test_libldap_status_bits_read_as_gnutls_reads_them(name: str, bit: int) -> None:
    status = (1 << 1) | (1 << bit)  # GNUTLS_CERT_INVALID is set with every failure
    for printed in (f"TLS: peer cert untrusted or revoked (0x{status:x})",
                    f"TLS: peer cert untrusted or revoked (0x{status:x})\nTLS: can't connect: "
                    "(unknown error code).\nldap_start_tls: Connect error (-11)\n"
                    "        additional info: (unknown error code)"):
        r = explain(printed)
        assert r.findings, printed
        assert r.findings[0].cause is _reading(name), (printed, r.findings[0].cause)


def test_libldap_signer_not_found_with_other_bits_still_names_the_issuer() -> None:
    for status in (0x42, 0x43, 0xC2, 0x1042, 0x80042):
        r = explain(f"TLS: peer cert untrusted or revoked (0x{status:x})")
        assert C.CERT_UNTRUSTED_ROOT in {f.cause for f in r.findings[:3]}, hex(status)
    # 0x40 not set: no unknown issuer read into it
    r = explain("TLS: peer cert untrusted or revoked (0x402)")
    assert r.findings[0].cause is C.CERT_EXPIRED
    assert C.CERT_UNTRUSTED_ROOT not in {f.cause for f in r.findings}


@pytest.mark.parametrize(("text", "want"), [
    ("TLS: hostname (ldap.corp.example) does not match common name in certificate "
     "(dc01.corp.example).", C.HOSTNAME_MISMATCH),
    ("TLS: hostname does not match subjectAltName in peer certificate", C.HOSTNAME_MISMATCH),
    ("TLS: hostname does not match name in peer certificate", C.HOSTNAME_MISMATCH),
    ("TLS: peer certificate is expired", C.CERT_EXPIRED),
    ("TLS: public key hash does not match provided pin", C.TLS_INTERCEPTION_MITM),
    ("TLS: unable to get CN from peer certificate", C.SERVER_MISCONFIGURATION),
])
def test_libldap_own_words(text: str, want: C) -> None:
    assert explain(text).findings[0].cause is want


def test_libldap_is_a_client() -> None:
    r = explain("TLS: peer cert untrusted or revoked (0x42)\nTLS: can't connect: (unknown "
                "error code).\nldap_start_tls: Connect error (-11)")
    assert r.side == "client"
    assert r.findings[0].cause is C.CERT_UNTRUSTED_ROOT
    assert r.findings[0].confidence < 0.6
