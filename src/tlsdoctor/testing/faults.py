"""Misbehaving servers on 127.0.0.1: one network fault per instance, for tests and demo.

``with fault_server("rst_after_hello") as srv: ... srv.port``. Each server runs in
threads with blocking sockets (simple to reason about, no event loop shared with the
code under test), picks a free port, counts connections (``connections``,
``max_concurrent``, ``accepted_at``), keeps the first bytes each client sent
(``received``), and is bounded: a whole-server lifetime, a per-connection deadline,
caps on everything it sends. On exit every socket is closed and every thread joined.

Kinds (``KINDS``): see the table ``_HANDLERS`` at the bottom; parameters are keyword
arguments of ``fault_server``.
"""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import struct
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from types import TracebackType
from typing import Any

from ..probe.listen import hello_bytes_needed
from ..probe.target import Target

__all__ = ["KINDS", "FaultServer", "fault_server", "self_signed_context"]

_READ_CAP = 64 * 1024  # most bytes read from a client's first flight


def self_signed_context(names: tuple[str, ...] = ("localhost",)) -> ssl.SSLContext:
    """A server SSLContext with a fresh self-signed EC certificate (in-process)."""
    from .ca import self_signed

    leaf = self_signed(names)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-fault-") as d:
        chain, key = leaf.write(d)
        ctx.load_cert_chain(chain, key)
    return ctx


class _Conn:
    """One accepted client connection, with bounded blocking helpers."""

    def __init__(self, server: FaultServer, sock: socket.socket, index: int) -> None:
        self.server, self.sock, self.index = server, sock, index
        self.deadline = time.monotonic() + server.conn_timeout
        self.first = bytearray()  # what the client sent first (kept for the tests)

    @property
    def alive(self) -> bool:
        return not self.server.stopping.is_set() and time.monotonic() < self.deadline

    def recv(self, n: int = 4096, *, wait: float | None = None) -> bytes | None:
        """Bytes, b"" on EOF, None on timeout (``wait`` or the connection deadline)."""
        end = self.deadline if wait is None else min(self.deadline, time.monotonic() + wait)
        while not self.server.stopping.is_set():
            left = end - time.monotonic()
            if left <= 0:
                return None
            try:
                ready, _, _ = select.select([self.sock], [], [], min(left, 0.05))
                if ready:
                    return self.sock.recv(n)
            except (OSError, ValueError):
                return b""
        return None

    def read_hello(self) -> bytes:
        """The client's first TLS flight: whole records up to one handshake message.

        Returns what arrived (maybe partial, maybe not TLS at all) within the caps.
        """
        buf = bytearray()
        while len(buf) < _READ_CAP:
            need = hello_bytes_needed(bytes(buf))
            if need <= 0:
                break
            data = self.recv(min(need, 16384), wait=self.server.hello_wait)
            if not data:
                break
            buf += data
        self.first = buf
        self.server._record(self.index, bytes(buf))
        return bytes(buf)

    def send(self, data: bytes) -> bool:
        self.server._answered(self.index)
        try:
            self.sock.settimeout(max(0.05, self.deadline - time.monotonic()))
            self.sock.sendall(data)
            return True
        except OSError:
            return False

    def rst(self) -> None:
        """Close with a TCP RST (SO_LINGER 0), as firewalls and IPS appliances do."""
        with contextlib.suppress(OSError):
            self.sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        with contextlib.suppress(OSError):
            self.sock.close()

    def hold(self, seconds: float | None = None) -> None:
        """Keep the connection open (reading and discarding) until EOF or a deadline."""
        end = self.deadline if seconds is None else min(self.deadline,
                                                        time.monotonic() + seconds)
        while time.monotonic() < end and not self.server.stopping.is_set():
            data = self.recv(4096, wait=end - time.monotonic())
            if data == b"":
                return

    def line(self, cap: int = 4096) -> bytes | None:
        """One CRLF/LF-terminated line (for the plaintext dialogs), None on EOF/timeout."""
        buf = bytearray()
        while len(buf) < cap:
            data = self.recv(1)
            if not data:
                return None
            buf += data
            if buf.endswith(b"\n"):
                return bytes(buf)
        return None


def _hello_versions(raw: bytes) -> tuple[str | None, tuple[int, ...]]:
    """(SNI, versions offered) of a raw ClientHello flight, via the wire codec."""
    from ..wire.hello import decode_client_hello

    body = bytearray()
    pos = 0
    while pos + 5 <= len(raw):
        length = int.from_bytes(raw[pos + 3:pos + 5], "big")
        body += raw[pos + 5:pos + 5 + length]
        pos += 5 + length
    try:
        hello = decode_client_hello(bytes(body[4:]))
    except Exception:  # the codec's DecodeError; a middlebox passes what it cannot parse
        return None, ()
    return getattr(hello, "sni", None), tuple(getattr(hello, "versions", ()) or ())


def _hello_info(raw: bytes) -> tuple[str | None, bool, int]:
    """(SNI, offers TLS 1.3, size) of a raw ClientHello flight, via the wire codec."""
    sni, versions = _hello_versions(raw)
    return sni, 0x0304 in versions, len(raw)


class FaultServer:
    """A listening socket that plays one fault; use as a context manager."""

    def __init__(self, kind: str, *, host: str = "127.0.0.1", lifetime: float = 60.0,
                 conn_timeout: float = 10.0, hello_wait: float = 2.0,
                 hold: float = 0.0, **params: Any) -> None:
        if kind not in _HANDLERS:
            raise ValueError(f"unknown fault {kind!r}; one of {', '.join(KINDS)}")
        self.kind, self.host = kind, host
        self.lifetime, self.conn_timeout, self.hello_wait = lifetime, conn_timeout, hello_wait
        self.hold = hold  # seconds to keep each connection before playing the fault
        self.params = params
        self.port = 0
        self.connections = 0
        self.active = 0
        self.max_concurrent = 0
        self.accepted_at: list[float] = []  # monotonic times of accept()
        self.answered_at: dict[int, float] = {}  # connection number -> first byte sent
        self.received: list[bytes] = []  # first flight of each connection, in order
        self.errors: list[str] = []  # handler failures (a test can assert it is empty)
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._socks: set[socket.socket] = set()
        self._threads: list[threading.Thread] = []
        self._listener: socket.socket | None = None
        self._acceptor: threading.Thread | None = None
        self._ssl_context: ssl.SSLContext | None = params.pop("ssl_context", None)

    @property
    def address(self) -> tuple[str, int]:
        return self.host, self.port

    @property
    def target(self) -> Target:
        """A Target for this server: name "localhost", connecting to its address."""
        starttls = self.kind.removesuffix("_starttls") if self.kind.endswith("_starttls") else None
        return Target(host="localhost", port=self.port, sni="localhost", connect=self.host,
                      starttls=starttls)

    @property
    def ssl_context(self) -> ssl.SSLContext:
        if self._ssl_context is None:
            self._ssl_context = self_signed_context()
        return self._ssl_context

    def _answered(self, index: int) -> None:
        with self._lock:
            self.answered_at.setdefault(index, time.monotonic())

    @property
    def max_in_flight(self) -> int:
        """Most connections accepted and not yet answered at one time.

        Unlike ``max_concurrent`` (which ends when the server notices the close, a few
        ms late) this cannot over-count a client that opens its next connection right
        after reading an answer: a fair measure of the client's concurrency limit.
        """
        with self._lock:
            spans = [(t, self.answered_at.get(i + 1, float("inf")))
                     for i, t in enumerate(self.accepted_at)]
        return max((sum(1 for a, b in spans if a <= t < b) for t, _ in spans), default=0)

    def _record(self, index: int, data: bytes) -> None:
        with self._lock:
            self.received.append(data)

    def start(self) -> FaultServer:
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        ls = socket.socket(family, socket.SOCK_STREAM)
        try:
            ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            ls.bind((self.host, 0))
            ls.listen(64)
        except OSError:
            ls.close()
            raise
        self._listener = ls
        self.port = ls.getsockname()[1]
        if self.kind.endswith("_starttls") or self.kind == "tls":
            _ = self.ssl_context  # build the certificate before the first client arrives
        self._acceptor = threading.Thread(target=self._accept_loop, daemon=True,
                                          name=f"fault-{self.kind}-{self.port}")
        self._acceptor.start()
        return self

    def _accept_loop(self) -> None:
        assert self._listener is not None
        end = time.monotonic() + self.lifetime
        while not self.stopping.is_set() and time.monotonic() < end:
            try:
                ready, _, _ = select.select([self._listener], [], [], 0.05)
                if not ready:
                    continue
                sock, _peer = self._listener.accept()
            except (OSError, ValueError):
                break
            with self._lock:
                self.connections += 1
                index = self.connections
                self.accepted_at.append(time.monotonic())
                self.active += 1
                self.max_concurrent = max(self.max_concurrent, self.active)
                self._socks.add(sock)
                self._threads = [t for t in self._threads if t.is_alive()]
            t = threading.Thread(target=self._serve, args=(sock, index), daemon=True)
            self._threads.append(t)
            t.start()
        # Past its lifetime the port refuses connections instead of leaving them queued.
        with contextlib.suppress(OSError):
            self._listener.close()

    def _serve(self, sock: socket.socket, index: int) -> None:
        conn = _Conn(self, sock, index)
        try:
            if self.hold:  # wait before playing, without reading (the hello stays queued)
                self.stopping.wait(min(self.hold, self.conn_timeout))
            _HANDLERS[self.kind](conn, **self.params)
        except Exception as exc:  # a fault server must never take the test run down
            self.errors.append(f"{type(exc).__name__}: {exc}")
        finally:
            with contextlib.suppress(OSError):
                conn.sock.close()
            with self._lock:
                self.active -= 1
                self._socks.discard(sock)

    def stop(self) -> None:
        self.stopping.set()
        if self._acceptor is not None:
            self._acceptor.join(timeout=5)
        if self._listener is not None:
            self._listener.close()
        with self._lock:
            socks, threads = list(self._socks), list(self._threads)
        for s in socks:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
        for t in threads:
            t.join(timeout=5)

    def __enter__(self) -> FaultServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()


@contextlib.contextmanager
def fault_server(kind: str, **params: Any) -> Iterator[FaultServer]:
    """Start a fault server of ``kind``; stopped (threads joined) on exit."""
    with FaultServer(kind, **params) as srv:
        yield srv


# --- the faults ------------------------------------------------------------------------

def _rst_after_hello(c: _Conn) -> None:
    c.read_hello()
    c.rst()


def _rst_on_accept(c: _Conn) -> None:
    c.rst()


def _silence(c: _Conn) -> None:
    c.read_hello()
    c.hold()


def _close_after_hello(c: _Conn) -> None:
    c.read_hello()
    with contextlib.suppress(OSError):
        c.sock.shutdown(socket.SHUT_WR)  # a clean FIN, then drain until the client closes
    c.hold(1.0)


_HTTP_BODY = b"<html><body><h1>400 Bad Request</h1>not TLS</body></html>\n"


def _http(c: _Conn) -> None:
    c.read_hello()
    c.send(b"HTTP/1.1 400 Bad Request\r\nServer: tlsdoctor-fault\r\n"
           b"Content-Type: text/html\r\nContent-Length: " + str(len(_HTTP_BODY)).encode() +
           b"\r\nConnection: close\r\n\r\n" + _HTTP_BODY)


def _banner(text: bytes, reply: bytes) -> Callable[[_Conn], None]:
    # Server-speaks-first protocols greet on accept, then reject the "command".
    def play(c: _Conn) -> None:
        c.send(text)
        c.read_hello()
        c.send(reply)
        c.hold(0.5)
    return play


def _flood(c: _Conn, *, max_bytes: int = 4 << 20) -> None:
    # Greets and never stops greeting: a client must cap what it reads.
    line = b"220-flood " + b"x" * 100 + b"\r\n"
    batch = line * 64
    for _ in range(max_bytes // len(batch)):
        if not c.alive or not c.send(batch):
            return


def _garbage(c: _Conn) -> None:
    c.read_hello()
    c.send(bytes([0x00, 0xFF, 0x7E, 0x13, 0x37, 0xC0, 0x01, 0xD0]) * 16)


def _slow_drip(c: _Conn, *, interval: float = 1.0, max_bytes: int = 30,
               data: bytes = b"\x16\x03\x03\x40\x00" + b"\x02" * 64) -> None:
    # A record header announcing 16 KiB, then one byte per interval: defeats a per-read
    # timeout, not a total one.
    c.read_hello()
    for b in data[:max_bytes]:
        if not c.alive or not c.send(bytes([b])):
            return
        c.server.stopping.wait(interval)
        if c.recv(1, wait=0) == b"":
            return


def _sslv2_server_hello(c: _Conn, *, certificate: bytes | None = None) -> None:
    # SSLv2 SERVER-HELLO (draft-hickman-netscape-ssl-00 / RFC 6101 appendix E):
    # type 4, session-id-hit, certificate type 1 (X.509), version 0x0002, lengths,
    # then certificate, cipher specs (3 bytes each), connection id.
    if certificate is None:
        from cryptography.hazmat.primitives.serialization import Encoding

        from .ca import self_signed
        certificate = self_signed(("localhost",)).cert.public_bytes(Encoding.DER)
    specs = bytes.fromhex("010080" "0700c0" "020080")  # RC4_128_MD5, DES_192_EDE3, RC4_EXPORT40
    connection_id = bytes(range(16))
    msg = (bytes([4, 0, 1]) + (2).to_bytes(2, "big") + len(certificate).to_bytes(2, "big") +
           len(specs).to_bytes(2, "big") + len(connection_id).to_bytes(2, "big") +
           certificate + specs + connection_id)
    c.read_hello()
    c.send((0x8000 | len(msg)).to_bytes(2, "big") + msg)
    c.hold(1.0)


def _oversized_record(c: _Conn, *, length: int = 0xFFFF) -> None:
    # RFC 8446 §5.1 / RFC 5246 §6.2.1: a TLSPlaintext fragment is at most 2^14 bytes
    # (2^14 + 2048 for compressed/ciphertext); this header claims far more.
    c.read_hello()
    c.send(b"\x16\x03\x03" + length.to_bytes(2, "big") + b"\x02" * 2048)
    c.hold(2.0)


def _tiny_records(c: _Conn, *, max_records: int = 500_000, hello_requests: bool = False) -> None:
    # An endless stream: 1-byte handshake fragments, or whole HelloRequests (type 0,
    # empty body, RFC 5246 §7.4.1.1). Ends when the client gives up (or at the caps).
    c.read_hello()
    one = (b"\x16\x03\x03\x00\x04\x00\x00\x00\x00" if hello_requests
           else b"\x16\x03\x03\x00\x01\x02")
    batch = one * 64
    for _ in range(max_records // 64):
        if not c.alive or not c.send(batch):
            return


def _hello_requests(c: _Conn, **kw: Any) -> None:
    _tiny_records(c, hello_requests=True, **kw)


def _fake_record(c: _Conn) -> None:
    # Plaintext whose first bytes parse as a TLS record header (handshake, TLS 1.0,
    # 12 bytes): the "handshake message" inside is ASCII.
    c.read_hello()
    c.send(b"\x16\x03\x01\x00\x0c" + b"hello world\n")
    c.hold(1.0)


def _close_mid_record(c: _Conn) -> None:
    # A record header for 100 bytes, the start of a ServerHello, then a clean FIN.
    c.read_hello()
    c.send(b"\x16\x03\x03\x00\x64" + b"\x02\x00\x00\x60\x03\x03" + bytes(14))
    with contextlib.suppress(OSError):
        c.sock.shutdown(socket.SHUT_WR)
    c.hold(1.0)


def _alert(c: _Conn, *, description: int = 40) -> None:
    # A fatal alert (default 40 handshake_failure, RFC 8446 §6.2) in a TLS 1.2 record.
    c.read_hello()
    c.send(b"\x15\x03\x03\x00\x02\x02" + bytes([description]))
    c.hold(0.5)


def _pipe(c: _Conn, backend: tuple[str, int], first: bytes) -> None:
    """Forward ``first`` and then everything, both ways, until either side closes."""
    try:
        up = socket.create_connection(backend, timeout=min(5.0, c.server.conn_timeout))
    except OSError as exc:
        c.server.errors.append(f"backend {backend}: {exc}")
        c.rst()
        return
    with up:
        up.sendall(first)
        socks = [c.sock, up]
        while c.alive:
            try:
                ready, _, _ = select.select(socks, [], [], 0.05)
                for s in ready:
                    data = s.recv(65536)
                    if not data:
                        return
                    (up if s is c.sock else c.sock).sendall(data)
            except (OSError, ValueError):
                return


def _sni_filter(c: _Conn, *, backend: tuple[str, int], blocked: tuple[str, ...] = (
        "blocked.example",)) -> None:
    # A middlebox that reads the SNI in the clear and resets blocked names.
    hello = c.read_hello()
    sni, _tls13, _size = _hello_info(hello)
    if sni is not None and sni.lower().rstrip(".") in {b.lower() for b in blocked}:
        c.rst()
        return
    _pipe(c, backend, hello)


def _size_intolerant(c: _Conn, *, backend: tuple[str, int], max_hello: int | None = 255,
                     reject_tls13: bool = False) -> None:
    # Old load balancers hung or reset on ClientHellos of 256-511 bytes (hence RFC 7685
    # padding), and some middleboxes reset anything offering TLS 1.3.
    hello = c.read_hello()
    _sni, tls13, size = _hello_info(hello)
    if (max_hello is not None and size > max_hello) or (reject_tls13 and tls13):
        c.rst()
        return
    _pipe(c, backend, hello)


def _version_intolerant(c: _Conn, *, backend: tuple[str, int]) -> None:
    # RFC 8446 §4.2.1: a server must ignore supported_versions entries it does not know.
    # Version-intolerant boxes reset instead (why TLS 1.3 kept legacy_version at 0x0303).
    hello = c.read_hello()
    _sni, versions = _hello_versions(hello)
    if any(v > 0x0304 and v & 0x0F0F != 0x0A0A for v in versions):  # GREASE passes
        c.rst()
        return
    _pipe(c, backend, hello)


def _tls(c: _Conn) -> None:
    """A plain (implicit) TLS server with the Python ssl context."""
    _serve_tls(c)


def _serve_tls(c: _Conn) -> None:
    c.sock.settimeout(max(0.1, min(5.0, c.deadline - time.monotonic())))
    try:
        with c.server.ssl_context.wrap_socket(c.sock, server_side=True) as tls:
            tls.settimeout(1.0)
            with contextlib.suppress(OSError):
                tls.recv(1024)
    except (OSError, ssl.SSLError):
        pass  # a probe hangs up after the server's first flight: expected


# Server sides of the STARTTLS dialogs (see probe/starttls.py for the RFCs).
def _smtp_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    c.send(b"220 mail.fault.test ESMTP tlsdoctor-fault\r\n")
    for _ in range(20):
        line = c.line()
        if line is None:
            return
        cmd = line.strip().upper()
        if cmd.startswith((b"EHLO", b"HELO")):
            caps = b"250-mail.fault.test\r\n250-PIPELINING\r\n"
            caps += b"250-STARTTLS\r\n250 8BITMIME\r\n" if offer_starttls else b"250 8BITMIME\r\n"
            c.send(caps)
        elif cmd == b"STARTTLS" and offer_starttls:
            c.send(b"220 2.0.0 Ready to start TLS\r\n")
            _serve_tls(c)
            return
        elif cmd == b"QUIT":
            c.send(b"221 2.0.0 Bye\r\n")
            return
        else:
            c.send(b"502 5.5.2 Error: command not recognized\r\n")


def _imap_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    c.send(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] tlsdoctor-fault ready\r\n")
    line = c.line()
    if line is None:
        return
    tag = line.split(b" ", 1)[0]
    if offer_starttls and line.strip().upper().endswith(b"STARTTLS"):
        c.send(tag + b" OK Begin TLS negotiation now\r\n")
        _serve_tls(c)
    else:
        c.send(tag + b" BAD STARTTLS not available\r\n")


def _one_command(c: _Conn, greeting: bytes, command: bytes, replies: tuple[bytes, bytes],
                 offer_starttls: bool) -> None:
    """``greeting``, then one line: ``command`` (when offered) is answered with
    ``replies[0]`` and TLS, anything else with ``replies[1]``."""
    c.send(greeting)
    line = c.line()
    if line is not None and offer_starttls and line.strip().upper() == command:
        c.send(replies[0])
        _serve_tls(c)
    elif line is not None:
        c.send(replies[1])


def _pop3_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    _one_command(c, b"+OK tlsdoctor-fault POP3 ready\r\n", b"STLS",
                 (b"+OK Begin TLS negotiation\r\n", b"-ERR unknown command\r\n"), offer_starttls)


def _ftp_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    _one_command(c, b"220-tlsdoctor-fault FTP server\r\n220 ready\r\n", b"AUTH TLS",
                 (b"234 AUTH TLS successful\r\n", b"502 Command not implemented\r\n"),
                 offer_starttls)


def _xmpp_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    buf = bytearray()
    while b"<stream:stream" not in buf or not buf.rstrip().endswith(b">"):
        data = c.recv(4096)
        if not data or len(buf) > 8192:
            return
        buf += data
    feature = b"<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'><required/></starttls>"
    c.send(b"<?xml version='1.0'?><stream:stream from='fault.test' id='1' version='1.0' "
           b"xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>"
           b"<stream:features>" + (feature if offer_starttls else b"") +
           b"<mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN"
           b"</mechanism></mechanisms></stream:features>")
    buf.clear()
    while b"/>" not in buf and b"</starttls>" not in buf:
        data = c.recv(4096)
        if not data or len(buf) > 8192:
            return
        buf += data
    if offer_starttls:
        c.send(b"<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>")
        _serve_tls(c)
    else:
        c.send(b"<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:stream>")


def _ldap_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    request = c.recv(4096)
    if not request or b"1.3.6.1.4.1.1466.20037" not in request:
        return
    mid = request[2:5]  # 02 01 NN: echo the messageID (ours is one byte)
    # ExtendedResponse [APPLICATION 24] {resultCode, matchedDN "", diagnosticMessage ""}
    code = 0 if offer_starttls else 2  # 2 = protocolError (RFC 4511 §4.14.2)
    op = b"\x78\x07\x0a\x01" + bytes([code]) + b"\x04\x00\x04\x00"
    c.send(b"\x30" + bytes([len(mid) + len(op)]) + mid + op)
    if offer_starttls:
        _serve_tls(c)


def _postgres_starttls(c: _Conn, *, offer_starttls: bool = True) -> None:
    request = c.recv(8, wait=2.0)
    if request != struct.pack("!II", 8, 80877103):
        return
    c.send(b"S" if offer_starttls else b"N")
    if offer_starttls:
        _serve_tls(c)


_HANDLERS: dict[str, Callable[..., None]] = {
    "rst_after_hello": _rst_after_hello,  # firewall / IPS: RST once it sees the hello
    "rst_on_accept": _rst_on_accept,  # RST before anything is said
    "silence": _silence,  # accepts, reads, never answers (a black-holing middlebox)
    "close_after_hello": _close_after_hello,  # clean FIN without a word
    "alert": _alert,  # a plain fatal TLS alert (also a counting server, with ``hold``)
    "http": _http,  # plaintext HTTP on the TLS port
    "smtp_banner": _banner(b"220 mail.fault.test ESMTP Postfix\r\n",
                           b"502 5.5.2 Error: command not recognized\r\n"),
    "imap_banner": _banner(b"* OK [CAPABILITY IMAP4rev1 STARTTLS] Dovecot ready.\r\n",
                           b"* BAD Error in IMAP command received by server.\r\n"),
    "pop3_banner": _banner(b"+OK Dovecot ready.\r\n", b"-ERR Unknown command.\r\n"),
    "ftp_banner": _banner(b"220 (vsFTPd 3.0.5)\r\n", b"500 Unknown command.\r\n"),
    "ssh_banner": _banner(b"SSH-2.0-OpenSSH_9.6\r\n", b"Invalid SSH identification string.\r\n"),
    "garbage": _garbage,
    "flood": _flood,  # endless plaintext lines from the first moment
    "slow_drip": _slow_drip,
    "sslv2_server_hello": _sslv2_server_hello,
    "oversized_record": _oversized_record,
    "tiny_records": _tiny_records,
    "hello_requests": _hello_requests,
    "fake_record": _fake_record,  # plaintext that looks like a record header
    "close_mid_record": _close_mid_record,
    "sni_filter": _sni_filter,
    "size_intolerant": _size_intolerant,
    "version_intolerant": _version_intolerant,
    "tls": _tls,
    "smtp_starttls": _smtp_starttls,
    "imap_starttls": _imap_starttls,
    "pop3_starttls": _pop3_starttls,
    "ftp_starttls": _ftp_starttls,
    "xmpp_starttls": _xmpp_starttls,
    "ldap_starttls": _ldap_starttls,
    "postgres_starttls": _postgres_starttls,
}
KINDS = tuple(_HANDLERS)
