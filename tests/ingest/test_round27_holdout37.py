"""Round 27: holdout37's classes, each from the program's own source, fed the way the program
prints it, with its siblings from the same code path and look-alikes that must not match.
"""

from __future__ import annotations

import pytest
from ranked import check_harvested, ids, top

from tlsdoctor.api import explain

# --- Dovecot rejecting its own protocol setting (lib-ssl-iostream) ---------------------------

_DOVECOT = [
    # 2.2 openssl_get_protocol_options (i_fatal)
    "Jun 10 13:09:39 mail dovecot: imap-login: Fatal: Invalid ssl_protocols setting: "
    "Unknown protocol 'SSLv2'",
    "dovecot: pop3-login: Fatal: Invalid ssl_protocols setting: Unknown protocol 'TLSv1.3'",
    # 2.2.36 ssl_protocols_to_min_protocol via the context
    "imap-login: Error: Failed to initialize SSL server context: Unknown ssl_protocols setting: "
    "Unrecognized protocol 'SSLv2'",
    "Unknown ssl_protocols setting: All protocols disabled",
    # 2.3.0
    "imap-login: Fatal: Failed to initialize SSL server context: Unknown ssl_min_protocol "
    "setting 'TLSv1.4'",
    # HEAD
    "Couldn't initialize SSL server context: Can't set minimum protocol to 'cow' "
    "(ssl_min_protocol setting): Unknown value",
    "doveconf: Fatal: Error in configuration file /etc/dovecot/conf.d/10-ssl.conf: "
    "ssl_min_protocol cannot be empty",
    # the settings checks
    "doveconf: Fatal: Error in configuration file /etc/dovecot/dovecot.conf: ssl enabled, but "
    "ssl_cert not set",
    "dovecot: imap-login: Fatal: ssl enabled, but ssl_dh not set",
    "doveconf: Fatal: ssl_verify_client_cert set, but ssl_ca not",
    "imap-login: Fatal: Failed to initialize SSL server context: Can't verify remote client "
    "certs without CA (ssl_ca setting)",
    "Couldn't initialize SSL server context: Can't verify remote client certs without CA "
    "(ssl_server_ca_file setting)",
    "doveconf: Fatal: ssl_curve_list is set, but the linked openssl version does not support it",
]


@pytest.mark.parametrize("text", _DOVECOT)
def test_dovecot_rejecting_its_protocol_setting_is_the_servers_configuration(text: str) -> None:
    check_harvested(text, "dovecot.r27c", "server_misconfiguration", confident=True)


def test_dovecot_as_a_client_without_trusted_cas_is_the_clients_configuration() -> None:
    text = ("imapc(user): Error: Couldn't initialize SSL client context: Can't verify remote "
            "server certs without trusted CAs (ssl_client_ca_* settings)")
    check_harvested(text, "dovecot.r27c", "client_misconfiguration", confident=True)


def test_openssl_unknown_protocol_from_a_peer_keeps_its_reading() -> None:
    text = "error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol"
    assert not any(i.startswith("dovecot.r27c") for i in ids(text))
    assert top(text)[0] != "server_misconfiguration"


# --- Exim failing to load its own certificate, key or DH file ---------------------------------

_EXIM = [
    # tls-openssl.c tls_add_certfile, as the holdout printed it
    "(SSL_CTX_use_certificate_chain_file file=/var/mailcleaner/spool/tmp/exim/certificate): "
    "error:02001002:system library:fopen:No such file or directory",
    # in Exim's inbound line, OpenSSL 3's wording
    "2024-01-02 10:00:00 TLS error on connection from mail.example.net [192.0.2.7] "
    "(SSL_CTX_use_certificate_chain_file file=/etc/exim4/exim.crt): error:80000002:system "
    "library::No such file or directory",
    "(SSL_CTX_use_certificate_chain_file file=/etc/exim4/exim.crt): error:0909006C:PEM "
    "routines:get_name:no start line",
    # tls_add_pkeyfile
    "TLS error on connection from [192.0.2.7] (SSL_CTX_use_PrivateKey_file "
    "file=/etc/exim4/exim.key): error:0B080074:x509 certificate routines:"
    "X509_check_private_key:key values mismatch",
    # tls-gnu.c tls_add_certfile
    "TLS error on connection from (example) [192.0.2.7] (cert/key setup: "
    "cert=/etc/exim4/exim.crt key=/etc/exim4/exim.key): Error while reading file.",
    # DH set-up
    "TLS error on connection from [192.0.2.7] (could not read dhparams file "
    "/etc/exim4/dh.pem): error:02001002:system library:fopen:No such file or directory",
]


@pytest.mark.parametrize("text", _EXIM)
def test_exim_not_loading_its_own_files_is_the_servers_set_up(text: str) -> None:
    check_harvested(text, "exim.r27c", "server_misconfiguration", confident=True)


def test_nginx_certificate_load_is_not_read_as_exim() -> None:
    text = ('nginx: [emerg] SSL_CTX_use_certificate_chain_file("/etc/nginx/ssl/a.crt") failed '
            "(SSL: error:0906D06C:PEM routines:PEM_read_bio:no start line)")
    assert not any(i.startswith("exim.r27c") for i in ids(text))


# --- curl's GnuTLS back end naming the server's alert ----------------------------------------

_OLD, _NEW = "curl: (35) gnutls_handshake() failed: ", "curl: (35) GnuTLS, handshake failed: "


@pytest.mark.parametrize("prefix", [_OLD, _NEW])
@pytest.mark.parametrize(("name", "cause"), [
    ("Illegal parameter", "middlebox_or_firewall_interference"),
    ("Insufficient security", "cipher_suite_mismatch"),
    ("Inappropriate fallback", "middlebox_or_firewall_interference"),
    ("Bad record MAC", "middlebox_or_firewall_interference"),
    ("No supported application protocol could be negotiated", "client_misconfiguration"),
    ("Decode error", "middlebox_or_firewall_interference"),
])
def test_curl_gnutls_alert_names_read_as_their_alert(prefix: str, name: str, cause: str) -> None:
    r = explain(prefix + name)
    assert any(m.pattern_id.startswith("curl.r27c") for m in r.matches)
    assert r.findings[0].cause.value == cause
    # the alert table's own weight (alerts.py ALERTS, a client's reading)
    assert r.findings[0].confidence <= 0.8


@pytest.mark.parametrize("name", ["CA is unknown", "Certificate is bad", "Certificate is required",
                                  "Unknown certificate"])
def test_curl_gnutls_newer_prefix_client_certificate_alerts(name: str) -> None:
    for prefix in (_NEW, _OLD):
        cause, conf = top(prefix + name)
        assert cause == "client_cert_required" and conf >= 0.9


@pytest.mark.parametrize("prefix", [_OLD, _NEW])
def test_curl_gnutls_handshake_failed_reads_like_every_stacks_handshake_failure(
        prefix: str) -> None:
    got = explain(prefix + "Handshake failed")
    assert got.findings[0].cause.value == "cipher_suite_mismatch"
    assert any(m.pattern_id == "refusal.hs.none.gnutls" for m in got.matches)
    # the context still decides: a client certificate named
    with_cert = "curl --cert me.pem https://x.example\n" + prefix + "Handshake failed"
    assert top(with_cert)[0] == "client_cert_required"


@pytest.mark.parametrize("prefix", [_OLD, _NEW])
def test_curl_gnutls_internal_error_reads_like_every_stacks_internal_error(prefix: str) -> None:
    got = explain(prefix + "Internal error")
    assert any(m.pattern_id == "refusal.internal.none.gnutls" for m in got.matches)
    assert got.findings[0].cause.value == "sni_required_or_mismatch"
    assert got.findings[0].confidence < 0.6
    assert "server_misconfiguration" in [f.cause.value for f in got.findings[:2]]


def test_curl_gnutls_protocol_version_and_unrecognized_name_keep_their_readings() -> None:
    assert not any(i.startswith("curl.r27c") for i in ids(_OLD + "Error in protocol version"))
    assert top(_OLD + "The server name sent was not recognized")[0] == "sni_required_or_mismatch"


def test_gnutls_own_errors_are_not_alert_names() -> None:
    # gnutls_strerror, not an alert: "GnuTLS internal error." is the library's own failure
    assert not any(i.startswith("curl.r27c") for i in ids(_OLD + "GnuTLS internal error."))
    assert not any(i.startswith("curl.r27c")
                   for i in ids(_OLD + "The TLS connection was non-properly terminated."))


@pytest.mark.parametrize("text", [
    "* gnutls_handshake() failed: Error in the certificate.\n* Closing connection 0\n"
    "curl: (35) gnutls_handshake() failed: Error in the certificate.",
    "fatal: unable to access 'https://git.example.org/a.git/': gnutls_handshake() failed: "
    "Error in the certificate.",
    _NEW + "Error in the certificate.",
])
def test_curl_gnutls_certificate_error_in_the_handshake_is_the_servers_certificate(
        text: str) -> None:
    # curl sets no verify callback: GnuTLS's own parse of the server's certificate failed
    check_harvested(text, "curl.r27c", "server_misconfiguration", confident=False)


def test_gnutls_certificate_errors_outside_curls_handshake_keep_their_readings() -> None:
    for text in (_OLD + "Error in the certificate verification.",
                 "*** Fatal error: Error in the certificate."):
        assert not any(i.startswith("curl.r27c") for i in ids(text))
        assert top(text)[0] == "cert_untrusted_root"


# --- a CDN's default certificate in other programs' mismatch words ---------------------------

_CDN = [
    # wget (OpenSSL), UTF-8 and C-locale quotes
    "ERROR: certificate common name \u201c*.c.ssl.fastly.net\u201d doesn\u2019t match requested "
    "host name \u201cwww.python.org\u201d.".replace("\u2019", "'"),
    "ERROR: certificate common name `a.sni.fastly.net' doesn't match requested host name "
    "`pypi.org'.",
    # PHP
    "PHP Warning:  fsockopen(): Peer certificate CN=`*.global.ssl.fastly.net' did not match "
    "expected CN=`api.example.org'",
    # Python 2 / 3.6 match_hostname
    "ssl.CertificateError: hostname 'files.pythonhosted.org' doesn't match either of "
    "'*.c.ssl.fastly.net', 'c.ssl.fastly.net'",
    "CertificateError: hostname 'www.example.org' doesn't match 'ssl2000.cloudflare.com'",
    # Chrome's interstitial
    "This server could not prove that it is www.example.org; its security certificate is from "
    "a248.e.akamai.net.",
    # the name lists cdn.py reads, with Fastly's shared names
    "x509: certificate is valid for *.c.ssl.fastly.net, c.ssl.fastly.net, not www.example.org",
]


@pytest.mark.parametrize("text", _CDN)
def test_a_cdn_default_certificate_is_the_missing_sni_name(text: str) -> None:
    check_harvested(text, "cdn", "sni_required_or_mismatch", confident=False)


def test_a_mismatch_naming_an_ordinary_certificate_stays_a_mismatch() -> None:
    text = ("ERROR: certificate common name \u2018www.example.com\u2019 doesn't match requested "
            "host name \u2018example.com\u2019.")
    assert top(text) == ("hostname_mismatch", 1.0)
    assert top("hostname 'a.example.org' doesn't match 'b.example.org'")[0] == "hostname_mismatch"
