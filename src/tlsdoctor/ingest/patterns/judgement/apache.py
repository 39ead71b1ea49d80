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
    # A start-up warning (ssl_engine_init.c): the configured certificate does not name the
    # vhost's ServerName. Clients asking for that name see a mismatch, but it is often a
    # default or internal vhost nobody reaches by name. Dev set (round 3): of 3 threads,
    # 1 a real name mismatch, 1 a self-made certificate, 1 harmless (maintainers: ignore).
    "AH01909": "hostname_mismatch:.45 cert_self_signed:.2 | specific",
    # The server certificate has CA:TRUE: almost always a self-made certificate (openssl
    # req -x509 marks it a CA); dev set: 1 of 1 thread an installer's self-signed certificate.
    "AH01906": "cert_self_signed:.5 cert_wrong_purpose:.4 | specific",
    # Round 15 (a server's own log): logged at emerg by ssl_init_ctx_cert_chain, which then
    # stops httpd (ssl_die): the configured chain file cannot be used, the server's own.
    "AH01903": "server_misconfiguration:1 | reason",
}

RULES = (
    *common.server_text_rules(),
    (r".", "not_tls", "the remaining apache lines are not about why a connection failed"),
)
