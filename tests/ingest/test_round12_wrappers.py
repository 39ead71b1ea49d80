"""Round 12: programs that wrap a TLS library in their own words (OpenVPN, stunnel, msmtp,
Mutt, fetchmail, the monitoring plugins, Zabbix, Squid, Envoy, mosquitto), each printed
form with the program's own prefixes and layout, and twins that must not move.

Every harvested entry alone runs in tests/ingest/upstream/test_upstream_corpus.py; the
live programs in test_explain_client_matrix.py (check_http, check_curl, stunnel, msmtp)
and test_openvpn_pair.py.
"""

from __future__ import annotations

import pytest

from tlsdoctor.api import explain

_OVPN_FAIL = ("2026-12-05 10:00:00 OpenSSL: error:0A000086:SSL routines::certificate verify "
              "failed:\n2026-12-05 10:00:00 TLS_ERROR: BIO read tls_read_plaintext error\n"
              "2026-12-05 10:00:00 TLS Error: TLS object -> incoming plaintext read error\n"
              "2026-12-05 10:00:00 TLS Error: TLS handshake failed")

# (printed text, source that must be reported, top cause)
PRINTED = [
    ("2026-12-05 10:00:00 VERIFY ERROR: depth=0, error=certificate has expired: CN=server, "
     "serial=2\n" + _OVPN_FAIL, "openvpn", "cert_expired"),
    ("2026-12-05 10:00:00 VERIFY KU ERROR\n" + _OVPN_FAIL, "openvpn", "cert_wrong_purpose"),
    ("2026-12-05 10:00:00 VERIFY X509NAME ERROR: CN=server, must be vpn.example.com",
     "openvpn", "hostname_mismatch"),
    ("2026-12-05 10:00:00 VERIFY CRL: depth=0, CN=client1, serial=3 is revoked", "openvpn",
     "cert_revoked"),
    ("2026-12-05 10:00:00 TLS Error: TLS key negotiation failed to occur within 60 seconds "
     "(check your network connectivity)\n2026-12-05 10:00:00 TLS Error: TLS handshake failed",
     "openvpn", "middlebox_or_firewall_interference"),
    ("2026-12-05 10:00:00 TLS Error: incoming packet authentication failed from "
     "[AF_INET]192.0.2.1:1194", "openvpn", "client_misconfiguration"),
    ("2026-12-05 10:00:00 Cannot load certificate file client.crt\n2026-12-05 10:00:00 "
     "Exiting due to fatal error", "openvpn", "client_misconfiguration"),
    ("2026.12.05 10:00:00 LOG4[0]: CERT: Pre-verification error: certificate has expired\n"
     "2026.12.05 10:00:00 LOG4[0]: Rejected by CERT at depth=0: CN=localhost\n"
     "2026.12.05 10:00:00 LOG3[0]: SSL_connect: ssl/statem/statem_clnt.c:1889: "
     "error:0A000086:SSL routines::certificate verify failed", "stunnel", "cert_expired"),
    ("2026.12.05 10:00:00 LOG4[0]: CERT: Subject checks failed\n2026.12.05 10:00:00 LOG4[0]: "
     "Rejected by CERT at depth=0: CN=wrong.example.test", "stunnel", "hostname_mismatch"),
    ("2026.12.05 10:00:00 LOG3[0]: SSL_connect: Peer suddenly disconnected", "stunnel",
     "middlebox_or_firewall_interference"),
    ("msmtp: TLS certificate verification failed: the certificate hasn't got a known issuer\n"
     "msmtp: could not send mail (account default from /home/u/.msmtprc)", "msmtp",
     "cert_untrusted_root"),
    ("msmtp: TLS certificate verification failed: the certificate owner does not match "
     "hostname mail.example.com", "msmtp", "hostname_mismatch"),
    ("msmtp: TLS certificate verification failed: certificate 1 of 1 has expired", "msmtp",
     "cert_expired"),
    ("Certificate host check failed: certificate owner does not match hostname "
     "imap.example.com", "mutt", "hostname_mismatch"),
    ("WARNING: Server hostname does not match certificate", "mutt", "hostname_mismatch"),
    ("fetchmail: Broken certification chain at: /CN=mail.example.com", "fetchmail",
     "incomplete_chain"),
    ("fetchmail: mail.example.com fingerprints do not match!", "fetchmail",
     "server_misconfiguration"),
    ("CRITICAL - Certificate 'www.example.com' expired on 2026-01-01 00:00 +0000.",
     "monitoring_plugins", "cert_expired"),
    ("WARNING - Certificate 'www.example.com' expires in 10 day(s) (2026-12-15 00:00 +0000).",
     "monitoring_plugins", "cert_expiring_soon"),
    ("CRITICAL - Socket timeout after 10 seconds", "monitoring_plugins",
     "middlebox_or_firewall_interference"),
    ("  1234:20261205:100000.000 failed to accept an incoming connection: from 192.0.2.7: "
     "certificate issuer does not match", "zabbix", "server_misconfiguration"),
    ("SQUID_X509_V_ERR_DOMAIN_MISMATCH", "squid", "hostname_mismatch"),
    ("verify cert failed: SAN matcher, certificate SANs are [DNS:other.example.com]", "envoy",
     "hostname_mismatch"),
    ("upstream connect error or disconnect/reset before headers. reset reason: connection "
     "failure, transport failure reason: TLS_error:|268435581:SSL routines:OPENSSL_internal:"
     "CERTIFICATE_VERIFY_FAILED:verify cert failed: X509_verify_cert: certificate verification "
     "error at depth 0: certificate has expired:TLS_error_end", "envoy", "cert_expired"),
    ('Error: Unable to load CA certificates, check cafile "/etc/mosquitto/ca.crt".',
     "mosquitto", "client_misconfiguration"),
]


@pytest.mark.parametrize(("text", "source", "cause"), PRINTED,
                         ids=[f"{p[1]}:{p[0][20:60]}" for p in PRINTED])
def test_each_program_is_read_in_its_own_words(text: str, source: str, cause: str) -> None:
    r = explain(text)
    assert r.findings, text
    assert r.source == source, (r.source, r.meaning)
    assert r.findings[0].cause.value == cause, (r.meaning, [f.cause.value for f in r.findings])


def test_the_leaf_depth_makes_an_expiry_certain_and_a_bare_or_deeper_one_stays_a_ranking() -> None:
    leaf = explain("VERIFY ERROR: depth=0, error=certificate has expired: CN=server, serial=2")
    assert leaf.findings[0].cause.value == "cert_expired" and leaf.findings[0].confidence >= 0.8
    for twin in ("certificate has expired",
                 "VERIFY ERROR: depth=1, error=certificate has expired: CN=ca, serial=1"):
        r = explain(twin)
        assert r.findings[0].cause.value == "cert_expired", twin
        assert r.findings[0].confidence < 0.6, twin  # an old store's root reads the same


def test_a_received_alert_reads_by_the_side_squid_and_zabbix_say_they_are() -> None:
    alert = "error:0A000416:SSL routines::sslv3 alert certificate unknown"
    bare = explain(alert)  # nothing says who printed it: both readings, neither confident
    assert bare.side == "unknown"
    assert {"client_cert_required", "cert_untrusted_root"} <= {f.cause.value
                                                               for f in bare.findings}
    assert bare.findings[0].confidence <= 0.55
    server = explain(f"Error negotiating SSL connection on FD 15: {alert} (1/0)")
    assert server.findings[0].cause.value == "cert_untrusted_root"
    assert server.findings[0].confidence > bare.findings[0].confidence


@pytest.mark.parametrize("text", [
    "2026-12-05 10:00:00 VERIFY OK: depth=0, O=example, CN=server",
    "OK - Certificate 'www.example.com' will expire on Sun Dec  5 20:50:27 2027 +0000.",
    "2026.12.05 10:00:00 LOG5[0]: Connection closed: 35 byte(s) sent to TLS, 5047 byte(s) "
    "sent to socket",
    "2026-12-05 10:00:00 TLS: tls_multi_process: initial untrusted session promoted to trusted",
])
def test_success_and_debug_lines_explain_nothing(text: str) -> None:
    assert not explain(text).findings, explain(text).meaning


def test_generic_lines_stay_rankings() -> None:
    for text in ("TLS Error: TLS handshake failed", "Error: A TLS error occurred.",
                 "2026.12.05 10:00:00 LOG5[0]: Connection reset: 0 byte(s) sent to TLS, "
                 "0 byte(s) sent to socket"):
        r = explain(text)
        assert r.findings and r.findings[0].confidence < 0.6, (text, r.meaning)


def test_zabbix_two_words_do_not_take_openssls_longer_reason() -> None:
    r = explain("error:0A000136:SSL routines::missing psk kex modes extension")
    assert r.source != "zabbix", r.meaning
