"""TCP stream reassembly for captures: segments in, ordered bytes and gaps out, per direction.

Nothing here knows TLS. A ``TcpTracker`` keeps one ``TcpConnection`` per 4-tuple; each
direction is a ``HalfStream`` that hands in-order bytes to a ``Sink`` and reports holes
(segments the capture lost) as gaps instead of guessing. Retransmitted and overlapping
bytes are delivered once (the first copy wins, as most stacks and Wireshark's default do).
Sequence numbers are compared modulo 2^32 (RFC 793 §3.3; RFC 1982 serial arithmetic).

Memory is bounded: out-of-order bytes held per direction (``max_pending``) and overall
(``TrackerLimits.total_pending``); past a cap the hole is declared a gap and the stream
moves on. The number of live connections is capped too (``max_connections``).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

__all__ = [
    "NULL_SINK",
    "ControlEvent",
    "HalfStream",
    "Sink",
    "TcpConnection",
    "TcpTracker",
    "TrackerLimits",
]

FIN, SYN, RST, ACK = 0x01, 0x02, 0x04, 0x10
HALF = 1 << 31
MOD = 1 << 32
# A closed 4-tuple that sees payload again within this many seconds is the old connection's
# stragglers (retransmits, late ACKs with data), not a new connection: only a SYN reopens it.
CLOSED_GRACE = 120.0


class Sink(Protocol):
    """Where one direction's ordered bytes go."""

    def data(self, ts: float, number: int, payload: bytes) -> None: ...

    def gap(self, ts: float, number: int, missing: int) -> None: ...


@dataclass(slots=True)
class TrackerLimits:
    """How much the TCP tracker may hold: connections, and out-of-order bytes."""
    max_connections: int = 100_000
    max_pending: int = 4 * 1024 * 1024  # out-of-order bytes held for one direction
    total_pending: int = 64 * 1024 * 1024  # ... and for all directions together
    pending_now: int = 0


@dataclass(frozen=True, slots=True, kw_only=True)
class ControlEvent:
    """A SYN, SYN-ACK, FIN or RST of a connection: when, which packet, from which side."""
    ts: float
    number: int
    from_a: bool
    kind: str  # "SYN", "SYN-ACK", "FIN", "RST"
    ttl: int | None  # IPv4 TTL / IPv6 hop limit of the packet


_new = object.__new__
# The slot descriptors' setters, which is what the frozen class's generated ``__init__``
# reaches through ``object.__setattr__`` (without looking the name up each time).
_SET_TS, _SET_NUMBER, _SET_FROM_A, _SET_KIND, _SET_TTL = (
    ControlEvent.__dict__[name].__set__ for name in ("ts", "number", "from_a", "kind", "ttl"))


def _event(ts: float, number: int, from_a: bool, kind: str, ttl: int | None) -> ControlEvent:
    """``ControlEvent(ts=ts, number=number, ...)`` made as its generated ``__init__``
    makes it (each field set through its slot), without the keyword-argument call: four
    or five per connection, that call was ~2% of a handshake-heavy capture."""
    ev = _new(ControlEvent)
    _SET_TS(ev, ts)
    _SET_NUMBER(ev, number)
    _SET_FROM_A(ev, from_a)
    _SET_KIND(ev, kind)
    _SET_TTL(ev, ttl)
    return ev


class HalfStream:
    """One direction of a connection."""

    __slots__ = (
        "_limits",
        "delivered",
        "gaps",
        "next_seq",
        "pending",
        "pending_bytes",
        "retransmits",
        "saw_syn",
        "segments",
        "sink",
        "started_mid_stream",
        "ttls",
    )

    def __init__(self, sink: Sink, limits: TrackerLimits) -> None:
        self.sink = sink
        self._limits = limits
        self.next_seq: int | None = None
        self.pending: dict[int, tuple[bytes, float, int]] = {}  # seq -> (payload, ts, number)
        self.pending_bytes = 0
        self.delivered = 0  # bytes handed to the sink (the stream offset)
        self.gaps: list[tuple[int, int, int]] = []  # (stream offset, missing bytes, packet number)
        self.retransmits = 0
        self.segments = 0
        self.saw_syn = False
        self.started_mid_stream = False
        self.ttls: set[int] = set()

    def syn(self, seq: int) -> None:
        if self.next_seq is None or not self.saw_syn:
            self.next_seq = (seq + 1) % MOD  # the SYN consumes one sequence number
        self.saw_syn = True

    def segment(self, seq: int, payload: bytes, ts: float, number: int, missing: int = 0) -> None:
        """``missing``: bytes of this segment the capture cut off (snap length)."""
        if not payload and not missing:
            return
        self.segments += 1
        if self.next_seq is None:
            self.next_seq = seq  # capture began mid-connection: start where we are
            self.started_mid_stream = True
        ahead = (seq - self.next_seq) % MOD
        if ahead >= HALF:  # starts before what we delivered: retransmit or overlap
            behind = MOD - ahead
            if behind >= len(payload):
                self.retransmits += 1
                return
            self.retransmits += 1
            payload, ahead = payload[behind:], 0
        if ahead == 0:
            self._deliver(payload, ts, number)
            if missing:
                self.gaps.append((self.delivered, missing, number))
                self.sink.gap(ts, number, missing)
                self.next_seq = (self.next_seq + missing) % MOD
                self.delivered += missing
            self._drain(ts, number)
            return
        old = self.pending.get(seq)
        if old is not None and len(old[0]) >= len(payload):
            self.retransmits += 1
            return
        if old is not None:
            self._unhold(len(old[0]))
        self.pending[seq] = (payload, ts, number)
        self.pending_bytes += len(payload)
        self._limits.pending_now += len(payload)
        if (self.pending_bytes > self._limits.max_pending
                or self._limits.pending_now > self._limits.total_pending):
            self._skip_to_pending(ts, number)

    def _unhold(self, n: int) -> None:
        self.pending_bytes -= n
        self._limits.pending_now -= n

    def _deliver(self, payload: bytes, ts: float, number: int) -> None:
        assert self.next_seq is not None  # set before any delivery (our invariant, not peer data)
        self.next_seq = (self.next_seq + len(payload)) % MOD
        self.delivered += len(payload)
        self.sink.data(ts, number, payload)

    def _drain(self, ts: float, number: int) -> None:
        """Deliver held segments that now fit. They count as arriving with the packet that
        completed them (``ts``, ``number``), so the history stays in stream order."""
        while self.pending and self.next_seq is not None:
            progressed = False
            for seq in list(self.pending):
                ahead = (seq - self.next_seq) % MOD
                if ahead != 0 and ahead < HALF:
                    continue
                payload = self.pending.pop(seq)[0]
                self._unhold(len(payload))
                if ahead >= HALF:  # overlaps what we already have
                    behind = MOD - ahead
                    if behind >= len(payload):
                        self.retransmits += 1
                        continue
                    payload = payload[behind:]
                self._deliver(payload, ts, number)
                progressed = True
            if not progressed:
                return

    def acked(self, ack: int, ts: float, number: int) -> None:
        """The peer acknowledged up to ``ack``. If that covers a hole we hold segments behind,
        the peer did receive the missing bytes: the capture lost them, so stop waiting."""
        if self.pending and self.next_seq is not None:
            ahead = (ack - self.next_seq) % MOD
            if 0 < ahead < HALF:
                self._skip_to_pending(ts, number)

    def _skip_to_pending(self, ts: float, number: int) -> None:
        """Declare the hole before the nearest held segment lost and continue from there."""
        if not self.pending or self.next_seq is None:
            return
        base = self.next_seq
        seq = min(self.pending, key=lambda s: (s - base) % MOD)
        number = self.pending[seq][2]  # the gap shows just before the first segment after it
        missing = (seq - base) % MOD
        self.gaps.append((self.delivered, missing, number))
        self.sink.gap(ts, number, missing)
        self.next_seq = seq
        self.delivered += missing
        self._drain(ts, number)

    def flush(self, ts: float, number: int) -> None:
        """End of capture: whatever is still held sits behind holes; report and deliver it."""
        while self.pending:
            before = len(self.pending)
            self._skip_to_pending(ts, number)
            if len(self.pending) == before:  # cannot happen; guards an endless loop
                break


@dataclass(slots=True)
class TcpConnection:
    """``a`` is the source of the first packet seen; roles are decided by the consumer."""

    key: tuple[Any, ...]
    a: tuple[str, int]
    b: tuple[str, int]
    a_to_b: HalfStream
    b_to_a: HalfStream
    first_ts: float
    first_number: int
    order: int = 0  # the frame number of its first packet: connections in opening order
    last_ts: float = 0.0
    last_number: int = 0
    packets: int = 0
    control: list[ControlEvent] = field(default_factory=list)
    fin_a: bool = False
    fin_b: bool = False
    rst: bool = False
    history: str = ""  # Zeek conn.log letters; upper case: a, lower case: b (mapped later)
    # One bit per packet kind (SYN/ACK/FIN/RST flags, data or not, direction) already
    # given its Zeek letters (``segment``): the same kind again cannot add one.
    kinds_seen: int = 0
    app: Any = None  # the consumer's state for this connection
    app_state: Any = None  # what the consumer keeps after the connection closed
    finished: bool = False  # closed and reported
    aliases: list[bytes] = field(default_factory=list)  # its keys in TcpTracker.by_raw

    @property
    def syn_from_a(self) -> bool | None:
        """True/False when a SYN (without ACK) was seen from a/b; None when not captured."""
        for ev in self.control:
            if ev.kind == "SYN":
                return ev.from_a
            if ev.kind == "SYN-ACK":
                return not ev.from_a
        return None

    @property
    def closed(self) -> bool:
        return self.rst or (self.fin_a and self.fin_b)


NewConnection = Callable[[TcpConnection], tuple[Sink, Sink]]
Closed = Callable[[TcpConnection], None]


class TcpTracker:
    """Routes TCP segments to connections; calls ``on_close`` when one ends (or at ``finish``).

    ``on_new(conn)`` returns the sinks for a->b and b->a bytes. Pure ACKs and resets of
    unknown 4-tuples do not create connections; a SYN on a closed 4-tuple starts a new one.
    """

    def __init__(self, on_new: NewConnection, on_close: Closed, limits: TrackerLimits) -> None:
        self._on_new, self._on_close = on_new, on_close
        self.limits = limits
        self.live: dict[tuple[Any, ...], TcpConnection] = {}
        self._closed: dict[tuple[Any, ...], float] = {}
        self._closing: deque[tuple[float, tuple[Any, ...]]] = deque()  # in closing order
        self.dropped_connections = 0  # not tracked because max_connections was reached
        self.connections_seen = 0
        self.now = 0.0  # time stamp of the latest packet
        self.now_number = 0  # its frame number
        # High-water marks of open and remembered closed connections (pcap_jobs checks
        # that the split capture stayed within the limits a single pass would apply).
        self.peak_live = self.peak_closed = 0
        # raw address/port bytes of one direction -> (open connection, sent by its a), or
        # (None, when it closed) while ``packet`` would ignore what comes on a closed one
        # (``straggler``: the last ACK of most connections comes after both FINs)
        self.by_raw: dict[bytes, tuple[TcpConnection | None, Any]] = {}
        self._closed_raw: dict[tuple[Any, ...], list[bytes]] = {}  # key -> its raw keys

    def packet(self, ts: float, number: int, src: str, sport: int, dst: str, dport: int,
               seq: int, flags: int, payload: bytes, ttl: int | None,
               missing: int = 0, ack: int | None = None) -> TcpConnection | None:
        """One segment; returns its connection while it stays open (None otherwise)."""
        self.now, self.now_number = ts, number
        a_side = (src, sport) <= (dst, dport)
        key = (src, sport, dst, dport) if a_side else (dst, dport, src, sport)
        conn = self.live.get(key)
        is_syn = bool(flags & SYN) and not flags & ACK
        if conn is not None and is_syn:
            same = conn.a_to_b if conn.a == (src, sport) else conn.b_to_a
            if same.saw_syn and same.next_seq != (seq + 1) % MOD:
                self._finish(conn)  # a new ISN on a known 4-tuple: port reuse
                conn = None
        if conn is None:
            if not (flags & SYN) and not payload:
                return None  # an ACK, FIN or RST without a known connection tells us nothing
            closed_at = self._closed.get(key)
            if closed_at is not None and not is_syn and ts - closed_at < CLOSED_GRACE:
                return None  # straggler of a connection we already reported
            if len(self.live) >= self.limits.max_connections:
                self.dropped_connections += 1
                return None
            if self._closed.pop(key, None) is not None:
                self._forget_raw(key)
            conn = self._open(key, (src, sport), (dst, dport), ts, number)
        self.segment(conn, conn.a == (src, sport), ts, number, seq, flags, payload, ttl,
                     missing, ack)
        return None if conn.finished else conn

    def straggler(self, ts: float, number: int, flags: int, has_payload: bool,
                  closed_at: float) -> bool:
        """Whether ``packet`` would ignore this segment of a closed connection's 4-tuple
        (``by_raw`` says it closed at ``closed_at``), not a SYN: then it is, with the
        clock advanced as ``packet`` advances it; False: give it to ``packet``."""
        if (not flags & SYN and not has_payload) or ts - closed_at < CLOSED_GRACE:
            self.now, self.now_number = ts, number
            return True
        return False

    def _forget_raw(self, key: tuple[Any, ...]) -> None:
        for raw in self._closed_raw.pop(key, ()):
            got = self.by_raw.get(raw)
            if got is not None and got[0] is None:  # (not a newer connection's)
                del self.by_raw[raw]

    def alias(self, raw: bytes, conn: TcpConnection, from_a: bool) -> None:
        """Let the frame reader find ``conn`` by ``raw`` (the frame's address and port
        bytes in one direction) without decoding them; forgotten when it closes."""
        self.by_raw[raw] = (conn, from_a)
        conn.aliases.append(raw)

    def segment(self, conn: TcpConnection, from_a: bool, ts: float, number: int, seq: int,
                flags: int, payload: bytes, ttl: int | None, missing: int = 0,
                ack: int | None = None) -> None:
        """One segment of a known, open connection (``from_a``: sent by ``conn.a``); not a
        SYN that could start a new connection on the same 4-tuple (``packet`` checks)."""
        self.now, self.now_number = ts, number
        half = conn.a_to_b if from_a else conn.b_to_a
        conn.packets += 1
        conn.last_ts, conn.last_number = ts, number
        if (flags == ACK and not payload and not missing
                and (ttl in half.ttls or ttl is None or len(half.ttls) >= 8)
                and not (conn.b_to_a if from_a else conn.a_to_b).pending
                and (("A" if from_a else "a") in conn.history or len(conn.history) >= 16)):
            return  # a pure ACK that changes nothing: the most common packet
        index = (flags & 0x17) << 2 | (2 if payload else 0) | from_a
        kind = 1 << index
        if not conn.kinds_seen & kind:
            conn.kinds_seen |= kind
            # Zeek's conn.log history: each letter once per direction, in the order
            # first seen (inline: ~8 new kinds per connection).
            for letter in _LETTERS_AT[index]:
                if letter not in conn.history and len(conn.history) < 16:
                    conn.history += letter
        if ttl is not None and len(half.ttls) < 8:
            half.ttls.add(ttl)
        if flags & SYN:
            conn.control.append(_event(ts, number, from_a, "SYN-ACK" if flags & ACK else "SYN",
                                       ttl))
            half.syn(seq)
            seq = (seq + 1) % MOD
        if flags & RST:
            # A RST carries no stream data (RFC 9293 §3.5.3 lets it carry diagnostic text only).
            conn.control.append(_event(ts, number, from_a, "RST", ttl))
            conn.rst = True
            self._finish(conn)
            return
        if payload and not missing and seq == half.next_seq and not half.pending:
            # In order, nothing held: HalfStream.segment's common case, inline.
            half.segments += 1
            half.next_seq = (seq + len(payload)) % MOD
            half.delivered += len(payload)
            half.sink.data(ts, number, payload)
        elif payload or missing:
            half.segment(seq, payload, ts, number, missing)
        if ack is not None and flags & ACK:
            other = conn.b_to_a if from_a else conn.a_to_b
            if other.pending:
                other.acked(ack, ts, number)
        if flags & FIN:
            if not (conn.fin_a if from_a else conn.fin_b):
                conn.control.append(_event(ts, number, from_a, "FIN", ttl))
            if from_a:
                conn.fin_a = True
            else:
                conn.fin_b = True
            if conn.fin_a and conn.fin_b and not conn.a_to_b.pending and not conn.b_to_a.pending:
                self._finish(conn)

    def _open(self, key: tuple[Any, ...], a: tuple[str, int], b: tuple[str, int], ts: float,
              number: int) -> TcpConnection:
        conn = TcpConnection(key=key, a=a, b=b, a_to_b=HalfStream(NULL_SINK, self.limits),
                             b_to_a=HalfStream(NULL_SINK, self.limits), first_ts=ts,
                             first_number=number, order=number)
        sink_ab, sink_ba = self._on_new(conn)
        conn.a_to_b.sink, conn.b_to_a.sink = sink_ab, sink_ba
        self.live[key] = conn
        self.connections_seen += 1
        if len(self.live) > self.peak_live:
            self.peak_live = len(self.live)
        return conn

    def _finish(self, conn: TcpConnection) -> None:
        if self.live.pop(conn.key, None) is None:
            return
        conn.finished = True
        for raw in conn.aliases:
            self.by_raw[raw] = (None, conn.last_ts)
        self._closed_raw[conn.key], conn.aliases = conn.aliases, []
        conn.a_to_b.flush(conn.last_ts, conn.last_number)
        conn.b_to_a.flush(conn.last_ts, conn.last_number)
        self._closed[conn.key] = conn.last_ts
        self._closing.append((conn.last_ts, conn.key))
        if len(self._closed) > self.peak_closed:
            self.peak_closed = len(self._closed)
        # Forget closed 4-tuples once their grace period is over in capture time: what
        # is kept follows the connections of the last CLOSED_GRACE seconds, not all.
        while self._closing and self._closing[0][0] < self.now - CLOSED_GRACE:
            ts, key = self._closing.popleft()
            if self._closed.get(key) == ts:
                del self._closed[key]
                self._forget_raw(key)
        if len(self._closed) > 2 * self.limits.max_connections:
            # Forget the oldest closed keys; dicts keep insertion order.
            for k in list(self._closed)[: self.limits.max_connections]:
                del self._closed[k]
                self._forget_raw(k)
        if len(self._closing) > 4 * self.limits.max_connections:  # time stands still
            self._closing = deque((t, k) for k, t in self._closed.items())
        self._on_close(conn)

    def finish(self) -> None:
        """End of capture: close every live connection."""
        for conn in list(self.live.values()):
            self._finish(conn)


def _zeek_letters(flags: int, has_data: bool, from_a: bool) -> tuple[str, ...]:
    """Zeek's conn.log history letters of one packet (S SYN, H SYN-ACK, A pure ACK,
    D data, F FIN, R RST; docs.zeek.org, base/protocols/conn), lower case from b."""
    letters = []
    if flags & SYN:
        letters.append("H" if flags & ACK else "S")
    if has_data:
        letters.append("D")
    if flags & FIN:
        letters.append("F")
    if flags & RST:
        letters.append("R")
    if not letters and flags & ACK:
        letters.append("A")
    return tuple(letter if from_a else letter.lower() for letter in letters)


# The letters of a segment's kind, by its index in ``TcpConnection.kinds_seen`` (SYN/ACK/
# FIN/RST flags << 2 | payload << 1 | from a): worked out once for each of the 96.
_LETTERS_AT = tuple(_zeek_letters(i >> 2, bool(i & 2), bool(i & 1)) for i in range(96))


class _NullSink:
    def data(self, ts: float, number: int, payload: bytes) -> None:
        return None

    def gap(self, ts: float, number: int, missing: int) -> None:
        return None


NULL_SINK = _NullSink()  # bytes go nowhere: before the consumer's sinks, after a close
