"""Code points match their RFCs / IANA, and the lookup helpers never raise."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tlsdoctor.wire.registry import (
    AlertDescription,
    CompressionMethod,
    ContentType,
    ECPointFormat,
    ExtensionType,
    HandshakeType,
    NamedGroup,
    ProtocolVersion,
    SignatureScheme,
    coerce,
    grease_values,
    is_grease,
    name_of,
    version_name,
)


@pytest.mark.parametrize(
    "member, value",
    [
        (ProtocolVersion.SSL2, 0x0002),
        (ProtocolVersion.SSL3, 0x0300),
        (ProtocolVersion.TLS1_3, 0x0304),
        (ContentType.handshake, 22),
        (ContentType.alert, 21),
        (HandshakeType.certificate_status, 22),
        (HandshakeType.message_hash, 254),
        (AlertDescription.no_certificate, 41),
        (AlertDescription.export_restriction, 60),
        (AlertDescription.inappropriate_fallback, 86),
        (AlertDescription.certificate_required, 116),
        (AlertDescription.no_application_protocol, 120),
        (AlertDescription.unrecognized_name, 112),
        (ExtensionType.renegotiation_info, 0xFF01),
        (ExtensionType.key_share, 51),
        (ExtensionType.supported_versions, 43),
        (ExtensionType.encrypted_client_hello, 0xFE0D),
        (NamedGroup.x25519, 29),
        (NamedGroup.ffdhe2048, 256),
        (NamedGroup.ffdhe8192, 260),
        (NamedGroup.brainpoolP256r1, 26),
        (NamedGroup.X25519MLKEM768, 0x11EC),
        (NamedGroup.SecP256r1MLKEM768, 0x11EB),
        (NamedGroup.SecP384r1MLKEM1024, 0x11ED),
        (SignatureScheme.rsa_pkcs1_sha1, 0x0201),
        (SignatureScheme.ecdsa_sha1, 0x0203),
        (SignatureScheme.rsa_pss_rsae_sha256, 0x0804),
        (SignatureScheme.ed25519, 0x0807),
        (ECPointFormat.uncompressed, 0),
        (CompressionMethod.DEFLATE, 1),
    ],
)
def test_iana_values(member: int, value: int) -> None:
    assert int(member) == value


def test_name_of_known_unknown_and_grease() -> None:
    assert name_of(NamedGroup, 29) == "x25519"
    assert name_of(NamedGroup, 0x1234) == "unknown(0x1234)"
    assert name_of(ExtensionType, 0x2A2A) == "grease(0x2a2a)"
    assert name_of(AlertDescription, 31) == "unknown(0x1f)"
    assert coerce(NamedGroup, 23) is NamedGroup.secp256r1
    assert coerce(NamedGroup, 0x7777) == 0x7777 and type(coerce(NamedGroup, 0x7777)) is int


def test_grease() -> None:
    values = grease_values()
    assert values[0] == 0x0A0A and values[-1] == 0xFAFA and len(set(values)) == 16
    assert all(is_grease(v) for v in values)
    assert sum(is_grease(v) for v in range(0x10000)) == 16
    assert not is_grease(0x0A1A) and not is_grease(0x0303)


@pytest.mark.parametrize(
    "v, name",
    [
        (0x0002, "SSL 2.0"),
        (0x0300, "SSL 3.0"),
        (0x0301, "TLS 1.0"),
        (0x0303, "TLS 1.2"),
        (0x0304, "TLS 1.3"),
        (0x7F17, "TLS 1.3 draft 23"),
        (0x3A3A, "GREASE (0x3a3a)"),
        (0xFEFD, "DTLS 1.2"),
        (0x0999, "unknown(0x0999)"),
    ],
)
def test_version_name(v: int, name: str) -> None:
    assert version_name(v) == name


@given(st.integers(min_value=0, max_value=0xFFFFFF))
def test_name_of_never_raises(value: int) -> None:
    for enum_cls in (NamedGroup, SignatureScheme, ExtensionType, AlertDescription):
        assert name_of(enum_cls, value)
    assert version_name(value)
