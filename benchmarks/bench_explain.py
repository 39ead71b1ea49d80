"""Benchmark ``explain`` over the real-world set's texts (tests/ingest/upstream/heldout/
cases.json, every split), repeated: prints seconds and texts/s.

Run:  PYTHONPATH=src python3 benchmarks/bench_explain.py [ROUNDS]   (default 3)
The first round includes building the tables (imports, regex compilation); the best of the
later rounds is the steady rate.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tlsdoctor.api import explain

CASES = Path(__file__).resolve().parents[1] / "tests/ingest/upstream/heldout/cases.json"


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    texts = [c["text"] for c in json.loads(CASES.read_text())["cases"]]
    times = []
    for _ in range(max(rounds, 2)):
        start = time.perf_counter()
        for text in texts:
            explain(text)
        times.append(time.perf_counter() - start)
    steady = min(times[1:])
    print(f"{len(texts)} texts: first round {times[0]:.2f} s, best later round {steady:.2f} s "
          f"({len(texts) / steady:.0f} texts/s)")


if __name__ == "__main__":
    main()
