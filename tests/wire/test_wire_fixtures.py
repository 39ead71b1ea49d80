"""Decode bytes recorded from real servers and clients (tests/wire/fixtures/README.md).

Each server flight is decoded whole, byte by byte through RecordReader, and with
trailing data; the decoded facts are what the peer was configured to send.
"""

from __future__ import annotations

import json

import pytest
from cryptography import x509
from wire_helpers import FIXTURES, RANDOM, load, parse_flight

from tlsdoctor.wire import (
    AlertDescription,
    AlertLevel,
    ContentType,
    DecodeError,
    ExtensionType,
    HandshakeReassembler,
    HandshakeType,
    NamedGroup,
    Record,
    RecordReader,
    ServerHello,
    SignatureScheme,
    classify_first_bytes,
    decode_alerts,
    decode_client_hello,
    decode_handshake,
)
from tlsdoctor.wire.messages import (
    Certificate,
    CertificateRequest,
    CertificateStatus,
    KeyExchange,
    ServerHelloDone,
    ServerKeyExchange,
)

INDEX = json.loads((FIXTURES / "index.json").read_text())
SERVER = sorted(n for n in INDEX if n.startswith("server_") and n != "server_http_plaintext")
CLIENT = sorted(n for n in INDEX if n.startswith("client_"))


def records_whole(data: bytes) -> list[object]:
    rr = RecordReader()
    rr.feed(data)
    return list(rr.records())


def records_bytewise(data: bytes) -> list[object]:
    rr = RecordReader()
    out: list[object] = []
    for i in range(len(data)):
        rr.feed(data[i : i + 1])
        out.extend(rr.records())
    assert rr.buffered == 0
    return out


def decoded(name: str) -> list[object]:
    """Every plaintext handshake message of a server fixture, decoded with its version."""
    _, msgs = parse_flight(load(f"{name}.bin"))
    version = 0x0303
    out: list[object] = []
    for msg_type, body in msgs:
        m = decode_handshake(msg_type, body, version=version)
        if isinstance(m, ServerHello):
            version = m.version
        out.append(m)
    return out


def test_index_lists_existing_files() -> None:
    assert len(SERVER) >= 10 and len(CLIENT) >= 3
    for name in INDEX:
        assert (FIXTURES / f"{name}.bin").stat().st_size > 0


@pytest.mark.parametrize("name", SERVER)
def test_server_flight_whole_equals_bytewise(name: str) -> None:
    data = load(f"{name}.bin")
    assert classify_first_bytes(data) == "tls"
    whole = records_whole(data)
    assert whole and whole == records_bytewise(data)
    # The records are the stream, exactly: nothing lost, nothing invented.
    assert sum(5 + len(r.fragment) for r in whole if isinstance(r, Record)) == len(data)


@pytest.mark.parametrize("name", SERVER)
def test_server_flight_with_trailing_partial_record(name: str) -> None:
    data = load(f"{name}.bin")
    rr = RecordReader()
    rr.feed(data + b"\x16\x03\x03\x00\x10abc")  # the start of a record that never ends
    assert len(list(rr.records())) == len(records_whole(data))
    assert rr.buffered == 8


@pytest.mark.parametrize("name", SERVER)
def test_our_client_hello_is_what_we_sent(name: str) -> None:
    rr = RecordReader()
    rr.feed(load(f"{name}.client.bin"))
    (rec,) = rr.records()
    assert isinstance(rec, Record) and rec.content_type == ContentType.handshake
    assert rec.fragment[0] == HandshakeType.client_hello
    ch = decode_client_hello(rec.fragment[4:])
    assert ch.random == RANDOM and ch.sni == "localhost" and not ch.anomalies


def _types(msgs: list[object]) -> list[str]:
    return [type(m).__name__ for m in msgs]


def test_tls12_ecdhe_rsa() -> None:
    msgs = decoded("server_tls12_ecdhe_rsa")
    assert _types(msgs) == ["ServerHello", "Certificate", "ServerKeyExchange", "ServerHelloDone"]
    sh, cert, ske, _ = msgs
    assert isinstance(sh, ServerHello) and isinstance(ske, ServerKeyExchange)
    assert (sh.version, sh.cipher_suite, sh.alpn) == (0x0303, 0xC02F, "http/1.1")
    assert sh.secure_renegotiation and sh.renegotiation_info == b""
    assert sh.extended_master_secret and sh.session_ticket
    assert sh.ec_point_formats is not None and 0 in sh.ec_point_formats
    assert sh.downgrade_sentinel is None and not sh.is_hello_retry_request
    assert isinstance(cert, Certificate) and cert.request_context is None
    leaf = x509.load_der_x509_certificate(cert.certificates[0])
    assert leaf.subject.rfc4514_string().endswith("CN=localhost") or "localhost" in str(
        leaf.subject
    )
    assert ske.kind is KeyExchange.ECDHE and ske.named_curve == NamedGroup.x25519
    assert len(ske.ec_point or b"") == 32
    assert ske.signature_scheme == SignatureScheme.rsa_pss_rsae_sha256
    assert len(ske.signature) == 256  # RSA-2048
    assert ske.params == bytes((3, 0, 29, 32)) + (ske.ec_point or b"")


def test_tls12_dhe_prime_bits() -> None:
    msgs = decoded("server_tls12_dhe_rsa")
    ske = msgs[2]
    assert isinstance(ske, ServerKeyExchange) and ske.kind is KeyExchange.DHE
    assert ske.dh_prime_bits == 2048 and ske.dh_g == b"\x02"
    # OpenSSL 3 picks the RFC 7919 ffdhe2048 group: its prime ends in 64 ones.
    assert ske.dh_p is not None and ske.dh_p[-8:] == b"\xff" * 8


def test_tls12_ecdsa_signature_scheme() -> None:
    ske = decoded("server_tls12_ecdhe_ecdsa")[2]
    assert isinstance(ske, ServerKeyExchange)
    assert ske.signature_scheme == SignatureScheme.ecdsa_secp256r1_sha256


@pytest.mark.parametrize(
    "name, version, kind",
    [
        ("server_tls10_ecdhe_rsa", 0x0301, KeyExchange.ECDHE),
        ("server_tls11_dhe_rsa", 0x0302, KeyExchange.DHE),
    ],
)
def test_old_versions_have_no_signature_scheme(name: str, version: int, kind: KeyExchange) -> None:
    records = records_whole(load(f"{name}.bin"))
    assert {r.version for r in records if isinstance(r, Record)} == {version}
    msgs = decoded(name)
    sh, ske = msgs[0], msgs[2]
    assert isinstance(sh, ServerHello) and sh.version == version
    assert isinstance(ske, ServerKeyExchange) and ske.kind is kind
    assert ske.signature_scheme is None and len(ske.signature) == 256


def test_tls10_ske_does_not_parse_as_tls12() -> None:
    _, msgs = parse_flight(load("server_tls10_ecdhe_rsa.bin"))
    body = msgs[2][1]
    with pytest.raises(DecodeError):
        decode_handshake(HandshakeType.server_key_exchange, body, version=0x0303)


def test_certificate_request() -> None:
    msgs = decoded("server_tls12_certreq")
    assert _types(msgs)[-2:] == ["CertificateRequest", "ServerHelloDone"]
    cr = msgs[-2]
    assert isinstance(cr, CertificateRequest) and cr.request_context is None
    assert set(cr.certificate_types) >= {1, 64}  # rsa_sign, ecdsa_sign
    assert SignatureScheme.rsa_pss_rsae_sha256 in cr.signature_algorithms
    (dn,) = cr.ca_names
    leaf = msgs[1]
    assert isinstance(leaf, Certificate)
    # -Verify with -CAfile names that CA: the DN is the leaf's issuer, DER-encoded.
    assert dn == x509.load_der_x509_certificate(leaf.certificates[0]).issuer.public_bytes()


def test_ocsp_staple() -> None:
    msgs = decoded("server_tls12_ocsp")
    assert _types(msgs) == [
        "ServerHello",
        "Certificate",
        "CertificateStatus",
        "ServerKeyExchange",
        "ServerHelloDone",
    ]
    sh, status = msgs[0], msgs[2]
    assert isinstance(sh, ServerHello) and sh.ocsp_stapling
    assert isinstance(status, CertificateStatus) and status.status_type == 1
    from cryptography.x509 import ocsp

    resp = ocsp.load_der_ocsp_response(status.ocsp_response)
    assert resp.response_status == ocsp.OCSPResponseStatus.SUCCESSFUL


def test_hello_retry_request() -> None:
    (hrr,) = decoded("server_tls13_hrr")
    assert isinstance(hrr, ServerHello) and hrr.is_hello_retry_request
    assert hrr.version == 0x0304 and hrr.legacy_version == 0x0303
    assert hrr.selected_group == NamedGroup.secp384r1 and hrr.key_share is None
    assert hrr.session_id == bytes(range(32, 64))  # echoed (RFC 8446 §4.1.3)
    records = records_whole(load("server_tls13_hrr.bin"))
    assert [r.content_type for r in records] == [  # type: ignore[union-attr]
        ContentType.handshake,
        ContentType.change_cipher_spec,
    ]


def test_tls13_server_hello() -> None:
    (sh,) = decoded("server_tls13_sh")
    assert isinstance(sh, ServerHello) and not sh.is_hello_retry_request
    assert (sh.version, sh.supported_version, sh.cipher_suite) == (0x0304, 0x0304, 0x1301)
    assert sh.key_share is not None and sh.key_share.group == NamedGroup.x25519
    assert len(sh.key_share.key_exchange) == 32
    assert set(sh.extension_types) == {ExtensionType.supported_versions, ExtensionType.key_share}
    types = [r.content_type for r in records_whole(load("server_tls13_sh.bin"))]  # type: ignore[union-attr]
    assert types[:2] == [ContentType.handshake, ContentType.change_cipher_spec]
    assert set(types[2:]) == {ContentType.application_data}


@pytest.mark.parametrize(
    "name, description, record_version",
    [
        ("server_alert_protocol_version", AlertDescription.protocol_version, 0x0301),
        ("server_alert_handshake_failure", AlertDescription.handshake_failure, 0x0303),
    ],
)
def test_alerts(name: str, description: AlertDescription, record_version: int) -> None:
    (rec,) = records_whole(load(f"{name}.bin"))
    assert isinstance(rec, Record) and rec.content_type == ContentType.alert
    assert rec.version == record_version
    (alert,) = decode_alerts(rec.fragment)
    assert alert.level == AlertLevel.fatal and alert.fatal and alert.description == description


def test_gnutls_flight() -> None:
    if "server_gnutls_tls12" not in INDEX:
        pytest.skip("recorded without gnutls-serv")
    msgs = decoded("server_gnutls_tls12")
    assert isinstance(msgs[-1], ServerHelloDone)
    sh = msgs[0]
    assert isinstance(sh, ServerHello) and sh.cipher_suite in (0xC02F, 0x009E)
    assert len(sh.session_id) == 32


def test_http_answer_is_not_tls() -> None:
    data = load("server_http_plaintext.bin")
    assert classify_first_bytes(data) == "http"
    rr = RecordReader()
    rr.feed(data)
    with pytest.raises(DecodeError) as e:
        list(rr.records())
    assert rr.kind == "http" and e.value.alert == AlertDescription.unexpected_message


@pytest.mark.parametrize("name", CLIENT)
def test_real_client_hellos(name: str) -> None:
    data = load(f"{name}.bin")
    rr = RecordReader()
    hs = HandshakeReassembler()
    for i in range(0, len(data), 7):  # odd-sized chunks: fragments cross record headers
        rr.feed(data[i : i + 7])
        for rec in rr.records():
            assert isinstance(rec, Record)
            hs.feed(rec.fragment)
    (msg,) = hs.messages()
    assert msg.msg_type == HandshakeType.client_hello and msg.raw == data[5:]
    ch = decode_client_hello(msg.body)
    assert not ch.anomalies
    assert len(ch.cipher_suites) >= 10 and ch.compression_methods == (0,)
    if name == "client_openssl_tls10":
        assert ch.versions == (0x0301,) and ch.sni is None
        assert ExtensionType.supported_versions not in ch.extension_types
    else:
        assert ch.sni == "example.test"
        assert 0x0304 in ch.versions and ch.versions[0] == 0x0304
        assert NamedGroup.x25519 in {k.group for k in ch.key_shares}
        assert ch.legacy_version == 0x0303 and NamedGroup.x25519 in ch.groups
        assert SignatureScheme.rsa_pss_rsae_sha256 in ch.signature_algorithms
    if name == "client_openssl":
        assert ch.alpn == ("h2", "http/1.1")
    if name == "client_python":
        assert ch.padding is not None and len(msg.raw) + 5 == 517  # padded to 512 + header
