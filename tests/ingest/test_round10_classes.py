"""Round 10's classes (docs/explain-upstream.md, "Round 10"): found in the misses of holdout6
once it was folded into dev, each in this file's own wording with a twin that must not move.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked
from ranking import top_cause as _top

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C

# -- the asked IP is itself among the names the client says it "doesn't match" ---------------

@pytest.mark.parametrize("text", [
    "urllib3.exceptions.SSLError: hostname '172.16.4.20' doesn't match either of "
    "'gateway.internal', '172.16.4.20'",
    "ssl.CertificateError: hostname '10.1.2.3' doesn't match '10.1.2.3'",
    "requests.exceptions.SSLError: hostname 'fd00::7' doesn't match either of 'fd00::7', "
    "'nas.lan'",
])
def test_an_ip_the_matcher_lists_yet_refuses_is_an_old_matcher_or_a_dns_typed_ip(text):
    found = _ranked(text)
    ranked, top = dict(found), found[0]
    assert top[0] is C.CLIENT_MISCONFIGURATION and top[1] < 0.6
    assert ranked[C.HOSTNAME_MISMATCH] >= 0.4  # the other reading: an IP held as a DNS name


@pytest.mark.parametrize("text", [
    "urllib3.exceptions.SSLError: hostname '172.16.4.20' doesn't match either of "
    "'gateway.internal', '172.16.4.21'",
    "ssl.CertificateError: hostname 'shop.example' doesn't match 'www.example'",
    "ssl.CertificateError: hostname '10.1.2.3' doesn't match '10.1.2.30'",
])
def test_a_name_or_ip_not_in_the_list_stays_a_plain_mismatch(text):
    assert _ranked(text)[0] == (C.HOSTNAME_MISMATCH, 1.0)


def test_node_listing_the_ip_as_a_dns_name_says_the_certificate_needs_an_ip_san():
    text = ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's "
            "altnames: IP: 192.168.50.9 is not in the cert's list: DNS:router, DNS:192.168.50.9")
    r = explain(text)
    assert r.findings[0].cause is C.HOSTNAME_MISMATCH
    assert "as a DNS name, not as an IP address SAN" in r.meaning


def test_node_with_a_different_ip_keeps_the_plain_reading():
    text = ("Error [ERR_TLS_CERT_ALTNAME_INVALID]: Hostname/IP does not match certificate's "
            "altnames: IP: 192.168.50.9 is not in the cert's list: DNS:192.168.50.90")
    r = explain(text)
    assert r.findings[0].cause is C.HOSTNAME_MISMATCH
    assert "IP address SAN" not in r.meaning


# -- a client on OpenSSL 1.0.x received handshake_failure -------------------------------------

@pytest.mark.parametrize("text", [
    "PHP Warning:  stream_socket_enable_crypto(): SSL operation failed with code 1. OpenSSL "
    "Error messages:\nerror:14094410:SSL routines:SSL3_READ_BYTES:sslv3 alert handshake failure",
    "javax.net.ssl.SSLHandshakeException: SSL handshake aborted: ssl=0x9f2c1a00: Failure in SSL "
    "library, usually a protocol error\nerror:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 "
    "alert handshake failure (external/openssl/ssl/s23_clnt.c:770 0x9c4e8f2d:0x00000000)",
    "curl: (35) error:14077410:SSL routines:SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure",
])
def test_an_openssl_1_0_client_refused_by_the_server_is_an_old_client(text):
    top = _ranked(text)[0]
    assert top[0] is C.PROTOCOL_VERSION_MISMATCH and top[1] < 0.6


@pytest.mark.parametrize("text", [
    # 1.1.x prints the function in lower case: no age marker, suites stay first.
    "curl: (35) error:14094410:SSL routines:ssl3_read_bytes:sslv3 alert handshake failure",
    # A server's log: the client refused the server's offer.
    "Mar  3 10:00:01 mx postfix/smtpd[811]: warning: TLS library problem: error:14094410:SSL "
    "routines:SSL3_READ_BYTES:sslv3 alert handshake failure:s3_pkt.c:1472:SSL alert number 40:",
])
def test_without_the_old_client_marker_or_on_a_server_the_suites_stay_first(text):
    assert _top(text) is C.CIPHER_SUITE_MISMATCH


def test_an_old_s_client_without_servername_keeps_its_sni_reading():
    text = ("$ openssl s_client -connect cdn.example:443\n140:error:14077410:SSL routines:"
            "SSL23_GET_SERVER_HELLO:sslv3 alert handshake failure:s23_clnt.c:769:")
    assert _top(text) is C.SNI_REQUIRED_OR_MISMATCH


# -- gnutls-cli with no trust anchors --------------------------------------------------------

@pytest.mark.parametrize("first", ["Error setting the x509 trust file",
                                   "Error setting the x509 trust file: Error while reading file.",
                                   "Processed 0 CA certificate(s)."])
def test_gnutls_cli_without_anchors_then_an_unknown_issuer_is_the_clients_store(first):
    text = (f"{first}\nResolving 'mirror.example:443'...\nConnecting to '203.0.113.4:443'...\n"
            "- Status: The certificate is NOT trusted. The certificate issuer is unknown.\n"
            "*** PKI verification of server certificate failed...\n"
            "*** Fatal error: Error in the certificate.")
    assert _top(text) is C.CLIENT_MISCONFIGURATION


def test_gnutls_cli_with_anchors_or_without_a_certificate_failure_does_not_blame_the_store():
    loaded = ("Processed 146 CA certificate(s).\n- Status: The certificate is NOT trusted. The "
              "certificate issuer is unknown.\n*** PKI verification of server certificate "
              "failed...")
    assert _top(loaded) is C.CERT_UNTRUSTED_ROOT
    cut = ("Processed 0 CA certificate(s).\nConnecting to '127.0.0.1:4433'...\n"
           "*** Fatal error: The TLS connection was non-properly terminated.")
    assert _top(cut) is not C.CLIENT_MISCONFIGURATION


# -- Ruby's SSL_connect line as a terminal wrapped it ---------------------------------------

def test_rubys_wrapped_ssl_connect_line_keeps_the_ruby_reading():
    text = ("/usr/local/lib/ruby/2.0.0/net/http.rb:918:in `connect': SSL_connect \n"
            "    returned=1 errno=0 state=SSLv3 read server certificate B: \n"
            "    certificate verify failed (OpenSSL::SSL::SSLError)")
    assert _top(text) is C.CLIENT_MISCONFIGURATION


def test_the_bare_openssl_words_without_rubys_line_keep_openssls_ranking():
    text = "error:14090086:SSL routines:ssl3_get_server_certificate:certificate verify failed"
    assert _top(text) is C.CERT_UNTRUSTED_ROOT


# -- checked: stacks of holdout6 that are right or honestly ranked ---------------------------

def test_okhttp_ip_named_only_in_the_cn_is_a_mismatch():
    text = ("java.io.IOException: Hostname 10.20.30.40 not verified:\n    certificate: "
            "sha1/AAAA=\n    DN: CN=10.20.30.40\n    subjectAltNames: []")
    assert _top(text) is C.HOSTNAME_MISMATCH


def test_pyopenssl_bad_handshake_verify_failure_is_a_ranking_not_a_verdict():
    text = ("requests.exceptions.SSLError: HTTPSConnectionPool(host='ci.example', port=443): Max "
            "retries exceeded with url: /x (Caused by SSLError(SSLError(\"bad handshake: Error(["
            "('SSL routines', 'tls_process_server_certificate', 'certificate verify failed')],)\","
            "),))")
    ranked = _ranked(text)
    assert ranked[0][1] < 0.6 and C.CERT_EXPIRED in dict(ranked)
