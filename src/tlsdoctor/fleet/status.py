"""``fleet status``: the current state of every endpoint, filtered; and ``fleet export``.

"Current" is the latest run's endpoints, each with its latest result (see Store.states):
an endpoint dropped from the inventory leaves the status but keeps its history.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from ..causes import Cause
from ..errors import UsageError
from .records import EndpointState, RunInfo
from .store import Store
from .summary import OUTCOMES, worst_exit_code

PARTIES = ("server", "client", "network", "either")
_CAUSES = tuple(c.value for c in Cause)


@dataclass(frozen=True, slots=True, kw_only=True)
class Filters:
    """Which endpoints to show; every given filter must match."""

    cause: str | None = None  # any finding (not only the root cause) with this id
    party: str | None = None  # any finding above "info" that this party fixes
    tag: str | None = None
    outcome: str | None = None

    def __post_init__(self) -> None:
        if self.cause is not None and self.cause not in _CAUSES:  # a typo matched nothing
            raise UsageError(f"--cause must be a cause id, one of {', '.join(_CAUSES)}; not "
                             f"{self.cause[:60]!r}")
        if self.party is not None and self.party not in PARTIES:
            raise UsageError(f"--party must be one of {', '.join(PARTIES)}")
        if self.outcome is not None and self.outcome not in OUTCOMES:
            raise UsageError(f"--outcome must be one of {', '.join(OUTCOMES)}")

    def match(self, st: EndpointState) -> bool:
        if self.tag is not None and self.tag not in st.tags:
            return False
        if self.outcome is not None and (not st.checked or st.outcome != self.outcome):
            return False
        if self.cause is not None and not any(f.cause == self.cause for f in st.findings):
            return False
        return self.party is None or any(
            f.who_fixes == self.party and f.severity != "info" for f in st.findings)


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetStatus:
    run: RunInfo | None  # None: the database has no run yet
    states: tuple[EndpointState, ...]  # the endpoints that pass the filters
    total: int  # endpoints in the run before filtering

    @property
    def counts(self) -> dict[str, int]:
        c = Counter(s.outcome if s.checked else "unchecked" for s in self.states)
        return {k: c[k] for k in (*OUTCOMES, "unchecked") if c[k]}

    @property
    def exit_code(self) -> int:
        return worst_exit_code([s.outcome for s in self.states if s.checked])

    def to_json(self) -> dict[str, Any]:
        return {"run": self.run.to_json() if self.run else None, "total": self.total,
                "shown": len(self.states), "counts": self.counts,
                "endpoints": [s.to_json() for s in self.states], "exit_code": self.exit_code}


def _pick_run(store: Store, run_id: int | None) -> RunInfo | None:
    if run_id is None:
        return store.latest_run()
    run = store.run(run_id)
    if run is None:
        raise UsageError(f"no run {run_id} in {store.db.url.shown}")
    return run


def fleet_status(store: Store, *, run_id: int | None = None,
                 filters: Filters | None = None) -> FleetStatus:
    """Every endpoint of run ``run_id`` (default: the latest) with its latest result."""
    run = _pick_run(store, run_id)
    if run is None:
        return FleetStatus(run=None, states=(), total=0)
    states = store.states(run.id)
    f = filters or Filters()
    return FleetStatus(run=run, states=tuple(s for s in states if f.match(s)), total=len(states))


CSV_COLUMNS = ("endpoint", "tags", "run", "checked_at", "outcome", "root_cause", "who_fixes",
               "tls_version", "leaf_sha256", "leaf_not_after", "earliest_not_after",
               "handshake_seconds", "seconds", "handshakes", "grade", "error")


def export_lines(store: Store, *, fmt: str, run_id: int | None = None,
                 filters: Filters | None = None) -> Iterator[str]:
    """``json``: one line per endpoint, ``{"endpoint", "tags", "run", "result", "checked_at",
    "outcome", "error", "report": <diagnose --json>, "scan"?}``; ``csv``: a header, then one
    row of the summary columns per endpoint. Reports are read one at a time."""
    if fmt not in ("json", "csv"):
        raise UsageError("export format is json or csv")
    status = fleet_status(store, run_id=run_id, filters=filters)
    if fmt == "json":
        for stored in store.reports(status.states):
            yield json.dumps(stored.to_json(), ensure_ascii=True, separators=(",", ":"))
        return
    yield _csv_row(CSV_COLUMNS)
    for st in status.states:
        row = st.to_json()
        row["tags"] = " ".join(st.tags)
        yield _csv_row(tuple(_cell(row.get(c)) for c in CSV_COLUMNS))


def _cell(value: Any) -> str:
    text = "" if value is None else str(value)
    # A cell starting with = + - @ is a formula to spreadsheet programs (CSV injection):
    # certificate-derived text is untrusted, so such cells are quoted with a leading '.
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def _csv_row(cells: tuple[str, ...]) -> str:
    buf = io.StringIO()
    csv.writer(buf, lineterminator="").writerow(cells)
    return buf.getvalue()
