"""What explain ranks and matches for a text, in the shapes the class tests assert on."""

from __future__ import annotations

from collections.abc import Sequence

from tlsdoctor.api import explain
from tlsdoctor.finding import Finding


def causes(text: str) -> dict[str, float]:
    """Each finding's cause and confidence, in explain's order."""
    return _causes(explain(text).findings)


def top(text: str) -> tuple[str, float]:
    """The first finding's cause and confidence; ("-", 0.0) when there is none."""
    return _top(explain(text).findings)


def top_found(text: str) -> tuple[str, float]:
    """``top(text)``, failing when explain found no cause."""
    findings = explain(text).findings
    assert findings, text[-600:]
    return _top(findings)


def top_and_party(text: str) -> tuple[str, float, str]:
    """The first finding's cause, confidence and who fixes it, failing when there is none."""
    findings = explain(text).findings
    assert findings, text[-600:]
    return findings[0].cause.value, findings[0].confidence, findings[0].who_fixes.value


def rounded(text: str) -> list[tuple[str, float]]:
    """Each finding's cause and confidence to two places, failing when explain recognised
    nothing."""
    r = explain(text)
    assert r.recognized, text[-600:]
    return [(f.cause.value, round(f.confidence, 2)) for f in r.findings]


def causes_and_top(text: str) -> tuple[dict[str, float], tuple[str, float]]:
    """``causes(text)`` and ``top(text)`` from one explain, for a test that asserts on both."""
    findings = explain(text).findings
    return _causes(findings), _top(findings)


def ids(text: str) -> list[str]:
    """The pattern ids explain matched in ``text``, in its order."""
    return [m.pattern_id for m in explain(text).matches]


def check_harvested(text: str, source: str, cause: str, confident: bool) -> None:
    """A harvested family's text as printed: recognised, by a pattern of ``source``, with
    ``cause`` first, at >= 0.6 exactly when ``confident`` (one explain for all four)."""
    r = explain(text)
    matched = [m.pattern_id for m in r.matches]
    assert r.recognized, text
    assert any(i.startswith(source) for i in matched), matched
    got, conf = _top(r.findings)
    assert got == cause, r.findings
    assert (conf >= 0.6) == confident, (got, conf)


def _causes(findings: Sequence[Finding]) -> dict[str, float]:
    return {f.cause.value: f.confidence for f in findings}


def _top(findings: Sequence[Finding]) -> tuple[str, float]:
    return (findings[0].cause.value, findings[0].confidence) if findings else ("-", 0.0)
