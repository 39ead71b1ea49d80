"""Top-1 accuracy of ``explain`` on the held-out real-world set (tests/ingest/upstream/
heldout/cases.json), which no pattern or judgement was written from.

Run: PYTHONPATH=src python3 scripts/eval_heldout.py
"""

from __future__ import annotations

import json
from pathlib import Path

from tlsdoctor.api import explain

CASES = Path(__file__).resolve().parents[1] / "tests/ingest/upstream/heldout/cases.json"


def main() -> None:
    cases = json.loads(CASES.read_text())["cases"]
    right = recognised = 0
    for c in cases:
        r = explain(c["text"])
        top = r.findings[0].cause.value if r.findings else "-"
        ok = top in c["expected"]
        right += ok
        recognised += r.recognized
        print(f"{'ok  ' if ok else 'MISS'} {top:34} want {'/'.join(c['expected']):40} "
              f"{c['text'][:70]!r}")
    n = len(cases)
    print(f"\n{right}/{n} right top-1 cause ({100 * right / n:.0f}%), "
          f"{recognised}/{n} recognised")


if __name__ == "__main__":
    main()
