"""go: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    "tls: private key does not match public key": common.KEY_MISMATCH,
    "tls: private key type does not match public key type": common.KEY_MISMATCH,
    "x509: certificate signed by unknown authority": common.UNTRUSTED,
    "x509: certificate has expired or is not yet valid: ": common.DATES_UNSAID,
    "tls: first record does not look like a TLS handshake": common.NOT_TLS_PORT,
    "http: server gave HTTP response to HTTPS client": "non_tls_service_on_port:1 | reason",
    "net/http: TLS handshake timeout": common.HANDSHAKE_TIMEOUT,
}

_RULES = (
    *common.TEXT_RULES,
    (r".", "not_tls", "the remaining go lines are not about why a connection failed"),
)

# Alert names (crypto/tls/alert.go) are printed as "remote error: tls: NAME" and judged by
# alerts.py, which knows the direction.
RULES = ((r"^alert\w+\t", "elsewhere", "alert names: alerts.py"), *_RULES)
