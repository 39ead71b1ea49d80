"""What explain ranks for a text, in the two shapes the class tests assert on."""

from __future__ import annotations

from tlsdoctor.api import explain


def causes(text: str) -> dict[str, float]:
    """Each finding's cause and confidence, in explain's order."""
    return {f.cause.value: f.confidence for f in explain(text).findings}


def top(text: str) -> tuple[str, float]:
    """The first finding's cause and confidence; ("-", 0.0) when there is none."""
    r = explain(text)
    return (r.findings[0].cause.value, r.findings[0].confidence) if r.findings else ("-", 0.0)
