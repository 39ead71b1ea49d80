"""Round 22: what git, stunnel's client, ldapsearch and Node printed against real servers
(tests/fixes/test_client_rows22_real.py runs them live; corpus/client_rows22.json holds
the outputs verbatim, with the program's version and the scenario), checked without servers.

Kinds: "definite" the top finding is the cause (a client certificate: confidently, and the
client's to fix); "ambiguous_top" the cause is first, below certainty; "ambiguous" the cause
is among the findings and none is confident (a bare "Can't contact LDAP server (-1)", a bare
handshake_failure, Node's UNABLE_TO_VERIFY_LEAF_SIGNATURE for a private root, which reads
first as the missing intermediate it more often is).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor import explain

CORPUS = json.loads((Path(__file__).parent / "corpus" / "client_rows22.json").read_text())
CONFIDENT = 0.6


@pytest.mark.parametrize("entry", CORPUS, ids=[f"{e['program']}-{n}" for n, e in
                                               enumerate(CORPUS)])
def test_recorded_row(entry: dict[str, str]) -> None:
    r = explain(entry["text"])
    assert r.recognized, entry
    found = [(f.cause.value, round(float(f.confidence), 2), f.who_fixes.value)
             for f in r.findings]
    top, conf, party = found[0]
    if entry["kind"] == "definite":
        assert top == entry["cause"] and conf >= CONFIDENT, (entry["scenario"], found)
        if top == "client_cert_required":
            assert party == "client", found
    elif entry["kind"] == "ambiguous_top":
        assert top == entry["cause"] and conf < CONFIDENT, (entry["scenario"], found)
    else:
        assert entry["cause"] in [c for c, _, _ in found] and conf < CONFIDENT, (
            entry["scenario"], found)


def test_corpus_has_each_program_and_its_versions() -> None:
    assert {e["program"] for e in CORPUS} == {"git", "stunnel", "ldapsearch", "ldapsearch_d1",
                                              "node"}
    assert all(e["version"] and e["text"].strip() for e in CORPUS)


def test_a_successful_ldapsearch_trace_is_no_failure() -> None:
    """The -d 1 reading needs the failure after the handshake: a trace that connected and
    got its answer names nothing."""
    ok = next(e["text"] for e in CORPUS if e["scenario"].endswith("no certificate, -d 1"))
    head = ok.split("ldap_result ld ")[0]
    assert "ldap_open_defconn: successful" in head
    assert not explain(head + "ldap_parse_result\nldap_msgfree\n").findings
