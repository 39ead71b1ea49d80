"""The classes the PHP, Ruby, Perl and Erlang rows of the client matrix found (docs/
explain-upstream.md, "Round 10: PHP, Ruby, Perl, Erlang clients"). Each is checked in this
file's own wording (other hosts, ports, paths, versions than the recorded runs), with a twin
that must not move.
"""

from __future__ import annotations

import pytest
from ranking import ranked as _ranked

from tlsdoctor.diagnosis.causes import Cause as C

CONFIDENT = 0.6


def _top(text: str) -> tuple[C | None, float]:
    return _first(_ranked(text))


def _first(ranked: list[tuple[C, float]]) -> tuple[C | None, float]:
    """``_top``'s answer from ``_ranked``'s, for a test that asserts on both."""
    return ranked[0] if ranked else (None, 0.0)


# -- PHP: its own subjectAltName check --------------------------------------------------------

def test_php_san_check_names_the_host():
    text = ("Warning: fsockopen(): Peer certificate subjectAltName did not match expected name "
            "`mail.example.org' in /srv/app/mailer.php on line 88")
    assert _top(text)[0] is C.HOSTNAME_MISMATCH


def test_twin_php_bare_enable_crypto_is_still_a_generic_handshake():
    top, conf = _top("PHP Warning:  fsockopen(): Failed to enable crypto in /srv/app/mailer.php "
                     "on line 88")
    assert top is not C.HOSTNAME_MISMATCH and conf < CONFIDENT


# -- an https request answered by a close (TLS 1.3 client-certificate rejection) --------------

@pytest.mark.parametrize("text", [
    "Warning: file_get_contents(https://billing.example.org:8443/api): Failed to open stream: "
    "HTTP request failed! in /var/www/cron.php on line 12",
    "500 Server closed connection without sending any data back",
])
def test_close_after_https_request_ranks_a_missing_client_cert_without_confidence(text):
    found = _ranked(text)
    top, conf = _first(found)
    assert top is C.CLIENT_CERT_REQUIRED and conf < CONFIDENT
    assert C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE in dict(found)


def test_twin_plain_http_request_failure_is_not_tls():
    assert not _ranked("Warning: file_get_contents(http://billing.example.org/api): Failed to "
                       "open stream: HTTP request failed! in /var/www/cron.php on line 12")


# -- a wrapper's parenthesised verify result decides over its store prior ---------------------

@pytest.mark.parametrize(("result", "cause"), [
    ("unsuitable certificate purpose", C.CERT_WRONG_PURPOSE),
    ("certificate is not yet valid", C.CLIENT_CLOCK_WRONG),  # the clock first, below 0.6
    ("self-signed certificate", C.CERT_SELF_SIGNED),
    ("CA signature digest algorithm too weak", C.WEAK_SIGNATURE_OR_KEY),
    ("EE certificate key too weak", C.WEAK_SIGNATURE_OR_KEY),
    ("certificate has expired", C.CERT_EXPIRED),
])
def test_ruby_verify_result_in_parentheses_decides(result, cause):
    text = (f"Faraday::SSLError: SSL_connect returned=1 errno=0 peeraddr=198.51.100.4:443 "
            f"state=error: certificate verify failed ({result})")
    assert _top(text)[0] is cause


def test_ruby_expiry_in_parentheses_stays_a_ranking_with_the_store():
    ranked = dict(_ranked("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 "
                          "state=error: certificate verify failed (certificate has expired)"))
    assert ranked[C.CERT_EXPIRED] < CONFIDENT and C.CLIENT_MISCONFIGURATION in ranked


@pytest.mark.parametrize("result", ["unable to get local issuer certificate",
                                    "self-signed certificate in certificate chain"])
def test_twin_ruby_issuer_results_keep_the_store_prior(result):
    text = ("OpenSSL::SSL::SSLError: SSL_connect returned=1 errno=0 peeraddr=198.51.100.4:443 "
            f"state=error: certificate verify failed ({result})")
    top, conf = _top(text)
    assert top is C.CLIENT_MISCONFIGURATION and conf < CONFIDENT


# -- Ruby's open_timeout ----------------------------------------------------------------------

def test_ruby_bare_open_timeout_is_a_silent_peer():
    text = ("/usr/lib/ruby/3.3.0/net/protocol.rb:43:in `ssl_socket_connect': "
            "Net::OpenTimeout (Net::OpenTimeout)")
    assert _top(text)[0] is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


def test_ruby_open_timeout_of_the_tcp_connect_ranks_unreachable():
    text = ("Net::OpenTimeout: Failed to open TCP connection to 203.0.113.9:443 "
            "(execution expired)")
    assert _top(text)[0] is C.NAME_RESOLUTION_OR_UNREACHABLE


def test_twin_ruby_read_timeout_is_not_a_handshake_timeout():
    assert C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE not in dict(
        _ranked("Net::ReadTimeout: Net::ReadTimeout with #<TCPSocket:(closed)>"))


# -- Perl: IO::Socket::SSL's timeout, LWP's bare and wrapped "Can't connect" -----------------

def test_io_socket_ssl_wants_a_read_is_a_handshake_timeout():
    text = ("IMAP connect failed: Resource temporarily unavailable,SSL wants a read first at "
            "/opt/sync/imap.pl line 40.")
    assert _top(text)[0] is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


def test_lwp_bare_cant_connect_ranks_a_silent_peer_without_confidence():
    top, conf = _top("500 Can't connect to feeds.example.net:9443\n"
                     "Can't connect to feeds.example.net:9443\n")
    assert top is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE and conf < CONFIDENT


def test_lwp_wrapped_eof_is_not_read_as_unreachable():
    text = ("500 Can't connect to feeds.example.net:9443 (SSL connect attempt failed "
            "error:0A000126:SSL routines::unexpected eof while reading)")
    top, conf = _top(text)
    assert top is not C.NAME_RESOLUTION_OR_UNREACHABLE and conf < CONFIDENT


@pytest.mark.parametrize(("text", "cause"), [
    ("500 Can't connect to feeds.example.net:9443 (Connection refused)",
     C.NAME_RESOLUTION_OR_UNREACHABLE),
    ("500 Can't connect to nowhere.example.net:443 (Bad hostname)",
     C.NAME_RESOLUTION_OR_UNREACHABLE),
    ("failed: ,SSL connect attempt failed error:0A00010B:SSL routines::wrong version number "
     "at sync.pl line 8.", C.NON_TLS_SERVICE_ON_PORT),
])
def test_twin_lwp_lines_with_their_own_words_keep_them(text, cause):
    assert _top(text)[0] is cause


# -- Erlang: the terms around the alert -------------------------------------------------------

def test_erlang_unsupported_record_type_is_another_protocol():
    text = ("{error,{tls_alert,{unexpected_message,\"TLS client: In state hello at "
            "tls_record.erl:590 generated CLIENT ALERT: Fatal - Unexpected Message\\n "
            "{unsupported_record_type,83}\"}}}")
    assert _top(text)[0] is C.NON_TLS_SERVICE_ON_PORT


def test_twin_erlang_unexpected_message_alone_is_unchanged():
    text = "TLS client: In state hello at tls_record.erl:590 generated CLIENT ALERT: Fatal - " \
           "Unexpected Message"
    assert _top(text)[0] is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


@pytest.mark.parametrize("text", [
    "{error,timeout}",
    "{error,{failed_connect,[{to_address,{\"mq.example.org\",5671}},\n"
    "                        {inet,[inet],timeout}]}}",
])
def test_erlang_timeout_is_a_silent_peer(text):
    assert _top(text)[0] is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


@pytest.mark.parametrize("text", [
    "{error,closed}",
    "{error,{failed_connect,[{to_address,{\"mq.example.org\",5671}},{inet,[inet],closed}]}}",
])
def test_erlang_closed_during_connect_is_a_hangup_ranking(text):
    top, conf = _top(text)
    assert top is C.MIDDLEBOX_OR_FIREWALL_INTERFERENCE and conf < CONFIDENT


def test_twin_erlang_refused_stays_unreachable():
    assert _top("{error,econnrefused}")[0] is C.NAME_RESOLUTION_OR_UNREACHABLE


def test_erlang_own_certificate_expired_covers_not_yet_valid():
    text = ("TLS client: In state certify at ssl_handshake.erl:2094 generated CLIENT ALERT: "
            "Fatal - Certificate Expired")
    found = _ranked(text)
    ranked, (top, conf) = dict(found), _first(found)
    assert top is C.CERT_EXPIRED and conf < CONFIDENT
    assert C.CERT_NOT_YET_VALID in ranked and C.CLIENT_CLOCK_WRONG in ranked


def test_erlang_own_bad_certificate_is_not_a_host_name_failure():
    text = ("{error,{tls_alert,{bad_certificate,\"TLS client: In state certify at "
            "ssl_handshake.erl:2109 generated CLIENT ALERT: Fatal - Bad Certificate\\n\"}}}")
    found = _ranked(text)
    top, conf = _first(found)
    assert top is C.CERT_SELF_SIGNED and conf < CONFIDENT
    assert C.HOSTNAME_MISMATCH not in dict(found)


@pytest.mark.parametrize("alert", ["Certificate Expired", "Bad Certificate"])
def test_twin_erlang_alert_received_from_the_server_is_about_our_certificate(alert):
    text = f"TLS client: In state connection received SERVER ALERT: Fatal - {alert}"
    assert _top(text)[0] is C.CLIENT_CERT_REQUIRED


def test_twin_erlang_host_check_stays_definite():
    text = ("TLS client: In state certify at ssl_handshake.erl:2113 generated CLIENT ALERT: "
            "Fatal - Handshake Failure\n {bad_cert,hostname_check_failed}")
    assert _top(text) == (C.HOSTNAME_MISMATCH, 1.0)
