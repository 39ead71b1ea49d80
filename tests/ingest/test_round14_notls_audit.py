"""Round 14 audit: not TLS, or died, over stacks x wordings x contexts (notls_audit_table)."""

from __future__ import annotations

import pytest
from notls_audit_table import CONTEXTS, WORDINGS, cell_ok

CELLS = [(w, c) for w in WORDINGS for c in CONTEXTS]


@pytest.mark.parametrize("wording, context", CELLS)
def test_cell(wording: str, context: str) -> None:
    assert cell_ok(WORDINGS, wording, context)


def test_audit_size() -> None:
    assert len(CELLS) == 18 * 14
