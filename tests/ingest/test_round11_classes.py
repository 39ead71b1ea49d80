"""Round 11's classes (docs/explain-upstream.md, "Round 11: holdout7 folded in"): found in the
dev misses once holdout7 was folded in, each in this file's own wording with a twin that must
not move.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked
from ranking import top_cause as _top

from tlsdoctor.diagnosis.causes import Cause as C

# -- Go's "possibly because of ..." hint about a candidate issuer ----------------------------

def test_go_too_old_for_the_candidates_algorithm_is_the_clients_side():
    text = ('error: Get "https://status.internal.example/health": x509: certificate signed by '
            'unknown authority (possibly because of "x509: cannot verify signature: algorithm '
            'unimplemented" while trying to verify candidate authority certificate "Example '
            'Root R2")')
    top = _ranked(text)[0]
    assert top[0] is C.CLIENT_MISCONFIGURATION and top[1] < 0.6


def test_a_same_named_candidate_whose_signature_fails_is_no_longer_a_chain_order_guess():
    # round 13 (patterns/castore.py): another CA of that name in this client's CA file first
    text = ('dial: x509: certificate signed by unknown authority (possibly because of '
            '"crypto/ecdsa: verification error" while trying to verify candidate authority '
            'certificate "corp-ca")')
    found = _ranked(text)
    top = found[0]
    assert top[0] is C.CLIENT_MISCONFIGURATION and top[1] < 0.6
    assert C.BAD_CHAIN_ORDER_OR_EXTRA in dict(found)  # still a candidate


def test_twin_a_bare_unknown_authority_keeps_its_ranking():
    # a neutral host (round 12: a private one has its own reading, trust_context.py)
    text = 'Get "https://status.example.com/health": x509: certificate signed by unknown authority'
    top = _ranked(text)[0]  # round 19: the confidence is its dev threads' rate (base rates)
    assert top[0] is C.CERT_UNTRUSTED_ROOT and top[1] < 0.6


# -- a public code host named in a path is not the host connected to -------------------------

@pytest.mark.parametrize("text", [
    'module gitlab.example/tools/x: Get "https://mirror.example.net/github.com/acme/lib/@v/list": '
    "x509: certificate signed by unknown authority",
    'go: github.com/acme/lib@v1.2.0: Get "https://goproxy.example.org/github.com/acme/lib/@v/'
    'v1.2.0.info": x509: certificate signed by unknown authority',
])
def test_a_mirror_url_with_a_code_host_in_its_path_is_read_as_the_mirror(text):
    assert _top(text) is C.CERT_UNTRUSTED_ROOT


@pytest.mark.parametrize("text", [
    'go: github.com/acme/lib@v1.2.0: Get "https://proxy.golang.org/github.com/acme/lib/@v/'
    'v1.2.0.info": x509: certificate signed by unknown authority',
    "fatal: unable to access 'https://ci@github.com/acme/lib.git/': SSL certificate problem: "
    "unable to get local issuer certificate",
    'Get "https://index.docker.io/v1/search?q=redis": x509: certificate signed by unknown '
    "authority",
    "HTTPSConnectionPool(host='pypi.org', port=443): Max retries exceeded "
    "(Caused by SSLError(SSLCertVerificationError(1, '[SSL: CERTIFICATE_VERIFY_FAILED] "
    "certificate verify failed: unable to get local issuer certificate (_ssl.c:1006)')))",
])
def test_twin_the_registry_itself_as_the_host_keeps_the_interception_reading(text):
    assert _top(text) is C.TLS_INTERCEPTION_MITM


# -- curl -v's trace of the alert it sent ---------------------------------------------------

def test_curl_trace_of_a_sent_certificate_expired_alert_names_the_reason():
    text = ("* TLSv1.3 (IN), TLS handshake, Certificate (11):\n"
            "* TLSv1.3 (OUT), TLS alert, certificate expired (557):\n"
            "* OpenSSL/3.0.13: error:0A000126:SSL routines::unexpected eof while reading\n"
            "curl: (35) OpenSSL/3.0.13: error:0A000126:SSL routines::unexpected eof while reading")
    top = _ranked(text)[0]
    # as OpenSSL's own "certificate has expired": the leaf or an expired root in the path
    assert top[0] is C.CERT_EXPIRED and top[1] < 0.6


def test_curl_trace_of_a_sent_unknown_ca_is_the_servers_chain():
    text = ("* TLSv1.2 (OUT), TLS alert, unknown CA (560):\n"
            "curl: (35) error:0A000086:SSL routines::certificate verify failed")
    assert _top(text) in {C.CERT_UNTRUSTED_ROOT, C.INCOMPLETE_CHAIN}


def test_twin_curl_trace_of_a_received_alert_is_the_peers_complaint():
    text = ("* TLSv1.3 (IN), TLS alert, unknown CA (560):\n"
            "curl: (56) OpenSSL SSL_read: error:0A000418:SSL routines::tlsv1 alert unknown ca")
    assert _top(text) is C.CLIENT_CERT_REQUIRED


# -- a program's own host-name check --------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Error: host name verification failed.\n"
    "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed",
    "java.net.ConnectException: Host name verification failed for host broker.example.net",
])
def test_a_programs_host_name_check_failing_is_a_name_mismatch(text):
    assert _top(text) is C.HOSTNAME_MISMATCH


def test_twin_certificate_verify_failed_alone_keeps_its_ranking():
    text = "OpenSSL Error[0]: error:0A000086:SSL routines::certificate verify failed"
    assert _top(text) is C.CERT_UNTRUSTED_ROOT


# -- Caddy/certmagic without a certificate for the name asked ---------------------------------

def test_caddy_without_a_certificate_for_an_address_is_a_client_that_came_by_ip():
    text = ("srv | 2024/03/02 10:00:01 http: TLS handshake error from 203.0.113.9:50123: "
            "no certificate available for '10.0.3.7'")
    top = _ranked(text)[0]
    assert top[0] is C.SNI_REQUIRED_OR_MISMATCH and top[1] < 0.6


def test_twin_caddy_without_a_certificate_for_a_domain_stays_a_ranking():
    text = ("http: TLS handshake error from 203.0.113.9:50123: no certificate available for "
            "'shop.example.org'")
    ranked = dict(_ranked(text))
    assert max(ranked.values()) < 0.6
    assert C.SERVER_MISCONFIGURATION in ranked


def test_twin_a_go_server_handshake_error_alone_does_not_move():
    text = "http: TLS handshake error from 203.0.113.9:50123: EOF"
    assert _top(text) is not C.SNI_REQUIRED_OR_MISMATCH
