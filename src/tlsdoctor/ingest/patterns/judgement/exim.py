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
    # Round 23: tls_require_ciphers as a GnuTLS priority string (src/src/tls-gnu.c), refused at
    # the offset named: the MTA's own configuration, as a server (most often) or client
    **{f'gnutls_priority_init(%s) failed at offset %ld, "%.{n}s.."': (
        "server_misconfiguration:.6 client_misconfiguration:.4 | reason") for n in (6, 8)},
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining exim lines are not about why a connection failed"),
)
