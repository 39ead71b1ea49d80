"""Round 9's classes (docs/explain-upstream.md, "Round 9"): the classes found in the dev
set's remaining misses, each in this file's own wording with a twin that must not move.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked
from ranking import top_cause as _top

from tlsdoctor import explain
from tlsdoctor.diagnosis.causes import Cause as C

# -- Apache: mod_ssl's directive file checks and mod_proxy's AH00961 ------------------------

@pytest.mark.parametrize("text", [
    "AH00526: Syntax error on line 12 of /etc/httpd/conf.d/ssl.conf:\n"
    "SSLCertificateChainFile: file '/etc/pki/tls/certs/chain.pem' does not exist or is empty",
    "httpd[321]: SSLCACertificatePath: directory '/opt/ca/hashes' does not exist",
    "SSLProxyMachineCertificateFile: file '/etc/apache2/proxy-client.pem' does not exist or "
    "is empty",
])
def test_a_mod_ssl_directive_naming_a_missing_file_is_the_servers_configuration(text):
    assert _top(text) is C.SERVER_MISCONFIGURATION


def test_the_same_words_without_an_ssl_directive_stay_unrecognised():
    assert not explain("DocumentRoot: file '/srv/www' does not exist or is empty").recognized


def test_ah00961_is_apaches_own_proxy_setting():
    ranked = _ranked("[Tue Mar 04 10:00:00 2025] [proxy:error] [pid 77] AH00961: HTTPS: failed "
                     "to enable ssl support for 10.0.0.5:9443 (backend.internal)")
    assert {c for c, _ in ranked[:2]} == {C.CLIENT_MISCONFIGURATION, C.SERVER_MISCONFIGURATION}
    assert ranked[0][1] < 0.6


# -- OpenSSL's error queue: a missing file, then the failure ---------------------------------

def test_a_missing_file_before_a_verify_failure_is_the_clients_ca_setting():
    text = ("fetch failed: OpenSSL errors:\n"
            "error:02001002:system library:fopen:No such file or directory\n"
            "error:2006D080:BIO routines:BIO_new_file:no such file\n"
            "error:1416F086:SSL routines:tls_process_server_certificate:certificate verify "
            "failed")
    ranked = _ranked(text)
    assert ranked[0][0] is C.CLIENT_MISCONFIGURATION and ranked[0][1] < 0.6


def test_a_verify_failure_without_the_missing_file_keeps_its_chain_reading():
    text = ("error:1416F086:SSL routines:tls_process_server_certificate:certificate verify "
            "failed")
    assert _top(text) is not C.CLIENT_MISCONFIGURATION


def test_a_certificate_file_function_failing_with_a_system_error_is_own_material():
    text = "error:140DC002:SSL routines:SSL_CTX_use_certificate_chain_file:system lib"
    assert _top(text) is C.CLIENT_MISCONFIGURATION
    # the same in a server's log is the server's own file
    server = "SSL_accept failed\n" + text
    assert _top(server) is C.SERVER_MISCONFIGURATION


# -- An expired root or cross-sign an old client store still uses ---------------------------

@pytest.mark.parametrize("text", [
    "ERROR: cannot verify example.org's certificate, issued by 'CN=E1,O=Let's Encrypt,C=US':\n"
    "  Issued certificate has expired.",
    "depth=2 O = Digital Signature Trust Co., CN = DST Root CA X3\n"
    "verify error:num=10:certificate has expired",
])
def test_an_expired_certificate_named_with_a_ca_whose_cross_sign_expired_is_the_store(text):
    ranked = _ranked(text)
    assert ranked[0][0] is C.CLIENT_MISCONFIGURATION and ranked[0][1] < 0.6
    assert C.CERT_EXPIRED in dict(ranked)


def test_an_expired_certificate_from_another_issuer_stays_the_certificate():
    text = ("ERROR: cannot verify example.org's certificate, issued by 'CN=Example Issuing CA "
            "2,O=Example,C=US':\n  Issued certificate has expired.")
    assert _top(text) is C.CERT_EXPIRED


def test_phps_curl_60_with_an_expired_certificate_ranks_phps_bundle_first():
    ranked = _ranked("GuzzleHttp\\Exception\\RequestException: cURL error 60: SSL certificate "
                     "problem: certificate has expired (see https://curl.se/libcurl/c/"
                     "libcurl-errors.html) for https://api.example.net/v1")
    assert ranked[0][0] is C.CLIENT_MISCONFIGURATION and ranked[0][1] < 0.6
    assert {C.TLS_INTERCEPTION_MITM, C.CERT_EXPIRED} <= set(dict(ranked))
    # curl's own exit line keeps the leaf first
    assert _top("curl: (60) SSL certificate problem: certificate has expired") is C.CERT_EXPIRED


# -- Which side: an accepting listener's own lines ------------------------------------------

def test_a_brokers_connection_lines_make_a_received_unknown_ca_the_clients_rejection():
    text = ("1700000000: New connection from 192.0.2.10 on port 8883.\n"
            "1700000000: OpenSSL Error[0]: error:0A000418:SSL routines::tlsv1 alert unknown "
            "ca\n1700000000: Socket error on client <unknown>, disconnecting.")
    assert _top(text) is C.CERT_UNTRUSTED_ROOT
    # the alert alone is read from both sides (round 12: a server's log first, a ranking)
    ranked = _ranked("error:0A000418:SSL routines::tlsv1 alert unknown ca")
    assert ranked[0][0] is C.CERT_UNTRUSTED_ROOT and ranked[0][1] < 0.6
    assert C.CLIENT_CERT_REQUIRED in dict(ranked)


# -- No guess presented as an answer ---------------------------------------------------------

@pytest.mark.parametrize(("text", "first"), [
    ("sync failed: Error performing TLS handshake: An unexpected TLS packet was received.",
     C.NON_TLS_SERVICE_ON_PORT),
    # round 14's counted prior (ingest/refusal.py): a received internal_error was the name the
    # server lacks in 3 of 3 dev threads; its own setup comes second
    ("error:0A000438:SSL routines::tlsv1 alert internal error", C.SNI_REQUIRED_OR_MISMATCH),
])
def test_undecided_wordings_rank_below_certainty(text, first):
    ranked = _ranked(text)
    assert ranked[0][0] is first and ranked[0][1] < 0.6
    assert len(ranked) >= 3


def test_gnutls_record_type_still_names_the_plaintext_port():
    text = ("|<1>| Received record packet of unknown type 72\n"
            "*** Fatal error: An unexpected TLS packet was received.")
    assert _ranked(text)[0] == (C.NON_TLS_SERVICE_ON_PORT, 0.85)


# -- wget's translated reasons ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "english"), [
    ("  Impossible de vérifier localement l'autorité de l'émetteur.",
     "  Unable to locally verify the issuer's authority."),
    ("  Die Autorität des Ausstellers des Zertifikates kann lokal nicht geprüft werden.",
     "  Unable to locally verify the issuer's authority."),
    ("  El certificado emitido ha expirado.", "  Issued certificate has expired."),
    ("  Não foi possível verificar localmente a autoridade do emissor.",
     "  Unable to locally verify the issuer's authority."),
])
def test_wgets_translations_mean_what_the_english_line_means(text, english):
    assert _ranked(text) == _ranked(english)


def test_a_sentence_that_only_shares_words_with_a_translation_is_not_read():
    assert not explain("Impossible de vérifier le fichier de configuration.").recognized


# -- rustls 0.19's Display ("invalid certificate: <webpki error>") ---------------------------

@pytest.mark.parametrize(("text", "cause"), [
    ("client error (Connect): invalid certificate: UnknownIssuer", C.CERT_UNTRUSTED_ROOT),
    ("tls handshake: invalid certificate: CertNotValidForName", C.HOSTNAME_MISMATCH),
    ("invalid certificate: CertExpired", C.CERT_EXPIRED),
])
def test_rustls_019_display_reads_like_the_newer_one(text, cause):
    assert _top(text) is cause


def test_an_invalid_certificate_timestamp_is_not_the_019_form():
    assert not explain("invalid certificate timestamp: MalformedSct").recognized
