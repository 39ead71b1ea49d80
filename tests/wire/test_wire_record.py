"""Record framing, caps, SSLv2 detection, first-bytes classification, reassembly."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tlsdoctor.wire import (
    AlertDescription,
    ContentType,
    DecodeError,
    HandshakeReassembler,
    Record,
    RecordReader,
    SSLv2Record,
    classify_first_bytes,
    encode_handshake,
    encode_record,
    encode_records,
)
from tlsdoctor.wire.record import MAX_CIPHERTEXT


def read_all(data: bytes) -> list[Record | SSLv2Record]:
    rr = RecordReader()
    rr.feed(data)
    return list(rr.records())


def test_encode_record_and_version_override() -> None:
    assert encode_record(22, b"abc") == b"\x16\x03\x01\x00\x03abc"
    assert encode_record(21, b"\x02\x28", version=0x0300) == b"\x15\x03\x00\x00\x02\x02\x28"
    assert encode_record(22, b"abc", length=9)[3:5] == b"\x00\x09"


def test_records_split_and_join() -> None:
    data = bytes(range(256)) * 100  # 25600 bytes: two records at the 2^14 limit
    wire = encode_records(ContentType.handshake, data, version=0x0303)
    recs = read_all(wire)
    assert [len(r.fragment) for r in recs] == [16384, 9216]  # type: ignore[union-attr]
    assert b"".join(r.fragment for r in recs) == data  # type: ignore[union-attr]
    assert all(isinstance(r, Record) and r.version == 0x0303 for r in recs)


def test_over_long_record_is_an_error_before_its_body_arrives() -> None:
    rr = RecordReader()
    rr.feed(b"\x16\x03\x03" + (MAX_CIPHERTEXT + 1).to_bytes(2, "big"))
    with pytest.raises(DecodeError) as e:
        list(rr.records())
    assert e.value.alert is AlertDescription.record_overflow
    assert rr.error is e.value
    rr.feed(b"more")  # ignored once failed
    with pytest.raises(DecodeError):
        list(rr.records())


def test_longest_legal_record_passes() -> None:
    (rec,) = read_all(encode_record(23, bytes(MAX_CIPHERTEXT)))
    assert isinstance(rec, Record) and len(rec.fragment) == MAX_CIPHERTEXT


def test_buffer_cap() -> None:
    rr = RecordReader(buffer_cap=1000)
    rr.feed(b"\x17\x03\x03\x03\xe8")
    rr.feed(bytes(996))  # 1001 unread bytes
    assert rr.error is not None and rr.error.alert is AlertDescription.record_overflow


def test_bad_header_after_good_records() -> None:
    rr = RecordReader()
    rr.feed(encode_record(22, b"ok") + b"\x63\x03\x03\x00\x01x")
    it = rr.records()
    assert next(it).fragment == b"ok"  # type: ignore[union-attr]
    with pytest.raises(DecodeError, match="bad record header"):
        next(it)


def test_unknown_content_type_at_start_is_not_tls() -> None:
    rr = RecordReader()
    rr.feed(b"SSH-2.0-OpenSSH_9.6\r\n")
    with pytest.raises(DecodeError, match="plaintext"):
        list(rr.records())
    assert rr.kind == "plaintext" and rr.first_bytes.startswith(b"SSH-2.0")


def test_sslv2_record() -> None:
    body = b"\x04" + bytes(20)
    (rec,) = read_all((0x8000 | len(body)).to_bytes(2, "big") + body)
    assert isinstance(rec, SSLv2Record) and rec.msg_type == 4 and rec.body == body


def test_partial_header_waits() -> None:
    rr = RecordReader()
    rr.feed(b"\x16")
    assert list(rr.records()) == [] and rr.kind is None
    rr.feed(b"\x03\x03\x00")
    assert list(rr.records()) == [] and rr.kind == "tls"
    rr.feed(b"\x01Z")
    assert [r.fragment for r in rr.records()] == [b"Z"]  # type: ignore[union-attr]


@pytest.mark.parametrize(
    "data, kind",
    [
        (b"\x16\x03\x01\x00\x05", "tls"),
        (b"\x15\x03\x03\x00\x02\x02\x28", "tls"),
        (b"\x80\x2e\x04\x00\x01", "sslv2"),
        (b"\x80\x03\x00\x00\x01", "sslv2"),
        (b"HTTP/1.1 400 Bad Request\r\n", "http"),
        (b"<!DOCTYPE HTML>\n<html>", "http"),
        (b"GET / HTTP/1.1\r\n", "http"),
        (b"220 mail.example ESMTP Postfix\r\n", "plaintext"),
        (b"+OK POP3 ready\r\n", "plaintext"),
        (b"SSH-2.0-OpenSSH_9.6\r\n", "plaintext"),
        (b"\x00\x01\x02\xff\xfe", "garbage"),
        (b"\x16\x01\x00", "garbage"),
        (b"", "garbage"),
    ],
)
def test_classify_first_bytes(data: bytes, kind: str) -> None:
    assert classify_first_bytes(data) == kind


def test_reassembly_fragmented_and_coalesced() -> None:
    m1 = encode_handshake(2, b"A" * 70)
    m2 = encode_handshake(11, b"B" * 5000)
    m3 = encode_handshake(14, b"")
    stream = m1 + m2 + m3
    for size in (1, 3, 4, 5, 69, 1000, len(stream)):
        hs = HandshakeReassembler()
        got = []
        for i in range(0, len(stream), size):
            hs.feed(stream[i : i + size])
            got.extend(hs.messages())
        assert [(m.msg_type, len(m.body)) for m in got] == [(2, 70), (11, 5000), (14, 0)]
        assert b"".join(m.raw for m in got) == stream and hs.pending == 0


def test_reassembly_cap_refuses_before_buffering() -> None:
    hs = HandshakeReassembler(max_message=1000)
    with pytest.raises(DecodeError) as e:
        hs.feed(b"\x0b\x00\x10\x00")  # claims 4096 bytes
    assert e.value.alert is AlertDescription.illegal_parameter


@given(
    st.lists(st.tuples(st.sampled_from([20, 21, 22, 23]), st.binary(max_size=600)), max_size=8),
    st.integers(min_value=1, max_value=50),
)
def test_any_chunking_gives_the_same_records(items: list[tuple[int, bytes]], chunk: int) -> None:
    wire = b"".join(encode_record(t, f, version=0x0303) for t, f in items)
    rr = RecordReader()
    got: list[Record | SSLv2Record] = []
    for i in range(0, len(wire), chunk):
        rr.feed(wire[i : i + chunk])
        got.extend(rr.records())
    assert [(int(r.content_type), r.fragment) for r in got] == items  # type: ignore[union-attr]


@given(st.binary(max_size=400))
def test_record_reader_returns_or_raises_decode_error(data: bytes) -> None:
    rr = RecordReader()
    rr.feed(data)
    with contextlib.suppress(DecodeError):
        list(rr.records())
    assert classify_first_bytes(data) in {"tls", "sslv2", "http", "plaintext", "garbage"}


def test_framing_cannot_switch_mid_stream() -> None:
    rr = RecordReader()
    rr.feed(encode_record(22, b"ok") + b"\x80\x03\x04ab")
    with pytest.raises(DecodeError, match="TLS stream broken"):
        list(rr.records())
    rr = RecordReader()
    rr.feed(b"\x80\x01\x00" + encode_record(21, b"\x02\x28"))
    it = rr.records()
    assert isinstance(next(it), SSLv2Record)
    with pytest.raises(DecodeError, match="SSLv2 stream broken"):
        next(it)


def test_reassembler_refuses_to_hoard() -> None:
    hs = HandshakeReassembler(max_message=100)
    hs.feed(encode_handshake(14, b"") * 100)  # 400 bytes: still fine
    with pytest.raises(DecodeError, match="undelivered"):
        hs.feed(b"\x0e\x00\x00\x00" * 2)
    assert len(list(hs.messages())) == 100
