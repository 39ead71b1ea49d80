"""Record layer framing (TLS and SSLv2), handshake reassembly, first-bytes classification.

Sans-IO: ``feed()`` bytes as they arrive, then iterate ``records()``. Nothing here waits,
reads a socket or decrypts. Buffers are capped: a record longer than RFC 5246 §6.2.3
allows (2^14 + 2048) is an error, and so is a peer that makes us hold too many bytes.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from .buffer import DecodeError, EncodeError
from .registry import AlertDescription, ContentType, HandshakeType, coerce

__all__ = [
    "ENCRYPTED_ALERT_SIZES",
    "ENCRYPTED_EMPTY_CERTIFICATE",
    "ENCRYPTED_EMPTY_CERTIFICATES",
    "MAX_CIPHERTEXT",
    "MAX_PLAINTEXT",
    "FirstBytes",
    "HandshakeMessage",
    "HandshakeReassembler",
    "Record",
    "RecordReader",
    "SSLv2Record",
    "classify_first_bytes",
    "encode_handshake",
    "encode_record",
    "encode_records",
]

MAX_PLAINTEXT = 1 << 14  # RFC 8446 §5.1 / RFC 5246 §6.2.1
MAX_CIPHERTEXT = MAX_PLAINTEXT + 2048  # RFC 5246 §6.2.3: the largest record any version allows
MAX_SSL2_RECORD = 0x7FFF  # 2-byte SSLv2 header: 15-bit length
DEFAULT_BUFFER_CAP = 1 << 20  # unread bytes we hold before calling the peer abusive
DEFAULT_MESSAGE_CAP = 1 << 18  # one handshake message (OpenSSL's default cert list cap is 100 KiB)
# Sizes of encrypted TLS 1.3 records that give their content away to an observer:
# a 2-byte alert + 1 content-type byte + a 16- or 8-byte AEAD tag, and an empty client
# Certificate (4-byte header, empty context, empty list: RFC 8446 §4.4.2) + 1 + 16.
# (Here, not in tls13: reading a capture's record sizes needs no key schedule.)
# Java's JSSE pads every TLS 1.3 record with 16 zero bytes (sun/security/ssl/OutputRecord.java
# t13Encrypt, T13PaddingHolder.zeros = new byte[16]): its alert is 2 + 1 + 16 + 16 = 35 bytes
# and its empty Certificate 8 + 1 + 16 + 16 = 41; a padded Finished is still >= 69.
ENCRYPTED_ALERT_SIZES = (19, 11, 35)
ENCRYPTED_EMPTY_CERTIFICATE = 25
ENCRYPTED_EMPTY_CERTIFICATES = (ENCRYPTED_EMPTY_CERTIFICATE, 41)

FirstBytes = Literal["tls", "sslv2", "http", "plaintext", "garbage"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Record:
    """One TLS record as received (still encrypted if the peer encrypted it)."""

    content_type: ContentType | int  # unknown types are kept as int
    version: int  # the record-layer version field, as sent
    fragment: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class SSLv2Record:
    """One SSLv2 record with a 2-byte header (draft-hickman-netscape-ssl-00 §1.2)."""

    body: bytes  # first byte is the SSLv2 message type (0 ERROR, 4 SERVER-HELLO, ...)

    @property
    def msg_type(self) -> int | None:
        return self.body[0] if self.body else None


def classify_first_bytes(data: bytes) -> FirstBytes:
    """What the first bytes a peer sent look like.

    ``tls``: a record header with a known content type and major version 3;
    ``sslv2``: an SSLv2 2-byte header with a known message type; ``http``: an HTTP status
    line, request or HTML; ``plaintext``: printable text such as an SMTP/FTP/SSH banner;
    ``garbage``: anything else (empty data included).
    """
    if not data:
        return "garbage"
    b0 = data[0]
    if b0 in ContentType._value2member_map_ and (len(data) < 2 or data[1] == 3):
        return "tls"
    if b0 & 0x80:
        # 2-byte SSLv2 header, then the message type: 0 ERROR ... 8 CLIENT-CERTIFICATE.
        length = ((b0 & 0x7F) << 8) | (data[1] if len(data) > 1 else 0)
        if len(data) < 3 or (length >= 1 and data[2] <= 8):
            return "sslv2"
        return "garbage"
    head = data[:16]
    if head.startswith(b"HTTP/") or head.lstrip().lower().startswith((b"<html", b"<!doctype")):
        return "http"
    if head.split(b" ", 1)[0] in {b"GET", b"POST", b"HEAD", b"PUT", b"OPTIONS", b"CONNECT"}:
        return "http"
    sample = data[:256]
    if all(32 <= c < 127 or c in (9, 10, 13) for c in sample):
        return "plaintext"
    return "garbage"


class RecordReader:
    """Splits a byte stream into TLS (or SSLv2) records.

    ``feed()`` adds bytes; ``records()`` yields every complete record. A framing error
    (over-long record, bytes that are not TLS) is raised as DecodeError from
    ``records()`` and kept in ``error``; after it the reader yields nothing more.
    ``kind`` is the classification of the first bytes seen (None before any byte).
    """

    def __init__(
        self, *, max_record: int = MAX_CIPHERTEXT, buffer_cap: int = DEFAULT_BUFFER_CAP
    ) -> None:
        self._buf = bytearray()
        self._max_record = max_record
        self._buffer_cap = buffer_cap
        self.kind: FirstBytes | None = None
        self.error: DecodeError | None = None
        self.bytes_received = 0
        self.first_bytes = b""  # up to 512 bytes as first received (for reports; untrusted)

    @property
    def buffered(self) -> int:
        """Bytes received that are not yet part of a complete record."""
        return len(self._buf)

    def feed(self, data: bytes) -> None:
        if self.error is not None:
            return
        if len(self._buf) + len(data) > self._buffer_cap:
            self.error = DecodeError(
                f"peer sent more than {self._buffer_cap} unread bytes",
                alert=AlertDescription.record_overflow,
            )
            return
        if len(self.first_bytes) < 512:
            self.first_bytes += data[: 512 - len(self.first_bytes)]
        self.bytes_received += len(data)
        self._buf += data

    def records(self) -> Iterator[Record | SSLv2Record]:
        while True:
            if self.error is not None:
                raise self.error
            if not self._buf:
                return
            if self.kind is None:
                # Decide on the first byte(s) only once enough are present to be sure.
                if len(self._buf) < 3 and not self._buf[0] & 0x80:
                    if self._buf[0] not in ContentType._value2member_map_:
                        self.kind = classify_first_bytes(bytes(self._buf))
                    else:
                        return
                else:
                    self.kind = classify_first_bytes(bytes(self._buf[:256]))
                if self.kind not in ("tls", "sslv2"):
                    self.error = DecodeError(
                        f"not TLS: the peer's first bytes look like {self.kind}",
                        alert=AlertDescription.unexpected_message,
                    )
                    raise self.error
            rec = self._next()
            if rec is None:
                return
            yield rec

    def _next(self) -> Record | SSLv2Record | None:
        buf = self._buf
        if bool(buf[0] & 0x80) != (self.kind == "sslv2"):
            # A stream keeps its framing: a TLS peer never switches to SSLv2 records and
            # back (SSLv2's 3-byte padded header only follows encryption, never seen here).
            self.error = DecodeError(
                f"{'SSLv2' if self.kind == 'sslv2' else 'TLS'} stream broken by header "
                f"{bytes(buf[:5]).hex()}",
                alert=AlertDescription.unexpected_message,
            )
            raise self.error
        if buf[0] & 0x80:  # SSLv2 2-byte header: high bit set, 15-bit length
            if len(buf) < 2:
                return None
            length = ((buf[0] & 0x7F) << 8) | buf[1]
            if len(buf) < 2 + length:
                return None
            body = bytes(buf[2 : 2 + length])
            del buf[: 2 + length]
            return SSLv2Record(body=body)
        if len(buf) < 5:
            return None
        ctype, major = buf[0], buf[1]
        if ctype not in ContentType._value2member_map_ or major != 3:
            self.error = DecodeError(
                f"bad record header {bytes(buf[:5]).hex()}",
                alert=AlertDescription.unexpected_message,
            )
            raise self.error
        version = (buf[1] << 8) | buf[2]
        length = (buf[3] << 8) | buf[4]
        if length > self._max_record:
            self.error = DecodeError(
                f"record of {length} bytes exceeds the {self._max_record}-byte limit",
                alert=AlertDescription.record_overflow,
            )
            raise self.error
        if len(buf) < 5 + length:
            return None
        fragment = bytes(buf[5 : 5 + length])
        del buf[: 5 + length]
        return Record(content_type=coerce(ContentType, ctype), version=version, fragment=fragment)


def encode_record(
    content_type: int, fragment: bytes, *, version: int = 0x0301, length: int | None = None
) -> bytes:
    """One record. ``version`` is the record-layer version (0x0301 is what TLS 1.3 clients
    and most TLS 1.2 clients send in the first record, RFC 8446 §5.1); ``length``
    overrides the length field to send a malformed record on purpose."""
    n = len(fragment) if length is None else length
    if not 0 <= n <= 0xFFFF or not 0 <= content_type <= 0xFF or not 0 <= version <= 0xFFFF:
        raise EncodeError("record field out of range")
    return bytes((content_type, version >> 8, version & 0xFF, n >> 8, n & 0xFF)) + fragment


def encode_records(
    content_type: int, data: bytes, *, version: int = 0x0301, max_fragment: int = MAX_PLAINTEXT
) -> bytes:
    """``data`` split into as many records as needed, each at most ``max_fragment`` bytes."""
    if max_fragment < 1:
        raise EncodeError("max_fragment must be positive")
    if not data:
        return encode_record(content_type, b"", version=version)
    return b"".join(
        encode_record(content_type, data[i : i + max_fragment], version=version)
        for i in range(0, len(data), max_fragment)
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class HandshakeMessage:
    """One reassembled handshake message."""

    msg_type: HandshakeType | int
    body: bytes
    raw: bytes  # header + body, exactly as sent (what a transcript hash covers)


def encode_handshake(msg_type: int, body: bytes, *, length: int | None = None) -> bytes:
    """A handshake message: type, uint24 length (overridable), body (RFC 8446 §4)."""
    n = len(body) if length is None else length
    if not 0 <= n <= 0xFFFFFF or not 0 <= msg_type <= 0xFF:
        raise EncodeError("handshake field out of range")
    return bytes((msg_type,)) + n.to_bytes(3, "big") + body


class HandshakeReassembler:
    """Rebuilds handshake messages from the fragments of handshake records.

    A message may span several records and one record may hold several messages
    (RFC 8446 §5.1, RFC 5246 §6.2.1). A message longer than ``max_message`` is an error
    before any of its body is buffered.
    """

    def __init__(self, *, max_message: int = DEFAULT_MESSAGE_CAP) -> None:
        self._buf = bytearray()
        self._max = max_message

    @property
    def pending(self) -> int:
        """Bytes of an incomplete message held (non-zero at a record boundary is legal
        in TLS 1.2 and forbidden at a key change in TLS 1.3)."""
        return len(self._buf)

    def feed(self, fragment: bytes) -> None:
        if len(self._buf) + len(fragment) > 4 * self._max + 4:
            # Only a caller that never drains messages() gets here; refuse to grow.
            raise DecodeError(
                "too many undelivered handshake bytes", alert=AlertDescription.internal_error
            )
        self._buf += fragment
        if len(self._buf) >= 4:
            length = int.from_bytes(self._buf[1:4], "big")
            if length > self._max:
                raise DecodeError(
                    f"handshake message of {length} bytes exceeds the {self._max}-byte cap",
                    alert=AlertDescription.illegal_parameter,
                )

    def messages(self) -> Iterator[HandshakeMessage]:
        while len(self._buf) >= 4:
            length = int.from_bytes(self._buf[1:4], "big")
            if length > self._max:
                raise DecodeError(
                    f"handshake message of {length} bytes exceeds the {self._max}-byte cap",
                    alert=AlertDescription.illegal_parameter,
                )
            if len(self._buf) < 4 + length:
                return
            raw = bytes(self._buf[: 4 + length])
            del self._buf[: 4 + length]
            yield HandshakeMessage(msg_type=coerce(HandshakeType, raw[0]), body=raw[4:], raw=raw)
