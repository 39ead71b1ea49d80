"""Result objects of ``explain`` and the JSON shape of a Finding (shared/SPEC.md).

Findings are serialised by ``report.json.finding_to_json``, the one mapping for every command.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..finding import Finding, finding_to_json
from ..safe import printable

if TYPE_CHECKING:
    from .messages import Match

__all__ = ["INPUT_ECHO_LIMIT", "ExplainResult", "finding_to_json"]

INPUT_ECHO_LIMIT = 4000  # characters of the input echoed back in JSON


@dataclass(frozen=True, slots=True, kw_only=True)
class ExplainResult:
    """What ``explain(text)`` understood.

    ``recognized`` is False when no pattern matched: then ``source`` and ``meaning`` are
    "" and ``findings`` is empty (tlsdoctor never guesses). A recognised message may still
    have no findings when it names no fault (e.g. "Verify return code: 0 (ok)").
    ``source`` is the software whose wording matched ("curl", "java", "openssl",
    "tls_alert"...): a program only for its own words or context, the TLS library for
    words several programs print that are that library's, and "" for words many programs
    print that name none ("SSL handshake failed"; round 27, messages.lead). ``matches``
    keeps every statement recognised, for --verbose.
    """

    input: str
    recognized: bool
    source: str
    meaning: str
    findings: tuple[Finding, ...]
    next: str
    matches: tuple[Match, ...] = ()
    # Who printed it: "client" (its own error; alerts came from the server) or "server"
    # (its log; alerts came from the client). "" when nothing was recognised.
    side: str = ""
    # The server software whose settings the fixes name (api/text._software: its log
    # framing or its own words, round 21); "" when none. Not in the JSON (its schema is
    # the SPEC's): the fix steps' ``applies_to`` say it there.
    program: str = ""

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
