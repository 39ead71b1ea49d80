"""Round 13, plaintext on a TLS port (patterns/plaintext.py): either side's words that one
side spoke TLS and the other did not read `non_tls_service_on_port` first, whoever printed
them; a server's log that a client sent plain text is never the server's misconfiguration.

The audit enumerates the class (stack x wording x context: bare, inside a log line or an
exception wrapper); real programs prove the wordings on 127.0.0.1 (psql against PostgreSQL
with ssl = off, curl http:// against nginx's TLS port, smtplib against an SMTP server that
offers no STARTTLS).
"""

from __future__ import annotations

import importlib.util
import shutil
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import stop
from tlsdoctor.testing.servers import free_port, have_nginx, nginx_tls_server

# The client asked for TLS; the service on the port has none.
NOT_OFFERED = {
    "libpq": "server does not support SSL, but SSL was required",
    "libmysql": "ERROR 2026 (HY000): SSL connection error: SSL is required but the server "
                "doesn't support it",
    "mariadb": "ERROR 2026 (HY000): TLS/SSL error: SSL is required, but the server does not "
               "support it",
    "pgjdbc": "org.postgresql.util.PSQLException: The server does not support SSL.",
    "node-postgres": "Error: The server does not support SSL connections",
    "lib/pq": "pq: SSL is not enabled on the server",
    "pgx": "failed to connect to `host=db user=app database=app`: tls error (server refused "
           "TLS connection)",
    "asyncpg": 'ConnectionError: PostgreSQL server at "db:5432" rejected SSL upgrade',
    "smtplib": "smtplib.SMTPNotSupportedError: STARTTLS extension not supported by server.",
}
# A TLS server's log: the client's bytes were not TLS.
PEER_PLAINTEXT = {
    "elasticsearch-http": "received plaintext http traffic on an https channel, closing "
                          "connection Netty4HttpChannel{localAddress=0.0.0.0/0.0.0.0:9200, "
                          "remoteAddress=/10.1.2.3:54694}",
    "elasticsearch-transport": "received plaintext traffic on an encrypted channel, closing "
                               "connection Netty4TcpChannel{localAddress=/10.0.0.1:9300}",
    "dragonfly": "ERR Bad TLS header, double check if you enabled TLS for your client.",
    "netty": "io.netty.handler.ssl.NotSslRecordException: not an SSL/TLS record: "
             "474554202f20485454502f312e310d0a",
    "nginx-page": "<html><head><title>400 The plain HTTP request was sent to HTTPS port"
                  "</title></head>",
    "nginx-log": "2024/01/01 10:00:00 [info] 12#12: *5 client sent plain HTTP request to HTTPS "
                 "port while reading client request headers, client: 10.1.2.3",
    "redis": "1:M 01 Jan 2024 10:00:00.000 # Error accepting a client connection: "
             "error:0A00010B:SSL routines::wrong version number (conn: fd=8)",
    "go-server": "2021/01/18 11:15:58 http: TLS handshake error from 10.62.120.248:22022: tls: "
                 "first record does not look like a TLS handshake",
}
CONTEXTS = {
    "bare": "{}",
    "log line": "2024-03-01T10:00:00.123Z ERROR [app] {}",
    "wrapped": "Traceback (most recent call last):\n  File \"app.py\", line 3, in <module>\n{}",
}


def _top(text: str) -> tuple[str, float, str]:
    r = explain(text)
    if not r.findings:
        return "-", 0.0, "-"
    f = r.findings[0]
    return f.cause.value, f.confidence, f.who_fixes.value


@pytest.mark.parametrize("ctx", CONTEXTS)
@pytest.mark.parametrize("stack", NOT_OFFERED)
def test_audit_a_port_without_tls_in_the_clients_words(stack: str, ctx: str) -> None:
    cause, conf, _ = _top(CONTEXTS[ctx].format(NOT_OFFERED[stack]))
    # ranked: whether the service or the client's port/requirement changes is not said
    assert cause == "non_tls_service_on_port" and conf < 0.6


@pytest.mark.parametrize("ctx", CONTEXTS)
@pytest.mark.parametrize("stack", PEER_PLAINTEXT)
def test_audit_plaintext_received_in_a_servers_words(stack: str, ctx: str) -> None:
    r = explain(CONTEXTS[ctx].format(PEER_PLAINTEXT[stack]))
    assert r.findings and r.findings[0].cause.value == "non_tls_service_on_port"
    # never the server's own setup: it did what it should with bytes that are not TLS
    assert all(f.cause.value != "server_misconfiguration" for f in r.findings)


def test_audit_size() -> None:
    # 9 client wordings + 8 server wordings, 3 contexts each (round 13 start: 4 of 17
    # wordings read non_tls_service_on_port first, 4 were server_misconfiguration or
    # client_misconfiguration first, 9 were not recognised)
    assert len(NOT_OFFERED) * len(CONTEXTS) + len(PEER_PLAINTEXT) * len(CONTEXTS) == 51


def test_twins_that_must_not_move() -> None:
    # a PostgreSQL port that answered the SSLRequest with something else is not PostgreSQL
    # at all: still certain
    cause, conf, _ = _top('psql: error: connection to server at "db" (10.1.2.3), port 5432 '
                          "failed: received invalid response to SSL negotiation: H")
    assert cause == "non_tls_service_on_port" and conf >= 0.8
    # a server that does speak TLS but with no version in common is not this class
    assert _top("pq: SSL is not enabled on the client")[0] != "non_tls_service_on_port"
    assert _top("ERROR 2026 (HY000): SSL connection error: protocol version mismatch")[0] \
        == "protocol_version_mismatch"


# -- real programs -------------------------------------------------------------------


@pytest.mark.skipif(not (have_nginx() and shutil.which("curl")), reason="nginx or curl missing")
def test_real_curl_http_to_nginx_tls_port(tmp_path: Path) -> None:
    ca = CA(name="plaintext round 13 root")
    chain, key = ca.issue(["localhost"]).write(tmp_path)
    with nginx_tls_server(chain, key) as srv:
        p = subprocess.run(["curl", "-sS", "--max-time", "5", f"http://127.0.0.1:{srv.port}/"],
                           stdin=subprocess.DEVNULL, capture_output=True, timeout=20, text=True)
        srv.stop()
        log = srv.log()
    assert "The plain HTTP request was sent to HTTPS port" in p.stdout
    assert _top(p.stdout)[0] == "non_tls_service_on_port"
    assert _top(log)[0] == "non_tls_service_on_port"  # nginx's own error log, same class


def _smtpd_unavailable() -> str | None:
    # deprecated, gone in Python 3.12: found, not imported (importing it warns)
    if importlib.util.find_spec("smtpd") is None:
        return "Python's smtpd module is not available"
    return None


@pytest.mark.skipif(_smtpd_unavailable() is not None, reason=str(_smtpd_unavailable()))
def test_real_smtplib_starttls_against_a_plain_smtp_server() -> None:
    port = free_port()
    server = subprocess.Popen([sys.executable, "-W", "ignore", "-m", "smtpd", "-n", "-c",
                               "DebuggingServer", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        code = (f"import smtplib\ns = smtplib.SMTP('127.0.0.1', {port}, timeout=5)\n"
                "s.starttls()\n")
        p = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                           timeout=20, stdin=subprocess.DEVNULL)
    finally:
        stop(server)
    assert "STARTTLS extension not supported by server" in p.stderr
    cause, conf, _ = _top(p.stderr)
    assert cause == "non_tls_service_on_port" and conf < 0.6
