"""Resume: ``fleet run`` killed with SIGKILL halfway, then the same command again."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from pathlib import Path
from typing import Any

from fleethelp import cli_env

from tlsdoctor.fleet import Store


def _snapshot(db: str) -> dict[str, tuple[int, float]]:
    with Store.open(db) as store:
        return {st.endpoint: (st.result_id, st.checked_at) for st in store.states() if st.checked}


def test_sigkill_halfway_then_rerun_loses_nothing_and_repeats_nothing(farm: Any, tmp_path: Path) -> None:
    f = farm(["healthy"] * 30, ports_per_address=3)
    inv, db = f.inventory(tmp_path / "inv.txt"), str(tmp_path / "fleet.db")
    argv = [sys.executable, "-m", "tlsdoctor", "fleet", "run", str(inv), "--db", db, "--json",
            "--concurrency", "2"]
    first = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=cli_env(), cwd=tmp_path)
    assert first.stdout is not None
    printed = []
    try:
        for _ in range(15):  # each line is printed after its result was committed
            printed.append(json.loads(first.stdout.readline()))
        os.kill(first.pid, signal.SIGKILL)
    finally:
        first.kill()
        first.wait(timeout=30)
        first.stdout.close()
    assert first.returncode == -signal.SIGKILL
    before = _snapshot(db)
    assert 15 <= len(before) < 30  # killed halfway
    assert {p["endpoint"] for p in printed} <= set(before)
    connections_before = dict(f.connections)

    second = subprocess.run(argv, capture_output=True, text=True, env=cli_env(), cwd=tmp_path,
                            timeout=120)
    assert second.returncode == 0, second.stderr
    after = _snapshot(db)
    assert len(after) == 30  # nothing lost
    for endpoint, stored in before.items():  # nothing redone: same rows, untouched
        assert after[endpoint] == stored
    again = [json.loads(x) for x in second.stdout.splitlines()]
    assert {x["endpoint"] for x in again} == set(after) - set(before)
    assert {x["run"] for x in again} == {printed[0]["run"]}  # the same run continued
    for e in f.endpoints:  # no connection to an endpoint that was already stored
        key = e.inventory_line(f.root_pem).rsplit(" #", 1)[0]
        if key in before:
            assert f.connections[(e.address, e.port)] == connections_before[(e.address, e.port)]
    with Store.open(db) as store:
        run = store.latest_run()
        assert run is not None and run.status == "done" and run.done == run.planned == 30
        assert store.db.scalar("SELECT COUNT(*) FROM results") == 30
        assert store.db.scalar("SELECT COUNT(*) FROM runs") == 1
