"""Round 22, holdout22's two confidently wrong classes (docs/explain-upstream.md, "Round 22:
holdout22's classes").

A. A refusal of a peer without the secure-renegotiation indication (RFC 5746): the peer is an
   old server OR an inspecting middlebox answering for it, so no stack's wording of it may
   name the server at 0.6, and the middlebox is among the readings. The texts come from the
   real programs (Python's ssl and openssl s_client on this machine's OpenSSL 3) against a
   peer on 127.0.0.1 whose ServerHello carries no renegotiation_info, as such a server or
   middlebox sends.
B. An OpenSSL 1.0.x server's "SSL23_GET_CLIENT_HELLO:unknown protocol": raised for bytes that
   are no hello AND for a TLS hello below every enabled version (openssl/openssl
   6bfe55380abbf7528e04e59f18921bd6c896af1c ssl/s23_srvr.c, ssl23_get_client_hello: "if
   ((type < 1) || (type > 3))"), so neither reading at 0.6. No 1.0.x server runs here: the
   lines are ERR_error_string's 1.0.x form ("error:%08lX:%s:%s:%s", crypto/err/err.c) inside
   each server's own log wording (nginx src/event/ngx_event_openssl.c ngx_ssl_handshake /
   ngx_ssl_error; Mosquitto src/net_mosq.c "OpenSSL Error: %s"; stunnel src/log.c
   sslerror_queue "SSL_accept: ...").
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import ssl
import struct
import subprocess
import threading

import pytest

from tlsdoctor.api import explain

_SUITES = (b"\xc0\x2f", b"\xc0\x30", b"\xc0\x2b", b"\x00\x9c")


def _read(conn: socket.socket, n: int) -> bytes:
    got = b""
    while len(got) < n:
        chunk = conn.recv(n - len(got))
        if not chunk:
            raise ConnectionError("client left")
        got += chunk
    return got


def _server_hello_without_ri(conn: socket.socket) -> None:
    """Answer one ClientHello with a TLS 1.2 ServerHello that has no extensions at all."""
    conn.settimeout(5)
    hello = _read(conn, struct.unpack(">H", _read(conn, 5)[3:5])[0])
    at = 4 + 2 + 32
    at += 1 + hello[at]
    size = struct.unpack(">H", hello[at:at + 2])[0]
    offered = {hello[at + 2 + i:at + 4 + i] for i in range(0, size, 2)}
    suite = next(s for s in _SUITES if s in offered)
    body = b"\x03\x03" + os.urandom(32) + b"\x00" + suite + b"\x00"
    msg = b"\x02" + struct.pack(">I", len(body))[1:] + body
    conn.sendall(b"\x16\x03\x03" + struct.pack(">H", len(msg)) + msg)
    with contextlib.suppress(OSError):
        conn.recv(100)


def _against_peer_without_ri(client) -> str:  # type: ignore[no-untyped-def]
    """Run ``client(port)`` against one such peer; the text it printed."""
    with socket.create_server(("127.0.0.1", 0)) as listener:
        listener.settimeout(10)

        def serve() -> None:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            with conn, contextlib.suppress(OSError, StopIteration):
                _server_hello_without_ri(conn)

        thread = threading.Thread(target=serve, daemon=True)
        thread.start()
        try:
            return str(client(listener.getsockname()[1]))
        finally:
            thread.join(10)


def _python(port: int) -> str:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False
    ctx.verify_mode = ssl.CERT_NONE
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            ctx.wrap_socket(sock, server_hostname="localhost")
    except ssl.SSLError as err:
        return f"ssl.SSLError: {err}"
    return "connected"


def _s_client(port: int) -> str:
    out = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}"],
                         stdin=subprocess.DEVNULL, capture_output=True, timeout=15, check=False)
    return (out.stdout + out.stderr).decode(errors="replace")


@pytest.fixture(scope="module")
def refusals() -> list[str]:
    texts = [_against_peer_without_ri(_python)]
    if shutil.which("openssl"):
        texts.append(_against_peer_without_ri(_s_client))
    return texts


def test_a_client_refusing_a_peer_without_ri_names_no_one_at_0_6(refusals) -> None:
    for text in refusals:
        assert "unsafe legacy renegotiation disabled" in text, text
        r = explain(text)
        causes = [f.cause.value for f in r.findings]
        assert r.findings[0].cause.value == "server_misconfiguration", (text, causes)
        assert r.findings[0].confidence < 0.6, (text, r.findings[0])
        assert "middlebox_or_firewall_interference" in causes, (text, causes)


@pytest.mark.parametrize("text", [
    "curl: (35) gnutls_handshake() failed: Safe renegotiation failed.",
    "gnutls_handshake() failed: Unsafe renegotiation denied.",
    "wolfSSL_connect error -270, SECURE_RENEGOTIATION_E",
])
def test_every_stacks_wording_of_it_reads_the_same(text: str) -> None:
    r = explain(text)
    assert r.findings and r.findings[0].confidence < 0.6, (text, r.findings)
    assert "middlebox_or_firewall_interference" in [f.cause.value for f in r.findings]


def test_a_server_refusing_a_client_without_ri_still_blames_the_client() -> None:
    text = ("Jan 22 22:02:18 mail imaps[1234]: SSL_accept() failed: error:0A000152:SSL "
            "routines::unsafe legacy renegotiation disabled")
    r = explain(text)
    assert r.findings[0].cause.value == "client_misconfiguration"
    assert r.findings[0].confidence < 0.6


_LINE = "error:140760FC:SSL routines:SSL23_GET_CLIENT_HELLO:unknown protocol"
_SERVER_LOGS = [
    f"2024/01/02 10:11:12 [info] 31963#31963: *11 SSL_do_handshake() failed (SSL: {_LINE}) "
    "while SSL handshaking, client: 192.0.2.7, server: 0.0.0.0:443",
    f"1503753981: OpenSSL Error: {_LINE}",
    f"2024.01.02 10:11:12 LOG3[1:2]: SSL_accept: 140760FC: {_LINE}",
    _LINE,
]


@pytest.mark.parametrize("text", _SERVER_LOGS)
def test_an_old_servers_unknown_protocol_is_a_plaintext_client_or_an_old_version(
        text: str) -> None:
    r = explain(text)
    causes = {f.cause.value: f.confidence for f in r.findings}
    assert r.findings[0].confidence < 0.6, (text, causes)
    assert causes.get("non_tls_service_on_port", 0) >= 0.4, causes
    assert causes.get("protocol_version_mismatch", 0) >= 0.4, causes


def test_a_clients_unknown_protocol_keeps_the_plaintext_reading() -> None:
    r = explain("error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol")
    assert r.findings[0].cause.value == "non_tls_service_on_port"
    assert r.findings[0].confidence >= 0.6


# C. Zabbix's refusal of a connection type the receiving side does not accept (zabbix/zabbix
# 5417729eabc3f1d141fe3a79e9140f30caa7189a src/libs/zbxdbwrap/proxy.c: the host's
# tls_accept, a passive proxy's TLSAccept), with zbx_tcp_connection_type_name's names and
# the log's "pid:date:time" prefix; it was in no table (unrecognised before round 22).
_ZABBIX = [
    '  1234:20261205:205307.123 connection of type "TLS with PSK" is not allowed for host '
    '"Zabbix server"',
    '  1234:20261205:205307.123 connection of type "unencrypted" is not allowed for host '
    '"web01"',
    '  2345:20261205:205307.123 proxy data request over connection of type "TLS with '
    'certificate" is not allowed from server "192.0.2.1" by proxy configuration parameter '
    '"TLSAccept"',
]


@pytest.mark.parametrize("text", _ZABBIX)
def test_zabbix_refusing_a_connection_type_is_either_sides_setting(text: str) -> None:
    r = explain(text)
    causes = {f.cause.value: f.confidence for f in r.findings}
    assert r.recognized and r.findings[0].cause.value == "server_misconfiguration", causes
    assert r.findings[0].confidence < 0.6
    assert causes.get("client_misconfiguration", 0) >= 0.4, causes
