"""Round 12: database clients and servers on loopback (``tlsdoctor.testing.db_tls``). For
each TLS fault, what the real client printed and what its real server logged meanwhile
must be read right (db_matrix_expect: the cause and party, a ranking, or no cause where
the words carry none).

Two halves: ``test_recorded_cell`` feeds the recorded corpus (corpus/db_matrix.json,
written by corpus/record_db_matrix.py) with no server, so the wording stays pinned where
MariaDB or Redis is missing; ``test_live`` runs the installed programs now.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from db_matrix_expect import EXPECT, judge

from tlsdoctor.testing import db_tls

CORPUS = json.loads((Path(__file__).parent / "corpus" / "db_matrix.json").read_text())
CELLS = [(row, side) for row in CORPUS for side in ("client", "server")]


@pytest.mark.parametrize(("row", "side"), CELLS,
                         ids=[f"{r['program']}-{r['fault']}-{s}" for r, s in CELLS])
def test_recorded_cell(row: dict[str, str], side: str) -> None:
    v = judge(row["program"], row["fault"], side, row[side])
    assert v.right, (v.detail, row[side][-400:])


def test_corpus_covers_every_fault() -> None:
    recorded = {(r["program"], r["fault"]) for r in CORPUS}
    assert recorded == {(f.program, f.name) for f in db_tls.DB_FAULTS}
    assert {(p, f) for p, f, _ in EXPECT} == recorded
    assert all(r["version"] for r in CORPUS)
    # the faults the matrix is for: each program's certificate, name and TLS-off cells
    for program, fault in (("mariadb", "expired"), ("mariadb", "untrusted_root"),
                           ("mariadb", "wrong_host"), ("mariadb", "tls_off"),
                           ("mariadb", "client_cert_required"), ("redis", "expired"),
                           ("redis", "client_cert_required")):
        assert (program, fault) in recorded


@pytest.mark.timeout(180)
@pytest.mark.parametrize("program", ["mariadb", "redis"])
def test_live(program: str, tmp_path: Path) -> None:
    why = db_tls.unavailable(program)
    if why:
        pytest.skip(why)
    pki = db_tls.make_db_pki(tmp_path / "pki")
    cells = db_tls.run_mariadb(pki) if program == "mariadb" else db_tls.run_redis(pki)
    assert {c.fault for c in cells} == {f.name for f in db_tls.DB_FAULTS
                                        if f.program == program}
    wrong = []
    for c in cells:
        for side, text in (("client", c.client), ("server", c.server)):
            v = judge(program, c.fault, side, text)
            if not v.right:
                wrong.append(f"{c.fault} {side}: {v.detail}\n    {text.strip()[-300:]}")
    assert not wrong, f"{cells[0].version}:\n" + "\n".join(wrong)
