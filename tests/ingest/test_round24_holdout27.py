"""Round 24, holdout27's classes (docs/explain-upstream.md, "Round 24: holdout27's classes").

The texts are built from each program's own format strings (the tables record path and
commit or document):

A. A received bad_record_mac (alerts.py; RFC 8446 §6.2: never seen between proper
   implementations except when the network corrupted the records): the path first, the
   peer's crypto second, this side's third, below 0.6. Before: the path at 0.7 (IBM MQ's
   queue manager with failing ICSF crypto answered wrongly and confidently).
B. mbedTLS's MBEDTLS_ERR_SSL_INVALID_MAC (-0x7180, "SSL - Verification of the message MAC
   failed", judgement/mbedtls.py): the same ranking for a MAC this side could not verify.
   Before: the path at 0.6 and the client's own crypto (a device's toolchain) not ranked.
C. Chromium's ERR_CERT_VALIDITY_TOO_LONG (-213, judgement/chrome.py and chrome.py): raised
   only for a "known" root, which a store built from the system's files makes of any root
   there: a self-made certificate first, below 0.6. Before: the server's setting at 1.0.
D. vCenter vpxd's "Certificate [Subject: ...] from store TRUSTED_ROOTS will expire on <date>"
   (words24d.py; Broadcom KB 326288, 403980): a CA of its trust store lapsing. Before: with
   the verify failure, the "enterprise" CA name read as interception at 0.7.
E. A hashed certificate directory's "<dir>/<subject hash>.0" file missing (words24d.py;
   OpenSSL crypto/x509/by_dir.c names): the CA the chain needs is not in the store. Before:
   no finding.
F. Citrix Receiver's "SSL Error 61" (words24d.py; Citrix CTX101990): the client lacks the
   root or intermediate of the gateway certificate's CA. Before: a generic "cannot connect"
   reading, the client's setting at 0.55.
G. A log line's capitalised "Connecting to <host>:<port>" names the port for the not-TLS
   and close readings (plain_context.py): mbedTLS's MBEDTLS_ERR_SSL_CONN_EOF (-0x7280, "SSL
   - The connection indicated an EOF") after connecting to MQTT's plain port 1883 is TLS
   spoken to a plain service. Before: the port was not read (lower case only), a middlebox
   first.
"""

from __future__ import annotations

import pytest
from ranked import causes as _causes
from ranked import causes_and_top as _causes_and_top
from ranked import top as _top


@pytest.mark.parametrize("text", [
    "javax.net.ssl.SSLException: Received fatal alert: bad_record_mac",
    "curl: (56) OpenSSL SSL_read: error:0A0003FC:SSL routines::sslv3 alert bad record mac, "
    "errno 0",
])
def test_a_received_bad_record_mac_is_a_ranking_with_either_ends_crypto(text: str) -> None:
    causes, (top, conf) = _causes_and_top(text)
    assert top == "middlebox_or_firewall_interference" and conf < 0.6, causes
    assert {"server_misconfiguration", "client_misconfiguration"} <= set(causes), causes


@pytest.mark.parametrize("text", [
    "mbedtls_ssl_handshake returned -0x7180",
    "E (12034) esp-tls-mbedtls: mbedtls_ssl_handshake returned -0x7180\n"
    "E (12044) esp-tls: Failed to open new connection",
    "mbedtls_ssl_read returned -29056: SSL - Verification of the message MAC failed",
])
def test_mbedtls_invalid_mac_ranks_the_devices_own_crypto(text: str) -> None:
    causes, (_, conf) = _causes_and_top(text)
    assert conf < 0.6, causes
    assert "client_misconfiguration" in causes, causes


@pytest.mark.parametrize("text", [
    "[0101/000000.000000:ERROR:ssl_client_socket_impl.cc(992)] handshake failed; returned -1, "
    "SSL error code 1, net_error -213",
    "NET::ERR_CERT_VALIDITY_TOO_LONG",
])
def test_chromium_validity_too_long_is_a_self_made_certificate_first(text: str) -> None:
    causes, (top, conf) = _causes_and_top(text)
    assert (top, conf < 0.6) == ("cert_self_signed", True), causes
    assert "server_misconfiguration" in causes


def test_vpxd_trusted_roots_expiry_with_a_verify_failure_is_expiry() -> None:
    text = ("2024-05-01T10:00:00.000Z warning vpxd[04524] [Originator@6876 sub=IO.Connection] "
            "Failed to SSL handshake; SSL(<io_obj p:0x00007f, h:52, <TCP '127.0.0.1 : 443'>>), "
            "e: N7Vmacore3Ssl12SSLExceptionE(SSL Exception: error:0A000086:SSL routines::"
            "certificate verify failed)\n"
            "2024-05-01T10:00:01.000Z warning vpxd[04524] [Originator@6876 sub=Main "
            "opID=CheckCertificateExpiry-7460ee5a] Certificate [Subject: CN=Corp Enterprise "
            "Root CA, DC=corp, DC=example] from store TRUSTED_ROOTS will expire on 2024-04-30")
    assert _top(text)[0] == "cert_expired", _causes(text)


@pytest.mark.parametrize("text", [
    "+-> Error: file '/usr/local/ssl/certs/eb20b578.0' missing!",
    "file /etc/ssl/certs/4a6481c9.0 not found",
])
def test_a_missing_hash_link_is_the_chains_ca_missing_from_the_store(text: str) -> None:
    causes, (top, _) = _causes_and_top(text)
    assert top == "cert_untrusted_root", causes
    assert "incomplete_chain" in causes, causes


def test_a_hash_named_file_elsewhere_is_not_read_as_a_store() -> None:
    # a hash-like name without "missing"/"not found" says nothing of a chain
    assert "incomplete_chain" not in _causes("loaded /etc/ssl/certs/4a6481c9.0")


@pytest.mark.parametrize("text", [
    "Cannot connect to the Citrix XenApp Server. SSL Error 61: You have not chosen to trust "
    "\"DigiCert Global Root G2\", the issuer to the server's security certificate.",
    "The server certificate received is not trusted (SSL Error 61)",
])
def test_citrix_ssl_error_61_is_the_gateways_ca_missing_on_the_client(text: str) -> None:
    causes, (top, _) = _causes_and_top(text)
    assert top == "cert_untrusted_root", causes
    assert "incomplete_chain" in causes, causes


def test_a_capitalised_connecting_to_names_a_plain_port() -> None:
    text = ("I (3844) example: Connecting to 192.168.1.20:1883...\n"
            "I (3850) example: Connected.\n"
            "E (3854) example: mbedtls_ssl_handshake returned -0x7280")
    assert _top(text)[0] == "non_tls_service_on_port", _causes(text)


def test_a_capitalised_connecting_to_a_tls_port_stays_a_close() -> None:
    text = ("I (3844) example: Connecting to 192.168.1.20:8883...\n"
            "E (3854) example: mbedtls_ssl_handshake returned -0x7280")
    assert _top(text)[0] != "non_tls_service_on_port", _causes(text)
