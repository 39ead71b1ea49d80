"""``fleet diff``: what changed between two runs, endpoint by endpoint.

Each endpoint is compared as of run A and as of run B (its latest result up to each run).
Kinds of change, most urgent first: ``newly_failing``, ``cause_changed``,
``outcome_changed``, ``expiring`` (leaf expires within ``warn_days`` of now),
``cert_renewed`` (another leaf that expires later), ``cert_changed``, ``grade_changed``,
``compliance_changed`` (both need ``--scan``), ``recovered``, ``new_endpoint``,
``removed_endpoint``. One endpoint can show several.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from ..errors import UsageError
from .records import EndpointState, RunInfo, iso
from .store import Store
from .summary import worst_exit_code

KINDS = ("newly_failing", "cause_changed", "outcome_changed", "expiring", "cert_renewed",
         "cert_changed", "grade_changed", "compliance_changed", "recovered", "new_endpoint",
         "removed_endpoint")
_WORKS = ("ok", "risky")


@dataclass(frozen=True, slots=True, kw_only=True)
class Change:
    endpoint: str
    kind: str  # one of KINDS
    detail: str  # one line: what it was, what it is
    before: EndpointState | None
    after: EndpointState | None

    def to_json(self) -> dict[str, Any]:
        return {"endpoint": self.endpoint, "kind": self.kind, "detail": self.detail,
                "before": self.before.to_json() if self.before else None,
                "after": self.after.to_json() if self.after else None}


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetDiff:
    before: RunInfo
    after: RunInfo
    changes: tuple[Change, ...]
    warn_days: int

    @property
    def exit_code(self) -> int:
        """The worst outcome now among the endpoints that changed (0: nothing to act on)."""
        return worst_exit_code([c.after.outcome for c in self.changes
                                if c.after is not None and c.after.checked
                                and c.kind != "recovered"])

    def to_json(self) -> dict[str, Any]:
        return {"before": self.before.to_json(), "after": self.after.to_json(),
                "warn_days": self.warn_days, "changes": [c.to_json() for c in self.changes],
                "exit_code": self.exit_code}


def _cause(st: EndpointState) -> str:
    s = st.summary
    if s is None:
        return "not checked"
    return s.root_cause or ("error: " + st.error if st.error else s.outcome)


def _compare(a: EndpointState, b: EndpointState, warn_days: int, now: float) -> list[tuple[str, str]]:
    out: list[tuple[str, str]] = []
    sa, sb = a.summary, b.summary
    if sa is not None and sb is not None:
        if sa.outcome in _WORKS and sb.outcome not in _WORKS:
            out.append(("newly_failing", f"{sa.outcome} -> {sb.outcome}: {_cause(b)}"))
        elif sa.outcome not in _WORKS and sb.outcome in _WORKS:
            out.append(("recovered", f"{_cause(a)} -> {sb.outcome}"))
        elif sa.root_cause != sb.root_cause:
            out.append(("cause_changed", f"{_cause(a)} -> {_cause(b)}"))
        elif sa.outcome != sb.outcome:
            out.append(("outcome_changed", f"{sa.outcome} -> {sb.outcome}"))
        if sa.leaf_sha256 and sb.leaf_sha256 and sa.leaf_sha256 != sb.leaf_sha256:
            later = (sa.leaf_not_after or 0) < (sb.leaf_not_after or 0)
            out.append(("cert_renewed" if later else "cert_changed",
                        f"leaf {sa.leaf_sha256[:16]} (until {iso(sa.leaf_not_after)}) -> "
                        f"{sb.leaf_sha256[:16]} (until {iso(sb.leaf_not_after)})"))
        if sa.grade and sb.grade and sa.grade != sb.grade:
            out.append(("grade_changed", f"{sa.grade} -> {sb.grade}"))
        if sa.compliance is not None and sb.compliance is not None \
                and sa.compliance != sb.compliance:
            out.append(("compliance_changed", f"{_profiles(sa.compliance)} -> "
                                              f"{_profiles(sb.compliance)}"))
    out.extend(_expiring(b, warn_days, now))
    return out


def _profiles(compliance: dict[str, bool]) -> str:
    return ", ".join(f"{k}: {'yes' if v else 'no'}" for k, v in sorted(compliance.items()))


def _expiring(st: EndpointState, warn_days: int, now: float) -> list[tuple[str, str]]:
    days = st.days_left(now)
    if days is not None and 0 <= days < warn_days:
        return [("expiring", f"leaf expires in {days:.0f} day(s), "
                             f"{iso(st.summary.leaf_not_after if st.summary else None)}")]
    return []


def fleet_diff(store: Store, *, before: int | None = None, after: int | None = None,
               warn_days: int = 30, now: float | None = None,
               after_states: Sequence[EndpointState] | None = None) -> FleetDiff:
    """Compare run ``before`` with run ``after`` (default: the last run and the one before).

    ``after_states``: every endpoint state of run ``after``, when the caller has already
    read them (not read again)."""
    if not 0 <= warn_days <= 3650:
        raise UsageError("--warn-days must be between 0 and 3650")
    b = store.run(after) if after is not None else store.latest_run()
    if b is None:
        raise UsageError("no run to compare" if after is None else f"no run {after}")
    a = store.run(before) if before is not None else store.previous_run(b.id)
    if a is None:
        raise UsageError(f"no run before run {b.id} to compare with" if before is None
                         else f"no run {before}")
    now = time.time() if now is None else now
    old = {s.endpoint: s for s in store.states(a.id)}
    changes: list[Change] = []
    for st in store.states(b.id) if after_states is None else after_states:
        prev = old.pop(st.endpoint, None)
        if prev is None:
            kinds = [("new_endpoint", f"{_cause(st)}")] + _expiring(st, warn_days, now)
        else:
            kinds = _compare(prev, st, warn_days, now)
        changes.extend(Change(endpoint=st.endpoint, kind=k, detail=d, before=prev, after=st)
                       for k, d in kinds)
    changes.extend(Change(endpoint=s.endpoint, kind="removed_endpoint", detail=_cause(s),
                          before=s, after=None) for s in old.values())
    changes.sort(key=lambda c: (KINDS.index(c.kind), c.endpoint))
    return FleetDiff(before=a, after=b, changes=tuple(changes), warn_days=warn_days)


def diff_since_previous(store: Store, run: RunInfo | None, *,
                        after_states: Sequence[EndpointState] | None = None) -> FleetDiff | None:
    """``run`` against the run before it; None when there is no run or none before it."""
    if run is None or store.previous_run(run.id) is None:
        return None
    return fleet_diff(store, after=run.id, after_states=after_states)
