"""Round 13: a version, suite or key-strength refusal, read by which side is old or strict.

The audit (version_audit_table.py): 33 wordings from 13 stacks x 6 contexts (none, an old
server or device, an old client, the client's default policy, a client pinned to newer or
to older versions). Each cell checks the top finding's cause AND the party that must act.
"""

from __future__ import annotations

import pytest
from version_audit_table import CONTEXTS, WORDINGS, cells

from tlsdoctor.api import explain

CELLS = cells()


def test_the_audit_covers_every_wording_and_context() -> None:
    assert len(CELLS) == len(WORDINGS) * len(CONTEXTS) == 198
    assert len({stack for stack, *_ in WORDINGS}) >= 13


@pytest.mark.parametrize(("cid", "hint", "text", "want"), CELLS, ids=[c[0] for c in CELLS])
def test_cell(cid: str, hint: str, text: str, want: tuple[frozenset[str], str | None]) -> None:
    causes, party = want
    r = explain(text)
    assert r.findings, cid
    top = r.findings[0]
    assert top.cause.value in causes, (cid, top.cause.value, top.confidence)
    if party is not None:
        assert top.who_fixes.value == party, (cid, top.who_fixes.value)


def test_plaintext_wording_is_left_alone() -> None:
    # "wrong version number" is nearly always plaintext on the port: not this class's words
    r = explain("curl: (35) error:0A00010B:SSL routines::wrong version number")
    assert r.findings[0].cause.value == "non_tls_service_on_port"


def test_a_trust_failure_with_policy_words_is_left_alone() -> None:
    r = explain("Debian 11, SECLEVEL=2\ncurl: (60) SSL certificate problem: unable to get "
                "local issuer certificate")
    assert r.findings[0].cause.value not in ("protocol_version_mismatch", "cipher_suite_mismatch")
