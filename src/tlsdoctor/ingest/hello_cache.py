"""Decoded handshake messages of a capture, decoded once per distinct shape.

A busy capture holds the same few clients and servers thousands of times: every
ClientHello of one client differs only in its random, session id, key shares (and PSK,
padding, session ticket, GREASE ECH payload), every ServerHello of one server in its
random, session id and key share, and every Certificate message of one server not at
all (nor its CertificateRequest, CertificateStatus or ServerHelloDone). Decoding is most
of the per-connection cost, so ``pcap_tls`` asks here first.

The key is the message with those per-connection bytes left out (their lengths and the
framing stay in), read by a walk of the outer structure. A message whose framing does not
walk cleanly is never cached: it goes to the decoder, which raises or records what is
wrong, exactly as before. A cached hello is the first one of its shape, so its random,
session id, key shares, PSK and padding are that connection's: captures read only what
the key covers (versions, suites, groups, signature algorithms, SNI, ALPN, extension
types, whether it is a HelloRetryRequest), and malformed per-connection extensions are
only ``anomalies`` there, which captures do not read either.
"""

from __future__ import annotations

from struct import Struct

from ..wire import decode_handshake
from ..wire.hello import HRR_RANDOM
from ..wire.messages import HandshakeBody
from ..wire.registry import HandshakeType
from .pcap_compiled import compiled_or

__all__ = ["MAX_ENTRIES", "decode_cached"]

MAX_ENTRIES = 4096  # per message type; the table starts over when full
# Extension data that changes with every connection (IANA TLS ExtensionType values):
# padding 21, session_ticket 35, pre_shared_key 41, early_data 42, cookie 44,
# key_share 51, encrypted_client_hello 0xfe0d (GREASE ECH is random bytes).
_VOLATILE = frozenset({21, 35, 41, 42, 44, 51, 0xFE0D})
_CLIENT_HELLO, _SERVER_HELLO, _CERTIFICATE = (int(HandshakeType.client_hello),
                                              int(HandshakeType.server_hello),
                                              int(HandshakeType.certificate))
# Messages the same, byte for byte, in every connection to a server (the decoded object
# depends on the bytes and the negotiated version only): one decoding per distinct body.
_SAME_BYTES = frozenset({_CERTIFICATE, int(HandshakeType.certificate_request),
                         int(HandshakeType.server_hello_done),
                         int(HandshakeType.certificate_status)})
_tables: dict[tuple[int, int], dict[bytes, HandshakeBody]] = {}
_TYPE_LENGTH = Struct(">HH")  # an extension's header: type, length of its data


def _extensions_key(body: bytes, pos: int, parts: list[bytes]) -> bool:
    """Append the extension block's stable bytes; False when its framing does not add up."""
    n = len(body)
    if pos == n:
        return True  # no extension block at all
    if pos + 2 > n:
        return False
    end = pos + 2 + (body[pos] << 8 | body[pos + 1])
    if end != n:
        return False  # trailing bytes or a short block: let the decoder say so
    run = pos  # start of the stable bytes not yet appended (one slice per run of them)
    pos += 2
    unpack = _TYPE_LENGTH.unpack_from  # (one call per extension header: ~15 per hello)
    while pos < end:
        if pos + 4 > end:
            return False
        ext_type, length = unpack(body, pos)
        data_end = pos + 4 + length
        if data_end > end:
            return False
        if ext_type in _VOLATILE:
            parts.append(body[run:pos + 4])  # its type and length stay, its data not
            run = data_end
        pos = data_end
    parts.append(body[run:end])
    return True


def _hello_key(msg_type: int, body: bytes) -> bytes | None:
    """``body`` without its per-connection bytes, or None when it does not walk cleanly."""
    n = len(body)
    if n < 35:
        return None
    sid = body[34]
    pos = 35 + sid
    # legacy_version, whether the random is the HelloRetryRequest marker, the id length
    parts = [body[0:2], b"\x01" if body[2:34] == HRR_RANDOM else b"\x00", body[34:35]]
    if msg_type == _CLIENT_HELLO:
        if pos + 2 > n:
            return None
        suites_end = pos + 2 + (body[pos] << 8 | body[pos + 1])
        if suites_end + 1 > n:
            return None
        comp_end = suites_end + 1 + body[suites_end]
        if comp_end > n:
            return None
        parts.append(body[pos:comp_end])
        pos = comp_end
    else:
        if pos + 3 > n:
            return None
        parts.append(body[pos:pos + 3])  # cipher suite, compression method
        pos += 3
    if not _extensions_key(body, pos, parts):
        return None
    return b"".join(parts)


def _bitmap(types: frozenset[int]) -> bytes:
    """``types`` as 8,192 bytes, bit t of byte t // 8 set for each (the compiled walk's)."""
    bits = bytearray(8192)
    for t in types:
        bits[t >> 3] |= 1 << (t & 7)
    return bytes(bits)


_VOLATILE_BITS = _bitmap(_VOLATILE)


def _hello_key_py(body: bytes, client: bool, hrr_random: bytes, volatile: bytes) -> bytes | None:
    """``_hello_key`` with the compiled walk's arguments (its fallback)."""
    return _hello_key(_CLIENT_HELLO if client else _SERVER_HELLO, body)


# The walk compiled (_pcapscan.hello_key, round 22b: ~5,000 hellos on the handshake-heavy
# capture, ~15 extension headers each), or the Python one (pcap_compiled).
_key = compiled_or("hello_key", _hello_key_py)


def decode_cached(msg_type: int, body: bytes, *, version: int) -> HandshakeBody:
    """``wire.decode_handshake(msg_type, body, version=version)``, from the table when a
    message of the same shape was decoded before. Raises what the decoder raises."""
    if msg_type in (_CLIENT_HELLO, _SERVER_HELLO):
        key = _key(body, msg_type == _CLIENT_HELLO, HRR_RANDOM, _VOLATILE_BITS)
    elif msg_type in _SAME_BYTES:
        key = body  # e.g. the same chain, byte for byte, in every connection to a server
    else:
        key = None
    if key is None:
        return decode_handshake(msg_type, body, version=version)
    table = _tables.setdefault((msg_type, version if msg_type in _SAME_BYTES else 0), {})
    msg = table.get(key)
    if msg is None:
        msg = decode_handshake(msg_type, body, version=version)  # raises: nothing cached
        if len(table) >= MAX_ENTRIES:
            table.clear()
        table[key] = msg
    return msg
