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
    # tls.Config misuse, refused before any byte is sent (handshake_client.go,
    # handshake_server.go): the program's own TLS settings, not the peer's; the keyword rules
    # would read "ServerName" as the server's SNI refusal.
    "tls: either ServerName or InsecureSkipVerify must be specified in the tls.Config":
        common.CLIENT_CONFIG,
    "tls: invalid NextProtos value": common.CLIENT_CONFIG,
    "tls: neither Certificates, GetCertificate, nor GetConfigForClient set in Config":
        common.SERVER_CONFIG,
}

_RULES = (
    *common.TEXT_RULES,
    (r".", "not_tls", "the remaining go lines are not about why a connection failed"),
)

# Alert names (crypto/tls/alert.go) are printed as "remote error: tls: NAME" and judged by
# alerts.py, which knows the direction.
RULES = ((r"^alert\w+\t", "elsewhere", "alert names: alerts.py"), *_RULES)
