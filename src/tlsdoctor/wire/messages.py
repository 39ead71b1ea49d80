"""Handshake messages after the hellos, alerts, and ``decode_handshake`` by type.

Certificate (TLS <= 1.2 and 1.3 forms), ServerKeyExchange (DHE/ECDHE/RSA-export params
and signature), CertificateRequest (1.2 and 1.3), ServerHelloDone, CertificateStatus,
Alert; the later messages (EncryptedExtensions, CertificateVerify, Finished,
HelloRequest, NewSessionTicket, KeyUpdate, unknown types) are in ``messages_late``,
imported at the first one decoded. Formats: RFC 5246 §7.4, RFC 8446 §4.3-4.6, RFC 8422
§5.4, RFC 6066 §8, RFC 5077 §3.3, RFC 4346 §7.4.3 (export RSA), RFC 6101 §5.4.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, TypeAlias

from . import extensions as extension_codec
from .buffer import DecodeError, Reader, Writer
from .extensions import Context, Extension
from .hello import ClientHello, ServerHello, decode_client_hello, decode_server_hello
from .record import encode_handshake
from .registry import (
    AlertDescription,
    AlertLevel,
    ExtensionType,
    HandshakeType,
    NamedGroup,
    SignatureScheme,
    coerce,
)

if TYPE_CHECKING:  # (made when first decoded: messages_late's docstring)
    from .messages_late import (
        CertificateVerify,
        EncryptedExtensions,
        Finished,
        HelloRequest,
        KeyUpdate,
        NewSessionTicket,
        UnknownHandshake,
    )

__all__ = [
    "Alert",
    "Certificate",
    "CertificateEntry",
    "CertificateRequest",
    "CertificateStatus",
    "HandshakeBody",
    "KeyExchange",
    "ServerHelloDone",
    "ServerKeyExchange",
    "decode_alert",
    "decode_alerts",
    "decode_certificate",
    "decode_certificate_request",
    "decode_certificate_status",
    "decode_handshake",
    "decode_server_key_exchange",
    "encode_alert",
    "encode_certificate",
]

MAX_CERTIFICATES = 64  # a chain longer than this is hostile; real ones have 2-5


# -- Certificate ----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateEntry:
    """One certificate of a Certificate message, with its TLS 1.3 extensions."""
    cert: bytes  # DER (or a raw public key with RFC 7250), as sent
    extensions: tuple[Extension, ...] = ()  # TLS 1.3 per-entry extensions

    @property
    def ocsp_response(self) -> bytes | None:
        """DER OCSPResponse stapled in this entry's status_request (TLS 1.3)."""
        for ext in self.extensions:
            if ext.type == ExtensionType.status_request:
                try:
                    return decode_certificate_status(ext.data).ocsp_response
                except DecodeError:
                    return None
        return None

    @property
    def scts(self) -> tuple[bytes, ...]:
        for ext in self.extensions:
            if ext.type == ExtensionType.signed_certificate_timestamp:
                try:
                    return extension_codec.decode_sct_list(ext.data)
                except DecodeError:
                    return ()
        return ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Certificate:
    """``request_context`` is None for the TLS <= 1.2 form."""

    entries: tuple[CertificateEntry, ...]
    request_context: bytes | None = None

    @property
    def certificates(self) -> tuple[bytes, ...]:
        return tuple(e.cert for e in self.entries)


def decode_certificate(body: bytes, *, tls13: bool = False) -> Certificate:
    r = Reader(body)
    context = r.vector(1) if tls13 else None
    entries: list[CertificateEntry] = []
    with r.block(3):
        while not r.eof():
            if len(entries) >= MAX_CERTIFICATES:
                raise DecodeError(
                    f"more than {MAX_CERTIFICATES} certificates",
                    alert=AlertDescription.bad_certificate,
                )
            cert = r.vector(3)
            exts = extension_codec.pull_extensions(r) if tls13 else ()
            entries.append(CertificateEntry(cert=cert, extensions=exts))
    if not r.eof():
        raise DecodeError("trailing bytes after certificate_list")
    return Certificate(entries=tuple(entries), request_context=context)


def encode_certificate(certs: tuple[bytes, ...], *, request_context: bytes | None = None) -> bytes:
    """A Certificate handshake message; TLS 1.3 form when ``request_context`` is given."""
    w = Writer()
    if request_context is not None:
        w.push_vector(1, request_context)
    with w.block(3):
        for cert in certs:
            w.push_vector(3, cert)
            if request_context is not None:
                w.push_uint16(0)  # no per-entry extensions
    return encode_handshake(HandshakeType.certificate, w.data())


# -- ServerKeyExchange --------------------------------------------------------------------


class KeyExchange(StrEnum):
    """The ServerKeyExchange layout, which only the cipher suite determines."""

    DHE = "dhe"  # ServerDHParams + signature
    ECDHE = "ecdhe"  # ServerECDHParams + signature
    RSA_EXPORT = "rsa_export"  # ServerRSAParams (512-bit RSA) + signature (RFC 4346 §7.4.3)
    DH_ANON = "dh_anon"  # ServerDHParams, no signature
    ECDH_ANON = "ecdh_anon"  # ServerECDHParams, no signature


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerKeyExchange:
    """A TLS 1.2 ServerKeyExchange: the key exchange parameters and their signature."""
    kind: KeyExchange
    params: bytes  # the signed params exactly as sent (what the signature covers)
    dh_p: bytes | None = None
    dh_g: bytes | None = None
    dh_public: bytes | None = None
    curve_type: int | None = None  # 3 = named_curve; 1/2 explicit curves (deprecated)
    named_curve: NamedGroup | int | None = None
    ec_point: bytes | None = None
    rsa_modulus: bytes | None = None
    rsa_exponent: bytes | None = None
    signature_scheme: SignatureScheme | int | None = None  # TLS 1.2 only
    signature: bytes = b""  # empty for anonymous key exchange

    @property
    def dh_prime_bits(self) -> int | None:
        """Size of the DH prime in bits (leading zero bytes do not count)."""
        if self.dh_p is None:
            return None
        return int.from_bytes(self.dh_p, "big").bit_length()

    @property
    def rsa_bits(self) -> int | None:
        if self.rsa_modulus is None:
            return None
        return int.from_bytes(self.rsa_modulus, "big").bit_length()


def _pull_signature(r: Reader, tls12: bool) -> tuple[SignatureScheme | int | None, bytes]:
    scheme = coerce(SignatureScheme, r.uint16()) if tls12 else None
    return scheme, r.vector(2)


def _ske_as(body: bytes, kind: KeyExchange, tls12: bool) -> ServerKeyExchange:
    r = Reader(body)
    fields: dict[str, object] = {}
    if kind in (KeyExchange.DHE, KeyExchange.DH_ANON):
        fields["dh_p"], fields["dh_g"], fields["dh_public"] = r.vector(2), r.vector(2), r.vector(2)
    elif kind in (KeyExchange.ECDHE, KeyExchange.ECDH_ANON):
        curve_type = r.uint8()
        fields["curve_type"] = curve_type
        if curve_type != 3:
            # Explicit curves (RFC 4492 §5.4) are long gone; keep the bytes, don't parse.
            raise DecodeError(
                f"explicit EC curve type {curve_type}", alert=AlertDescription.illegal_parameter
            )
        fields["named_curve"] = coerce(NamedGroup, r.uint16())
        fields["ec_point"] = r.vector(1)
    else:
        fields["rsa_modulus"], fields["rsa_exponent"] = r.vector(2), r.vector(2)
    params = body[: r.pos]
    scheme: SignatureScheme | int | None = None
    signature = b""
    if kind not in (KeyExchange.DH_ANON, KeyExchange.ECDH_ANON):
        scheme, signature = _pull_signature(r, tls12)
    if not r.eof():
        raise DecodeError(f"{r.remaining()} trailing bytes in ServerKeyExchange")
    return ServerKeyExchange(
        kind=kind,
        params=params,
        signature_scheme=scheme,
        signature=signature,
        **fields,  # type: ignore[arg-type]
    )


def decode_server_key_exchange(
    body: bytes, *, version: int = 0x0303, kind: KeyExchange | None = None
) -> ServerKeyExchange:
    """Parse a ServerKeyExchange. ``kind`` comes from the negotiated suite; without it
    each layout is tried and the one that parses exactly is kept (the layouts cannot
    both fit the same bytes in practice, and ECDHE is tried first)."""
    tls12 = version >= 0x0303
    if kind is not None:
        return _ske_as(body, kind, tls12)
    for k in (
        KeyExchange.ECDHE,
        KeyExchange.DHE,
        KeyExchange.RSA_EXPORT,
        KeyExchange.ECDH_ANON,
        KeyExchange.DH_ANON,
    ):
        try:
            return _ske_as(body, k, tls12)
        except DecodeError:
            continue
    raise DecodeError("ServerKeyExchange matches no known layout for this version")


# -- CertificateRequest -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateRequest:
    """``request_context`` is None for the TLS <= 1.2 form."""

    certificate_types: tuple[int, ...] = ()  # TLS <= 1.2
    signature_algorithms: tuple[int, ...] = ()
    signature_algorithms_cert: tuple[int, ...] = ()  # TLS 1.3
    ca_names: tuple[bytes, ...] = ()  # DER-encoded distinguished names
    request_context: bytes | None = None
    extensions: tuple[Extension, ...] = ()  # TLS 1.3
    anomalies: tuple[str, ...] = ()


def _pull_dn_list(r: Reader) -> tuple[bytes, ...]:
    out: list[bytes] = []
    with r.block(2):
        while not r.eof():
            out.append(r.vector(2))
    return tuple(out)


def decode_certificate_request(body: bytes, *, version: int = 0x0303) -> CertificateRequest:
    r = Reader(body)
    if version >= 0x0304:
        context = r.vector(1)
        exts = extension_codec.pull_extensions(r)
        if not r.eof():
            raise DecodeError("trailing bytes after CertificateRequest")
        values: dict[int, object] = {}
        anomalies: list[str] = []
        for ext in exts:
            try:
                values.setdefault(
                    int(ext.type), extension_codec.decode_extension(ext, context=Context.CERTIFICATE_REQUEST)
                )
            except DecodeError as e:
                anomalies.append(f"malformed extension {int(ext.type)}: {e.reason}")

        def tup(t: int) -> tuple[object, ...]:
            v = values.get(t)
            return v if isinstance(v, tuple) else ()

        return CertificateRequest(
            request_context=context,
            extensions=exts,
            signature_algorithms=tup(ExtensionType.signature_algorithms),  # type: ignore[arg-type]
            signature_algorithms_cert=tup(ExtensionType.signature_algorithms_cert),  # type: ignore[arg-type]
            ca_names=tup(ExtensionType.certificate_authorities),  # type: ignore[arg-type]
            anomalies=tuple(anomalies),
        )
    types = r.uint8_list(1)
    sigalgs = r.uint16_list(2) if version >= 0x0303 else ()
    names = _pull_dn_list(r)
    if not r.eof():
        raise DecodeError("trailing bytes after CertificateRequest")
    return CertificateRequest(certificate_types=types, signature_algorithms=sigalgs, ca_names=names)


# -- small messages ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class ServerHelloDone:
    """ServerHelloDone (its body should be empty)."""
    extra: bytes = b""  # RFC 5246 says empty; a non-empty body is kept as a fact


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateStatus:
    """A stapled OCSP response (CertificateStatus)."""
    status_type: int  # 1 = ocsp
    ocsp_response: bytes  # DER OCSPResponse (for ocsp_multi: the raw list)


def decode_certificate_status(body: bytes) -> CertificateStatus:
    r = Reader(body)
    status_type = r.uint8()
    response = r.vector(3) if status_type == 1 else r.rest()
    if not r.eof():
        raise DecodeError("trailing bytes after CertificateStatus")
    return CertificateStatus(status_type=status_type, ocsp_response=response)


# -- Alert ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Alert:
    """An alert: its level and description, unknown values kept as numbers."""
    level: AlertLevel | int  # unknown levels are kept
    description: AlertDescription | int  # unknown codes are kept

    @property
    def fatal(self) -> bool:
        return self.level == AlertLevel.fatal


def decode_alert(fragment: bytes) -> Alert:
    """One alert (2 bytes). Anything else is a decode error."""
    if len(fragment) != 2:
        raise DecodeError(f"alert of {len(fragment)} bytes (expected 2)")
    return Alert(
        level=coerce(AlertLevel, fragment[0]),
        description=coerce(AlertDescription, fragment[1]),
    )


def decode_alerts(fragment: bytes) -> tuple[Alert, ...]:
    """Every alert in an alert record (TLS <= 1.2 lets several share a record)."""
    if not fragment or len(fragment) % 2:
        raise DecodeError(f"alert record of {len(fragment)} bytes")
    return tuple(decode_alert(fragment[i : i + 2]) for i in range(0, len(fragment), 2))


def encode_alert(description: int, level: int = AlertLevel.fatal) -> bytes:
    """Alert record payload (wrap it with ``encode_record(ContentType.alert, ...)``)."""
    return bytes((level, description))


# -- dispatch -------------------------------------------------------------------------------------

# (a string: the later messages' classes exist once messages_late is imported)
HandshakeBody: TypeAlias = (
    "ClientHello | ServerHello | Certificate | ServerKeyExchange | CertificateRequest"
    " | ServerHelloDone | CertificateStatus | EncryptedExtensions | CertificateVerify"
    " | Finished | HelloRequest | NewSessionTicket | KeyUpdate | UnknownHandshake"
)


def decode_handshake(
    msg_type: int,
    body: bytes,
    *,
    version: int = 0x0303,
    kind: KeyExchange | None = None,
) -> HandshakeBody:
    """Decode one handshake message body by type.

    ``version`` is the negotiated version (it changes the layout of Certificate,
    CertificateRequest, ServerKeyExchange and NewSessionTicket); ``kind`` is the key
    exchange of the negotiated suite, when known. Unknown types come back as
    UnknownHandshake; malformed bodies raise DecodeError.
    """
    if msg_type == HandshakeType.client_hello:
        return decode_client_hello(body)
    if msg_type == HandshakeType.server_hello:
        return decode_server_hello(body)
    if msg_type == HandshakeType.certificate:
        return decode_certificate(body, tls13=version >= 0x0304)
    if msg_type == HandshakeType.server_key_exchange:
        return decode_server_key_exchange(body, version=version, kind=kind)
    if msg_type == HandshakeType.certificate_request:
        return decode_certificate_request(body, version=version)
    if msg_type == HandshakeType.server_hello_done:
        return ServerHelloDone(extra=body)
    if msg_type == HandshakeType.certificate_status:
        return decode_certificate_status(body)
    return _decode_late(msg_type, body, version)


def _decode_late(msg_type: int, body: bytes, version: int) -> HandshakeBody:
    from . import messages_late as late  # the first later message: its module, once

    if msg_type == HandshakeType.hello_request:
        return late.HelloRequest(extra=body)
    if msg_type == HandshakeType.encrypted_extensions:
        return late.decode_encrypted_extensions(body)
    if msg_type == HandshakeType.certificate_verify:
        return late.decode_certificate_verify(body)
    if msg_type == HandshakeType.finished:
        if not body:
            raise DecodeError("empty Finished")
        return late.Finished(verify_data=body)
    if msg_type == HandshakeType.new_session_ticket:
        return late.decode_new_session_ticket(body, version=version)
    if msg_type == HandshakeType.key_update:
        if len(body) != 1:
            raise DecodeError("KeyUpdate body must be 1 byte")
        return late.KeyUpdate(request_update=body[0])
    return late.UnknownHandshake(msg_type=msg_type, body=body)
