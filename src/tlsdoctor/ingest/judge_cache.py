"""The judgement of captured connections, once per distinct evidence.

A capture repeats the same exchange thousands of times (one client, one server, the same
answer), and judging is the largest per-connection cost. Two connections get the same
findings when their evidence is the same, with one exception: frame numbers. An alert's
frame ("server sent fatal alert ... (packet 83)") and the frame of a reset appear in the
findings' words, and differ in every connection.

So the key is the whole evidence (every field of the Evidence and of its Exchange; the
chain by identity, since the chain analysis is cached per chain and minute) with each
frame number replaced by a placeholder, in order. The findings judged for the first
connection of a key carry the placeholders; each connection gets them back with its own
frame numbers written in. The rules read frame numbers only to print them (and their
order, which the placeholders keep); ``tests/ingest/test_pcap_speed.py`` checks that every
capture judged through this table gives what judging each connection afresh gives.
Evidence that cannot be hashed is judged afresh.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import fields, replace
from operator import attrgetter
from typing import Any

from ..evidence import Evidence
from ..finding import Finding, FixStep
from ..probe.outcome import AlertSeen, Exchange, Transport

__all__ = ["CachedJudge", "Plan", "frame_numbers", "numbered", "with_frames"]

Judge = Callable[[Evidence], tuple[Finding, ...]]

MAX_ENTRIES = 4096
# Placeholder frame numbers: far beyond any frame a capture can number (a 4 GiB capture
# holds fewer than 10^9 frames), 13 digits, matched only as a whole number.
_BASE = 7_000_000_000_000
_PLACEHOLDER = re.compile(r"(?<![0-9A-Za-z])7000000000\d{3}(?![0-9A-Za-z])")
_EXCHANGE_FIELDS = tuple(f.name for f in fields(Exchange))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_BY_IDENTITY = ("chain", "chain_at_server_time")  # cached objects: compared by identity
_EXCHANGE_VALUES = attrgetter(*_EXCHANGE_FIELDS)  # every field, in one C call
_EVIDENCE_VALUES = attrgetter(*(n for n in _EVIDENCE_FIELDS
                                if n != "probes" and n not in _BY_IDENTITY))
_IDENTITY_VALUES = attrgetter(*_BY_IDENTITY)
# Fields that hold a dict (Exchange.extra): keyed by their sorted items.
_DICT_FIELDS = tuple(i for i, f in enumerate(fields(Exchange)) if "dict" in str(f.type))
_ALERTS, _TRANSPORT = _EXCHANGE_FIELDS.index("alerts"), _EXCHANGE_FIELDS.index("transport")
# Every field but the frame number, which the key holds as its placeholder.
_ALERT_VALUES = attrgetter(*(f.name for f in fields(AlertSeen) if f.name != "packet"))
_TRANSPORT_VALUES = attrgetter(*(f.name for f in fields(Transport) if f.name != "reset_packet"))


class CachedJudge:
    """``judge`` with a table of findings per distinct (frame-number-free) evidence."""

    def __init__(self, judge: Judge) -> None:
        self.judge = judge
        # key -> (findings, where each mentions a placeholder, the objects compared by
        # identity)
        self._table: dict[tuple[Any, ...], tuple[tuple[Finding, ...], tuple[Plan, ...],
                                                 tuple[object, ...]]] = {}
        self.hits = self.misses = 0

    def __call__(self, ev: Evidence, *, exact: bool = True) -> tuple[Finding, ...]:
        """The findings for ``ev``. ``exact=False``: a cached connection's findings may
        still carry placeholders where frame numbers go (the same causes, severities and
        order; for counting, not for showing)."""
        findings, plans = self.shape(ev)
        if not exact or plans is None:
            return findings
        return with_frames(findings, plans, frame_numbers(ev.probes[0]))

    def shape(self, ev: Evidence) -> tuple[tuple[Finding, ...], tuple[Plan, ...] | None]:
        """The findings for ``ev`` with placeholders where its frame numbers go (in the
        order ``frame_numbers`` gives them), and where each finding mentions one
        (``with_frames`` writes a connection's numbers in); plans None when ``ev`` was
        judged afresh (it cannot be tabled: its own frame numbers are in the words)."""
        if len(ev.probes) != 1:
            return self.judge(ev), None
        ex = ev.probes[0]
        to = frame_numbers(ex)
        key = _key(ev, ex, to)
        if key is None:
            return self.judge(ev), None
        pinned = _IDENTITY_VALUES(ev)
        got = self._table.get(key)
        if got is not None and all(a is b for a, b in zip(got[2], pinned, strict=True)):
            self.hits += 1
        else:
            self.misses += 1
            findings = self.judge(replace(ev, probes=(_placeholders(ex, to),)) if to else ev)
            if len(self._table) >= MAX_ENTRIES:
                self._table.clear()
            plans = tuple(_plan(f) for f in findings) if to else ()
            got = self._table[key] = (findings, plans, pinned)  # pinned: ids stay unique
        return got[0], got[1]


def with_frames(findings: tuple[Finding, ...], plans: tuple[Plan, ...],
                to: dict[int, int]) -> tuple[Finding, ...]:
    """Tabled findings (``CachedJudge.shape``) with a connection's frame numbers (``to``:
    ``frame_numbers`` of its exchange) written where their placeholders are."""
    if not to or not any(plans):
        return findings
    frames = {str(p): str(n) for n, p in to.items()}
    return tuple(_with_frames(f, plan, frames) if plan else f
                 for f, plan in zip(findings, plans, strict=True))


def frame_numbers(ex: Exchange) -> dict[int, int]:
    """Each frame number the exchange mentions -> its placeholder (same order)."""
    tr = ex.transport
    return numbered([a.packet for a in ex.alerts], tr.reset_packet if tr is not None else 0)


def numbered(alert_frames: list[int], reset_frame: int) -> dict[int, int]:
    """``frame_numbers`` of an exchange whose alerts came in ``alert_frames`` and whose
    reset in ``reset_frame`` (0: none), from what it is made of (pcap: a listed
    connection counted from the verdict table has no Exchange)."""
    numbers = {n for n in alert_frames if n}
    if reset_frame:
        numbers.add(reset_frame)
    return {n: _BASE + i for i, n in enumerate(sorted(numbers))}


def _placeholders(ex: Exchange, to: dict[int, int]) -> Exchange:
    """``ex`` with its frame numbers replaced by their placeholders."""
    tr = ex.transport
    alerts = tuple(replace(a, packet=to[a.packet]) if a.packet else a for a in ex.alerts)
    if tr is not None and tr.reset_packet:
        tr = replace(tr, reset_packet=to[tr.reset_packet])
    return replace(ex, alerts=alerts, transport=tr)


def _key(ev: Evidence, ex: Exchange, to: dict[int, int]) -> tuple[Any, ...] | None:
    """Every field of the evidence and of its exchange, frame numbers as placeholders
    (dicts as sorted items; the chain analyses by identity), or None when some value
    cannot be hashed."""
    values = list(_EXCHANGE_VALUES(ex))
    for i in _DICT_FIELDS:
        if isinstance(values[i], dict):
            values[i] = tuple(sorted(values[i].items()))
    if to:
        values[_ALERTS] = tuple((*_ALERT_VALUES(a), to.get(a.packet, 0)) for a in ex.alerts)
        tr = ex.transport
        if tr is not None:
            values[_TRANSPORT] = (*_TRANSPORT_VALUES(tr), to.get(tr.reset_packet, 0))
    key = (tuple(values), _EVIDENCE_VALUES(ev), tuple(map(id, _IDENTITY_VALUES(ev))))
    try:
        hash(key)
    except TypeError:
        return None
    return key


def _text(value: str, frames: dict[str, str]) -> str:
    if "7000000000" not in value:
        return value
    return _PLACEHOLDER.sub(lambda m: frames.get(m.group(), m.group()), value)


def _value(value: object, frames: dict[str, str]) -> object:
    if isinstance(value, str):
        return _text(value, frames)
    if isinstance(value, int) and not isinstance(value, bool) and str(value) in frames:
        return int(frames[str(value)])
    if isinstance(value, tuple | list):
        return type(value)(_value(v, frames) for v in value)
    if isinstance(value, dict):
        return {k: _value(v, frames) for k, v in value.items()}
    return value


Plan = tuple[tuple[str, Any], ...]  # (field, index or key) of each value to rewrite


def _has(value: object) -> bool:
    return "7000000000" in (value if isinstance(value, str) else repr(value))


def _plan(f: Finding) -> Plan:
    """Where the finding mentions a placeholder: worked out once per cached finding, so a
    hit rewrites only those values."""
    plan: list[tuple[str, Any]] = [(name, None) for name in ("title", "explanation")
                                   if _has(getattr(f, name))]
    plan += [("evidence", i) for i, line in enumerate(f.evidence) if _has(line)]
    plan += [("facts", k) for k, v in f.facts.items() if _has(v)]
    plan += [("fix", i) for i, step in enumerate(f.fix) if _has(step.text) or _has(step.code)]
    return tuple(plan)


def _with_frames(f: Finding, plan: Plan, frames: dict[str, str]) -> Finding:
    """A cached finding with this connection's frame numbers written in."""
    changes: dict[str, Any] = {}
    evidence: list[str] | None = None
    facts: dict[str, Any] | None = None
    fix: list[FixStep] | None = None
    for name, where in plan:
        if name == "evidence":
            evidence = evidence or list(f.evidence)
            evidence[where] = _text(evidence[where], frames)
        elif name == "facts":
            facts = facts or dict(f.facts)
            facts[where] = _value(facts[where], frames)
        elif name == "fix":
            fix = fix or list(f.fix)
            step = fix[where]
            fix[where] = FixStep(text=_text(step.text, frames), code=_text(step.code, frames),
                                 applies_to=step.applies_to)
        else:
            changes[name] = _text(getattr(f, name), frames)
    if evidence is not None:
        changes["evidence"] = tuple(evidence)
    if facts is not None:
        changes["facts"] = facts
    if fix is not None:
        changes["fix"] = tuple(fix)
    return replace(f, **changes)
