"""ClientHello (spec → bytes, bytes → ClientHello) and ServerHello / HelloRetryRequest.

Encoding takes overrides (versions, record/legacy version, extension order, GREASE,
padding, extra extensions) so a probe can imitate a client or be odd on purpose.
Decoding is lenient: a malformed or duplicate extension becomes an entry in
``anomalies`` and the typed field stays at its "not sent" value; only a hello whose
fixed structure does not parse raises DecodeError.

Formats: RFC 8446 §4.1.2-4.1.4 and §4.2, RFC 5246 §7.4.1, RFC 6101 §5.6.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from . import extensions as extension_codec
from .buffer import DecodeError, EncodeError, Reader, Writer
from .extensions import Context, Extension, KeyShareEntry
from .record import encode_handshake, encode_records
from .registry import (
    FFDHE_GROUPS,
    ContentType,
    ExtensionType,
    HandshakeType,
    NamedGroup,
    name_of,
)

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


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientHelloSpec:
    """What a ClientHello offers. Empty tuples mean "extension not sent".

    ``versions`` are highest first. When TLS 1.3 is among them (or
    ``supported_versions_ext`` is True) the list goes into supported_versions and
    legacy_version is 0x0303 (RFC 8446 §4.1.2); otherwise legacy_version is the highest
    version, so a TLS <= 1.2 offer must be a contiguous range ending at its lowest entry.
    """

    versions: tuple[int, ...] = (0x0303,)
    cipher_suites: tuple[int, ...] = ()
    groups: tuple[int, ...] = ()
    signature_algorithms: tuple[int, ...] = ()
    signature_algorithms_cert: tuple[int, ...] = ()
    sni: str | None = None
    alpn: tuple[str, ...] = ()
    ocsp_stapling: bool = False
    key_share_groups: tuple[int, ...] = ()  # groups that get a key_share entry (TLS 1.3)
    psk_key_exchange_modes: tuple[int, ...] = (1,)  # psk_dhe_ke; sent only with TLS 1.3
    ec_point_formats: tuple[int, ...] = (0,)  # sent only when an EC group is offered
    fallback_scsv: bool = False
    renegotiation_scsv: bool = False
    renegotiation_info: bool = True
    extended_master_secret: bool = True
    encrypt_then_mac: bool = False
    session_ticket: bool = True
    sct: bool = False
    cookie: bytes | None = None  # echo of a HelloRetryRequest cookie
    padding_to: int | None = None  # pad the handshake message to at least this many bytes
    grease: bool = False  # RFC 8701 values in suites, extensions, groups, key shares, versions
    compression_methods: tuple[int, ...] = (0,)
    record_version: int | None = None  # record-layer version of the first record
    legacy_version: int | None = None  # overrides ClientHello.legacy_version
    supported_versions_ext: bool | None = None  # None: only when TLS 1.3 is offered
    extra_extensions: tuple[tuple[int, bytes], ...] = ()
    extension_order: tuple[int, ...] | None = None  # these types first, in this order

    @property
    def offers_tls13(self) -> bool:
        return any(v == 0x0304 or 0x7F00 <= v <= 0x7FFF for v in self.versions)

    def effective_legacy_version(self) -> int:
        if self.legacy_version is not None:
            return self.legacy_version
        real = [v for v in self.versions if 0x0300 <= v <= 0x0304]
        if not real:
            return 0x0303
        return min(max(real), 0x0303)

    def effective_record_version(self) -> int:
        if self.record_version is not None:
            return self.record_version
        # RFC 8446 §5.1 / RFC 5246 Appendix E.1: 0x0301 in the first record is the most
        # compatible choice; an SSL 3.0-only offer must say 0x0300.
        return min(0x0301, self.effective_legacy_version())


def _grease_value(random: bytes, index: int) -> int:
    return 0x0A0A + 0x1010 * (random[index % len(random)] % 16 if random else index % 16)


def _client_extensions(
    spec: ClientHelloSpec, random: bytes, key_shares: Mapping[int, bytes]
) -> list[tuple[int, bytes]]:
    g1 = _grease_value(random, 0)
    g2 = _grease_value(random, 1)
    if g2 == g1:  # two GREASE extensions of one type would be a duplicate (RFC 8446 §4.2)
        g2 = 0x0A0A + 0x1010 * (((g1 - 0x0A0A) // 0x1010 + 1) % 16)
    g_group = _grease_value(random, 2)
    g_version = _grease_value(random, 3)
    exts: list[tuple[int, bytes]] = []
    if spec.grease:
        exts.append((g1, b""))
    if spec.sni is not None:
        exts.append((_ET.server_name, extension_codec.encode_server_name(spec.sni)))
    if spec.extended_master_secret:
        exts.append((_ET.extended_master_secret, b""))
    if spec.renegotiation_info:
        exts.append((_ET.renegotiation_info, extension_codec.encode_renegotiation_info()))
    if spec.groups:
        groups = ((g_group,) if spec.grease else ()) + spec.groups
        exts.append((_ET.supported_groups, extension_codec.encode_supported_groups(groups)))
        if spec.ec_point_formats and any(g not in FFDHE_GROUPS for g in spec.groups):
            exts.append((_ET.ec_point_formats, extension_codec.encode_ec_point_formats(spec.ec_point_formats)))
    if spec.session_ticket:
        exts.append((_ET.session_ticket, b""))
    if spec.alpn:
        exts.append((_ET.application_layer_protocol_negotiation, extension_codec.encode_alpn(spec.alpn)))
    if spec.ocsp_stapling:
        exts.append((_ET.status_request, extension_codec.encode_status_request()))
    if spec.signature_algorithms:
        exts.append(
            (_ET.signature_algorithms, extension_codec.encode_signature_algorithms(spec.signature_algorithms))
        )
    if spec.sct:
        exts.append((_ET.signed_certificate_timestamp, b""))
    if spec.key_share_groups or (spec.offers_tls13 and spec.groups):
        entries: list[KeyShareEntry] = []
        if spec.grease:
            entries.append(KeyShareEntry(group=g_group, key_exchange=b"\x00"))
        for group in spec.key_share_groups:
            if group not in key_shares:
                raise EncodeError(f"no key share given for group {name_of_group(group)}")
            entries.append(KeyShareEntry(group=group, key_exchange=key_shares[group]))
        exts.append((_ET.key_share, extension_codec.encode_key_share_client(entries)))
    if spec.offers_tls13 and spec.psk_key_exchange_modes:
        exts.append(
            (
                _ET.psk_key_exchange_modes,
                extension_codec.encode_psk_key_exchange_modes(spec.psk_key_exchange_modes),
            )
        )
    send_sv = (
        spec.offers_tls13 if spec.supported_versions_ext is None else spec.supported_versions_ext
    )
    if send_sv:
        versions = ((g_version,) if spec.grease else ()) + spec.versions
        exts.append((_ET.supported_versions, extension_codec.encode_supported_versions_client(versions)))
    if spec.cookie is not None:
        exts.append((_ET.cookie, extension_codec.encode_cookie(spec.cookie)))
    if spec.encrypt_then_mac:
        exts.append((_ET.encrypt_then_mac, b""))
    if spec.signature_algorithms_cert:
        exts.append(
            (
                _ET.signature_algorithms_cert,
                extension_codec.encode_signature_algorithms(spec.signature_algorithms_cert),
            )
        )
    psk: list[tuple[int, bytes]] = []
    for ext_type, data in spec.extra_extensions:
        # RFC 8446 §4.2.11: pre_shared_key must be the last extension.
        (psk if ext_type == _ET.pre_shared_key else exts).append((ext_type, data))
    if spec.grease:
        exts.append((g2, b"\x00"))
    exts.extend(psk)
    if spec.extension_order is not None:
        rank = {t: i for i, t in enumerate(spec.extension_order)}
        big = len(rank)
        exts = [e for _, e in sorted(enumerate(exts), key=lambda p: (rank.get(p[1][0], big), p[0]))]
    return exts


def name_of_group(group: int) -> str:
    return name_of(NamedGroup, group)


def _client_hello_body(
    spec: ClientHelloSpec,
    random: bytes,
    session_id: bytes,
    exts: list[tuple[int, bytes]],
    *,
    always_block: bool,
) -> bytes:
    w = Writer()
    w.push_uint16(spec.effective_legacy_version())
    w.push_bytes(random)
    w.push_vector(1, session_id)
    suites = list(spec.cipher_suites)
    if spec.grease:
        suites.insert(0, _grease_value(random, 4))
    if spec.renegotiation_scsv:
        suites.append(RENEGOTIATION_SCSV)
    if spec.fallback_scsv:
        suites.append(FALLBACK_SCSV)
    w.push_uint16_list(2, suites)
    w.push_uint8_list(1, list(spec.compression_methods))
    if exts or always_block:
        with w.block(2):
            for ext_type, data in exts:
                w.push_uint16(ext_type)
                w.push_vector(2, data)
    return w.data()


def encode_client_hello(
    spec: ClientHelloSpec,
    *,
    random: bytes,
    session_id: bytes = b"",
    key_shares: Mapping[int, bytes] | None = None,
) -> bytes:
    """The ClientHello handshake message (4-byte header included).

    ``key_shares`` maps each group in ``spec.key_share_groups`` to its public key bytes
    (the TLS 1.3 engineer's keys; any bytes for a probe that will not finish).
    With no extension to send, the extensions block is left out entirely, as SSL 3.0
    clients do (RFC 5246 §7.4.1.2 allows it).
    """
    if len(random) != 32:
        raise EncodeError("ClientHello.random must be 32 bytes")
    if spec.versions and all(v == 0x0002 for v in spec.versions):
        raise EncodeError("an SSL 2.0 hello is built by sslv2.encode_sslv2_client_hello")
    if len(session_id) > 32:
        raise EncodeError("session_id is at most 32 bytes")
    exts = _client_extensions(spec, random, key_shares or {})
    body = _client_hello_body(spec, random, session_id, exts, always_block=False)
    if spec.padding_to is not None and len(body) + 4 < spec.padding_to:
        # RFC 7685: the padding extension adds 4 header bytes plus its zeros; put it
        # before a trailing pre_shared_key, which must stay last.
        missing = spec.padding_to - (len(body) + 4) - 4 - (0 if exts else 2)
        pad = (int(_ET.padding), extension_codec.encode_padding(max(0, missing)))
        if exts and exts[-1][0] == _ET.pre_shared_key:
            exts.insert(len(exts) - 1, pad)
        else:
            exts.append(pad)
        body = _client_hello_body(spec, random, session_id, exts, always_block=True)
    return encode_handshake(HandshakeType.client_hello, body)


def encode_client_hello_record(
    spec: ClientHelloSpec,
    *,
    random: bytes,
    session_id: bytes = b"",
    key_shares: Mapping[int, bytes] | None = None,
    max_fragment: int = 1 << 14,
) -> bytes:
    """The ClientHello in handshake record(s) with ``spec.effective_record_version()``.

    ``max_fragment`` smaller than the message splits it across records on purpose
    (fragmentation-intolerant servers and middleboxes exist).
    """
    msg = encode_client_hello(spec, random=random, session_id=session_id, key_shares=key_shares)
    return encode_records(
        ContentType.handshake,
        msg,
        version=spec.effective_record_version(),
        max_fragment=max_fragment,
    )


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
