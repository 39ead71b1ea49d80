"""A closed connection's judgement, looked up before its Exchange and Evidence are built.

``judge_cache`` judges each distinct evidence once, but every connection still paid for
building its Exchange, Evidence and the table key from them (a third of the time left per
connection on a handshake-heavy capture). The evidence is a function of what
``capture.exchange`` and ``capture.evidence`` read: the decoded hellos (one object per
shape, ``hello_cache``), the alerts, what each side sent, the TCP story, the certificates
and the minute they are judged at. So the key here is those inputs, frame numbers
replaced by their rank (the order ``judge_cache``'s placeholders keep): two connections
with the same key have the same evidence but for frame numbers, hence the same findings
as ``judge_cache`` gives them without their own frame numbers (``exact=False``).

Used to count and group connections that are not a group's example and not judged
against the whole capture (a listed one is judged with its own frame numbers once it is
sure to be listed, pcap._Analysis.realize);
``tests/ingest/test_pcap_speed.py`` checks that the output is the same with and without
this table. Hellos are keyed by identity and kept in the entry, so an id is never reused
while its entry lives.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..finding import Finding
from .capture import Sides
from .judge_cache import Plan
from .pcap_tls import ConnState

__all__ = ["MAX_ENTRIES", "Verdict", "Verdicts", "connection_key"]

MAX_ENTRIES = 4096
_PLAINTEXT = ("http", "plaintext")


@dataclass(frozen=True, slots=True)
class Verdict:
    """What the judgement said for a key: the findings before the outcome filters them,
    placeholders where frame numbers go, and where each finding mentions one
    (``judge_cache.CachedJudge.shape``: ``plans`` None when they hold the judged
    connection's own numbers), whether the client abandoned a completed handshake, and
    whether it needs the whole capture (then it is not used). ``later``: not a
    judgement, only that connections of this key are judged at the end (pcap's
    ``_Deferred``), so a later one is deferred without building its Exchange."""

    findings: tuple[Finding, ...]
    plans: tuple[Plan, ...] | None
    abandoned: bool
    whole: bool
    later: bool = False


class Verdicts:
    """Verdicts by ``connection_key``; bounded (starts over past MAX_ENTRIES)."""

    def __init__(self) -> None:
        # key -> (verdict, the hello objects whose ids the key holds)
        self._table: dict[tuple[Any, ...], tuple[Verdict, tuple[object, object]]] = {}
        self.hits = self.misses = 0

    def get(self, key: tuple[Any, ...], st: ConnState) -> Verdict | None:
        got = self._table.get(key)
        if got is None or got[1][0] is not st.client_hello or got[1][1] is not st.server_hello:
            self.misses += 1
            return None
        self.hits += 1
        return got[0]

    def put(self, key: tuple[Any, ...], st: ConnState, verdict: Verdict) -> None:
        if len(self._table) >= MAX_ENTRIES:
            self._table.clear()
        self._table[key] = (verdict, (st.client_hello, st.server_hello))


def connection_key(st: ConnState, sides: Sides, complete: bool, minute: int) -> tuple[Any, ...]:
    """Everything the connection's Exchange and Evidence are made of (capture.exchange,
    capture.evidence), frame numbers as their rank among the connection's alert and reset
    frames."""
    client_is_a, reset = sides.client_is_a, sides.reset_packet
    alerts: tuple[tuple[Any, ...], ...] = ()
    reset_rank = -1
    if st.alerts or reset:
        numbers = {a.number for a in st.alerts if a.number}
        if reset:
            numbers.add(reset)
        rank = {n: i for i, n in enumerate(sorted(numbers))}
        alerts = tuple((a.from_a == client_is_a, a.level, a.description, a.after,
                        rank.get(a.number, -1)) for a in st.alerts)
        reset_rank = rank.get(reset, -1)
    server_kind = st.kinds.get(not client_is_a)
    req = st.cert_request
    unanswered = sides.syn_answer in ("none", "rst")
    return (id(st.client_hello), id(st.server_hello), st.version, client_is_a,
            st.kinds.get(client_is_a), server_kind, alerts,
            sides.syn_answer, sides.syns if unanswered else 0,
            sides.waited if unanswered else 0.0,
            st.server_certs, st.ocsp_staple, None if req is None else req.ca_names,
            st.samples.get(not client_is_a, b"") if server_kind in _PLAINTEXT else b"",
            st.client_cert_count, complete, st.client_data_bytes,
            sides.reset_by, reset_rank, sides.reset_injected, sides.closed_by,
            sides.server_bytes, tuple(st.enc_records_a), tuple(st.enc_records_b),
            sides.server_ip, sides.server_port, minute)
