"""What the store hands out: runs, endpoint states and stored reports (frozen, JSON-able).

These are the read model for ``fleet status|diff|export``, ``/metrics`` and a dashboard.
Times are Unix seconds; ``to_json`` renders them as ISO 8601 UTC.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from .summary import Summary


def iso(ts: float | None) -> str | None:
    return datetime.fromtimestamp(ts, UTC).isoformat(timespec="seconds") if ts is not None else None


@dataclass(frozen=True, slots=True, kw_only=True)
class RunInfo:
    id: int
    inventory: str  # the inventory as given ("-": stdin)
    status: str  # running | done | failed | abandoned
    started_at: float
    finished_at: float | None
    planned: int  # endpoints in the run
    done: int  # endpoints with a stored result in this run
    settings: dict[str, Any] = field(default_factory=dict)
    problems: tuple[dict[str, Any], ...] = ()  # inventory lines skipped
    owner: str = ""  # host:pid of the process that ran it last
    heartbeat_at: float | None = None

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "inventory": self.inventory, "status": self.status,
                "started_at": iso(self.started_at), "finished_at": iso(self.finished_at),
                "planned": self.planned, "done": self.done, "settings": self.settings,
                "problems": list(self.problems), "owner": self.owner}


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingRow:
    """One finding of a stored report, as a row (rank 0: the first, usually the root cause)."""

    cause: str
    severity: str
    who_fixes: str


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointState:
    """An endpoint and its latest result as of some run (``result_id`` None: never checked)."""

    endpoint: str  # Endpoint.key
    host: str
    port: int
    tags: tuple[str, ...] = ()
    line: int | None = None  # in that run's inventory
    run_id: int | None = None  # the run the result belongs to
    result_id: int | None = None
    checked_at: float | None = None
    summary: Summary | None = None
    error: str | None = None
    findings: tuple[FindingRow, ...] = ()

    @property
    def outcome(self) -> str:
        return self.summary.outcome if self.summary is not None else "unknown"

    @property
    def checked(self) -> bool:
        return self.result_id is not None

    def days_left(self, now: float) -> float | None:
        """Days until the leaf certificate expires (negative: expired), None if unknown."""
        s = self.summary
        if s is None or s.leaf_not_after is None:
            return None
        return (s.leaf_not_after - now) / 86400

    def to_json(self) -> dict[str, Any]:
        s = self.summary or Summary(outcome="unknown")
        return {"endpoint": self.endpoint, "host": self.host, "port": self.port,
                "tags": list(self.tags), "line": self.line, "run": self.run_id,
                "result": self.result_id, "checked_at": iso(self.checked_at),
                "outcome": s.outcome if self.checked else None,
                "root_cause": s.root_cause, "who_fixes": s.who_fixes,
                "tls_version": s.tls_version, "leaf_sha256": s.leaf_sha256,
                "leaf_not_after": iso(s.leaf_not_after),
                "earliest_not_after": iso(s.earliest_not_after),
                "handshake_seconds": s.handshake_seconds, "seconds": s.seconds,
                "handshakes": s.handshakes, "grade": s.grade, "compliance": s.compliance,
                "error": self.error,
                "findings": [{"cause": f.cause, "severity": f.severity, "who_fixes": f.who_fixes}
                             for f in self.findings]}


@dataclass(frozen=True, slots=True, kw_only=True)
class StoredReport:
    """One stored result in full: the state plus the report exactly as diagnose printed it."""

    state: EndpointState
    report: dict[str, Any] | None
    scan: dict[str, Any] | None = None

    def to_json(self) -> dict[str, Any]:
        """The export line: the state's identity, then the report object unchanged."""
        st = self.state
        out: dict[str, Any] = {"endpoint": st.endpoint, "tags": list(st.tags), "run": st.run_id,
                               "result": st.result_id, "checked_at": iso(st.checked_at),
                               "outcome": st.outcome, "error": st.error, "report": self.report}
        if self.scan is not None:
            out["scan"] = self.scan
        return out
