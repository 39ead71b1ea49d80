"""Handshake messages after the hellos, and alerts, from annotated hand-built bytes.

(The same messages from real servers are in test_wire_fixtures.py.)
"""

from __future__ import annotations

import pytest

from tlsdoctor.wire import extensions as X
from tlsdoctor.wire.buffer import DecodeError, Writer
from tlsdoctor.wire.extensions import Extension
from tlsdoctor.wire.messages import (
    MAX_CERTIFICATES,
    Alert,
    Certificate,
    CertificateRequest,
    KeyExchange,
    ServerHelloDone,
    ServerKeyExchange,
    decode_alert,
    decode_alerts,
    decode_certificate,
    decode_handshake,
    decode_server_key_exchange,
    encode_alert,
    encode_certificate,
)
from tlsdoctor.wire.messages_late import (
    CertificateVerify,
    EncryptedExtensions,
    Finished,
    KeyUpdate,
    NewSessionTicket,
    UnknownHandshake,
)
from tlsdoctor.wire.registry import (
    AlertDescription,
    AlertLevel,
    ExtensionType,
    HandshakeType,
    NamedGroup,
    SignatureScheme,
)

H = HandshakeType


def test_alerts() -> None:
    assert decode_alert(b"\x02\x28") == Alert(
        level=AlertLevel.fatal, description=AlertDescription.handshake_failure
    )
    # SSL 3.0's no_certificate (41) is a warning; 0x99 is unassigned and kept as an int.
    a, b = decode_alerts(b"\x01\x29\x07\x99")
    assert a.description is AlertDescription.no_certificate and not a.fatal
    assert (b.level, b.description) == (7, 0x99) and type(b.description) is int
    assert encode_alert(AlertDescription.protocol_version) == b"\x02\x46"
    for bad in (b"", b"\x02", b"\x02\x28\x01"):
        with pytest.raises(DecodeError):
            decode_alerts(bad)


def test_certificate_tls12_round_trip_and_bounds() -> None:
    certs = (b"\x30\x03abc", b"\x30\x01z")
    msg = encode_certificate(certs)
    c = decode_handshake(msg[0], msg[4:])
    assert isinstance(c, Certificate) and c.certificates == certs and c.request_context is None
    empty = decode_certificate(b"\x00\x00\x00")
    assert empty.certificates == ()  # a server that sends no certificate at all
    many = encode_certificate(tuple(b"x" for _ in range(MAX_CERTIFICATES + 1)))
    with pytest.raises(DecodeError) as e:
        decode_certificate(many[4:])
    assert e.value.alert is AlertDescription.bad_certificate
    with pytest.raises(DecodeError):
        decode_certificate(msg[4:-1])


def test_certificate_tls13_with_entry_extensions() -> None:
    ocsp_der = b"\x30\x05OCSPR"
    status = b"\x01" + len(ocsp_der).to_bytes(3, "big") + ocsp_der  # CertificateStatus
    sct = X.encode_sct_list([b"sct-1"])
    w = Writer()
    w.push_vector(1, b"ctx")  # certificate_request_context
    with w.block(3):
        w.push_vector(3, b"\x30\x02LF")  # leaf
        w.push_bytes(
            X.encode_extensions(
                [
                    Extension(type=ExtensionType.status_request, data=status),
                    Extension(type=ExtensionType.signed_certificate_timestamp, data=sct),
                ]
            )
        )
        w.push_vector(3, b"\x30\x02CA")
        w.push_uint16(0)  # no extensions for the issuer
    c = decode_handshake(H.certificate, w.data(), version=0x0304)
    assert isinstance(c, Certificate) and c.request_context == b"ctx"
    assert c.certificates == (b"\x30\x02LF", b"\x30\x02CA")
    assert c.entries[0].ocsp_response == ocsp_der and c.entries[0].scts == (b"sct-1",)
    assert c.entries[1].ocsp_response is None
    # The same bytes are not a TLS 1.2 Certificate.
    with pytest.raises(DecodeError):
        decode_handshake(H.certificate, w.data(), version=0x0303)


def _ske_dhe(p: bytes, g: bytes, ys: bytes, sig: bytes, scheme: int | None) -> bytes:
    w = Writer()
    for v in (p, g, ys):
        w.push_vector(2, v)
    if scheme is not None:
        w.push_uint16(scheme)
    if sig:
        w.push_vector(2, sig)
    return w.data()


def test_ske_dhe_weak_prime() -> None:
    p = b"\x00" + b"\xff" * 128  # a leading zero byte must not count: 1024 bits
    body = _ske_dhe(p, b"\x02", b"\x11" * 128, b"S" * 256, 0x0401)
    ske = decode_server_key_exchange(body, version=0x0303, kind=KeyExchange.DHE)
    assert ske.dh_prime_bits == 1024 and ske.signature_scheme is SignatureScheme.rsa_pkcs1_sha256
    assert ske.params == body[: 2 + 129 + 2 + 1 + 2 + 128]
    assert decode_server_key_exchange(body, version=0x0303) == ske  # found without a hint


def test_ske_ecdhe_named_curve() -> None:
    body = b"\x03\x00\x17\x41\x04" + b"P" * 64 + b"\x04\x03\x00\x02SG"
    ske = decode_handshake(H.server_key_exchange, body, version=0x0303)
    assert isinstance(ske, ServerKeyExchange) and ske.kind is KeyExchange.ECDHE
    assert ske.named_curve is NamedGroup.secp256r1 and len(ske.ec_point or b"") == 65
    assert ske.signature_scheme is SignatureScheme.ecdsa_secp256r1_sha256 and ske.signature == b"SG"


def test_ske_rsa_export_and_anonymous() -> None:
    w = Writer()
    w.push_vector(2, b"\xc0" + bytes(63))  # 512-bit export modulus
    w.push_vector(2, b"\x01\x00\x01")
    w.push_vector(2, b"sig")  # TLS 1.0: no SignatureAndHashAlgorithm
    ske = decode_server_key_exchange(w.data(), version=0x0301)
    assert ske.kind is KeyExchange.RSA_EXPORT and ske.rsa_bits == 512 and ske.signature == b"sig"
    anon = _ske_dhe(b"\x7f" * 64, b"\x02", b"\x01" * 64, b"", None)
    ske = decode_server_key_exchange(anon, version=0x0303)
    assert ske.kind is KeyExchange.DH_ANON and ske.signature == b"" and ske.dh_prime_bits == 511
    with pytest.raises(DecodeError):
        decode_server_key_exchange(b"\x01\x02\x03", version=0x0303)


def test_certificate_request_tls13() -> None:
    exts = X.encode_extensions(
        [
            Extension(
                type=ExtensionType.signature_algorithms,
                data=X.encode_signature_algorithms([0x0804, 0x0403]),
            ),
            Extension(
                type=ExtensionType.certificate_authorities,
                data=X.encode_certificate_authorities([b"\x30\x00"]),
            ),
        ]
    )
    cr = decode_handshake(H.certificate_request, b"\x00" + exts, version=0x0304)
    assert isinstance(cr, CertificateRequest) and cr.request_context == b""
    assert cr.signature_algorithms == (0x0804, 0x0403) and cr.ca_names == (b"\x30\x00",)
    assert cr.certificate_types == () and len(cr.extensions) == 2


def test_certificate_request_tls10_has_no_sigalgs() -> None:
    body = b"\x01\x01" + b"\x00\x04\x00\x02\x30\x00"  # types [rsa_sign], one empty DN
    cr = decode_handshake(H.certificate_request, body, version=0x0301)
    assert isinstance(cr, CertificateRequest)
    assert (
        cr.certificate_types == (1,)
        and cr.signature_algorithms == ()
        and cr.ca_names == (b"\x30\x00",)
    )


def test_small_messages() -> None:
    assert decode_handshake(H.server_hello_done, b"") == ServerHelloDone()
    assert decode_handshake(H.server_hello_done, b"x") == ServerHelloDone(extra=b"x")
    assert decode_handshake(H.finished, b"v" * 12) == Finished(verify_data=b"v" * 12)
    assert decode_handshake(H.key_update, b"\x01") == KeyUpdate(request_update=1)
    cv = decode_handshake(H.certificate_verify, b"\x08\x04\x00\x02ok")
    assert cv == CertificateVerify(
        signature_scheme=SignatureScheme.rsa_pss_rsae_sha256, signature=b"ok"
    )
    ee = decode_handshake(
        H.encrypted_extensions,
        X.encode_extensions(
            [
                Extension(
                    type=ExtensionType.application_layer_protocol_negotiation,
                    data=X.encode_alpn(["h2"]),
                )
            ]
        ),
    )
    assert isinstance(ee, EncryptedExtensions) and ee.alpn == "h2"
    assert decode_handshake(0x63, b"??") == UnknownHandshake(msg_type=0x63, body=b"??")
    for t, body in ((H.finished, b""), (H.key_update, b""), (H.certificate_verify, b"\x08")):
        with pytest.raises(DecodeError):
            decode_handshake(t, body)


def test_new_session_ticket_both_forms() -> None:
    t12 = decode_handshake(H.new_session_ticket, b"\x00\x00\x1c\x20\x00\x03abc")
    assert t12 == NewSessionTicket(lifetime=7200, ticket=b"abc")
    body13 = (
        b"\x00\x00\x1c\x20"
        + b"\x01\x02\x03\x04"
        + b"\x01n"
        + b"\x00\x02tk"
        + X.encode_extensions([Extension(type=ExtensionType.early_data, data=b"\x00\x00\x40\x00")])
    )
    t13 = decode_handshake(H.new_session_ticket, body13, version=0x0304)
    assert isinstance(t13, NewSessionTicket)
    assert (t13.age_add, t13.nonce, t13.ticket, len(t13.extensions)) == (0x01020304, b"n", b"tk", 1)


def test_the_codec_lends_each_later_message_class_from_its_module() -> None:
    """wire's lazy names are the public names it does not import itself (round 24): exactly
    messages_late's classes, each given from that module, and SSL 2.0's names (round 25),
    each given from wire.sslv2; every other public name bound."""
    import tlsdoctor.wire as wire
    from tlsdoctor.wire import messages_late, sslv2

    classes = {n for n in messages_late.__all__ if n[0].isupper()}
    assert classes == wire._LATE
    assert all(getattr(wire, n) is getattr(messages_late, n) for n in classes)
    assert set(wire.__all__) & set(sslv2.__all__) >= wire._SSLV2
    assert all(getattr(wire, n) is getattr(sslv2, n) for n in wire._SSLV2)
    assert all(n in vars(wire) for n in set(wire.__all__) - classes - wire._SSLV2)
