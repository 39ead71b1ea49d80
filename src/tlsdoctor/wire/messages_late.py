"""The handshake's later messages: HelloRequest, EncryptedExtensions, CertificateVerify,
Finished, KeyUpdate, NewSessionTicket, and any type this codec does not know.

Apart from ``messages`` (the hellos' first flight: Certificate, ServerKeyExchange,
CertificateRequest, ServerHelloDone, CertificateStatus, and alerts) because a capture
mostly never needs them: after the hellos TLS 1.3 encrypts, and a TLS 1.2 handshake shows
these in the clear only with renegotiation, client certificates or session tickets.
``messages.decode_handshake`` imports this module at the first such message, so a capture
without one never makes its seven classes (~2.5 ms of start-up; docs/pcap-speed.md,
round 22). Formats: RFC 5246 §7.4, RFC 8446 §4.3-4.6, RFC 5077 §3.3.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import extensions as extension_codec
from .buffer import DecodeError, Reader
from .extensions import Extension
from .registry import ExtensionType, SignatureScheme, coerce

__all__ = [
    "CertificateVerify",
    "EncryptedExtensions",
    "Finished",
    "HelloRequest",
    "KeyUpdate",
    "NewSessionTicket",
    "UnknownHandshake",
    "decode_certificate_verify",
    "decode_encrypted_extensions",
    "decode_new_session_ticket",
]


@dataclass(frozen=True, slots=True, kw_only=True)
class HelloRequest:
    extra: bytes = b""


@dataclass(frozen=True, slots=True, kw_only=True)
class EncryptedExtensions:
    extensions: tuple[Extension, ...]

    @property
    def alpn(self) -> str | None:
        for ext in self.extensions:
            if ext.type == ExtensionType.application_layer_protocol_negotiation:
                try:
                    names = extension_codec.decode_alpn(ext.data)
                except DecodeError:
                    return None
                return names[0] if names else None
        return None


def decode_encrypted_extensions(body: bytes) -> EncryptedExtensions:
    r = Reader(body)
    exts = extension_codec.pull_extensions(r)
    if not r.eof():
        raise DecodeError("trailing bytes after EncryptedExtensions")
    return EncryptedExtensions(extensions=exts)


@dataclass(frozen=True, slots=True, kw_only=True)
class CertificateVerify:
    signature_scheme: SignatureScheme | int
    signature: bytes


def decode_certificate_verify(body: bytes) -> CertificateVerify:
    r = Reader(body)
    scheme = coerce(SignatureScheme, r.uint16())
    sig = r.vector(2)
    if not r.eof():
        raise DecodeError("trailing bytes after CertificateVerify")
    return CertificateVerify(signature_scheme=scheme, signature=sig)


@dataclass(frozen=True, slots=True, kw_only=True)
class Finished:
    verify_data: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class KeyUpdate:
    request_update: int  # 0 update_not_requested, 1 update_requested (RFC 8446 §4.6.3)


@dataclass(frozen=True, slots=True, kw_only=True)
class NewSessionTicket:
    """TLS 1.2 (RFC 5077 §3.3) or TLS 1.3 (RFC 8446 §4.6.1) form; tolerated, not used."""

    lifetime: int
    ticket: bytes
    age_add: int | None = None  # TLS 1.3 only
    nonce: bytes | None = None  # TLS 1.3 only
    extensions: tuple[Extension, ...] = ()


def decode_new_session_ticket(body: bytes, *, version: int = 0x0303) -> NewSessionTicket:
    r = Reader(body)
    lifetime = r.uint32()
    if version >= 0x0304:
        age_add = r.uint32()
        nonce = r.vector(1)
        ticket = r.vector(2)
        exts = extension_codec.pull_extensions(r)
        if not r.eof():
            raise DecodeError("trailing bytes after NewSessionTicket")
        return NewSessionTicket(
            lifetime=lifetime, ticket=ticket, age_add=age_add, nonce=nonce, extensions=exts
        )
    ticket = r.vector(2)
    if not r.eof():
        raise DecodeError("trailing bytes after NewSessionTicket")
    return NewSessionTicket(lifetime=lifetime, ticket=ticket)


@dataclass(frozen=True, slots=True, kw_only=True)
class UnknownHandshake:
    msg_type: int
    body: bytes
