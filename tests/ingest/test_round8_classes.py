"""Round 8's classes (docs/explain-upstream.md, "Round 8"): the new upstream sources
(mbedTLS, wolfSSL, Erlang/OTP ssl) in the forms their programs print, and the classes
found in holdout5's misses, each in this file's own wording with a twin that must not move.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked
from ranking import top_cause as _top

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C

# -- mbedTLS (patterns/mbedtls.py): codes as ESP-IDF/Arduino print them --------------------

@pytest.mark.parametrize(("text", "cause"), [
    # mbedtls_strerror's "MODULE - text" after the code
    ("E (5120) esp-tls: Last error was: -0x7200 - SSL - An invalid SSL record was received",
     C.NON_TLS_SERVICE_ON_PORT),
    ("[E][ssl_client.cpp:36] _handle_error(): [start_ssl_client():276]: (-30592) SSL - A "
     "fatal alert message was received from our peer", C.CIPHER_SUITE_MISMATCH),
    # the code alone after "returned"
    ("E (9999) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x2700",
     C.CLIENT_MISCONFIGURATION),
    ("mbedtls_ssl_handshake returned -0x7780", C.CIPHER_SUITE_MISMATCH),
    ("E (1234) esp-tls: mbedtls_ssl_setup returned -0x6E80", C.PROTOCOL_VERSION_MISMATCH),
    # the verify flags' lines (mbedtls_x509_crt_verify_info)
    ("W (6000) esp-tls-mbedtls: Failed to verify peer certificate!\n  ! The certificate "
     "validity has expired", C.CERT_EXPIRED),
    ("  ! The certificate Common Name (CN) does not match with the expected CN",
     C.HOSTNAME_MISMATCH),
    ("MBEDTLS_ERR_X509_CERT_VERIFY_FAILED", C.CLIENT_MISCONFIGURATION),
])
def test_mbedtls_codes_and_texts(text, cause):
    assert _top(text) is cause


def test_an_mbedtls_number_with_two_meanings_yields_to_the_words_printed_after_it():
    """-0x7800 is PEER_VERIFY_FAILED in 2.28 and UNRECOGNIZED_NAME in 3.6."""
    assert _top("Last error was: -0x7800 - SSL - Verification of our peer failed") is \
        C.CLIENT_MISCONFIGURATION
    assert _top("Last error was: -0x7800 - SSL - No server could be identified matching the "
                "client's SNI") is C.SNI_REQUIRED_OR_MISMATCH
    assert _ranked("mbedtls_ssl_handshake returned -0x7800")[0][1] < 0.6


@pytest.mark.parametrize("text", [
    "memory offset -0x2700 in the dump",  # a hex number without a result word
    "relocation at 0x7200 - SSL - module",
])
def test_hex_numbers_without_an_mbedtls_result_stay_unrecognised(text):
    assert not explain(text).recognized


# -- wolfSSL (patterns/wolfssl.py) ---------------------------------------------------------

@pytest.mark.parametrize(("text", "cause"), [
    ("curl: (60) SSL_connect failed with error -188: ASN sig error, no CA signer to verify "
     "certificate", C.CERT_UNTRUSTED_ROOT),
    ("wolfSSL_connect error -151, ASN date error, current date after", C.CERT_EXPIRED),
    ("wolfSSL_connect() failed, err = -322", C.HOSTNAME_MISMATCH),
    ("TLS: wolfSSL_connect returned -326 (record layer version error)",
     C.PROTOCOL_VERSION_MISMATCH),
    ("ASN_NO_SIGNER_E", C.CERT_UNTRUSTED_ROOT),
])
def test_wolfssl_numbers_next_to_a_call_and_names(text, cause):
    assert _top(text) is cause


def test_a_wolfssl_number_without_a_wolfssl_call_is_not_read():
    assert not explain("the build failed with error -188 in step 3").recognized


# -- Erlang/OTP ssl (patterns/erlang.py): who generated the alert turns the reading --------

def test_an_erlang_client_s_own_unknown_ca_is_the_server_chain():
    # Its own path validation found no anchor: the CAs the application gave ssl first
    # (round 18's wild sample: an outdated certifi or OTP), then the server's chain; never
    # this client's certificate.
    text = ('{tls_alert,{unknown_ca,"TLS client: In state certify at ssl_handshake.erl:2111 '
            'generated CLIENT ALERT: Fatal - Unknown CA\\n"}}')
    found = [f.cause for f in explain(text).findings]
    assert found[0] is C.CLIENT_MISCONFIGURATION
    assert C.CERT_UNTRUSTED_ROOT in found[1:3] and C.CLIENT_CERT_REQUIRED not in found


def test_an_erlang_server_s_own_unknown_ca_is_the_client_certificate():
    text = ("TLS server: In state certify at ssl_handshake.erl:2111 generated SERVER ALERT: "
            "Fatal - Unknown CA")
    assert _top(text) is C.CLIENT_CERT_REQUIRED


def test_an_erlang_client_that_received_a_handshake_failure_reads_as_the_alert():
    text = ("TLS client: In state hello received SERVER ALERT: Fatal - Handshake Failure")
    assert _top(text) is C.CIPHER_SUITE_MISMATCH


@pytest.mark.parametrize(("text", "cause"), [
    ("{error,{tls_alert,{handshake_failure,\"... {bad_cert,hostname_check_failed}\"}}}",
     C.HOSTNAME_MISMATCH),
    ("** (exit) {bad_cert,\n   {hostname_check_failed,\n      {requested,\"10.0.0.7\"}}}",
     C.HOSTNAME_MISMATCH),
    ("{bad_cert, selfsigned_peer}", C.CERT_SELF_SIGNED),
    ("{bad_cert,cert_expired}", C.CERT_EXPIRED),
    ("{error,{options,{cacertfile,\"/etc/ssl/nope.pem\",{error,enoent}}}}",
     C.CLIENT_MISCONFIGURATION),
])
def test_erlang_bad_cert_reasons_and_options(text, cause):
    assert _top(text) is cause


# -- Chrome's interstitial details (patterns/chrome.py) ------------------------------------

def test_chrome_s_could_not_prove_details_name_the_check():
    assert _top("This server could not prove that it is intranet.example; its security "
                "certificate is from *.other.example. This may be caused by a "
                "misconfiguration") is C.HOSTNAME_MISMATCH
    assert _top("This server could not prove that it is intranet.example; its security "
                "certificate expired 3 days ago.") is C.CERT_EXPIRED


def test_the_sentence_without_chrome_s_details_is_not_read():
    assert not explain("the witness could not prove that it is true").recognized


# -- ERR_SSL_PROTOCOL_ERROR ranks a plain port first, below certainty (judgement/chrome.py) --

def test_err_ssl_protocol_error_ranks_a_plaintext_port_first():
    ranked = _ranked("This site can't provide a secure connection\nERR_SSL_PROTOCOL_ERROR")
    assert ranked[0][0] is C.NON_TLS_SERVICE_ON_PORT and ranked[0][1] < 0.5
    # the twin: a code that names the failure keeps its own reading
    assert _top("ERR_SSL_VERSION_OR_CIPHER_MISMATCH") is C.SNI_REQUIRED_OR_MISMATCH


# -- Go server's internal_error asked by localhost or an address (patterns/golang.py) ------

def test_go_internal_error_from_localhost_is_the_name_the_server_lacks():
    text = ('level=error msg="sync failed" err="Post https://127.0.0.1:3000/api/v1/hook: '
            'remote error: tls: internal error"')
    ranked = _ranked(text)
    assert ranked[0][0] is C.SNI_REQUIRED_OR_MISMATCH and ranked[0][1] < 0.6


def test_go_internal_error_by_a_host_name_is_a_guess_between_name_and_setup():
    # Round 14 (ingest/refusal.py): a received internal_error was the server lacking the name
    # asked in 3 of 3 dev threads (Go's GetCertificate error sends it), so by a host name too
    # the name comes first; the server's own setup stays second, both below certainty.
    text = 'Get "https://git.example.org/api": remote error: tls: internal error'
    ranked = _ranked(text)
    assert [c for c, _ in ranked[:2]] == [C.SNI_REQUIRED_OR_MISMATCH, C.SERVER_MISCONFIGURATION]
    assert ranked[0][1] < 0.6


# -- the text names SNI next to a handshake failure (patterns/sni.py) ----------------------

def test_a_handshake_failure_the_writer_ties_to_sni():
    text = ("Our appliance needs SNI, and the old client does not send SNI, so we get: "
            "[SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert handshake failure")
    ranked = _ranked(text)
    assert ranked[0][0] is C.SNI_REQUIRED_OR_MISMATCH and ranked[0][1] < 0.6


def test_sni_mentioned_as_working_does_not_move_the_alert():
    text = ("SNI is enabled on the server. [SSL: SSLV3_ALERT_HANDSHAKE_FAILURE] sslv3 alert "
            "handshake failure")
    assert _top(text) is C.CIPHER_SUITE_MISMATCH


# -- libcurl < 7.62's CA text without curl's prefix (patterns/curl.py) ---------------------

def test_old_libcurl_ca_text_from_a_libcurl_program():
    text = ("error: failed to fetch `https://index.example/`: [60] Peer certificate cannot be "
            "authenticated with given CA certificates")
    assert _top(text) is C.CERT_UNTRUSTED_ROOT


# -- Apple's NSURLSession form of an errSSL code (patterns/apple.py) -----------------------

def test_nsurlsession_stream_error_form():
    assert _top("HTTP load failed (kCFStreamErrorDomainSSL, -9814)") is C.CERT_EXPIRED
    assert not explain("(kCFStreamErrorDomainSSL, 12)").recognized


# -- a CDN's per-edge default certificate (patterns/cdn.py) --------------------------------

def test_fastly_edge_default_certificate_is_the_missing_sni():
    text = ('{bad_cert,{hostname_check_failed,{requested,"shop.example"},{received,'
            '[{dNSName,"p.sni-120-default.ssl.fastly.net"}]}}}')
    assert _top(text) is C.SNI_REQUIRED_OR_MISMATCH
    assert _top('{bad_cert,{hostname_check_failed,{requested,"shop.example"},{received,'
                '[{dNSName,"www.other.example"}]}}}') is C.HOSTNAME_MISMATCH


def test_every_harvested_erlang_alert_text_is_read_in_both_directions():
    """upstream/erlang.json's entries make no pattern of their own (judged 'elsewhere'):
    patterns/erlang.py reads each one after "generated/received CLIENT|SERVER ALERT"."""
    from tlsdoctor.ingest.patterns.harvested import entries

    texts = [e.text for e in entries("erlang")]
    assert len(texts) >= 30
    for text in texts:
        for who in ("CLIENT", "SERVER"):
            line = (f"TLS client: In state hello at ssl_handshake.erl:1 generated {who} "
                    f"ALERT: Fatal - {text}")
            assert explain(line).recognized, line
