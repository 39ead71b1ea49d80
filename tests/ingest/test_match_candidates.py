"""The first text matched against a set of tables is scanned needle by needle, later ones
through the trigram index (ingest/messages.py): the two ways must find the same
statements, for every recorded client output and server log line."""

from __future__ import annotations

import json
from pathlib import Path

from tlsdoctor.ingest import messages
from tlsdoctor.ingest.patterns import LOCAL_MODULES, MODULES

CORPUS = Path(__file__).parent / "corpus"


def _texts() -> list[str]:
    out = [e["output"] for e in json.loads((CORPUS / "recorded.json").read_text())]
    out += (CORPUS / "nginx_error.log").read_text().splitlines()
    for f in sorted((CORPUS / "server_logs").iterdir()):
        if f.is_file():
            out += f.read_text(errors="replace").splitlines()
    return [t for t in out if t.strip()]


def test_scanned_and_indexed_candidates_agree() -> None:
    texts = _texts()
    assert len(texts) > 100
    found = 0
    for modules in (LOCAL_MODULES, MODULES):
        for text in texts:
            messages._SCANNED.discard(modules)  # the next match is a first one: scanned
            scanned = messages.find_matches(text, server_side=False, modules=modules)
            assert modules in messages._SCANNED
            indexed = messages.find_matches(text, server_side=False, modules=modules)
            assert scanned == indexed, text
            found += bool(scanned)
    assert found > 100  # the texts are recognised at all, so the comparison means something
