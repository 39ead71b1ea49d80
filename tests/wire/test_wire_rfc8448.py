"""The codec against RFC 8448 §3 ("Simple 1-RTT Handshake"): a published TLS 1.3 trace.

Source: RFC 8448 (Example Handshake Traces for TLS 1.3), section 3,
https://www.rfc-editor.org/rfc/rfc8448#section-3. Bytes are the ClientHello,
ServerHello and the decrypted server flight (EncryptedExtensions, Certificate,
CertificateVerify, Finished) exactly as printed there.
"""

from __future__ import annotations

# The trace's bytes are kept once, in test_tls13.py (which also checks the key schedule).
from test_tls13 import CLIENT_HELLO, SERVER_FLIGHT, SERVER_HELLO, h

from tlsdoctor.wire import (
    ClientHelloSpec,
    HandshakeReassembler,
    HandshakeType,
    NamedGroup,
    decode_client_hello,
    decode_handshake,
    decode_server_hello,
    encode_client_hello,
)
from tlsdoctor.wire.messages import Certificate
from tlsdoctor.wire.messages_late import CertificateVerify, EncryptedExtensions, Finished

ENCRYPTED_EXTENSIONS = SERVER_FLIGHT[:0x28]  # EncryptedExtensions: 4-byte header + 0x24

CV_FINISHED_TAIL = (
    h("""
0f 00 00 84 08 04 00 80""")
    + bytes(128)
    + h("""
14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c
30 95 72 cb 7f ff ee 54 54 b7 8f 07 18
""")
)


def test_client_hello() -> None:
    ch = decode_client_hello(CLIENT_HELLO[4:])
    assert ch.cipher_suites == (0x1301, 0x1303, 0x1302) and ch.sni == "server"
    assert ch.versions == (0x0304,) and ch.legacy_version == 0x0303
    assert ch.groups[:3] == (NamedGroup.x25519, NamedGroup.secp256r1, NamedGroup.secp384r1)
    assert ch.groups[-5:] == tuple(range(256, 261))  # ffdhe2048..8192
    assert ch.key_shares[0].group == NamedGroup.x25519
    assert ch.key_shares[0].key_exchange.hex().startswith("99381de5")
    assert ch.psk_key_exchange_modes == (1,) and ch.renegotiation_info == b""
    assert ch.session_ticket == b"" and not ch.anomalies
    assert 0x001C in ch.extension_types  # record_size_limit, kept raw in the list


def test_we_can_encode_the_same_client_hello() -> None:
    ch = decode_client_hello(CLIENT_HELLO[4:])
    spec = ClientHelloSpec(
        versions=(0x0304,),
        cipher_suites=ch.cipher_suites,
        groups=ch.groups,
        signature_algorithms=ch.signature_algorithms,
        sni="server",
        key_share_groups=(29,),
        extended_master_secret=False,
        ec_point_formats=(),  # the trace's client sends none
        extra_extensions=((0x001C, b"\x40\x01"),),
        extension_order=(0, 0xFF01, 10, 35, 51, 43, 13, 45, 28),
    )
    again = encode_client_hello(
        spec, random=ch.random, key_shares={29: ch.key_shares[0].key_exchange}
    )
    assert again == CLIENT_HELLO


def test_server_hello() -> None:
    sh = decode_server_hello(SERVER_HELLO[4:])
    assert (sh.version, sh.cipher_suite, sh.legacy_version) == (0x0304, 0x1301, 0x0303)
    assert sh.key_share is not None and sh.key_share.group == NamedGroup.x25519
    assert sh.key_share.key_exchange.hex().startswith("c9828876")
    assert not sh.is_hello_retry_request and sh.downgrade_sentinel is None


def test_encrypted_flight_messages() -> None:
    hs = HandshakeReassembler()
    hs.feed(ENCRYPTED_EXTENSIONS + CV_FINISHED_TAIL)
    msgs = [decode_handshake(m.msg_type, m.body, version=0x0304) for m in hs.messages()]
    ee, cv, fin = msgs
    assert isinstance(ee, EncryptedExtensions) and [int(e.type) for e in ee.extensions] == [
        10,
        28,
        0,
    ]
    assert isinstance(cv, CertificateVerify) and cv.signature_scheme == 0x0804
    assert isinstance(fin, Finished) and fin.verify_data.hex().startswith("9b9b141d")
    cert = decode_handshake(
        HandshakeType.certificate, b"\x00\x00\x00\x07\x00\x00\x02\x30\x00\x00\x00", version=0x0304
    )
    assert isinstance(cert, Certificate) and cert.certificates == (b"\x30\x00",)
