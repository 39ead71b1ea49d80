"""A CONNECT proxy on 127.0.0.1 for clients that have no way to be told an address.

wget resolves the URL's host itself and has no ``--resolve``; the scenario name
(``site.localhost``) resolves nowhere. Through ``https_proxy`` wget asks this proxy to
``CONNECT site.localhost:PORT``; the proxy connects to 127.0.0.1:PORT (never anywhere
else) and relays bytes both ways. The TLS handshake, SNI and the name checked are the
client's own, end to end. Bounded: each tunnel lives at most ``LIFETIME`` seconds.

Some findings depend on the port a person asked for (a plaintext answer on 443, a TLS port,
is a listener without TLS), and tests may not take port 443 on a shared machine: given a
``backend``, the proxy sends every CONNECT to that port instead of the one it names, so
``diagnose HOST:443 --proxy`` and ``curl --proxy`` reach the real server on its free port.
"""

from __future__ import annotations

import contextlib
import socket
import socketserver
import threading
from collections.abc import Iterator

LIFETIME = 30.0  # seconds one tunnel may stay open


def _relay(a: socket.socket, b: socket.socket) -> None:
    with contextlib.suppress(OSError):
        while True:
            data = a.recv(65536)
            if not data:
                break
            b.sendall(data)
    with contextlib.suppress(OSError):
        b.shutdown(socket.SHUT_WR)


class _Handler(socketserver.BaseRequestHandler):
    def handle(self) -> None:
        client: socket.socket = self.request
        client.settimeout(LIFETIME)
        head = b""
        while b"\r\n\r\n" not in head and len(head) < 8192:
            chunk = client.recv(4096)
            if not chunk:
                return
            head += chunk
        words = head.split(b"\r\n", 1)[0].split()
        if len(words) < 2 or words[0] != b"CONNECT" or not words[1].rpartition(b":")[2].isdigit():
            client.sendall(b"HTTP/1.1 405 CONNECT only\r\n\r\n")
            return
        backend: list[int] | None = getattr(self.server, "backend", None)
        port = backend[0] if backend else int(words[1].rpartition(b":")[2])
        try:
            upstream = socket.create_connection(("127.0.0.1", port), timeout=LIFETIME)
        except OSError:
            client.sendall(b"HTTP/1.1 502 Bad Gateway\r\n\r\n")
            return
        with upstream:
            client.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            back = threading.Thread(target=_relay, args=(upstream, client), daemon=True)
            back.start()
            _relay(client, upstream)
            back.join(timeout=LIFETIME)


class _Server(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True
    backend: list[int] | None = None


@contextlib.contextmanager
def connect_proxy(backend: list[int] | None = None) -> Iterator[str]:
    """A running proxy; yields its URL (``http://127.0.0.1:PORT``). Stopped on exit.
    ``backend``: every CONNECT goes to 127.0.0.1:``backend[0]``, whatever port it names (read
    per tunnel, so a test can move the server)."""
    server = _Server(("127.0.0.1", 0), _Handler)
    server.backend = backend
    thread = threading.Thread(target=server.serve_forever, daemon=True,
                              name="tlsdoctor-connect-proxy")
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
