"""The few facts of a report that history, diffs and metrics compare, read from its JSON.

Reports are stored whole (``diagnose --json``); these columns sit beside them so that
``status``, ``diff`` and ``/metrics`` over thousands of endpoints never parse a report.
Everything here reads the documented JSON only, so it works the same for a report made
in this process, on a Dask worker, or by an older tlsdoctor.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

OUTCOMES = ("ok", "risky", "fails", "unknown")
# As for diagnose (SPEC): 0 ok, 1 risky, 2 fails, 3 could not diagnose.
EXIT_CODES = {"ok": 0, "risky": 1, "fails": 2, "unknown": 3}


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    outcome: str  # ok | risky | fails | unknown
    root_cause: str | None = None  # cause id; None: no finding above "info"
    who_fixes: str | None = None  # of the root cause
    tls_version: str | None = None  # negotiated by the client's own handshake
    leaf_sha256: str | None = None
    leaf_not_after: float | None = None  # Unix seconds
    earliest_not_after: float | None = None  # earliest notAfter among served certificates
    handshake_seconds: float | None = None  # the client's own handshake, when it completed
    seconds: float | None = None  # the whole diagnosis
    handshakes: int | None = None
    grade: str | None = None  # from --scan
    compliance: dict[str, bool] | None = None  # Mozilla profile -> compliant, from --scan


def obj(value: Any) -> dict[str, Any]:
    """``value`` if it is a JSON object, else an empty one (reports are read defensively)."""
    return value if isinstance(value, dict) else {}


def _epoch(text: Any) -> float | None:
    if not isinstance(text, str):
        return None
    try:
        return datetime.fromisoformat(text).timestamp()
    except ValueError:
        return None


def _served(report: dict[str, Any]) -> list[dict[str, Any]]:
    certs = report.get("certificates")
    return [c for c in certs if isinstance(c, dict) and c.get("source", "served") == "served"] \
        if isinstance(certs, list) else []


def summarize(report: dict[str, Any] | None, scan: dict[str, Any] | None = None) -> Summary:
    """The comparable facts of one ``diagnose --json`` object (None: no report, an error)."""
    if not isinstance(report, dict):
        return Summary(outcome="unknown")
    outcome = report.get("outcome")
    findings = report.get("findings") if isinstance(report.get("findings"), list) else []
    root = report.get("root_cause") if isinstance(report.get("root_cause"), str) else None
    who = findings[0].get("who_fixes") if root and findings and isinstance(findings[0], dict) else None
    server = obj(report.get("server"))
    served = _served(report)
    expiries = [e for e in (_epoch(c.get("not_after")) for c in served) if e is not None]
    probes = report.get("probes") if isinstance(report.get("probes"), list) else []
    base = obj(probes[0]) if probes else {}
    stats = obj(report.get("stats"))
    grade, compliance = _scan_facts(scan)
    return Summary(
        outcome=outcome if outcome in OUTCOMES else "unknown",
        root_cause=root, who_fixes=who if isinstance(who, str) else None,
        tls_version=server.get("version") if isinstance(server.get("version"), str) else None,
        leaf_sha256=served[0].get("sha256") if served else None,
        leaf_not_after=_epoch(served[0].get("not_after")) if served else None,
        earliest_not_after=min(expiries) if expiries else None,
        handshake_seconds=_number(base.get("seconds")) if base.get("outcome") == "handshake" else None,
        seconds=_number(stats.get("seconds")),
        handshakes=int(stats["handshakes"]) if isinstance(stats.get("handshakes"), int) else None,
        grade=grade, compliance=compliance)


def _number(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _scan_facts(scan: dict[str, Any] | None) -> tuple[str | None, dict[str, bool] | None]:
    if not isinstance(scan, dict):
        return None, None
    g = scan.get("grade")
    grade = g.get("grade") if isinstance(g, dict) and isinstance(g.get("grade"), str) else None
    comp = scan.get("compliance")
    compliance = ({str(k): bool(v.get("compliant")) for k, v in comp.items() if isinstance(v, dict)}
                  if isinstance(comp, dict) else None)
    return grade, compliance


def worst_exit_code(outcomes: list[str] | tuple[str, ...] | set[str]) -> int:
    """The exit status monitoring reads: the worst outcome (0 when there is none)."""
    return max((EXIT_CODES.get(o, 3) for o in outcomes), default=0)
