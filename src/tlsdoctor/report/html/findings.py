"""Findings as the pages show them: what, who fixes it, the fix steps (each with an id for
its copy button) and the evidence. Shared by every page kind (and a future dashboard)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...fixes.snippets import SERVERS
from ..terminal import WHO

SEVERITY_WORDS = {"blocking": "blocks the connection", "risk": "risk", "warning": "warning",
                  "info": "for information"}
OUTCOME_WORDS = {"ok": "works", "risky": "works, with risks", "fails": "fails",
                 "unknown": "could not diagnose"}


@dataclass(frozen=True, slots=True, kw_only=True)
class FixView:
    id: str  # element id of the code block (the copy button names it)
    text: str
    code: str
    applies_to: str


@dataclass(frozen=True, slots=True, kw_only=True)
class FindingView:
    id: str
    cause: str
    severity: str
    severity_words: str
    who: str
    who_words: str
    title: str
    explanation: str
    fixes: tuple[FixView, ...]  # for this server's software, or for everyone
    other_fixes: tuple[FixView, ...]  # config for other server software (a named one exists)
    evidence: tuple[str, ...]
    confidence: float


def _s(value: Any) -> str:
    return "" if value is None else str(value)


def who_words(party: str) -> str:
    return WHO.get(party, party)


def _fix(step: Any, fid: str) -> FixView | None:
    if not isinstance(step, Mapping):
        return None
    return FixView(id=fid, text=_s(step.get("text")), code=_s(step.get("code")),
                   applies_to=_s(step.get("applies_to")))


def finding(raw: Mapping[str, Any], fid: str, software: str | None = None) -> FindingView:
    steps = raw.get("fix") if isinstance(raw.get("fix"), list) else []
    fixes = [f for j, s in enumerate(steps) if (f := _fix(s, f"{fid}-fix{j + 1}")) is not None]
    # With the server's software known, other servers' config lines are folded away.
    mine = [f for f in fixes if not software or f.applies_to not in SERVERS
            or f.applies_to == software]
    evidence = raw.get("evidence") if isinstance(raw.get("evidence"), list) else []
    severity, who = _s(raw.get("severity")), _s(raw.get("who_fixes"))
    confidence = raw.get("confidence")
    return FindingView(
        id=fid, cause=_s(raw.get("cause")), severity=severity,
        severity_words=SEVERITY_WORDS.get(severity, severity), who=who, who_words=who_words(who),
        title=_s(raw.get("title")), explanation=_s(raw.get("explanation")),
        fixes=tuple(mine), other_fixes=tuple(f for f in fixes if f not in mine),
        evidence=tuple(_s(e) for e in evidence),
        confidence=float(confidence) if isinstance(confidence, int | float) else 1.0)


def findings(raw: Any, prefix: str, software: str | None = None) -> tuple[FindingView, ...]:
    items = [f for f in raw if isinstance(f, Mapping)] if isinstance(raw, list) else []
    return tuple(finding(f, f"{prefix}{i + 1}", software) for i, f in enumerate(items))
