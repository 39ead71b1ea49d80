#!/usr/bin/env python3
"""Record the server-log matrix: each installed server (tlsdoctor.testing.serverkinds) on
loopback, every client fault (tlsdoctor.testing.serverlogs) run against it with a real
client, and the server's log copied verbatim into tests/ingest/corpus/server_logs/matrix/
with cells.json (server, version, fault, the log file and the cell's line range).

    PYTHONPATH=src python3 scripts/record_server_logs.py            # record all, then score
    PYTHONPATH=src python3 scripts/record_server_logs.py --score    # score the recorded corpus

The score (right/cells per server and per fault) is what tests/ingest/
test_server_log_matrix.py asserts; a recording replaces the previous one.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

from tlsdoctor.testing import serverkinds, serverlogs

ROOT = Path(__file__).resolve().parent.parent
MATRIX = ROOT / "tests" / "ingest" / "corpus" / "server_logs" / "matrix"
sys.path.insert(0, str(ROOT / "tests" / "ingest"))


def record(names: list[str]) -> None:
    MATRIX.mkdir(parents=True, exist_ok=True)
    index = MATRIX / "cells.json"
    cells = json.loads(index.read_text())["cells"] if index.is_file() else []
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-record-") as tmp:
        pki = serverlogs.make_pki(Path(tmp) / "pki")
        for name in names:
            if not serverkinds.available(name):
                print(f"{name}: not installed, kept as recorded", file=sys.stderr)
                continue
            got = serverlogs.run_server(name, serverkinds.KINDS[name][1](pki), pki, MATRIX)
            cells = [c for c in cells if c["server"] != name] + [
                {"server": c.server, "version": c.version, "fault": c.fault,
                 "log": c.log_path.name, "first_line": c.first_line, "last_line": c.last_line,
                 "what": serverlogs.FAULT_BY_NAME[c.fault].what, "client": c.client,
                 "client_text": c.client_text} for c in got]
            print(f"{name}: {len(got)} cells ({got[0].version if got else '-'})",
                  file=sys.stderr)
    cells.sort(key=lambda c: (c["server"], list(serverlogs.FAULT_BY_NAME).index(c["fault"])))
    index.write_text(json.dumps({"about": "see scripts/record_server_logs.py",
                                 "cells": cells}, indent=1) + "\n")


def score() -> int:
    from test_server_log_matrix import judge_cell, judge_client  # the test's own judges

    cells = json.loads((MATRIX / "cells.json").read_text())["cells"]
    per_server: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    per_fault: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    right = 0
    for c in cells:
        log = MATRIX / c["log"]
        lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
        text = "".join(lines[c["first_line"] - 1:c["last_line"]])
        v = judge_cell(c["server"], c["fault"], text, log, c["first_line"], c["last_line"])
        half = judge_client(c["fault"], c.get("client", ""), c.get("client_text", ""),
                            c["server"])
        if not half.right:
            print(f"MISS {c['server']:15} {c['fault']:22} {half.why}")
        right += v.right
        for table, key in ((per_server, c["server"]), (per_fault, c["fault"])):
            table[key][0] += v.right
            table[key][1] += 1
        if not v.right:
            print(f"MISS {c['server']:15} {c['fault']:22} {v.why}")
    print(f"\nright {right}/{sum(n for _, n in per_server.values())}")
    for title, table in (("server", per_server), ("fault", per_fault)):
        print(f"\n| {title} | right/cells |\n|---|---|")
        for key, (ok, n) in table.items():
            print(f"| {key} | {ok}/{n} |")
    return right


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--score", action="store_true", help="only score the recorded corpus")
    ap.add_argument("servers", nargs="*", help="server kinds to record (default: all)")
    args = ap.parse_args()
    if not args.score:
        record(args.servers or sorted(serverkinds.KINDS))
    score()


if __name__ == "__main__":
    main()
