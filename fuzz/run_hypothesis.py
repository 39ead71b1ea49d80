"""Long hypothesis runs of every parser target (the in-suite runs are a few hundred
examples; this is as many as the time allows).

    python fuzz/run_hypothesis.py                      # every target, 60 s each
    python fuzz/run_hypothesis.py --seconds 600 pcap_capture session_tls13
    python fuzz/run_hypothesis.py --json results.json

Unlike a pytest run it does not stop at the first failure: each crashing input is
saved under fuzz/crashes/<target>-<sha256>.bin with its traceback, and the run goes on.
Prints executions and crashes per target; exit status 1 if anything crashed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
import traceback
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent))

from mutate import mutated
from targets import TARGETS, seeds

CRASHES = Path(__file__).resolve().parent / "crashes"
SLOW = 2.0  # seconds for one input: reported as a "slow" input (a hang candidate)


def fuzz(name: str, seconds: float) -> dict[str, object]:
    fn = TARGETS[name]
    stats = {"target": name, "executions": 0, "crashes": 0, "slow": 0, "max_seconds": 0.0,
             "distinct_crashes": set()}

    def one(data: bytes) -> None:
        stats["executions"] += 1  # type: ignore[operator]
        t = time.monotonic()
        try:
            fn(data)
        except Exception as exc:  # a crash: anything the target does not document
            stats["crashes"] += 1  # type: ignore[operator]
            where = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {where.filename}:{where.lineno}"
            if key not in stats["distinct_crashes"]:  # type: ignore[operator]
                stats["distinct_crashes"].add(key)  # type: ignore[union-attr]
                CRASHES.mkdir(exist_ok=True)
                digest = hashlib.sha256(data).hexdigest()[:16]
                (CRASHES / f"{name}-{digest}.bin").write_bytes(data)
                (CRASHES / f"{name}-{digest}.txt").write_text(
                    "".join(traceback.format_exception(exc)))
                print(f"  CRASH {name}: {key}", flush=True)
        took = time.monotonic() - t
        stats["max_seconds"] = max(stats["max_seconds"], took)  # type: ignore[call-overload]
        if took > SLOW:
            stats["slow"] += 1  # type: ignore[operator]

    common = settings(max_examples=500, deadline=None, database=None,
                      suppress_health_check=list(HealthCheck))
    random_run = common(given(st.binary(max_size=4096))(one))
    mutated_run = common(given(mutated(seeds(name), max_ops=12))(one))
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        random_run()
        mutated_run()
    stats["distinct_crashes"] = sorted(stats["distinct_crashes"])  # type: ignore[arg-type]
    stats["max_seconds"] = round(stats["max_seconds"], 3)  # type: ignore[call-overload]
    return stats


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("targets", nargs="*", help=f"default: all of {', '.join(TARGETS)}")
    ap.add_argument("--seconds", type=float, default=60.0, help="per target (default 60)")
    ap.add_argument("--json", help="also write the results to this file")
    args = ap.parse_args()
    names = args.targets or list(TARGETS)
    unknown = set(names) - set(TARGETS)
    if unknown:
        ap.error(f"unknown target(s): {', '.join(sorted(unknown))}")
    results = []
    for name in names:
        r = fuzz(name, args.seconds)
        results.append(r)
        print(f"{name:16} executions {r['executions']:>8}  crashes {r['crashes']:>4}  "
              f"slow {r['slow']}  max {r['max_seconds']} s", flush=True)
    if args.json:
        Path(args.json).write_text(json.dumps(results, indent=2))
    return 1 if any(r["crashes"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
