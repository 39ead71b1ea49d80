"""Round 28: holdout40's and holdout41's classes, each from the printing program's own source,
fed the way the program prints it, with variants that are not the thread's own text and
look-alikes that must keep their reading.
"""

from __future__ import annotations

import pytest
from ranked import check_harvested, ids, top

from tlsdoctor.api import explain

# --- wget (GnuTLS): the path's "has expired" without wget's own check of the leaf ------------
# mirror/wget src/gnutls.c ssl_check_certificate: GNUTLS_CERT_EXPIRED is any certificate of
# the path; "The certificate has expired" is wget's own check of the server's certificate.

_WGET_PATH = [
    "--2022-11-12 16:56:50--  https://downloads.example.org/pkg.tar.gz\n"
    "Resolving downloads.example.org (downloads.example.org)... 203.0.113.20\n"
    "Connecting to downloads.example.org (downloads.example.org)|203.0.113.20|:443... "
    "connected.\n"
    "ERROR: The certificate of 'downloads.example.org' is not trusted.\n"
    "ERROR: The certificate of 'downloads.example.org' has expired.\n",
    # the UTF-8 locale's quotes, alone
    "ERROR: The certificate of ‘mirror.example.net’ has expired.",
    # the C locale's quotes, as a warning (--no-check-certificate)
    "WARNING: The certificate of `repo.example.com' has expired.",
]


@pytest.mark.parametrize("text", _WGET_PATH)
def test_wget_path_expiry_without_its_leaf_check_is_the_clients_chain(text: str) -> None:
    cause, conf = top(text)
    assert cause == "client_misconfiguration" and conf < 0.6
    assert "clock.path_expired.wget" in ids(text)


def test_wget_with_its_leaf_check_keeps_the_servers_expired_certificate() -> None:
    text = ("ERROR: The certificate of 'repo.example.org' is not trusted.\n"
            "ERROR: The certificate of 'repo.example.org' has expired.\n"
            "The certificate has expired\n")
    assert top(text) == ("cert_expired", 0.85)
    assert "clock.path_expired.wget" not in ids(text)


# --- Go's alert text without "remote error: " is no OpenSSL reason ---------------------------
# golang/go src/crypto/tls/alert.go: alert.String() = "tls: " + alertText[e].

@pytest.mark.parametrize(("text", "confident"), [
    ("tls: bad certificate", False),  # nothing says who sent it
    ("error: tls: unexpected message", False),
    # a client's request: the server sent it, refusing the client's certificate
    ("request failed: Post \"https://api.example.com/v1\": tls: bad certificate", True),
])
def test_gos_unwrapped_alert_is_read_as_the_alert_not_opensslss_reason(
        text: str, confident: bool) -> None:
    matched = ids(text)
    assert not any(i.startswith("openssl.up.") for i in matched), matched
    assert any(i.startswith("alert.") and i.endswith(".go-unwrapped") for i in matched), matched
    cause, conf = top(text)
    assert (conf >= 0.6) == confident, (cause, conf)
    if confident:
        assert cause == "client_cert_required"


def test_opensslss_bad_certificate_reason_is_still_read() -> None:
    text = "error:1408D07D:SSL routines:ssl3_get_key_exchange:bad certificate"
    assert any(i.startswith("openssl.") for i in ids(text))


def test_a_check_plugin_received_bad_certificate_is_the_missing_client_certificate() -> None:
    # mackerelio/checkers Checker.String "%s %s: %s"; go-check-plugins check-ssl-cert dials
    for text in ("SSL CRITICAL: remote error: tls: bad certificate",
                 "mackerel-check ssl-cert -H api.internal.example\n"
                 "SSL CRITICAL: remote error: tls: certificate required",
                 "HTTPS WARNING: remote error: tls: bad certificate"):
        assert top(text) == ("client_cert_required", pytest.approx(top(text)[1])), text
        assert top(text)[1] >= 0.6


def test_a_bare_remote_bad_certificate_is_still_read_from_both_sides() -> None:
    assert top("remote error: tls: bad certificate")[1] < 0.6


# --- Erlang (OTP <= 20): the alert's place says whose verdict it is --------------------------

@pytest.mark.parametrize("text", [
    "[error] SSL: :certify: ssl_handshake.erl:1511:Fatal error: certificate expired\n"
    "{:failed_connect, [{:to_address, {'repo.example.org', 443}}, {:inet, [:inet], "
    "{:tls_alert, 'certificate expired'}}]}",
    "=ERROR REPORT==== 3-Mar-2018::10:00:00 ===\nSSL: certify: ssl_handshake.erl:1606:Fatal "
    "error: certificate expired",
])
def test_erlangs_own_path_validation_expiry_covers_both_dates(text: str) -> None:
    found = {f.cause.value: f.confidence for f in explain(text).findings}
    assert next(iter(found)) == "cert_expired" and found["cert_expired"] < 0.6
    assert "cert_not_yet_valid" in found and "client_clock_wrong" in found
    assert any(i.endswith(".own") for i in ids(text))


def test_erlangs_received_expiry_keeps_the_alerts_reading() -> None:
    text = "SSL: certify: ssl_alert.erl:88:Fatal error: certificate expired"
    assert top(text)[0] == "cert_expired"
    assert not any(i.endswith(".own") for i in ids(text))


# --- Turbo's own host-name check --------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "crypto.lua:657: SSL certficate hostname validation failed, rc 1",
    "/usr/local/share/lua/5.1/turbo/crypto_linux.lua:322: SSL certficate hostname validation "
    "failed, rc 1",
    "SSL certificate hostname validation failed, rc 1",
])
def test_turbo_hostname_validation_match_not_found(text: str) -> None:
    check_harvested(text, "turbo.r28h40", "hostname_mismatch", confident=True)


def test_turbo_other_results_are_not_the_name() -> None:
    assert "turbo.r28h40.0" not in ids("SSL certficate hostname validation failed, rc 4")


# --- go-vhost's TLS muxer (slt) ---------------------------------------------------------------

def test_muxer_without_a_server_name_is_the_missing_sni() -> None:
    for text in ("slt 2015/02/03 23:16:57 server.go:104: Failed to mux connection from "
                 "183.206.192.151:32656, error: Host not found:",
                 "Failed to mux connection from [2001:db8::1]:50123, error: Host not found: "):
        check_harvested(text, "go_vhost.r28h40", "sni_required_or_mismatch", confident=True)


def test_muxer_without_a_frontend_for_the_name_is_a_ranking() -> None:
    text = ("slt 2015/02/03 23:16:57 server.go:104: Failed to mux connection from "
            "198.51.100.7:40000, error: Host not found: www.example.com")
    check_harvested(text, "go_vhost.r28h40", "sni_required_or_mismatch", confident=True)
    assert top(text)[1] < 1.0


def test_a_resolvers_host_not_found_is_no_muxer() -> None:
    assert not any(i.startswith("go_vhost") for i in ids("ping: Host not found:"))


# --- MesaLink's received alerts ---------------------------------------------------------------

@pytest.mark.parametrize(("text", "cause"), [
    ("error:[0x3000907]:[mesalink]:[src/libssl/ssl.rs:344]:[TLSErrorAlertReceivedHandshakeFailure]",
     "cipher_suite_mismatch"),
    ("[mesalink] TLSErrorAlertReceivedProtocolVersion", "protocol_version_mismatch"),
    ("error:[0x3000970]:[mesalink]:[src/libssl/ssl.rs:344]:[TLSErrorAlertReceivedUnrecognisedName]",
     "sni_required_or_mismatch"),
])
def test_mesalink_received_alert(text: str, cause: str) -> None:
    assert any(i.startswith("mesalink.r28.alert.") for i in ids(text))
    assert top(text)[0] == cause


# --- a quoted message's escaped newlines (QDebug) ---------------------------------------------

@pytest.mark.parametrize("text", [
    'ErrorMessageReceived ID: 3 Domain: 2031 Code: 5 Debug: "../ext/soup/gstsouphttpsrc.c(1382)'
    ': gst_soup_http_src_parse_status (): /GstPlayBin:playbin-10/GstURIDecodeBin:uridecodebin2/'
    'GstSoupHTTPSrc:source:\\nTLS/SSL support not available; install glib-networking (6)',
    "GStreamer error: \"Secure connection setup failed.\\nTLS/SSL support not available; "
    "install glib-networking\"",
    "GLib-Net-Message: debug: \"x\\r\\nTLS support is not available\"",
])
def test_a_message_after_an_escaped_newline_is_read(text: str) -> None:
    assert top(text) == ("client_misconfiguration", 1.0)


# --- Erlang/OTP's CRL check without a relevant CRL --------------------------------------------

def test_otp_no_relevant_crls_on_a_client_is_its_crl_set_up() -> None:
    for text in ("[notice] TLS :client: In state :wait_cert_cr at ssl_handshake.erl:2129 "
                 "generated CLIENT ALERT: Fatal - Bad Certificate\n - {:bad_crls, "
                 ":no_relevant_crls}",
                 "{error,{tls_alert,{bad_certificate,\"TLS client: In state certify at "
                 "ssl_handshake.erl:2036 generated CLIENT ALERT: Fatal - Bad Certificate\\n "
                 "{bad_crls,no_relevant_crls}\"}}}"):
        cause, conf = top(text)
        assert cause == "client_misconfiguration" and conf < 0.6, (cause, conf)


def test_otp_no_relevant_crls_on_a_servers_log_is_its_crl_set_up() -> None:
    text = ("[notice] <0.1085.0> TLS server: In state wait_cert at ssl_handshake.erl:2077 "
            "generated SERVER ALERT: Fatal - Bad Certificate\n"
            "[notice] <0.1085.0>  - {bad_crls,no_relevant_crls}")
    assert top(text)[0] == "server_misconfiguration"
