"""A cheap TLS server farm on loopback: thousands of endpoints in one asyncio event loop.

Each endpoint is its own listener on some 127.0.x.y address and port (the addresses of
127.0.0.0/8 all reach the loopback interface on Linux), with one behaviour:

    healthy     TLS 1.2/1.3, a valid certificate for *.fleet.test, answers HTTP with a Date
    renewed     the same with another certificate, valid 400 days longer
    expiring    the same with a certificate that expires in 10 days
    expired     the same, with a certificate that expired two days ago
    wrong_host  a valid certificate for www.other.test
    tls10       TLS 1.0 only (legacy suites, OpenSSL security level 0)
    no_answer   accepts, reads the hello, never answers (closes after ``hold`` seconds)
    reset       reads the hello, then resets the connection (RST)

Certificates come from ``tlsdoctor.testing.ca`` (one CA for the farm; ``root_pem`` is the
--ca-file). ``switch(i, kind)`` changes endpoint i among the certificate kinds (healthy,
renewed, expiring, expired, wrong_host) while it keeps its port: its server picks the
certificate per connection (an SNI callback, which OpenSSL calls with or without SNI). Connections per endpoint are counted (``connections``). Bounded: a lifetime,
a hold cap, and every listener and connection closed by ``stop()``, which also removes the
farm's directory (its certificates and keys, ``dir``).

In-process: ``with Farm(kinds) as farm: farm.endpoints``. As a separate process (the
benchmark): ``python farm.py N [--mix healthy=70,expired=6,...]`` prints one JSON line
(the layout) and serves until its standard input closes.
"""

from __future__ import annotations

import asyncio
import contextlib
import itertools
import json
import resource
import shutil
import socket
import ssl
import struct
import sys
import tempfile
import threading
import warnings
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta
from email.utils import formatdate
from pathlib import Path
from typing import Any

from tlsdoctor.testing.ca import CA

KINDS = ("healthy", "renewed", "expiring", "expired", "wrong_host", "tls10", "no_answer", "reset")
SWITCHABLE = ("healthy", "renewed", "expiring", "expired", "wrong_host")
# The benchmark's mix, per 100 endpoints (issue 13: "70% healthy").
DEFAULT_MIX = {"healthy": 70, "expired": 6, "wrong_host": 6, "tls10": 6, "no_answer": 6, "reset": 6}
PORTS_PER_ADDRESS = 10


@dataclass(frozen=True, slots=True)
class FarmEndpoint:
    name: str  # the host name to ask for (SNI, hostname check)
    address: str  # 127.0.x.y
    port: int
    kind: str

    def inventory_line(self, ca_file: str) -> str:
        return f"{self.name}:{self.port} --connect {self.address} --ca-file {ca_file} #{self.kind}"


def mixed_kinds(n: int, mix: dict[str, int] | None = None) -> list[str]:
    """``n`` behaviours in the proportions of ``mix``, interleaved (not in blocks)."""
    mix = mix or DEFAULT_MIX
    total = sum(mix.values())
    cycle = [k for k, w in mix.items() for _ in range(w)]
    # interleave: spread each kind evenly over the cycle
    order = sorted(range(total), key=lambda i: (i * 37) % total)
    cycle = [cycle[i] for i in order]
    return [cycle[i % total] for i in range(n)]


def _contexts(ca: CA, directory: Path) -> dict[str, ssl.SSLContext]:
    def ctx(leaf: Any, *, tls10: bool = False) -> ssl.SSLContext:
        c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        chain, key = leaf.write(directory)
        c.load_cert_chain(chain, key)
        if tls10:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                c.minimum_version = c.maximum_version = ssl.TLSVersion.TLSv1
            c.set_ciphers("ALL:@SECLEVEL=0")
        return c

    names = ("*.fleet.test", "localhost")
    return {
        "healthy": ctx(ca.issue(names)),
        "renewed": ctx(ca.issue(names, not_after=timedelta(days=765))),
        "expiring": ctx(ca.issue(names, not_after=timedelta(days=10))),
        "expired": ctx(ca.issue(names, not_before=timedelta(days=-400),
                                not_after=timedelta(days=-2))),
        "wrong_host": ctx(ca.issue(("www.other.test",))),
        "tls10": ctx(ca.issue(names), tls10=True),
    }


def _fresh_context(placeholder: tuple[Path, Path]) -> ssl.SSLContext:
    """A fresh server context (its own SNI callback) with a throw-away certificate: the
    callback installs the endpoint's real context before the certificate is sent."""
    c = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    c.load_cert_chain(*placeholder)
    return c


class Farm:
    """The servers for ``kinds`` (one endpoint each), in a thread with its own loop."""

    def __init__(self, kinds: list[str], *, hold: float = 30.0, lifetime: float = 900.0,
                 first_address: int = 1, ports_per_address: int = PORTS_PER_ADDRESS) -> None:
        self.kinds, self.hold, self.lifetime = list(kinds), hold, lifetime
        self.first_address, self.ports_per_address = first_address, ports_per_address
        self._contexts: dict[str, ssl.SSLContext] = {}
        self.dir = Path(tempfile.mkdtemp(prefix="tlsdoctor-farm-"))
        self.ca = CA(name="tlsdoctor farm root CA")
        self.root_pem = str(self.ca.write(self.dir / "root.pem"))
        # The switching endpoints' throw-away certificate, written once into ``dir``: one per
        # farm (a cache keyed by the CA's id() could hand a later farm, whose CA reuses a
        # collected one's id, a file of a farm whose directory is gone).
        self._placeholder: tuple[Path, Path] | None = None
        self.endpoints: list[FarmEndpoint] = []
        self.connections: Counter[tuple[str, int]] = Counter()
        self._loop = asyncio.new_event_loop()
        self._servers: list[asyncio.base_events.Server] = []
        self._conns: set[asyncio.Task[None]] = set()
        self._thread = threading.Thread(target=self._run, daemon=True, name="tlsdoctor-farm")
        self._ready = threading.Event()
        self._error: BaseException | None = None

    # --- lifecycle -----------------------------------------------------------------------

    def __enter__(self) -> Farm:
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
        self._thread.start()
        self._ready.wait(120)
        if self._error is not None:
            self.stop()
            raise RuntimeError(f"farm did not start: {self._error}")
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def stop(self) -> None:
        """Close every listener and connection, then remove ``dir``; idempotent."""
        if self._loop.is_running():
            self._loop.call_soon_threadsafe(self._loop.stop)
        if self._thread.is_alive():
            self._thread.join(timeout=30)
        shutil.rmtree(self.dir, ignore_errors=True)

    def inventory(self, path: Path, endpoints: list[FarmEndpoint] | None = None) -> Path:
        path.write_text("".join(e.inventory_line(self.root_pem) + "\n"
                                for e in (endpoints or self.endpoints)))
        return path

    def _run(self) -> None:
        asyncio.set_event_loop(self._loop)
        self._loop.set_exception_handler(lambda loop, ctx: None)  # handshake noise
        try:
            self._loop.run_until_complete(self._start())
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self._ready.set()
        self._loop.call_later(self.lifetime, self._loop.stop)
        try:
            self._loop.run_forever()
        finally:
            for s in self._servers:
                s.close()
            for t in list(self._conns):
                t.cancel()
            with contextlib.suppress(Exception):
                self._loop.run_until_complete(asyncio.gather(*self._conns, return_exceptions=True))
            self._loop.close()

    def switch(self, index: int, kind: str) -> None:
        """Serve endpoint ``index`` with another certificate from now on."""
        if kind not in SWITCHABLE or self.kinds[index] not in SWITCHABLE:
            raise ValueError(f"only {', '.join(SWITCHABLE)} can be switched")
        self.kinds[index] = kind

    def _switching_context(self, index: int) -> ssl.SSLContext:
        if self._placeholder is None:
            leaf = self.ca.issue(("placeholder.fleet.test",))
            self._placeholder = leaf.write(self.dir, stem="placeholder")
        base = _fresh_context(self._placeholder)

        def pick(sock: ssl.SSLObject, name: str | None, ctx: ssl.SSLContext) -> None:
            sock.context = self._contexts[self.kinds[index]]

        base.sni_callback = pick
        return base

    async def _start(self) -> None:
        self._contexts = contexts = _contexts(self.ca, self.dir)
        for i, kind in enumerate(self.kinds):
            a = self.first_address + i // self.ports_per_address
            address = f"127.0.{a // 250}.{a % 250 + 1}"
            ctx = self._switching_context(i) if kind in SWITCHABLE else contexts.get(kind)
            server = await self._listen(address, kind, ctx)
            port = server.sockets[0].getsockname()[1]
            self.endpoints.append(FarmEndpoint(name=f"e{i}.fleet.test", address=address,
                                               port=port, kind=kind))

    async def _listen(self, address: str, kind: str,
                      ctx: ssl.SSLContext | None) -> asyncio.base_events.Server:
        where: list[tuple[str, int]] = []

        def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            task = asyncio.ensure_future(self._serve(
                "tls" if kind in SWITCHABLE else kind, reader, writer))
            self._conns.add(task)
            task.add_done_callback(self._conns.discard)

        def factory() -> asyncio.StreamReaderProtocol:
            self.connections[where[0]] += 1  # at accept, before any TLS handshake
            return asyncio.StreamReaderProtocol(asyncio.StreamReader(limit=65536), connected)

        server = await self._loop.create_server(factory, address, 0, ssl=ctx, backlog=64,
                                                ssl_handshake_timeout=10 if ctx else None)
        where.append((address, server.sockets[0].getsockname()[1]))
        self._servers.append(server)
        return server

    async def _serve(self, kind: str, reader: asyncio.StreamReader,
                     writer: asyncio.StreamWriter) -> None:
        try:
            if kind == "no_answer":
                await asyncio.wait_for(reader.read(65536), self.hold)
                await asyncio.wait_for(reader.read(), self.hold)  # until the client gives up
            elif kind == "reset":
                await asyncio.wait_for(reader.read(65536), 10)
                sock = writer.get_extra_info("socket")
                if sock is not None:
                    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                writer.transport.abort()
                return
            else:
                request = await asyncio.wait_for(reader.read(4096), 10)
                if request:
                    writer.write(b"HTTP/1.0 200 OK\r\nDate: " + formatdate(usegmt=True).encode()
                                 + b"\r\nServer: farm\r\nContent-Length: 0\r\n\r\n")
                    await asyncio.wait_for(writer.drain(), 10)
        except (OSError, TimeoutError, ssl.SSLError, asyncio.IncompleteReadError):
            pass
        finally:
            writer.transport.abort() if kind == "reset" else writer.close()


def _main(argv: list[str]) -> int:
    n = int(argv[0])
    mix = DEFAULT_MIX
    for arg in argv[1:]:
        if arg.startswith("--mix="):
            mix = {k: int(v) for k, v in (p.split("=") for p in arg[6:].split(","))}
    with Farm(mixed_kinds(n, mix), lifetime=4 * 3600.0) as farm:  # a 10,000-endpoint bench takes long
        layout = {"root_pem": farm.root_pem,
                  "endpoints": [[e.name, e.address, e.port, e.kind] for e in farm.endpoints]}
        print(json.dumps(layout), flush=True)
        sys.stdin.read()  # serve until the parent closes our stdin (or dies)
        stats = dict(Counter(itertools.chain.from_iterable([[e.kind] * farm.connections[(e.address, e.port)]
                                                              for e in farm.endpoints])))
        print(json.dumps({"connections_by_kind": stats}), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_main(sys.argv[1:]))
