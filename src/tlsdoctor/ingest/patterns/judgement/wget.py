"""wget: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {}

RULES = (
    *common.TEXT_RULES,
    (r".", "not_tls", "the remaining wget lines are not about why a connection failed"),
)
