"""Result objects of ``explain`` and the JSON shape of a Finding (shared/SPEC.md).

``finding_to_json`` is the one mapping of a Finding to JSON for the ingest commands; the
lead moves it into report/json.py, keeping these field names.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..diagnosis.finding import Finding
from ..report.safe import printable

if TYPE_CHECKING:
    from .messages import Match

__all__ = ["INPUT_ECHO_LIMIT", "ExplainResult", "finding_to_json"]

INPUT_ECHO_LIMIT = 4000  # characters of the input echoed back in JSON


def _json_safe(value: Any) -> Any:
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    if isinstance(value, Mapping):
        return {str(k): _json_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set | frozenset):
        return [_json_safe(v) for v in value]
    return str(value)


def finding_to_json(f: Finding) -> dict[str, Any]:
    """A Finding as the stable JSON object (cause, severity, who_fixes, title, ...)."""
    return {
        "cause": f.cause.value,
        "severity": f.severity.value,
        "who_fixes": f.who_fixes.value,
        "title": f.title,
        "explanation": f.explanation,
        "fix": [{"text": s.text, "code": s.code, "applies_to": s.applies_to} for s in f.fix],
        "evidence": list(f.evidence),
        "facts": _json_safe(f.facts),
        "confidence": f.confidence,
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class ExplainResult:
    """What ``explain(text)`` understood.

    ``recognized`` is False when no pattern matched: then ``source`` and ``meaning`` are
    "" and ``findings`` is empty (tlsdoctor never guesses). A recognised message may still
    have no findings when it names no fault (e.g. "Verify return code: 0 (ok)").
    ``source`` is the software whose wording matched ("curl", "java", "openssl",
    "tls_alert"...). ``matches`` keeps every statement recognised, for --verbose.
    """

    input: str
    recognized: bool
    source: str
    meaning: str
    findings: tuple[Finding, ...]
    next: str
    matches: tuple[Match, ...] = ()

    @property
    def root_cause(self) -> Finding | None:
        return self.findings[0] if self.findings else None

    def to_json(self) -> dict[str, Any]:
        """Exactly the object ``tlsdoctor explain --json`` prints (shared/SPEC.md)."""
        return {
            "input": printable(self.input, limit=INPUT_ECHO_LIMIT),
            "recognized": self.recognized,
            "source": self.source,
            "meaning": self.meaning,
            "findings": [finding_to_json(f) for f in self.findings],
            "next": self.next,
        }
