"""Terminal rendering for ``fleet run|status|diff`` (rich; every stored string is escaped).

Endpoint keys come from the inventory and details from reports that quote certificates:
both go through ``safe.printable`` and into ``rich.text.Text`` (never markup).
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator

from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, Task, TextColumn
from rich.table import Table
from rich.text import Text

from ..report.endpoint_key import short_endpoint
from ..safe import printable
from .changes import FleetDiff
from .records import EndpointState, RunInfo, iso
from .runner import FleetRun, OnProgress, RunProgress
from .status import FleetStatus

_STYLE = {"ok": "green", "risky": "yellow", "fails": "red", "unknown": "magenta"}


def _t(text: object, style: str = "") -> Text:
    return Text(printable(str(text), limit=300, newlines=False), style=style)


def _days(st: EndpointState, now: float) -> Text:
    days = st.days_left(now)
    if days is None:
        return Text("")
    style = "red" if days < 0 else "yellow" if days < 30 else ""
    return Text(f"{days:.0f}", style=style)


def _run_line(run: RunInfo) -> Text:
    state = run.status if run.status != "running" else f"running ({run.done}/{run.planned})"
    return _t(f"run {run.id} · {run.inventory} · started {iso(run.started_at)} · {state}", "bold")


def states_table(states: tuple[EndpointState, ...] | list[EndpointState], now: float) -> Table:
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("outcome", "endpoint", "root cause", "who fixes", "days left", "TLS", "tags"):
        table.add_column(name, no_wrap=name in ("outcome", "days left", "TLS"),
                         overflow="fold", ratio=3 if name == "endpoint" else None)
    for st in states:
        s = st.summary
        outcome = st.outcome if st.checked else "unchecked"
        cause = (s.root_cause if s else None) or (f"error: {st.error}" if st.error else "")
        table.add_row(_t(outcome, _STYLE.get(outcome, "dim")), _t(short_endpoint(st.endpoint)), _t(cause),
                      _t((s.who_fixes if s else None) or ""), _days(st, now),
                      _t((s.tls_version if s else None) or ""), _t(" ".join(st.tags)))
    return table


def render_status(console: Console, status: FleetStatus) -> None:
    if status.run is None:
        console.print("No run yet: start one with 'tlsdoctor fleet run INVENTORY'.")
        return
    console.print(_run_line(status.run))
    counts = ", ".join(f"{n} {k}" for k, n in status.counts.items()) or "nothing to show"
    console.print(_t(f"{len(status.states)} of {status.total} endpoint(s): {counts}"))
    if status.states:
        console.print(states_table(status.states, time.time()))
    for p in status.run.problems:
        console.print(_t(f"inventory line {p.get('line')}: {p.get('reason')}", "yellow"))


def render_diff(console: Console, diff: FleetDiff) -> None:
    console.print(_t(f"run {diff.before.id} ({iso(diff.before.started_at)}) -> run "
                     f"{diff.after.id} ({iso(diff.after.started_at)})", "bold"))
    if not diff.changes:
        console.print("No changes.")
        return
    table = Table(show_edge=False, pad_edge=False, header_style="bold")
    for name in ("change", "endpoint", "detail"):
        table.add_column(name)
    for c in diff.changes:
        style = {"newly_failing": "red", "expiring": "yellow", "recovered": "green"}.get(c.kind, "")
        table.add_row(_t(c.kind, style), _t(short_endpoint(c.endpoint)), _t(c.detail))
    console.print(table)


def render_run(console: Console, result: FleetRun, seconds: float) -> None:
    run = result.run
    counts: dict[str, int] = {}
    for st in result.states:
        key = st.outcome if st.checked else "unchecked"
        counts[key] = counts.get(key, 0) + 1
    resumed = f" (resumed: {result.skipped} already done)" if result.resumed else ""
    console.print(_t(f"run {run.id}: {result.checked} endpoint(s) checked in {seconds:.1f} s"
                     f"{resumed}; " + ", ".join(f"{n} {k}" for k, n in counts.items()), "bold"))
    worst = [st for st in result.states if st.checked and st.outcome in ("fails", "unknown")]
    if worst:
        console.print(states_table(worst[:50], time.time()))
        if len(worst) > 50:
            console.print(f"(+{len(worst) - 50} more: tlsdoctor fleet status --outcome fails)")


class _Rate(ProgressColumn):
    def render(self, task: Task) -> Text:
        p: RunProgress | None = task.fields.get("progress")
        if p is None:
            return Text("")
        eta = p.eta
        left = f"ETA {eta:.0f} s" if eta is not None else "ETA -"
        return Text(f"{p.rate:.1f}/s · {left}")


@contextlib.contextmanager
def progress_bar(console: Console) -> Iterator[OnProgress]:
    """A live bar (done/failed/risky, rate, ETA) on a terminal; a no-op callback elsewhere."""
    if not console.is_terminal:
        yield lambda p: None
        return
    with Progress(TextColumn("fleet"), BarColumn(),
                  TextColumn("{task.completed}/{task.total} · {task.fields[failed]} failed · "
                             "{task.fields[risky]} risky"),
                  _Rate(), console=console, transient=True) as bar:
        task = bar.add_task("fleet", total=1, failed=0, risky=0, progress=None)

        def update(p: RunProgress) -> None:
            bar.update(task, total=p.total, completed=p.done, failed=p.failed, risky=p.risky,
                       progress=p)
        yield update
