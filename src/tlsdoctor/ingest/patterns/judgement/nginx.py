"""nginx: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    "handshake rejected": common.SNI,
    "SSL_do_handshake() failed": common.HANDSHAKE,
    # The client hung up mid-handshake: what that means on a server's log is judged with the
    # logs (nginx.py's hand pattern; issue 12's log work), not here.
    "peer closed connection in SSL handshake": "elsewhere",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining nginx lines are not about why a connection failed"),
)
