"""Round 25: misses of the real-world set whose cause is in the posted words, fixed by class
(docs/explain-upstream.md "Round 25: in-text misses"; patterns/words25.py). Each text is built
from the program's own format strings and catalogs (sources in words25.py's docstring), not
from a thread's text; each class has a twin without its cue that must keep its old reading.
"""

from __future__ import annotations

import pytest
from ranked import causes, top

# -- Conversations: TLS_ERROR_DOMAIN, the account status after its domain check -------------


@pytest.mark.parametrize("status", ["Domain not verifiable", "Domain nicht überprüfbar"])
def test_conversations_domain_status_is_the_certificates_names(status: str) -> None:
    assert top(status)[0] == "hostname_mismatch"


def test_conversations_other_tls_status_is_not_the_names() -> None:
    # account_status_tls_error: the handshake or the trust failed, not the domain check
    assert "hostname_mismatch" not in causes("TLS negotiation failed")


# -- MariaDB Connector/C: my_auth.c's sentence, whole or cut after its head --------------------

@pytest.mark.parametrize("tail", ["", ": The certificate is NOT trusted."])
def test_connector_c_verification_failure_is_an_untrusted_certificate(tail: str) -> None:
    text = f"ERROR 2026 (HY000): TLS/SSL error: Certificate verification failure{tail}"
    assert top(text) == ("cert_untrusted_root", 0.45)


def test_connector_c_other_tls_error_is_not_a_certificate() -> None:
    got = causes("ERROR 2026 (HY000): TLS/SSL error: Connection reset by peer (104)")
    assert "cert_untrusted_root" not in got and "cert_self_signed" not in got


# -- JSSE (javax.net.debug, JDK 8): the server's first record back is an older version's alert --

def _jsse(mine: str, back: str, alert: str, between: str = "") -> str:
    return (f"main, WRITE: {mine} Handshake, length = 195\n{between}"
            f"main, READ: {back} Alert, length = 2\n"
            f"main, RECV {mine} ALERT:  fatal, {alert}\n"
            "main, called closeSocket()\n"
            "main, handling exception: javax.net.ssl.SSLHandshakeException: Received fatal "
            f"alert: {alert}\n")


@pytest.mark.parametrize("mine,back,alert", [
    ("TLSv1.2", "TLSv1", "handshake_failure"),
    ("TLSv1.2", "TLSv1.1", "close_notify"),
    ("TLSv1.1", "SSLv3", "close_notify"),
])
def test_jsse_alert_in_an_older_record_is_the_servers_old_protocol(
        mine: str, back: str, alert: str) -> None:
    assert top(_jsse(mine, back, alert))[0] == "protocol_version_mismatch"


def test_jsse_alert_in_the_offered_version_is_not_read_as_the_version() -> None:
    # the twin: the same refusal in the record version the client offered
    assert top(_jsse("TLSv1.2", "TLSv1.2", "handshake_failure"))[0] != \
        "protocol_version_mismatch"


def test_jsse_alert_after_a_server_hello_is_not_read_as_the_version() -> None:
    # a ServerHello read first: the version was negotiated (down), the alert came later
    hello = "main, READ: TLSv1 Handshake, length = 81\n*** ServerHello, TLSv1\n"
    assert top(_jsse("TLSv1.2", "TLSv1", "handshake_failure", between=hello))[0] != \
        "protocol_version_mismatch"


# -- wget: a body without a length, ended by a close without close_notify ------------------------

_WGET = ("--2024-01-01 10:00:00--  https://files.internal.lan/data.bin\n"
         "HTTP request sent, awaiting response... 200 OK\n")


@pytest.mark.parametrize("error", [
    "The TLS connection was non-properly terminated.",
    "error:0A000126:SSL routines::unexpected eof while reading",
])
def test_wget_read_error_without_a_length_is_the_servers_close(error: str) -> None:
    text = (_WGET + "Length: unspecified [application/octet-stream]\n"
            f"2024-01-01 10:00:01 (1.2 MB/s) - Read error at byte 5120 ({error}).Retrying.\n")
    assert top(text)[0] == "server_misconfiguration"


def test_wget_read_error_with_a_length_is_not_read_as_the_servers_close() -> None:
    # "at byte N/M": the body had a length and was cut before it (the path's first)
    text = (_WGET + "Length: 10240 (10K) [application/octet-stream]\n"
            "2024-01-01 10:00:01 (1.2 MB/s) - Read error at byte 5120/10240 (The TLS "
            "connection was non-properly terminated.). Retrying.\n")
    assert top(text)[0] != "server_misconfiguration"


# -- FileZilla: the data connection closed without a TLS shutdown, and the transfer failed ------

_FZ = ("Command:\tMLSD\nResponse:\t150 Opening data connection.\n"
       "Error:\tGnuTLS error -110 in gnutls_record_recv: The TLS connection was non-properly "
       "terminated.\n")


@pytest.mark.parametrize("status", [
    "Status:\tServer did not properly shut down TLS connection",
    "Statut :\tLe serveur n'a pas correctement fermé la connexion TLS",
    "Status:\tServer hat die TLS-Verbindung nicht ordnungsgemäß geschlossen",
])
def test_filezilla_failed_transfer_after_the_servers_close_is_the_server(status: str) -> None:
    text = (_FZ + status + "\nError:\tCould not read from transfer socket: ECONNABORTED - "
            "Connection aborted\nResponse:\t226 Closing data connection.\n")
    assert top(text)[0] == "server_misconfiguration"


def test_filezilla_status_alone_is_not_read_as_the_server() -> None:
    # the same close on a listing that went through: FileZilla logs it and goes on
    text = (_FZ + "Status:\tServer did not properly shut down TLS connection\n"
            "Response:\t226 Closing data connection.\n"
            "Status:\tDirectory listing of \"/\" successful\n")
    assert top(text)[0] != "server_misconfiguration"


# -- Go's "expired or not yet valid" with no time, for a big public host: the clock first ------

_GO_EITHER = "x509: certificate has expired or is not yet valid"


def test_go_either_without_times_for_a_big_public_host_is_the_clock() -> None:
    # golang/go crypto/x509/verify.go in older Go releases (before golang/go#34646): no
    # "current time X is after Y"
    text = f"Get https://registry-1.docker.io/v2/: {_GO_EITHER}"
    assert top(text) == ("client_clock_wrong", 0.5)


@pytest.mark.parametrize("host", ["192.168.1.10:5000", "registry.corp.lan", ""])
def test_go_either_without_times_for_another_host_keeps_the_expiry(host: str) -> None:
    text = f"Get https://{host}/v2/: {_GO_EITHER}" if host else _GO_EITHER
    assert top(text)[0] == "cert_expired"


def test_go_either_with_its_times_for_a_big_public_host_keeps_what_the_times_say() -> None:
    text = (f"Get https://registry-1.docker.io/v2/: {_GO_EITHER}: current time "
            "2024-03-03T19:26:48Z is after 2023-04-05T04:57:34Z")
    assert top(text)[0] == "cert_expired"
