"""Finding: one cause, with who fixes it, how, and the evidence that proves it.

The type lives in this leaf module so that every layer can carry findings (result
containers, reports); they are *made* only in ``tlsdoctor.diagnosis`` (the judgement),
and their fix steps are attached afterwards by ``tlsdoctor.fixes``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from .causes import Cause, Party, Severity


@dataclass(frozen=True, slots=True, kw_only=True)
class FixStep:
    """One instruction. ``code`` is verbatim (a command or config lines), ``applies_to``
    names the software it is for ("nginx", "curl", "java"...), "" when generic."""

    text: str
    code: str = ""
    applies_to: str = ""


@dataclass(frozen=True, slots=True, kw_only=True)
class Finding:
    """One diagnosed cause: how bad it is, who fixes it, why, and the steps to fix it."""
    cause: Cause
    severity: Severity
    who_fixes: Party
    title: str
    explanation: str
    fix: tuple[FixStep, ...] = ()
    evidence: tuple[str, ...] = ()
    # Machine-readable facts behind the finding (versions, names, counts); JSON-safe values.
    facts: Mapping[str, Any] = field(default_factory=dict)
    # 0..1: how sure the source is. Live probes prove (1.0); explain/logs may be ambiguous.
    confidence: float = 1.0

    def sort_key(self) -> tuple[int, float]:
        return (self.severity.rank, -self.confidence)


def _jsonable(value: Any) -> Any:
    if isinstance(value, Mapping):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, bytes):
        return value.hex()
    return str(value)


def fix_to_json(step: FixStep) -> dict[str, str]:
    return {"text": step.text, "code": step.code, "applies_to": step.applies_to}


def finding_to_json(f: Finding) -> dict[str, Any]:
    """The SPEC's finding object: the one mapping every command's JSON uses."""
    return {"cause": f.cause.value, "severity": f.severity.value, "who_fixes": f.who_fixes.value,
            "title": f.title, "explanation": f.explanation,
            "fix": [fix_to_json(s) for s in f.fix], "evidence": list(f.evidence),
            "facts": _jsonable(dict(f.facts)), "confidence": round(f.confidence, 2)}


def rank(findings: list[Finding] | tuple[Finding, ...]) -> tuple[Finding, ...]:
    """Most severe first; among equals, the most certain; otherwise keep rule order."""
    return tuple(sorted(findings, key=Finding.sort_key))
