"""Record what database clients print and what their servers log for each TLS fault (the
database matrix, round 12), and score explain on it.

Run from the repository root:
    PYTHONPATH=src python3 tests/ingest/corpus/record_db_matrix.py [--score-only]
Writes tests/ingest/corpus/db_matrix.json (program, version, fault, client: the client's
verbatim output, server: the server's log lines written meanwhile; ports and times vary
run to run) unless --score-only, and prints right/cells per program and side
(db_matrix_expect.judge). Only 127.0.0.1 is contacted; every run is bounded
(tlsdoctor/testing/db_tls.py).
"""

from __future__ import annotations

import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))

from db_matrix_expect import judge  # noqa: E402

from tlsdoctor.testing import db_tls  # noqa: E402

OUT = HERE / "db_matrix.json"


def record() -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    with tempfile.TemporaryDirectory() as tmp:
        pki = db_tls.make_db_pki(Path(tmp) / "pki")
        for program in ("mariadb", "redis"):
            why = db_tls.unavailable(program)
            if why:
                print(f"{program}: skipped ({why})")
                continue
            run = db_tls.run_mariadb if program == "mariadb" else db_tls.run_redis
            rows += [{"program": c.program, "version": c.version, "fault": c.fault,
                      "client": c.client, "server": c.server} for c in run(pki)]
    return rows


def score(rows: list[dict[str, str]]) -> None:
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for row in rows:
        for side in ("client", "server"):
            v = judge(row["program"], row["fault"], side, row[side])
            tally[f"{row['program']} {side}"][0] += v.right
            tally[f"{row['program']} {side}"][1] += 1
            if not v.right:
                print(f"WRONG {row['program']} {row['fault']} {side}: {v.detail}")
    for key, (right, n) in sorted(tally.items()):
        print(f"{key:16} {right}/{n}")


def main() -> None:
    if "--score-only" in sys.argv:
        rows = json.loads(OUT.read_text())
    else:
        rows = record()
        OUT.write_text(json.dumps(rows, indent=1, ensure_ascii=False) + "\n")
    score(rows)


if __name__ == "__main__":
    main()
