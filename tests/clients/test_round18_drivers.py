"""Round 18's drivers without their programs: how a runtime's result lines are read, the
CONNECT tunnel wget goes through, skipping with a reason, and the client error table rows."""

from __future__ import annotations

import socket
import threading

import pytest

from tlsdoctor.realclients import runtimes, tools
from tlsdoctor.realclients.base import parse_tab_lines
from tlsdoctor.realclients.compare import error_causes
from tlsdoctor.realclients.scenarios import SCENARIOS, LiveScenario
from tlsdoctor.realclients.tunnel import connect_proxy

LIVE = tuple(LiveScenario(scenario=s, host="site.localhost", port=1) for s, _ in SCENARIOS[:3])


def test_tab_lines_attach_the_runtime_log_to_the_next_failure():
    text = ("healthy\tok\t\n"
            "=NOTICE REPORT==== 6-Dec-2026 ===\n"
            "TLS client: generated CLIENT ALERT: Fatal - Certificate Expired\n"
            "\n"
            "expired\tfail\t{error,{tls_alert,{certificate_expired,\"...\"}}}\n"
            "junk line without tabs\n")
    out = parse_tab_lines("erlang", text, LIVE)
    assert out["healthy"].connected and out["healthy"].error == ""
    assert not out["expired"].connected
    assert out["expired"].error.startswith("{error,{tls_alert,{certificate_expired")
    assert "Fatal - Certificate Expired" in out["expired"].error
    assert "=NOTICE" not in out["expired"].error
    # a scenario the program never reached is a failure that says so
    assert out["not-yet-valid"].error == "(the client printed no result)"


def _serve_once(answer: bytes) -> tuple[socket.socket, threading.Thread]:
    srv = socket.create_server(("127.0.0.1", 0))

    def run() -> None:
        conn, _ = srv.accept()
        with conn:
            conn.recv(100)
            conn.sendall(answer)
    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return srv, thread


def test_tunnel_connects_any_name_to_loopback_only():
    srv, thread = _serve_once(b"pong")
    port = srv.getsockname()[1]
    with connect_proxy() as url, socket.create_connection(
            ("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=5) as c:
        c.sendall(f"CONNECT far.away.example:{port} HTTP/1.1\r\n\r\n".encode())
        assert c.recv(100).startswith(b"HTTP/1.1 200")
        c.sendall(b"ping")
        assert c.recv(100) == b"pong"  # the name was ignored: 127.0.0.1 answered
    thread.join(timeout=5)
    srv.close()


def test_tunnel_refuses_anything_but_connect():
    with connect_proxy() as url, socket.create_connection(
            ("127.0.0.1", int(url.rsplit(":", 1)[1])), timeout=5) as c:
        c.sendall(b"GET http://example.test/ HTTP/1.1\r\n\r\n")
        assert c.recv(100).startswith(b"HTTP/1.1 405")


@pytest.mark.parametrize("driver", [
    tools.OpenSslSClient(), tools.GnutlsCli(), tools.NssTstclnt(), tools.Wget(),
    runtimes.Php(), runtimes.Ruby(), runtimes.Perl(), runtimes.Erlang(), runtimes.Mono()],
    ids=lambda d: d.name)
def test_a_missing_program_is_a_reason_not_an_error(driver, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    reason = driver.available()
    assert reason and reason.startswith("not installed:"), reason


@pytest.mark.parametrize("client, text, cause", [
    ("gnutls", "*** Fatal error: The handshake data size is too large.",
     "server_misconfiguration"),
    ("wget", "GnuTLS: received alert [40]: Handshake failed", "cipher_suite_mismatch"),
    # wget names expired/unknown issuer/...; a status it has no words for is "not trusted" alone
    ("wget", "ERROR: The certificate of 'site.localhost' is not trusted.",
     "ocsp_must_staple_missing"),
    ("php", "stream_socket_client(): SSL operation failed with code 1. OpenSSL Error messages: "
            "error:0A000086:SSL routines::certificate verify failed", "weak_signature_or_key"),
    ("wget", "Read error (The TLS connection was non-properly terminated.) in headers. | "
             "Giving up.", "client_cert_required"),
    ("wget", "2026-12-06 14:13:01 (0.00 B/s) - Read error at byte 0 (The TLS connection was "
             "non-properly terminated.). | Giving up.", "client_cert_required"),
    ("perl", "the server closed the connection after the handshake (read returned 0)",
     "client_cert_required"),
    ("erlang", "{error,{send_failed,{error,closed}}}", "client_cert_required"),
])
def test_round18_error_texts(client, text, cause):
    assert cause in error_causes(client, text)


def test_wget_naming_its_reason_is_not_widened():
    text = ("ERROR: The certificate of 'site.localhost' is not trusted. | "
            "ERROR: The certificate of 'site.localhost' has expired.")
    assert "ocsp_must_staple_missing" not in error_causes("wget", text)
    assert "cert_expired" in error_causes("wget", text)


def test_wget_keeps_every_line_but_its_progress():
    err = ("--2026-12-06 14:10:00--  https://site.localhost:1/\n"
           "Loaded CA certificate '/tmp/x/root.pem'\n"
           "Connecting to 127.0.0.1:37749... connected.\n"
           "Proxy request sent, awaiting response... 200 ok\n"
           "Read error (The TLS connection was non-properly terminated.) in headers.\n"
           "Giving up.\n\n")
    assert tools._lines(err, tools._WGET_SAID) == (
        "Read error (The TLS connection was non-properly terminated.) in headers. | Giving up.")
    # a failed read ends the request's own status line (seen under load, client-cert)
    err = ("Proxy request sent, awaiting response... Read error (A TLS fatal alert has been "
           "received.) in headers.\nGiving up.\n")
    said = tools._lines(err, tools._WGET_SAID)
    assert said.startswith("Proxy request sent, awaiting response... Read error (A TLS fatal")
    assert "client_cert_required" in error_causes("wget", said)
