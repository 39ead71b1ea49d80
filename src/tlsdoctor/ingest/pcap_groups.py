"""What ``pcap`` reports about every connection, in memory that does not grow with them.

A capture can hold millions of connections; the report needs, for all of them, only
counts and a few examples: per server and cause how many connections, the first
connection numbers, the SNI names, one example (its one-line summary and finding), and
which finding severities occurred (the exit status). ``Groups`` keeps exactly that, as
each connection is judged. Connection numbers are given in capture order (the order in
which connections started) among TLS connections only, which is known only at the end:
``Numbering`` keeps one bit per frame number (a connection's opening order is the number
of its first frame: whether that connection turned out to be TLS) and turns an opening
order into that number.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ..finding import Finding, finding_to_json

__all__ = ["MAX_GROUP_IDS", "MAX_GROUP_NAMES", "Groups", "Numbering"]

MAX_GROUP_IDS = 6  # connection numbers listed per group (the first ones in the capture)
MAX_GROUP_NAMES = 64  # SNI names kept per server group
MAX_GROUP_SERVERS = 10_000  # servers grouped; more are counted under "(others)"


class Numbering:
    """Opening order (the first frame number of a TCP connection) -> number among TLS
    connections."""

    def __init__(self) -> None:
        self._bits = bytearray()

    def mark(self, order: int) -> None:
        """The connection opened ``order``-th carried TLS."""
        byte = order >> 3
        if byte >= len(self._bits):
            self._bits.extend(bytes(byte + 1 - len(self._bits) + 4096))
        self._bits[byte] |= 1 << (order & 7)

    def merge(self, other: Numbering) -> None:
        """Another reader's marks (pcap_jobs: the same opening orders, frame numbers)."""
        if len(other._bits) > len(self._bits):
            self._bits.extend(bytes(len(other._bits) - len(self._bits)))
        merged = int.from_bytes(self._bits, "little") | int.from_bytes(other._bits, "little")
        self._bits = bytearray(merged.to_bytes(len(self._bits), "little"))

    def numbers(self, orders: Iterable[int]) -> dict[int, int]:
        """1-based number of each marked opening order, in one pass over the bits."""
        out: dict[int, int] = {}
        counted, done = 0, 0  # set bits in self._bits[:done]
        for order in sorted(set(orders)):
            byte = order >> 3
            if byte > done:
                counted += int.from_bytes(self._bits[done:byte], "little").bit_count()
                done = byte
            below = self._bits[byte] & ((1 << (order & 7)) - 1) if byte < len(self._bits) else 0
            out[order] = counted + below.bit_count() + 1
        return out


@dataclass(slots=True)
class _Group:
    """One cause at one server."""

    count: int = 0
    first: list[int] = field(default_factory=list)  # max-heap (negated) of the first orders
    example: int = -1  # opening order of the example (the first connection)
    summary: str = ""
    finding: Finding | None = None
    outcome: str = ""

    def add(self, order: int) -> None:
        self.count += 1
        if len(self.first) < MAX_GROUP_IDS:
            heapq.heappush(self.first, -order)
        elif order < -self.first[0]:
            heapq.heapreplace(self.first, -order)


@dataclass(slots=True)
class _Server:
    """One server's groups: its causes, SNI names, and when its first connection opened."""
    causes: dict[str, _Group] = field(default_factory=dict)
    names: set[str] = field(default_factory=set)
    more_names: bool = False
    first: int = -1  # opening order of its first grouped connection


class Groups:
    """Failed connections grouped by server and root cause; working ones by server and
    each risk they show. ``severities`` counts connections per finding severity."""

    def __init__(self) -> None:
        self._by: dict[str, dict[str, _Server]] = {"failed": {}, "ok": {}}
        self.severities: dict[str, int] = {}

    def wants_example(self, server: str, outcome: str, findings: tuple[Finding, ...],
                      order: int) -> bool:
        """Whether this connection becomes an example (its summary line is then needed)."""
        servers = self._by.get(outcome)
        if servers is None:
            return False
        srv = servers.get(server)
        if srv is None:
            return bool(_causes(outcome, findings))
        return any((g := srv.causes.get(c)) is None or order < g.example
                   for c in _causes(outcome, findings))

    def add(self, server: str, sni: str | None, outcome: str, findings: tuple[Finding, ...],
            order: int, summary: str) -> None:
        # ``_value_``: the member's own attribute, not the ``.value`` property (Python
        # code in 3.11, called for every connection).
        for sev in {f.severity._value_ for f in findings}:
            self.severities[sev] = self.severities.get(sev, 0) + 1
        servers = self._by.get(outcome)
        causes = _causes(outcome, findings) if servers is not None else {}
        if servers is None or not causes:
            return
        srv = servers.get(server)
        if srv is None:
            if len(servers) >= MAX_GROUP_SERVERS:
                server = "(others)"
            srv = servers.setdefault(server, _Server(first=order))
        srv.first = min(srv.first, order)
        if sni and sni not in srv.names:
            if len(srv.names) < MAX_GROUP_NAMES:
                srv.names.add(sni)
            else:
                srv.more_names = True
        for cause, finding in causes.items():
            g = srv.causes.get(cause)
            if g is None:
                g = srv.causes[cause] = _Group()
            g.add(order)
            if g.example < 0 or order < g.example:
                g.example, g.summary, g.finding, g.outcome = order, summary, finding, outcome

    def merge(self, other: Groups) -> bool:
        """Add another reader's groups (pcap_jobs): counts add up, the first numbers and
        the example are the earliest of both. False when a bound was reached (servers
        or SNI names: which were kept depends on the order of the whole capture)."""
        for sev, n in other.severities.items():
            self.severities[sev] = self.severities.get(sev, 0) + n
        for outcome, servers in other._by.items():
            mine = self._by[outcome]
            for name, theirs in servers.items():
                srv = mine.get(name)
                if srv is None:
                    mine[name] = theirs
                    continue
                srv.first = min(srv.first, theirs.first)
                srv.names |= theirs.names
                srv.more_names = srv.more_names or theirs.more_names
                for cause, g in theirs.causes.items():
                    _merge_group(srv.causes, cause, g)
            if len(mine) >= MAX_GROUP_SERVERS or any(
                    s.more_names or len(s.names) > MAX_GROUP_NAMES for s in mine.values()):
                return False
        return True

    def orders(self) -> list[int]:
        """Every opening order the report will number."""
        return [o for servers in self._by.values() for srv in servers.values()
                for g in srv.causes.values() for o in (g.example, *(-x for x in g.first))]

    def to_json(self, numbers: dict[int, int]) -> dict[str, Any]:
        """{"failed": {server: {...}}, "ok": {...}}: servers with most grouped connections
        first (ties: the one seen first), within each the causes likewise."""
        out: dict[str, Any] = {}
        for outcome, servers in self._by.items():
            ranked = sorted(servers.items(), key=lambda kv: (
                -sum(g.count for g in kv[1].causes.values()), kv[1].first))
            out[outcome] = {name: _server_json(srv, numbers) for name, srv in ranked}
        return out


def _merge_group(causes: dict[str, _Group], cause: str, theirs: _Group) -> None:
    g = causes.get(cause)
    if g is None:
        causes[cause] = theirs
        return
    g.count += theirs.count
    g.first = [-o for o in heapq.nsmallest(MAX_GROUP_IDS, {-x for x in g.first + theirs.first})]
    heapq.heapify(g.first)
    if theirs.example < g.example:
        g.example, g.summary, g.finding, g.outcome = (theirs.example, theirs.summary,
                                                      theirs.finding, theirs.outcome)


def _causes(outcome: str, findings: tuple[Finding, ...]) -> dict[str, Finding | None]:
    """The groups a connection belongs to: a failed one by its root cause (or
    "unclassified"), a working one under every cause it shows."""
    if outcome == "failed":
        return {findings[0].cause._value_: findings[0]} if findings else {"unclassified": None}
    out: dict[str, Finding | None] = {}
    for f in findings:
        out.setdefault(f.cause._value_, f)
    return out


def _server_json(srv: _Server, numbers: dict[int, int]) -> dict[str, Any]:
    ranked = sorted(srv.causes.items(), key=lambda kv: (-kv[1].count, kv[1].example))
    return {"sni": sorted(srv.names), "sni_left_out": srv.more_names,
            "causes": {cause: {
                "connections": g.count,
                "ids": sorted(numbers[-x] for x in g.first),
                "example": {"id": numbers[g.example], "outcome": g.outcome,
                            "summary": g.summary,
                            "finding": finding_to_json(g.finding) if g.finding else None}}
                for cause, g in ranked}}
