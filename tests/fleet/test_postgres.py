"""The whole fleet cycle on a real PostgreSQL server: run, status, diff, export, /metrics."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

from tlsdoctor.serve import make_server, running


def test_fleet_on_postgresql(farm: Any, run_cli: Any, pg_url: str, tmp_path: Path) -> None:
    f = farm(["healthy", "wrong_host"])
    inv = f.inventory(tmp_path / "inv.txt")
    first = run_cli("fleet", "run", str(inv), "--db", pg_url, "--json")
    assert first.returncode == 2, first.stderr
    assert sorted(json.loads(x)["outcome"] for x in first.stdout.splitlines()) == ["fails", "ok"]
    f.switch(1, "healthy")
    assert run_cli("fleet", "run", str(inv), "--db", pg_url).returncode == 0
    status = json.loads(run_cli("fleet", "status", "--db", pg_url, "--json").stdout)
    assert status["counts"] == {"ok": 2} and status["run"]["id"] == 2
    diff = json.loads(run_cli("fleet", "diff", "--db", pg_url, "--json").stdout)
    assert {c["kind"] for c in diff["changes"]} == {"recovered", "cert_changed"}
    lines = run_cli("fleet", "export", "--db", pg_url, "--run", "1").stdout.splitlines()
    assert [json.loads(x)["report"]["root_cause"] for x in lines] == [None, "hostname_mismatch"]
    with running(make_server(db=pg_url, bind="127.0.0.1:0")) as srv:
        url = f"http://127.0.0.1:{srv.server_address[1]}/metrics"
        body = urllib.request.urlopen(url, timeout=10).read().decode()
    assert 'tlsdoctor_endpoints{outcome="ok"} 2.0' in body
    assert "tlsdoctor_last_run_id 2.0" in body
