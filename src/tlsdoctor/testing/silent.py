"""A TCP listener on 127.0.0.1 that accepts and holds connections without a word: what a
client sees of a server that never answers its hello (and where a client loads its own
files after connecting, before any TLS byte comes back)."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager

__all__ = ["silent_listener"]


@contextmanager
def silent_listener(limit: int = 16) -> Iterator[int]:
    """Yield the port of a listener that accepts and holds at most ``limit`` connections
    until the block ends; every socket is closed on the way out."""
    srv = socket.socket()
    srv.bind(("127.0.0.1", 0))
    srv.listen(limit)
    srv.settimeout(0.2)
    held: list[socket.socket] = []
    stop = threading.Event()

    def run() -> None:
        while not stop.is_set() and len(held) < limit:
            try:
                conn, _ = srv.accept()
            except OSError:
                continue
            held.append(conn)

    t = threading.Thread(target=run, daemon=True)
    t.start()
    try:
        yield int(srv.getsockname()[1])
    finally:
        stop.set()
        t.join(timeout=5)
        for c in held:
            c.close()
        srv.close()
