"""ClientHello (spec → bytes, bytes → ClientHello) and ServerHello / HelloRetryRequest.

Encoding takes overrides (versions, record/legacy version, extension order, GREASE,
padding, extra extensions) so a probe can imitate a client or be odd on purpose.
Decoding is lenient: a malformed or duplicate extension becomes an entry in
``anomalies`` and the typed field stays at its "not sent" value; only a hello whose
fixed structure does not parse raises DecodeError.

Formats: RFC 8446 §4.1.2-4.1.4 and §4.2, RFC 5246 §7.4.1, RFC 6101 §5.6.1.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

from . import extensions as extension_codec
from .buffer import DecodeError, EncodeError, Reader, Writer
from .extensions import Context, Extension, KeyShareEntry
from .record import encode_handshake
from .registry import (
    ExtensionType,
    HandshakeType,
    NamedGroup,
    name_of,
)

if TYPE_CHECKING:  # at runtime through __getattr__, below
    from .hello_build import ClientHelloSpec, encode_client_hello, encode_client_hello_record

__all__ = [
    "DOWNGRADE_TLS11",
    "DOWNGRADE_TLS12",
    "FALLBACK_SCSV",
    "HRR_RANDOM",
    "RENEGOTIATION_SCSV",
    "SIGNALLING_SUITES",
    "ClientHello",
    "ClientHelloSpec",
    "ServerHello",
    "decode_client_hello",
    "decode_server_hello",
    "encode_client_hello",
    "encode_client_hello_record",
    "encode_server_hello",
]

# RFC 8446 §4.1.3: a ServerHello with this random is a HelloRetryRequest (SHA-256("HelloRetryRequest")).
HRR_RANDOM = bytes.fromhex("cf21ad74e59a6111be1d8c021e65b891c2a211167abb8c5e079e09e2c8a8339c")
# RFC 8446 §4.1.3: last 8 bytes of ServerHello.random when a TLS 1.3 server negotiates lower.
DOWNGRADE_TLS12 = b"DOWNGRD\x01"
DOWNGRADE_TLS11 = b"DOWNGRD\x00"
FALLBACK_SCSV = 0x5600  # RFC 7507
RENEGOTIATION_SCSV = 0x00FF  # RFC 5746 §3.3 TLS_EMPTY_RENEGOTIATION_INFO_SCSV
# Signalling values sent in the suite list that are not suites: never offered, never chosen.
SIGNALLING_SUITES = frozenset({RENEGOTIATION_SCSV, FALLBACK_SCSV})

_ET = ExtensionType

# The encoding side (a probe's ClientHelloSpec and its encoders) from its module on first use:
# reading a capture decodes hellos and never builds one (hello_build's docstring).
_BUILD = frozenset({"ClientHelloSpec", "encode_client_hello", "encode_client_hello_record"})


def __getattr__(name: str) -> Any:
    if name in _BUILD:
        from . import hello_build

        return getattr(hello_build, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def name_of_group(group: int) -> str:
    return name_of(NamedGroup, group)


# -- decoded hellos ------------------------------------------------------------------------


class _Collector:
    """Typed values of extensions, with oddities written down instead of raised."""

    def __init__(self, exts: tuple[Extension, ...], context: Context) -> None:
        self.values: dict[int, object] = {}
        self.anomalies: list[str] = []
        for ext in exts:
            t = int(ext.type)
            if t in self.values:
                self.anomalies.append(f"duplicate extension {name_of(ExtensionType, t)}")
                continue
            try:
                self.values[t] = extension_codec.decode_extension(ext, context=context)
            except DecodeError as e:
                self.anomalies.append(f"malformed {name_of(ExtensionType, t)}: {e.reason}")

    def get(self, t: int) -> object | None:
        return self.values.get(t)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientHello:
    """A ClientHello as a peer sent it. ``None`` fields: extension not sent (or malformed,
    then ``anomalies`` says so)."""

    legacy_version: int
    random: bytes
    session_id: bytes
    cipher_suites: tuple[int, ...]
    compression_methods: tuple[int, ...]
    extensions: tuple[Extension, ...]  # in order, raw
    versions: tuple[int, ...]  # supported_versions if sent, else (legacy_version,)
    supported_versions: tuple[int, ...] | None = None
    groups: tuple[int, ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    signature_algorithms_cert: tuple[int, ...] = ()
    sni: str | None = None
    alpn: tuple[str, ...] = ()
    key_shares: tuple[KeyShareEntry, ...] = ()
    ec_point_formats: tuple[int, ...] | None = None
    psk_key_exchange_modes: tuple[int, ...] = ()
    ocsp_stapling: bool = False
    sct: bool = False
    extended_master_secret: bool = False
    encrypt_then_mac: bool = False
    session_ticket: bytes | None = None
    renegotiation_info: bytes | None = None
    cookie: bytes | None = None
    padding: int | None = None
    fallback_scsv: bool = False
    renegotiation_scsv: bool = False
    grease: bool = False
    has_extensions_block: bool = True
    sslv2_format: bool = False  # arrived as an SSLv2-compatible hello (RFC 5246 Appendix E.2)
    anomalies: tuple[str, ...] = ()

    @property
    def extension_types(self) -> tuple[int, ...]:
        return tuple(int(e.type) for e in self.extensions)

    @property
    def offers_tls13(self) -> bool:
        return 0x0304 in self.versions


# The 16 RFC 8701 values, exactly those is_grease() accepts: set tests in C instead of a
# Python call per cipher suite, extension and group of every decoded hello.
_GREASE = frozenset(0x0A0A + 0x1010 * i for i in range(16))  # 0x0A0A ... 0xFAFA


def _client_hello_from_parts(
    *,
    legacy_version: int,
    random: bytes,
    session_id: bytes,
    suites: tuple[int, ...],
    compression: tuple[int, ...],
    exts: tuple[Extension, ...],
    has_block: bool,
    sslv2_format: bool = False,
    anomalies: tuple[str, ...] = (),
) -> ClientHello:
    c = _Collector(exts, Context.CLIENT_HELLO)

    def tup(t: int) -> tuple[int, ...]:
        v = c.get(t)
        return v if isinstance(v, tuple) else ()

    sv = c.get(_ET.supported_versions)
    supported = sv if isinstance(sv, tuple) else None
    versions = tuple(v for v in supported if v not in _GREASE) if supported else (legacy_version,)
    ks = c.get(_ET.key_share)
    alpn = c.get(_ET.application_layer_protocol_negotiation)
    ticket = c.get(_ET.session_ticket)
    reneg = c.get(_ET.renegotiation_info)
    cookie = c.get(_ET.cookie)
    padding = c.get(_ET.padding)
    sni = c.get(_ET.server_name)
    epf = c.get(_ET.ec_point_formats)
    grease = (
        not _GREASE.isdisjoint(suites)
        or any(e.type in _GREASE for e in exts)
        or not _GREASE.isdisjoint(tup(_ET.supported_groups))
    )
    return ClientHello(
        legacy_version=legacy_version,
        random=random,
        session_id=session_id,
        cipher_suites=suites,
        compression_methods=compression,
        extensions=exts,
        versions=versions,
        supported_versions=supported,
        groups=tup(_ET.supported_groups),
        signature_algorithms=tup(_ET.signature_algorithms),
        signature_algorithms_cert=tup(_ET.signature_algorithms_cert),
        sni=sni if isinstance(sni, str) else None,
        alpn=alpn if isinstance(alpn, tuple) else (),
        key_shares=ks if isinstance(ks, tuple) else (),
        ec_point_formats=epf if isinstance(epf, tuple) else None,
        psk_key_exchange_modes=tup(_ET.psk_key_exchange_modes),
        ocsp_stapling=isinstance(c.get(_ET.status_request), extension_codec.StatusRequest),
        sct=_ET.signed_certificate_timestamp in c.values,
        extended_master_secret=c.get(_ET.extended_master_secret) is True,
        encrypt_then_mac=c.get(_ET.encrypt_then_mac) is True,
        session_ticket=ticket if isinstance(ticket, bytes) else None,
        renegotiation_info=reneg if isinstance(reneg, bytes) else None,
        cookie=cookie if isinstance(cookie, bytes) else None,
        padding=padding if isinstance(padding, int) else None,
        fallback_scsv=FALLBACK_SCSV in suites,
        renegotiation_scsv=RENEGOTIATION_SCSV in suites,
        grease=grease,
        has_extensions_block=has_block,
        sslv2_format=sslv2_format,
        anomalies=anomalies + tuple(c.anomalies),
    )


def decode_client_hello(body: bytes) -> ClientHello:
    """Decode a ClientHello handshake body (without the 4-byte header)."""
    r = Reader(body)
    legacy_version = r.uint16()
    random = r.bytes(32)
    session_id = r.vector(1)
    anomalies: list[str] = []
    if len(session_id) > 32:
        anomalies.append(f"session_id of {len(session_id)} bytes (max 32)")
    suites = r.uint16_list(2)
    compression = r.uint8_list(1)
    has_block = not r.eof()
    exts = extension_codec.pull_extensions(r) if has_block else ()
    if not r.eof():
        anomalies.append(f"{r.remaining()} trailing bytes after extensions")
    return _client_hello_from_parts(
        legacy_version=legacy_version,
        random=random,
        session_id=session_id,
        suites=suites,
        compression=compression,
        exts=exts,
        has_block=has_block,
        anomalies=tuple(anomalies),
    )


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerHello:
    """A ServerHello or HelloRetryRequest. ``None`` fields: extension not sent."""

    legacy_version: int
    random: bytes
    session_id: bytes
    cipher_suite: int
    compression_method: int
    extensions: tuple[Extension, ...]
    version: int  # negotiated: supported_versions when present, else legacy_version
    is_hello_retry_request: bool = False
    supported_version: int | None = None
    key_share: KeyShareEntry | None = None  # ServerHello key_share entry (TLS 1.3)
    selected_group: int | None = None  # HelloRetryRequest key_share group
    cookie: bytes | None = None
    downgrade_sentinel: Literal["tls12", "tls11"] | None = None  # RFC 8446 §4.1.3
    alpn: str | None = None
    renegotiation_info: bytes | None = None  # None: no secure renegotiation (RFC 5746)
    extended_master_secret: bool = False
    encrypt_then_mac: bool = False
    session_ticket: bool = False
    ocsp_stapling: bool = False  # empty status_request acknowledged
    scts: tuple[bytes, ...] = ()
    ec_point_formats: tuple[int, ...] | None = None
    max_fragment_length: int | None = None
    record_size_limit: int | None = None
    server_name_ack: bool = False
    anomalies: tuple[str, ...] = field(default=())

    @property
    def extension_types(self) -> tuple[int, ...]:
        return tuple(int(e.type) for e in self.extensions)

    @property
    def secure_renegotiation(self) -> bool:
        return self.renegotiation_info is not None


def decode_server_hello(body: bytes) -> ServerHello:
    """Decode a ServerHello (or HelloRetryRequest) handshake body."""
    r = Reader(body)
    legacy_version = r.uint16()
    random = r.bytes(32)
    session_id = r.vector(1)
    suite = r.uint16()
    compression = r.uint8()
    anomalies: list[str] = []
    if len(session_id) > 32:
        anomalies.append(f"session_id of {len(session_id)} bytes (max 32)")
    exts = extension_codec.pull_extensions(r) if not r.eof() else ()
    if not r.eof():
        anomalies.append(f"{r.remaining()} trailing bytes after extensions")
    hrr = random == HRR_RANDOM
    c = _Collector(exts, Context.HELLO_RETRY_REQUEST if hrr else Context.SERVER_HELLO)
    anomalies += c.anomalies
    sv = c.get(_ET.supported_versions)
    supported = sv if isinstance(sv, int) else None
    version = supported if supported is not None else legacy_version
    if supported is not None and legacy_version != 0x0303:
        anomalies.append(f"legacy_version 0x{legacy_version:04x} with supported_versions")
    tail = random[-8:]
    sentinel: Literal["tls12", "tls11"] | None = (
        "tls12" if tail == DOWNGRADE_TLS12 else "tls11" if tail == DOWNGRADE_TLS11 else None
    )
    ks = c.get(_ET.key_share)
    alpn = c.get(_ET.application_layer_protocol_negotiation)
    if isinstance(alpn, tuple) and len(alpn) != 1:
        anomalies.append(f"ALPN answer with {len(alpn)} protocols")
    reneg = c.get(_ET.renegotiation_info)
    cookie = c.get(_ET.cookie)
    epf = c.get(_ET.ec_point_formats)
    scts = c.get(_ET.signed_certificate_timestamp)
    mfl = c.get(_ET.max_fragment_length)
    rsl = c.get(_ET.record_size_limit)
    return ServerHello(
        legacy_version=legacy_version,
        random=random,
        session_id=session_id,
        cipher_suite=suite,
        compression_method=compression,
        extensions=exts,
        version=version,
        is_hello_retry_request=hrr,
        supported_version=supported,
        key_share=ks if isinstance(ks, KeyShareEntry) else None,
        selected_group=ks if hrr and isinstance(ks, int) else None,
        cookie=cookie if isinstance(cookie, bytes) else None,
        downgrade_sentinel=sentinel,
        alpn=alpn[0] if isinstance(alpn, tuple) and alpn else None,
        renegotiation_info=reneg if isinstance(reneg, bytes) else None,
        extended_master_secret=c.get(_ET.extended_master_secret) is True,
        encrypt_then_mac=c.get(_ET.encrypt_then_mac) is True,
        session_ticket=_ET.session_ticket in c.values,
        ocsp_stapling=_ET.status_request in c.values,
        scts=scts if isinstance(scts, tuple) else (),
        ec_point_formats=epf if isinstance(epf, tuple) else None,
        max_fragment_length=mfl if isinstance(mfl, int) else None,
        record_size_limit=rsl if isinstance(rsl, int) else None,
        server_name_ack=_ET.server_name in c.values,
        anomalies=tuple(anomalies),
    )


def encode_server_hello(
    *,
    version: int,
    random: bytes,
    session_id: bytes,
    cipher_suite: int,
    compression_method: int = 0,
    extensions: tuple[Extension, ...] | None = None,
) -> bytes:
    """A ServerHello handshake message (for tests and the ``listen`` responder)."""
    if len(random) != 32:
        raise EncodeError("ServerHello.random must be 32 bytes")
    w = Writer()
    w.push_uint16(version)
    w.push_bytes(random)
    w.push_vector(1, session_id)
    w.push_uint16(cipher_suite)
    w.push_uint8(compression_method)
    body = w.data()
    if extensions is not None:
        body += extension_codec.encode_extensions(extensions)
    return encode_handshake(HandshakeType.server_hello, body)
