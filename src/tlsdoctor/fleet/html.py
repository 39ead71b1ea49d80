"""``fleet export --html``: the fleet's current state as one self-contained page.

Reads what the page shows from the store: the status (the same endpoints and filters as
``fleet status``), the changes against the run before (``fleet diff``), each endpoint's
stored report one at a time (for its leaf certificate's name, and, for the endpoints that
need action, the findings with their fixes) and those endpoints' histories. Renders with
``tlsdoctor.report.html.fleet``: the templates, styles and escaping of every other report.
"""

from __future__ import annotations

from typing import Any

from ..report.html.fleet import MAX_DETAILED, ORDER, leaf_names, render_fleet
from .changes import diff_since_previous
from .records import RunInfo
from .status import Filters, fleet_status
from .store import Store

NEEDS_ACTION = ("fails", "unknown", "risky")
HISTORY = 50  # checks drawn on each endpoint's timeline


def _diff(store: Store, run: RunInfo | None, shown: set[str]) -> dict[str, Any] | None:
    """``fleet diff --json`` from the run before to ``run``, for the endpoints shown."""
    found = diff_since_previous(store, run)
    if found is None:  # no run, or the first one: nothing to compare with
        return None
    diff = found.to_json()
    diff["changes"] = [c for c in diff["changes"] if c["endpoint"] in shown]
    return diff


def export_html(store: Store, *, run_id: int | None = None, filters: Filters | None = None,
                now: float | None = None) -> str:
    """One HTML page: the endpoints of run ``run_id`` (default: the latest) that pass
    ``filters``, counted by outcome, cause and party; what changed since the run before;
    the certificates by days to expiry; and each endpoint that needs action in full (its
    verdict, timeline, findings and fixes; the first ``MAX_DETAILED``, worst first)."""
    status = fleet_status(store, run_id=run_id, filters=filters)
    names: dict[str, tuple[str, str]] = {}
    details: list[tuple[dict[str, Any], dict[str, Any], list[dict[str, Any]]]] = []
    more = 0
    worst_first = sorted(status.states,
                         key=lambda s: ORDER.index(s.outcome if s.checked else "unchecked"))
    for stored in store.reports(worst_first):  # one report in memory at a time
        st = stored.state
        leaf = leaf_names(stored.report)
        if leaf is not None and st.summary is not None and st.summary.leaf_sha256:
            names.setdefault(st.summary.leaf_sha256, leaf)
        if st.outcome not in NEEDS_ACTION:
            continue
        if len(details) >= MAX_DETAILED:
            more += 1
            continue
        report = stored.report or {}
        # only what the page shows of it: a page of hundreds of endpoints stays small
        kept = {"summary": report.get("summary"), "findings": report.get("findings")}
        history = [h.to_json() for h in store.history(st.endpoint, limit=HISTORY)]
        details.append((st.to_json(), kept, history))
    shown = {st.endpoint for st in status.states}
    return render_fleet(status.to_json(), diff=_diff(store, status.run, shown),
                        details=details, more=more, names=names, now=now)
