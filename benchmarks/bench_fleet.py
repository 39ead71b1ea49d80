"""Benchmark ``tlsdoctor fleet run`` on thousands of loopback endpoints.

    python benchmarks/bench_fleet.py                      # 1,000 and 10,000 endpoints
    python benchmarks/bench_fleet.py --sizes 1000 --cluster --sslyze /tmp/sslyze-venv/bin/python

A server farm (tests/fleet/farm.py, its own process) serves N endpoints, one listener each
on 127.0.x.y addresses and ports, 70% healthy and 6% each of expired, wrong host, TLS
1.0 only, no answer and reset. ``tlsdoctor fleet run`` (its own process, so its peak RSS
is its own: os.wait4) diagnoses them into a fresh SQLite database; the table shows wall
seconds, endpoints/s, handshakes/s (from the stored reports) and peak RSS, and checks that
every endpoint got the expected root cause. ``--cluster``: the same on a 2-worker Dask
LocalCluster on loopback (RSS: the writer, and the largest worker; workers get
MALLOC_ARENA_MAX=2 as docs/fleet.md advises). ``--sslyze PYTHON``:
sslyze's mass scan (certificate info + every protocol version) of the same endpoints, run
with that interpreter (a separate venv: sslyze is no dependency of tlsdoctor).
Nothing is timed in the tests; this is where speed is measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
FARM = ROOT / "tests" / "fleet" / "farm.py"
EXPECTED = {"healthy": None, "expired": "cert_expired", "wrong_host": "hostname_mismatch",
            "tls10": "protocol_version_mismatch", "no_answer": "middlebox_or_firewall_interference",
            "reset": "middlebox_or_firewall_interference"}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return env


def start_farm(n: int) -> tuple[subprocess.Popen[str], dict[str, Any]]:
    farm = subprocess.Popen([sys.executable, str(FARM), str(n)], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, text=True, env=_env())
    assert farm.stdout is not None
    line = farm.stdout.readline()
    if not line:
        farm.kill()
        raise SystemExit("the farm did not start")
    return farm, json.loads(line)


def stop_farm(farm: subprocess.Popen[str]) -> None:
    assert farm.stdin is not None
    farm.stdin.close()
    try:
        farm.wait(timeout=60)
    except subprocess.TimeoutExpired:
        farm.kill()
        farm.wait()


def write_inventory(layout: dict[str, Any], path: Path) -> Path:
    with open(path, "w") as fh:
        for name, address, port, kind in layout["endpoints"]:
            fh.write(f"{name}:{port} --connect {address} --ca-file {layout['root_pem']} #{kind}\n")
    return path


def timed(argv: list[str]) -> tuple[float, int, int]:
    """Run argv; wall seconds, exit status and the child's own peak RSS (kB)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, stdout=subprocess.DEVNULL, env=_env())
    _, status, usage = os.wait4(proc.pid, 0)
    return time.monotonic() - start, os.waitstatus_to_exitcode(status), usage.ru_maxrss


def check_db(db: Path, layout: dict[str, Any]) -> tuple[int, Counter[str]]:
    """Handshakes stored, and how many endpoints got the root cause their kind implies."""
    kinds = {name: kind for name, _, _, kind in layout["endpoints"]}
    con = sqlite3.connect(db)
    rows = con.execute("SELECT e.host, r.root_cause, r.handshakes FROM results r "
                       "JOIN endpoints e ON e.id = r.endpoint_id").fetchall()
    con.close()
    verdicts: Counter[str] = Counter()
    for host, cause, _ in rows:
        verdicts["right" if EXPECTED[kinds[host]] == cause else f"{kinds[host]}->{cause}"] += 1
    verdicts["missing"] = len(kinds) - len(rows)
    return sum(h or 0 for _, _, h in rows), verdicts


def fleet_cmd(inventory: Path, db: Path, args: argparse.Namespace,
              cluster: str | None = None) -> list[str]:
    argv = [sys.executable, "-m", "tlsdoctor", "fleet", "run", str(inventory), "--db", str(db),
            "--concurrency", str(args.concurrency), "--per-ip", str(args.per_ip),
            "--timeout", str(args.timeout)]
    if args.no_risk_checks:
        argv.append("--no-risk-checks")
    if cluster:
        argv += ["--cluster", cluster]
    return argv


def row(label: str, n: int, seconds: float, handshakes: int, rss_kb: int,
        verdicts: Counter[str], extra: str = "") -> str:
    wrong = {k: v for k, v in verdicts.items() if k != "right" and v}
    return (f"| {label} | {n} | {seconds:.1f} | {n / seconds:.0f} | {handshakes} | "
            f"{handshakes / seconds:.0f} | {rss_kb / 1024:.0f} MB{extra} | "
            f"{verdicts['right']}/{n} right{' ' + str(wrong) if wrong else ''} |")


def bench_cluster(inventory: Path, db: Path, args: argparse.Namespace) -> tuple[float, int, int, int]:
    # The scheduler runs in this process and the workers are its children: both must
    # import this tree's tlsdoctor (the one whose tasks they run).
    os.environ.update(PYTHONPATH=_env()["PYTHONPATH"])
    # As docs/fleet.md advises for workers: each shard runs in its own thread, and glibc's
    # per-thread malloc arenas otherwise keep what TLS contexts freed (about 100 MB more).
    os.environ.setdefault("MALLOC_ARENA_MAX", "2")
    sys.path.insert(0, str(ROOT / "src"))
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
                      dashboard_address=None) as cluster, Client(cluster) as client:
        client.run(lambda: None)  # workers up before the clock starts
        seconds, code, rss = timed(fleet_cmd(inventory, db, args, cluster.scheduler_address))
        import resource

        worker_rss = max(client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss).values())
    return seconds, code, rss, worker_rss


def bench_resume(inventory: Path, db: Path, args: argparse.Namespace, n: int) -> str:
    """kill -9 at 50%, the same command again: nothing lost, nothing done twice."""
    import signal

    argv = fleet_cmd(inventory, db, args) + ["--json"]
    start = time.monotonic()
    first = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                             env=_env())
    assert first.stdout is not None
    for _ in range(n // 2):
        first.stdout.readline()
    os.kill(first.pid, signal.SIGKILL)
    first.wait()
    first.stdout.close()
    con = sqlite3.connect(db)
    before = dict(con.execute("SELECT endpoint_id, id FROM results").fetchall())
    con.close()
    second = subprocess.run(argv, capture_output=True, text=True, env=_env())
    again = len(second.stdout.splitlines())
    con = sqlite3.connect(db)
    after = con.execute("SELECT endpoint_id, id FROM results").fetchall()
    runs = con.execute("SELECT COUNT(*) FROM runs").fetchone()[0]
    con.close()
    kept = sum(1 for e, i in after if before.get(e) == i)
    return (f"| resume: kill -9 at 50% then rerun | {n} | {time.monotonic() - start:.1f} | | | | | "
            f"{len(before)} stored before the kill, {kept} kept unchanged, {again} checked by the "
            f"rerun, {len(after)} results for {len({e for e, _ in after})} endpoints in {runs} run |")


def bench_sslyze(python: str, layout: dict[str, Any], work: Path) -> tuple[float, int, int]:
    targets = work / "sslyze-targets.txt"
    targets.write_text("".join(f"{name}:{port}{{{address}}}\n"
                               for name, address, port, _ in layout["endpoints"]))
    argv = [python, "-m", "sslyze", f"--targets_in={targets}", "--certinfo",
            f"--certinfo_ca_file={layout['root_pem']}", "--sslv2", "--sslv3", "--tlsv1",
            "--tlsv1_1", "--tlsv1_2", "--tlsv1_3", f"--json_out={work / 'sslyze.json'}", "--quiet"]
    return timed(argv)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="1000,10000")
    ap.add_argument("--concurrency", type=int, default=64)
    ap.add_argument("--per-ip", type=int, default=2)
    ap.add_argument("--timeout", type=float, default=5.0)
    ap.add_argument("--no-risk-checks", action="store_true")
    ap.add_argument("--cluster", action="store_true", help="also on a 2-worker LocalCluster")
    ap.add_argument("--no-single", action="store_true", help="skip the single-process run")
    ap.add_argument("--sslyze", metavar="PYTHON", help="also sslyze, with this interpreter")
    ap.add_argument("--resume", action="store_true", help="also kill -9 at 50%% and rerun")
    args = ap.parse_args()
    print("| run | endpoints | seconds | endpoints/s | handshakes | handshakes/s | peak RSS | verdicts |")
    print("|---|---|---|---|---|---|---|---|")
    for n in (int(s) for s in args.sizes.split(",")):
        farm, layout = start_farm(n)
        try:
            with tempfile.TemporaryDirectory(prefix="tlsdoctor-bench-") as tmp:
                work = Path(tmp)
                inventory = write_inventory(layout, work / "inventory.txt")
                if not args.no_single:
                    seconds, code, rss = timed(fleet_cmd(inventory, work / "one.db", args))
                    hs, verdicts = check_db(work / "one.db", layout)
                    print(row("fleet run, 1 process", n, seconds, hs, rss, verdicts), flush=True)
                if args.cluster:
                    seconds, code, rss, wrss = bench_cluster(inventory, work / "cluster.db", args)
                    hs, verdicts = check_db(work / "cluster.db", layout)
                    print(row("fleet run --cluster (2 workers)", n, seconds, hs, rss, verdicts,
                              f" writer, {wrss / 1024:.0f} MB worker"), flush=True)
                if args.resume:
                    print(bench_resume(inventory, work / "resume.db", args, n), flush=True)
                if args.sslyze:
                    seconds, code, rss = bench_sslyze(args.sslyze, layout, work)
                    print(f"| sslyze (certinfo + 6 versions) | {n} | {seconds:.1f} | "
                          f"{n / seconds:.0f} | | | {rss / 1024:.0f} MB | exit {code} |", flush=True)
        finally:
            stop_farm(farm)
    return 0


if __name__ == "__main__":
    sys.exit(main())
