"""``fleet run|status|diff|export`` end to end against real loopback servers (the farm)."""

from __future__ import annotations

import csv
import io
import itertools
import json
from pathlib import Path
from typing import Any

from fleethelp import comparable

import tlsdoctor
from tlsdoctor.fleet import CheckSettings, Limits, Store, read_inventory, run_fleet

EXPECTED = {"healthy": None, "expired": "cert_expired", "wrong_host": "hostname_mismatch",
            "tls10": "protocol_version_mismatch", "reset": "middlebox_or_firewall_interference",
            "no_answer": "middlebox_or_firewall_interference"}


def test_run_stores_diagnose_json_and_reports_by_cli(farm: Any, run_cli: Any, tmp_path: Path) -> None:
    f = farm(["healthy", "expired", "wrong_host", "tls10", "reset", "no_answer"], hold=5)
    inv = f.inventory(tmp_path / "inv.txt")
    inv.write_text(inv.read_text() + "not a host!\n")
    db = str(tmp_path / "fleet.db")
    proc = run_cli("fleet", "run", str(inv), "--db", db, "--json", "--timeout", "1.5")
    assert proc.returncode == 2, proc.stderr  # the worst outcome: fails
    assert "tlsdoctor: inventory line 7: unexpected 'a'" in proc.stderr
    assert proc.stderr.rstrip().endswith(": not a host!")
    lines = [json.loads(x) for x in proc.stdout.splitlines()]
    assert sorted(x["tags"][0] for x in lines) == sorted(EXPECTED)
    for x in lines:
        assert x["report"]["root_cause"] == EXPECTED[x["tags"][0]], x["endpoint"]
        assert x["outcome"] == x["report"]["outcome"] and x["run"] == 1
    # The stored report is the diagnose --json object for the same endpoint and options.
    healthy = f.endpoints[0]
    direct = tlsdoctor.diagnose(f"{healthy.name}:{healthy.port}", connect=healthy.address,
                                ca_file=f.root_pem, timeout=1.5).to_json()
    with Store.open(db) as store:
        stored = store.latest_report(healthy.inventory_line(f.root_pem).rsplit(" #", 1)[0])
        run = store.latest_run()
    assert stored is not None and comparable(stored.report) == comparable(direct)
    assert list(stored.report) == list(direct)  # same keys, same order
    assert run is not None and run.status == "done" and run.planned == run.done == 6
    assert run.problems[0]["line"] == 7


def test_status_export_filters_and_exit_codes(farm: Any, run_cli: Any, tmp_path: Path) -> None:
    f = farm(["healthy", "expired", "tls10"])
    db = str(tmp_path / "fleet.db")
    text = f.inventory(tmp_path / "inv.txt").read_text()
    proc = run_cli("fleet", "run", "-", "--db", db, input=text)  # the inventory on stdin
    assert proc.returncode == 2, proc.stderr
    assert "run 1: 3 endpoint(s) checked" in proc.stdout
    status = json.loads(run_cli("fleet", "status", "--db", db, "--json").stdout)
    assert status["counts"] == {"ok": 1, "fails": 2} and status["exit_code"] == 2
    only = run_cli("fleet", "status", "--db", db, "--cause", "cert_expired", "--json")
    assert only.returncode == 2
    assert [e["root_cause"] for e in json.loads(only.stdout)["endpoints"]] == ["cert_expired"]
    assert run_cli("fleet", "status", "--db", db, "--tag", "healthy").returncode == 0
    server = json.loads(run_cli("fleet", "status", "--db", db, "--party", "server",
                                "--json").stdout)
    assert {e["root_cause"] for e in server["endpoints"]} == {"cert_expired",
                                                              "protocol_version_mismatch"}
    client = run_cli("fleet", "status", "--db", db, "--party", "client", "--json")
    assert json.loads(client.stdout)["endpoints"] == [] and client.returncode == 0
    bad = run_cli("fleet", "status", "--db", db, "--party", "nobody")
    assert bad.returncode == 3 and bad.stderr.count("\n") == 1
    rows = list(csv.DictReader(io.StringIO(run_cli("fleet", "export", "--db", db, "--csv").stdout)))
    assert [r["root_cause"] for r in rows] == ["", "cert_expired", "protocol_version_mismatch"]
    exported = [json.loads(x) for x in run_cli("fleet", "export", "--db", db).stdout.splitlines()]
    with Store.open(db) as store:
        assert [x["report"] for x in exported] == [store.stored_report(x["result"]).report
                                                   for x in exported]
    missing = run_cli("fleet", "status", "--db", str(tmp_path / "none.db"))
    assert missing.returncode == 3 and "no fleet database" in missing.stderr


def test_diff_between_runs(farm: Any, run_cli: Any, tmp_path: Path) -> None:
    f = farm(["healthy", "healthy", "wrong_host", "healthy"])
    inv, db = f.inventory(tmp_path / "inv.txt"), str(tmp_path / "fleet.db")
    assert run_cli("fleet", "run", str(inv), "--db", db).returncode == 2
    f.switch(0, "expired")  # newly failing
    f.switch(1, "renewed")  # a new certificate that lasts longer
    f.switch(2, "healthy")  # recovered
    f.switch(3, "expiring")  # works, with a warning now
    assert run_cli("fleet", "run", str(inv), "--db", db).returncode == 2
    proc = run_cli("fleet", "diff", "--db", db, "--json")
    diff = json.loads(proc.stdout)
    kinds = {(c["endpoint"].split(".")[0], c["kind"]) for c in diff["changes"]}
    assert kinds == {("e0", "newly_failing"), ("e0", "cert_changed"), ("e1", "cert_renewed"),
                     ("e2", "recovered"), ("e2", "cert_changed"), ("e3", "cause_changed"), ("e3", "cert_changed"),
                     ("e3", "expiring")}
    assert proc.returncode == 2  # e0 now fails
    assert (diff["before"]["id"], diff["after"]["id"]) == (1, 2)
    human = run_cli("fleet", "diff", "1", "2", "--db", db)
    assert "newly_failing" in human.stdout and human.returncode == 2
    same = run_cli("fleet", "diff", "2", "2", "--db", db, "--warn-days", "0")
    assert same.returncode == 0 and "No changes." in same.stdout


def _intervals(store: Store) -> list[tuple[str, float, float]]:
    out = []
    for st in store.states():
        stored = store.stored_report(st.result_id)  # type: ignore[arg-type]
        report = stored.report if stored else {}
        out.append((report["target"]["connect"], st.checked_at, st.checked_at +
                    report["stats"]["seconds"]))
    return sorted(out, key=lambda x: x[1])


def _max_overlap(spans: list[tuple[str, float, float]]) -> int:
    events = sorted([(s + 0.002, 1) for _, s, _ in spans] + [(e, -1) for _, _, e in spans])
    best = now = 0
    for _, step in events:
        now += step
        best = max(best, now)
    return best


def test_global_and_per_ip_limits_and_delay(farm: Any, tmp_path: Path) -> None:
    f = farm(["healthy"] * 8, ports_per_address=4)  # 2 addresses, 4 endpoints each
    inv = read_inventory(str(f.inventory(tmp_path / "inv.txt")))
    db = str(tmp_path / "fleet.db")
    run_fleet(inv, db=db, limits=Limits(concurrency=8, per_ip=1))
    with Store.open(db) as store:
        spans = _intervals(store)
    for address in {a for a, _, _ in spans}:  # one endpoint at a time per address
        assert _max_overlap([s for s in spans if s[0] == address]) == 1
    assert _max_overlap(spans) == 2  # ... and both addresses at once
    run_fleet(inv, db=db, limits=Limits(concurrency=1, per_ip=4), new_run=True)
    with Store.open(db) as store:
        assert _max_overlap(_intervals(store)) == 1
    run_fleet(inv, db=db, limits=Limits(concurrency=8, per_ip=1, delay=0.3), new_run=True)
    with Store.open(db) as store:
        spans = _intervals(store)
    for address in {a for a, _, _ in spans}:
        mine = [s for s in spans if s[0] == address]
        gaps = [b[1] - a[2] for a, b in itertools.pairwise(mine)]
        assert min(gaps) >= 0.3


def test_bad_arguments_exit_3_with_one_line(run_cli: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv.txt"
    inv.write_text("# nothing valid\nbad host\n")
    proc = run_cli("fleet", "run", str(inv), "--db", str(tmp_path / "f.db"))
    assert proc.returncode == 3 and proc.stderr.splitlines()[-1].startswith("tlsdoctor: error: no valid endpoint")
    inv.write_text("ok.example\n")
    for args in (["--concurrency", "0"], ["--cluster", "localhost:8786"], ["--db", "mysql://x"]):
        proc = run_cli("fleet", "run", str(inv), "--db", str(tmp_path / "f.db"), *args)
        assert proc.returncode == 3 and proc.stderr.count("\n") == 1, (args, proc.stderr)
    assert not (tmp_path / "f.db").exists()  # refused before any run was claimed
    assert run_cli("fleet", "run", str(tmp_path / "missing.txt")).returncode == 3


def test_scan_adds_grade_and_compliance(farm: Any, tmp_path: Path) -> None:
    f = farm(["healthy", "tls10"])
    inv = read_inventory(str(f.inventory(tmp_path / "inv.txt")))
    result = run_fleet(inv, db=str(tmp_path / "f.db"), settings=CheckSettings(scan=True, timeout=2))
    good, old = (st.summary for st in result.states)
    assert good is not None and old is not None
    assert good.grade in ("A", "A+") and old.grade not in ("A", "A+", None)
    assert set(good.compliance or {}) == {"modern", "intermediate"}
    assert (old.compliance or {}).get("intermediate") is False
    with Store.open(str(tmp_path / "f.db")) as store:
        stored = store.stored_report(result.states[0].result_id)  # type: ignore[arg-type]
    assert stored is not None and stored.scan is not None
    assert stored.scan["grade"]["grade"] == good.grade  # the scan --json object, stored too


def test_an_endpoint_that_cannot_be_checked_is_stored_as_unknown(run_cli: Any, tmp_path: Path) -> None:
    inv = tmp_path / "inv.txt"
    inv.write_text("localhost:9 --client no-such-client #odd\n")
    db = str(tmp_path / "f.db")
    proc = run_cli("fleet", "run", str(inv), "--db", db, "--json")
    assert proc.returncode == 3  # as diagnose: could not diagnose
    line = json.loads(proc.stdout)
    assert line["outcome"] == "unknown" and line["report"] is None
    assert "unknown client profile 'no-such-client'" in line["error"]
    status = json.loads(run_cli("fleet", "status", "--db", db, "--json").stdout)
    assert status["endpoints"][0]["error"] == line["error"] and status["exit_code"] == 3


def test_a_stopped_farm_leaves_no_directory_behind() -> None:
    """Its certificates and keys go with it (each test run used to leave 13 behind)."""
    from farm import Farm

    with Farm(["healthy", "expired", "tls10"]) as f:
        assert (f.dir / "root.pem").exists() and f.endpoints
    assert not f.dir.exists()
    f.stop()  # idempotent
