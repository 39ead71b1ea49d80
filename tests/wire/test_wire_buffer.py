"""Reader/Writer: exact blocks, bounded reads, length overrides."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tlsdoctor.wire.buffer import DecodeError, EncodeError, Reader, Writer
from tlsdoctor.wire.registry import AlertDescription


def test_integers_and_eof() -> None:
    r = Reader(bytes.fromhex("01 0203 040506 0708090a ff"))
    assert (r.uint8(), r.uint16(), r.uint24(), r.uint32()) == (1, 0x0203, 0x040506, 0x0708090A)
    assert not r.eof() and r.bytes(1) == b"\xff" and r.eof()
    with pytest.raises(DecodeError) as e:
        r.uint8()
    assert e.value.alert is AlertDescription.decode_error


def test_block_must_be_consumed_exactly() -> None:
    r = Reader(b"\x00\x03abcZ")
    with pytest.raises(DecodeError, match="unused"), r.block(2):
        r.bytes(2)
    r = Reader(b"\x00\x03abcZ")
    with r.block(2) as n:
        assert n == 3 and r.bytes(3) == b"abc" and r.eof()
    assert r.bytes(1) == b"Z"


def test_block_cannot_be_read_past() -> None:
    r = Reader(b"\x00\x01ab")
    with pytest.raises(DecodeError), r.block(2):
        r.bytes(2)  # the second byte is outside the block


def test_hostile_length_is_refused_before_reading() -> None:
    r = Reader(b"\xff\xff\xff" + b"x" * 10)
    with pytest.raises(DecodeError, match="overruns"), r.block(3):
        pass
    with pytest.raises(DecodeError):
        Reader(b"\xff\xffab").vector(2)


def test_odd_uint16_list() -> None:
    with pytest.raises(DecodeError, match="odd"):
        Reader(b"\x00\x03abc").uint16_list(2)


def test_writer_blocks_and_overrides() -> None:
    w = Writer()
    with w.block(2):
        w.push_uint8(7)
        with w.block(1):
            w.push_bytes(b"xy")
    assert w.data() == b"\x00\x04\x07\x02xy"
    w = Writer()
    with w.block(3, length=99):
        w.push_bytes(b"a")
    assert w.data() == b"\x00\x00\x63a"
    with pytest.raises(EncodeError):
        Writer().push_uint8(256)
    w = Writer()
    with pytest.raises(EncodeError), w.block(1):
        w.push_bytes(bytes(300))


@given(st.lists(st.binary(max_size=300), max_size=10))
def test_vector_round_trip(items: list[bytes]) -> None:
    w = Writer()
    with w.block(3):
        for item in items:
            w.push_vector(2, item)
    r = Reader(w.data())
    out = []
    with r.block(3):
        while not r.eof():
            out.append(r.vector(2))
    assert out == items and r.eof()
