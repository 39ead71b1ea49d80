"""``scan``: the capability map (tlsdoctor.scanner), judged by the same rules as ``diagnose``."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from ..evidence import Evidence, Source
from ..finding import Finding
from ..probe.sync import run_sync
from .judge import judge

if TYPE_CHECKING:  # a diagnosis imports this module (tlsdoctor.api) but never the scanner
    from ..scanner.result import ScanReport, TargetScan


async def scan_async(targets: Any, **options: Any) -> ScanReport:
    """Scan every target concurrently (see ``tlsdoctor.scanner.engine.scan_async`` for the
    options) and judge each map: findings ranked, with fixes."""
    from ..scanner import engine  # here: a diagnosis never loads the scanner

    report = await engine.scan_async(targets, **options)
    now = datetime.now(UTC)
    return replace(report, targets=tuple(_judged(t, now) for t in report.targets))


def scan(targets: Any, **options: Any) -> ScanReport:
    """Synchronous twin of :func:`scan_async` (runs its own event loop)."""
    return run_sync(scan_async(targets, **options))


def scan_findings(t: TargetScan, now: datetime | None = None) -> tuple[Finding, ...]:
    """The judged findings of one capability map (ranked, with fixes)."""
    return judge(Evidence(now=now or datetime.now(UTC), source=Source.SCAN, target=t.target,
                          scan=t))


def _judged(t: TargetScan, now: datetime) -> TargetScan:
    return replace(t, findings=scan_findings(t, now))
