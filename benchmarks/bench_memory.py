"""Benchmark: peak memory (RSS) of diagnose and scan against the hostile-server suite,
and whether memory grows over 1,000 connections (issue 7; target: < 100 MB, no growth).

    python benchmarks/bench_memory.py [--connections 1000] [--json out.json]

The hostile servers (tests/hostile/server.py and the shared fault servers) run in a
child process, so the RSS measured here is tlsdoctor's alone. Phase 1 runs ``diagnose``
and ``scan`` once against every behaviour and records the peak RSS (VmHWM). Phase 2
repeats offline diagnoses against the fast behaviours (the ones that do not just wait
for a timeout) until ``--connections`` connections were made, sampling the current RSS
(VmRSS, after a garbage collection) along the way: a leak shows as a rising line.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import json
import multiprocessing as mp
import sys
import time
import warnings
from multiprocessing.connection import Connection
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "hostile"))

TARGET_MB = 100.0
# Behaviours that cost a whole read timeout per probe: in phase 1 only.
SLOW = {"slow_drip", "handshake_length_unfinished", "handshake_length_short"}


def _status(field: str) -> float:
    """A memory field of /proc/self/status, in MB (Linux)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def _serve(conn: Connection) -> None:
    """Child process: start one server per behaviour, send the ports, wait for "stop"."""
    from server import ALL_BEHAVIOURS, FAULT_KINDS, HostileServer

    from tlsdoctor.testing.faults import FaultServer

    with contextlib.ExitStack() as stack:
        ports = {}
        for b in ALL_BEHAVIOURS:
            if b in FAULT_KINDS:
                srv = FaultServer(b, lifetime=3600, conn_timeout=15, **FAULT_KINDS[b])
            else:
                srv = HostileServer(b, max_connections=1_000_000)  # type: ignore[assignment]
            stack.enter_context(srv)  # type: ignore[arg-type]
            ports[b] = srv.port
        conn.send(ports)
        conn.recv()  # "stop"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--connections", type=int, default=1000)
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    warnings.simplefilter("ignore")  # as the CLI does: library warnings are not output

    from tlsdoctor import api, scan
    from tlsdoctor.probe.budget import ProbeOptions

    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_serve, args=(child,), daemon=True)
    proc.start()
    try:
        ports: dict[str, int] = parent.recv()
        start_rss = _status("VmRSS")
        print(f"RSS before any diagnosis: {start_rss:.1f} MB")

        # Phase 1: every behaviour, diagnose and scan once.
        phase1 = []
        for b, port in ports.items():
            t = time.monotonic()
            d = api.diagnose(f"127.0.0.1:{port}", timeout=1, offline=True)
            s = scan(f"127.0.0.1:{port}", options=ProbeOptions(
                connect_timeout=1, read_timeout=1, max_handshakes=400, concurrency=3))
            phase1.append({"behaviour": b, "diagnose_handshakes": d.handshakes,
                           "scan_handshakes": s.handshakes,
                           "seconds": round(time.monotonic() - t, 2),
                           "peak_mb": round(_status("VmHWM"), 1)})
            print(f"  {b:30} diagnose {d.handshakes:3} + scan {s.handshakes:3} connections, "
                  f"{phase1[-1]['seconds']:5.2f} s, peak RSS {phase1[-1]['peak_mb']:.1f} MB",
                  flush=True)
        peak1 = _status("VmHWM")

        # Phase 2: >= N connections of fast hostile behaviours, RSS sampled as we go.
        fast = [b for b in ports if b not in SLOW]
        samples: list[tuple[int, float]] = []
        made, i, next_sample = 0, 0, 0
        t0 = time.monotonic()
        while made < args.connections:
            b = fast[i % len(fast)]
            i += 1
            made += api.diagnose(f"127.0.0.1:{ports[b]}", timeout=1, offline=True).handshakes
            if made >= next_sample:
                gc.collect()
                samples.append((made, round(_status("VmRSS"), 1)))
                next_sample += max(1, args.connections // 10)
        gc.collect()
        samples.append((made, round(_status("VmRSS"), 1)))
        phase2_seconds = time.monotonic() - t0
    finally:
        parent.send("stop")
        proc.join(30)
        if proc.is_alive():
            proc.kill()

    peak = _status("VmHWM")
    warm = samples[1][1] if len(samples) > 1 else samples[0][1]
    growth = samples[-1][1] - warm
    print(f"\nphase 1: {len(phase1)} behaviours, peak RSS {peak1:.1f} MB")
    print(f"phase 2: {made} connections in {i} diagnoses, {phase2_seconds:.1f} s; "
          f"RSS samples (connections, MB): {samples}")
    print(f"peak RSS {peak:.1f} MB (target < {TARGET_MB:.0f} MB): "
          f"{'OK' if peak < TARGET_MB else 'OVER'}")
    print(f"RSS growth after warm-up over {made - samples[1][0] if len(samples) > 1 else made} "
          f"connections: {growth:+.1f} MB ({'OK' if growth < 5 else 'GROWING'})")
    if args.json:
        Path(args.json).write_text(json.dumps({
            "start_rss_mb": round(start_rss, 1), "phase1": phase1, "peak_mb": round(peak, 1),
            "connections": made, "diagnoses": i, "samples": samples,
            "growth_mb": round(growth, 1)}, indent=2))
    return 0 if peak < TARGET_MB and growth < 5 else 1


if __name__ == "__main__":
    sys.exit(main())
