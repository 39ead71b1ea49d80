"""Upstream strings the way programs print them, the issue's examples, text that must stay
unrecognised, and the host ``next`` confirms on."""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.diagnosis.causes import Cause

C = Cause

# (printed text, source, top cause)
PRINTED: list[tuple[str, str, Cause]] = [
    # the examples
    ("error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch",
     "openssl", C.SERVER_MISCONFIGURATION),
    ("curl: (98) SSL Client Certificate required", "curl", C.CLIENT_CERT_REQUIRED),
    ("Error: received fatal alert: UnrecognisedName", "rustls", C.SNI_REQUIRED_OR_MISMATCH),
    ("2026/11/23 10:00:00 tls: private key does not match public key", "go",
     C.SERVER_MISCONFIGURATION),
    ("*** Fatal error: Error in the pull function.", "gnutls",
     C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("2026/11/23 10:00:00 [info] 811#811: *12 handshake rejected while SSL handshaking, "
     "client: 192.0.2.7, server: 0.0.0.0:443", "nginx", C.SNI_REQUIRED_OR_MISMATCH),
    # OpenSSL 3.x packing of the same X509 reason
    ("error:05800074:x509 certificate routines::key values mismatch", "openssl",
     C.SERVER_MISCONFIGURATION),
    # how programs wrap the words
    ("curl: (60) SSL certificate problem: certificate has expired", "curl", C.CERT_EXPIRED),
    ("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
     "failed: Hostname mismatch, certificate is not valid for 'example.com'. (_ssl.c:1006)",
     "python", C.HOSTNAME_MISMATCH),
    ("requests.exceptions.SSLError: HTTPSConnectionPool(host='example.com', port=443): Max "
     "retries exceeded with url: / (Caused by SSLError(SSLCertVerificationError(1, '[SSL: "
     "CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired "
     "(_ssl.c:1006)')))", "python", C.CERT_EXPIRED),
    ("Error: unable to verify the first certificate\n    at TLSSocket.onConnectSecure "
     "(node:_tls_wrap:1674:34) {\n  code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'\n}", "node",
     C.INCOMPLETE_CHAIN),
    ("Error: certificate has expired\n  code: 'CERT_HAS_EXPIRED'", "node", C.CERT_EXPIRED),
    ("javax.net.ssl.SSLHandshakeException: PKIX path building failed: "
     "sun.security.provider.certpath.SunCertPathBuilderException: unable to find valid "
     "certification path to requested target", "java", C.CERT_UNTRUSTED_ROOT),
    ('Get "https://example.com/": x509: certificate signed by unknown authority', "go",
     C.CERT_UNTRUSTED_ROOT),
    ("net::ERR_CERT_AUTHORITY_INVALID", "chrome", C.CERT_UNTRUSTED_ROOT),
    ("Error code: SEC_ERROR_UNKNOWN_ISSUER", "nss", C.CERT_UNTRUSTED_ROOT),
    ("Error code: MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT", "nss", C.CERT_SELF_SIGNED),
    # a received certificate_unknown with nothing saying who printed it (Envoy's server log
    # or a gRPC client): read both ways, a server's log first (round 12)
    ("error:10000416:SSL routines:OPENSSL_internal:SSLV3_ALERT_CERTIFICATE_UNKNOWN",
     "boringssl", C.CERT_UNTRUSTED_ROOT),
    ("gnutls_handshake() failed: The TLS connection was non-properly terminated.", "curl",
     C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("- The certificate is NOT trusted. The certificate issuer is unknown.", "gnutls",
     C.CERT_UNTRUSTED_ROOT),
    ("[Tue Nov 24 10:00:00 2026] [ssl:error] [pid 1] [client 192.0.2.7:4444] AH02039: "
     "Certificate Verification: Error (20): unable to get local issuer certificate", "apache",
     C.CLIENT_CERT_REQUIRED),
    ("System.Security.Authentication.AuthenticationException: The remote certificate is "
     "invalid according to the validation procedure: RemoteCertificateNameMismatch", "dotnet",
     C.HOSTNAME_MISMATCH),
    ("curl: (35) schannel: next InitializeSecurityContext failed: SEC_E_ILLEGAL_MESSAGE "
     "(0x80090326)", "dotnet", C.CIPHER_SUITE_MISMATCH),
    ("Error Domain=NSURLErrorDomain Code=-1202 _kCFStreamErrorCodeKey=-9813", "apple",
     C.CERT_UNTRUSTED_ROOT),
    ("invalid peer certificate: UnknownIssuer", "rustls", C.CERT_UNTRUSTED_ROOT),
]


@pytest.mark.parametrize(("text", "source", "cause"), PRINTED, ids=[p[0][:50] for p in PRINTED])
def test_printed_forms(text: str, source: str, cause: Cause) -> None:
    r = explain(text)
    assert r.recognized
    assert r.source == source, (r.source, r.meaning)
    assert r.findings[0].cause == cause, (r.meaning, [f.cause for f in r.findings])


@pytest.mark.parametrize("text", [
    "The quick brown fox jumps over the lazy dog",
    "Everything worked, 200 OK",
    "error: pathspec 'main' did not match any file(s) known to git",
    "key values",  # half of an OpenSSL reason is not a reason
    "Calling SSL_accept",  # Exim's debug line, no failure
    "SSL_connect",
    "bad length in the user manual",
    "ERR_FAILED",  # Chromium's generic code names no TLS cause
    "tls: ",
])
def test_unrecognised_text_is_not_guessed(text: str) -> None:
    r = explain(text)
    assert not r.recognized and not r.findings, (r.source, r.meaning)


CURL_60 = ("curl: (60) SSL certificate problem: certificate has expired\n"
           "More details here: https://curl.se/docs/sslcerts.html\n\n"
           "curl failed to verify the legitimacy of the server and therefore could not\n"
           "establish a secure connection to it.")


@pytest.mark.parametrize(("text", "cmd"), [
    (CURL_60, "tlsdoctor diagnose HOST"),
    ("* Connected to expired.badssl.com (104.154.89.105) port 443 (#0)\n" + CURL_60,
     "tlsdoctor diagnose expired.badssl.com"),
    ("curl https://api.example.com:8443/v1\n" + CURL_60, "tlsdoctor diagnose api.example.com:8443"),
    ("InsecureRequestWarning: Unverified HTTPS request is being made to host 'x'. See: "
     "https://urllib3.readthedocs.io/en/latest/advanced-usage.html#tls-warnings",
     "tlsdoctor diagnose HOST"),
    ("ssl.SSLError: see https://docs.python.org/3/library/ssl.html", "tlsdoctor diagnose HOST"),
    ("Error code: SEC_ERROR_UNKNOWN_ISSUER. Learn more: https://support.mozilla.org/kb/"
     "error-codes-secure-websites", "tlsdoctor diagnose HOST"),
    ("SEC_E_UNTRUSTED_ROOT, for help see https://learn.microsoft.com/en-us/troubleshoot/x",
     "tlsdoctor diagnose HOST"),
    ("errSSLXCertChainInvalid https://developer.apple.com/documentation/security",
     "tlsdoctor diagnose HOST"),
    ("error: see https://www.openssl.org/docs/man3.0/man1/openssl-verify.html",
     "tlsdoctor diagnose HOST"),
    # a /help path reads as documentation: no host is better than a wrong one
    ("Get \"https://intranet.example.org/help\": x509: certificate signed by unknown "
     "authority", "tlsdoctor diagnose HOST"),
    ("Get \"https://intranet.example.org/\": x509: certificate signed by unknown authority",
     "tlsdoctor diagnose intranet.example.org"),
])
def test_next_never_confirms_on_a_documentation_link(text: str, cmd: str) -> None:
    assert explain(text).next == cmd
