"""Dovecot login process lines (src/login-common/client-common.c get_disconnect_reason,
src/lib-ssl-iostream/iostream-openssl.c openssl_iostream_handle_error).
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .harvested import upstream_patterns

_GAVE_UP = ("protocol_version_mismatch:.3 cipher_suite_mismatch:.3 cert_untrusted_root:.2 "
            "middlebox_or_firewall_interference:.2")

_HAND = table("dovecot", "Dovecot src/login-common/client-common.c", [
    (r"\bTLS handshaking: SSL_accept\(\) failed\b",
     "Dovecot: a client's TLS handshake failed", "", GENERIC),
    (r"\bTLS handshaking: SSL_accept\(\) syscall failed\b",
     "Dovecot: the client reset the connection during the handshake",
     "middlebox_or_firewall_interference:.5 protocol_version_mismatch:.25 "
     "cipher_suite_mismatch:.25", GENERIC),
    (r"\bTLS handshaking: Disconnected\b|\bDisconnected: TLS handshaking\b",
     "Dovecot: the client disconnected during the TLS handshake", _GAVE_UP, GENERIC),
    # The client closed without a TLS error (no SSL_accept() failure quoted): a health
    # check, a port scan, a client giving up. Dovecot 2.3 on loopback writes it for a TCP
    # connect and close (tests/ingest/corpus/server_logs/matrix/dovecot-plain.log).
    (r"\bTLS handshaking: Connection closed, session=",
     "Dovecot: the client closed the connection before any TLS error (no fault named)",
     "", GENERIC, "Dovecot src/login-common/client-common.c"),
    (r"\bSSL_accept\(\) failed: (?:error:[0-9A-Fa-f]{8}:)?[^\n]{0,80}http request",
     "Dovecot: a client sent HTTP to the mail port", "non_tls_service_on_port:1", REASON),
    (r"\b[Cc]lient didn't present valid SSL certificate\b|\bClient didn't send a cert\b",
     "Dovecot: ssl_verify_client_cert requires a client certificate", "client_cert_required:1",
     REASON, "Dovecot src/login-common/client-common.c"),
    (r"\bclient sent an invalid cert\b",
     "Dovecot: the client's certificate did not verify (ssl_ca, ssl_verify_client_cert)",
     "client_cert_required:1", REASON,
     "Dovecot src/login-common/client-common.c (get_disconnect_reason)"),
    (r"\bCan't load (?:SSL certificate|private key)\b|\bssl_cert: Can't load\b",
     "Dovecot cannot load its certificate or key", "server_misconfiguration:1", REASON,
     "Dovecot src/lib-ssl-iostream/iostream-openssl-context.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("dovecot", "Dovecot", side="server", as_source="dovecot") + _HAND
