"""ClientSession without sockets: caps, SSLv2, HelloRetryRequest rules, hostile bytes.

The TLS 1.3 server side here is built from the codec and tls13.py (a key share, the
RFC 8446 key schedule, sealed records), so each test controls exactly what the
"server" sends; the real-server behaviour is covered in test_session.py.
"""

from __future__ import annotations

import dataclasses
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tlsdoctor.wire import extensions as X
from tlsdoctor.wire import tls13
from tlsdoctor.wire.extensions import Extension, KeyShareEntry
from tlsdoctor.wire.hello import (
    HRR_RANDOM,
    ClientHelloSpec,
    decode_client_hello,
    encode_server_hello,
)
from tlsdoctor.wire.messages import encode_certificate
from tlsdoctor.wire.record import encode_handshake, encode_record
from tlsdoctor.wire.session import MAX_BYTES, ClientSession, SessionOutcome

X25519, P256, P384, MLKEM = 0x001D, 0x0017, 0x0018, 0x11EC
TLS13 = ClientHelloSpec(
    versions=(0x0304,),
    cipher_suites=(0x1301, 0x1302),
    groups=(X25519, P256, P384),
    key_share_groups=(X25519,),
    signature_algorithms=(0x0403, 0x0804),
    sni="localhost",
)
TLS12 = ClientHelloSpec(versions=(0x0303,), cipher_suites=(0xC02F,), groups=(X25519,))
FAKE_CERT = b"\x30\x03\x02\x01\x01"  # any bytes: the session does not parse certificates


def hs_record(*messages: bytes) -> bytes:
    return encode_record(22, b"".join(messages), version=0x0303)


def client_hello_of(session: ClientSession) -> bytes:
    """The ClientHello handshake message inside the session's first record."""
    data = session.data_to_send()
    assert data[0] == 22
    return data[5:]


def server_hello_12(**kw: object) -> bytes:
    exts = kw.pop("extensions", (Extension(type=0xFF01, data=b"\x00"),))
    return encode_server_hello(
        version=0x0303,
        random=os.urandom(32),
        session_id=b"",
        cipher_suite=0xC02F,
        extensions=exts,  # type: ignore[arg-type]
    )


def server_hello_13(
    group: int, key_exchange: bytes, *, session_id: bytes = b"", suite: int = 0x1301
) -> bytes:
    """A TLS 1.3 ServerHello: supported_versions, then ``group``'s key share."""
    return encode_server_hello(
        version=0x0303,
        random=os.urandom(32),
        session_id=session_id,
        cipher_suite=suite,
        extensions=(
            Extension(type=43, data=X.encode_supported_versions_server(0x0304)),
            Extension(
                type=51,
                data=X.encode_key_share_server(
                    KeyShareEntry(group=group, key_exchange=key_exchange)
                ),
            ),
        ),
    )


class Tls13Server:
    """Just enough of a TLS 1.3 server to answer one ClientHello."""

    def __init__(self, client_hello: bytes, *, suite: int = 0x1301, group: int = X25519) -> None:
        ch = decode_client_hello(client_hello[4:])
        peer = next(e.key_exchange for e in ch.key_shares if e.group == group)
        share = tls13.KeyShare.generate(group)
        self.suite = tls13.SUITES[suite]
        self.server_hello = server_hello_13(
            group, share.public, session_id=ch.session_id, suite=suite
        )
        transcript = tls13.Transcript()
        transcript.add(client_hello)
        transcript.add(self.server_hello)
        secrets = tls13.handshake_secrets(
            self.suite, share.shared_secret(peer), transcript.digest(self.suite.hash_name)
        )
        self.sealer = tls13.RecordProtection(self.suite, secrets.server_handshake_traffic_secret)

    def hello_records(self) -> bytes:
        return hs_record(self.server_hello) + encode_record(20, b"\x01", version=0x0303)

    def flight(self, certs: tuple[bytes, ...] = (FAKE_CERT,)) -> bytes:
        ee = encode_handshake(8, X.encode_extensions(()))
        cert = encode_certificate(certs, request_context=b"")
        cv = encode_handshake(15, b"\x04\x03\x00\x02ab")
        return self.sealer.encrypt(22, ee + cert + cv, padding=5)


# --- TLS 1.3 flight --------------------------------------------------------------------


def test_synthetic_tls13_flight_is_read() -> None:
    session = ClientSession(TLS13)
    server = Tls13Server(client_hello_of(session))
    session.receive_data(server.hello_records() + server.flight((FAKE_CERT, b"\x30\x00")))
    result = session.result()
    assert session.done and result.outcome is SessionOutcome.HANDSHAKE, result.error
    assert result.certificates == (FAKE_CERT, b"\x30\x00")
    assert result.server_signature_scheme == 0x0403


def test_tampered_flight_is_malformed() -> None:
    session = ClientSession(TLS13)
    server = Tls13Server(client_hello_of(session))
    flight = bytearray(server.flight())
    flight[20] ^= 0xFF
    session.receive_data(server.hello_records() + bytes(flight))
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert "decrypt" in result.error


def test_stops_at_certificate_verify_and_ignores_the_rest() -> None:
    session = ClientSession(TLS13)
    server = Tls13Server(client_hello_of(session))
    session.receive_data(server.hello_records() + server.flight())
    assert session.done
    session.receive_data(b"\x17\x03\x03\x00\x05junk!")  # after done: ignored
    assert session.result().outcome is SessionOutcome.HANDSHAKE


def test_encrypted_alert_is_an_alert() -> None:
    session = ClientSession(TLS13)
    server = Tls13Server(client_hello_of(session))
    session.receive_data(server.hello_records() + server.sealer.encrypt(21, b"\x02\x2a"))
    result = session.result()
    assert result.outcome is SessionOutcome.ALERT
    assert result.alert == (2, 42)


def test_server_share_for_a_group_we_did_not_send_is_malformed() -> None:
    spec = dataclasses.replace(TLS13, key_share_groups=(X25519, P256))
    session = ClientSession(spec)
    ch = client_hello_of(session)
    server = Tls13Server(ch, group=P256)
    session.receive_data(server.hello_records() + server.flight())
    assert session.result().outcome is SessionOutcome.HANDSHAKE  # P-256 was sent: fine

    session = ClientSession(TLS13)
    ch = client_hello_of(session)
    sh = server_hello_13(P384, tls13.KeyShare.generate(P384).public)
    session.receive_data(hs_record(sh))
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert "did not send" in result.error


def test_group_we_cannot_compute_still_answers_the_question() -> None:
    mlkem512 = 0x0200  # draft-ietf-tls-mlkem: no key share of ours
    spec = dataclasses.replace(TLS13, groups=(mlkem512, X25519),
                               key_share_groups=(mlkem512, X25519))
    session = ClientSession(spec)
    ch = decode_client_hello(client_hello_of(session)[4:])
    sh = server_hello_13(mlkem512, bytes(768), session_id=ch.session_id)
    session.receive_data(hs_record(sh))
    result = session.result()
    assert result.outcome is SessionOutcome.HANDSHAKE
    assert result.group == mlkem512 and "not implemented" in result.error


@pytest.mark.skipif(not tls13.KEM_GROUPS, reason="no ML-KEM in this cryptography")
def test_an_mlkem_hybrid_share_is_computed() -> None:
    # Round 28: X25519MLKEM768 (draft-ietf-tls-ecdhe-mlkem §4) is a real key share now,
    # so a server that takes only it still shows its encrypted flight.
    spec = dataclasses.replace(TLS13, groups=(MLKEM, X25519), key_share_groups=(MLKEM, X25519))
    session = ClientSession(spec)
    ch = decode_client_hello(client_hello_of(session)[4:])
    sizes = {e.group: len(e.key_exchange) for e in ch.key_shares}
    assert sizes == {MLKEM: 1184 + 32, X25519: 32}
    sh = server_hello_13(MLKEM, bytes(1088 + 32), session_id=ch.session_id)
    session.receive_data(hs_record(sh))  # an all-zero X25519 half is refused
    assert session.result().outcome is SessionOutcome.MALFORMED


def test_bad_server_key_share_is_malformed() -> None:
    session = ClientSession(TLS13)
    ch = decode_client_hello(client_hello_of(session)[4:])
    sh = server_hello_13(X25519, bytes(32), session_id=ch.session_id)  # all-zero point
    session.receive_data(hs_record(sh))
    assert session.result().outcome is SessionOutcome.MALFORMED


# --- HelloRetryRequest -------------------------------------------------------------------


def hrr(group: int, *, cookie: bytes | None = None) -> bytes:
    exts = [
        Extension(type=43, data=X.encode_supported_versions_server(0x0304)),
        Extension(type=51, data=X.encode_key_share_hrr(group)),
    ]
    if cookie is not None:
        exts.append(Extension(type=44, data=X.encode_cookie(cookie)))
    return encode_server_hello(
        version=0x0303,
        random=HRR_RANDOM,
        session_id=b"",
        cipher_suite=0x1301,
        extensions=tuple(exts),
    )


def test_hrr_without_retry_is_the_answer() -> None:
    session = ClientSession(TLS13)
    session.data_to_send()
    session.receive_data(hs_record(hrr(P384)))
    result = session.result()
    assert result.outcome is SessionOutcome.HELLO_RETRY
    assert result.hello_retry_group == P384
    assert session.data_to_send() == b""


def test_hrr_retry_sends_second_hello_with_cookie() -> None:
    session = ClientSession(TLS13, retry_on_hrr=True)
    first = decode_client_hello(client_hello_of(session)[4:])
    session.receive_data(hs_record(hrr(P384, cookie=b"opaque")))
    assert not session.done
    second_bytes = session.data_to_send()
    # The middlebox-compatible CCS may follow the HRR; one is tolerated.
    session.receive_data(encode_record(20, b"\x01", version=0x0303))
    assert not session.done
    assert second_bytes[1:3] == b"\x03\x03"  # RFC 8446 §5.1: 0x0301 only for the first
    second = decode_client_hello(second_bytes[5:][4:])
    assert [e.group for e in second.key_shares] == [P384]
    assert second.cookie == b"opaque"
    assert (second.random, second.session_id) == (first.random, first.session_id)
    # A second HRR in one connection is a protocol violation (RFC 8446 §4.1.4).
    session.receive_data(hs_record(hrr(P256)))
    assert session.result().outcome is SessionOutcome.MALFORMED


def test_hrr_for_a_share_we_sent_is_malformed_when_retrying() -> None:
    session = ClientSession(TLS13, retry_on_hrr=True)
    session.data_to_send()
    session.receive_data(hs_record(hrr(X25519)))
    assert session.result().outcome is SessionOutcome.MALFORMED


# --- TLS <= 1.2 and framing --------------------------------------------------------------


def test_tls12_flight_split_in_every_way() -> None:
    flight = hs_record(
        server_hello_12(),
        encode_certificate((FAKE_CERT,)),
        encode_handshake(14, b""),
    )
    for step in (1, 3, 7, len(flight)):
        session = ClientSession(TLS12)
        for i in range(0, len(flight), step):
            session.receive_data(flight[i : i + step])
        result = session.result()
        assert result.outcome is SessionOutcome.HANDSHAKE
        assert result.certificates == (FAKE_CERT,)
        assert result.secure_renegotiation is True
        assert result.extended_master_secret is False


def test_hello_requests_are_ignored_then_capped() -> None:
    session = ClientSession(TLS12)
    session.receive_data(hs_record(encode_handshake(0, b"")) + hs_record(server_hello_12()))
    assert not session.done
    # An endless stream of HelloRequests, all in one record, ends the session.
    session.receive_data(hs_record(encode_handshake(0, b"") * 1000))
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert result.error == "too many handshake messages"


def test_endless_tiny_records_are_capped() -> None:
    session = ClientSession(TLS12)
    session.receive_data(hs_record(server_hello_12()))
    session.receive_data(hs_record(b"\x0b\x00\x10\x00"))  # a 4 KiB Certificate follows...
    tiny = hs_record(b"\x00")  # ... one byte per record
    for _ in range(5000):
        session.receive_data(tiny)
        if session.done:
            break
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert result.error == "too many records"


def test_too_much_data() -> None:
    assert MAX_BYTES == 1 << 20
    session = ClientSession(TLS12, max_bytes=4096)
    session.receive_data(hs_record(server_hello_12()))
    session.receive_data(encode_record(22, b"\x0b\x00\x20\x00" + bytes(5000), version=0x0303))
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert result.error.startswith("too much data")


def test_alert_first() -> None:
    session = ClientSession(TLS12)
    session.receive_data(encode_record(21, b"\x02\x28", version=0x0303))
    result = session.result()
    assert (result.outcome, result.alert) == (SessionOutcome.ALERT, (2, 40))


def test_warning_alert_mid_flight_is_noted_not_fatal() -> None:
    session = ClientSession(TLS12)
    session.receive_data(hs_record(server_hello_12()))
    session.receive_data(encode_record(21, b"\x01\x70", version=0x0303))  # unrecognized_name
    assert not session.done
    session.receive_data(hs_record(encode_certificate((FAKE_CERT,)), encode_handshake(14, b"")))
    result = session.result()
    assert result.outcome is SessionOutcome.HANDSHAKE
    assert result.alert == (1, 112)


def test_plaintext_arriving_in_pieces() -> None:
    session = ClientSession(TLS13)
    session.receive_data(b"H")
    assert session.done  # one printable byte that is no record type already tells
    session.receive_data(b"TTP/1.1 400 Bad Request\r\n")
    result = session.result()
    assert result.outcome is SessionOutcome.PLAINTEXT
    assert result.plaintext == b"HTTP/1.1 400 Bad Request\r\n"  # evidence keeps growing


def test_unexpected_first_message_is_malformed() -> None:
    session = ClientSession(TLS12)
    session.receive_data(hs_record(encode_certificate((FAKE_CERT,))))
    result = session.result()
    assert result.outcome is SessionOutcome.MALFORMED
    assert "expected ServerHello" in result.error


def test_result_before_any_answer() -> None:
    session = ClientSession(TLS13)
    assert not session.done
    result = session.result()
    assert result.outcome is SessionOutcome.INCOMPLETE
    assert result.offer.versions == (0x0304,) and result.offer.size > 0
    assert result.offer.sni == "localhost"


def test_deterministic_hello_with_fixed_random_and_rng() -> None:
    def rng(n: int) -> bytes:
        return b"\x42" * n

    a = ClientSession(TLS13, random=b"\x01" * 32, rng=rng).data_to_send()
    b = ClientSession(TLS13, random=b"\x01" * 32, rng=rng).data_to_send()
    assert a == b
    with pytest.raises(ValueError):
        ClientSession(TLS13, random=b"short")


# --- SSLv2 ---------------------------------------------------------------------------------


def sslv2_record(body: bytes) -> bytes:
    return bytes((0x80 | (len(body) >> 8), len(body) & 0xFF)) + body


def test_sslv2_client_hello_and_server_hello() -> None:
    spec = ClientHelloSpec(versions=(0x0002,), cipher_suites=(0x010080, 0x0700C0))
    session = ClientSession(spec)
    hello = session.data_to_send()
    assert hello[0] & 0x80 and hello[2] == 1  # 2-byte header, CLIENT-HELLO
    assert hello[3:5] == b"\x00\x02"
    specs = (0x010080).to_bytes(3, "big")
    body = (
        bytes((4, 0, 1))
        + b"\x00\x02"
        + len(FAKE_CERT).to_bytes(2, "big")
        + len(specs).to_bytes(2, "big")
        + (16).to_bytes(2, "big")
        + FAKE_CERT
        + specs
        + bytes(16)
    )
    session.receive_data(sslv2_record(body))
    result = session.result()
    assert result.outcome is SessionOutcome.HANDSHAKE
    assert (result.version, result.certificates) == (0x0002, (FAKE_CERT,))
    assert result.sslv2_cipher_kinds == (0x010080,)


def test_sslv2_error() -> None:
    session = ClientSession(ClientHelloSpec(versions=(0x0002,)))
    session.receive_data(sslv2_record(b"\x00\x00\x01"))  # ERROR no-cipher
    result = session.result()
    assert result.outcome is SessionOutcome.ALERT
    assert (result.sslv2_error, result.alert) == (1, None)


# --- hostile bytes ----------------------------------------------------------------------------


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.binary(max_size=300), max_size=8), st.sampled_from([TLS12, TLS13]))
def test_any_bytes_give_a_result_never_an_exception(
    chunks: list[bytes], spec: ClientHelloSpec
) -> None:
    session = ClientSession(spec, rng=lambda n: b"\x07" * n)
    for chunk in chunks:
        session.receive_data(chunk)
    session.connection_closed()
    result = session.result()
    assert session.done
    assert isinstance(result.outcome, SessionOutcome)


@settings(max_examples=200, deadline=None)
@given(st.binary(min_size=1, max_size=200))
def test_bytes_after_a_good_server_hello(tail: bytes) -> None:
    session = ClientSession(TLS12)
    session.receive_data(hs_record(server_hello_12()) + tail)
    session.connection_closed()
    assert session.result().outcome in set(SessionOutcome)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400), st.integers(min_value=0, max_value=40))
def test_any_decrypted_flight_gives_a_result(content: bytes, padding: int) -> None:
    # Whatever an authenticated server encrypts, the session ends in a result.
    session = ClientSession(TLS13)
    server = Tls13Server(client_hello_of(session))
    session.receive_data(
        server.hello_records() + server.sealer.encrypt(22, content, padding=padding)
    )
    session.connection_closed()
    assert session.result().outcome in set(SessionOutcome)


def test_ffdhe_group_choice_reports_prime_size() -> None:
    spec = dataclasses.replace(TLS13, groups=(0x0100,), key_share_groups=(0x0100,))
    session = ClientSession(spec)
    ch = decode_client_hello(client_hello_of(session)[4:])
    (entry,) = ch.key_shares
    assert len(entry.key_exchange) == 256  # a real 2^x mod p, as long as the prime
    server = tls13.KeyShare.generate(0x0100)  # a real FFDHE share (round 28)
    sh = server_hello_13(0x0100, server.public, session_id=ch.session_id)
    session.receive_data(hs_record(sh))
    assert not session.done  # keys derived: waiting for the encrypted flight
    session.connection_closed()
    result = session.result()
    assert (result.group, result.dh_bits) == (0x0100, 2048)
