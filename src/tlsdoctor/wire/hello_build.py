"""A ClientHello built from a spec: what a probe offers (``ClientHelloSpec``) and its
encoders, with the overrides a probe uses to imitate a client or be odd on purpose
(versions, record/legacy version, extension order, GREASE, padding, extra extensions).

Split from ``hello`` (which re-exports these names through a module ``__getattr__``, as
the codec's package does for ``messages_late``) so that reading a capture, which decodes
hellos and never builds one, does not make the spec's 27-field dataclass at start-up
(docs/pcap-speed.md, round 24). Formats: RFC 8446 §4.1.2 and §4.2, RFC 5246 §7.4.1.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from . import extensions as extension_codec
from .buffer import EncodeError, Writer
from .extensions import KeyShareEntry
from .hello import _ET, FALLBACK_SCSV, RENEGOTIATION_SCSV, name_of_group
from .record import encode_handshake, encode_records
from .registry import FFDHE_GROUPS, ContentType, HandshakeType

__all__ = ["ClientHelloSpec", "encode_client_hello", "encode_client_hello_record"]


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
