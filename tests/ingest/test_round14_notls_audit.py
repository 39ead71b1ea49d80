"""Round 14 audit: not TLS, or died, over stacks x wordings x contexts (notls_audit_table)."""

from __future__ import annotations

import pytest
from notls_audit_table import CONTEXTS, WORDINGS, expected

from tlsdoctor.api import explain

CONFIDENT = 0.6
CELLS = [(w, c) for w in WORDINGS for c in CONTEXTS]


def cell_ok(wording: str, context: str) -> bool:
    kind, line = WORDINGS[wording]
    text = f"{CONTEXTS[context]}\n{line}" if CONTEXTS[context] else line
    r = explain(text)
    top = r.findings[0] if r.findings else None
    want = expected(kind, context)
    if top is None:
        return False
    conf = float(top.confidence or 0)
    if want is None:
        return not (top.cause.value == "client_misconfiguration" and conf >= CONFIDENT)
    cause, confident = want
    return top.cause.value == cause and confident in (None, conf >= CONFIDENT)


@pytest.mark.parametrize("wording, context", CELLS)
def test_cell(wording: str, context: str) -> None:
    assert cell_ok(wording, context)


def test_audit_size() -> None:
    assert len(CELLS) == 18 * 14
