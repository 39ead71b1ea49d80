"""The store on SQLite and on a real PostgreSQL: migrations, claims, exactly-once results."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from tlsdoctor.errors import InputError, UsageError
from tlsdoctor.fleet.check import CheckResult, CheckSettings
from tlsdoctor.fleet.db import Database, parse_db_url
from tlsdoctor.fleet.inventory import parse_inventory
from tlsdoctor.fleet.schema import LATEST, current_version, migrate
from tlsdoctor.fleet.store import Store

REPORT = {"target": {"host": "a.example", "port": 443}, "outcome": "fails",
          "summary": "The handshake fails for this machine: Certificate expired \u202e.",
          "root_cause": "cert_expired",
          "findings": [{"cause": "cert_expired", "severity": "blocking", "who_fixes": "server"},
                       {"cause": "obsolete_protocol_enabled", "severity": "risk",
                        "who_fixes": "server"}],
          "server": {"version": "TLS 1.2"},
          "certificates": [{"sha256": "AB" * 32, "not_after": "2026-01-02T03:04:05+00:00",
                            "source": "served"}],
          "probes": [{"label": "baseline", "outcome": "handshake", "seconds": 0.012}],
          "stats": {"handshakes": 9, "seconds": 0.5}}


def test_db_urls() -> None:
    assert parse_db_url(None).target == "tlsdoctor.db"
    assert parse_db_url("sqlite:///rel.db").target == "rel.db"
    assert parse_db_url("sqlite:////abs/x.db").target == "/abs/x.db"
    pg = parse_db_url("postgresql://u:secret@db.example:5433/fleet")
    assert pg.dialect == "postgresql" and "secret" not in pg.shown
    with pytest.raises(UsageError):
        parse_db_url("mysql://x")


@pytest.mark.parametrize("url", ["postgresql://[x", "postgresql://h:99999999/fleet",
                                 "postgres://u@[::1/fleet"])
def test_a_database_url_urlsplit_cannot_parse_is_a_usage_error(url: str) -> None:
    """Review 28: it was "internal error: ValueError: Invalid IPv6 URL" (exit 3 by luck)."""
    with pytest.raises(UsageError):
        parse_db_url(url)


def test_migrations_upgrade_step_by_step_and_backfill(db_url: str) -> None:
    db = Database.open(db_url)
    try:
        _upgrade(db)
    finally:
        db.close()


def _upgrade(db: Database) -> None:
    assert migrate(db, target=1) == 1
    db.execute("INSERT INTO runs (fingerprint, inventory, settings, status, started_at, owner, "
               "heartbeat_at, planned, problems) VALUES ('f', 'i', '{}', 'done', 1, 'h:1', 1, 1, '[]')")
    db.execute("INSERT INTO endpoints (key, host, port, options, tags, first_seen) "
               "VALUES ('a.example:443', 'a.example', 443, '{}', '[]', 1)")
    db.execute("INSERT INTO results (run_id, endpoint_id, checked_at, outcome, report) "
               "VALUES (1, 1, 1, 'fails', ?)", (json.dumps(REPORT),))
    assert migrate(db) == LATEST == 2
    rows = db.query("SELECT rank, cause, severity FROM result_findings ORDER BY rank")
    assert rows == [(0, "cert_expired", "blocking"), (1, "obsolete_protocol_enabled", "risk")]
    assert current_version(db) == 2 and migrate(db) == 2  # idempotent
    db.execute("INSERT INTO tlsdoctor_schema (version, description, applied_at) VALUES (99, 'x', 0)")
    with pytest.raises(InputError, match="newer than this tlsdoctor"):
        migrate(db)


def _inv(n: int = 3) -> object:
    return parse_inventory([f"h{i}.example:443 #t{i}\n" for i in range(n)], source="inv.txt")


def test_claim_record_resume_exactly_once(db_url: str) -> None:
    inv = _inv()
    settings = CheckSettings()
    with Store.open(db_url) as store:
        claim = store.claim_run(inv, settings)  # type: ignore[arg-type]
        assert not claim.resumed and claim.done == frozenset()
        key = "h0.example:443"
        first = store.record(claim.run.id, claim.endpoint_ids[key],
                             CheckResult(key=key, checked_at=100.0, report=REPORT))
        again = store.record(claim.run.id, claim.endpoint_ids[key],
                             CheckResult(key=key, checked_at=200.0, report={"outcome": "ok"}))
        assert first is not None and again is None  # the (run, endpoint) key holds
        # Our own process is no live owner: the same inventory resumes the same run.
        resumed = store.claim_run(inv, settings)  # type: ignore[arg-type]
        assert resumed.resumed and resumed.run.id == claim.run.id and resumed.done == {key}
        other = store.claim_run(inv, CheckSettings(warn_days=7))  # type: ignore[arg-type]
        assert other.run.id != claim.run.id  # other settings: another run
        stored = store.latest_report(key)
        assert stored is not None and stored.report == REPORT
        raw = store.db.scalar("SELECT report FROM results WHERE id = ?", (first,))
        assert json.loads(raw) == REPORT and list(json.loads(raw)) == list(REPORT)  # key order kept
        states = store.states(claim.run.id)
        assert [s.endpoint for s in states] == [f"h{i}.example:443" for i in range(3)]
        s0 = states[0]
        assert (s0.outcome, s0.summary.root_cause, s0.summary.who_fixes, s0.tags) == \
            ("fails", "cert_expired", "server", ("t0",))
        assert s0.summary.leaf_sha256 == "AB" * 32 and s0.summary.handshake_seconds == 0.012
        assert [f.cause for f in s0.findings] == ["cert_expired", "obsolete_protocol_enabled"]
        assert not states[1].checked
        assert [h.result_id for h in store.history(key)] == [first]
        everyone = store.endpoints()
        assert [e.endpoint for e in everyone] == [f"h{i}.example:443" for i in range(3)]
        assert everyone[0].result_id == first and everyone[0].tags == ("t0",)
        assert not everyone[1].checked and everyone[1].tags == ("t1",)


def test_a_live_owner_blocks_a_second_writer(tmp_path: Path) -> None:
    import subprocess
    import sys

    db = str(tmp_path / "f.db")
    inv = _inv(1)
    with Store.open(db) as store:
        run = store.claim_run(inv, CheckSettings()).run  # type: ignore[arg-type]
        sleeper = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
        try:
            import socket
            store.db.execute("UPDATE runs SET owner = ? WHERE id = ?",
                             (f"{socket.gethostname()}:{sleeper.pid}", run.id))
            with pytest.raises(UsageError, match="still running"):
                store.claim_run(inv, CheckSettings())  # type: ignore[arg-type]
            fresh = store.claim_run(inv, CheckSettings(), new_run=True)  # type: ignore[arg-type]
            assert fresh.run.id != run.id and store.run(run.id).status == "running"
            sleeper.kill()
            sleeper.wait()  # the owner is gone: --new-run abandons its run
            newer = store.claim_run(inv, CheckSettings(), new_run=True)  # type: ignore[arg-type]
            assert newer.run.id > fresh.run.id
            assert store.run(fresh.run.id).status == "abandoned"
        finally:
            sleeper.kill()
            sleeper.wait()


def test_sqlite_file_is_wal_and_readers_do_not_create(tmp_path: Path) -> None:
    path = tmp_path / "f.db"
    with pytest.raises(InputError, match="no fleet database"):
        Store.open(str(path), create=False)
    assert not path.exists()
    Store.open(f"sqlite:///{path}").close()
    con = sqlite3.connect(path)
    assert con.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    con.close()
    with pytest.raises(InputError, match="cannot create database"):
        Store.open(str(tmp_path / "no" / "such" / "dir.db"))


@pytest.mark.parametrize("make", ["empty", "other"])
def test_readers_do_not_write_their_tables_into_another_file(tmp_path: Path, make: str) -> None:
    # Review 28: `fleet status --db notes.txt` on an empty file, or on another program's
    # SQLite database, answered "No run yet" after creating the fleet's tables in it.
    path = tmp_path / "other.db"
    if make == "empty":
        path.write_bytes(b"")
    else:
        con = sqlite3.connect(path)
        con.execute("CREATE TABLE bookmarks (url TEXT)")
        con.commit()
        con.close()
    before = path.read_bytes()
    with pytest.raises(InputError, match="not a fleet database"):
        Store.open(str(path), create=False)
    assert path.read_bytes() == before


def test_filters_refuse_a_cause_id_that_does_not_exist() -> None:
    # Round 27 review: `fleet status|export --cause cert_expire` (a typo) showed nothing and
    # exited 0, "no endpoint has it"; --party and --outcome were checked already.
    from tlsdoctor.fleet.status import Filters

    with pytest.raises(UsageError, match="--cause must be a cause id"):
        Filters(cause="cert_expire")
    assert Filters(cause="cert_expired").cause == "cert_expired"
