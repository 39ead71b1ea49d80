"""SSL 2.0: CLIENT-HELLO encoding, SERVER-HELLO / ERROR decoding, SSLv2-format hellos.

Used only to ask "does this server still speak SSLv2?" and to read the SSLv2-compatible
ClientHello that very old clients send. Formats: draft-hickman-netscape-ssl-00
(SSL 2.0, 1995) §2.5-2.6 and Appendix A; RFC 5246 Appendix E.2 (the v2-format
ClientHello carrying TLS suites); RFC 6176 (SSL 2.0 prohibited).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

from .buffer import DecodeError, EncodeError, Reader, Writer
from .hello import ClientHello, _client_hello_from_parts
from .registry import coerce

__all__ = [
    "SSLv2Cipher",
    "SSLv2Error",
    "SSLv2ErrorCode",
    "SSLv2MessageType",
    "SSLv2ServerHello",
    "decode_sslv2_client_hello",
    "decode_sslv2_message",
    "decode_sslv2_server_hello",
    "encode_sslv2_client_hello",
    "encode_sslv2_record",
]

MAX_SSL2_BODY = 0x7FFF  # 2-byte header: 15-bit length


class SSLv2MessageType(IntEnum):
    """SSL 2.0 handshake message types (draft-hickman-netscape-ssl-00 Appendix A)."""

    ERROR = 0
    CLIENT_HELLO = 1
    CLIENT_MASTER_KEY = 2
    CLIENT_FINISHED = 3
    SERVER_HELLO = 4
    SERVER_VERIFY = 5
    SERVER_FINISHED = 6
    REQUEST_CERTIFICATE = 7
    CLIENT_CERTIFICATE = 8


class SSLv2Cipher(IntEnum):
    """SSL 2.0 cipher kinds (3 bytes; draft-hickman-netscape-ssl-00 Appendix C)."""

    RC4_128_WITH_MD5 = 0x010080
    RC4_128_EXPORT40_WITH_MD5 = 0x020080
    RC2_128_CBC_WITH_MD5 = 0x030080
    RC2_128_CBC_EXPORT40_WITH_MD5 = 0x040080
    IDEA_128_CBC_WITH_MD5 = 0x050080
    DES_64_CBC_WITH_MD5 = 0x060040
    DES_192_EDE3_CBC_WITH_MD5 = 0x0700C0
    RC4_64_WITH_MD5 = 0x080080  # not in the draft; OpenSSL's SSL2_CK_RC4_64_WITH_MD5


class SSLv2ErrorCode(IntEnum):
    NO_CIPHER = 0x0001
    NO_CERTIFICATE = 0x0002
    BAD_CERTIFICATE = 0x0004
    UNSUPPORTED_CERTIFICATE_TYPE = 0x0006


def encode_sslv2_record(body: bytes) -> bytes:
    """``body`` behind a 2-byte SSLv2 header (high bit set, no padding)."""
    if len(body) > MAX_SSL2_BODY:
        raise EncodeError("SSLv2 record body too long")
    return (0x8000 | len(body)).to_bytes(2, "big") + body


def encode_sslv2_client_hello(
    cipher_specs: Iterable[int] = tuple(SSLv2Cipher),
    *,
    challenge: bytes,
    session_id: bytes = b"",
    version: int = 0x0002,
) -> bytes:
    """A complete SSLv2 record holding CLIENT-HELLO.

    ``cipher_specs`` are 3-byte kinds; TLS suites can be mixed in as ``0x00XXYY`` with
    ``version`` 0x0300+ to build the RFC 5246 E.2 compatible hello. ``challenge`` is 16 to
    32 bytes.
    """
    if not 16 <= len(challenge) <= 32:
        raise EncodeError("SSLv2 challenge must be 16-32 bytes")
    specs = b"".join(c.to_bytes(3, "big") for c in cipher_specs)
    w = Writer()
    w.push_uint8(SSLv2MessageType.CLIENT_HELLO)
    w.push_uint16(version)
    w.push_uint16(len(specs))
    w.push_uint16(len(session_id))
    w.push_uint16(len(challenge))
    w.push_bytes(specs + session_id + challenge)
    return encode_sslv2_record(w.data())


def _specs(raw: bytes) -> tuple[int, ...]:
    if len(raw) % 3:
        raise DecodeError("SSLv2 cipher specs not a multiple of 3 bytes")
    return tuple(int.from_bytes(raw[i : i + 3], "big") for i in range(0, len(raw), 3))


@dataclass(frozen=True, slots=True, kw_only=True)
class SSLv2ServerHello:
    """An SSL 2.0 SERVER-HELLO: the server's certificate, ciphers and connection id."""
    session_id_hit: bool
    certificate_type: int  # 1 = X.509
    version: int
    certificate: bytes  # DER
    cipher_specs: tuple[SSLv2Cipher | int, ...]
    connection_id: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class SSLv2Error:
    """An SSL 2.0 ERROR message."""
    code: SSLv2ErrorCode | int


def decode_sslv2_server_hello(body: bytes) -> SSLv2ServerHello:
    """SERVER-HELLO from an SSLv2 record body (message type byte included)."""
    r = Reader(body)
    if r.uint8() != SSLv2MessageType.SERVER_HELLO:
        raise DecodeError("not an SSLv2 SERVER-HELLO")
    hit = r.uint8()
    cert_type = r.uint8()
    version = r.uint16()
    cert_len, specs_len, conn_len = r.uint16(), r.uint16(), r.uint16()
    cert = r.bytes(cert_len)
    specs = _specs(r.bytes(specs_len))
    conn = r.bytes(conn_len)
    # Trailing bytes would be padding of an encrypted record; a plaintext hello has none,
    # but we keep what parsed rather than refuse (lenient, see module docstring).
    return SSLv2ServerHello(
        session_id_hit=bool(hit),
        certificate_type=cert_type,
        version=version,
        certificate=cert,
        cipher_specs=tuple(coerce(SSLv2Cipher, c) for c in specs),
        connection_id=conn,
    )


def decode_sslv2_message(body: bytes) -> SSLv2ServerHello | SSLv2Error:
    """A server's first SSLv2 message: SERVER-HELLO or ERROR."""
    if not body:
        raise DecodeError("empty SSLv2 record")
    if body[0] == SSLv2MessageType.ERROR:
        if len(body) < 3:
            raise DecodeError("short SSLv2 ERROR")
        return SSLv2Error(code=coerce(SSLv2ErrorCode, int.from_bytes(body[1:3], "big")))
    return decode_sslv2_server_hello(body)


def decode_sslv2_client_hello(body: bytes) -> ClientHello:
    """An SSLv2-format CLIENT-HELLO (record body) as a ClientHello.

    Per RFC 5246 Appendix E.2, 3-byte specs whose first byte is 0 are TLS suites; the
    others (true SSLv2 kinds) are kept as 3-byte ints in ``cipher_suites``. The
    challenge becomes the random, right-aligned and zero-padded to 32 bytes.
    """
    r = Reader(body)
    if r.uint8() != SSLv2MessageType.CLIENT_HELLO:
        raise DecodeError("not an SSLv2 CLIENT-HELLO")
    version = r.uint16()
    specs_len, sid_len, chal_len = r.uint16(), r.uint16(), r.uint16()
    specs = _specs(r.bytes(specs_len))
    session_id = r.bytes(sid_len)
    challenge = r.bytes(chal_len)
    anomalies: list[str] = []
    if not 16 <= chal_len <= 32:
        anomalies.append(f"SSLv2 challenge of {chal_len} bytes (expected 16-32)")
    if not r.eof():
        anomalies.append(f"{r.remaining()} trailing bytes in SSLv2 CLIENT-HELLO")
    suites = tuple(c if c >> 16 else c & 0xFFFF for c in specs)
    return _client_hello_from_parts(
        legacy_version=version,
        random=challenge[-32:].rjust(32, b"\x00"),
        session_id=session_id,
        suites=suites,
        compression=(0,),
        exts=(),
        has_block=False,
        sslv2_format=True,
        anomalies=tuple(anomalies),
    )
