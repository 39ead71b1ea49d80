"""Top-1 accuracy of ``explain`` on the real-world set (tests/ingest/upstream/heldout/
cases.json): error output posted in bug reports and Q&A threads, each labelled with the cause
the thread established. No pattern or judgement is written from one of these strings.

Run: PYTHONPATH=src python3 scripts/eval_heldout.py [--split dev|all|<holdout>] [--cases]

A case is right when the top finding's cause is one of ``expected`` (``none``: the text
reports no fault, so no finding at all is right); "strict" counts only the thread's own
cause (the first). "Wrong but confident" is a recognised text whose top finding is wrong
with confidence >= CONFIDENT: the worst outcome, a guess presented as an answer.
``--cases`` prints one line per dev case; it refuses a holdout split (only scored, and only
in aggregate until a later round folds it into dev).
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tlsdoctor.api import explain

CASES = Path(__file__).resolve().parents[1] / "tests/ingest/upstream/heldout/cases.json"
CONFIDENT = 0.6


@dataclass(frozen=True, slots=True, kw_only=True)
class Scored:
    case: dict[str, Any]
    top: str  # the top finding's cause, "-" when there is none
    confidence: float
    recognized: bool

    @property
    def right(self) -> bool:
        if "none" in self.case["expected"] and self.top == "-":
            return True
        return self.top in self.case["expected"]

    @property
    def strict(self) -> bool:
        return self.top == self.case["expected"][0] or (
            self.case["expected"][0] == "none" and self.top == "-")

    @property
    def confident_wrong(self) -> bool:
        return self.recognized and not self.right and self.confidence >= CONFIDENT


def load(split: str = "all") -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = json.loads(CASES.read_text())["cases"]
    return [c for c in cases if split == "all" or c["split"] == split]


def score(case: dict[str, Any]) -> Scored:
    r = explain(case["text"])
    top = r.findings[0] if r.findings else None
    return Scored(case=case, top=top.cause.value if top else "-",
                  confidence=float(top.confidence or 0.0) if top else 0.0,
                  recognized=r.recognized)


def _line(label: str, rows: list[Scored]) -> str:
    n = len(rows)
    right = sum(s.right for s in rows)
    return (f"{label:28} {right:3}/{n:<3} {100 * right / n:5.1f}%  strict "
            f"{sum(s.strict for s in rows):3}  recognised {sum(s.recognized for s in rows):3}  "
            f"wrong-but-confident {sum(s.confident_wrong for s in rows)}")


def report(rows: list[Scored]) -> list[str]:
    """The summary: overall, then per stack and per expected cause."""
    out = [_line("ALL", rows), "", "per stack:"]
    by_stack: dict[str, list[Scored]] = defaultdict(list)
    by_cause: dict[str, list[Scored]] = defaultdict(list)
    for s in rows:
        by_stack[s.case["stack"]].append(s)
        by_cause[s.case["expected"][0]].append(s)
    out += [_line("  " + k, v) for k, v in sorted(by_stack.items())]
    out += ["", "per cause (the thread's):"]
    out += [_line("  " + k, v) for k, v in sorted(by_cause.items())]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    # The choices are whatever splits the set holds (dev, the current holdouts), plus "all".
    splits = sorted({c["split"] for c in load()} | {"dev", "all"})
    ap.add_argument("--split", choices=splits, default="dev")
    ap.add_argument("--cases", action="store_true", help="one line per case (not holdout)")
    args = ap.parse_args()
    if args.cases and args.split.startswith("holdout"):  # refused before anything is scored
        raise SystemExit("--cases refuses a holdout split: it is only scored")
    rows = [score(c) for c in load(args.split)]
    if args.cases:
        for s in (r for r in rows if r.case["split"] == "dev"):
            mark = "ok  " if s.right else ("MISS!" if s.confident_wrong else "MISS")
            print(f"{mark:5} {s.top:34} {s.confidence:4.2f} want {'/'.join(s.case['expected']):44}"
                  f" {s.case['id']:26} {s.case['text'][:60]!r}")
        print()
    print(f"split: {args.split}")
    print("\n".join(report(rows)))


if __name__ == "__main__":
    main()
