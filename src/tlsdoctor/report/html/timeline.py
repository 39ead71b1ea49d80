"""One endpoint's history as a timeline: a mark per check, oldest on the left, coloured by
outcome, with where it broke (it worked, then did not) and where it was fixed (the
reverse) marked above. Geometry only; ``fleet_macros.timeline_svg`` draws it.

Built from history JSON: the objects ``fleet status --json`` lists per endpoint
(``EndpointState.to_json()``: ``run``, ``checked_at``, ``outcome``, ``root_cause``...), in
any order. "Worked" means ok or risky, as ``fleet diff`` counts ``newly_failing`` and
``recovered``. The checks are evenly spaced (one column per check, not per hour): runs
are hours or weeks apart, and each must stay readable; each mark's tooltip and the
events under the drawing give the times.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .chain import when_text
from .fields import records

WORKS = ("ok", "risky")
WIDTH, HEIGHT, LEFT, RIGHT, MAX_STEP = 900, 100, 40, 40, 110
BAND_Y, EVENT_Y, RUN_Y = 62, 22, 92
MAX_MARKS = 200  # the newest checks drawn; older ones are in the table under it


@dataclass(frozen=True, slots=True, kw_only=True)
class Mark:
    x: int
    outcome: str  # ok / risky / fails / unknown
    run: str
    when: str
    title: str  # the tooltip: run, time, outcome and cause
    labelled: bool  # its run id is printed under it


@dataclass(frozen=True, slots=True, kw_only=True)
class Event:
    kind: str  # "broke" or "fixed"
    x: int
    run: str
    when: str
    detail: str  # "ok -> fails: cert_expired"


@dataclass(frozen=True, slots=True, kw_only=True)
class Timeline:
    marks: tuple[Mark, ...]  # oldest first
    segments: tuple[tuple[int, int, str], ...]  # (x1, x2, outcome held between two checks)
    events: tuple[Event, ...]
    title: str
    span: str  # "from <first check> to <last check>" ("" when never checked)
    width: int = WIDTH
    height: int = HEIGHT
    band_y: int = BAND_Y
    event_y: int = EVENT_Y
    run_y: int = RUN_Y


def _key(check: Mapping[str, Any]) -> tuple[int, str]:
    run = check.get("run")
    return (run if isinstance(run, int) else -1, str(check.get("checked_at") or ""))


def _cause(check: Mapping[str, Any]) -> str:
    cause = check.get("root_cause") or (f"error: {check['error']}" if check.get("error") else "")
    return str(cause or "")


def _outcome(check: Mapping[str, Any]) -> str:
    outcome = check.get("outcome")
    return outcome if outcome in ("ok", "risky", "fails", "unknown") else "unknown"


def _positions(n: int) -> list[int]:
    if n <= 1:
        return [LEFT + 10] * n
    step = min(MAX_STEP, (WIDTH - LEFT - RIGHT) / (n - 1))
    return [round(LEFT + i * step) for i in range(n)]


def _event(before: Mapping[str, Any], after: Mapping[str, Any], x: int) -> Event | None:
    a, b = _outcome(before), _outcome(after)
    if (a in WORKS) == (b in WORKS):
        return None
    broke = b not in WORKS
    detail = f"{a} -> {b}" + (f": {_cause(after)}" if broke and _cause(after) else "")
    if not broke and _cause(before):
        detail = f"{_cause(before)} -> {b}"
    return Event(kind="broke" if broke else "fixed", x=x, run=str(after.get("run", "")),
                 when=when_text(after.get("checked_at")), detail=detail)


def build(history: Sequence[Mapping[str, Any]] | Any) -> Timeline:
    """The timeline of one endpoint's checks (records without a result are skipped)."""
    checks = sorted((c for c in records(history) if c.get("result") is not None
                     or c.get("checked_at")), key=_key)[-MAX_MARKS:]
    xs = _positions(len(checks))
    every = max(1, -(-len(checks) // 10))  # at most about ten labels under the axis
    events = [e for i in range(1, len(checks))
              if (e := _event(checks[i - 1], checks[i], xs[i])) is not None]
    at_event = {e.x for e in events}
    marks = []
    for i, (c, x) in enumerate(zip(checks, xs, strict=True)):
        when, outcome = when_text(c.get("checked_at")), _outcome(c)
        cause = _cause(c)
        marks.append(Mark(
            x=x, outcome=outcome, run=str(c.get("run", "")), when=when,
            title=f"run {c.get('run', '?')}, {when}: {outcome}" + (f" ({cause})" if cause else ""),
            labelled=i % every == 0 or i == len(checks) - 1 or x in at_event))
    segments = tuple((marks[i].x, marks[i + 1].x, marks[i].outcome) for i in range(len(marks) - 1))
    broke, fixed = (sum(e.kind == k for e in events) for k in ("broke", "fixed"))
    title = (f"{len(marks)} check(s), oldest on the left: broke {broke} time(s), fixed "
             f"{fixed} time(s)") if marks else "never checked"
    span = f"from {marks[0].when} to {marks[-1].when}" if len(marks) > 1 else \
        (f"at {marks[0].when}" if marks else "")
    return Timeline(marks=tuple(marks), segments=segments, events=tuple(events), title=title,
                    span=span)
