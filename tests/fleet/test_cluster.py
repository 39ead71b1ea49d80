"""``fleet run --cluster``: the same work on a Dask LocalCluster of 2 worker processes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fleethelp import cli_env, comparable

from tlsdoctor.fleet import Store, read_inventory, run_fleet
from tlsdoctor.fleet.cluster import shard
from tlsdoctor.fleet.inventory import Endpoint

distributed = pytest.importorskip("distributed")


def test_shards_never_split_an_address() -> None:
    eps = [Endpoint(host=f"h{i}.example", port=443 + i, connect=f"127.0.0.{i % 5}") for i in range(23)]
    groups = {ep.key: ep.address for ep in eps}
    shards = shard(eps, groups, 4)
    assert sorted(ep.key for s in shards for ep in s) == sorted(groups)
    owners: dict[str, int] = {}
    for n, s in enumerate(shards):
        for ep in s:
            assert owners.setdefault(groups[ep.key], n) == n


def test_cluster_run_gives_the_same_reports(farm: Any, tmp_path: Path) -> None:
    f = farm(["healthy", "expired", "wrong_host", "tls10", "reset", "healthy"], ports_per_address=1)
    inv_path = f.inventory(tmp_path / "inv.txt")
    local_db, cluster_db = str(tmp_path / "local.db"), str(tmp_path / "cluster.db")
    run_fleet(read_inventory(str(inv_path)), db=local_db)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  host="127.0.0.1", dashboard_address=None,
                                  worker_dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        proc = subprocess.run([sys.executable, "-m", "tlsdoctor", "fleet", "run", str(inv_path),
                               "--db", cluster_db, "--cluster", cluster.scheduler_address],
                              capture_output=True, text=True, env=cli_env(), timeout=180)
        ran_on = client.run(lambda: "tlsdoctor.api" in sys.modules)
    assert proc.returncode == 2, proc.stderr
    assert any(ran_on.values())  # the diagnoses ran in the worker processes
    with Store.open(local_db) as a, Store.open(cluster_db) as b:
        left = {st.endpoint: a.stored_report(st.result_id) for st in a.states()}
        right = {st.endpoint: b.stored_report(st.result_id) for st in b.states()}
    assert set(left) == set(right) and len(left) == 6
    for key, stored in left.items():
        a, b = comparable(stored.report), comparable(right[key].report)
        assert a == b, (key, _differences(a, b))


def _differences(a: Any, b: Any, path: str = "") -> list[str]:
    if isinstance(a, dict) and isinstance(b, dict):
        return [d for k in sorted(set(a) | set(b)) for d in _differences(a.get(k), b.get(k), f"{path}.{k}")]
    if isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        return [d for i, (x, y) in enumerate(zip(a, b, strict=True)) for d in _differences(x, y, f"{path}[{i}]")]
    return [] if a == b else [f"{path}: {a!r:.120} != {b!r:.120}"]


def test_no_dask_without_cluster(farm: Any, tmp_path: Path) -> None:
    f = farm(["healthy"])
    inv = f.inventory(tmp_path / "inv.txt")
    code = ("import sys\nfrom tlsdoctor.cli import main\n"
            f"sys.argv = ['tlsdoctor', 'fleet', 'run', {str(inv)!r}, '--db', {str(tmp_path / 'f.db')!r}]\n"
            "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
            "print(code, sorted(m for m in sys.modules if m.split('.')[0] in ('dask', 'distributed')))\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          env=cli_env(), timeout=60)
    assert proc.stdout.split("\n")[-2] == "0 []", proc.stdout + proc.stderr
