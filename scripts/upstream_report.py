"""Per source: harvested entries, how they are judged, and how many of the judged strings
``explain`` recognises with the judged top cause when fed exactly as upstream prints them.

Run: PYTHONPATH=src python3 scripts/upstream_report.py  (prints a Markdown table)
"""

from __future__ import annotations

import json
from collections import Counter

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import DATA, as_printed, causes, entries, judge


def row(source: str) -> tuple[str, ...]:
    data = json.loads((DATA / f"{source}.json").read_text())
    commits = ", ".join(f"{o['repo']}@{o['ref']} {o['commit'][:12]}" for o in data["origins"])
    kinds: Counter[str] = Counter()
    judged = recognised = right = 0
    for e in entries(source):
        v = judge(e)
        kinds[v.kind if v else "unjudged"] += 1
        if v is None or v.kind not in ("causes", "no_fault"):
            continue
        judged += 1
        r = explain(as_printed(e))
        recognised += r.recognized
        top = causes(v.causes)[0][0] if v.kind == "causes" else None
        got = r.findings[0].cause if r.findings else None
        right += r.recognized and got == top
    return (source, str(len(entries(source))), str(kinds["causes"]), str(kinds["no_fault"]),
            str(kinds["not_tls"]), str(kinds["elsewhere"]), f"{recognised}/{judged}",
            f"{right}/{judged}", commits)


def main() -> None:
    print("| source | harvested | causes | no fault | not TLS | elsewhere | recognised "
          "| right top cause | upstream (repo@ref commit) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for p in sorted(DATA.glob("*.json")):
        print("| " + " | ".join(row(p.stem)) + " |")


if __name__ == "__main__":
    main()
