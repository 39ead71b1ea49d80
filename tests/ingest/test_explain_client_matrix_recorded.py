"""explain() over the client matrix's recorded outputs (corpus/client_matrix.json, written by
corpus/record_client_matrix.py): the wording of every program stays pinned even where a
program is missing, and this runs without servers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from client_matrix_expect import EXPECTED, judge

CORPUS = json.loads((Path(__file__).parent / "corpus" / "client_matrix.json").read_text())


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e['program']}-{e['fault']}" for e in CORPUS])
def test_recorded_cell(entry: dict[str, object]) -> None:
    v = judge(str(entry["program"]), str(entry["fault"]), str(entry["text"]))
    assert v.right, (v.kind, v.detail, str(entry["text"])[-400:])


def test_corpus_covers_the_matrix() -> None:
    programs = {e["program"] for e in CORPUS}
    faults = {e["fault"] for e in CORPUS}
    assert len(programs) >= 12
    assert set(EXPECTED) <= faults
    assert all(e["version"] or e["program"] == "nss_tstclnt" for e in CORPUS)
