"""A counting TCP proxy on 127.0.0.1: how many connections a client opens, when, and
how many at once, measured on the wire rather than trusted from the client's counters.

A reset from the backend is passed on as a reset (SO_LINGER 0), so a client behind the
proxy sees what it would see from a firewall that resets it.
"""

from __future__ import annotations

import contextlib
import itertools
import select
import socket
import struct
import threading
import time
from types import TracebackType

__all__ = ["CountingProxy"]

_LIFETIME = 60.0  # the proxy shuts itself down after this, whatever the test does


class CountingProxy:
    def __init__(self, backend: tuple[str, int]) -> None:
        self.backend = backend
        self.port = 0
        # [accepted, first byte of the answer or close] monotonic times: "in flight".
        # Not [accepted, closed]: the proxy sees a close a moment after the client made
        # it, and the client may already have opened its next connection.
        self.spans: list[list[float]] = []
        self.resets = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None

    @property
    def connections(self) -> int:
        return len(self.spans)

    @property
    def starts(self) -> list[float]:
        return [s[0] for s in self.spans]

    @property
    def gaps(self) -> list[float]:
        s = self.starts
        return [b - a for a, b in itertools.pairwise(s)]

    @property
    def max_concurrent(self) -> int:
        with self._lock:
            spans = [(a, b if b else float("inf")) for a, b in self.spans]
        return max((sum(1 for a, b in spans if a <= t < b) for t, _ in spans), default=0)

    def _accept_loop(self) -> None:
        assert self._listener is not None
        end = time.monotonic() + _LIFETIME
        while not self._stop.is_set() and time.monotonic() < end:
            try:
                ready, _, _ = select.select([self._listener], [], [], 0.05)
                if not ready:
                    continue
                client, _ = self._listener.accept()
            except (OSError, ValueError):
                return
            span = [time.monotonic(), 0.0]
            with self._lock:
                self.spans.append(span)
            t = threading.Thread(target=self._pipe, args=(client, span), daemon=True)
            self._threads.append(t)
            t.start()

    def _pipe(self, client: socket.socket, span: list[float]) -> None:
        try:
            try:
                up = socket.create_connection(self.backend, timeout=5)
            except OSError:
                self._rst(client)
                return
            with up:
                socks = [client, up]
                while not self._stop.is_set():
                    ready, _, _ = select.select(socks, [], [], 0.05)
                    for s in ready:
                        try:
                            data = s.recv(65536)
                        except ConnectionResetError:
                            if s is up:
                                with self._lock:
                                    self.resets += 1
                                self._rst(client)
                            return
                        if not data:
                            return
                        if s is up and not span[1]:
                            span[1] = time.monotonic()
                        (up if s is client else client).sendall(data)
        except OSError:
            pass
        finally:
            span[1] = span[1] or time.monotonic()
            with contextlib.suppress(OSError):
                client.close()

    @staticmethod
    def _rst(sock: socket.socket) -> None:
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            sock.close()

    def __enter__(self) -> CountingProxy:
        ls = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.bind(("127.0.0.1", 0))
        ls.listen(64)
        self._listener, self.port = ls, ls.getsockname()[1]
        t = threading.Thread(target=self._accept_loop, daemon=True, name="counting-proxy")
        self._threads.append(t)
        t.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self._stop.set()
        for t in list(self._threads):
            t.join(5)
        if self._listener is not None:
            self._listener.close()
