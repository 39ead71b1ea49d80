"""A bare "the peer refused the handshake" alert, read by the context the text carries.

OpenSSL's ``sslv3 alert handshake failure``, Java's ``Received fatal alert:
handshake_failure``, BouncyCastle's ``TlsFatalAlertReceived: handshake_failure(40)``, Go's
``remote error: tls: handshake failure``, wolfSSL's ``-313 revcd alert fatal error``, GnuTLS's
``A TLS fatal alert has been received``, Schannel's ``SEC_E_ILLEGAL_MESSAGE``, Apple's
``-9824``, mbedTLS's ``-0x7780``, NSS's ``SSL_ERROR_HANDSHAKE_FAILURE_ALERT``, .NET's
``the remote party sent a TLS alert: 'HandshakeFailure'``, and ``internal_error`` in each
spelling: the server said no and did not say why. Servers send the same alert for different
reasons (each read in the server's own source, docs/explain-upstream.md round 14):

- no shared suite, version or group: OpenSSL's server (ssl/statem/statem_srvr.c
  SSL_R_NO_SHARED_CIPHER with SSL_AD_HANDSHAKE_FAILURE), Go (handshake_server.go, go1.19);
- no server name it has a certificate for: Cloudflare and nginx's default server without a
  certificate (handshake_failure), nginx ``ssl_reject_handshake`` (unrecognized_name,
  src/http/ngx_http_request.c ngx_http_ssl_servername), Go's ``GetCertificate`` returning an
  error - Caddy, autocert (internal_error, src/crypto/tls/handshake_server.go:235 go1.19.8);
- a client certificate it asked for and did not get: OpenSSL's server in TLS 1.2
  (handshake_failure, SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE), certificate_required (116) in
  TLS 1.3, JSSE's bad_certificate (CertificateMessage.java "Empty client certificate chain");
- the client's own settings (a suite list, an old library) or a box on the path.

The words alone do not choose; the rest of the text often does. ``reading`` takes the
context in order, most telling first: a client certificate named (keystore, mTLS, ``--cert``),
a client known to send no server name (LuaSec's form, an IP literal as the host,
``-noservername``), an old client library (version_context's hints: Java 7, OpenSSL 0.9.8...),
a client suite list. Without context the table's reading stands (the count of dev threads per
wording is in the docs), and the statement carries the checks that tell the candidates apart.
The pattern id is ``refusal.<alert>.<hint>.<stack>``.

Round 15 adds each stack's own context: a JSSE client's trace, settings, host and frames
(jsse_context.py: ``no_sni``, ``pin_low``/``pin_high``, ``hello_sent``, ``engine``,
``jdk_modern``, ``jdk_old``), OpenSSL inside the JVM (``jni_openssl``), Apple's load under App
Transport Security (``ats``), and a stack's own count where the text has no context at all
(``Wording.prior``: JSSE, BouncyCastle, wolfSSL; docs/explain-upstream.md round 15).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause
from . import jsse_context, version_context
from .patterns.alerts import go_alert
from .stage import read_stage

__all__ = ["HINTS", "WORDINGS", "Reading", "Wording", "reading"]

Causes = tuple[tuple[Cause, float], ...]
CSM, PVM = Cause.CIPHER_SUITE_MISMATCH, Cause.PROTOCOL_VERSION_MISMATCH
SNI, CCR = Cause.SNI_REQUIRED_OR_MISMATCH, Cause.CLIENT_CERT_REQUIRED
CM, SM = Cause.CLIENT_MISCONFIGURATION, Cause.SERVER_MISCONFIGURATION
MB = Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE

# The readings a bare refusal can have: a text whose best reading is another cause (a name,
# a date, a trust failure, plaintext on the port), or a sure one (>= 0.6), is left alone.
CANDIDATES = frozenset({CSM, PVM, SNI, CCR, CM, SM, MB, Cause.HOSTNAME_MISMATCH})
_SURE = 0.6


@dataclass(frozen=True, slots=True, kw_only=True)
class Wording:
    stack: str
    regex: str
    alert: str  # "hs": handshake_failure (40); "internal": internal_error (80); "any": unnamed
    source: str  # where the wording is printed (upstream path + version)
    base: Causes = ()  # the reading without context; () keeps the tables' reading
    # the stack's own count (round 15): replaces the tables' generic reading (<= _GENERIC)
    # when the text has no context; () keeps it
    prior: Causes = ()


_OSSL = "OpenSSL ssl/ssl_err.c (openssl-3.0.21; SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE 1040)"
# internal_error without context (dev: 3 of 3 client threads were the name asked - Caddy,
# a Go server, a CDN edge; Go's GetCertificate error is the documented path)
_INTERNAL = ((SNI, 0.4), (SM, 0.35), (Cause.HOSTNAME_MISMATCH, 0.1), (MB, 0.1))
# A JSSE client refused with nothing else said (dev round 15: 3 threads - an old JDK's
# defaults twice, JDK 7 offering TLS 1.0 only and a JDK the CDN refused; a client certificate
# once): the client's own runtime first. BouncyCastle's (1 thread): the client certificate.
_JDK_OLD = ((CM, 0.4), (CCR, 0.3), (CSM, 0.15), (PVM, 0.15))
_BC = ((CCR, 0.4), (CSM, 0.25), (PVM, 0.15), (SNI, 0.1), (CM, 0.1))
# wolfSSL's "a fatal alert was received" (-313) without context: its builds sent no server name
# unless configured --enable-sni (HAVE_SNI) and the caller set one (wolfSSL_UseSNI; curl's
# lib/vtls/wolfssl.c only #ifdef HAVE_SNI): off by default until wolfSSL/wolfssl#6559
# (2023-06-29, "Turn on SNI by default on hosts with resources"), still off on small targets
# (the maintainer in wolfSSL/wolfssl#1900: "not enabled by default"). Dev: 1 of 1 the name.
_WOLFSSL = ((SNI, 0.4), (CSM, 0.25), (PVM, 0.2), (CCR, 0.15))
_CURL_GTLS = ("curl lib/vtls/gtls.c handshake (gnutls_alert_get_name; curl/curl @ "
              "5c61e168698a72b87437d58ed728bcdea6d5db42); GnuTLS lib/alert.c sup_alerts")
_GENERIC = 0.45  # the alert tables' own reading of a bare handshake_failure (suites .45)

WORDINGS: tuple[Wording, ...] = (
    Wording(stack="openssl", alert="hs", source=_OSSL,
            regex=r"\b(?:sslv3|ssl/tls) alert handshake failure\b|SSLV3_ALERT_HANDSHAKE_FAILURE"),
    Wording(stack="openssl", alert="internal", source=_OSSL,
            regex=r"\btlsv1 alert internal error\b|TLSV1_ALERT_INTERNAL_ERROR", base=_INTERNAL),
    Wording(stack="curl", alert="hs", source="curl lib/vtls/openssl.c ossl_trace (TLS alert)",
            regex=r"\(IN\), TLS alert, handshake failure \(552\)"),
    Wording(stack="curl", alert="internal", source="curl lib/vtls/openssl.c ossl_trace",
            regex=r"\(IN\), TLS alert, internal error \(592\)", base=_INTERNAL),
    Wording(stack="java", alert="hs", source="OpenJDK sun/security/ssl/Alert.java (jdk-17)",
            regex=r"\bReceived\s+fatal\s+alert:\s*handshake_failure\b", prior=_JDK_OLD),
    Wording(stack="java", alert="internal", source="OpenJDK sun/security/ssl/Alert.java",
            regex=r"\bReceived fatal alert: ?internal_error\b", base=_INTERNAL),
    Wording(stack="bouncycastle", alert="hs",
            source="bc-java tls/src/main/java/org/bouncycastle/tls/TlsFatalAlertReceived.java",
            regex=r"\bTlsFatalAlertReceived:\s+handshake_failure\b", prior=_BC),
    Wording(stack="go", alert="hs", source="Go 1.19.8 src/crypto/tls/alert.go",
            regex=rf"\bremote error: {go_alert('handshake failure')}\b"),
    Wording(stack="go", alert="internal", source="Go 1.19.8 src/crypto/tls/alert.go",
            regex=rf"\bremote error: {go_alert('internal error')}\b", base=_INTERNAL),
    Wording(stack="rustls", alert="hs", source="rustls rustls/src/error.rs Error::AlertReceived",
            regex=r"\bAlertReceived\(HandshakeFailure\)|\breceived fatal alert: HandshakeFailure"),
    Wording(stack="dotnet", alert="hs",
            source="dotnet/runtime Strings.resx net_auth_tls_alert; TlsAlertMessage.cs",
            regex=r"\bremote party sent a TLS alert: '?HandshakeFailure"),
    Wording(stack="nss", alert="hs", source="NSS lib/ssl/sslerr.h SSL_ERROR_HANDSHAKE_FAILURE_ALERT",
            regex=r"\bSSL_ERROR_HANDSHAKE_FAILURE_ALERT\b"),
    Wording(stack="schannel", alert="any", source="mingw-w64 winerror.h SEC_E_ILLEGAL_MESSAGE",
            regex=r"\bSEC_E_ILLEGAL_MESSAGE\b|0x80090326"),
    Wording(stack="apple", alert="hs",
            source="Apple Security SecureTransport.h errSSLPeerHandshakeFail = -9824",
            regex=r"\berrSSLPeerHandshakeFail\b|(?<![\d-])-9824\b"),
    # curl's Secure Transport back end words errSSLPeerHandshakeFail as a guess
    Wording(stack="curl", alert="hs",
            source="curl lib/vtls/sectransp.c errSSLPeerHandshakeFail (curl-7_88_1 "
                   "046209e561b7e9b5aab1aef7daebf29ee6e6e8c7; curl_darwinssl.c in 7_40_0)",
            regex=r"\bSSL peer handshake failed, the server most likely requires a client "
                  r"certificate"),
    Wording(stack="gnutls", alert="hs", source="GnuTLS lib/alert.c (\"Handshake failed\"); "
            "gnutls-cli src/cli.c \"*** Received alert [%d]: %s\" (3.7.9)",
            regex=r"\bReceived alert \[40\]"),
    Wording(stack="gnutls", alert="internal", source="GnuTLS lib/alert.c (\"Internal error\")",
            regex=r"\bReceived alert \[80\]", base=_INTERNAL),
    # curl's GnuTLS back end names the fatal alert by GnuTLS's name (round 27: curl/curl @
    # 5c61e168698a lib/vtls/gtls.c handshake, "GnuTLS, handshake failed: %s" since
    # 623b87750494, "gnutls_handshake() failed: %s" before)
    Wording(stack="gnutls", alert="hs", source=_CURL_GTLS,
            regex=r"\b(?:gnutls_handshake\(\) failed|GnuTLS, handshake failed): Handshake failed\b"),
    Wording(stack="gnutls", alert="internal", source=_CURL_GTLS,
            regex=r"\b(?:gnutls_handshake\(\) failed|GnuTLS, handshake failed): Internal error\b",
            base=_INTERNAL),
    Wording(stack="gnutls", alert="any",
            source="GnuTLS lib/errors.c GNUTLS_E_FATAL_ALERT_RECEIVED (3.7.9)",
            regex=r"\bA TLS fatal alert has been received\b"),
    Wording(stack="wolfssl", alert="any",
            source="wolfSSL wolfssl/error-ssl.h FATAL_ERROR = -313; src/internal.c "
                   "wolfSSL_ERR_reason_error_string \"revcd alert fatal error\"; \"received "
                   "alert fatal error\" from 5.x (Debian 12's 5.5.4 on loopback, round 15)",
            regex=r"\b(?:revcd|received) alert fatal error\b|\berror -313\b", prior=_WOLFSSL),
    Wording(stack="mbedtls", alert="any",
            source="mbedTLS include/mbedtls/ssl.h MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE -0x7780",
            regex=r"-0x7780\b|\bA fatal alert message was received from our peer\b"),
    Wording(stack="erlang", alert="hs", source="OTP lib/ssl/src/ssl_alert.erl (SERVER ALERT)",
            regex=r"\breceived SERVER ALERT: Fatal - Handshake Failure\b"),
)

# Context words, most telling first. Each is what a person who never saw the thread could read.
HINTS: tuple[tuple[str, str], ...] = (
    # a client certificate is set up, asked for or named (the server wants one)
    ("client_cert", r"\bkey ?store\b|\bjavax\.net\.ssl\.keyStore\b|\bKeyManager(?:Factory)?\b"
                    r"|\bPKCS ?#?12\b|\.p12\b|\.pfx\b|\bclient[ -](?:side )?cert(?:ificate)?s?\b"
                    r"|\bmTLS\b|\bmutual (?:TLS|SSL|authentication)\b|\btwo[- ]way (?:TLS|SSL)\b"
                    r"|\bclient auth(?:entication)?\b|\bclientAuth\b|\bneedClientAuth\b"
                    r"|\bssl_verify_client\b|\bSSLVerifyClient\b|\s--cert[ =]|\s-cert\s"
                    r"|\bcertificate_required\b|\bCertificateRequest\b"),
    # a client that sends no server name: LuaSec's form (a Lua nil next to OpenSSL's bare
    # reason: src/ssl.c ssl_ioerror returns ERR_reason_error_string; https.lua called sni()
    # only from luasec 0.7, 77b88e0), s_client told not to, an IP literal as the host (RFC
    # 6066 §3: a literal address is never sent as the name)
    ("no_sni", r"\bnil\t(?:sslv3|tlsv1) alert |\bluasec\b|\bluasocket\b|\bssl\.https\b"
               r"|-noservername\b|\bhttps://(?:\d{1,3}\.){3}\d{1,3}(?![\d.])"
               r"|\bhttps://\[[0-9A-Fa-f:]{2,45}\]|\bwithout (?:the )?(?:SNI|server ?name)\b"
               # Python's call as a traceback prints it: the module's ssl.wrap_socket() has no
               # server_hostname at all (CPython Lib/ssl.py 3.7-3.11, removed in 3.12; Python
               # < 2.7.9's httplib called it), a context's wrap_socket() sends the name only
               # when given server_hostname (round 15)
               r"|\bssl\.wrap_socket\(|\.wrap_socket\((?![^\n)]{0,200}"
               r"(?:server_hostname|server_side\s*=\s*True))[^\n)]{0,200}\)"),
    # the client's own suite list
    ("cipher", r"\s--ciphers?[ =]|\s-cipher\s|\bset_ciphers\b|\bsetEnabledCipherSuites\b"
               r"|\benableECC\b|\bssl_ciphers\b|\bSSLCipherSuite\b|\bcipher_?suites?\s*[=:]"),
)
# a wording that names the alert is read before one that does not ("any": GnuTLS's, wolfSSL's,
# mbedTLS's and Schannel's "a fatal alert was received" follow their alert's own line)
WORDINGS = tuple(sorted(WORDINGS, key=lambda w: w.alert == "any"))
_HINT_RXS = tuple((name, re.compile(rx, re.IGNORECASE | re.MULTILINE)) for name, rx in HINTS)
_WORDING_RXS = tuple((w, re.compile(w.regex, re.IGNORECASE)) for w in WORDINGS)

# (hint, alert) -> claims. Below 0.6: the context makes a candidate likelier, never certain.
_ROWS: dict[str, Causes] = {
    "client_cert": ((CCR, 0.55), (CSM, 0.2), (PVM, 0.15), (SNI, 0.1)),
    "no_sni": ((SNI, 0.5), (CSM, 0.2), (PVM, 0.2), (CCR, 0.1)),
    # an old library (no TLS 1.2, old suites): the version first, the suites close
    "old_client": ((PVM, 0.45), (CSM, 0.35), (SNI, 0.1), (CM, 0.1)),
    "pin_low": ((PVM, 0.5), (CM, 0.4), (CSM, 0.1)),
    "pin_high": ((CM, 0.5), (PVM, 0.35), (CSM, 0.15)),
    "cipher": ((CSM, 0.5), (CM, 0.35), (PVM, 0.15)),
    # JSSE (jsse_context.py): an SSLEngine sends the name only if built with the host
    "engine": ((SNI, 0.45), (CCR, 0.2), (CSM, 0.2), (PVM, 0.15)),
    "jni_openssl": ((SNI, 0.45), (CCR, 0.2), (CSM, 0.2), (PVM, 0.15)),
    # an iOS 9+ / macOS 10.11+ load under App Transport Security: the client offers TLS 1.2+
    # and forward-secret ECDHE suites only; a server below either refuses (dev: 1 of 1 the
    # version - a vendor API without TLS 1.2 in 2015)
    "ats": ((PVM, 0.45), (CSM, 0.35), (CM, 0.1), (SNI, 0.1)),
    # the trace shows a current hello with the name, refused before any reply: the suites
    # (or groups, signature schemes) the server takes, or a server newer than the client
    "hello_sent": ((CSM, 0.45), (PVM, 0.2), (CM, 0.2), (SNI, 0.15)),
    # a JDK 9+ (or 8u261+) stack: TLS 1.2 and current suites by default
    "jdk_modern": ((CCR, 0.4), (CSM, 0.25), (SNI, 0.2), (PVM, 0.15)),
    "jdk_old": _JDK_OLD,
}
_VERSION_HINTS = ("old_client", "pin_low", "pin_high")

_MEANING = {
    "client_cert": "the text sets up or names a client certificate: the server most likely "
                   "refused because the certificate it asked for was missing or not accepted",
    "no_sni": "the client sends no server name (SNI) here: a server that needs the name to "
              "choose its certificate refuses the handshake",
    "old_client": "the client is an old library: the server most likely refused its versions "
                  "or suites",
    "pin_low": "the client is pinned to an old version the server refuses",
    "pin_high": "the client is pinned to newer versions than the server offers",
    "cipher": "the client sets its own suite list: the server shares none of them",
    "hello_sent": "the trace shows the client's hello (the server's name, current versions) "
                  "refused before any reply: the suites, groups or signature schemes the "
                  "server takes",
    "engine": "the Java client drives an SSLEngine, which sends the server name (SNI) only "
              "when it was created with the host (SSLContext.createSSLEngine(host, port)): a "
              "server that needs the name refuses",
    "ats": "an App Transport Security load (iOS 9+, macOS 10.11+) offers TLS 1.2 or newer "
           "with forward-secret ECDHE suites only: the server most likely lacks TLS 1.2 or "
           "those suites (`nscurl --ats-diagnostics https://HOST` on a Mac tries each)",
    "jni_openssl": "OpenSSL driven from the JVM (netty-tcnative, wildfly-openssl, one-nio) "
                   "sends the server name (SNI) only when the engine is given the host: a "
                   "server that needs the name refuses",
    "jdk_modern": "a current JDK (TLS 1.2/1.3 and current suites by default) was refused: "
                  "most often the client certificate the server asks for",
    "jdk_old": "a Java client was refused without a reason: most often an old JDK's defaults "
               "(JDK 7 offers TLS 1.0 only) or the client certificate the server asks for",
    "none": "the server refused the handshake without saying why",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    wording: Wording
    hint: str  # a HINTS name, a version_context hint, or "none"
    claims: Causes
    meaning: str
    line: str


def hint_of(text: str, *, asked: bool) -> tuple[str, str]:
    """(hint, the words) for the refusal's context; ``asked``: a client certificate may
    still be the reason (nothing shows the refusal answered the ClientHello)."""
    for name, rx in _HINT_RXS:
        got = rx.search(text)
        if got is not None and (asked or name != "client_cert"):
            return name, got.group(0)
    name, words = version_context.hint_of(text)
    if name in _VERSION_HINTS:
        return name, words
    return "none", ""


def reading(text: str, best: Causes) -> Reading | None:
    """The bare refusal in ``text`` re-read by its context, or None when the text has no
    such wording, or its best reading is another class's or already sure."""
    if not best or best[0][0] not in CANDIDATES or best[0][1] >= _SURE:
        return None
    found = version_context.first_found(text, _WORDING_RXS)
    if found is None:
        return None
    w, m = found
    stage = read_stage(text)
    hello_only = stage is not None and bool(stage.hello_only)
    hint, words = hint_of(text, asked=not hello_only)
    if words.strip() and words.strip() in m.group(0):
        # the wording's own words are not its context (curl's Secure Transport guess names a
        # "client certificate" in every refusal it reports)
        hint, words = hint_of(m.re.sub(" ", text), asked=not hello_only)
    if w.stack in _JSSE:
        hint, words = _jsse_hint(text, hint, words, hello_only=hello_only)
    elif w.stack == "openssl" and hint == "none":
        fact = jsse_context.binding(text)
        hint, words = (fact.hint, fact.words) if fact else (hint, words)
    elif w.stack == "apple" and hint == "none":
        ats = _ATS.search(text)
        hint, words = ("ats", ats.group(0)) if ats else (hint, words)
    if w.alert == "internal" and hint != "no_sni":
        hint, words = "none", ""  # a server's own failure: only the name asked bears on it
    # without context, a wording's own base replaces only the alert table's bare reading of
    # internal_error (server_misconfiguration first, alerts.py); another table's context - a
    # Python 2 form, a program's own words - keeps its reading
    bare = best[0][0] is SM
    claims = _ROWS.get(hint) or (w.base if w.base and bare else best)
    if hint == "none" and w.prior and best[0][1] <= _GENERIC:
        claims = w.prior
    if claims[0][0] is best[0][0] and best[0][1] > claims[0][1]:
        claims = best  # another table already read the same cause, surer
    if hello_only:  # nothing asked for a client certificate before the refusal
        claims = tuple((c, p) for c, p in claims if c is not CCR)
    said = f" ({words.strip()})" if words else ""
    return Reading(wording=w, hint=hint, claims=claims, line=_line(text, m.start()),
                   meaning=f"{_MEANING[hint]}{said}")


_JSSE = frozenset({"java", "bouncycastle"})
# CFNetwork's log line for a failed load from iOS 9 / macOS 10.11 on, the releases that brought
# App Transport Security (on by default for NSURLSession; Apple's "NSAppTransportSecurity"
# Information Property List reference: TLS 1.2 minimum, forward-secret suites)
_ATS = re.compile(r"\bNSURLSession/NSURLConnection HTTP load failed\b|\bApp Transport Security\b"
                  r"|\bATS\b(?! ?exception)")


def _jsse_hint(text: str, hint: str, words: str, *, hello_only: bool) -> tuple[str, str]:
    """A JSSE client's own facts (jsse_context.py): what its trace shows it sent outranks the
    words; its settings, host and frames count only where no other context was found. A
    current hello shown says something only when the refusal answered it."""
    fact = jsse_context.read(text)
    if fact is None or not (fact.shown or hint == "none"):
        return hint, words
    if fact.hint == "hello_sent" and not hello_only:
        return hint, words
    return fact.hint, fact.words


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]
