"""postfix: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # smtpd's bare handshake failure: judged with the logs (postfix.py's hand pattern)
    "SSL_accept error from %s: %d": "elsewhere",
    # smtpd's answer to STARTTLS when its own certificate or key cannot be loaded
    # (smtpd.c: tls_server_init failed; TLS_CHANGES: "unaccessible keys").
    "454 4.7.0 TLS not available due to local problem": "server_misconfiguration:1 | reason",
    "client TLS configuration problem": "client_misconfiguration:1 | reason",
    # The client skipped STARTTLS on a server that requires it (smtpd_tls_security_level).
    "530 5.7.0 Must issue a STARTTLS command first": "client_misconfiguration:1 | reason",
    # The smtp client: the server does not offer TLS, or our own engine failed.
    "TLS is required, but was not offered by host %s":
        "non_tls_service_on_port:.6 server_misconfiguration:.4 | reason",
    "Sender requested REQUIRETLS, but TLS service was not offered by host %s":
        "non_tls_service_on_port:.6 server_misconfiguration:.4 | reason",
    "TLS is required, but host %s refused to start TLS: %s": "server_misconfiguration:1 | reason",
    "Sender requested REQUIRETLS, but host %s refused to start TLS: %s":
        "server_misconfiguration:1 | reason",
    "TLS is required, but our TLS engine is unavailable": "client_misconfiguration:1 | reason",
    "%s: TLS is required but unavailable, don't know why": "client_misconfiguration:1 | specific",
    "TLS is required, but unavailable": "client_misconfiguration:1 | specific",
    # Replies and notes that name no fault.
    "220 2.0.0 Ready to start TLS": "no_fault",
    "Host offered STARTTLS: [%s]": "no_fault",
    "501 5.5.4 Syntax: STARTTLS": "not_tls",
    "554 5.5.1 Error: TLS already active": "not_tls",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining postfix lines are not about why a connection failed"),
)
