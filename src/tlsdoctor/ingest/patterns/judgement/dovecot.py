"""dovecot: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # Round 15 (a server's own log): a DH file Dovecot cannot load stops its SSL server
    # context, so no client gets TLS (dev dovecot-ae392631, "Couldn't parse DH parameters"
    # inside "Failed to initialize SSL server context": server_misconfiguration); the
    # keyword rule's weak-DH reading is for a peer's small key, not a file.
    "Can't load DH parameters (ssl_server_dh_file setting): %s":
        "server_misconfiguration:.8 weak_cipher_or_no_pfs:.2 | reason",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining dovecot lines are not about why a connection failed"),
)
