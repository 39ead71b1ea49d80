"""The number keys the index files error-number rows under (ingest/number_keys.py): only a
necessary condition, so a row skipped for want of its token could never have matched."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

from tlsdoctor.ingest import messages
from tlsdoctor.ingest.number_keys import number_keys, text_tokens
from tlsdoctor.ingest.patterns import _top_level_branches, revocation_data

CASES = Path(__file__).parent / "upstream/heldout/cases.json"


@pytest.mark.parametrize("rx, keys", [
    # the table families' shapes (patterns/windows_net.py, devices.py, apple.py...)
    (r"(?<![\d-])-2146893019\b", {"-2146893019"}),
    (r"(?i:(?:\b(?:error|status)\w{0,12}\W{1,4}|\bos error ))(?<![\d-])2148074254(?!\d)",
     {"2148074254"}),
    (r"\b0x80090325\b", {"x80090325"}),
    (r"(?:returned|error)\s*[=:]?\s*-9216(?![\d.])|tls stack:?\s*0x0{0,4}2400\b",
     {"-9216", "x2400"}),
    (r"\bSchannel\b[^\n]{0,40}?(?<![\d.])36887\b|\bEvent ?ID\W{0,4}36887\b",
     {"36887", "-36887"}),
    (r"\bstatus\s?[:=]?\s?-9802(?!\d)|\bfailed\(-9802\)", {"-9802"}),
    (r"\bMQT: TLS connection error: 266(?![\d:.])", {"266"}),
    # not fenced on every path, or too short to filter: no key
    (r"\berror 2148074254", None),  # a digit may follow
    (r"[^\n]2148074254\b", None),  # a digit may precede
    (r"\b0x0{0,4}2400", None),
    (r"\bSchannel\b.{0,40}36887\b|\bEvent ?ID\b", None),  # one branch has no number
    (r"\balert 42\b", None),
    (r"\bcertificate has expired\b", None),
])
def test_number_keys_of_each_shape(rx: str, keys: set[str] | None) -> None:
    assert number_keys(rx) == (None if keys is None else frozenset(keys))


def test_text_tokens_keep_the_sign_and_read_hex_after_0x() -> None:
    tokens = text_tokens("rc=-9216 at 12-34, 0X0002400 and 0x0x10; 2148074254.")
    assert {"-9216", "12", "-34", "x2400", "x10", "2148074254"} <= tokens
    assert "9216" not in tokens and "34" not in tokens


def test_every_keyed_row_that_matches_a_real_text_holds_its_token() -> None:
    """Over the real-world set's texts: a keyed row's match always contains one of its
    tokens (the rows found by the needle test first, as the matcher does)."""
    keyed = [(p, number_keys(p.rx)) for p in messages._patterns()]
    rows = [(p, keys) for p, keys in keyed if keys]
    assert len(rows) > 1000
    matched = 0
    for case in json.loads(CASES.read_text())["cases"]:
        text = case["text"]
        lower, tokens = text.lower(), text_tokens(text)
        for p, keys in rows:
            if (p.needle and p.needle not in lower) or (
                    p.needles and not any(n in lower for n in p.needles)):
                continue
            if p.regex.search(text):
                matched += 1
                assert keys & tokens, (p.id, case["id"])
    assert matched > 300  # 392 at round 27: the check means something


def test_the_revocation_rows_needles_are_in_every_wording() -> None:
    """patterns/revocation_data.py gives its rows needles by hand (an optional prefix hides
    them from table()): each alternative names one, and their letters match only themselves
    case-insensitively, so a text without them could not match."""
    for row in (*revocation_data._DATES, *revocation_data._OTHER):
        for branch in _top_level_branches(row[0]):
            assert any(n in branch.lower() for n in revocation_data.NEEDLES), branch
    letters = "".join(sorted(set("".join(revocation_data.NEEDLES))))
    every = "".join(map(chr, range(sys.maxunicode + 1)))
    matched = re.findall(f"[{letters}]", every, re.IGNORECASE)
    assert sorted(matched) == sorted(letters + letters.upper())
