"""Application-layer stacks (round 9): PHP streams, Android (Conscrypt/OkHttp), Ruby's
openssl gem, Perl's IO::Socket::SSL/LWP, Dart's dart:io, old Python's match_hostname and
Erlang's bare alert line, each the way its program prints it (with the prefix it adds),
and for each source a twin whose words differ in what matters and whose reading must
differ too. Every harvested entry alone is in tests/ingest/upstream/test_upstream_corpus.py.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain
from tlsdoctor.diagnosis.causes import Cause

C = Cause

# (printed text, source whose pattern must match, top cause)
PRINTED: list[tuple[str, str, Cause]] = [
    ("PHP Warning:  stream_socket_client(): Peer certificate CN=`a.example.com' did not "
     "match expected CN=`b.example.com' in /var/www/x.php on line 3", "php",
     C.HOSTNAME_MISMATCH),
    ("PHP Warning:  file_get_contents(): Peer certificate CN=`*.example.net' did not match "
     "expected CN=`example.com' in /app/a.php on line 9\nPHP Warning:  file_get_contents(): "
     "Failed to enable crypto in /app/a.php on line 9", "php", C.HOSTNAME_MISMATCH),
    ("Warning: stream_socket_client(): Unable to set private key file `/etc/k.pem' in "
     "/app/c.php on line 4", "php", C.CLIENT_MISCONFIGURATION),
    ("PHP Warning:  fsockopen(): peer_fingerprint match failure in /a.php on line 2", "php",
     C.TLS_INTERCEPTION_MITM),
    # No trust anchor: an untrusted root first, the missing intermediate next (the order the
    # labelled threads gave from round 21 on: 4 untrusted roots to 2 missing intermediates)
    ("javax.net.ssl.SSLHandshakeException: java.security.cert.CertPathValidatorException: "
     "Trust anchor for certification path not found.", "android", C.CERT_UNTRUSTED_ROOT),
    ("Caused by: java.security.cert.CertPathValidatorException: Trust anchor for "
     "certification path not found.\n\tat com.android.org.conscrypt.TrustManagerImpl"
     ".verifyChain(TrustManagerImpl.java:677)", "android", C.CERT_UNTRUSTED_ROOT),
    ("javax.net.ssl.SSLPeerUnverifiedException: Hostname api.example.com not verified:\n"
     "    certificate: sha256/AAAA=\n    DN: CN=other.example.net\n"
     "    subjectAltNames: [other.example.net]", "android", C.HOSTNAME_MISMATCH),
    ("javax.net.ssl.SSLHandshakeException: Chain validation failed", "android",
     C.CLIENT_CLOCK_WRONG),
    ("javax.net.ssl.SSLPeerUnverifiedException: Certificate pinning failure!\n  Peer "
     "certificate chain:\n    sha256/AAAA=: CN=example.com", "android",
     C.TLS_INTERCEPTION_MITM),
    ('OpenSSL::SSL::SSLError: hostname "api.example.com" does not match the server '
     "certificate", "ruby", C.HOSTNAME_MISMATCH),
    ('Faraday::SSLError (hostname "api.example.com" does not match the server certificate)',
     "ruby", C.HOSTNAME_MISMATCH),
    # Ruby's verify failure: patterns/programs.py's count (the gem's own CA store first)
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:443 "
     "state=error: certificate verify failed (unable to get local issuer certificate)",
     "ruby", C.CLIENT_MISCONFIGURATION),
    ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:443 "
     "state=error: sslv3 alert handshake failure", "ruby", C.CIPHER_SUITE_MISMATCH),
    ("LWP::Protocol::https::Socket: SSL connect attempt failed error:0A000086:SSL "
     "routines::certificate verify failed at /usr/share/perl5/LWP/Protocol/http.pm line 50.",
     "perl", C.CERT_UNTRUSTED_ROOT),
    ("500 Can't connect to example.com:443 (certificate verify failed)", "perl",
     C.CERT_UNTRUSTED_ROOT),
    ("SSL connect attempt failed because of handshake problems error:0A000410:SSL "
     "routines::sslv3 alert handshake failure", "perl", C.CIPHER_SUITE_MISMATCH),
    ("IO::Socket::SSL: hostname verification failed", "perl", C.HOSTNAME_MISMATCH),
    ("DioError [DioErrorType.other]: HandshakeException: Handshake error in client (OS "
     "Error: \n\tCERTIFICATE_VERIFY_FAILED: unable to get local issuer certificate"
     "(handshake.cc:393))", "dart", C.CERT_UNTRUSTED_ROOT),
    ("HandshakeException: Handshake error in client (OS Error: \n\tCERTIFICATE_VERIFY_FAILED:"
     " certificate has expired(handshake.cc:393))", "dart", C.CERT_EXPIRED),
    ("HandshakeException: Handshake error in client (OS Error: \n\tWRONG_VERSION_NUMBER"
     "(tls_record.cc:242))", "dart", C.NON_TLS_SERVICE_ON_PORT),
    ("ssl.CertificateError: hostname 'a.example.com' doesn't match 'b.example.com'",
     "python", C.HOSTNAME_MISMATCH),
    ("urllib3.exceptions.SSLError: hostname 'a.example.com' doesn't match either of "
     "'b.example.com', 'c.example.com'", "python", C.HOSTNAME_MISMATCH),
    ("backports.ssl_match_hostname.CertificateError: no appropriate commonName or "
     "subjectAltName fields were found", "python", C.HOSTNAME_MISMATCH),
    ("2026-01-05 10:00:00.000 [notice] <0.812.0> CLIENT ALERT: Fatal - Certificate Unknown",
     "erlang", C.CERT_UNTRUSTED_ROOT),
    ("SERVER ALERT: Fatal - Handshake Failure", "erlang", C.CIPHER_SUITE_MISMATCH),
]


@pytest.mark.parametrize(("text", "source", "top"), PRINTED,
                         ids=[f"{s}:{t[:40]}" for t, s, _ in PRINTED])
def test_printed_form_is_read_by_its_source(text: str, source: str, top: Cause) -> None:
    r = explain(text)
    assert r.recognized, text
    assert any(m.pattern_id.startswith(f"{source}.") for m in r.matches), (
        [m.pattern_id for m in r.matches])
    assert r.findings[0].cause == top, (text, [(f.cause, f.confidence) for f in r.findings])


# Twins: the same program, words that differ where it matters; the reading must move.
TWINS: list[tuple[str, Cause, str, Cause]] = [
    # PHP: its host-name warning vs its verify warning (OpenSSL's reason decides)
    ("PHP Warning:  stream_socket_client(): Peer certificate CN=`a' did not match expected "
     "CN=`b'", C.HOSTNAME_MISMATCH,
     "PHP Warning:  stream_socket_client(): Could not verify peer: code:10 certificate has "
     "expired", C.CERT_EXPIRED),
    # Android: no anchor (a trust problem) vs a chain that reached a root but failed PKIX
    ("java.security.cert.CertPathValidatorException: Trust anchor for certification path "
     "not found.", C.CERT_UNTRUSTED_ROOT,
     "javax.net.ssl.SSLHandshakeException: Chain validation failed", C.CLIENT_CLOCK_WRONG),
    # OkHttp: host name vs pins
    ("javax.net.ssl.SSLPeerUnverifiedException: Hostname x.example.com not verified:",
     C.HOSTNAME_MISMATCH,
     "javax.net.ssl.SSLPeerUnverifiedException: Certificate pinning failure!",
     C.TLS_INTERCEPTION_MITM),
    # Ruby: post_connection_check vs the handshake's own verify failure
    ('OpenSSL::SSL::SSLError: hostname "x" does not match the server certificate',
     C.HOSTNAME_MISMATCH,
     "OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=192.0.2.1:443 "
     "state=error: certificate verify failed (unable to get local issuer certificate)",
     C.CLIENT_MISCONFIGURATION),
    # Perl: host-name check vs chain verify
    ("IO::Socket::SSL: hostname verification failed", C.HOSTNAME_MISMATCH,
     "Can't connect to example.com:443 (certificate verify failed)",
     C.CERT_UNTRUSTED_ROOT),
    # Dart: the BoringSSL reason inside decides
    ("HandshakeException: Handshake error in client (OS Error: \n\tCERTIFICATE_VERIFY_FAILED:"
     " certificate has expired(handshake.cc:393))", C.CERT_EXPIRED,
     "HandshakeException: Handshake error in client (OS Error: \n\tWRONG_VERSION_NUMBER"
     "(tls_record.cc:242))", C.NON_TLS_SERVICE_ON_PORT),
    # old match_hostname vs the same exception class without the host-name words
    ("urllib3.exceptions.SSLError: hostname 'a' doesn't match 'b'", C.HOSTNAME_MISMATCH,
     "urllib3.exceptions.SSLError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
     "failed: certificate has expired (_ssl.c:1006)", C.CERT_EXPIRED),
    # Erlang: who sent the alert decides whose certificate was refused
    ("CLIENT ALERT: Fatal - Bad Certificate", C.HOSTNAME_MISMATCH,
     "SERVER ALERT: Fatal - Bad Certificate", C.CLIENT_CERT_REQUIRED),
]


@pytest.mark.parametrize(("a", "ca", "b", "cb"), TWINS, ids=[t[0][:40] for t in TWINS])
def test_twins_read_differently(a: str, ca: Cause, b: str, cb: Cause) -> None:
    ra, rb = explain(a), explain(b)
    assert ra.findings and ra.findings[0].cause == ca, (a, [f.cause for f in ra.findings])
    assert rb.findings and rb.findings[0].cause == cb, (b, [f.cause for f in rb.findings])


def test_chain_validation_failed_is_a_ranking_with_the_check_that_decides() -> None:
    """Conscrypt's wrapper fits a wrong clock, an expired and a revoked certificate: no
    cause above 0.6, and the next step compares dates (or reads the Caused by line)."""
    r = explain("javax.net.ssl.SSLHandshakeException: Chain validation failed")
    assert r.findings[0].confidence < 0.6
    causes = [f.cause for f in r.findings]
    assert C.CLIENT_CLOCK_WRONG in causes and C.CERT_EXPIRED in causes
    # the wrapped cause, when printed, decides
    r2 = explain("javax.net.ssl.SSLHandshakeException: Chain validation failed\nCaused by: "
                 "java.security.cert.CertificateExpiredException: Certificate expired at "
                 "Sat Jan 01 00:00:00 GMT 2022 (compared to Mon Jan 05 10:00:00 GMT 2026)")
    assert r2.findings[0].cause in (C.CERT_EXPIRED, C.CLIENT_CLOCK_WRONG)


@pytest.mark.parametrize("text", [
    "PHP Warning:  Undefined variable $x in /app/a.php on line 3",
    "servername_cb must return an OpenSSL::SSL::SSLContext object or nil",
    "IO::Socket::SSL: Use of recv() not implemented in IO::Socket::SSL",
    "java.lang.IllegalStateException: Handshake listener must be set before starting the "
    "handshake.",
])
def test_api_misuse_and_unrelated_text_stay_unrecognised(text: str) -> None:
    assert not explain(text).recognized, [m.pattern_id for m in explain(text).matches]
