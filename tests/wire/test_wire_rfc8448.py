"""The codec against RFC 8448 §3 ("Simple 1-RTT Handshake"): a published TLS 1.3 trace.

Source: RFC 8448 (Example Handshake Traces for TLS 1.3), section 3,
https://www.rfc-editor.org/rfc/rfc8448#section-3. Bytes are the ClientHello,
ServerHello and the decrypted server flight (EncryptedExtensions, Certificate,
CertificateVerify, Finished) exactly as printed there.
"""

from __future__ import annotations

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
from tlsdoctor.wire.messages import Certificate, CertificateVerify, EncryptedExtensions, Finished


def h(text: str) -> bytes:
    return bytes.fromhex("".join(text.split()))


CLIENT_HELLO = h("""
01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12
ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00
09 00 00 06 73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00
19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d
e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af
2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06
04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01
""")
SERVER_HELLO = h("""
02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14
34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76
11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f
00 2b 00 02 03 04
""")
# EncryptedExtensions, then the start of Certificate (the full flight is in
# test_tls13.py; the first 0x28 bytes are EncryptedExtensions).
ENCRYPTED_EXTENSIONS = h("""
08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03
01 04 00 1c 00 02 40 01 00 00 00 00
""")
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
