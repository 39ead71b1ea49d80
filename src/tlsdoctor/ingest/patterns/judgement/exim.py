"""exim: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # smtp_in.c: "Some local configuration problem was discovered before actually trying
    # to do a TLS handshake" (the server's certificate, key or TLS library setup).
    "454 TLS currently unavailable": "server_misconfiguration:1 | reason",
    " STARTTLS": "not_tls",  # the EHLO capability line
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining exim lines are not about why a connection failed"),
)
