"""Probe-test helpers: run a coroutine with a hard time limit; a tiny HTTP CONNECT proxy."""

from __future__ import annotations

import asyncio
import contextlib
import select
import socket
import threading
import time
from collections.abc import Coroutine, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

T = TypeVar("T")


def run(coro: Coroutine[Any, Any, T], limit: float = 20.0) -> T:
    """asyncio.run with an outer bound, so a hung probe fails the test instead of CI."""
    return asyncio.run(asyncio.wait_for(coro, limit))


@dataclass
class Proxy:
    port: int
    deny: bool = False
    requests: list[bytes] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


def _pipe(a: socket.socket, b: socket.socket, stop: threading.Event, end: float) -> None:
    while not stop.is_set() and time.monotonic() < end:
        ready, _, _ = select.select([a, b], [], [], 0.05)
        for s in ready:
            data = s.recv(65536)
            if not data:
                return
            (b if s is a else a).sendall(data)


@contextlib.contextmanager
def connect_proxy(*, deny: bool = False) -> Iterator[Proxy]:
    """A loopback HTTP CONNECT proxy (RFC 9110 §9.3.6) in a thread; bounded, joined on exit."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(16)
    proxy = Proxy(port=ls.getsockname()[1], deny=deny)
    stop = threading.Event()
    threads: list[threading.Thread] = []

    def handle(c: socket.socket) -> None:
        end = time.monotonic() + 10
        with c:
            c.settimeout(5)
            head = b""
            with contextlib.suppress(OSError):
                while b"\r\n\r\n" not in head and len(head) < 8192:
                    chunk = c.recv(1024)
                    if not chunk:
                        return
                    head += chunk
            proxy.requests.append(head)
            line = head.split(b"\r\n", 1)[0].split()
            if proxy.deny or len(line) != 3 or line[0] != b"CONNECT":
                c.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
                return
            host, _, port = line[1].decode().rpartition(":")
            try:
                up = socket.create_connection((host.strip("[]"), int(port)), timeout=5)
            except OSError:
                c.sendall(b"HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n")
                return
            with up:
                c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
                with contextlib.suppress(OSError):
                    _pipe(c, up, stop, end)

    def serve() -> None:
        while not stop.is_set():
            ready, _, _ = select.select([ls], [], [], 0.05)
            if ready:
                c, _ = ls.accept()
                t = threading.Thread(target=handle, args=(c,), daemon=True)
                threads.append(t)
                t.start()

    acceptor = threading.Thread(target=serve, daemon=True)
    acceptor.start()
    try:
        yield proxy
    finally:
        stop.set()
        acceptor.join(5)
        ls.close()
        for t in threads:
            t.join(5)


@contextlib.contextmanager
def blackhole() -> Iterator[int]:
    """A port whose accept queue is full: further SYNs are dropped (connect timeout)."""
    ls = socket.socket()
    ls.bind(("127.0.0.1", 0))
    ls.listen(0)
    port = ls.getsockname()[1]
    filler = socket.create_connection(("127.0.0.1", port), timeout=2)
    try:
        yield port
    finally:
        filler.close()
        ls.close()


def closed_port() -> int:
    """A loopback port with nothing listening (bound then released)."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port
