"""The fleet's history: runs, endpoints and every stored report, on SQLite or PostgreSQL.

Write side (the one writer, ``fleet run``): ``claim_run`` starts a run or takes over the
unfinished run of the same inventory and settings (resume), ``record`` stores one result
in its own transaction (a run killed at any point keeps every result already recorded,
and the (run, endpoint) key makes a second copy impossible), ``finish_run``.

Read side (``status``/``diff``/``export``, ``serve``, a dashboard): ``runs``, ``run``,
``latest_run``, ``states`` (each endpoint of a run with its latest result as of that
run), ``endpoints`` (every endpoint ever seen, with its latest result), ``history`` (one
endpoint over time), ``stored_report`` / ``latest_report``.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import InputError, UsageError
from .check import CheckResult, CheckSettings
from .db import Database, DbUrl, parse_db_url
from .inventory import Endpoint, Inventory
from .records import EndpointState, FindingRow, RunInfo, StoredReport
from .schema import insert_findings, migrate
from .summary import Summary, summarize

STALE_AFTER = 600.0  # seconds without a heartbeat after which another host may take a run over

_RUN_COLUMNS = ("id, inventory, status, started_at, finished_at, planned, settings, problems, "
                "owner, heartbeat_at, (SELECT COUNT(*) FROM results r WHERE r.run_id = runs.id)")
_STATE_COLUMNS = ("e.key, e.host, e.port, re.tags, re.line, r.run_id, r.id, r.checked_at, "
                  "r.outcome, r.root_cause, r.who_fixes, r.tls_version, r.leaf_sha256, "
                  "r.leaf_not_after, r.earliest_not_after, r.handshake_seconds, r.seconds, "
                  "r.handshakes, r.grade, r.compliance, r.error")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunClaim:
    run: RunInfo
    resumed: bool  # True: an unfinished run of the same inventory is being continued
    endpoint_ids: dict[str, int]  # Endpoint.key -> endpoints.id
    done: frozenset[str]  # keys already stored in this run


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _alive(owner: str, heartbeat: float, now: float) -> bool:
    """Is the process named ``owner`` (host:pid) still running this run?"""
    host, _, pid = owner.rpartition(":")
    if host == socket.gethostname() and pid.isdigit():
        if int(pid) == os.getpid():
            return False
        try:
            os.kill(int(pid), 0)
        except ProcessLookupError:
            return False
        except PermissionError:
            return True
        return True
    return now - heartbeat < STALE_AFTER


def fingerprint(inventory: Inventory, settings: CheckSettings) -> str:
    """The identity of "the same command": the endpoints (not their order or tags) and the
    settings that change reports. Concurrency, delay between endpoints, --json and
    --cluster are not part of it: a run may be resumed with other ones."""
    h = hashlib.sha256()
    shaping = {k: v for k, v in settings.to_json().items() if k != "delay"}
    h.update(json.dumps(shaping, sort_keys=True).encode())
    for key in sorted(ep.key for ep in inventory.endpoints):
        h.update(b"\n" + key.encode("utf-8", "replace"))
    return h.hexdigest()


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=True, separators=(",", ":"))


def _has_fleet_tables(path: str) -> bool:
    """Whether the SQLite file at ``path`` holds the fleet's schema, read without writing
    (opening it as a Database sets its journal mode); True when it cannot be read as
    SQLite at all, which the Database's own open then reports."""
    import sqlite3
    from urllib.parse import quote

    try:
        con = sqlite3.connect(f"file:{quote(str(Path(path).resolve()))}?mode=ro", uri=True)
        try:
            return con.execute("SELECT 1 FROM sqlite_master WHERE type='table' AND "
                               "name='tlsdoctor_schema'").fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return True


class Store:
    """The fleet database (migrated on open). Not thread-safe: one Store per thread."""

    def __init__(self, db: Database) -> None:
        self.db = db

    @classmethod
    def open(cls, url: str | DbUrl | None = None, *, create: bool = True) -> Store:
        """Open and migrate. ``create=False``: a missing SQLite file is an error (readers
        such as ``status`` and ``serve`` must not conjure an empty database from a typo)."""
        u = url if isinstance(url, DbUrl) else parse_db_url(url)
        if not create and u.dialect == "sqlite" and not Path(u.target).is_file():
            raise InputError(f"no fleet database at {u.target} (start with 'tlsdoctor fleet run')")
        if not create and u.dialect == "sqlite" and not _has_fleet_tables(u.target):
            # an empty file, or another program's database: a reader writes nothing in it
            raise InputError(f"{u.target} is not a fleet database (it has no tlsdoctor "
                             "tables; start with 'tlsdoctor fleet run')")
        db = Database.open(u)
        try:
            migrate(db)
        except BaseException:
            db.close()
            raise
        return cls(db)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- write side ----------------------------------------------------------------------

    def claim_run(self, inventory: Inventory, settings: CheckSettings, *,
                  new_run: bool = False) -> RunClaim:
        """Start a run, or continue the unfinished run with the same fingerprint.

        Raises UsageError when that run is still being run by a live process.
        ``new_run``: start afresh (an unfinished run whose process is gone is abandoned).
        """
        fp, now = fingerprint(inventory, settings), time.time()
        with self.db.transaction(lock=True):
            row = self.db.query("SELECT id, owner, heartbeat_at FROM runs WHERE fingerprint = ? "
                                "AND status = 'running' ORDER BY id DESC LIMIT 1", (fp,))
            live = bool(row) and _alive(row[0][1], row[0][2], now)
            if row and new_run:
                if not live:  # a live one goes on beside the new run
                    self.db.execute("UPDATE runs SET status = 'abandoned' WHERE id = ?",
                                    (row[0][0],))
                row = []
            elif live:
                raise UsageError(f"run {row[0][0]} of this inventory is still running "
                                 f"({row[0][1]}); wait for it, stop it, or use --new-run")
            if row:
                run_id = int(row[0][0])
                self.db.execute("UPDATE runs SET owner = ?, heartbeat_at = ?, problems = ? "
                                "WHERE id = ?", (_owner(), now, _problems(inventory), run_id))
            else:
                run_id = int(self.db.execute(
                    "INSERT INTO runs (fingerprint, inventory, settings, status, started_at, "
                    "owner, heartbeat_at, planned, problems) VALUES (?, ?, ?, 'running', ?, ?, ?, "
                    "?, ?) RETURNING id",
                    (fp, inventory.source, _dumps(settings.to_json()), now, _owner(), now,
                     len(inventory.endpoints), _problems(inventory))).fetchone()[0])
            ids = self._upsert_endpoints(inventory.endpoints, now)
            self.db.executemany(
                "INSERT INTO run_endpoints (run_id, endpoint_id, line, tags) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (run_id, endpoint_id) DO UPDATE SET line = excluded.line, "
                "tags = excluded.tags",
                [(run_id, ids[ep.key], ep.line, _dumps(list(ep.tags)))
                 for ep in inventory.endpoints])
            done = frozenset(k for (k,) in self.db.query(
                "SELECT e.key FROM results r JOIN endpoints e ON e.id = r.endpoint_id "
                "WHERE r.run_id = ?", (run_id,)))
        run = self.run(run_id)
        assert run is not None  # just written in this transaction
        return RunClaim(run=run, resumed=bool(row), endpoint_ids=ids, done=done)

    def _upsert_endpoints(self, endpoints: Sequence[Endpoint], now: float) -> dict[str, int]:
        self.db.executemany(
            "INSERT INTO endpoints (key, host, port, options, tags, first_seen) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (key) DO UPDATE SET tags = excluded.tags",
            [(ep.key, ep.host, ep.port, _dumps(ep.diagnose_options()), _dumps(list(ep.tags)), now)
             for ep in endpoints])
        wanted = {ep.key for ep in endpoints}
        return {k: int(i) for i, k in self.db.query("SELECT id, key FROM endpoints") if k in wanted}

    def record(self, run_id: int, endpoint_id: int, result: CheckResult) -> int | None:
        """Store one result (its own transaction); its id, or None if this run already has
        one for the endpoint (the first stays)."""
        s = summarize(result.report, result.scan)
        with self.db.transaction():
            row = self.db.execute(
                "INSERT INTO results (run_id, endpoint_id, checked_at, outcome, root_cause, "
                "who_fixes, tls_version, leaf_sha256, leaf_not_after, earliest_not_after, "
                "handshake_seconds, seconds, handshakes, grade, compliance, error, report, scan) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (run_id, endpoint_id) DO NOTHING RETURNING id",
                (run_id, endpoint_id, result.checked_at, s.outcome, s.root_cause, s.who_fixes,
                 s.tls_version, s.leaf_sha256, s.leaf_not_after, s.earliest_not_after,
                 s.handshake_seconds, s.seconds, s.handshakes, s.grade,
                 _dumps(s.compliance) if s.compliance is not None else None, result.error,
                 _dumps(result.report) if result.report is not None else None,
                 _dumps(result.scan) if result.scan is not None else None)).fetchone()
            if row is None:
                return None
            if result.report is not None:
                insert_findings(self.db, int(row[0]), result.report)
            self.db.execute("UPDATE runs SET heartbeat_at = ? WHERE id = ?", (time.time(), run_id))
        return int(row[0])

    def finish_run(self, run_id: int, status: str = "done") -> None:
        with self.db.transaction():
            self.db.execute("UPDATE runs SET status = ?, finished_at = ? WHERE id = ?",
                            (status, time.time(), run_id))

    # --- read side -----------------------------------------------------------------------

    def runs(self, limit: int = 50) -> list[RunInfo]:
        """The most recent runs, newest first."""
        rows = self.db.query(f"SELECT {_RUN_COLUMNS} FROM runs ORDER BY id DESC LIMIT ?",
                             (max(1, limit),))
        return [_run(r) for r in rows]

    def run(self, run_id: int) -> RunInfo | None:
        rows = self.db.query(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id = ?", (run_id,))
        return _run(rows[0]) if rows else None

    def latest_run(self) -> RunInfo | None:
        runs = self.runs(1)
        return runs[0] if runs else None

    def previous_run(self, run_id: int) -> RunInfo | None:
        rows = self.db.query(f"SELECT {_RUN_COLUMNS} FROM runs WHERE id < ? AND status <> "
                             "'abandoned' ORDER BY id DESC LIMIT 1", (run_id,))
        return _run(rows[0]) if rows else None

    def states(self, run_id: int | None = None, *, findings: bool = True) -> list[EndpointState]:
        """Every endpoint of run ``run_id`` (default: the latest run) with its latest result
        as of that run (an endpoint the run has not reached yet shows its previous one)."""
        if run_id is None:
            latest = self.latest_run()
            if latest is None:
                return []
            run_id = latest.id
        rows = self.db.query(
            f"SELECT {_STATE_COLUMNS} FROM run_endpoints re "
            "JOIN endpoints e ON e.id = re.endpoint_id "
            "LEFT JOIN results r ON r.id = (SELECT r2.id FROM results r2 WHERE "
            "r2.endpoint_id = re.endpoint_id AND r2.run_id <= ? ORDER BY r2.run_id DESC LIMIT 1) "
            "WHERE re.run_id = ? ORDER BY re.line, e.key", (run_id, run_id))
        states = [_state(r) for r in rows]
        return self._with_findings(states) if findings else states

    def endpoints(self) -> list[EndpointState]:
        """Every endpoint ever checked or planned, each with its latest result in any run
        (``line``/``tags`` from the run that result belongs to; tags as last seen if none)."""
        rows = self.db.query(
            "SELECT e.key, e.host, e.port, COALESCE(re.tags, e.tags), re.line, r.run_id, r.id, "
            "r.checked_at, r.outcome, r.root_cause, r.who_fixes, r.tls_version, r.leaf_sha256, "
            "r.leaf_not_after, r.earliest_not_after, r.handshake_seconds, r.seconds, "
            "r.handshakes, r.grade, r.compliance, r.error FROM endpoints e "
            "LEFT JOIN results r ON r.id = (SELECT r2.id FROM results r2 WHERE "
            "r2.endpoint_id = e.id ORDER BY r2.run_id DESC LIMIT 1) "
            "LEFT JOIN run_endpoints re ON re.run_id = r.run_id AND re.endpoint_id = e.id "
            "ORDER BY e.key")
        return self._with_findings([_state(r) for r in rows])

    def history(self, endpoint: str, *, limit: int = 100) -> list[EndpointState]:
        """One endpoint's results, newest first."""
        rows = self.db.query(
            f"SELECT {_STATE_COLUMNS} FROM results r JOIN endpoints e ON e.id = r.endpoint_id "
            "LEFT JOIN run_endpoints re ON re.run_id = r.run_id AND re.endpoint_id = e.id "
            "WHERE e.key = ? ORDER BY r.run_id DESC LIMIT ?", (endpoint, max(1, limit)))
        return self._with_findings([_state(r) for r in rows])

    def stored_report(self, result_id: int) -> StoredReport | None:
        rows = self.db.query(
            f"SELECT {_STATE_COLUMNS}, r.report, r.scan FROM results r "
            "JOIN endpoints e ON e.id = r.endpoint_id LEFT JOIN run_endpoints re "
            "ON re.run_id = r.run_id AND re.endpoint_id = e.id WHERE r.id = ?", (result_id,))
        if not rows:
            return None
        state = self._with_findings([_state(rows[0][:-2])])[0]
        report, scan = rows[0][-2:]
        return StoredReport(state=state, report=json.loads(report) if report else None,
                            scan=json.loads(scan) if scan else None)

    def latest_report(self, endpoint: str) -> StoredReport | None:
        result_id = self.db.scalar(
            "SELECT r.id FROM results r JOIN endpoints e ON e.id = r.endpoint_id "
            "WHERE e.key = ? ORDER BY r.run_id DESC LIMIT 1", (endpoint,))
        return self.stored_report(int(result_id)) if result_id is not None else None

    def reports(self, states: Iterable[EndpointState]) -> Iterable[StoredReport]:
        """The full stored report of each checked state, one at a time (bounded memory)."""
        for st in states:
            if st.result_id is not None:
                stored = self.stored_report(st.result_id)
                if stored is not None:
                    yield stored

    def _with_findings(self, states: list[EndpointState]) -> list[EndpointState]:
        ids = [s.result_id for s in states if s.result_id is not None]
        found: dict[int, list[FindingRow]] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join("?" * len(chunk))
            for rid, cause, severity, who in self.db.query(
                    "SELECT result_id, cause, severity, who_fixes FROM result_findings "
                    f"WHERE result_id IN ({marks}) ORDER BY result_id, rank", chunk):
                found.setdefault(int(rid), []).append(
                    FindingRow(cause=cause, severity=severity, who_fixes=who))
        return [_replace_findings(s, tuple(found.get(s.result_id or -1, ()))) for s in states]


def _problems(inventory: Inventory) -> str:
    return _dumps([p.to_json() for p in inventory.problems])


def _run(r: Sequence[Any]) -> RunInfo:
    return RunInfo(id=int(r[0]), inventory=r[1], status=r[2], started_at=r[3], finished_at=r[4],
                   planned=int(r[5]), settings=json.loads(r[6]),
                   problems=tuple(json.loads(r[7])), owner=r[8], heartbeat_at=r[9],
                   done=int(r[10]))


def _state(r: Sequence[Any]) -> EndpointState:
    summary = None
    if r[6] is not None:
        summary = Summary(outcome=r[8], root_cause=r[9], who_fixes=r[10], tls_version=r[11],
                          leaf_sha256=r[12], leaf_not_after=r[13], earliest_not_after=r[14],
                          handshake_seconds=r[15], seconds=r[16], handshakes=r[17], grade=r[18],
                          compliance=json.loads(r[19]) if r[19] else None)
    return EndpointState(endpoint=r[0], host=r[1], port=int(r[2]),
                         tags=tuple(json.loads(r[3])) if r[3] else (), line=r[4],
                         run_id=r[5], result_id=r[6], checked_at=r[7], summary=summary,
                         error=r[20])


def _replace_findings(state: EndpointState, findings: tuple[FindingRow, ...]) -> EndpointState:
    from dataclasses import replace

    return replace(state, findings=findings) if findings else state
