"""Score the stage class's audit table (tests/ingest/stage_audit_table.py) against the
tlsdoctor on PYTHONPATH: run it with this branch's src and with a base commit's src
(`git archive BASE src | tar -x -C /tmp/base`) to get the before/after counts."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests" / "ingest"))

from stage_audit_table import cells, verdict

from tlsdoctor.api import explain


def main() -> None:
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for cell in cells():
        r = explain(cell.text)
        got = [(f.cause.value, f.confidence) for f in r.findings]
        ok = verdict(cell, got)
        key = cell.stack.split("/")[0]
        total[key] += 1
        right[key] += ok
        if not ok:
            wrong.append(f"  {cell.stack} {cell.stage} {cell.refusal}: {got[:2]}")
    for key in total:
        print(f"{key:16s} {right[key]:3d}/{total[key]}")
    print(f"{'ALL':16s} {sum(right.values()):3d}/{sum(total.values())}")
    if "-v" in sys.argv:
        print("\n".join(wrong))


if __name__ == "__main__":
    main()
