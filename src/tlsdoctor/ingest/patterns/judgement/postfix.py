"""postfix: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # smtpd's bare handshake failure: judged with the logs (postfix.py's hand pattern)
    "SSL_accept error from %s: %d": "elsewhere",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining postfix lines are not about why a connection failed"),
)
