"""Print the bare refusal audit (tests/ingest/refusal_audit_table.py): per stack, how many
cells of stacks x wordings x contexts hold (round 14; round 15 adds the JSSE and own-context
cells, keyed "r15 <stack>"). Run against any tree to compare:

PYTHONPATH=src python3 scripts/refusal_audit.py [--cells]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "ingest"))

from refusal_audit_table import OWN_CONTEXT_CELLS, cells, java_cells, judge

from tlsdoctor.api import explain


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cells", action="store_true", help="print every failing cell")
    args = ap.parse_args()
    held: Counter[str] = Counter()
    total: Counter[str] = Counter()
    for stack, kind, ctx, text, want in cells():
        ok = judge(explain, text, want)
        total[f"{stack}/{kind}"] += 1
        held[f"{stack}/{kind}"] += ok
        if args.cells and not ok:
            r = explain(text)
            top = r.findings[0] if r.findings else None
            print(f"FAIL {stack}/{kind}/{ctx}: want {want or '<0.6'}, got "
                  f"{top.cause.value if top else '-'} {top.confidence if top else 0}")
    # round 15: a JSSE client's own context, and other stacks' own context
    for stack, ctx, text, want in [*java_cells(), *OWN_CONTEXT_CELLS]:
        ok = judge(explain, text, want)
        key = f"r15 {stack}"
        total[key] += 1
        held[key] += ok
        if args.cells and not ok:
            print(f"FAIL {stack}/{ctx}: want {want}")
    print(f"held {sum(held.values())}/{sum(total.values())}")
    for key in total:
        print(f"  {key:24} {held[key]}/{total[key]}")


if __name__ == "__main__":
    main()
