"""Helpers for judging a scan's capability map."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...evidence import Evidence
from ...probe.outcome import Outcome

if TYPE_CHECKING:
    from ...scanner.result import TargetScan

_PATH = frozenset({Outcome.DNS_FAILURE, Outcome.UNREACHABLE, Outcome.REFUSED,
                   Outcome.CONNECT_TIMEOUT})
_SILENT = frozenset({Outcome.RESET, Outcome.TIMEOUT, Outcome.CLOSED})


def scanned(ev: Evidence) -> TargetScan | None:
    return ev.scan


def unreachable_kind(scan: TargetScan) -> str | None:
    """Why a scan accepted nothing: "plaintext", "unreachable", "silent" (not one TLS
    answer: something cuts the connection), "refused" (alerts to everything); None when
    some version was accepted."""
    if scan.accepted_versions:
        return None
    outcomes = {p.outcome for p in scan.probes}
    if Outcome.PLAINTEXT in outcomes:
        return "plaintext"
    if outcomes & _PATH:
        return "unreachable"
    if outcomes and outcomes <= _SILENT:
        return "silent"
    return "refused"
