"""``fleet run``: claim (or resume) a run in the store, check what is left, record each result.

The process calling ``run_fleet`` is the one database writer: checks run in its event loop
(``dispatch``) or on a Dask cluster (``cluster``), and every result is recorded the moment
it comes back, in its own transaction. Killed at any point (even SIGKILL), the same
command started again resumes the same run and checks only the endpoints without a result.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from ..errors import UsageError
from .check import CheckResult, CheckSettings
from .dispatch import Limits, check_all
from .inventory import Endpoint, Inventory
from .records import EndpointState, RunInfo, StoredReport
from .store import Store
from .summary import Summary, summarize, worst_exit_code


@dataclass(slots=True, kw_only=True)
class RunProgress:
    """Counts for a progress bar (mutable: updated after every recorded result)."""

    total: int  # endpoints in the run
    done: int = 0  # with a result, including those stored before a resume
    resumed_from: int = 0  # results that were already stored when this process started
    ok: int = 0
    risky: int = 0
    failed: int = 0  # fails or unknown (the check could not be made)
    started: float = field(default_factory=time.monotonic)

    @property
    def rate(self) -> float:
        """Endpoints per second checked by this process."""
        elapsed = time.monotonic() - self.started
        return (self.done - self.resumed_from) / elapsed if elapsed > 0 else 0.0

    @property
    def eta(self) -> float | None:
        """Seconds until every endpoint has a result, at the current rate."""
        rate = self.rate
        return (self.total - self.done) / rate if rate > 0 else None

    def count(self, outcome: str) -> None:
        self.done += 1
        if outcome == "ok":
            self.ok += 1
        elif outcome == "risky":
            self.risky += 1
        else:
            self.failed += 1


@dataclass(frozen=True, slots=True, kw_only=True)
class FleetRun:
    """What ``run_fleet`` returns: the run, its endpoints' states, and the exit status."""

    run: RunInfo
    resumed: bool
    checked: int  # endpoints checked by this call
    skipped: int  # endpoints already stored (resume)
    states: tuple[EndpointState, ...]

    @property
    def exit_code(self) -> int:
        """The worst outcome of the run's endpoints (0 ok, 1 risky, 2 fails, 3 unknown)."""
        return worst_exit_code([s.outcome for s in self.states if s.checked])


OnLine = Callable[[StoredReport], None]
OnProgress = Callable[[RunProgress], None]


def run_fleet(inventory: Inventory, *, db: str | None = None,
              settings: CheckSettings | None = None, limits: Limits | None = None,
              cluster: str | None = None, new_run: bool = False,
              on_result: OnLine | None = None, on_progress: OnProgress | None = None) -> FleetRun:
    """Check every endpoint of ``inventory`` and store each report in ``db``.

    ``cluster``: a Dask scheduler address (``tcp://HOST:PORT``); the checks run there, the
    results are recorded here. ``on_result`` gets each new result as it is stored (what
    ``--json`` prints); ``on_progress`` the counts after each one. Raises UsageError when no
    endpoint is valid or the run is held by a live process; InputError for database errors.
    """
    if not inventory.endpoints:
        raise UsageError(f"no valid endpoint in {inventory.source}"
                         + (f" ({len(inventory.problems)} bad line(s))" if inventory.problems else ""))
    if cluster is not None:
        from .cluster import check_address  # the module imports Dask only when it connects

        check_address(cluster)  # before a run is claimed for nothing
    settings = settings or CheckSettings()
    limits = limits or Limits()
    with Store.open(db) as store:
        claim = store.claim_run(inventory, settings, new_run=new_run)
        run_id = claim.run.id
        todo = [ep for ep in inventory.endpoints if ep.key not in claim.done]
        progress = RunProgress(total=len(inventory.endpoints), resumed_from=len(claim.done))
        for st in store.states(run_id, findings=False):
            if st.run_id == run_id:
                progress.count(st.outcome)

        def record(ep: Endpoint, result: CheckResult) -> None:
            result_id = store.record(run_id, claim.endpoint_ids[ep.key], result)
            if result_id is None:
                return  # another copy already landed: keep the first
            s = summarize(result.report, result.scan)
            progress.count(s.outcome)
            if on_result is not None:
                on_result(_line(run_id, result_id, ep, result, s))
            if on_progress is not None:
                on_progress(progress)

        if on_progress is not None:
            on_progress(progress)
        _execute(todo, settings, limits, cluster, record)
        store.finish_run(run_id)
        run = store.run(run_id)
        assert run is not None
        return FleetRun(run=run, resumed=claim.resumed, checked=len(todo),
                        skipped=len(claim.done), states=tuple(store.states(run_id)))


def _execute(todo: list[Endpoint], settings: CheckSettings, limits: Limits,
             cluster: str | None, record: Callable[[Endpoint, CheckResult], None]) -> None:
    if not todo:
        return
    if cluster is not None:
        from .cluster import check_on_cluster  # Dask is imported only here

        check_on_cluster(cluster, todo, settings, limits, record)
        return
    asyncio.run(check_all(todo, settings, limits, record))


def _line(run_id: int, result_id: int, ep: Endpoint, result: CheckResult,
          summary: Summary) -> StoredReport:
    state = EndpointState(endpoint=ep.key, host=ep.host, port=ep.port, tags=ep.tags,
                          line=ep.line, run_id=run_id, result_id=result_id,
                          checked_at=result.checked_at, summary=summary, error=result.error)
    return StoredReport(state=state, report=result.report, scan=result.scan)
