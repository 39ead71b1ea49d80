"""Round 5's classes of real-world output (docs/explain-upstream.md, "Round 5"), each with a
twin that must not change: the reading comes from what the text shows, not from a thread.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C

# -- a chain-trust failure naming a public registry or code host (patterns/registry.py) --

@pytest.mark.parametrize("text", [
    'An unexpected error occurred: "https://registry.npmjs.org/left-pad: unable to get local '
    'issuer certificate".',
    "Get https://registry-1.docker.io/v2/: x509: certificate signed by unknown authority",
    "Could not fetch URL https://pypi.org/simple/requests/: There was a problem confirming the "
    "ssl certificate: HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded "
    "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
    "certificate verify failed: unable to get local issuer certificate (_ssl.c:1007)')))",
])
def test_a_public_registry_that_fails_chain_trust_is_re_signed_or_the_local_store(text):
    ranked = _ranked(text)
    assert [c for c, _ in ranked[:2]] == [C.TLS_INTERCEPTION_MITM, C.CLIENT_MISCONFIGURATION]
    assert ranked[0][1] < 0.6  # threads split: never presented as certain
    assert C.INCOMPLETE_CHAIN not in [c for c, _ in ranked[:2]]


def test_the_same_failure_on_an_unknown_host_keeps_the_printers_reading():
    twin = ('An unexpected error occurred: "https://npm.corp.example/left-pad: unable to get '
            'local issuer certificate".')
    assert _ranked(twin)[0][0] is not C.TLS_INTERCEPTION_MITM
    # a registry named with an unrelated failure is not a chain-trust reading
    expired = "Get https://registry-1.docker.io/v2/: x509: certificate has expired"
    assert _ranked(expired)[0][0] is C.CERT_EXPIRED


# -- an s_client that sent no SNI, then handshake_failure (patterns/openssl.py) --

_ALERT_110 = ("3024:error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake "
              "failure:.\\..\\openssl-1.1.0f\\ssl\\record\\rec_layer_s3.c:1399:SSL alert "
              "number 40")
_ALERT_111 = ("139875020289856:error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert "
              "handshake failure:../ssl/record/rec_layer_s3.c:1543:SSL alert number 40")


@pytest.mark.parametrize("text", [
    f"$ openssl s_client -connect www.example.com:443 -noservername\nCONNECTED(00000003)\n"
    f"{_ALERT_111}",
    f"openssl s_client -connect www.example.com:443\nCONNECTED(00000790)\n{_ALERT_110}",
    "openssl s_client -connect www.example.com:443\nCONNECTED(00000003)\n140:error:14077410:"
    "SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure:s23_clnt.c:769:",
])
def test_s_client_without_a_server_name_ranks_sni_first(text):
    ranked = _ranked(text)
    assert ranked[0][0] is C.SNI_REQUIRED_OR_MISMATCH and ranked[0][1] < 0.6
    assert C.CIPHER_SUITE_MISMATCH in [c for c, _ in ranked]


@pytest.mark.parametrize("text", [
    # it sent the name: the refusal is about something else
    f"openssl s_client -connect www.example.com:443 -servername www.example.com\n{_ALERT_110}",
    # 1.1.1 and later send the name by default
    f"openssl s_client -connect www.example.com:443\nCONNECTED(00000003)\n{_ALERT_111}",
    # no s_client at all
    _ALERT_110,
])
def test_s_client_that_sent_a_server_name_keeps_the_alerts_reading(text):
    assert _ranked(text)[0][0] is C.CIPHER_SUITE_MISMATCH


# -- .NET Framework's SendFailure and Safari's handshake page (dotnet.py, apple.py) --

def test_dotnet_send_failure_ranks_the_missing_tls12_first_but_not_certainly():
    ranked = _ranked("Invoke-WebRequest : The underlying connection was closed: An unexpected "
                     "error occurred on a send.")
    assert ranked[0] == (C.PROTOCOL_VERSION_MISMATCH, 0.4)
    assert {C.CLIENT_MISCONFIGURATION, C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE} <= {
        c for c, _ in ranked}
    # the other closings of the same exception keep their own reading
    assert _ranked("The underlying connection was closed: Could not establish trust "
                   "relationship for the SSL/TLS secure channel.")[0][0] is C.CERT_UNTRUSTED_ROOT


@pytest.mark.parametrize("text", [
    "Safari cannot open the page because it could not establish a secure connection to the "
    "server.",
    "Safari can't open the page because Safari can't establish a secure connection to the "
    "server \"example.com\".",
])
def test_safaris_handshake_page_is_recognised_and_undecided(text):
    r = explain(text)
    assert r.recognized and r.source == "apple"
    top = {f.cause for f in r.findings if f.confidence == r.findings[0].confidence}
    assert top == {C.TLS_INTERCEPTION_MITM, C.NON_TLS_SERVICE_ON_PORT}
    assert all((f.confidence or 0) <= 0.3 for f in r.findings)


def test_urlsessions_localized_description_is_read_like_its_code():
    by_text = _ranked("An SSL error has occurred and a secure connection to the server cannot "
                      "be made.")
    by_code = _ranked("Error Domain=NSURLErrorDomain Code=-1200")
    assert by_text == by_code and by_text


# -- a refusal after the server's CertificateRequest (java.py, curl.py) --

_JSSE_11 = ("javax.net.ssl|DEBUG|01|main|CertificateRequest.java:864|Consuming CertificateRequest "
            "handshake message\njavax.net.ssl|WARNING|01|main|CertificateMessage.java:1046|No "
            "X.509 certificate for client authentication, use empty Certificate message instead\n"
            "javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure")
_JSSE_8 = ("*** CertificateRequest\nCert Types: RSA, DSS, ECDSA\n*** ServerHelloDone\nWarning: no "
           "suitable certificate found - continuing without client authentication\nmain, RECV "
           "TLSv1.2 ALERT:  fatal, handshake_failure\njavax.net.ssl.SSLHandshakeException: "
           "Received fatal alert: handshake_failure")
_CURL_V = ("* TLSv1.2 (IN), TLS handshake, Request CERT (13):\n* TLSv1.2 (IN), TLS handshake, "
           "Server finished (14):\n* TLSv1.2 (OUT), TLS handshake, Certificate (11):\n* TLSv1.2 "
           "(IN), TLS alert, handshake failure (552):\ncurl: (35) error:14094410:SSL routines:"
           "ssl3_read_bytes:sslv3 alert handshake failure")


@pytest.mark.parametrize(("text", "source"), [(_JSSE_11, "java"), (_JSSE_8, "java"),
                                              (_CURL_V, "curl")])
def test_a_refusal_after_a_certificate_request_is_the_client_certificate(text, source):
    r = explain(text)
    assert r.source == source and r.findings[0].cause is C.CLIENT_CERT_REQUIRED


@pytest.mark.parametrize(("text", "first"), [
    # the same refusal without the trace: the alert's own (split) reading; JSSE's by its own
    # dev count since round 15 (ingest/refusal.py _JDK_OLD: an old JDK's defaults)
    ("javax.net.ssl.SSLHandshakeException: Received fatal alert: handshake_failure",
     C.CLIENT_MISCONFIGURATION),
    ("curl: (35) error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure",
     C.CIPHER_SUITE_MISMATCH),
])
def test_the_bare_refusal_keeps_the_alerts_reading(text, first):
    ranked = _ranked(text)
    assert ranked[0][0] is first and ranked[0][1] < 0.6
    assert C.CIPHER_SUITE_MISMATCH in {c for c, _ in ranked}


def test_a_certificate_request_in_a_handshake_that_worked_is_no_fault():
    ok = ("* TLSv1.2 (IN), TLS handshake, Request CERT (13):\n* TLSv1.2 (OUT), TLS handshake, "
          "Finished (20):\n* SSL connection using TLSv1.2 / ECDHE-RSA-AES128-GCM-SHA256")
    assert not explain(ok).findings


def test_jdk8s_warning_is_the_client_without_a_certificate_not_a_server_without_one():
    r = _ranked("Warning: no suitable certificate found - continuing without client "
                "authentication")
    assert r[0][0] is C.CLIENT_CERT_REQUIRED and C.SERVER_MISCONFIGURATION not in dict(r)
