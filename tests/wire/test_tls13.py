"""tlsdoctor.wire.tls13 against the RFC 8448 §3 "Simple 1-RTT Handshake" trace.

Source of every vector below: RFC 8448 (M. Thomson, "Example Handshake Traces for
TLS 1.3", January 2019), section 3, https://www.rfc-editor.org/rfc/rfc8448#section-3.
The suite is TLS_AES_128_GCM_SHA256 with an X25519 key exchange.
"""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tlsdoctor.wire import tls13
from tlsdoctor.wire.tls13 import Alert, Group, KeyShare, RecordProtection, Tls13Error


def h(text: str) -> bytes:
    return bytes.fromhex("".join(text.split()))


# {client} create an ephemeral x25519 key pair: private key
CLIENT_PRIVATE = h(
    "49 af 42 ba 7f 79 94 85 2d 71 3e f2 78 4b cb ca a7 91 1d e2 6a dc 56 42 cb 63 45 40 e7 ea 50 05"
)
# {client} public key (as sent in the key_share extension)
CLIENT_PUBLIC = h(
    "99 38 1d e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af 2c"
)
# {server} public key
SERVER_PUBLIC = h(
    "c9 82 88 76 11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f"
)

# {client} send handshake record: ClientHello handshake message (196 octets)
CLIENT_HELLO = h("""
01 00 00 c0 03 03 cb 34 ec b1 e7 81 63 ba 1c 38 c6 da cb 19 6a 6d ff a2 1a 8d 99 12
ec 18 a2 ef 62 83 02 4d ec e7 00 00 06 13 01 13 03 13 02 01 00 00 91 00 00 00 0b 00
09 00 00 06 73 65 72 76 65 72 ff 01 00 01 00 00 0a 00 14 00 12 00 1d 00 17 00 18 00
19 01 00 01 01 01 02 01 03 01 04 00 23 00 00 00 33 00 26 00 24 00 1d 00 20 99 38 1d
e5 60 e4 bd 43 d2 3d 8e 43 5a 7d ba fe b3 c0 6e 51 c1 3c ae 4d 54 13 69 1e 52 9a af
2c 00 2b 00 03 02 03 04 00 0d 00 20 00 1e 04 03 05 03 06 03 02 03 08 04 08 05 08 06
04 01 05 01 06 01 02 01 04 02 05 02 06 02 02 02 00 2d 00 02 01 01 00 1c 00 02 40 01
""")
# {server} send handshake record: ServerHello handshake message (90 octets)
SERVER_HELLO = h("""
02 00 00 56 03 03 a6 af 06 a4 12 18 60 dc 5e 6e 60 24 9c d3 4c 95 93 0c 8a c5 cb 14
34 da c1 55 77 2e d3 e2 69 28 00 13 01 00 00 2e 00 33 00 24 00 1d 00 20 c9 82 88 76
11 20 95 fe 66 76 2b db f7 c6 72 e1 56 d6 cc 25 3b 83 3d f1 dd 69 b1 b0 4e 75 1f 0f
00 2b 00 02 03 04
""")
# {server} send handshake record: payload (657 octets) = EncryptedExtensions,
# Certificate, CertificateVerify, Finished.
SERVER_FLIGHT = h("""
08 00 00 24 00 22 00 0a 00 14 00 12 00 1d 00 17 00 18 00 19 01 00 01 01 01 02 01 03
01 04 00 1c 00 02 40 01 00 00 00 00 0b 00 01 b9 00 00 01 b5 00 01 b0 30 82 01 ac 30
82 01 15 a0 03 02 01 02 02 01 02 30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 30 0e
31 0c 30 0a 06 03 55 04 03 13 03 72 73 61 30 1e 17 0d 31 36 30 37 33 30 30 31 32 33
35 39 5a 17 0d 32 36 30 37 33 30 30 31 32 33 35 39 5a 30 0e 31 0c 30 0a 06 03 55 04
03 13 03 72 73 61 30 81 9f 30 0d 06 09 2a 86 48 86 f7 0d 01 01 01 05 00 03 81 8d 00
30 81 89 02 81 81 00 b4 bb 49 8f 82 79 30 3d 98 08 36 39 9b 36 c6 98 8c 0c 68 de 55
e1 bd b8 26 d3 90 1a 24 61 ea fd 2d e4 9a 91 d0 15 ab bc 9a 95 13 7a ce 6c 1a f1 9e
aa 6a f9 8c 7c ed 43 12 09 98 e1 87 a8 0e e0 cc b0 52 4b 1b 01 8c 3e 0b 63 26 4d 44
9a 6d 38 e2 2a 5f da 43 08 46 74 80 30 53 0e f0 46 1c 8c a9 d9 ef bf ae 8e a6 d1 d0
3e 2b d1 93 ef f0 ab 9a 80 02 c4 74 28 a6 d3 5a 8d 88 d7 9f 7f 1e 3f 02 03 01 00 01
a3 1a 30 18 30 09 06 03 55 1d 13 04 02 30 00 30 0b 06 03 55 1d 0f 04 04 03 02 05 a0
30 0d 06 09 2a 86 48 86 f7 0d 01 01 0b 05 00 03 81 81 00 85 aa d2 a0 e5 b9 27 6b 90
8c 65 f7 3a 72 67 17 06 18 a5 4c 5f 8a 7b 33 7d 2d f7 a5 94 36 54 17 f2 ea e8 f8 a5
8c 8f 81 72 f9 31 9c f3 6b 7f d6 c5 5b 80 f2 1a 03 01 51 56 72 60 96 fd 33 5e 5e 67
f2 db f1 02 70 2e 60 8c ca e6 be c1 fc 63 a4 2a 99 be 5c 3e b7 10 7c 3c 54 e9 b9 eb
2b d5 20 3b 1c 3b 84 e0 a8 b2 f7 59 40 9b a3 ea c9 d9 1d 40 2d cc 0c c8 f8 96 12 29
ac 91 87 b4 2b 4d e1 00 00 0f 00 00 84 08 04 00 80 5a 74 7c 5d 88 fa 9b d2 e5 5a b0
85 a6 10 15 b7 21 1f 82 4c d4 84 14 5a b3 ff 52 f1 fd a8 47 7b 0b 7a bc 90 db 78 e2
d3 3a 5c 14 1a 07 86 53 fa 6b ef 78 0c 5e a2 48 ee aa a7 85 c4 f3 94 ca b6 d3 0b be
8d 48 59 ee 51 1f 60 29 57 b1 54 11 ac 02 76 71 45 9e 46 44 5c 9e a5 8c 18 1e 81 8e
95 b8 c3 fb 0b f3 27 84 09 d3 be 15 2a 3d a5 04 3e 06 3d da 65 cd f5 ae a2 0d 53 df
ac d4 2f 74 f3 14 00 00 20 9b 9b 14 1d 90 63 37 fb d2 cb dc e7 1d f4 de da 4a b4 2c
30 95 72 cb 7f ff ee 54 54 b7 8f 07 18
""")
# {server} send handshake record: complete record (679 octets)
SERVER_FLIGHT_RECORD = h("""
17 03 03 02 a2 d1 ff 33 4a 56 f5 bf f6 59 4a 07 cc 87 b5 80 23 3f 50 0f 45 e4 89 e7
f3 3a f3 5e df 78 69 fc f4 0a a4 0a a2 b8 ea 73 f8 48 a7 ca 07 61 2e f9 f9 45 cb 96
0b 40 68 90 51 23 ea 78 b1 11 b4 29 ba 91 91 cd 05 d2 a3 89 28 0f 52 61 34 aa dc 7f
c7 8c 4b 72 9d f8 28 b5 ec f7 b1 3b d9 ae fb 0e 57 f2 71 58 5b 8e a9 bb 35 5c 7c 79
02 07 16 cf b9 b1 18 3e f3 ab 20 e3 7d 57 a6 b9 d7 47 76 09 ae e6 e1 22 a4 cf 51 42
73 25 25 0c 7d 0e 50 92 89 44 4c 9b 3a 64 8f 1d 71 03 5d 2e d6 5b 0e 3c dd 0c ba e8
bf 2d 0b 22 78 12 cb b3 60 98 72 55 cc 74 41 10 c4 53 ba a4 fc d6 10 92 8d 80 98 10
e4 b7 ed 1a 8f d9 91 f0 6a a6 24 82 04 79 7e 36 a6 a7 3b 70 a2 55 9c 09 ea d6 86 94
5b a2 46 ab 66 e5 ed d8 04 4b 4c 6d e3 fc f2 a8 94 41 ac 66 27 2f d8 fb 33 0e f8 19
05 79 b3 68 45 96 c9 60 bd 59 6e ea 52 0a 56 a8 d6 50 f5 63 aa d2 74 09 96 0d ca 63
d3 e6 88 61 1e a5 e2 2f 44 15 cf 95 38 d5 1a 20 0c 27 03 42 72 96 8a 26 4e d6 54 0c
84 83 8d 89 f7 2c 24 46 1a ad 6d 26 f5 9e ca ba 9a cb bb 31 7b 66 d9 02 f4 f2 92 a3
6a c1 b6 39 c6 37 ce 34 31 17 b6 59 62 22 45 31 7b 49 ee da 0c 62 58 f1 00 d7 d9 61
ff b1 38 64 7e 92 ea 33 0f ae ea 6d fa 31 c7 a8 4d c3 bd 7e 1b 7a 6c 71 78 af 36 87
90 18 e3 f2 52 10 7f 24 3d 24 3d c7 33 9d 56 84 c8 b0 37 8b f3 02 44 da 8c 87 c8 43
f5 e5 6e b4 c5 e8 28 0a 2b 48 05 2c f9 3b 16 49 9a 66 db 7c ca 71 e4 59 94 26 f7 d4
61 e6 6f 99 88 2b d8 9f c5 08 00 be cc a6 2d 6c 74 11 6d bd 29 72 fd a1 fa 80 f8 5d
f8 81 ed be 5a 37 66 89 36 b3 35 58 3b 59 91 86 dc 5c 69 18 a3 96 fa 48 a1 81 d6 b6
fa 4f 9d 62 d5 13 af bb 99 2f 2b 99 2f 67 f8 af e6 7f 76 91 3f a3 88 cb 56 30 c8 ca
01 e0 c6 5d 11 c6 6a 1e 2a c4 c8 59 77 b7 c7 a6 99 9b bf 10 dc 35 ae 69 f5 51 56 14
63 6c 0b 9b 68 c1 9e d2 e3 1c 0b 3b 66 76 30 38 eb ba 42 f3 b3 8e dc 03 99 f3 a9 f2
3f aa 63 97 8c 31 7f c9 fa 66 a7 3f 60 f0 50 4d e9 3b 5b 84 5e 27 55 92 c1 23 35 ee
34 0b bc 4f dd d5 02 78 40 16 e4 b3 be 7e f0 4d da 49 f4 b4 40 a3 0c b5 d2 af 93 98
28 fd 4a e3 79 4e 44 f9 4d f5 a6 31 ed e4 2c 17 19 bf da bf 02 53 fe 51 75 be 89 8e
75 0e dc 53 37 0d 2b
""")

ECDHE = h(
    "8b d4 05 4f b5 5b 9d 63 fd fb ac f9 f0 4b 9f 0d 35 e6 d6 3f 53 75 63 ef d4 62 72 90 0f 89 49 2d"
)
HELLO_HASH = h(
    "86 0c 06 ed c0 78 58 ee 8e 78 f0 e7 42 8c 58 ed d6 b4 3f 2c a3 e6 e9 5f 02 ed 06 3c f0 e1 ca d8"
)
EARLY_SECRET = h(
    "33 ad 0a 1c 60 7e c0 3b 09 e6 cd 98 93 68 0c e2 10 ad f3 00 aa 1f 26 60 e1 b2 2e 10 f1 70 f9 2a"
)
HANDSHAKE_SECRET = h(
    "1d c8 26 e9 36 06 aa 6f dc 0a ad c1 2f 74 1b 01 04 6a a6 b9 9f 69 1e d2 21 a9 f0 ca 04 3f be ac"
)
C_HS_TRAFFIC = h(
    "b3 ed db 12 6e 06 7f 35 a7 80 b3 ab f4 5e 2d 8f 3b 1a 95 07 38 f5 2e 96 00 74 6a 0e 27 a5 5a 21"
)
S_HS_TRAFFIC = h(
    "b6 7b 7d 69 0c c1 6c 4e 75 e5 42 13 cb 2d 37 b4 e9 c9 12 bc de d9 10 5d 42 be fd 59 d3 91 ad 38"
)
MASTER_SECRET = h(
    "18 df 06 84 3d 13 a0 8b f2 a4 49 84 4c 5f 8a 47 80 01 bc 4d 4c 62 79 84 d5 a4 1d a8 d0 40 29 19"
)
S_HS_KEY = h("3f ce 51 60 09 c2 17 27 d0 f2 e4 e8 6e e4 03 bc")
S_HS_IV = h("5d 31 3e b2 67 12 76 ee 13 00 0b 30")
C_HS_KEY = h("db fa a6 93 d1 76 2c 5b 66 6a f5 d9 50 25 8d 01")
C_HS_IV = h("5b d3 c7 1b 83 6e 0b 76 bb 73 26 5f")
# Transcript-Hash(ClientHello .. server Finished), the context of the application secrets
FLIGHT_HASH = h(
    "96 08 10 2a 0f 1c cc 6d b6 25 0b 7b 7e 41 7b 1a 00 0e aa da 3d aa e4 77 7a 76 86 c9 ff 83 df 13"
)
S_AP_TRAFFIC = h(
    "a1 1a f9 f0 55 31 f8 56 ad 47 11 6b 45 a9 50 32 82 04 b4 f4 4b fb 6b 3a 4b 4f 1f 3f cb 63 16 43"
)

SUITE = tls13.SUITES[0x1301]


def test_vector_lengths_as_the_rfc_states() -> None:
    # The RFC prints the octet counts; a transcription slip would show here first.
    assert (len(CLIENT_HELLO), len(SERVER_HELLO)) == (4 + 0xC0, 4 + 0x56)
    assert (len(SERVER_FLIGHT), len(SERVER_FLIGHT_RECORD)) == (657, 679)


def test_x25519_key_share_and_shared_secret() -> None:
    share = KeyShare.from_private_bytes(Group.X25519, CLIENT_PRIVATE)
    assert share.public == CLIENT_PUBLIC
    assert share.shared_secret(SERVER_PUBLIC) == ECDHE


def test_key_schedule_matches_rfc8448() -> None:
    transcript = tls13.Transcript()
    transcript.add(CLIENT_HELLO)
    transcript.add(SERVER_HELLO)
    assert transcript.digest("sha256") == HELLO_HASH

    secrets = tls13.handshake_secrets(SUITE, ECDHE, HELLO_HASH)
    assert secrets.early_secret == EARLY_SECRET
    assert secrets.handshake_secret == HANDSHAKE_SECRET
    assert secrets.client_handshake_traffic_secret == C_HS_TRAFFIC
    assert secrets.server_handshake_traffic_secret == S_HS_TRAFFIC
    assert secrets.master_secret == MASTER_SECRET
    assert tls13.traffic_keys(SUITE, S_HS_TRAFFIC) == (S_HS_KEY, S_HS_IV)
    assert tls13.traffic_keys(SUITE, C_HS_TRAFFIC) == (C_HS_KEY, C_HS_IV)

    transcript.add(SERVER_FLIGHT)
    assert transcript.digest("sha256") == FLIGHT_HASH
    assert tls13.derive_secret("sha256", MASTER_SECRET, "s ap traffic", FLIGHT_HASH) == S_AP_TRAFFIC


def test_decrypt_server_flight() -> None:
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    header, fragment = SERVER_FLIGHT_RECORD[:5], SERVER_FLIGHT_RECORD[5:]
    content_type, content = protection.decrypt(header, fragment)
    assert (content_type, content) == (22, SERVER_FLIGHT)
    assert protection.seq == 1


def test_server_finished_verify_data() -> None:
    # The flight ends with Finished (20, length 32); its verify_data covers CH..CV.
    finished = SERVER_FLIGHT[-36:]
    assert finished[:4] == h("14 00 00 20")
    up_to_cv = hashlib.sha256(CLIENT_HELLO + SERVER_HELLO + SERVER_FLIGHT[:-36]).digest()
    assert tls13.finished_verify_data(SUITE, S_HS_TRAFFIC, up_to_cv) == finished[4:]


def test_tampered_record_is_bad_record_mac() -> None:
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    broken = bytearray(SERVER_FLIGHT_RECORD)
    broken[100] ^= 1
    with pytest.raises(Tls13Error) as err:
        protection.decrypt(bytes(broken[:5]), bytes(broken[5:]))
    assert err.value.alert == Alert.BAD_RECORD_MAC
    assert protection.seq == 0  # a failed record does not advance the sequence


def test_wrong_sequence_number_fails() -> None:
    # The nonce is IV xor seq (RFC 8446 §5.3): the same record at seq 1 must not open.
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    protection.seq = 1
    with pytest.raises(Tls13Error):
        protection.decrypt(SERVER_FLIGHT_RECORD[:5], SERVER_FLIGHT_RECORD[5:])


def test_header_is_authenticated() -> None:
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    with pytest.raises(Tls13Error):
        protection.decrypt(h("17 03 01 02 a2"), SERVER_FLIGHT_RECORD[5:])


@pytest.mark.parametrize("code", sorted(tls13.SUITES))
@pytest.mark.parametrize("padding", [0, 1, 200])
def test_every_suite_round_trips_and_strips_padding(code: int, padding: int) -> None:
    suite = tls13.SUITES[code]
    secret = bytes(range(suite.hash_len))
    sealer, opener = RecordProtection(suite, secret), RecordProtection(suite, secret)
    for seq in range(3):
        record = sealer.encrypt(22, b"message %d" % seq, padding=padding)
        assert len(record) == 5 + len(b"message 0") + 1 + padding + suite.tag_len
        assert opener.decrypt(record[:5], record[5:]) == (22, b"message %d" % seq)


def test_all_padding_record_is_unexpected_message() -> None:
    sealer = RecordProtection(SUITE, S_HS_TRAFFIC)
    opener = RecordProtection(SUITE, S_HS_TRAFFIC)
    # Seal zeros only: no content type byte at all (RFC 8446 §5.4).
    record = sealer.encrypt(0, b"", padding=10)
    with pytest.raises(Tls13Error) as err:
        opener.decrypt(record[:5], record[5:])
    assert err.value.alert == Alert.UNEXPECTED_MESSAGE


def test_short_and_oversized_fragments() -> None:
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    with pytest.raises(Tls13Error) as err:
        protection.decrypt(h("17 03 03 00 05"), b"12345")
    assert err.value.alert == Alert.DECODE_ERROR
    with pytest.raises(Tls13Error) as err:
        protection.decrypt(h("17 03 03 41 01"), bytes(tls13.MAX_CIPHERTEXT + 1))
    assert err.value.alert == Alert.RECORD_OVERFLOW


@pytest.mark.parametrize("group", tls13.SUPPORTED_GROUPS)
def test_ecdhe_agrees_for_every_group(group: int) -> None:
    a, b = KeyShare.generate(group), KeyShare.generate(group)
    assert len(a.public) == tls13.SHARE_SIZES[group]
    assert a.shared_secret(b.public) == b.shared_secret(a.public)
    assert a.public != b.public


@pytest.mark.parametrize("group", tls13.SUPPORTED_GROUPS)
def test_deterministic_generation_from_rng(group: int) -> None:
    def rng(n: int) -> bytes:
        return bytes([7]) * n

    assert KeyShare.generate(group, rng).public == KeyShare.generate(group, rng).public


@pytest.mark.parametrize(
    "group, peer",
    [
        (Group.X25519, bytes(32)),  # all-zero shared secret (RFC 7748 §6.1)
        (Group.X25519, bytes(31)),  # wrong length
        (Group.SECP256R1, b"\x04" + bytes(64)),  # not on the curve
        (Group.SECP256R1, b"\x02" + bytes(64)),  # not the uncompressed form
        (Group.SECP384R1, b"\x04" + b"\x01" * 96),
    ],
)
def test_bad_server_share_is_illegal_parameter(group: int, peer: bytes) -> None:
    with pytest.raises(Tls13Error) as err:
        KeyShare.generate(group).shared_secret(peer)
    assert err.value.alert == Alert.ILLEGAL_PARAMETER


def test_unknown_group_and_suite() -> None:
    with pytest.raises(Tls13Error):
        KeyShare.generate(0x0200)  # ML-KEM-512: not computed
    with pytest.raises(Tls13Error) as err:
        tls13.suite_for(0xC02F)
    assert err.value.alert == Alert.ILLEGAL_PARAMETER
    assert tls13.suite_for(0x1302).hash_name == "sha384"


def test_hello_retry_transcript_uses_message_hash() -> None:
    # RFC 8446 §4.4.1: after an HRR, ClientHello1 is replaced by
    # message_hash(254) || 00 00 Hash.length || Hash(ClientHello1).
    transcript = tls13.Transcript()
    transcript.add(CLIENT_HELLO)
    transcript.restart_after_hello_retry("sha384")
    hrr = b"\x02\x00\x00\x04abcd"
    transcript.add(hrr)
    inner = hashlib.sha384(CLIENT_HELLO).digest()
    expected = hashlib.sha384(b"\xfe\x00\x00\x30" + inner + hrr).digest()
    assert transcript.digest("sha384") == expected


def test_hkdf_matches_rfc5869_case_1() -> None:
    # RFC 5869 Appendix A.1 (SHA-256), to pin the HKDF primitives themselves.
    ikm = bytes([0x0B]) * 22
    salt = bytes(range(13))
    info = bytes(range(0xF0, 0xFA))
    prk = tls13.hkdf_extract("sha256", salt, ikm)
    assert prk == h("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5")
    okm = tls13.hkdf_expand("sha256", prk, info, 42)
    assert okm == h(
        "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865"
    )


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=600), st.integers(min_value=0, max_value=2**20))
def test_random_fragments_never_raise_anything_else(fragment: bytes, seq: int) -> None:
    protection = RecordProtection(SUITE, S_HS_TRAFFIC)
    protection.seq = seq
    header = b"\x17\x03\x03" + len(fragment).to_bytes(2, "big")
    with pytest.raises(Tls13Error):
        protection.decrypt(header, fragment)


# --- round 28: FFDHE and ML-KEM hybrid shares --------------------------------------------

def test_ffdhe_primes_are_rfc_7919s() -> None:
    # RFC 7919 §A.1: ffdhe2048 starts FFFFFFFF FFFFFFFF ADF85458 A2BB4A9A, ends
    # 886B4238 61285C97 FFFFFFFF FFFFFFFF; every prime is a safe prime of its size.
    from tlsdoctor.wire.dhgroup import judge_prime

    p = tls13.ffdhe_prime(Group.FFDHE2048)
    assert hex(p).startswith("0xffffffffffffffffadf85458a2bb4a9a")
    assert hex(p).endswith("886b423861285c97ffffffffffffffff")
    for group, bits in ((Group.FFDHE3072, 3072), (Group.FFDHE8192, 8192)):
        q = tls13.ffdhe_prime(group)
        judged = judge_prime(q.to_bytes(bits // 8, "big"))
        assert judged.bits == bits and judged.standard and judged.safe


def test_ffdhe_out_of_range_share_is_illegal_parameter() -> None:
    share = KeyShare.generate(Group.FFDHE2048)
    for peer in (bytes(256), (1).to_bytes(256, "big"),
                 (tls13.ffdhe_prime(Group.FFDHE2048) - 1).to_bytes(256, "big")):
        with pytest.raises(Tls13Error) as err:
            share.shared_secret(peer)
        assert err.value.alert == Alert.ILLEGAL_PARAMETER


@pytest.mark.skipif(not tls13.KEM_GROUPS, reason="no ML-KEM in this cryptography")
@pytest.mark.parametrize("group", tls13.KEM_GROUPS)
def test_mlkem_hybrids_agree_with_an_encapsulating_server(group: int) -> None:
    from cryptography.hazmat.primitives.asymmetric import mlkem

    ours = KeyShare.generate(group)
    size, classical, kem_first = tls13._KEMS[group]
    key_len = tls13._KEM_KEY[size]
    ek, other = ((ours.public[:key_len], ours.public[key_len:]) if kem_first
                 else (ours.public[-key_len:], ours.public[:-key_len]))
    public = (mlkem.MLKEM768PublicKey if size == 768 else mlkem.MLKEM1024PublicKey)
    secret, ct = public.from_public_bytes(ek).encapsulate()
    if classical is None:
        assert ours.shared_secret(ct) == secret
        return
    theirs = KeyShare.generate(classical)
    ecdh = theirs.shared_secret(other)
    peer = ct + theirs.public if kem_first else theirs.public + ct
    assert len(peer) == tls13.SERVER_SHARE_SIZES[group]
    assert ours.shared_secret(peer) == (secret + ecdh if kem_first else ecdh + secret)
