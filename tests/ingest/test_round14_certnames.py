"""Round 14, vague certificate failures: the host asked against the names printed
(ingest/certnames.py), audited over stacks x wordings x contexts (certnames_audit_table.py),
with the twins that must not move and the real-world texts that set the bounds."""

from __future__ import annotations

import pytest
from certnames_audit_table import BY_IP, CELLS, KEEP, Cell, right

from tlsdoctor import explain
from tlsdoctor.ingest.certnames import covers, leaf_names


@pytest.mark.parametrize("cell", CELLS, ids=lambda c: f"{c.stack}|{c.context}")
def test_audit_cell(cell: Cell) -> None:
    r = explain(cell.text)
    assert right(cell), (cell.expect, [(f.cause.value, f.confidence) for f in r.findings[:3]])


def test_audit_has_every_kind() -> None:
    kinds = {c.expect for c in CELLS}
    assert kinds == {"mismatch", KEEP, BY_IP}
    assert len(CELLS) >= 300


@pytest.mark.parametrize(("name", "host", "want"), [
    ("shop.example.com", "SHOP.example.com.", True),
    ("*.example.com", "shop.example.com", True),
    ("*.example.com", "a.b.example.com", False),  # one label only (RFC 6125 6.4.3)
    ("*.example.com", "example.com", False),
    ("*.com", "example.com", False),  # no wildcard over a whole public suffix label
    ("10.0.0.5", "10.0.0.5", True),
    ("server.lan", "10.0.0.5", False),
    ("f*.example.com", "foo.example.com", False),  # partial wildcards are not read
])
def test_covers(name: str, host: str, want: bool) -> None:
    assert covers(name, host) is want


def test_only_the_server_certificate_is_read() -> None:
    # Apple lists the chain leaf first; the intermediate's name is not the server's
    text = ('"<cert(0x1) s: *.shop.test i: Example CA>",\n'
            '"<cert(0x2) s: Example CA i: Example Root>"')
    got = leaf_names(text)
    assert got is not None and got.names == ("*.shop.test",) and not got.every_name
    # a CA's name with spaces is not a host name: nothing read
    assert leaf_names('"<cert(0x1) s: Caddy Local Authority i: Caddy Root>"') is None


def test_an_explicit_reason_is_not_overridden() -> None:
    # Apple's -9813 (no root) names its reason: the names do not re-read it
    text = ('Error Domain=NSURLErrorDomain Code=-1202 "The certificate for this server is '
            'invalid. You might be connecting to a server that is pretending to be '
            '\u201c10.254.163.191\u201d which could put your confidential information at risk."'
            ' UserInfo={_kCFStreamErrorCodeKey=-9813, NSErrorPeerCertificateChainKey=(\n'
            '    "<cert(0x10b0ed200) s: localhost i: localhost>"\n)')
    r = explain(text)
    assert not any(str((f.facts or {}).get("pattern", "")).startswith("names.")
                   for f in r.findings)
    # .NET 5+ prints which check failed: that is read, not the names
    r = explain("The remote certificate is invalid according to the validation procedure: "
                "RemoteCertificateChainErrors\n   at GET https://10.0.0.4/x")
    assert r.findings[0].cause.value == "cert_untrusted_root"


def test_libpq_by_address_keeps_the_chain() -> None:
    # libpq checks names in its own words; its bare "certificate verify failed" is the chain
    # (dev postgresql-9e3418e0: a self-signed server reached by address)
    r = explain('connection failed: connection to server at "192.168.1.100", port 5432 '
                "failed: SSL error: certificate verify failed")
    assert r.findings[0].cause.value in ("cert_untrusted_root", "cert_self_signed")


def test_next_names_the_certificate_check() -> None:
    cell = next(c for c in CELLS if c.expect == BY_IP)
    r = explain(cell.text)
    tell = str((r.findings[0].facts or {}).get("tell_apart", ""))
    assert "openssl s_client -connect 192.168.10.20:443 </dev/null | openssl x509" in tell
    assert "subjectAltName,extendedKeyUsage -dates" in tell and "date -u" in tell
    named = next(c for c in CELLS if c.expect == "mismatch" and "shop.example.com" in c.text
                 and c.stack == "Apple URLSession")
    tell = str((explain(named.text).findings[0].facts or {}).get("tell_apart", ""))
    assert "-connect shop.example.com:443 -servername shop.example.com" in tell


def test_printed_names_are_escaped() -> None:
    text = ("error:0A000086:SSL routines::certificate verify failed\n   at GET "
            "https://shop.example.com/x\ndepth=0 CN = evil.test\x1b[31m")
    r = explain(text)
    for f in r.findings:
        assert "\x1b" not in f.explanation and all("\x1b" not in e for e in f.evidence)


# Purpose / key-usage words, each stack's own (the upstream tables: OpenSSL x509_txt.c,
# Go verify.go, JDK EndEntityChecker, Schannel winerror.h, NSS SECerrs.h, mbedTLS x509.h,
# GnuTLS cert-session.c, rustls Error, Apple SecBase.h, Erlang pubkey_cert reasons): every
# one reads as the certificate's purpose, confidently (round 14 checked they all exist).
PURPOSE_WORDS = (
    "curl: (60) SSL certificate problem: unsupported certificate purpose",
    "verify error:num=26:unsupported certificate purpose",
    "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: unsupported certificate "
    "purpose (_ssl.c:1006)",
    "Error: unsupported certificate purpose\n  code: 'INVALID_PURPOSE'",
    "x509: certificate specifies an incompatible key usage",
    "tls: failed to verify certificate: x509: certificate specifies an incompatible key usage",
    "sun.security.validator.ValidatorException: Extended key usage does not permit use for "
    "TLS server authentication",
    "CERT_E_WRONG_USAGE",
    "The certificate is not valid for the requested usage.",
    "SEC_ERROR_INADEQUATE_KEY_USAGE",
    "SEC_ERROR_INADEQUATE_CERT_TYPE",
    "Certificate key usage inadequate for attempted operation.",
    "MBEDTLS_X509_BADCERT_EXT_KEY_USAGE",
    "Usage does not match the extendedKeyUsage extension",
    "invalid peer certificate: InvalidPurpose",
    "GNUTLS_CERT_PURPOSE_MISMATCH",
    "errSecInvalidExtendedKeyUsage",
    "error:0A000086:SSL routines::certificate verify failed:unsupported certificate purpose",
)


@pytest.mark.parametrize("text", PURPOSE_WORDS)
def test_purpose_words_every_stack(text: str) -> None:
    top = explain(text).findings[0]
    assert top.cause.value == "cert_wrong_purpose" and (top.confidence or 0) >= 0.6
