"""Benchmark the fleet pages over big fleets: the ``serve`` dashboard and ``fleet export --html``.

    python benchmarks/bench_dashboard.py                  # 1,000 and 10,000 endpoints
    python benchmarks/bench_dashboard.py --sizes 1000

The reports are real: one endpoint of each kind of the fleet tests' farm (tests/fleet/farm.py:
healthy, expired, wrong host, TLS 1.0 only, expiring, reset) is diagnosed by ``run_fleet``;
then a database of N endpoints (70% healthy, the rest evenly of the other kinds) gets two
runs whose results are those reports, stored through ``Store.record`` as ``fleet run``
stores them (so the pages read exactly what a real run leaves; run 2 flips 5% of the
endpoints to show changes). Then ``serve`` (in this process, on a loopback port) answers
each page kind, timed over HTTP as a client sees it, and ``export_html`` writes the file.
Printed: seconds per page (the best of 3), its size, requests per second; the export's
seconds and size; peak RSS. Nothing is timed in the tests; this is where speed is measured.
"""

from __future__ import annotations

import argparse
import resource
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "fleet"))

KINDS = ("healthy", "expired", "wrong_host", "tls10", "expiring", "reset")


def real_reports(tmp: Path) -> dict[str, dict[str, Any]]:
    """kind -> the ``diagnose --json`` report ``run_fleet`` stored for it."""
    from farm import Farm

    from tlsdoctor.fleet import CheckSettings, Store, read_inventory, run_fleet

    db = str(tmp / "seed.db")
    with Farm(list(KINDS), hold=2) as farm:
        run_fleet(read_inventory(str(farm.inventory(tmp / "seed.txt"))), db=db,
                  settings=CheckSettings(timeout=1.0))
    with Store.open(db, create=False) as store:
        reports = {st.tags[0]: store.latest_report(st.endpoint) for st in store.states()}
    return {k: r.report for k, r in reports.items() if r is not None and r.report is not None}


def build(db: str, n: int, reports: dict[str, dict[str, Any]]) -> list[str]:
    """Two runs of ``n`` endpoints whose results are the real reports; the keys."""
    from tlsdoctor.fleet import CheckSettings, Store
    from tlsdoctor.fleet.check import CheckResult
    from tlsdoctor.fleet.inventory import Endpoint, Inventory

    others = [k for k in KINDS if k != "healthy"]
    kinds = ["healthy" if i % 10 < 7 else others[i % len(others)] for i in range(n)]
    endpoints = tuple(Endpoint(host=f"h{i}.fleet.test", port=443, tags=(kinds[i], f"team{i % 7}"),
                               line=i + 1) for i in range(n))
    inventory = Inventory(source="bench.txt", endpoints=endpoints, problems=())
    with Store.open(db) as store:
        for run in range(2):
            claim = store.claim_run(inventory, CheckSettings(), new_run=True)
            for i, ep in enumerate(endpoints):
                kind = "expired" if run == 1 and i % 20 == 0 else kinds[i]
                store.record(claim.run.id, claim.endpoint_ids[ep.key],
                             CheckResult(key=ep.key, checked_at=time.time(), report=reports[kind]))
            store.finish_run(claim.run.id)
    return [ep.key for ep in endpoints]


def timed_get(url: str) -> tuple[float, int]:
    best, size = float("inf"), 0
    for _ in range(3):
        start = time.perf_counter()
        with urllib.request.urlopen(url, timeout=600) as resp:
            size = len(resp.read())
            assert resp.status == 200, url
        best = min(best, time.perf_counter() - start)
    return best, size


def measure(n: int, reports: dict[str, dict[str, Any]], tmp: Path) -> None:
    from tlsdoctor.fleet import Store
    from tlsdoctor.fleet.html import export_html
    from tlsdoctor.serve import make_server, running

    db = str(tmp / f"fleet{n}.db")
    start = time.perf_counter()
    keys = build(db, n, reports)
    print(f"\n{n:,} endpoints, 2 runs: database built in {time.perf_counter() - start:.1f} s")
    with running(make_server(db=db, bind="127.0.0.1:0")) as srv:
        base = f"http://127.0.0.1:{srv.server_address[1]}"
        pages = {"/ (overview, 100 rows)": "/", "/?outcome=fails&q=team3": "/?outcome=fails&q=team3",
                 "/expiry": "/expiry", "/endpoint?key=...": "/endpoint?" + urlencode({"key": keys[1]}),
                 "/report/N": f"/report/{n + 2}", "/metrics": "/metrics"}
        print(f"  {'page':32} {'seconds':>8} {'req/s':>7} {'KB':>7}")
        for label, path in pages.items():
            seconds, size = timed_get(base + path)
            print(f"  {label:32} {seconds:8.3f} {1 / seconds:7.1f} {size // 1024:7}")
    start = time.perf_counter()
    with Store.open(db, create=False) as store:
        page = export_html(store)
    print(f"  fleet export --html: {time.perf_counter() - start:.2f} s, {len(page) // 1024:,} KB")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-bench-dash-") as d:
        tmp = Path(d)
        reports = real_reports(tmp)
        for n in (int(x) for x in args.sizes.split(",")):
            measure(n, reports, tmp)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\npeak RSS (this process: builder, server and export): {peak} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
