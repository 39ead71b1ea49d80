"""One codec per TLS extension; unknown extensions are kept as raw bytes.

``encode_*`` build the ``extension_data`` of one extension (without its type and length);
``decode_*`` parse it and raise DecodeError when it does not parse. ``decode_extension``
dispatches by type and message context; callers that want leniency catch DecodeError
per extension and keep the raw bytes (see hello.py).

Formats: RFC 6066 (server_name, max_fragment_length, status_request), RFC 8422
(supported_groups, ec_point_formats), RFC 8446 §4.2 (signature_algorithms(_cert),
supported_versions, cookie, key_share, psk_key_exchange_modes, certificate_authorities),
RFC 7301 (ALPN), RFC 6962 §3.3 (SCT), RFC 7627 (EMS), RFC 7366 (EtM), RFC 5077
(session_ticket), RFC 5746 (renegotiation_info), RFC 7685 (padding), RFC 8449
(record_size_limit), RFC 8701 (GREASE).
"""

from __future__ import annotations

import struct
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum

from .buffer import DecodeError, EncodeError, Reader, Writer
from .registry import AlertDescription, ExtensionType, is_grease

__all__ = [
    "Context",
    "Extension",
    "KeyShareEntry",
    "PskIdentity",
    "StatusRequest",
    "decode_alpn",
    "decode_certificate_authorities",
    "decode_certificate_type",
    "decode_compress_certificate",
    "decode_cookie",
    "decode_ec_point_formats",
    "decode_empty",
    "decode_extension",
    "decode_key_share_client",
    "decode_key_share_hrr",
    "decode_key_share_server",
    "decode_max_fragment_length",
    "decode_padding",
    "decode_pre_shared_key_client",
    "decode_pre_shared_key_server",
    "decode_psk_key_exchange_modes",
    "decode_record_size_limit",
    "decode_renegotiation_info",
    "decode_sct_list",
    "decode_server_name",
    "decode_signature_algorithms",
    "decode_status_request",
    "decode_supported_groups",
    "decode_supported_versions_client",
    "decode_supported_versions_server",
    "encode_alpn",
    "encode_certificate_authorities",
    "encode_compress_certificate",
    "encode_cookie",
    "encode_ec_point_formats",
    "encode_extensions",
    "encode_key_share_client",
    "encode_key_share_hrr",
    "encode_key_share_server",
    "encode_padding",
    "encode_psk_key_exchange_modes",
    "encode_renegotiation_info",
    "encode_sct_list",
    "encode_server_name",
    "encode_signature_algorithms",
    "encode_status_request",
    "encode_supported_groups",
    "encode_supported_versions_client",
    "encode_supported_versions_server",
    "pull_extensions",
]

MAX_EXTENSIONS = 512  # far above any real hello (Chrome sends ~18); bounds per-message work


class Context(StrEnum):
    """The message an extension appears in; some extensions differ by context."""

    CLIENT_HELLO = "client_hello"
    SERVER_HELLO = "server_hello"
    HELLO_RETRY_REQUEST = "hello_retry_request"
    ENCRYPTED_EXTENSIONS = "encrypted_extensions"
    CERTIFICATE = "certificate"
    CERTIFICATE_REQUEST = "certificate_request"
    NEW_SESSION_TICKET = "new_session_ticket"


@dataclass(frozen=True, slots=True, kw_only=True)
class Extension:
    """One extension as sent: type (int when unassigned or GREASE) and raw data."""

    type: ExtensionType | int
    data: bytes

    @property
    def grease(self) -> bool:
        return is_grease(int(self.type))


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyShareEntry:
    """One key_share entry: a group and its public key."""
    group: int  # NamedGroup value (kept as int: GREASE and unknown groups are common)
    key_exchange: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusRequest:
    """status_request in a ClientHello (RFC 6066 §8)."""

    status_type: int  # 1 = ocsp
    responder_ids: tuple[bytes, ...] = ()
    request_extensions: bytes = b""


# -- framing -----------------------------------------------------------------------------


def pull_extensions(r: Reader) -> tuple[Extension, ...]:
    """Read a uint16-length list of extensions (the caller checks it exists)."""
    out: list[Extension] = []
    with r.block(2):
        # Walk the block's bytes with local indexes rather than three Reader calls per
        # extension (the hottest loop of hello decoding). The checks and error messages are
        # those Reader.uint16()/vector(2) give: offsets in the whole buffer, bytes left in
        # the block.
        base = r.pos
        buf = r.rest()
        end = len(buf)
        pos = 0
        while pos < end:
            if len(out) >= MAX_EXTENSIONS:
                raise DecodeError(f"more than {MAX_EXTENSIONS} extensions")
            if pos + 4 > end:
                if pos + 2 <= end:
                    pos += 2  # the type was there; the length prefix is what is missing
                raise DecodeError(f"need 2 bytes at offset {base + pos}, have {end - pos}")
            ext_type = (buf[pos] << 8) | buf[pos + 1]
            length = (buf[pos + 2] << 8) | buf[pos + 3]
            pos += 4
            if pos + length > end:
                raise DecodeError(f"need {length} bytes at offset {base + pos}, have {end - pos}")
            member = _EXT_MEMBERS.get(ext_type)  # coerce() inlined: one dict lookup
            out.append(Extension(type=ext_type if member is None else member,
                                 data=buf[pos : pos + length]))
            pos += length
    return tuple(out)


_EXT_MEMBERS: dict[int, ExtensionType] = {int(m): m for m in ExtensionType}


def encode_extensions(exts: Iterable[Extension], *, length: int | None = None) -> bytes:
    w = Writer()
    with w.block(2, length=length):
        for ext in exts:
            w.push_uint16(int(ext.type))
            w.push_vector(2, ext.data)
    return w.data()


def _whole(data: bytes, pull: Callable[[Reader], object]) -> object:
    r = Reader(data)
    value = pull(r)
    if not r.eof():
        raise DecodeError(f"{r.remaining()} trailing bytes in extension")
    return value


def _split_vectors(data: bytes, len_len: int, item_len: int, *,
                   prefix: int = 0) -> list[bytes] | None:
    """The items of a list with a ``len_len``-byte length, each item ``prefix`` fixed bytes
    then an opaque vector with an ``item_len``-byte length; each returned as its prefix plus
    the vector's bytes (no length). None unless the list is exactly well formed. The per-extension
    decoders try this first so the usual hello costs no Reader; anything else goes through
    the Reader path, which raises the exact error."""
    n = len(data)
    if n < len_len or int.from_bytes(data[:len_len], "big") != n - len_len:
        return None
    out: list[bytes] = []
    pos = len_len
    while pos < n:
        head = pos + prefix + item_len
        if head > n:
            return None
        length = int.from_bytes(data[pos + prefix : head], "big")
        if head + length > n:
            return None
        out.append(data[pos : pos + prefix] + data[head : head + length] if prefix
                   else data[head : head + length])
        pos = head + length
    return out


def _text(raw: bytes) -> str:
    # Peer-supplied names are data: anything but printable ASCII (controls, escapes,
    # non-ASCII) becomes a visible \xNN, so no later output can be steered by it.
    if not raw.translate(None, _TEXT_SAFE):  # the usual case: nothing to escape, one C call
        return raw.decode("ascii")
    return "".join([_TEXT_ESC[b] for b in raw])


# Printable ASCII except space and backslash stays as is (see _text); a table per byte so
# the escaping costs one lookup, not a format call.
_TEXT_SAFE = bytes(b for b in range(256) if 0x20 < b < 0x7F and b != 0x5C)
_TEXT_ESC = tuple(chr(b) if 0x20 < b < 0x7F and b != 0x5C else f"\\x{b:02x}" for b in range(256))


# -- server_name (RFC 6066 §3) -----------------------------------------------------------


def encode_server_name(host: str) -> bytes:
    name = host.encode("idna") if not host.isascii() else host.encode("ascii")
    w = Writer()
    with w.block(2):
        w.push_uint8(0)  # host_name
        w.push_vector(2, name)
    return w.data()


def decode_server_name(data: bytes) -> str | None:
    """The host_name asked for; None for the empty acknowledgement a server sends."""
    if not data:
        return None
    n = len(data)
    if (n >= 5 and ((data[0] << 8) | data[1]) == n - 2 and data[2] == 0
            and ((data[3] << 8) | data[4]) == n - 5):
        return _text(data[5:])  # the usual single host_name, without the Reader
    r = Reader(data)
    host: str | None = None
    with r.block(2):
        while not r.eof():
            name_type = r.uint8()
            name = r.vector(2)
            if name_type == 0 and host is None:
                host = _text(name)
    if not r.eof():
        raise DecodeError("trailing bytes after server_name list")
    return host


# -- lists of code points ------------------------------------------------------------------


def encode_supported_groups(groups: Iterable[int]) -> bytes:
    w = Writer()
    w.push_uint16_list(2, list(groups))
    return w.data()


def decode_supported_groups(data: bytes) -> tuple[int, ...]:
    n = len(data)
    # Fast path for the well-formed case (length prefix matches, even count): one unpack.
    # Anything else takes the Reader path, which gives the exact error.
    if n >= 2 and ((data[0] << 8) | data[1]) == n - 2 and not n & 1:
        return struct.unpack(f">{(n - 2) >> 1}H", data[2:])
    return _whole(data, lambda r: r.uint16_list(2))  # type: ignore[return-value]


encode_signature_algorithms = encode_supported_groups
decode_signature_algorithms = decode_supported_groups


def encode_ec_point_formats(formats: Iterable[int]) -> bytes:
    w = Writer()
    w.push_uint8_list(1, list(formats))
    return w.data()


def decode_ec_point_formats(data: bytes) -> tuple[int, ...]:
    if data and data[0] == len(data) - 1:  # well-formed: skip the Reader (see above)
        return tuple(data[1:])
    return _whole(data, lambda r: r.uint8_list(1))  # type: ignore[return-value]


encode_psk_key_exchange_modes = encode_ec_point_formats
decode_psk_key_exchange_modes = decode_ec_point_formats


# -- ALPN (RFC 7301 §3.1) -------------------------------------------------------------------


def encode_alpn(protocols: Iterable[str]) -> bytes:
    w = Writer()
    with w.block(2):
        for p in protocols:
            raw = p.encode("utf-8")
            if not raw:
                raise EncodeError("empty ALPN protocol name")
            w.push_vector(1, raw)
    return w.data()


def decode_alpn(data: bytes) -> tuple[str, ...]:
    """Protocol names (a server's answer holds exactly one; callers check that)."""
    fast = _split_vectors(data, 2, 1)
    if fast is not None:
        return tuple(_text(p) for p in fast)
    r = Reader(data)
    out: list[str] = []
    with r.block(2):
        while not r.eof():
            out.append(_text(r.vector(1)))
    if not r.eof():
        raise DecodeError("trailing bytes after ALPN list")
    return tuple(out)


# -- status_request (RFC 6066 §8) ----------------------------------------------------------


def encode_status_request() -> bytes:
    """OCSP, no responder ids, no request extensions: what every browser sends."""
    return b"\x01\x00\x00\x00\x00"


def decode_status_request(data: bytes) -> StatusRequest | None:
    """A ClientHello request; None for the empty server acknowledgement."""
    if not data:
        return None
    r = Reader(data)
    status_type = r.uint8()
    if status_type != 1:
        return StatusRequest(status_type=status_type, request_extensions=r.rest())
    ids: list[bytes] = []
    with r.block(2):
        while not r.eof():
            ids.append(r.vector(2))
    exts = r.vector(2)
    if not r.eof():
        raise DecodeError("trailing bytes after status_request")
    return StatusRequest(status_type=1, responder_ids=tuple(ids), request_extensions=exts)


# -- SCT (RFC 6962 §3.3) ---------------------------------------------------------------------


def _encode_vectors(items: Iterable[bytes]) -> bytes:
    """A 2-byte-length list of 2-byte-length opaque vectors (SCT list, CA names)."""
    w = Writer()
    with w.block(2):
        for item in items:
            w.push_vector(2, item)
    return w.data()


def _decode_vectors(data: bytes, what: str) -> tuple[bytes, ...]:
    r = Reader(data)
    out: list[bytes] = []
    with r.block(2):
        while not r.eof():
            out.append(r.vector(2))
    if not r.eof():
        raise DecodeError(f"trailing bytes after {what}")
    return tuple(out)


def encode_sct_list(scts: Iterable[bytes]) -> bytes:
    return _encode_vectors(scts)


def decode_sct_list(data: bytes) -> tuple[bytes, ...]:
    """Serialized SCTs; empty for the empty ClientHello request."""
    if not data:
        return ()
    return _decode_vectors(data, "SCT list")


# -- empty-bodied flags: extended_master_secret, encrypt_then_mac, post_handshake_auth -----


def decode_empty(data: bytes) -> bool:
    if data:
        raise DecodeError("extension must be empty")
    return True


# -- renegotiation_info (RFC 5746 §3.2) -------------------------------------------------------


def encode_renegotiation_info(renegotiated_connection: bytes = b"") -> bytes:
    w = Writer()
    w.push_vector(1, renegotiated_connection)
    return w.data()


def decode_renegotiation_info(data: bytes) -> bytes:
    return _whole(data, lambda r: r.vector(1))  # type: ignore[return-value]


# -- supported_versions (RFC 8446 §4.2.1) -----------------------------------------------------


def encode_supported_versions_client(versions: Iterable[int]) -> bytes:
    w = Writer()
    w.push_uint16_list(1, list(versions))
    return w.data()


def decode_supported_versions_client(data: bytes) -> tuple[int, ...]:
    n = len(data)
    if n and data[0] == n - 1 and n & 1:  # well-formed: one unpack (see supported_groups)
        return struct.unpack(f">{(n - 1) >> 1}H", data[1:])
    return _whole(data, lambda r: r.uint16_list(1))  # type: ignore[return-value]


def encode_supported_versions_server(version: int) -> bytes:
    return version.to_bytes(2, "big")


def decode_supported_versions_server(data: bytes) -> int:
    return _whole(data, lambda r: r.uint16())  # type: ignore[return-value]


# -- key_share (RFC 8446 §4.2.8) --------------------------------------------------------------


def _pull_entry(r: Reader) -> KeyShareEntry:
    group = r.uint16()
    key = r.vector(2)
    return KeyShareEntry(group=group, key_exchange=key)


def encode_key_share_client(entries: Iterable[KeyShareEntry]) -> bytes:
    w = Writer()
    with w.block(2):
        for e in entries:
            w.push_uint16(e.group)
            w.push_vector(2, e.key_exchange)
    return w.data()


def decode_key_share_client(data: bytes) -> tuple[KeyShareEntry, ...]:
    fast = _split_vectors(data, 2, 2, prefix=2)
    if fast is not None:
        return tuple(KeyShareEntry(group=(e[0] << 8) | e[1], key_exchange=e[2:]) for e in fast)
    r = Reader(data)
    out: list[KeyShareEntry] = []
    with r.block(2):
        while not r.eof():
            out.append(_pull_entry(r))
    if not r.eof():
        raise DecodeError("trailing bytes after client key_share")
    return tuple(out)


def encode_key_share_server(entry: KeyShareEntry) -> bytes:
    w = Writer()
    w.push_uint16(entry.group)
    w.push_vector(2, entry.key_exchange)
    return w.data()


def decode_key_share_server(data: bytes) -> KeyShareEntry:
    return _whole(data, _pull_entry)  # type: ignore[return-value]


def encode_key_share_hrr(group: int) -> bytes:
    return group.to_bytes(2, "big")


def decode_key_share_hrr(data: bytes) -> int:
    return _whole(data, lambda r: r.uint16())  # type: ignore[return-value]


# -- cookie (RFC 8446 §4.2.2) ------------------------------------------------------------------


def encode_cookie(cookie: bytes) -> bytes:
    w = Writer()
    w.push_vector(2, cookie)
    return w.data()


def decode_cookie(data: bytes) -> bytes:
    return _whole(data, lambda r: r.vector(2))  # type: ignore[return-value]


# -- padding (RFC 7685) ------------------------------------------------------------------------


def encode_padding(n: int) -> bytes:
    return bytes(n)


def decode_padding(data: bytes) -> int:
    """Padding length. Non-zero bytes are legal to parse (the RFC says MUST be zero, a
    server MAY reject); report them with DecodeError so the caller records the oddity."""
    if data.count(0) != len(data):  # any(data), counted in C (padding runs to ~500 bytes)
        raise DecodeError("non-zero padding bytes", alert=AlertDescription.illegal_parameter)
    return len(data)


# -- max_fragment_length, record_size_limit ----------------------------------------------------


def decode_max_fragment_length(data: bytes) -> int:
    return _whole(data, lambda r: r.uint8())  # type: ignore[return-value]


def decode_record_size_limit(data: bytes) -> int:
    return _whole(data, lambda r: r.uint16())  # type: ignore[return-value]


# -- certificate_authorities (RFC 8446 §4.2.4) --------------------------------------------------


def encode_certificate_authorities(names: Iterable[bytes]) -> bytes:
    return _encode_vectors(names)


def decode_certificate_authorities(data: bytes) -> tuple[bytes, ...]:
    return _decode_vectors(data, "certificate_authorities")


# -- pre_shared_key (RFC 8446 §4.2.11) -------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class PskIdentity:
    """One pre_shared_key identity (a ticket) and its obfuscated age."""
    identity: bytes
    obfuscated_ticket_age: int


def decode_pre_shared_key_client(data: bytes) -> tuple[tuple[PskIdentity, ...], tuple[bytes, ...]]:
    """OfferedPsks: (identities, binders)."""
    r = Reader(data)
    identities: list[PskIdentity] = []
    binders: list[bytes] = []
    with r.block(2):
        while not r.eof():
            ident = r.vector(2)
            identities.append(PskIdentity(identity=ident, obfuscated_ticket_age=r.uint32()))
    with r.block(2):
        while not r.eof():
            binders.append(r.vector(1))
    if not r.eof():
        raise DecodeError("trailing bytes after pre_shared_key")
    return tuple(identities), tuple(binders)


def decode_pre_shared_key_server(data: bytes) -> int:
    """The selected identity index."""
    return _whole(data, lambda r: r.uint16())  # type: ignore[return-value]


# -- compress_certificate (RFC 8879 §3), certificate types (RFC 7250 §3), heartbeat ------------


def encode_compress_certificate(algorithms: Iterable[int]) -> bytes:
    w = Writer()
    w.push_uint16_list(1, list(algorithms))
    return w.data()


def decode_compress_certificate(data: bytes) -> tuple[int, ...]:
    """Algorithms: 1 zlib, 2 brotli, 3 zstd."""
    return _whole(data, lambda r: r.uint16_list(1))  # type: ignore[return-value]


def decode_certificate_type(data: bytes, context: Context) -> tuple[int, ...] | int:
    """Client: a list (0 X.509, 2 RawPublicKey); server: the one type chosen."""
    if context is Context.CLIENT_HELLO:
        return _whole(data, lambda r: r.uint8_list(1))  # type: ignore[return-value]
    return _whole(data, lambda r: r.uint8())  # type: ignore[return-value]


# -- dispatch ------------------------------------------------------------------------------------

_ET = ExtensionType
_C = Context
_SERVER = (_C.SERVER_HELLO, _C.ENCRYPTED_EXTENSIONS)

_DECODERS: dict[int, Callable[[bytes, Context], object]] = {
    _ET.server_name: lambda d, c: decode_server_name(d),
    _ET.max_fragment_length: lambda d, c: decode_max_fragment_length(d),
    _ET.status_request: lambda d, c: (
        decode_status_request(d)
        if c in (_C.CLIENT_HELLO, _C.CERTIFICATE_REQUEST)
        else (d if c is _C.CERTIFICATE else decode_empty(d) if d else True)
    ),
    _ET.supported_groups: lambda d, c: decode_supported_groups(d),
    _ET.ec_point_formats: lambda d, c: decode_ec_point_formats(d),
    _ET.signature_algorithms: lambda d, c: decode_signature_algorithms(d),
    _ET.signature_algorithms_cert: lambda d, c: decode_signature_algorithms(d),
    _ET.application_layer_protocol_negotiation: lambda d, c: decode_alpn(d),
    _ET.signed_certificate_timestamp: lambda d, c: decode_sct_list(d),
    _ET.padding: lambda d, c: decode_padding(d),
    _ET.encrypt_then_mac: lambda d, c: decode_empty(d),
    _ET.extended_master_secret: lambda d, c: decode_empty(d),
    _ET.post_handshake_auth: lambda d, c: decode_empty(d),
    _ET.session_ticket: lambda d, c: d,
    _ET.renegotiation_info: lambda d, c: decode_renegotiation_info(d),
    _ET.supported_versions: lambda d, c: (
        decode_supported_versions_client(d)
        if c is _C.CLIENT_HELLO
        else decode_supported_versions_server(d)
    ),
    _ET.key_share: lambda d, c: (
        decode_key_share_client(d)
        if c is _C.CLIENT_HELLO
        else decode_key_share_hrr(d)
        if c is _C.HELLO_RETRY_REQUEST
        else decode_key_share_server(d)
    ),
    _ET.psk_key_exchange_modes: lambda d, c: decode_psk_key_exchange_modes(d),
    _ET.cookie: lambda d, c: decode_cookie(d),
    _ET.certificate_authorities: lambda d, c: decode_certificate_authorities(d),
    _ET.record_size_limit: lambda d, c: decode_record_size_limit(d),
    _ET.pre_shared_key: lambda d, c: (
        decode_pre_shared_key_client(d) if c is _C.CLIENT_HELLO else decode_pre_shared_key_server(d)
    ),
    _ET.compress_certificate: lambda d, c: decode_compress_certificate(d),
    _ET.client_certificate_type: decode_certificate_type,
    _ET.server_certificate_type: decode_certificate_type,
    _ET.heartbeat: lambda d, c: _whole(d, lambda r: r.uint8()),  # RFC 6520 HeartbeatMode
    _ET.early_data: lambda d, c: (
        int.from_bytes(d, "big") if c is _C.NEW_SESSION_TICKET and len(d) == 4 else decode_empty(d)
    ),
}


def decode_extension(ext: Extension, *, context: Context) -> object:
    """The typed value of ``ext`` in ``context``; its raw data when the type has no codec
    here (unknown, GREASE, or one we only carry). Raises DecodeError when malformed."""
    decoder = _DECODERS.get(int(ext.type))
    if decoder is None:
        return ext.data
    return decoder(ext.data, context)
