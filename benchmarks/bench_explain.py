"""How fast ``explain`` reads pasted error text: the real-world set's texts (bare), the same
wrapped the ways people post them (tests/ingest/posting_forms.py), and one 5 MB paste.
Prints seconds and texts per second.

Run: PYTHONPATH=src python3 benchmarks/bench_explain.py [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from tlsdoctor.api import explain

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests/ingest"))
from posting_forms import FORMS  # noqa: E402

CASES = ROOT / "tests/ingest/upstream/heldout/cases.json"


def _run(label: str, texts: list[str], rounds: int) -> None:
    start = time.perf_counter()
    for _ in range(rounds):
        for t in texts:
            explain(t)
    took = time.perf_counter() - start
    n = len(texts) * rounds
    print(f"{label:24} {n:6} texts {took:7.2f} s  {n / took:8.1f} texts/s", flush=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--rounds", type=int, default=3)
    rounds = ap.parse_args().rounds
    # Dev only: a holdout is scored once, never run through explain before that.
    texts = [c["text"] for c in json.loads(CASES.read_text())["cases"] if c["split"] == "dev"]
    explain(texts[0])  # tables loaded outside the timing
    _run("bare", texts, rounds)
    wrapped = [f(t) for i, t in enumerate(texts) for j, f in enumerate(FORMS.values())
               if (i + j) % 10 == 0]
    _run("wrapped (1 form in 10)", wrapped, rounds)
    big = ("web_1  | " + '{"level":"error","msg":"x509: certificate signed by unknown '
           'authority \\u003cnil\\u003e"}\n') * 60_000
    _run(f"one paste of {len(big) // 1_000_000} MB", [big], rounds)


if __name__ == "__main__":
    main()
