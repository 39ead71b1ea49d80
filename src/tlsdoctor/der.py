"""Minimal DER: the few TLV operations that cryptography has no public API for.

Used to read a bare X.501 Name (CertificateRequest CA names), the subjectPublicKey bits
of an SPKI (OCSP key hash), and by the test CA to re-sign certificates with legacy
hashes. Reading is bounds-checked (peer bytes); ValueError on anything malformed.
"""

from __future__ import annotations

from collections.abc import Sequence


def header(data: bytes, pos: int = 0) -> tuple[int, int, int]:
    """(tag, body start, body length) of the TLV at ``pos``; ValueError if it does not fit."""
    if pos + 2 > len(data):
        raise ValueError("truncated DER header")
    tag, first = data[pos], data[pos + 1]
    start = pos + 2
    if first & 0x80:
        n = first & 0x7F
        if n == 0 or n > 4 or start + n > len(data):
            raise ValueError("bad DER length")
        length = int.from_bytes(data[start:start + n], "big")
        start += n
    else:
        length = first
    if start + length > len(data):
        raise ValueError("DER value runs past the end")
    return tag, start, length


def value(data: bytes, pos: int = 0) -> tuple[int, bytes, int]:
    """(tag, body, position after the TLV) of the TLV at ``pos``."""
    tag, start, length = header(data, pos)
    return tag, data[start:start + length], start + length


def children(data: bytes) -> list[bytes]:
    """The complete TLVs inside the constructed TLV ``data``."""
    _, start, length = header(data)
    out, pos, end = [], start, start + length
    while pos < end:
        _, child_start, child_length = header(data, pos)
        out.append(data[pos:child_start + child_length])
        pos = child_start + child_length
    return out


def encode_length(n: int) -> bytes:
    if n < 0x80:
        return bytes([n])
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(raw)]) + raw


def tlv(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + encode_length(len(body)) + body


def sequence(parts: Sequence[bytes]) -> bytes:
    return tlv(0x30, b"".join(parts))
