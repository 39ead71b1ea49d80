"""Every decoder, fed random or mutated bytes, returns a value or raises DecodeError.

Nothing else may escape (IndexError, ValueError, UnicodeError, RecursionError...): a
hostile peer must become a recorded fact, never a traceback.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from wire_helpers import load, parse_flight

from tlsdoctor.wire import (
    DecodeError,
    HandshakeReassembler,
    HandshakeType,
    RecordReader,
    decode_client_hello,
    decode_server_hello,
    sslv2,
)
from tlsdoctor.wire import messages as M
from tlsdoctor.wire import messages_late as L

DECODERS: list[Callable[[bytes], object]] = [
    decode_client_hello,
    decode_server_hello,
    M.decode_alert,
    M.decode_alerts,
    M.decode_certificate,
    lambda b: M.decode_certificate(b, tls13=True),
    M.decode_certificate_status,
    L.decode_certificate_verify,
    L.decode_encrypted_extensions,
    sslv2.decode_sslv2_message,
    sslv2.decode_sslv2_client_hello,
]
for _v in (0x0300, 0x0301, 0x0303, 0x0304):
    DECODERS += [
        lambda b, v=_v: M.decode_certificate_request(b, version=v),
        lambda b, v=_v: L.decode_new_session_ticket(b, version=v),
        lambda b, v=_v: M.decode_server_key_exchange(b, version=v),
    ]
    DECODERS += [
        lambda b, v=_v, k=k: M.decode_server_key_exchange(b, version=v, kind=k)
        for k in M.KeyExchange
    ]
    DECODERS += [
        lambda b, v=_v, t=t: M.decode_handshake(t, b, version=v) for t in (*HandshakeType, 0x63)
    ]


def check(data: bytes) -> None:
    for decode in DECODERS:
        with contextlib.suppress(DecodeError):
            decode(data)


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes(data: bytes) -> None:
    check(data)


# Real messages, then mutated: random truncation, byte overwrite, insertion.
_SEEDS = [
    body
    for name in (
        "server_tls12_certreq",
        "server_tls12_ocsp",
        "server_tls12_dhe_rsa",
        "server_tls13_hrr",
        "server_tls13_sh",
    )
    for _, body in parse_flight(load(f"{name}.bin"))[1]
] + [load("client_openssl.bin")[9:], load("client_gnutls.bin")[9:]]


@settings(max_examples=100, deadline=None)
@given(
    st.sampled_from(_SEEDS),
    st.lists(st.tuples(st.integers(min_value=0, max_value=4000), st.integers(0, 255)), max_size=4),
    st.integers(min_value=0, max_value=4000),
)
def test_mutated_real_messages(seed: bytes, edits: list[tuple[int, int]], cut: int) -> None:
    data = bytearray(seed)
    for pos, value in edits:
        if data:
            data[pos % len(data)] = value
    check(bytes(data[: max(cut, 1)]))
    check(bytes(data))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000), st.integers(min_value=1, max_value=64))
def test_stream_layers(data: bytes, chunk: int) -> None:
    rr = RecordReader()
    hs = HandshakeReassembler()
    with contextlib.suppress(DecodeError):
        for i in range(0, len(data), chunk):
            rr.feed(data[i : i + chunk])
            for rec in rr.records():
                hs.feed(getattr(rec, "fragment", b""))
                for m in hs.messages():
                    with contextlib.suppress(DecodeError):
                        M.decode_handshake(m.msg_type, m.body)
