"""apache: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    # renegotiation in mod_ssl is how a per-location client certificate is asked for
    "AH02261": "client_cert_required:.6 client_misconfiguration:.4 | reason",
    # the SNI name and the Host header name different virtual hosts
    "AH02032": "sni_required_or_mismatch:1 | reason",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining apache lines are not about why a connection failed"),
)
