"""An asyncio TLS server that misbehaves on purpose, one behaviour per instance.

Loopback only, a free port, one event loop in a background thread (so the synchronous
``diagnose()`` under test can run its own loop in the test's thread). Everything is
bounded: a per-connection deadline, a cap on bytes sent, a cap on connections, and
``stop()`` closes every socket and joins the thread.

Behaviours the shared ``tlsdoctor.testing.faults`` server already plays (oversized
records, tiny-record and HelloRequest floods, slow drip, SSLv2 answer, plaintext that
looks like a record header, close mid-record) are used from there; ``hostile()`` gives
both the same face. The server's first flight is built by hand here, not with the
codec's encoders, because the point is to lie in fields the encoders keep honest.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import socket
import struct
import threading
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from certs import ABSURD, absurd_cert, chain_of

from tlsdoctor.testing.faults import fault_server
from tlsdoctor.wire import decode_client_hello

__all__ = ["ALL_BEHAVIOURS", "BEHAVIOURS", "FAULT_KINDS", "HostileServer", "hostile"]

MAX_SEND = 12 << 20  # bytes one connection may send (the 10 MB chain plus headers)
MAX_CONNECTIONS = 64  # a diagnose run makes ~10; more means a client is hammering
HELLO_CAP = 64 << 10


# --- building blocks: records and handshake messages, with lengths that may lie --------

def u16(n: int) -> bytes:
    return n.to_bytes(2, "big")


def u24(n: int) -> bytes:
    return n.to_bytes(3, "big")


def record(ctype: int, body: bytes, *, length: int | None = None, version: int = 0x0303) -> bytes:
    return bytes([ctype]) + u16(version) + u16(len(body) if length is None else length) + body


def records(ctype: int, data: bytes, size: int = 16384) -> bytes:
    """``data`` split into honest records of at most ``size`` bytes (RFC 5246 §6.2.1)."""
    return b"".join(record(ctype, data[i:i + size]) for i in range(0, len(data), size))


def handshake(msg_type: int, body: bytes, *, length: int | None = None) -> bytes:
    return bytes([msg_type]) + u24(len(body) if length is None else length) + body


def extension(ext_type: int, data: bytes, *, length: int | None = None) -> bytes:
    return u16(ext_type) + u16(len(data) if length is None else length) + data


def server_hello(*, version: int = 0x0303, suite: int = 0xC02F, extensions: bytes | None = b"",
                 extensions_length: int | None = None, length: int | None = None) -> bytes:
    body = u16(version) + os.urandom(32) + b"\x00" + u16(suite) + b"\x00"
    if extensions is not None:
        body += u16(len(extensions) if extensions_length is None else extensions_length)
        body += extensions
    return handshake(2, body, length=length)


def certificate(ders: tuple[bytes, ...], *, list_length: int | None = None) -> bytes:
    entries = b"".join(u24(len(d)) + d for d in ders)
    return handshake(11, u24(len(entries) if list_length is None else list_length) + entries)


SERVER_HELLO_DONE = handshake(14, b"")
_RENEGOTIATION_INFO = extension(0xFF01, b"\x00")  # RFC 5746 §3.6: empty, as servers send


def tls12_flight(certs: tuple[bytes, ...], *, suite: int = 0xC02F, version: int = 0x0303,
                 extensions: bytes = _RENEGOTIATION_INFO) -> bytes:
    """ServerHello, Certificate, ServerHelloDone: what a probe reads before it hangs up."""
    return records(22, server_hello(version=version, suite=suite, extensions=extensions) +
                   certificate(certs) + SERVER_HELLO_DONE)


# --- the connection --------------------------------------------------------------------

@dataclass(slots=True)
class Conn:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter
    server: HostileServer
    hello: Any = None  # the decoded ClientHello, or None when it did not parse
    sent: int = 0

    @property
    def offered_suites(self) -> tuple[int, ...]:
        return tuple(getattr(self.hello, "cipher_suites", ()) or ())

    def pick_suite(self) -> int:
        """An offered TLS <= 1.2 suite (so only the field we lie about is a lie)."""
        for s in self.offered_suites:
            if (s & 0x0F0F) != 0x0A0A and s >> 8 != 0x13 and s not in (0x00FF, 0x5600):
                return s
        return 0xC02F

    async def send(self, data: bytes) -> bool:
        if self.sent + len(data) > MAX_SEND or self.writer.is_closing():
            return False
        self.sent += len(data)
        try:
            self.writer.write(data)
            await self.writer.drain()
        except (ConnectionError, OSError):
            return False
        return True

    async def hold(self, seconds: float) -> None:
        """Keep the connection open, discarding input, until EOF or ``seconds``."""
        end = time.monotonic() + seconds
        with contextlib.suppress(TimeoutError, ConnectionError, OSError):
            while (left := end - time.monotonic()) > 0:
                if not await asyncio.wait_for(self.reader.read(4096), left):
                    return

    def rst(self) -> None:
        sock = self.writer.get_extra_info("socket")
        with contextlib.suppress(OSError, AttributeError):
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        self.writer.transport.abort()


async def _read_hello(reader: asyncio.StreamReader) -> bytes:
    """The client's first TLS records (up to one whole handshake message), capped."""
    buf = bytearray()
    with contextlib.suppress(TimeoutError, asyncio.IncompleteReadError, ConnectionError):
        while len(buf) < HELLO_CAP:
            header = await asyncio.wait_for(reader.readexactly(5), 3.0)
            buf += header
            if header[0] != 22:
                break
            buf += await asyncio.wait_for(reader.readexactly(int.from_bytes(header[3:5], "big")),
                                          3.0)
            body = _handshake_bytes(bytes(buf))
            if len(body) >= 4 and len(body) >= 4 + int.from_bytes(body[1:4], "big"):
                break
    return bytes(buf)


def _handshake_bytes(raw: bytes) -> bytes:
    out, pos = bytearray(), 0
    while pos + 5 <= len(raw):
        n = int.from_bytes(raw[pos + 3:pos + 5], "big")
        out += raw[pos + 5:pos + 5 + n]
        pos += 5 + n
    return bytes(out)


# --- the behaviours --------------------------------------------------------------------

Behaviour = Callable[[Conn], Awaitable[None]]


async def _record_length_short(c: Conn) -> None:
    # The record header says 10 bytes; a whole flight follows, so byte 11 onwards is
    # read as the next record header (RFC 5246 §6.2.1 framing, lied about).
    flight = server_hello(suite=c.pick_suite()) + certificate(chain_of(2)) + SERVER_HELLO_DONE
    await c.send(record(22, flight, length=10))
    await c.hold(2)


async def _handshake_length_huge(c: Conn) -> None:
    # A ServerHello whose handshake header claims 16 MiB - 1 (uint24 max).
    await c.send(record(22, server_hello(suite=c.pick_suite(), length=0xFFFFFF)))
    await c.hold(2)


async def _handshake_length_unfinished(c: Conn) -> None:
    # Claims 200,000 bytes (under any cap) and sends 100: the client must time out.
    await c.send(record(22, server_hello(suite=c.pick_suite(), length=200_000)))
    await c.hold(30)


async def _handshake_length_short(c: Conn) -> None:
    # Claims 38 bytes: the rest of the ServerHello is read as further messages.
    await c.send(record(22, server_hello(suite=c.pick_suite(), length=38) + SERVER_HELLO_DONE))
    await c.hold(30)  # until the client gives up: its timeout, not our close


async def _extensions_length_lies(c: Conn) -> None:
    sh = server_hello(suite=c.pick_suite(), extensions=_RENEGOTIATION_INFO,
                      extensions_length=0xFFFF)
    await c.send(record(22, sh + certificate(chain_of(1)) + SERVER_HELLO_DONE))
    await c.hold(2)


async def _extension_length_lies(c: Conn) -> None:
    exts = extension(0xFF01, b"\x00", length=0x4000) + extension(0x0017, b"")
    await c.send(record(22, server_hello(suite=c.pick_suite(), extensions=exts) +
                        certificate(chain_of(1)) + SERVER_HELLO_DONE))
    await c.hold(2)


async def _certificate_lengths_lie(c: Conn) -> None:
    # certificate_list claims 1 MB, and its one entry claims 16 MiB.
    body = u24(1_000_000) + u24(0xFFFFFF) + chain_of(1)[0]
    flight = server_hello(suite=c.pick_suite()) + handshake(11, body) + SERVER_HELLO_DONE
    await c.send(records(22, flight))
    await c.hold(2)


async def _unoffered_version_future(c: Conn) -> None:
    # 0x0305 does not exist; no supported_versions extension either (RFC 8446 §4.1.3).
    await c.send(tls12_flight(chain_of(1), version=0x0305, suite=c.pick_suite()))
    await c.hold(2)


async def _unoffered_version_sslv3(c: Conn) -> None:
    await c.send(tls12_flight(chain_of(1), version=0x0300, suite=c.pick_suite()))
    await c.hold(2)


async def _unoffered_suite(c: Conn) -> None:
    # TLS_NULL_WITH_NULL_NULL (0x0000) and an unassigned code point: never offered.
    await c.send(tls12_flight(chain_of(1), suite=0x0000))
    await c.hold(2)


async def _unassigned_suite(c: Conn) -> None:
    await c.send(tls12_flight(chain_of(1), suite=0xFEFE))
    await c.hold(2)


async def _unoffered_extension(c: Conn) -> None:
    # Unknown type 0xFACE, ALPN "h2" never offered, a TLS 1.3 key_share in a 1.2 hello,
    # and the same extension twice (RFC 8446 §4.2: MUST NOT appear more than once).
    exts = (extension(0xFACE, b"\x1b[31mhostile\x1b[0m") +
            extension(0x0010, b"\x00\x03\x02h2") +
            extension(0x0033, u16(0x001D) + u16(32) + bytes(32)) +
            _RENEGOTIATION_INFO + _RENEGOTIATION_INFO)
    await c.send(tls12_flight(chain_of(1), suite=c.pick_suite(), extensions=exts))
    await c.hold(2)


async def _tls13_unoffered_group(c: Conn) -> None:
    # TLS 1.3 via supported_versions, with a key share for a group nobody offered.
    exts = (extension(0x002B, u16(0x0304)) +
            extension(0x0033, u16(0x0019) + u16(133) + b"\x04" + os.urandom(132)))
    await c.send(record(22, server_hello(suite=0x1301, extensions=exts)))
    await c.hold(2)


async def _tls13_zero_share(c: Conn) -> None:
    # An X25519 share of all zeroes: the shared secret is zero, which RFC 8446 §7.4.2
    # (and RFC 7748 §6) require the client to reject.
    exts = extension(0x002B, u16(0x0304)) + extension(0x0033, u16(0x001D) + u16(32) + bytes(32))
    await c.send(record(22, server_hello(suite=0x1301, extensions=exts)))
    await c.hold(2)


async def _chain_100(c: Conn) -> None:
    await c.send(tls12_flight(chain_of(100), suite=c.pick_suite()))
    await c.hold(2)


async def _chain_10mb(c: Conn) -> None:
    # A Certificate message announcing ~10 MB, then 10 MB of honest-looking records.
    total = 10 << 20
    head = server_hello(suite=c.pick_suite()) + handshake(11, b"", length=total) + u24(total - 3)
    if not await c.send(records(22, head)):
        return
    chunk = record(22, b"\x30" * 16384)
    for _ in range(total // 16384):
        if not await c.send(chunk):
            return
    await c.hold(2)


async def _ccs_flood(c: Conn) -> None:
    # Endless ChangeCipherSpec records (RFC 8446 §5: one is tolerated, not thousands).
    batch = record(20, b"\x01") * 256
    for _ in range(2000):
        if not await c.send(batch):
            return


async def _warning_alert_flood(c: Conn) -> None:
    # Endless warning-level alerts (no_renegotiation, 100): never fatal, never ending.
    batch = record(21, b"\x01\x64") * 256
    for _ in range(2000):
        if not await c.send(batch):
            return


async def _rst_mid_record(c: Conn) -> None:
    await c.send(record(22, server_hello(suite=c.pick_suite()))[:30])
    c.rst()


async def _sslv2_lengths_lie(c: Conn) -> None:
    # SSLv2 SERVER-HELLO whose certificate length (0xFFFF) exceeds the record.
    msg = bytes([4, 0, 1]) + u16(2) + u16(0xFFFF) + u16(3) + u16(16) + b"\x30\x03\x02\x01\x01"
    await c.send((0x8000 | len(msg)).to_bytes(2, "big") + msg)
    await c.hold(2)


async def _empty_certificate(c: Conn) -> None:
    await c.send(tls12_flight((), suite=c.pick_suite()))
    await c.hold(2)


def _absurd(kind: str) -> Behaviour:
    async def play(c: Conn) -> None:
        await c.send(tls12_flight((absurd_cert(kind),), suite=c.pick_suite()))
        await c.hold(2)
    return play


BEHAVIOURS: dict[str, Behaviour] = {
    "record_length_short": _record_length_short,
    "handshake_length_huge": _handshake_length_huge,
    "handshake_length_unfinished": _handshake_length_unfinished,
    "handshake_length_short": _handshake_length_short,
    "extensions_length_lies": _extensions_length_lies,
    "extension_length_lies": _extension_length_lies,
    "certificate_lengths_lie": _certificate_lengths_lie,
    "unoffered_version_future": _unoffered_version_future,
    "unoffered_version_sslv3": _unoffered_version_sslv3,
    "unoffered_suite_null": _unoffered_suite,
    "unassigned_suite": _unassigned_suite,
    "unoffered_extension": _unoffered_extension,
    "tls13_unoffered_group": _tls13_unoffered_group,
    "tls13_zero_share": _tls13_zero_share,
    "chain_100_certificates": _chain_100,
    "chain_10_mb": _chain_10mb,
    "ccs_flood": _ccs_flood,
    "warning_alert_flood": _warning_alert_flood,
    "rst_mid_record": _rst_mid_record,
    "sslv2_lengths_lie": _sslv2_lengths_lie,
    "empty_certificate_list": _empty_certificate,
    **{f"cert_{k}": _absurd(k) for k in ABSURD},
}

# Kinds of tlsdoctor.testing.faults that are hostile-server behaviours (with the
# parameters that keep them short in a test run).
FAULT_KINDS: dict[str, dict[str, Any]] = {
    "oversized_record": {},
    "tiny_records": {},
    "hello_requests": {},
    "slow_drip": {"interval": 1.0, "max_bytes": 8},
    "sslv2_server_hello": {},
    "fake_record": {},
    "close_mid_record": {},
    "garbage": {},
}

ALL_BEHAVIOURS = (*BEHAVIOURS, *FAULT_KINDS)


class HostileServer:
    """``with HostileServer("chain_10_mb") as srv: srv.port``."""

    def __init__(self, behaviour: str, *, conn_timeout: float = 15.0,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        if behaviour not in BEHAVIOURS:
            raise ValueError(f"unknown behaviour {behaviour!r}")
        self.behaviour, self.conn_timeout = behaviour, conn_timeout
        self.max_connections = max_connections
        self.port = 0
        self.connections = 0
        self.errors: list[str] = []
        self._loop: asyncio.AbstractEventLoop | None = None
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        assert task is not None
        self._tasks.add(task)
        self.connections += 1
        try:
            if self.connections > self.max_connections:
                return
            raw = await _read_hello(reader)
            conn = Conn(reader=reader, writer=writer, server=self)
            with contextlib.suppress(Exception):  # an unparsable hello: answer anyway
                conn.hello = decode_client_hello(_handshake_bytes(raw)[4:])
            await asyncio.wait_for(BEHAVIOURS[self.behaviour](conn), self.conn_timeout)
        except (TimeoutError, ConnectionError, asyncio.CancelledError):
            pass
        except Exception as exc:  # the test asserts there are none
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            writer.transport.abort()
            self._tasks.discard(task)

    def _run(self) -> None:
        loop = self._loop = asyncio.new_event_loop()
        try:
            self._server = loop.run_until_complete(
                asyncio.start_server(self._handle, "127.0.0.1", 0, backlog=64))
            self.port = self._server.sockets[0].getsockname()[1]
            self._ready.set()
            loop.run_forever()
        finally:
            self._ready.set()
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.close()

    async def _shutdown(self) -> None:
        if self._server is not None:
            self._server.close()
        for t in list(self._tasks):
            t.cancel()
        if self._tasks:
            await asyncio.wait(list(self._tasks), timeout=5)
        if self._server is not None:
            await self._server.wait_closed()

    def start(self) -> HostileServer:
        self._thread = threading.Thread(target=self._run, daemon=True,
                                        name=f"hostile-{self.behaviour}")
        self._thread.start()
        self._ready.wait(10)
        if not self.port:
            raise RuntimeError("hostile server did not start")
        return self

    def stop(self) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        if loop.is_running():
            fut = asyncio.run_coroutine_threadsafe(self._shutdown(), loop)
            with contextlib.suppress(Exception):
                fut.result(10)
            loop.call_soon_threadsafe(loop.stop)
        thread.join(10)

    def __enter__(self) -> HostileServer:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()


@dataclass(slots=True)
class Running:
    """What a test needs of either server: the port and what went wrong server-side."""

    port: int
    connections: Callable[[], int]
    errors: list[str] = field(default_factory=list)


@contextlib.contextmanager
def hostile(behaviour: str) -> Iterator[Running]:
    """Start ``behaviour``: one of this module's, or a kind of the shared fault server."""
    if behaviour in FAULT_KINDS:
        with fault_server(behaviour, lifetime=60, conn_timeout=15,
                          **FAULT_KINDS[behaviour]) as fs:
            yield Running(port=fs.port, connections=lambda: fs.connections, errors=fs.errors)
    else:
        with HostileServer(behaviour) as hs:
            yield Running(port=hs.port, connections=lambda: hs.connections, errors=hs.errors)
