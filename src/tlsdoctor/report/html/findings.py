"""Findings as the pages show them: what, who fixes it, the fix steps (each with an id for
its copy button) and the evidence. Shared by every page kind (and a future dashboard)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from ...fixes.data import SERVERS
from ..terminal import WHO
from .fields import records, strings, text

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


def who_words(party: str) -> str:
    return WHO.get(party, party)


def _fix(step: Mapping[str, Any], fid: str) -> FixView:
    return FixView(id=fid, text=text(step.get("text")), code=text(step.get("code")),
                   applies_to=text(step.get("applies_to")))


def finding(raw: Mapping[str, Any], fid: str, software: str | None = None) -> FindingView:
    fixes = [_fix(s, f"{fid}-fix{j + 1}") for j, s in enumerate(records(raw.get("fix")))]
    # With the server's software known, other servers' config lines are folded away.
    mine = [f for f in fixes if not software or f.applies_to not in SERVERS
            or f.applies_to == software]
    severity, who = text(raw.get("severity")), text(raw.get("who_fixes"))
    confidence = raw.get("confidence")
    return FindingView(
        id=fid, cause=text(raw.get("cause")), severity=severity,
        severity_words=SEVERITY_WORDS.get(severity, severity), who=who, who_words=who_words(who),
        title=text(raw.get("title")), explanation=text(raw.get("explanation")),
        fixes=tuple(mine), other_fixes=tuple(f for f in fixes if f not in mine),
        evidence=tuple(strings(raw.get("evidence"))),
        confidence=float(confidence) if isinstance(confidence, int | float) else 1.0)


def findings(raw: Any, prefix: str, software: str | None = None) -> tuple[FindingView, ...]:
    return tuple(finding(f, f"{prefix}{i + 1}", software) for i, f in enumerate(records(raw)))
