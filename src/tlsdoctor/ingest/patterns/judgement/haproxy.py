"""haproxy: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    "CO_ER_SSL_NO_TARGET": "sni_required_or_mismatch:.6 server_misconfiguration:.4",
    # Judged by patterns/haproxy.py's row, which keeps to HAProxy's own capitals: OpenSSL
    # 1.x's reason text "ssl handshake failure" (SSL_R_SSL_HANDSHAKE_FAILURE, after the
    # function name and a colon) is any OpenSSL program's, not HAProxy's log (round 13, the
    # stage: check_ssl_cert's client output was read as a server's log).
    "CO_ER_SSL_HANDSHAKE": "elsewhere",
    "CO_ER_SSL_HANDSHAKE_HB": common.HANDSHAKE,
    "CO_ER_SSL_TIMEOUT": common.TIMEOUT,
    # Closed with nothing received (src/ssl_sock.c: SSL_ERROR_SYSCALL, no packet bytes,
    # errno 0): a health check or a port scan, not a failed handshake.
    "CO_ER_SSL_EMPTY": "no_fault",
    "CO_ER_SSL_ABORT": common.EOF_CLOSED,
    "CO_ER_SSL_MISMATCH": "hostname_mismatch:.5 server_misconfiguration:.3 tls_interception_mitm:.2",
    "CO_ER_SSL_MISMATCH_SNI": "hostname_mismatch:.6 sni_required_or_mismatch:.4 | reason",
    "CO_ER_SSL_CA_FAIL": common.CLIENT_CERT,
    "CO_ER_SSL_CRT_FAIL": common.CLIENT_CERT,
    "CO_ER_SSL_RENEG": "client_misconfiguration:.5 server_misconfiguration:.5",
    "CO_ER_SSL_KILLED_HB": "middlebox_or_firewall_interference:1",
    "CO_ER_SSL_NO_MEM": "not_tls",
    "CO_ER_SSL_FATAL": common.HANDSHAKE,
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining haproxy lines are not about why a connection failed"),
)
