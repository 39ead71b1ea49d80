"""What explain ranks for a text, as the class tests compare it (shared by test_round*)."""

from __future__ import annotations

from tlsdoctor.api import explain
from tlsdoctor.diagnosis.causes import Cause


def ranked(text: str) -> list[tuple[Cause, float]]:
    """Every finding's cause with its confidence, best first."""
    return [(f.cause, f.confidence or 0.0) for f in explain(text).findings]


def top_cause(text: str) -> Cause | None:
    """The top cause, or None when explain recognised nothing."""
    found = ranked(text)
    return found[0][0] if found else None
