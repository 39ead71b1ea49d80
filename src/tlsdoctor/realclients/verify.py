"""``tlsdoctor clients --verify``: every real client on this machine against every scenario,
and whether the matching profile predicts what it did.

The scenario servers start once; each real program runs once (its own thread, trying
every scenario); meanwhile ``tlsdoctor.diagnose`` runs for each matching profile and
scenario. Nothing here leaves 127.0.0.1, and everything started is stopped.
"""

from __future__ import annotations

import asyncio
import contextlib
import subprocess
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..errors import UsageError
from ..testing.ca import CA
from .base import Driver, RealOutcome
from .browsers import Chromium, Firefox
from .compare import Agreement, Prediction, compare, predict_all
from .programs import Curl, Go, Java, Node, PythonSsl
from .runtimes import Erlang, Mono, Perl, Php, Ruby
from .scenarios import SCENARIO_NAMES, LiveScenario, running_scenarios
from .tools import GnutlsCli, NssTstclnt, OpenSslSClient, Wget


def all_drivers() -> tuple[Driver, ...]:
    return (Chromium(), Firefox(), Java(), Go(), Node(), Curl(), PythonSsl(),
            OpenSslSClient(), OpenSslSClient(name="openssl-seclevel1", profiles=("openssl-3",),
                                             extra=("-cipher", "DEFAULT:@SECLEVEL=1")),
            GnutlsCli(), Wget(), NssTstclnt(), Php(), Ruby(), Perl(), Erlang(), Mono())


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientRun:
    """One real program: its version, the profiles it checks, or why it did not run."""

    name: str
    version: str
    profiles: tuple[str, ...]
    skipped: str | None  # None: it ran
    seconds: float

    def to_json(self) -> dict[str, object]:
        return {"client": self.name, "version": self.version, "profiles": list(self.profiles),
                "skipped": self.skipped, "seconds": round(self.seconds, 2)}


@dataclass(frozen=True, slots=True, kw_only=True)
class VerifyReport:
    runs: tuple[ClientRun, ...]
    agreements: tuple[Agreement, ...]
    scenarios: tuple[str, ...]
    seconds: float
    handshakes: int  # made by tlsdoctor's predictions
    diagnoses: int

    @property
    def connections(self) -> int:
        """Real-client attempts: one per (client that ran, scenario)."""
        return sum(len(self.scenarios) for r in self.runs if r.skipped is None)

    @property
    def agreed(self) -> int:
        return sum(a.agrees for a in self.agreements)

    @property
    def exit_code(self) -> int:
        if not self.agreements:
            return 3
        return 0 if self.agreed == len(self.agreements) else 1

    def to_json(self) -> dict[str, object]:
        return {"scenarios": list(self.scenarios), "clients": [r.to_json() for r in self.runs],
                "pairs": [a.to_json() for a in self.agreements],
                "summary": {"agree": self.agreed, "total": len(self.agreements)},
                "stats": {"seconds": round(self.seconds, 2), "real_connections": self.connections,
                          "diagnoses": self.diagnoses, "handshakes": self.handshakes}}


def _run_driver(driver: Driver, live: tuple[LiveScenario, ...], ca_file: Path,
                workdir: Path) -> tuple[ClientRun, dict[str, RealOutcome]]:
    start = time.monotonic()
    reason = driver.available()
    version = ""
    results: dict[str, RealOutcome] = {}
    if reason is None:
        d = workdir / driver.name
        d.mkdir()
        try:
            version = driver.version()
            results = driver.run(live, ca_file, d)
        except (OSError, RuntimeError, KeyError, ValueError, subprocess.SubprocessError) as exc:
            reason = f"failed: {exc}"[:300]
    run = ClientRun(name=driver.name, version=version, profiles=driver.profiles,
                    skipped=reason, seconds=time.monotonic() - start)
    return run, results


def _select(names: Sequence[str], known: Sequence[str], what: str) -> tuple[str, ...]:
    unknown = sorted(set(names) - set(known))
    if unknown:
        raise UsageError(f"unknown {what}: {', '.join(unknown)}; one of {', '.join(known)}")
    return tuple(names)


def _groups(drivers: Sequence[Driver]) -> list[tuple[Driver, ...]]:
    """Drivers that share one set of servers. Each browser gets its own: openssl
    s_server serves one connection at a time, and a browser's idle preconnect would
    hold it. The command-line programs close their connections at once."""
    browsers = [(d,) for d in drivers if isinstance(d, Chromium | Firefox)]
    programs = tuple(d for d in drivers if not isinstance(d, Chromium | Firefox))
    return browsers + ([programs] if programs else [])


def _run_group(group: tuple[Driver, ...], root: CA, only: tuple[str, ...],
               workdir: Path) -> list[tuple[ClientRun, dict[str, RealOutcome]]]:
    with running_scenarios(workdir, only=only, root=root) as (ca_file, live), \
            ThreadPoolExecutor(max_workers=len(group)) as pool:
        futures: list[Future[tuple[ClientRun, dict[str, RealOutcome]]]] = [
            pool.submit(_run_driver, d, live, ca_file, workdir) for d in group]
        return [f.result() for f in futures]


def verify_clients(*, clients: Sequence[str] = (), scenarios: Sequence[str] = ()) -> VerifyReport:
    """Run the real clients (or ``clients``) against the scenarios (or ``scenarios``).

    Each group of real clients, and the predictions, get their own servers (same
    scenarios, same trusted root), so one consumer never queues behind another.
    """
    drivers = all_drivers()
    wanted = _select(clients, [d.name for d in drivers], "client")
    drivers = tuple(d for d in drivers if not wanted or d.name in wanted)
    only = _select(scenarios, SCENARIO_NAMES, "scenario")
    start = time.monotonic()
    root = CA(name="tlsdoctor real-clients root")
    groups = _groups(drivers)
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-verify-") as tmp, \
            ThreadPoolExecutor(max_workers=len(groups)) as pool, \
            running_scenarios(Path(tmp) / "predict", only=only, root=root) as (ca_file, live):
        futures = [pool.submit(_run_group, g, root, only, Path(tmp) / f"group{i}")
                   for i, g in enumerate(groups)]
        profiles = tuple(p for d in drivers if d.available() is None for p in d.profiles)
        predictions = asyncio.run(predict_all(profiles, live, ca_file))
        done = {run.name: (run, res) for f in futures for run, res in f.result()}
    ordered = [done[d.name] for d in drivers]
    return VerifyReport(runs=tuple(run for run, _ in ordered),
                        agreements=_agreements(drivers, ordered, predictions, live),
                        scenarios=tuple(s.name for s in live), seconds=time.monotonic() - start,
                        handshakes=sum(p.handshakes for p in predictions.values()),
                        diagnoses=len(predictions))


def _agreements(drivers: Sequence[Driver], done: Sequence[tuple[ClientRun, dict[str, RealOutcome]]],
                predictions: dict[tuple[str, str], Prediction],
                live: tuple[LiveScenario, ...]) -> tuple[Agreement, ...]:
    out = []
    for driver, (run, results) in zip(drivers, done, strict=True):
        if run.skipped:
            continue
        for profile in driver.profiles:
            for s in live:
                with contextlib.suppress(KeyError):
                    out.append(compare(results[s.name], predictions[(profile, s.name)]))
    return tuple(out)
