"""wget: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # Round 15: the *server* sent no certificate (src/openssl.c: SSL_get_peer_certificate
    # returned none), not a client certificate (the keyword rule read it so); lftp prints
    # the same words for the same case.
    "%s: No certificate presented by %s.\n": "server_misconfiguration:.6 "
                                             "tls_interception_mitm:.4 | reason",
}

RULES = (
    *common.TEXT_RULES,
    (r".", "not_tls", "the remaining wget lines are not about why a connection failed"),
)
