"""Capture a real client's ClientHello: listen, read one flight, refuse politely, close.

``tlsdoctor listen`` points the failing client (a browser, curl, a Java app) at this
port; what it offers (versions, suites, groups, signature algorithms, SNI, ALPN,
extensions) is the client side of the diagnosis. The answer is a fatal
handshake_failure alert (RFC 8446 §6.2), so the client fails fast and cleanly instead
of timing out. Fingerprints: JA3 (salesforce/ja3 README: "SSLVersion,Ciphers,
Extensions,EllipticCurves,EllipticCurvePointFormats", decimal, GREASE removed, MD5)
and JA4 (FoxIO-LLC/ja4 technical_details/JA4.md: "t13d1516h2_<sha256 of sorted
suites>_<sha256 of sorted extensions without SNI/ALPN, then signature algorithms>").
"""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..wire.buffer import DecodeError
from ..wire.hello import ClientHello, decode_client_hello
from ..wire.record import classify_first_bytes
from ..wire.registry import is_grease
from .plaintext import detect_plaintext

MAX_FLIGHT = 64 * 1024  # bytes read from one client before giving up on its hello
_SNI, _ALPN, _GROUPS, _POINT_FORMATS, _SIGALGS, _SUPPORTED_VERSIONS = 0, 16, 10, 11, 13, 43
# RFC 8446 §6.2 / RFC 5246 §7.2: fatal (2) handshake_failure (40).
_ALERT_HANDSHAKE_FAILURE = b"\x02\x28"
# SSLv2 ERROR message (type 0) NO-CIPHER-ERROR (0x0001), draft-hickman-netscape-ssl-00.
_SSL2_ERROR = b"\x80\x03\x00\x00\x01"


@dataclass(frozen=True, slots=True, kw_only=True)
class CapturedHello:
    """What one client sent. Fields are empty when the first bytes were not a
    ClientHello (``kind`` says what they were, ``error`` why decoding stopped)."""

    peer: str  # "address:port" of the client
    kind: str  # "tls", "sslv2", "http", "plaintext", "garbage", "empty"
    raw: bytes = b""  # the first flight as received (capped)
    seconds: float = 0.0  # from accept to a complete hello
    record_version: int | None = None
    legacy_version: int | None = None
    versions: tuple[int, ...] = ()  # supported_versions if sent, else (legacy_version,)
    cipher_suites: tuple[int, ...] = ()  # as sent, GREASE included
    groups: tuple[int, ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    ec_point_formats: tuple[int, ...] = ()
    extensions: tuple[int, ...] = ()  # types in order, GREASE included
    compression_methods: tuple[int, ...] = ()
    sni: str | None = None
    alpn: tuple[str, ...] = ()
    grease: bool = False
    ja3: str = ""
    ja3_md5: str = ""
    ja4: str = ""
    ja4_raw: str = ""  # JA4 before hashing (ja4_r): the readable form
    protocol: str | None = None  # plaintext protocol the client spoke ("http"...)
    hello: ClientHello | None = field(default=None, compare=False, repr=False)
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.hello is not None or (self.kind == "sslv2" and bool(self.cipher_suites))

    def to_json(self) -> dict[str, object]:
        return {
            "peer": self.peer, "kind": self.kind, "seconds": round(self.seconds, 3),
            "record_version": self.record_version, "legacy_version": self.legacy_version,
            "versions": list(self.versions), "cipher_suites": list(self.cipher_suites),
            "groups": list(self.groups), "signature_algorithms": list(self.signature_algorithms),
            "ec_point_formats": list(self.ec_point_formats), "extensions": list(self.extensions),
            "compression_methods": list(self.compression_methods), "sni": self.sni,
            "alpn": list(self.alpn), "grease": self.grease, "ja3": self.ja3,
            "ja3_md5": self.ja3_md5, "ja4": self.ja4, "ja4_r": self.ja4_raw,
            "protocol": self.protocol, "error": self.error, "size": len(self.raw),
        }


def hello_bytes_needed(buf: bytes) -> int:
    """How many more bytes complete the first handshake message in ``buf``.

    <= 0: complete, or not a handshake record at all (stop reading). Works across
    several records (a hello split in fragments) and SSLv2-format records.
    """
    if len(buf) < 5:
        return 5 - len(buf)
    if buf[0] & 0x80:  # SSLv2 2-byte header, length in the low 15 bits
        return 2 + ((buf[0] & 0x7F) << 8 | buf[1]) - len(buf)
    if buf[0] != 0x16:
        return 0
    pos, body = 0, 0
    first_four = bytearray()
    while pos + 5 <= len(buf):
        if buf[pos] != 0x16:
            return 0  # something else interleaved: take what we have
        length = int.from_bytes(buf[pos + 3:pos + 5], "big")
        end = pos + 5 + length
        if end > len(buf):
            return end - len(buf)
        fragment = buf[pos + 5:end]
        if len(first_four) < 4:
            first_four += fragment[:4 - len(first_four)]
        body += length
        pos = end
        if len(first_four) == 4 and body >= 4 + int.from_bytes(first_four[1:4], "big"):
            return 0
    return 5 - (len(buf) - pos)


def _handshake_body(raw: bytes) -> tuple[int | None, bytes]:
    """(record version of the first record, the concatenated handshake bytes)."""
    pos, out, version = 0, bytearray(), None
    while pos + 5 <= len(raw) and raw[pos] == 0x16:
        if version is None:
            version = int.from_bytes(raw[pos + 1:pos + 3], "big")
        length = int.from_bytes(raw[pos + 3:pos + 5], "big")
        out += raw[pos + 5:pos + 5 + length]
        pos += 5 + length
    return version, bytes(out)


def _ja4_version(v: int) -> str:
    return {0x0304: "13", 0x0303: "12", 0x0302: "11", 0x0301: "10", 0x0300: "s3",
            0x0002: "s2", 0x0200: "s2"}.get(v, "00")


def _ja4_alpn(alpn: tuple[str, ...]) -> str:
    if not alpn or not alpn[0]:
        return "00"
    first, last = alpn[0][0], alpn[0][-1]
    if first.isascii() and first.isalnum() and last.isascii() and last.isalnum():
        return first + last
    # Non-alphanumeric values: first hex digit of the first byte, last of the last byte.
    data = alpn[0].encode("utf-8", "surrogateescape")
    return f"{data[0]:02x}"[0] + f"{data[-1]:02x}"[1]


def _sha12(text: str) -> str:
    return hashlib.sha256(text.encode()).hexdigest()[:12] if text else "000000000000"


def ja3(legacy_version: int, suites: tuple[int, ...], extensions: tuple[int, ...],
        groups: tuple[int, ...], point_formats: tuple[int, ...]) -> tuple[str, str]:
    """JA3 string and its MD5 (GREASE values removed everywhere)."""
    def join(values: tuple[int, ...]) -> str:
        return "-".join(str(v) for v in values if not is_grease(v))

    text = ",".join([str(legacy_version), join(suites), join(extensions), join(groups),
                     "-".join(str(p) for p in point_formats)])
    return text, hashlib.md5(text.encode(), usedforsecurity=False).hexdigest()


def ja4(*, versions: tuple[int, ...], legacy_version: int, suites: tuple[int, ...],
        extensions: tuple[int, ...], signature_algorithms: tuple[int, ...],
        sni: bool, alpn: tuple[str, ...], has_supported_versions: bool,
        transport: str = "t") -> tuple[str, str]:
    """JA4 fingerprint and its raw (unhashed) form."""
    real = [v for v in versions if not is_grease(v)]
    version = max(real) if has_supported_versions and real else legacy_version
    cs = [s for s in suites if not is_grease(s)]
    ext = [e for e in extensions if not is_grease(e)]
    a = (f"{transport}{_ja4_version(version)}{'d' if sni else 'i'}"
         f"{min(len(cs), 99):02d}{min(len(ext), 99):02d}{_ja4_alpn(alpn)}")
    b = ",".join(f"{s:04x}" for s in sorted(cs))
    c = ",".join(f"{e:04x}" for e in sorted(x for x in ext if x not in (_SNI, _ALPN)))
    sig = ",".join(f"{s:04x}" for s in signature_algorithms if not is_grease(s))
    c_full = f"{c}_{sig}" if sig else c
    return f"{a}_{_sha12(b)}_{_sha12(c_full)}", f"{a}_{b}_{c_full}"


def _decode_sslv2(raw: bytes) -> tuple[int, tuple[int, ...]] | None:
    """(version, cipher kinds) of an SSLv2 CLIENT-HELLO (draft-hickman §2.6), or None."""
    body = raw[2:2 + ((raw[0] & 0x7F) << 8 | raw[1])]
    if len(body) < 9 or body[0] != 1:
        return None
    version = int.from_bytes(body[1:3], "big")
    specs_len = int.from_bytes(body[3:5], "big")
    specs = body[9:9 + specs_len]
    if specs_len % 3 or len(specs) != specs_len:
        return None
    return version, tuple(int.from_bytes(specs[i:i + 3], "big") for i in range(0, len(specs), 3))


def analyze(raw: bytes, *, peer: str = "", seconds: float = 0.0) -> CapturedHello:
    """Decode a client's first flight into a CapturedHello (never raises)."""
    if not raw:
        return CapturedHello(peer=peer, kind="empty", seconds=seconds,
                             error="the client sent nothing")
    first = classify_first_bytes(raw)
    if first == "sslv2":
        decoded = _decode_sslv2(raw)
        if decoded is None:
            return CapturedHello(peer=peer, kind="sslv2", raw=raw, seconds=seconds,
                                 error="not an SSLv2 CLIENT-HELLO")
        version, kinds = decoded
        # An SSLv2-format hello may offer SSL 3.0/TLS (version field >= 0x0300): the
        # TLS suites are the 3-byte kinds with a zero first byte.
        return CapturedHello(peer=peer, kind="sslv2", raw=raw, seconds=seconds,
                             legacy_version=version, versions=(version,), cipher_suites=kinds)
    if first != "tls":
        return CapturedHello(peer=peer, kind=first, raw=raw, seconds=seconds,
                             protocol=detect_plaintext(raw),
                             error="the client did not start with a TLS handshake record")
    record_version, hs = _handshake_body(raw)
    if len(hs) < 4 or hs[0] != 1:
        return CapturedHello(peer=peer, kind="tls", raw=raw, seconds=seconds,
                             record_version=record_version,
                             error="the first handshake message is not a ClientHello")
    length = int.from_bytes(hs[1:4], "big")
    if len(hs) < 4 + length:
        return CapturedHello(peer=peer, kind="tls", raw=raw, seconds=seconds,
                             record_version=record_version,
                             error=f"ClientHello truncated ({len(hs) - 4} of {length} bytes)")
    try:
        hello = decode_client_hello(hs[4:4 + length])
    except DecodeError as exc:
        return CapturedHello(peer=peer, kind="tls", raw=raw, seconds=seconds,
                             record_version=record_version, error=f"bad ClientHello: {exc}")
    ext_types = tuple(int(e.type) for e in hello.extensions)
    point_formats = tuple(hello.ec_point_formats or ())
    ja3_text, ja3_md5 = ja3(hello.legacy_version, hello.cipher_suites, ext_types,
                            hello.groups, point_formats)
    ja4_hash, ja4_raw = ja4(versions=hello.versions, legacy_version=hello.legacy_version,
                            suites=hello.cipher_suites, extensions=ext_types,
                            signature_algorithms=hello.signature_algorithms,
                            sni=_SNI in ext_types, alpn=hello.alpn,
                            has_supported_versions=hello.supported_versions is not None)
    grease = (hello.grease or any(is_grease(v) for v in hello.cipher_suites + ext_types))
    return CapturedHello(
        peer=peer, kind="tls", raw=raw, seconds=seconds, record_version=record_version,
        legacy_version=hello.legacy_version, versions=hello.versions,
        cipher_suites=hello.cipher_suites, groups=hello.groups,
        signature_algorithms=hello.signature_algorithms, ec_point_formats=point_formats,
        extensions=ext_types, compression_methods=hello.compression_methods, sni=hello.sni,
        alpn=hello.alpn, grease=grease, ja3=ja3_text, ja3_md5=ja3_md5, ja4=ja4_hash,
        ja4_raw=ja4_raw, hello=hello,
        error="; ".join(hello.anomalies))


async def _read_flight(reader: asyncio.StreamReader, timeout: float, cap: int) -> bytes:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    buf = bytearray()
    while len(buf) < cap:
        need = hello_bytes_needed(bytes(buf))
        if need <= 0:
            break
        remaining = deadline - loop.time()
        if remaining <= 0:
            break
        try:
            data = await asyncio.wait_for(reader.read(min(max(need, 1), cap - len(buf))),
                                          remaining)
        except (TimeoutError, OSError):
            break
        if not data:
            break
        buf += data
    if buf and buf[0] != 0x16 and not buf[0] & 0x80:
        # Not TLS: a little more of it names the protocol (an HTTP request line).
        with contextlib.suppress(TimeoutError, OSError):
            buf += await asyncio.wait_for(reader.read(512), min(0.5, timeout))
    return bytes(buf)


def _refusal(captured: CapturedHello) -> bytes:
    if captured.kind == "sslv2":
        return _SSL2_ERROR
    if captured.kind != "tls":
        return b""  # not TLS: say nothing, just close
    version = captured.record_version or 0x0301
    version = version if 0x0300 <= version <= 0x0303 else 0x0303
    return b"\x15" + version.to_bytes(2, "big") + b"\x00\x02" + _ALERT_HANDSHAKE_FAILURE


class HelloListener:
    """A listening socket that captures ClientHellos; ``async with`` or start()/close()."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, *, read_timeout: float = 5.0,
                 max_bytes: int = MAX_FLIGHT,
                 on_capture: Callable[[CapturedHello], None] | None = None) -> None:
        self.host, self.port = host, port
        self.read_timeout, self.max_bytes = read_timeout, max_bytes
        self.on_capture = on_capture
        self.captured: list[CapturedHello] = []
        self._queue: asyncio.Queue[CapturedHello] = asyncio.Queue()
        self._server: asyncio.Server | None = None
        self._tasks: set[asyncio.Task[None]] = set()

    async def start(self) -> HelloListener:
        self._server = await asyncio.start_server(self._handle, self.host, self.port,
                                                  reuse_address=True)
        sock = self._server.sockets[0]
        self.port = sock.getsockname()[1]
        return self

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        task = asyncio.current_task()
        if task is not None:
            self._tasks.add(task)
        start = time.monotonic()
        peer = writer.get_extra_info("peername")
        peer_text = (f"[{peer[0]}]:{peer[1]}" if ":" in str(peer[0]) else f"{peer[0]}:{peer[1]}"
                     ) if isinstance(peer, tuple) else str(peer)
        try:
            raw = await _read_flight(reader, self.read_timeout, self.max_bytes)
            captured = analyze(raw, peer=peer_text, seconds=time.monotonic() - start)
            answer = _refusal(captured)
            with contextlib.suppress(OSError, TimeoutError):
                if answer:
                    writer.write(answer)
                    await asyncio.wait_for(writer.drain(), 2)
            self.captured.append(captured)
            if self.on_capture is not None:
                self.on_capture(captured)
            self._queue.put_nowait(captured)
        finally:
            writer.close()
            with contextlib.suppress(OSError, TimeoutError):
                await asyncio.wait_for(writer.wait_closed(), 2)
            if task is not None:
                self._tasks.discard(task)

    async def next(self, timeout: float) -> CapturedHello | None:
        """The next capture, or None after ``timeout`` seconds."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout)
        except TimeoutError:
            return None

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            for task in list(self._tasks):
                task.cancel()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)
            self._server = None

    async def __aenter__(self) -> HelloListener:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.close()


async def listen(host: str = "127.0.0.1", port: int = 8443, *, count: int = 1,
                 timeout: float = 60.0, read_timeout: float = 5.0,
                 on_ready: Callable[[int], None] | None = None,
                 on_capture: Callable[[CapturedHello], None] | None = None
                 ) -> list[CapturedHello]:
    """Accept clients until ``count`` hellos are captured or ``timeout`` seconds pass.

    ``port=0`` picks a free port; ``on_ready(port)`` is called once listening. Returns
    the captures (fewer than ``count`` after a timeout). OSError if the port is taken.
    """
    count = max(1, min(count, 10_000))
    out: list[CapturedHello] = []
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    async with HelloListener(host, port, read_timeout=read_timeout,
                             on_capture=on_capture) as listener:
        if on_ready is not None:
            on_ready(listener.port)
        while len(out) < count:
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            captured = await listener.next(remaining)
            if captured is None:
                break
            if captured.kind == "empty":
                continue  # a port check or health probe that sent nothing is not a client
            out.append(captured)
    return out


def free_port(host: str = "127.0.0.1") -> int:
    """A free TCP port on ``host`` (for callers that must name the port up front)."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])
