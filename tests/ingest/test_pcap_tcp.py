"""TCP reassembly (ingest.tcp): ordering, retransmits, holes, wrap-around and caps."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from tlsdoctor.ingest.tcp import (
    ACK,
    FIN,
    MOD,
    SYN,
    HalfStream,
    TcpConnection,
    TcpTracker,
    TrackerLimits,
)


class ListSink:
    def __init__(self) -> None:
        self.chunks: list[bytes] = []
        self.gaps: list[int] = []

    def data(self, ts: float, number: int, payload: bytes) -> None:
        self.chunks.append(payload)

    def gap(self, ts: float, number: int, missing: int) -> None:
        self.gaps.append(missing)

    @property
    def joined(self) -> bytes:
        return b"".join(self.chunks)


def stream(isn: int = 1000, **kw: int) -> tuple[HalfStream, ListSink]:
    sink = ListSink()
    h = HalfStream(sink, TrackerLimits(**kw))
    h.syn(isn)
    return h, sink


def test_in_order() -> None:
    h, s = stream()
    h.segment(1001, b"hello ", 0, 1)
    h.segment(1007, b"world", 0, 2)
    assert s.joined == b"hello world"


def test_out_of_order_is_reordered() -> None:
    h, s = stream()
    h.segment(1007, b"world", 0, 1)
    assert s.joined == b""
    h.segment(1001, b"hello ", 0, 2)
    assert s.joined == b"hello world"
    assert not s.gaps


def test_retransmit_and_overlap_delivered_once() -> None:
    h, s = stream()
    h.segment(1001, b"abcdef", 0, 1)
    h.segment(1001, b"abcdef", 0, 2)  # exact retransmit
    h.segment(1004, b"defghi", 0, 3)  # overlaps 3 bytes
    assert s.joined == b"abcdefghi"
    assert h.retransmits == 2


def test_hole_becomes_gap_at_flush() -> None:
    h, s = stream()
    h.segment(1001, b"abc", 0, 1)
    h.segment(1010, b"xyz", 0, 2)
    h.flush(0, 3)
    assert s.joined == b"abcxyz"
    assert s.gaps == [6]
    assert h.gaps[0][:2] == (3, 6)


def test_ack_beyond_a_hole_declares_it_lost() -> None:
    h, s = stream()
    h.segment(1010, b"xyz", 0, 2)
    h.acked(1013, 0, 3)
    assert s.gaps == [9]
    assert s.joined == b"xyz"


def test_sequence_wraps_around() -> None:
    h, s = stream(isn=MOD - 3)
    h.segment(MOD - 2, b"ab", 0, 1)
    h.segment(0, b"cd", 0, 2)
    assert s.joined == b"abcd"


def test_pending_cap_forces_gap() -> None:
    h, s = stream(max_pending=10)
    h.segment(1101, b"x" * 8, 0, 1)
    h.segment(1201, b"y" * 8, 0, 2)  # now 16 bytes held > 10
    assert s.gaps and s.joined.startswith(b"x" * 8)
    assert h.pending_bytes <= 10


def test_snap_length_cut_is_a_gap() -> None:
    h, s = stream()
    h.segment(1001, b"abc", 0, 1, missing=5)
    h.segment(1009, b"z", 0, 2)
    assert s.joined == b"abcz"
    assert s.gaps == [5]


@settings(max_examples=150, deadline=None)
@given(data=st.binary(min_size=1, max_size=300), cuts=st.lists(st.integers(1, 299), max_size=12),
       order=st.randoms(use_true_random=False), dup=st.booleans())
def test_any_order_any_duplication_gives_the_stream(data: bytes, cuts: list[int], order,  # type: ignore[no-untyped-def]
                                                    dup: bool) -> None:
    points = sorted({c for c in cuts if c < len(data)} | {0, len(data)})
    segs = [(points[i], data[points[i]:points[i + 1]]) for i in range(len(points) - 1)]
    if dup:
        segs += segs[: len(segs) // 2]
    order.shuffle(segs)
    h, s = stream(isn=MOD - 50)
    for off, chunk in segs:
        h.segment((MOD - 49 + off) % MOD, chunk, 0, 1)
    h.flush(0, 2)
    assert s.joined == data
    assert not s.gaps


def _tracker(max_connections: int) -> tuple[TcpTracker, list[TcpConnection]]:
    closed: list[TcpConnection] = []

    def new(conn: TcpConnection) -> tuple[ListSink, ListSink]:
        return ListSink(), ListSink()

    return TcpTracker(new, closed.append, TrackerLimits(max_connections=max_connections)), closed


def _pkt(t: TcpTracker, n: int, sport: int, flags: int, seq: int = 0, payload: bytes = b"") -> None:
    t.packet(ts=float(n), number=n, src="10.0.0.1", sport=sport, dst="10.0.0.2", dport=443,
             seq=seq, flags=flags, payload=payload, ttl=64)


def test_open_connections_are_capped() -> None:
    t, closed = _tracker(2)
    for i in range(3):
        _pkt(t, i + 1, 40000 + i, SYN)
    assert len(t.live) == 2
    assert t.dropped_connections == 1
    t.finish()
    assert len(closed) == 2


def test_port_reuse_starts_a_new_connection_and_stragglers_are_ignored() -> None:
    t, closed = _tracker(10)
    _pkt(t, 1, 40000, SYN, seq=100)
    _pkt(t, 2, 40000, FIN | ACK, seq=101)
    t.packet(ts=3.0, number=3, src="10.0.0.2", sport=443, dst="10.0.0.1", dport=40000,
             seq=7, flags=FIN | ACK, payload=b"", ttl=64)
    assert len(closed) == 1  # both FINs: closed and reported
    _pkt(t, 4, 40000, ACK, seq=102, payload=b"late")  # straggler: no new connection
    assert not t.live
    _pkt(t, 5, 40000, SYN, seq=9000)  # a new SYN on the same 4-tuple: a new connection
    assert len(t.live) == 1
