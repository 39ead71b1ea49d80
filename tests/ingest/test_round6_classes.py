"""Round 6's classes of real-world output (docs/explain-upstream.md, "Round 6"), each with a
twin that must not change: the reading comes from what the text shows, not from a thread.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked

from tlsdoctor.diagnosis.causes import Cause as C

# -- libpq's "does not support any SSL protocol version between" hint (patterns/postgres.py) --

@pytest.mark.parametrize("text", [
    'psql: error: connection to server at "db.internal" (10.1.2.3), port 5432 failed: SSL '
    "error: unknown protocol\nThis may indicate that the server does not support any SSL "
    "protocol version between TLSv1.3 and TLSv1.3.",
    "2025-03-01 10:00:00.123 UTC [812] LOG:  could not accept SSL connection: unsupported "
    "protocol\n2025-03-01 10:00:00.123 UTC [812] HINT:  This may indicate that the client "
    "does not support any SSL protocol version between TLSv1.2 and TLSv1.3.",
])
def test_libpq_s_version_hint_reads_as_a_version_gap(text):
    ranked = _ranked(text)
    assert ranked[0][0] is C.PROTOCOL_VERSION_MISMATCH
    assert ranked[0][1] < 0.6


def test_the_reason_words_without_the_hint_keep_their_plaintext_reading():
    assert _ranked("SSL error: unknown protocol")[0][0] is C.NON_TLS_SERVICE_ON_PORT


# -- "certificate verify failed (hostname mismatch)" from a wrapper (patterns/programs.py) --

@pytest.mark.parametrize("text", [
    "SSL_connect returned=1 errno=0 peeraddr=10.0.0.5:443 state=error: certificate verify "
    "failed (hostname mismatch)",
    "smtp: TLS handshake failed: error:0A000086:SSL routines:tls_post_process_server_"
    "certificate:certificate verify failed:ssl/statem/statem_clnt.c:1889: (hostname mismatch)",
    "error:0A000086:SSL routines::certificate verify failed (IP address mismatch)",
])
def test_a_parenthesised_name_mismatch_is_the_name_check(text):
    assert _ranked(text)[0][0] is C.HOSTNAME_MISMATCH


def test_a_parenthesised_trust_reason_keeps_the_wrappers_store_prior():
    ruby = ("SSL_connect returned=1 errno=0 state=error: certificate verify failed (unable to "
            "get local issuer certificate)")
    assert _ranked(ruby)[0][0] is C.CLIENT_MISCONFIGURATION


# -- Excon's "Unable to verify certificate" (patterns/programs.py) --

def test_excon_s_advice_reads_as_an_unverified_chain():
    text = ('Excon::Error::Socket: Unable to verify certificate, please set `Excon.defaults'
            '[:ssl_ca_path] = path_to_certs`, `ENV[\'SSL_CERT_DIR\'] = path_to_certs` '
            '(OpenSSL::SSL::SSLError)')
    ranked = _ranked(text)
    assert ranked[0][0] is C.CERT_UNTRUSTED_ROOT
    assert ranked[0][1] < 0.6
    assert C.CIPHER_SUITE_MISMATCH not in [c for c, _ in ranked]


# -- a Python without its ssl module (patterns/python.py) --

@pytest.mark.parametrize("text", [
    "WARNING: Retrying (Retry(total=2, connect=None, read=None, redirect=None, status=None)) "
    "after connection broken by 'SSLError(\"Can't connect to HTTPS URL because the SSL module "
    "is not available.\")': /simple/attrs/",
    "CondaSSLError: OpenSSL appears to be unavailable on this machine. OpenSSL is required to",
])
def test_a_missing_ssl_module_is_this_client_s_install(text):
    ranked = _ranked(text)
    assert ranked[0][0] is C.CLIENT_MISCONFIGURATION
    assert C.CERT_UNTRUSTED_ROOT not in [c for c, _ in ranked]


# -- a plaintext answer from a public registry or code host (patterns/registry.py) --

@pytest.mark.parametrize("text", [
    "fatal: unable to access 'https://github.com/example/tools.git/': gnutls_handshake() "
    "failed: An unexpected TLS packet was received.",
    "pip._vendor.urllib3.exceptions.SSLError: HTTPSConnectionPool(host='pypi.org', "
    "port=443): [SSL: WRONG_VERSION_NUMBER] wrong version number (_ssl.c:1006)",
])
def test_a_public_host_that_answers_without_tls_is_the_path_or_the_proxy_setting(text):
    ranked = _ranked(text)
    assert [c for c, _ in ranked[:2]] == [C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
                                          C.CLIENT_MISCONFIGURATION]
    assert ranked[0][1] < 0.6


def test_the_same_words_from_an_unknown_host_stay_a_plaintext_port():
    twin = ("fatal: unable to access 'https://git.corp.example:8080/tools.git/': "
            "gnutls_handshake() failed: An unexpected TLS packet was received.")
    assert _ranked(twin)[0][0] is C.NON_TLS_SERVICE_ON_PORT
