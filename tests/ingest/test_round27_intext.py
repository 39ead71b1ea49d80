"""Round 27: misses of the real-world set whose cause is in the posted words, fixed by class
(patterns/words27.py, ingest/plain_context.py, ingest/side.py), and the honest attribution of
words many programs print (ingest/messages.py lead(), docs/explain-upstream.md "Round 27:
in-text misses and attribution"). Each text is built from the program's own format strings
(sources next to the data) and its variants, not only from a thread's text; each class has
look-alikes that must not be read as it.
"""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from ranked import ids, top

from tlsdoctor.api import explain
from tlsdoctor.cli import main
from tlsdoctor.ingest.patterns import all_patterns

# -- Go's host-name error for an address, retyped ---------------------------------------------


@pytest.mark.parametrize("text", [
    # golang/go src/crypto/x509/verify.go HostnameError.Error, without its prefix
    "cannot validate certificate for 10.0.0.5 because it doesn't contain any IP SANs",
    # retyped: a space before the colon, a capital, a placeholder for the address
    "x509 : Cannot validate certificate for [IP] because it doesn't contain any IP SANs",
    "Cannot validate certificate for <ip> because it doesn\u2019t contain any IP SANs",
    "error: cannot validate certificate for 192.168.1.10 because it doesnt contain any IP SANs",
])
def test_go_ip_san_sentence_retyped_is_the_name_check(text: str) -> None:
    r = explain(text)
    assert r.source == "go"
    assert top(text)[0] == "hostname_mismatch"


def test_go_ip_san_sentence_as_printed_stays_golangs_row() -> None:
    text = ("x509: cannot validate certificate for 10.0.0.5 because it doesn't contain any "
            "IP SANs")
    assert top(text) == ("hostname_mismatch", 1.0)
    assert not any(i.startswith("go.r27.") for i in ids(text))


# -- name resolution in testssl.sh's and check_ssl_cert's own words ----------------------------


@pytest.mark.parametrize("text,source", [
    # testssl.sh @ 10af3702 fatal(): "Fatal error: $1"
    ('Fatal error: No IPv4/IPv6 address(es) for "external.site.com" available', "testssl"),
    ("Fatal error: No IPv4/IPv6 address(es) for intranet.example available", "testssl"),
    # check_ssl_cert @ 912f23e9: critical "${SHORTNAME} CRITICAL: ${RESOLVE_ERROR}"
    ("SSL_CERT CRITICAL: Cannot resolve my.example.org", "check_ssl_cert"),
    ("SSL_CERT CRITICAL: Cannot resolve my.example.org (no A record)", "check_ssl_cert"),
    ("SSL_CERT CRITICAL: Cannot resolve my.example.org (no AAAA record)", "check_ssl_cert"),
    ("[DBG] number of errors = 0 SSL_CERT CRITICAL: Cannot resolve www.example.net over HTTP "
     "using https://dns.example/dns-query", "check_ssl_cert"),
])
def test_checkers_resolver_failures(text: str, source: str) -> None:
    assert explain(text).source == source
    assert top(text) == ("name_resolution_or_unreachable", 1.0)


def test_testssl_family_only_scan_is_resolution_first_below_certainty() -> None:
    # testssl.sh @ 9fdf8028: fatal_cmd_line "No IPv4 addresses available, but IPv4-only ..."
    text = "Fatal error: No IPv6 addresses available, but IPv6-only scan requested"
    assert top(text) == ("name_resolution_or_unreachable", 0.7)


def test_a_bare_cannot_resolve_is_not_check_ssl_cert() -> None:
    assert explain("Cannot resolve my.example.org").source != "check_ssl_cert"


# -- OpenSSL's wrong signature type ------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "error:1414D172:SSL routines:tls12_check_peer_sigalg:wrong signature type",
    "URL error 35: error:1414D172:SSL routines:tls12_check_peer_sigalg:wrong signature type",
    "curl: (35) error:0A000172:SSL routines::wrong signature type",
    "ssl.SSLError: [SSL: WRONG_SIGNATURE_TYPE] wrong signature type (_ssl.c:1123)",
])
def test_wrong_signature_type_is_the_peers_signature(text: str) -> None:
    cause, conf = top(text)
    assert cause == "weak_signature_or_key" and conf < 0.6


def test_wrong_signature_length_is_not_read_as_it() -> None:
    text = "error:1414D108:SSL routines:tls12_check_peer_sigalg:wrong signature length"
    assert top(text)[0] != "weak_signature_or_key"


# -- GnuTLS's expired-chain sentence retyped ---------------------------------------------------


@pytest.mark.parametrize("text", [
    "The certificate chain uses expires cerificate.",
    "The certificate chain uses expird certificate",
    "Certificate verification failed: The certificate is NOT Trusted.\n[...]\n"
    "The certificate chain uses expires cerificate.",
])
def test_gnutls_expired_sentence_retyped(text: str) -> None:
    r = explain(text)
    assert r.source == "gnutls"
    assert top(text)[0] == "cert_expired"


def test_gnutls_expired_sentence_as_printed_stays_gnutls_row() -> None:
    text = "The certificate chain uses expired certificate."
    assert not any(i.startswith("gnutls.r27.") for i in ids(text))
    assert top(text)[0] == "cert_expired"


def test_another_gnutls_status_is_not_the_expired_one() -> None:
    assert top("The certificate chain uses not yet valid certificate.")[0] != "cert_expired"


def test_a_server_products_shared_words_do_not_make_a_server_log() -> None:
    # apt over GnuTLS: "Certificate verification failed" is also in Exim's table (a server
    # product); read as a server's log it was the client's certificate at 1.0
    text = ("Certificate verification failed: The certificate is NOT Trusted. The certificate "
            "chain uses expired certificate.  Could not handshake: Error in the certificate "
            "verification.")
    r = explain(text)
    assert r.side != "server"
    assert top(text)[0] == "cert_expired"


# -- libmosquitto's TLS error on MQTT's plain port ---------------------------------------------

_RECORDER = ("ot-recorder[2340]: connecting to MQTT on {host}:{port} as clientID ot-recorder-vps "
             "with TLS\nUnable to connect (8) [A TLS error occurred.]: unknown reason.\n")


def test_tls_to_mqtts_plain_port_is_the_port() -> None:
    text = _RECORDER.format(host="127.0.0.1", port=1883)
    assert explain(text).side == "client"
    assert top(text) == ("non_tls_service_on_port", 0.55)


def test_tls_to_mqtt_plain_port_with_the_brokers_log() -> None:
    # eclipse/mosquitto src/net.c 1.x "New connection from %s on port %d."
    text = (_RECORDER.format(host="mqtt.example.org", port=1883)
            + "\nMosquitto logs:\n1458919365: New connection from 10.0.0.7 on port 1883.\n"
              "1458919365: Socket error on client <unknown>, disconnecting.\n")
    assert top(text)[0] == "non_tls_service_on_port"


def test_mosquitto_tls_error_on_the_tls_port_is_not_the_port() -> None:
    text = _RECORDER.format(host="mqtt.example.org", port=8883)
    assert top(text)[0] != "non_tls_service_on_port"


def test_mosquitto_tls_error_alone_is_not_the_port() -> None:
    assert top("Error: A TLS error occurred.")[0] != "non_tls_service_on_port"


# -- attribution: words many programs print name no program ------------------------------------

_GENERIC = ["SSL Handshake Failed", "SSL handshake failed", "SSL Handshake failed.",
            "TLS handshake failed", "Error: TLS handshake failed",
            "Download failed: SSL handshake failed", "Network error: SSL handshake failed",
            "https://1.1.1.1:443 TLS handshake failed"]


def _tables_reading_alike(text: str) -> set[str]:
    """The program tables (not libraries, not readings) with a row that matches ``text``."""
    return {p.source for p in all_patterns() if p.regex.search(text)} - {
        "system", "openssl", "tls_alert", "gnutls", "go", "java", "node", "python", "nss"}


@pytest.mark.parametrize("text", _GENERIC)
def test_generic_words_name_no_program(text: str) -> None:
    r = explain(text)
    alike = _tables_reading_alike(text)
    assert len(alike) >= 2, alike  # several programs' tables read these words
    assert r.source not in alike
    assert r.source == ""
    assert not any(name in r.meaning for name in ("Kafka", "Qt", "libpurple", "msmtp",
                                                  "mosquitto"))
    assert r.findings  # still read, as the generic wording


@pytest.mark.parametrize("text", ["SSL handshake error", "TLS handshake error",
                                  "_do_handshake: TLS handshake error"])
def test_the_generic_wording_alone_names_no_one(text: str) -> None:
    # patterns/system.py's "generic wording" row: it was "system", which named the OS
    assert explain(text).source == ""


def test_generic_words_in_the_terminal_and_in_json() -> None:
    out = CliRunner().invoke(main, ["explain", "SSL Handshake Failed"]).output
    assert "Recognised (no program named)" in out
    assert "Recognised (kafka)" not in out and "Kafka" not in out.splitlines()[0]
    got = json.loads(CliRunner().invoke(main, ["explain", "--json", "SSL Handshake Failed"])
                     .output)
    assert set(got) == {"input", "recognized", "source", "meaning", "findings", "next"}
    assert got["recognized"] is True and got["source"] == ""
    assert got["findings"] and isinstance(got["meaning"], str) and got["meaning"]


@pytest.mark.parametrize("text,source", [
    # a library's words, also in a program's table: the library
    ("Certificate verification failed", "openssl"),
    ("ssl handshake failure", "openssl"),
    ("SSL_ERROR_SYSCALL", "openssl"),
    ("x509: certificate signed by unknown authority", "go"),
    # Node's code (OpenSSL's name as Node prints it) stays Node's
    ("CERT_HAS_EXPIRED", "node"),
    # an alert's name in a program's table: the protocol's
    ("SSL/TLS handshake failure", "tls_alert"),
    ("SSL handshake failed: tlsv1 alert unknown ca", "tls_alert"),
])
def test_shared_words_name_the_library_family(text: str, source: str) -> None:
    assert explain(text).source == source


@pytest.mark.parametrize("text,source", [
    # its own words, or its own context around the shared ones
    ("org.apache.kafka.common.errors.SslAuthenticationException: SSL handshake failed", "kafka"),
    ("Irssi: warning SSL handshake failed: wrong version number", "irssi"),
    ("QNetworkReply: SSL handshake failed", "qt"),
    ("Mar 21 15:02:28 lb1 haproxy[914]: 172.21.6.4:14396 [21/Mar/2024:15:02:28.275] "
     "my_proxy/1: SSL handshake failure", "haproxy"),
    ('Server web1 is DOWN, reason: Layer6 invalid response, info: "SSL handshake failure"',
     "haproxy"),
    ("2024/01/02 03:04:05 http: TLS handshake error from 10.0.0.9:51234: EOF", "go"),
    ("Error: pinging container registry registry.example:5000: missing client certificate "
     "client.cert for key client.key", "containers_image"),
    ("06/12/2026 11:40:00 The certificate's owner does not match hostname 'vnc.example'",
     "libvnc"),
    ("(14:11:39) flist: Web Request failed with error message: Unable to connect to "
     "www.example.com: SSL Handshake Failed", "libpurple"),
    ("The certificate's owner does not match hostname \u2018www.example.org\u2019", "wget"),
    ("ERROR:  You must add /O=Cisco/CN=Cisco Umbrella Root CA to your local trusted store",
     "rubygems"),
])
def test_own_words_or_context_name_the_program(text: str, source: str) -> None:
    assert explain(text).source == source


def test_a_reading_across_stacks_is_not_the_program() -> None:
    # sni.py reads the default certificate's name; the words are Go's
    text = ("Error response from daemon: Get https://harbor.example.com/v2/: x509: certificate "
            "is valid for ingress.local, not harbor.example.com")
    assert explain(text).source == "go"
