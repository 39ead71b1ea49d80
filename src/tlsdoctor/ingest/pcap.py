"""``tlsdoctor pcap``: a packet capture in, its TLS connections judged and grouped out.

Pipeline: ``pcap_file`` (pcap/pcapng framing, link layer) -> IPv4, IPv6 and TCP headers
by hand (IPv6 extension headers by dpkt) -> ``tcp`` (reassembly per direction) -> ``pcap_tls`` (what each side
said, via the wire codec) -> ``capture`` (an Exchange and its Evidence) -> the judgement
passed in (``tlsdoctor.api.judge``: the same rules as a live diagnosis). Connections are
judged as they close, counted in the summary and grouped by server and cause
(``pcap_groups``); only the first ``max_events`` of the capture are kept with their
details. So working memory follows the *open* connections and those limits, not the
length of the capture (docs/pcap-speed.md). Most connections are judged at once; a bare
handshake_failure is judged at the end, against the suites and versions the same server
chose in the capture's other connections.

Hot path: frames of a connection already open (IPv4 without options, IPv6 without
extension headers, on the usual link layers) are found by their raw address bytes and go straight to ``TcpTracker.segment``; a segment of whole TLS records
(and a record of whole handshake messages) is read in place; hellos and certificates are
decoded once per shape (``hello_cache``) and evidence judged once per shape
(``judge_cache``); a closed connection is looked up by what its evidence is made of
before it is built (``verdicts``), and a listed one gets its details only once it is sure
to be listed (``_Kept``). When the optional C extension is built (``_pcapscan.c``), its loop
cuts the capture's records (pcap, and pcapng's packet blocks) and makes those fast paths'
tracker calls itself, handing every
other frame back to ``_scan``; the report is the same (``TLSDOCTOR_PCAP_PURE=1`` turns it off).

A capture file of 8 MB or more is read by two processes when a core is free, each
following its share of the TCP connections, and their reports merged into the one-pass
report (``pcap_jobs``).

Bounded: ``max_bytes`` of capture read, ``max_connections`` open at once, ``max_events``
listed in detail, per-stream caps in ``tcp`` and ``wire.record``. Bad input raises
``InputError`` (one line); a truncated or corrupt capture gives findings for what was
readable plus a note.
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import heapq
import os
import threading
import time

# The C module's own functions (what socket re-exports): socket.py builds its enums of
# every address family and flag at import, ~2 ms of every capture's start-up.
from _socket import AF_INET, AF_INET6, inet_ntop, inet_pton
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from functools import lru_cache
from operator import itemgetter
from pathlib import Path
from struct import Struct
from struct import error as struct_error
from typing import TYPE_CHECKING, Any, BinaryIO

from ..causes import Cause
from ..errors import InputError
from ..evidence import Evidence
from ..finding import Finding, finding_to_json
from ..probe.outcome import Exchange
from ..wire.registry import AlertDescription, ExtensionType, NamedGroup, name_of, version_name
from ..wire.words import suite as name_of_suite
from .capture import Sides, evidence, exchange, sides_of
from .judge_cache import CachedJudge, Plan, frame_numbers, numbered, with_frames
from .pcap_file import (
    LINKTYPE_NAMES,
    CaptureFormatError,
    FastScan,
    FrameSource,
    ip_payload,
    plain_ipv4_at,
    plain_ipv6_at,
)
from .pcap_groups import Groups, Numbering
from .pcap_tls import ConnState, SideParser
from .tcp import NULL_SINK, TcpConnection, TcpTracker, TrackerLimits
from .verdicts import Verdict, Verdicts, connection_key

if TYPE_CHECKING:  # loaded with cryptography, only when a chain is judged
    from ..pki.trust import TrustStores

# The compiled record loop (_pcapscan.c, an optional extension: docs/pcap-speed.md round
# 20); without it, or with TLSDOCTOR_PCAP_PURE=1, the same frames go through _scan's loop.
_c_scan: Callable[..., Any] | None
_c_scan_ng: Callable[..., Any] | None
try:
    from ._pcapscan import scan as _c_scan
    from ._pcapscan import scan_ng as _c_scan_ng
except ImportError:  # not built (no compiler where it was installed)
    _c_scan = _c_scan_ng = None

# The judgement (tlsdoctor.api.judge), passed in: captures are evidence, read below it.
Judge = Callable[[Evidence], tuple[Finding, ...]]
# An event's JSON (``ConnectionEvent.to_json()``) as the caller prints it (read_pcap's
# ``render``).
Render = Callable[["ConnectionEvent"], bytes]

__all__ = ["ConnectionEvent", "PcapReport", "read_pcap"]

DEFAULT_MAX_BYTES = 4 * 1024**3
DEFAULT_MAX_CONNECTIONS = 100_000
DEFAULT_MAX_EVENTS = 1_000  # connections listed with full details; the rest are counted and grouped
MAX_KEYS = 10_000  # distinct servers / SNI names counted in the summary
MAX_NOTES = 50
MAX_UNANSWERED = 10_000  # connections without TLS kept until the end, to see if TLS was meant
MAX_DEFERRED = 10_000  # connections judged at the end (_needs_whole_capture); more now
# A server answers a SYN or a ClientHello within a second or so; a capture that goes on
# this long after one without an answer shows silence, not a capture cut short.
SILENCE = 3.0
# Ports where TCP means TLS from the first byte (IANA Service Name and Transport Protocol
# Port Number Registry: https, submissions, nntps, ldaps, domain-s, ftps-data, ftps,
# telnets, imaps, ircs, pop3s, docker-s, globalcatLDAPssl, sips, wsmans, kube-apiserver
# (k8s docs), ircs-u, secure-mqtt) and the common https alternates 4443, 8443, 9443.
# A connection without TLS counts as a failed TLS connection only on these, or on a
# server address and port that carried TLS elsewhere in the capture.
TLS_PORTS = frozenset({443, 465, 563, 636, 853, 989, 990, 992, 993, 994, 995, 2376, 3269,
                       4443, 5061, 5986, 6443, 6697, 8443, 8883, 9443})


@dataclass(frozen=True, slots=True, kw_only=True)
class ConnectionEvent:
    """One TCP connection that carried TLS. ``outcome``: "ok" (handshake completed),
    "failed", "incomplete" (the capture ends first) or "unknown" (handshake not captured).
    ``details`` is the JSON-ready rest (history, offered/chosen, certificates, timings)."""

    id: int
    client: str
    server: str
    sni: str | None
    outcome: str
    findings: tuple[Finding, ...]
    details: Mapping[str, Any] = field(default_factory=dict)

    @property
    def root_cause(self) -> Cause | None:
        return self.findings[0].cause if self.findings else None

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "client": self.client, "server": self.server,
                               "sni": self.sni, "outcome": self.outcome}
        out.update(self.details)
        out["findings"] = [finding_to_json(f) for f in self.findings]
        return out


@dataclass(frozen=True, slots=True, kw_only=True)
class PcapReport:
    """What ``read_pcap`` returns: the summary, the listed connections and notes."""
    summary: Mapping[str, Any]
    events: tuple[ConnectionEvent, ...]
    notes: tuple[str, ...] = ()
    # Each event's JSON as ``read_pcap``'s ``render`` wrote it, by the reader that listed
    # it, while the other readers did theirs (None: not asked for, or read in one pass).
    events_json: tuple[bytes, ...] | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict[str, Any]:
        return {"summary": dict(self.summary), "events": [e.to_json() for e in self.events]}


def read_pcap(source: str | Path | BinaryIO, *, judge: Judge,
              max_connections: int = DEFAULT_MAX_CONNECTIONS, max_bytes: int = DEFAULT_MAX_BYTES,
              max_events: int = DEFAULT_MAX_EVENTS, jobs: int | None = None,
              render: Render | None = None,
              prepare: Callable[[], None] | None = None) -> PcapReport:
    """Read a pcap or pcapng capture (path or binary stream) and explain its TLS connections.

    ``judge`` turns one connection's evidence into findings (the public
    ``tlsdoctor.read_pcap`` passes ``tlsdoctor.api``'s). ``max_connections``: TCP
    connections tracked at once (more are ignored, with a note); ``max_bytes``: capture
    bytes read; ``max_events``: connections listed in ``events`` with their details, the
    first ones of the capture (every connection is still counted, and grouped by server
    and cause in ``summary["groups"]``; ``summary["events_left_out"]`` says how many are
    not listed). ``jobs``: processes reading the capture (None: 2 for a regular file of
    at least 8 MB on a machine with 2 or more cores, one of them free at that moment,
    else 1; ``pcap_jobs``); the report is the same whatever it is. ``render``: with several
    readers, each writes the JSON of the events it lists with it, in parallel
    (``PcapReport.events_json``), for a caller that prints them. ``prepare``: called once
    before several readers fork, to load what judging may need (each reader would
    otherwise load it itself). Raises InputError when the file cannot be opened or is not
    a capture.
    """
    if max_connections < 1 or max_bytes < 1 or max_events < 0:
        raise InputError("max_connections and max_bytes must be positive")
    if jobs is not None and jobs < 1:
        raise InputError("jobs must be at least 1")
    with _fewer_collections():
        if isinstance(source, str | Path):
            from .pcap_jobs import jobs_for, read_split  # here: pcap_jobs imports this module

            n = jobs_for(source, jobs)
            got = (read_split(source, n, judge, max_connections, max_bytes, max_events, render,
                              prepare=prepare)
                   if n > 1 else None)
            if got is not None:
                return got
        an = _Analysis(max_connections, max_events, judge)
        if isinstance(source, str | Path):
            try:
                with open(source, "rb") as f:
                    return _read(f, an, max_bytes, str(source))
            except OSError as exc:
                raise InputError(f"cannot read capture {str(source)!r}: "
                                 f"{exc.strerror or exc}") from None
        return _read(source, an, max_bytes, getattr(source, "name", "<stream>"))


_gc_lock = threading.Lock()
_gc_readers = 0
_gc_saved: tuple[int, int, int] = (700, 10, 10)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """Collect cycles less often while a capture is read. A capture makes millions of
    short-lived containers and keeps thousands of events; at the default threshold (700
    allocations) the cyclic collector took 10-30% of the time, and the reading makes no
    cycles to collect. The thresholds are restored when the last reader ends."""
    global _gc_readers, _gc_saved
    with _gc_lock:
        if _gc_readers == 0:
            _gc_saved = gc.get_threshold()
            gc.set_threshold(max(_gc_saved[0], 100_000), max(_gc_saved[1], 50),
                             max(_gc_saved[2], 100))
        _gc_readers += 1
    try:
        yield
    finally:
        with _gc_lock:
            _gc_readers -= 1
            if _gc_readers == 0:
                gc.set_threshold(*_gc_saved)


_OUTCOME_ORDER = {"ok": 0, "failed": 1, "incomplete": 2, "unknown": 3}


class _Tally:
    """Summary counters, bounded in the number of distinct keys. Ties rank in capture
    order (the opening order of the first connection of each key)."""

    def __init__(self) -> None:
        self.outcomes: Counter[str] = Counter()
        self.causes: Counter[str] = Counter()
        self.servers: dict[str, Counter[str]] = {}
        self.snis: dict[str, Counter[str]] = {}
        self.first: dict[tuple[int, str], int] = {}  # (table, key) -> first opening order
        self.connections = 0

    def add(self, server: str, sni: str | None, outcome: str, root: Cause | None,
            order: int) -> None:
        self.connections += 1
        self.outcomes[outcome] += 1
        first = self.first
        if root is not None and outcome == "failed":
            # ``_value_``: the member's own attribute (``.value`` is a Python-level
            # property in 3.11, ~14,000 calls on a 3,000-connection capture).
            cause = root._value_
            self.causes[cause] += 1
            k = (0, cause)
            if order < first.get(k, order + 1):
                first[k] = order
        self._count(1, self.servers, server, outcome, order)
        if sni is not None:
            self._count(2, self.snis, sni, outcome, order)

    def _count(self, which: int, table: dict[str, Counter[str]], key: str, outcome: str,
               order: int) -> None:
        counts = table.get(key)
        if counts is None:  # (a Counter made for every connection was ~1%)
            if len(table) >= MAX_KEYS:
                key = "(others)"
            counts = table.get(key)
            if counts is None:
                counts = table[key] = Counter()
        counts[outcome] += 1
        k = (which, key)
        if order < self.first.get(k, order + 1):
            self.first[k] = order

    def merge(self, other: _Tally) -> bool:
        """Add another reader's counts (pcap_jobs); False when either table reached
        MAX_KEYS (which keys became "(others)" depends on the order of the whole capture)."""
        self.connections += other.connections
        self.outcomes.update(other.outcomes)
        self.causes.update(other.causes)
        for mine, theirs in ((self.servers, other.servers), (self.snis, other.snis)):
            for key, counts in theirs.items():
                mine.setdefault(key, Counter()).update(counts)
            if len(mine) >= MAX_KEYS:
                return False
        first = self.first
        for k, order in other.first.items():
            if order < first.get(k, order + 1):
                first[k] = order
        return True

    def top(self, which: int, n: int = 50) -> dict[str, dict[str, int]]:
        """The ``n`` servers (1) or names (2) with most connections, with outcome counts."""
        table = self.servers if which == 1 else self.snis
        ranked = sorted(table.items(), key=lambda kv: (-sum(kv[1].values()),
                                                       self.first.get((which, kv[0]), 0)))[:n]
        # The outcomes in one order, whatever order they came in: with several readers
        # (pcap_jobs) a reader's first connection is not the capture's (review 28).
        return {k: {o: c[o] for o in sorted(c, key=lambda o: _OUTCOME_ORDER.get(o, 4))}
                for k, c in ranked}

    def cause_counts(self) -> dict[str, int]:
        return dict(sorted(self.causes.items(),
                           key=lambda kv: (-kv[1], self.first.get((0, kv[0]), 0))))


def _needs_whole_capture(ex: Exchange) -> bool:
    """A handshake_failure/insufficient_security answer to a ClientHello is judged against the
    suites and versions the same server chose in the capture's other connections; so is an
    internal_error answer to a hello of TLS 1.1 and older (rules/_capture.py
    legacy_hello_refused: OpenSSL 3 refuses the old versions so)."""
    if ex.version is not None:
        return False
    legacy = bool(ex.offer.versions) and max(ex.offer.versions) < 0x0303
    return any(a.fatal and a.by == "server" and (a.description in (40, 71)
                                                 or (legacy and a.description == 80))
               for a in ex.alerts)


@dataclass(slots=True)
class _Pending:
    """A connection's exchange, kept until the judgement (now, or at the end)."""

    ex: Exchange
    sides: Sides
    server: str
    when: float


def _judged(an: _Analysis, p: _Pending, outcome: str, *, whole: bool,
            exact: bool = True) -> tuple[tuple[Finding, ...], str]:
    """The connection's findings and outcome (``_settled``). ``exact=False``: frame
    numbers in the findings' words may be placeholders (judge_cache), enough to count
    and group a connection that is not shown."""
    findings, plans = _raw(an, p, whole=whole)
    return _settled(_exact(findings, plans, p.ex) if exact else findings, outcome,
                    p.ex.abandoned)


def _raw(an: _Analysis, p: _Pending, *,
         whole: bool) -> tuple[tuple[Finding, ...], tuple[Plan, ...] | None]:
    """The judgement's findings, before the outcome filters them, with placeholders where
    frame numbers go and where each finding mentions one (judge_cache.CachedJudge.shape)."""
    suites = frozenset(an.server_suites.get(p.server, ())) if whole else frozenset()
    versions = frozenset(an.server_versions.get(p.server, ())) if whole else frozenset()
    ev = evidence(p.ex, p.sides, p.when, stores=an.stores, seen_suites=suites,
                  seen_versions=versions)
    return an.judge.shape(ev)


def _exact(findings: tuple[Finding, ...], plans: tuple[Plan, ...] | None,
           ex: Exchange) -> tuple[Finding, ...]:
    """``_raw``'s findings with the connection's own frame numbers written in."""
    return findings if plans is None else with_frames(findings, plans, frame_numbers(ex))


def _settled(findings: tuple[Finding, ...], outcome: str,
             abandoned: bool) -> tuple[tuple[Finding, ...], str]:
    """A completed handshake the client then abandoned (no data, it closed) failed when
    the judgement names a blocking cause; only a failed handshake keeps blocking
    findings."""
    # Severity is a StrEnum: compared as its text, without the ``.value`` property.
    if outcome == "ok" and abandoned and any(f.severity == "blocking" for f in findings):
        outcome = "failed"
    if outcome != "failed":
        # Only a failed handshake has a blocking root cause; what a working one shows
        # (weak suite, expiring certificate) stays, anything blocking was a guess.
        findings = tuple(f for f in findings if f.severity != "blocking")
    return findings, outcome


@dataclass(slots=True)
class _Kept:
    """A connection listed in detail: its details, and its findings once judged.

    Both are made only when it is sure to be listed (``_Analysis.realize``): until the
    end, a later-closing earlier connection can take its place, and with several readers
    (pcap_jobs) each lists the first ``max_events`` of its own share, about half of which
    the merge drops. Until then it keeps what they are made from."""

    sni: str | None
    outcome: str
    findings: tuple[Finding, ...] | None = None
    details: dict[str, Any] | None = None
    conn: TcpConnection | None = None
    st: ConnState | None = None
    facts: _Facts | None = None
    # Without facts (counted from the verdict table): what they are made from, as worked
    # out when it closed (its roles, and the capture's time then).
    sides: Sides | None = None
    client: tuple[str, int] = ("", 0)
    server: str = ""
    now: float = 0.0
    verdict: Verdict | None = None


@dataclass(slots=True)
class _Deferred:
    """A connection judged at the end, against what its server did in the others."""

    order: int
    sni: str | None
    outcome: str
    server: str
    # Its place in the verdict table (server included), and the hellos whose ids that
    # holds (kept alive here, so no other object takes their ids meanwhile).
    key: tuple[Any, ...]
    hellos: tuple[object, object]
    # Its exchange and one-line steps; None when it was deferred from the verdict table
    # (another connection of its key was): then made from ``closed`` only if needed (it
    # is the first of its key judged afresh, or becomes a group's example).
    pending: _Pending | None
    steps: str | None
    closed: tuple[TcpConnection, ConnState, Sides, tuple[str, int], float] | None = None
    abandoned: bool = False  # (its key's: ``pending.ex.abandoned`` when there is one)

    def unfold(self) -> _Pending:
        """Its exchange (and steps), made from what it was closed with."""
        if self.pending is None:
            assert self.closed is not None  # kept until unfolded
            conn, st, sides, client, now = self.closed
            fa = _facts(conn, st, sides, client, self.server, now)
            self.pending = _Pending(ex=fa.ex, sides=fa.sides, server=fa.server,
                                    when=st.cert_ts or fa.start_ts)
            self.steps, self.closed = _steps(conn, st, fa.sides), None
        return self.pending


class _Analysis:
    """Every closed connection is judged (now, or at the end when it needs the whole
    capture), counted in the tally and the groups, and listed in detail only while it
    is among the first ``max_events`` of the capture: memory follows the open
    connections and those limits, not the length of the capture."""

    def __init__(self, max_connections: int, max_events: int, judge: Judge) -> None:
        self.max_events, self.judge = max_events, CachedJudge(judge)
        self.verdicts = Verdicts()
        self._stores: TrustStores | None = None
        self.tally = _Tally()
        self.groups = Groups()
        self.numbering = Numbering()
        self._certs: dict[bytes, bytes] = {}  # one copy of each certificate's DER
        self._cert_tuples: dict[int, tuple[tuple[bytes, ...], tuple[bytes, ...]]] = {}
        self.limits = TrackerLimits(max_connections=max_connections)
        self.tracker = TcpTracker(self._new, self._closed, self.limits)
        self.kept: dict[int, _Kept] = {}  # opening order -> the connection listed
        self._kept_heap: list[int] = []  # negated opening orders of ``kept``
        self.deferred: list[_Deferred] = []
        self.server_suites: dict[str, set[int]] = {}
        self.server_versions: dict[str, set[int]] = {}
        self.non_tls = 0
        # Connections without a TCP answer, until the end shows whether TLS was meant.
        self.unanswered: list[tuple[TcpConnection, float]] = []
        self.tls_endpoints: set[str] = set()  # "ip:port" of servers that spoke TLS
        self.retransmits = 0
        self.gaps = 0
        self.held = (0, 0)  # unanswered and deferred connections at the end (pcap_jobs)
        # Several readers (pcap_jobs): the listed connections' events (and their JSON, when
        # asked for) by opening order, made by the reader that listed them.
        self.built: dict[int, tuple[ConnectionEvent, bytes | None]] | None = None
        self.rendered = False  # ... each with its JSON

    def stores(self) -> TrustStores:
        """This machine's trust stores, loaded only when a chain is to be judged (and
        cryptography with them: a capture without certificates never loads it)."""
        if self._stores is None:
            from ..pki.trust import load_trust_stores

            self._stores = load_trust_stores()
        return self._stores

    def _new(self, conn: TcpConnection) -> tuple[SideParser, SideParser]:
        st = ConnState()
        pa, pb = SideParser(st, True), SideParser(st, False)
        conn.app = (st, pa, pb)
        return pa, pb

    def _closed(self, conn: TcpConnection) -> None:
        st, _pa, _pb = conn.app
        conn.app = None
        conn.app_state = st
        self.retransmits += conn.a_to_b.retransmits + conn.b_to_a.retransmits
        self.gaps += len(conn.a_to_b.gaps) + len(conn.b_to_a.gaps)
        if not st.any_tls():
            if _no_tcp(conn) and len(self.unanswered) < MAX_UNANSWERED:
                self.unanswered.append((conn, self.tracker.now))  # judged at the end
            else:
                self.non_tls += 1
            return
        self._add(conn, st, self.tracker.now)

    def resolve_unanswered(self) -> None:
        """Connections that got no TCP answer count as failed TLS connections when their
        port means TLS (a TLS port, or a server that spoke TLS elsewhere in the capture)."""
        for conn, now in self.unanswered:
            srv = conn.b if conn.syn_from_a else conn.a
            if srv[1] in TLS_PORTS or _ep(srv) in self.tls_endpoints:
                self._add(conn, conn.app_state, now)
            else:
                self.non_tls += 1
        self.unanswered = []

    def _add(self, conn: TcpConnection, st: ConnState, now: float) -> None:
        if st.server_certs:
            st.server_certs = self._one_copy(st.server_certs)
        sides, client, server = _sides(conn, st, now)
        srv = _ep(server)
        sh = st.server_hello
        if sh is not None and st.ch_from_a is not None:
            suites, versions = self.server_suites.get(srv), self.server_versions.get(srv)
            if suites is None or versions is None:  # (setdefault made two sets each time)
                suites = self.server_suites.setdefault(srv, set())
                versions = self.server_versions.setdefault(srv, set())
            suites.add(sh.cipher_suite)
            versions.add(sh.version)
        if st.any_tls():
            self.tls_endpoints.add(srv)
        order = conn.order
        self.numbering.mark(order)
        listed = self._room(order)
        # Judged from the table when a connection of the same key was, and counted
        # without building its Exchange unless it becomes a group's example (a listed
        # one gets its Exchange, details and own findings when sure to be listed).
        start_ts = conn.control[0].ts if conn.control else conn.first_ts
        complete = st.handshake_complete()
        key = connection_key(st, sides, complete, int(st.cert_ts or start_ts) // 60)
        verdict = self.verdicts.get(key, st)
        if (verdict is not None and verdict.later and not listed
                and len(self.deferred) < MAX_DEFERRED):
            self._defer(conn, st, sides, client, srv, now, key, complete, verdict.abandoned)
            return
        if verdict is not None and not verdict.whole:
            fatal = any(a.level == 2 for a in st.alerts)
            findings, outcome = _settled(verdict.findings,
                                         _outcome(conn, st, complete, fatal, sides, now),
                                         verdict.abandoned)
            ch = st.client_hello
            sni = ch.sni if ch else None
            if not self.groups.wants_example(srv, outcome, findings, order):
                if listed:
                    self.kept[order] = _Kept(sni=sni, outcome=outcome, conn=conn, st=st,
                                             sides=sides, client=client, server=srv, now=now,
                                             verdict=verdict)
                self._count(order, srv, sni, outcome, findings, "")
                return
        self._add_full(conn, st, now, _facts(conn, st, sides, client, srv, now), listed, key)

    def _add_full(self, conn: TcpConnection, st: ConnState, now: float, fa: _Facts,
                  listed: bool, key: tuple[Any, ...]) -> None:
        """A connection judged from its Exchange and Evidence (``key``: its place in the
        verdict table)."""
        order = conn.order
        kept = _Kept(sni=fa.sni, outcome=fa.outcome, conn=conn, st=st,
                     facts=fa) if listed else None
        if kept is not None:
            self.kept[order] = kept
        pending = _Pending(ex=fa.ex, sides=fa.sides, server=fa.server,
                           when=st.cert_ts or fa.start_ts)
        whole = _needs_whole_capture(fa.ex)
        if whole and len(self.deferred) < MAX_DEFERRED:
            self.deferred.append(_Deferred(order=order, pending=pending, sni=fa.sni,
                                           outcome=fa.outcome, server=fa.server,
                                           steps=_steps(conn, st, fa.sides), key=key,
                                           hellos=(st.client_hello, st.server_hello)))
            # The next connections of this key are deferred without their Exchange.
            self.verdicts.put(key, st, Verdict(findings=(), plans=None,
                                               abandoned=fa.ex.abandoned, whole=True,
                                               later=True))
            return
        # Judge now and drop the decoded hellos: memory stays per-connection small.
        raw, plans = _raw(self, pending, whole=whole)
        self.verdicts.put(key, st, Verdict(findings=raw, plans=plans, abandoned=fa.ex.abandoned,
                                           whole=whole))
        findings, outcome = _settled(raw if kept is None else _exact(raw, plans, fa.ex),
                                     fa.outcome, fa.ex.abandoned)
        if kept is not None:
            kept.findings, kept.outcome = findings, outcome
        if not self.groups.wants_example(fa.server, outcome, findings, order):
            steps = ""
        else:
            if kept is None:  # with its own frame numbers
                findings = _settled(_exact(raw, plans, fa.ex), fa.outcome, fa.ex.abandoned)[0]
            steps = _steps(conn, st, fa.sides)
        self._count(order, fa.server, fa.sni, outcome, findings, steps)

    def _defer(self, conn: TcpConnection, st: ConnState, sides: Sides,
               client: tuple[str, int], srv: str, now: float, key: tuple[Any, ...],
               complete: bool, abandoned: bool) -> None:
        """Judged at the end like the connection of the same key before it; its
        Exchange and steps are made then, and only if needed (``_Deferred.unfold``)."""
        fatal = any(a.level == 2 for a in st.alerts)
        ch = st.client_hello
        self.deferred.append(_Deferred(
            order=conn.order, sni=ch.sni if ch else None,
            outcome=_outcome(conn, st, complete, fatal, sides, now), server=srv, key=key,
            hellos=(ch, st.server_hello), pending=None, steps=None,
            closed=(conn, st, sides, client, now), abandoned=abandoned))
        # What reading it needed is done: its parsers (and their buffers) can go.
        conn.a_to_b.sink = conn.b_to_a.sink = NULL_SINK

    def realize(self) -> None:
        """Details and own findings of every connection listed (they are now sure to be)."""
        for kept in self.kept.values():
            if kept.details is None:
                self._realize(kept)

    def _realize(self, kept: _Kept) -> None:
        conn, st, fa = kept.conn, kept.st, kept.facts
        assert conn is not None and st is not None  # a _Kept holds them until realized
        if fa is not None:
            kept.details = _details(conn, st, fa.sides, fa.client, fa.server, fa.outcome,
                                    fa.start_ts)
        else:  # counted from the verdict table: its own findings (and outcome)
            assert kept.sides is not None and kept.verdict is not None
            sides, v = kept.sides, kept.verdict
            start_ts = conn.control[0].ts if conn.control else conn.first_ts
            if v.plans is not None:  # the table's findings, this connection's frame numbers
                # (without its Exchange: what _facts and _exact read of it, from its state)
                fatal = any(a.level == 2 for a in st.alerts)
                outcome = _outcome(conn, st, st.handshake_complete(), fatal, sides, kept.now)
                frames = numbered([a.number for a in st.alerts], sides.reset_packet)
                kept.findings, kept.outcome = _settled(with_frames(v.findings, v.plans, frames),
                                                       outcome, v.abandoned)
            else:  # judged afresh (its evidence cannot be tabled): so is this one
                fa = _facts(conn, st, sides, kept.client, kept.server, kept.now)
                pending = _Pending(ex=fa.ex, sides=fa.sides, server=fa.server,
                                   when=st.cert_ts or fa.start_ts)
                kept.findings, kept.outcome = _judged(self, pending, fa.outcome, whole=False)
                outcome = fa.outcome
            kept.details = _details(conn, st, sides, kept.client, kept.server, outcome, start_ts)
        kept.conn = kept.st = kept.facts = kept.sides = kept.verdict = None

    def _one_copy(self, certs: tuple[bytes, ...]) -> tuple[bytes, ...]:
        """``certs`` made of the first copy of each certificate's DER (bounded); worked
        out once per tuple (one per chain, pcap_tls._certificates)."""
        got = self._cert_tuples.get(id(certs))
        if got is not None and got[0] is certs:
            return got[1]
        if len(self._certs) >= 4096:
            return certs
        one = tuple(self._certs.setdefault(d, d) for d in certs)
        if len(self._cert_tuples) >= 4096:
            self._cert_tuples.clear()
        self._cert_tuples[id(certs)] = (certs, one)
        return one

    def _room(self, order: int) -> bool:
        """Whether the connection opened ``order``-th is listed: the first ``max_events``
        connections of the capture are (a later-closing earlier one takes the place of
        the latest listed)."""
        heap = self._kept_heap
        if len(heap) < self.max_events:
            heapq.heappush(heap, -order)
            return True
        if not heap or order > -heap[0]:
            return False
        del self.kept[-heapq.heapreplace(heap, -order)]
        return True

    def _count(self, order: int, server: str, sni: str | None, outcome: str,
               findings: tuple[Finding, ...], steps: str) -> None:
        self.tally.add(server, sni, outcome, findings[0].cause if findings else None, order)
        self.groups.add(server, sni, outcome, findings, order, f"{outcome}: {steps}")

    def judge_deferred(self) -> None:
        """The connections that needed the whole capture, judged now that it is read
        (once per verdict key: the same server, hence what it did in the others)."""
        judged: dict[tuple[Any, ...], tuple[tuple[Finding, ...], tuple[Plan, ...] | None]] = {}
        for d in self.deferred:
            got = judged.get(d.key)
            raw, plans = got = got or _raw(self, d.unfold(), whole=True)
            if plans is not None:  # (judged afresh: its own frame numbers, not for others)
                judged[d.key] = got
            abandoned = d.abandoned if d.pending is None else d.pending.ex.abandoned
            kept = self.kept.get(d.order)  # (never one deferred without its pending)
            # Frame numbers are written into the findings' words only for a connection
            # that is listed or becomes a group's example (as in ``_add_full``).
            findings, outcome = _settled(
                _exact(raw, plans, d.unfold().ex) if kept is not None else raw,
                d.outcome, abandoned)
            if kept is not None:
                kept.findings, kept.outcome = findings, outcome
            elif self.groups.wants_example(d.server, outcome, findings, d.order):
                findings = _settled(_exact(raw, plans, d.unfold().ex), d.outcome, abandoned)[0]
            # (the steps are read only when it becomes the example: made then)
            self._count(d.order, d.server, d.sni, outcome, findings, d.steps or "")
        self.deferred = []


@dataclass(slots=True)
class _Scan:
    """What reading the frames found, besides the connections."""

    frames: FrameSource
    counts: Counter[str]
    first_ts: float | None = None
    last_ts: float | None = None
    snapped: int = 0
    # This reader's share of the TCP connections when ``jobs`` processes split the
    # capture (pcap_jobs): those whose 4-tuple ``share_of`` gives ``share``.
    share: int = 0
    jobs: int = 1


def _read(stream: BinaryIO, an: _Analysis, max_bytes: int, name: str) -> PcapReport:
    started = time.monotonic()
    scan = _scan(stream, an, max_bytes, name)
    an.tracker.finish()
    an.resolve_unanswered()
    an.judge_deferred()
    return _finish(an, scan, time.monotonic() - started)


def _scan(stream: BinaryIO, an: _Analysis, max_bytes: int, name: str,
          share: tuple[int, int] = (0, 1)) -> _Scan:
    """Feed every TCP segment to the tracker; count the packets that are not.
    ``share``: (this reader's share, readers), see ``_Scan``."""
    try:
        frames = FrameSource(stream, max_bytes=max_bytes)
    except CaptureFormatError as exc:
        raise InputError(f"{name}: {exc}") from None
    sc = _Scan(frames=frames, counts=Counter(), share=share[0], jobs=share[1])
    mine, jobs = share
    tracker = an.tracker
    by_raw, segment, unpack = tracker.by_raw, tracker.segment, _FAST.unpack_from
    # Locals in the loop, kept in ``sc`` when it ends.
    first_ts: float | None = None
    ts: float | None = None  # after the loop: the last frame's
    try:
        # With the compiled loop, the frames below are only those it hands back.
        for number, ts, linktype, data, truncated in frames.records(_fast(tracker, share)):
            if first_ts is None:
                first_ts = ts
            # Ethernet, IPv4 without options, TCP, of a connection already open: its
            # addresses and ports are looked up as raw bytes (tcp.TcpTracker.alias; only
            # this reader's connections are there).
            if linktype == 1 and data[12:15] == b"\x08\x00\x45" and (size := len(data)) >= 54:
                hit = by_raw.get(data[26:38])
                if hit is None:
                    if (jobs > 1 and _MIX[data[28] ^ data[29] ^ data[32] ^ data[33] ^ data[35]
                                          ^ data[37]] % jobs != mine):
                        continue  # another reader's connection (share_of, on the raw bytes)
                else:
                    total, frag, ttl, proto, seq, ack, off_flags = unpack(data, 16)
                    end = 14 + total if 14 + total < size else size
                    start = 34 + (off_flags >> 12) * 4
                    if (proto == 6 and not frag & 0x3FFF and total >= 20 and end >= 54
                            and off_flags >= 0x5000 and off_flags & 0x12 != 0x02
                            and not truncated):
                        if hit[0] is not None:
                            segment(hit[0], hit[1], ts, number, seq, off_flags & 0x1FF,
                                    data[start:end] if start < end else b"", ttl, 0, ack)
                            continue
                        if tracker.straggler(ts, number, off_flags, start < end, hit[1]):
                            continue  # of a connection that closed
            elif ((linktype != 1 or data[12:14] in _OTHER_ETHERTYPES)
                  and _fast_other(tracker, linktype, data, ts, number, truncated, share)):
                continue
            sc.snapped += _packet(an, sc, number, ts, linktype, data, truncated)
    except CaptureFormatError as exc:
        if not frames.packets:
            raise InputError(f"{name}: {exc}") from None
        frames.notes.append(f"corrupt capture after packet {frames.packets}: {exc}")
    except OSError as exc:
        frames.notes.append(f"reading stopped at packet {frames.packets + 1}: {exc}")
    finally:
        sc.first_ts, sc.last_ts = first_ts, ts
        if frames.reader == "c":  # it saw every frame
            sc.first_ts, sc.last_ts = frames.first_ts, frames.last_ts
    if not frames.packets and frames.notes:
        # Not one packet could be read (cut or corrupt inside the first): that is a
        # capture that cannot be read, not an empty one (SPEC: exit 3, one line).
        raise InputError(f"{name}: no packet could be read: {frames.notes[0]}")
    return sc


def _fast(tracker: TcpTracker, share: tuple[int, int]) -> FastScan | None:
    """The compiled loop with what it calls (the tracker's segment and straggler, as the
    Ethernet/IPv4 branch of ``_scan`` calls them), or None for the pure-Python reader."""
    if _c_scan is None or _c_scan_ng is None or os.environ.get("TLSDOCTOR_PCAP_PURE") == "1":
        return None
    return _c_scan, _c_scan_ng, (tracker.by_raw, tracker.segment, tracker.straggler, _MIX,
                                 *share)


def _packet(an: _Analysis, sc: _Scan, number: int, ts: float, linktype: int, data: bytes,
            truncated: bool) -> int:
    """One frame decoded in full (any link type, IPv6, a new connection, a SYN, a frame
    cut short); returns 1 when the capture's snap length cut its TCP payload."""
    seg = _tcp_segment(linktype, data)
    # With several readers, a frame ``_scan`` did not place by its raw bytes is placed
    # here: a TCP segment by its 4-tuple, anything else counted by the first reader.
    placed = sc.jobs == 1 or (linktype == 1 and len(data) >= 54
                              and data[12:15] == b"\x08\x00\x45")
    if isinstance(seg, str):
        if placed or sc.share == 0:
            sc.counts[seg] += 1
        return 0
    src, dst, ttl, ip_payload_len, sport, dport, seq, ack, flags, off, payload = seg
    if not placed and share_of(src, dst, sport, dport, sc.jobs) != sc.share:
        return 0
    missing = 0
    if truncated and ip_payload_len > 0:
        missing = max(0, ip_payload_len - off * 4 - len(payload))
    conn = an.tracker.packet(ts, number, src, sport, dst, dport, seq, flags, payload, ttl,
                             missing, ack)
    if conn is not None and not conn.aliases:
        _alias(an.tracker, conn, conn.a == (src, sport), linktype, data)
    return 1 if missing else 0


def share_of(src: str, dst: str, sport: int, dport: int, jobs: int) -> int:
    """Which of ``jobs`` readers reads a TCP connection: the last two bytes of each
    address and the low bytes of the ports XORed (the same both ways), mixed by
    ``_MIX``, as ``_scan`` works it out from a frame's raw bytes."""
    low = (_last_two(src) ^ _last_two(dst) ^ sport ^ dport) & 0xFF
    return _MIX[low] % jobs


# A fixed byte permutation-like table: the share must not follow the low bits of the
# XOR alone. With ``low % jobs``, connections that keep their ports (copies of one
# recorded connection, a load generator) and clients numbered in order went by the
# parity of their address: 57% of a capture's packets to one reader.
_MIX = bytes(hashlib.sha256(bytes((i,))).digest()[0] for i in range(256))


def _last_two(addr: str) -> int:
    """The last two bytes of an address, XORed."""
    if ":" in addr:
        packed = inet_pton(AF_INET6, addr)
        return packed[14] ^ packed[15]
    parts = addr.split(".")
    return int(parts[2]) ^ int(parts[3])


def _alias(tracker: TcpTracker, conn: TcpConnection, from_a: bool, linktype: int,
           data: bytes) -> None:
    """Let ``_scan`` find ``conn`` by this frame's raw address and port bytes, both
    ways, when its IP header is a plain one (IPv4 without options, IPv6 without
    extension headers): source and destination addresses, then ports, contiguous."""
    at = plain_ipv4_at(linktype, data)
    if at >= 0 and len(data) >= at + 40:
        s, d, p = at + 12, at + 16, at + 20  # addresses, then ports
    else:
        at = plain_ipv6_at(linktype, data)
        if at < 0 or len(data) < at + 60:
            return
        s, d, p = at + 8, at + 24, at + 40
    tracker.alias(data[s:p + 4], conn, from_a)  # this direction, and the other
    tracker.alias(data[d:p] + data[s:d] + data[p + 2:p + 4] + data[p:p + 2], conn, not from_a)


# Ethernet types other than plain IPv4 that ``_fast_other`` may read: 802.1Q, IPv6.
_OTHER_ETHERTYPES = frozenset({b"\x81\x00", b"\x86\xdd"})


def _fast_other(tracker: TcpTracker, linktype: int, data: bytes, ts: float, number: int,
                truncated: bool, share: tuple[int, int] = (0, 1)) -> bool:
    """``_scan``'s fast path for a frame of an open connection on another link layer
    (802.1Q, Linux SLL/SLL2, NULL/LOOP, raw IP) with a plain IPv4 header, or any of
    those and Ethernet with a plain IPv6 header: False when it is not one (then it is
    decoded in full, which also places another reader's frame)."""
    if truncated:
        return False
    at = plain_ipv4_at(linktype, data)
    if at < 0:
        return _fast_ipv6(tracker, linktype, data, ts, number, share)
    size = len(data)
    if size < at + 40:
        return False
    hit = tracker.by_raw.get(data[at + 12:at + 24])
    if hit is None:
        return False
    total, frag, ttl, proto, seq, ack, off_flags = _FAST.unpack_from(data, at + 2)
    end = at + total if at + total < size else size
    start = at + 20 + (off_flags >> 12) * 4
    if (proto != 6 or frag & 0x3FFF or total < 20 or end < at + 40 or off_flags < 0x5000
            or off_flags & 0x12 == 0x02):
        return False
    if hit[0] is None:  # a connection that closed
        return tracker.straggler(ts, number, off_flags, start < end, hit[1])
    tracker.segment(hit[0], hit[1], ts, number, seq, off_flags & 0x1FF,
                    data[start:end] if start < end else b"", ttl, 0, ack)
    return True


def _fast_ipv6(tracker: TcpTracker, linktype: int, data: bytes, ts: float, number: int,
               share: tuple[int, int]) -> bool:
    """A frame of an open connection with a 40-byte IPv6 header followed by TCP, read
    as ``_tcp6`` (dpkt) reads it: the payload length bounds the segment (0, a jumbogram
    or segmentation offload, is left to dpkt), hop limit for TTL, 9 flag bits."""
    at = plain_ipv6_at(linktype, data)
    size = len(data)
    if at < 0 or size < at + 60:
        return False
    plen, seq, ack, off_flags = _FAST6.unpack_from(data, at + 4)
    end = at + 40 + plen if at + 40 + plen < size else size
    start = at + 40 + (off_flags >> 12) * 4
    if plen == 0 or end < at + 60 or off_flags < 0x5000:
        return False  # dpkt decides (it does not read a TCP header there)
    mine, jobs = share
    if jobs > 1 and _MIX[data[at + 22] ^ data[at + 23] ^ data[at + 38] ^ data[at + 39]
                         ^ data[at + 41] ^ data[at + 43]] % jobs != mine:
        return True  # a TCP segment of another reader's connection (share_of, raw bytes)
    hit = tracker.by_raw.get(data[at + 8:at + 44])
    if hit is None or off_flags & 0x12 == 0x02:
        return False
    if hit[0] is None:  # a connection that closed
        return tracker.straggler(ts, number, off_flags, start < end, hit[1])
    tracker.segment(hit[0], hit[1], ts, number, seq, off_flags & 0x1FF,
                    data[start:end] if start < end else b"", data[at + 7], 0, ack)
    return True


def _finish(an: _Analysis, sc: _Scan, seconds: float) -> PcapReport:
    notes = list(sc.frames.notes)
    if sc.snapped:
        notes.append(f"{sc.snapped} packets were cut short by the capture's snap length "
                     "(capture with -s 0 to keep whole packets)")
    report = _report(an, sc, notes)
    left_out = an.tally.connections - len(report.events)
    if left_out:
        notes.append(f"{left_out} more TLS connections are counted in the summary but not "
                     f"listed (max_events={an.max_events})")
    if an.tracker.dropped_connections:
        notes.append(f"{an.tracker.dropped_connections} packets of new connections ignored: "
                     f"more than {an.limits.max_connections} open connections")
    report.summary["notes"] = notes[:MAX_NOTES]  # type: ignore[index]
    report.summary["seconds"] = round(seconds, 3)  # type: ignore[index]
    return replace(report, notes=tuple(notes))


def _report(an: _Analysis, sc: _Scan, notes: list[str]) -> PcapReport:
    """The listed connections in capture order, numbered among all TLS connections;
    the summary with the groups."""
    an.realize()
    numbers = an.numbering.numbers([*an.kept, *an.groups.orders()])
    built = an.built
    if built is None:
        built = {order: (event_of(kept, numbers[order]), None) for order, kept in an.kept.items()}
    events = [built[order][0] for order in sorted(built)]
    texts = [built[order][1] for order in sorted(built)]
    events_json = (tuple(t for t in texts if t is not None) if an.rendered
                   and None not in texts else None)
    tally, frames = an.tally, sc.frames
    summary: dict[str, Any] = {
        "capture": {"format": frames.format, "reader": frames.reader, "packets": frames.packets,
                    "bytes": frames.bytes_read,
                    "link_types": sorted(LINKTYPE_NAMES.get(t, f"unsupported ({t})") for t in frames.linktypes),
                    "first_packet": _iso(sc.first_ts), "last_packet": _iso(sc.last_ts)},
        "tcp_connections": an.tracker.connections_seen,
        "tls_connections": tally.connections,
        "non_tls_connections": an.non_tls,
        "handshakes": {k: tally.outcomes.get(k, 0) for k in ("ok", "failed", "incomplete", "unknown")},
        "causes": tally.cause_counts(),
        "servers": tally.top(1),
        "sni": tally.top(2),
        "retransmits": an.retransmits,
        "gaps": an.gaps,
        "skipped_packets": dict(sc.counts),
        "events_listed": len(events),
        "events_left_out": tally.connections - len(events),
        "severities": dict(sorted(an.groups.severities.items())),
        "groups": an.groups.to_json(numbers),
        "notes": notes[:MAX_NOTES],
        "seconds": 0.0,
    }
    return PcapReport(summary=summary, events=tuple(events), notes=tuple(notes),
                      events_json=events_json)


def event_of(kept: _Kept, number: int) -> ConnectionEvent:
    """A listed connection (realized) as the event numbered ``number``."""
    details, outcome = kept.details, kept.outcome
    assert details is not None  # realized
    steps = str(details["summary"]).partition(": ")[2]
    details["summary"] = f"{outcome}: {steps}"  # the judgement may have failed an "ok"
    server = details.pop("_server")
    return ConnectionEvent(id=number, client=details.pop("_client"), server=server,
                           sni=kept.sni, outcome=outcome, findings=kept.findings or (),
                           details=details)


_IPV4 = Struct(">BxHxxHBB2x4s4s")  # RFC 791: version/IHL, total length, flags/fragment, TTL, protocol, addresses
_TCP_HEADER = Struct(">HHIIH")
# From the IPv4 total length (frame offset 16) to the TCP offset/flags (48), for an
# Ethernet frame with a 20-byte IPv4 header: total, flags/fragment, TTL, protocol, seq, ack
_FAST = Struct(">HxxHBB14xIIH")  # RFC 9293 §3.1: ports, sequence, acknowledgment, offset/flags
# From the IPv6 payload length (RFC 8200 §3, header offset 4) to the TCP offset/flags:
# payload length, (next header, hop limit, addresses, ports), sequence, acknowledgment
_FAST6 = Struct(">H38xIIH")
_Segment = tuple[str, str, int, int, int, int, int, int, int, int, bytes]


def _tcp_segment(linktype: int, data: bytes) -> _Segment | str:
    """One frame's TCP segment: (src, dst, ttl, IP payload length (-1: IPv6), sport, dport,
    seq, ack, flags (9 bits), data offset in words, payload), or why it is skipped
    ("not_ip", "not_tcp", "not_tcp_or_fragment", "undecodable").

    IPv4 and TCP headers are read by hand at their offset in the frame (one struct each),
    the per-packet hot path: ~10x faster than dpkt's objects. TCP as dpkt reads it: None
    where dpkt raises (under 20 bytes, a data offset below 5 words); options past the end
    of the segment leave an empty payload. IPv6 goes through dpkt."""
    if linktype == 1 and len(data) >= 34 and data[12] == 8 and data[13] == 0:
        o = 14  # Ethernet II carrying IPv4, untagged: the common case, no copy of the frame
    else:
        got = ip_payload(linktype, data)
        if got is None:
            return "not_ip"
        if got[0] == 6:
            return _tcp6(got[1])
        data, o = got[1], 0
    if len(data) - o < 20:
        return "not_tcp_or_fragment"
    ver_ihl, total, frag, ttl, proto, src, dst = _IPV4.unpack_from(data, o)
    ihl = (ver_ihl & 0x0F) * 4
    if ihl < 20 or proto != 6 or total < ihl or frag & 0x3FFF:
        return "not_tcp_or_fragment"  # not TCP, a broken header, or a fragment (not reassembled)
    t, end = o + ihl, min(o + total, len(data))
    if end - t < 20:
        return "undecodable"
    sport, dport, seq, ack, off_flags = _TCP_HEADER.unpack_from(data, t)
    off = off_flags >> 12
    if off < 5:
        return "undecodable"
    return (_addr4(src), _addr4(dst), ttl, total - ihl, sport, dport, seq, ack,
            off_flags & 0x1FF, off, data[t + off * 4:end] if t + off * 4 < end else b"")


def _tcp6(pkt: bytes) -> _Segment | str:
    """An IPv6 packet's TCP segment. A 40-byte header followed by TCP (the common case)
    is read by hand as dpkt reads it (a segment under 20 bytes or with a data offset
    below 5 words is "not_tcp" there); extension headers and a zero payload length
    (jumbogram, segmentation offload) go through dpkt."""
    if len(pkt) >= 60 and pkt[6] == 6 and (plen := pkt[4] << 8 | pkt[5]):
        end = 40 + plen
        if end < 60:
            return "not_tcp"
        sport, dport, seq, ack, off_flags = _TCP_HEADER.unpack_from(pkt, 40)
        off = off_flags >> 12
        if off < 5:
            return "not_tcp"
        start = 40 + off * 4
        return (_addr6(pkt[8:24]), _addr6(pkt[24:40]), pkt[7], -1, sport, dport, seq, ack,
                off_flags & 0x1FF, off, pkt[start:end] if start < end else b"")
    return _tcp6_dpkt(pkt)


def _tcp6_dpkt(pkt: bytes) -> _Segment | str:
    import dpkt  # here: only IPv6 with extension headers needs it (a tenth of the start-up)

    try:
        ip = dpkt.ip6.IP6(pkt)
        tcp = ip.data
        if not isinstance(tcp, dpkt.tcp.TCP):
            return "not_tcp"
        return (inet_ntop(AF_INET6, ip.src), inet_ntop(AF_INET6, ip.dst),
                ip.hlim, -1, tcp.sport, tcp.dport, tcp.seq, tcp.ack, tcp.flags, tcp.off,
                bytes(tcp.data))
    except (dpkt.UnpackError, ValueError, OSError, struct_error):
        return "undecodable"


# inet_ntop, memoised: a capture has few distinct addresses and this runs twice per new
# connection. Bounded (least recently used out past 4096 addresses).
@lru_cache(maxsize=4096)
def _addr4(raw: bytes) -> str:
    return inet_ntop(AF_INET, raw)


@lru_cache(maxsize=4096)
def _addr6(raw: bytes) -> str:
    return inet_ntop(AF_INET6, raw)


def _iso(t: float | None) -> str | None:
    return datetime.fromtimestamp(t, UTC).isoformat() if t is not None else None


def _ep(addr: tuple[str, int]) -> str:
    host, port = addr
    return f"[{host}]:{port}" if ":" in host else f"{host}:{port}"


def _ms(a: float | None, b: float | None) -> float | None:
    return None if a is None or b is None else round((b - a) * 1000, 3)


def _sides(conn: TcpConnection, st: ConnState,
           end_ts: float) -> tuple[Sides, tuple[str, int], tuple[str, int]]:
    """Who is the client: the SYN sender, else the ClientHello sender, else the higher port."""
    client_is_a = conn.syn_from_a
    if client_is_a is None:
        client_is_a = st.ch_from_a if st.ch_from_a is not None else conn.a[1] >= conn.b[1]
    client, server = (conn.a, conn.b) if client_is_a else (conn.b, conn.a)
    rst = None  # the first RST
    closed_by = []  # who sent each FIN
    for e in conn.control:
        if e.kind == "FIN":
            closed_by.append("client" if e.from_a == client_is_a else "server")
        elif e.kind == "RST" and rst is None:
            rst = e
    rst_by = None if rst is None else "client" if rst.from_a == client_is_a else "server"
    server_half = conn.b_to_a if client_is_a else conn.a_to_b
    injected = bool(rst and rst_by == "server" and rst.ttl is not None
                    and server_half.ttls and rst.ttl not in server_half.ttls)
    answer, syns, waited = _syn_answer(conn, client_is_a, end_ts)
    sides = sides_of(client_is_a, server[0], server[1], rst_by, rst.number if rst else 0,
                     injected, tuple(closed_by), server_half.delivered, answer, syns, waited)
    return sides, client, server


def _syn_answer(conn: TcpConnection, client_is_a: bool,
                end_ts: float) -> tuple[str | None, int, float]:
    """(what answered the client's SYN, SYNs sent, seconds from the first SYN to the
    answer or to the end of the capture); (None, 0, 0.0) when no SYN is in the capture."""
    syns = [e for e in conn.control if e.kind == "SYN" and e.from_a == client_is_a]
    if not syns:
        return None, 0, 0.0
    client_half = conn.a_to_b if client_is_a else conn.b_to_a
    if client_half.segments:
        return "syn-ack", len(syns), 0.0  # TCP sends data only once connected
    for e in conn.control:
        if e.from_a != client_is_a and e.kind in ("SYN-ACK", "RST"):
            return ("syn-ack" if e.kind == "SYN-ACK" else "rst"), len(syns), e.ts - syns[0].ts
    # Zeek letters: upper case from a, lower case from b. Any packet from the server means
    # it answered, and the capture missed the SYN-ACK.
    from_server = str.islower if client_is_a else str.isupper
    if any(from_server(c) for c in conn.history):
        return "syn-ack", len(syns), 0.0
    return "none", len(syns), max(end_ts, conn.last_ts) - syns[0].ts


def _history(conn: TcpConnection, st: ConnState, sides: Sides) -> list[dict[str, Any]]:
    t0, client_is_a = conn.first_ts, sides.client_is_a
    history: list[dict[str, Any]] = [
        {"t_ms": round((ev.ts - t0) * 1000, 3), "packet": ev.number,
         "by": "client" if ev.from_a == client_is_a else "server", "what": ev.kind}
        for ev in conn.control]
    for ts, number, from_a, what, count, size in st.history:  # (pcap_tls.ConnState.add)
        item: dict[str, Any] = {"t_ms": round((ts - t0) * 1000, 3), "packet": number,
                                "by": "client" if from_a == client_is_a else "server",
                                "what": what}
        if count > 1:
            item["records"] = count
        if size:
            item["bytes"] = size
        history.append(item)
    history.sort(key=_IN_ORDER)
    if st.history_dropped:
        history.append({"what": f"... {st.history_dropped} more", "by": "", "packet": None,
                        "t_ms": None})
    return history


# A step's place: its frame, then its time (both set on every step sorted; the "... more"
# line, whose are None, comes after the sort). One C call per step.
_IN_ORDER = itemgetter("packet", "t_ms")


def _outcome(conn: TcpConnection, st: ConnState, complete: bool, fatal: bool, sides: Sides,
             end_ts: float) -> str:
    if sides.syn_answer in ("none", "rst"):
        # No TCP connection: refused, or no answer while the capture went on for a while
        # (or the client retried its SYN, or gave up). Otherwise the capture stopped first.
        gave_up = sides.syns > 1 or sides.reset_by == "client" or bool(sides.closed_by)
        answered = sides.syn_answer == "rst" or gave_up or sides.waited >= SILENCE
        return "failed" if answered else "incomplete"
    server_kind = st.kinds.get(not sides.client_is_a)
    if complete:
        return "ok"
    if st.client_hello is None or (st.lost and not fatal and server_kind not in ("http", "plaintext")):
        return "unknown"  # the handshake is not (fully) in the capture
    if fatal or conn.closed or server_kind in ("http", "plaintext"):
        return "failed"
    if sides.server_bytes == 0 and st.ch_ts is not None and (
            sides.reset_by == "client" or "client" in sides.closed_by
            or max(end_ts, conn.last_ts) - st.ch_ts >= SILENCE):
        return "failed"  # ClientHello, then silence: the client gave up or the capture went on
    return "incomplete"


def _notes(conn: TcpConnection, st: ConnState, sides: Sides, outcome: str) -> list[str]:
    notes = list(st.notes)
    notes.extend(f"{sides.role(from_a)} stream: {why}" for from_a, why in st.lost.items())
    if conn.a_to_b.started_mid_stream or conn.b_to_a.started_mid_stream:
        notes.append("the capture starts in the middle of this connection")
    if outcome == "incomplete":
        notes.append("the capture ends before the handshake does")
    if sides.syn_answer == "none":
        notes.append(f"the client's SYN got no answer ({sides.syns} sent, "
                     f"{sides.waited:.1f} s in the capture)")
    elif sides.syn_answer == "rst":
        notes.append("the SYN was answered by a reset: nothing accepted the connection")
    return notes[:20]


def _offered(st: ConnState) -> dict[str, Any] | None:
    ch = st.client_hello
    if ch is None:
        return None
    got = _OFFERED.get(id(ch))
    if got is None or got[0] is not ch:  # hellos of one shape are one object (hello_cache)
        if len(_OFFERED) >= 4096:
            _OFFERED.clear()
        got = _OFFERED[id(ch)] = (ch, (
            tuple(version_name(v) for v in ch.versions),
            tuple(name_of_suite(s) for s in ch.cipher_suites if s <= 0xFFFF)[:100],
            tuple(ch.alpn)[:16], tuple(name_of(NamedGroup, g) for g in ch.groups)[:32],
            tuple(name_of(ExtensionType, int(e.type)) for e in ch.extensions)[:40]))
    versions, suites, alpn, groups, extensions = got[1]
    return {"versions": list(versions), "cipher_suites": list(suites), "sni": ch.sni,
            "alpn": list(alpn), "groups": list(groups), "extensions": list(extensions)}


# id(hello) -> (the hello, its names): the hello is kept, so its id is not reused meanwhile
_OFFERED: dict[int, tuple[Any, tuple[tuple[str, ...], ...]]] = {}


def _timings(conn: TcpConnection, st: ConnState, complete: bool) -> dict[str, float | None]:
    syn = next((e for e in conn.control if e.kind == "SYN"), None)
    synack = next((e for e in conn.control if e.kind == "SYN-ACK"), None)
    return {"tcp_rtt_ms": _ms(syn.ts if syn else None, synack.ts if synack else None),
            "handshake_rtt_ms": _ms(st.ch_ts, st.sh_ts or st.first_server_byte_ts),
            "handshake_ms": _ms(st.ch_ts, st.done_ts) if complete else None,
            "duration_ms": _ms(conn.first_ts, conn.last_ts)}


def _no_tcp(conn: TcpConnection) -> bool:
    """No byte either way and the SYN answered by nothing or by a reset."""
    if conn.a_to_b.delivered or conn.b_to_a.delivered or conn.syn_from_a is None:
        return False
    return _syn_answer(conn, conn.syn_from_a, conn.last_ts)[0] in ("none", "rst")


@dataclass(slots=True)
class _Facts:
    """One closed connection's roles, exchange and outcome before the judgement."""

    sides: Sides
    client: tuple[str, int]
    server: str
    ex: Exchange
    outcome: str
    start_ts: float
    sni: str | None


def _facts(conn: TcpConnection, st: ConnState, sides: Sides, client: tuple[str, int],
           server: str, end_ts: float) -> _Facts:
    ex = exchange(st, sides)
    fatal = any(a.fatal for a in ex.alerts)
    return _Facts(sides=sides, client=client, server=server, ex=ex,
                  outcome=_outcome(conn, st, bool(ex.complete), fatal, sides, end_ts),
                  start_ts=conn.control[0].ts if conn.control else conn.first_ts,
                  sni=ex.offer.sni if st.client_hello else None)


def _details(conn: TcpConnection, st: ConnState, sides: Sides, client: tuple[str, int],
             server: str, outcome: str, start_ts: float) -> dict[str, Any]:
    """The JSON-ready rest of one event (kept only for the connections listed): read
    from the connection and its state (what its Exchange is made of, without one)."""
    sh = st.server_hello
    history = _history(conn, st, sides)
    client_half = conn.a_to_b if sides.client_is_a else conn.b_to_a
    server_half = conn.b_to_a if sides.client_is_a else conn.a_to_b
    return {
        "_client": _ep(client), "_server": server,
        "start": datetime.fromtimestamp(start_ts, UTC).isoformat(),
        "summary": _one_line(history, outcome),
        # (Zeek's letters are ASCII: swapping the case of the whole is swapping each's)
        "zeek_history": conn.history if sides.client_is_a else conn.history.swapcase(),
        "history": history, "starttls": st.starttls, "offered": _offered(st),
        "chosen": None if sh is None else {
            "version": version_name(sh.version), "cipher_suite": name_of_suite(sh.cipher_suite),
            "alpn": sh.alpn, "hello_retry_request": st.hrr},
        "certificates": [_cert_json(der) for der in st.server_certs[:10]],
        # (as capture.exchange makes its alerts: sender's role, level, ..., frame)
        "alerts": [{"by": sides.role(a.from_a), "level": "fatal" if a.level == 2 else "warning",
                    "description": name_of(AlertDescription, a.description),
                    "code": a.description, "after": a.after, "packet": a.number}
                   for a in st.alerts],
        "timings": _timings(conn, st, st.handshake_complete()),
        "transport": {"packets": conn.packets, "client_bytes": client_half.delivered,
                      "server_bytes": server_half.delivered,
                      "retransmits": client_half.retransmits + server_half.retransmits,
                      "gaps": [{"by": sides.role(h is conn.a_to_b), "offset": o, "missing": m,
                                "packet": n}
                               for h in (conn.a_to_b, conn.b_to_a) for (o, m, n) in h.gaps][:20],
                      "closed_by": {"fin": list(sides.closed_by), "rst": sides.reset_by}},
        "notes": _notes(conn, st, sides, outcome),
    }


def _steps(conn: TcpConnection, st: ConnState, sides: Sides) -> str:
    """The one-line summary without its outcome (``_one_line``'s part after ": ")."""
    return _one_line(_history(conn, st, sides), "").partition(": ")[2]


def _one_line(history: list[dict[str, Any]], outcome: str) -> str:
    parts = []
    for h in history:
        if h["what"] in ("SYN", "SYN-ACK") or not h["by"]:
            continue
        parts.append(f"{h['by']}: {h['what']}")
        if len(parts) >= 8:
            parts.append("...")
            break
    if not parts:  # no TCP connection: the SYNs and what answered them
        syns = sum(1 for h in history if h["what"] == "SYN")
        parts.append(f"client: SYN{f' x{syns}' if syns > 1 else ''}")
        parts.append("server: RST" if any(h["what"] == "RST" and h["by"] == "server"
                                          for h in history) else "no answer")
    return f"{outcome}: " + " > ".join(parts)


def _cert_json(der: bytes) -> dict[str, Any]:
    c = dict(_cert_summary(der))  # a copy: the cached dict is shared
    if "dns_names" in c:
        c["dns_names"] = list(c["dns_names"])
    return c


@lru_cache(maxsize=512)  # captures repeat the same server certificates in every connection
def _cert_summary(der: bytes) -> dict[str, Any]:
    from ..pki.certinfo import CertInfo, load_der

    try:
        info = CertInfo.of(load_der(der))
    except Exception as exc:  # malformed certificate bytes are data, not a crash
        return {"error": f"unparseable certificate: {str(exc)[:120]}", "bytes": len(der)}
    return {"subject": info.subject, "issuer": info.issuer, "not_before": info.not_before.isoformat(),
            "not_after": info.not_after.isoformat(), "dns_names": list(info.dns_names)[:20],
            "self_signed": info.self_signed, "key": f"{info.key_type} {info.key_bits}",
            "sha256": info.sha256}
