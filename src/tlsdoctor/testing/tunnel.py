"""An HTTP CONNECT proxy on 127.0.0.1 that tunnels every CONNECT to one loopback port.

Some findings depend on the port a person asked for (a plaintext answer on 443, a TLS port,
reads as a listener without TLS: diagnosis/rules/non_tls_service_on_port.py), and tests may
not take port 443 on a shared machine. Through this proxy ``diagnose HOST:443 --proxy`` and
``curl --proxy`` reach the real server on its free port, as on the real machine; the proxy
ignores the CONNECT's host and port. Bounded: at most ``max_tunnels`` tunnels, each closed
after ``idle`` seconds without bytes.
"""

from __future__ import annotations

import contextlib
import select
import socket
import threading
from collections.abc import Iterator

from .servers import HOST

__all__ = ["connect_tunnel"]


def _pipe(a: socket.socket, b: socket.socket, idle: float) -> None:
    with a, b:
        while True:
            ready, _, _ = select.select([a, b], [], [], idle)
            if not ready:
                return
            for src in ready:
                dst = b if src is a else a
                try:
                    data = src.recv(65536)
                    if not data:
                        return
                    dst.sendall(data)
                except OSError:
                    return


def _tunnel(conn: socket.socket, backend: list[int], idle: float) -> None:
    conn.settimeout(idle)
    head = b""
    with contextlib.suppress(OSError):
        while b"\r\n\r\n" not in head and len(head) < 8192:
            chunk = conn.recv(4096)
            if not chunk:
                break
            head += chunk
    if not head.startswith(b"CONNECT ") or b"\r\n\r\n" not in head:
        conn.close()
        return
    try:
        upstream = socket.create_connection((HOST, backend[0]), timeout=idle)
        conn.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
    except OSError:
        with contextlib.suppress(OSError):
            conn.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
        conn.close()
        return
    _pipe(conn, upstream, idle)


@contextlib.contextmanager
def connect_tunnel(backend: list[int], *, max_tunnels: int = 500,
                   idle: float = 10.0) -> Iterator[str]:
    """The proxy's URL; each CONNECT goes to ``HOST:backend[0]`` (read per tunnel, so a
    test can move the server). Stopped, with its listener closed, on leaving."""
    listener = socket.create_server((HOST, 0))
    listener.settimeout(0.2)
    done = threading.Event()

    def serve() -> None:
        for _ in range(max_tunnels):
            while not done.is_set():
                try:
                    conn, _ = listener.accept()
                    break
                except TimeoutError:
                    continue
                except OSError:
                    return
            else:
                return
            threading.Thread(target=_tunnel, args=(conn, backend, idle), daemon=True).start()

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{listener.getsockname()[1]}"
    finally:
        done.set()
        thread.join(timeout=5)
        listener.close()
