"""HAProxy connection error strings (src/connection.c conn_err_code_str(); documented
in doc/configuration.txt "Error messages in logs" / doc/management.txt).
"""

from __future__ import annotations

from . import GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns

_HAND = table("haproxy", "HAProxy src/connection.c conn_err_code_str", [
    (r"(?<!:)\b(?-i:SSL handshake failure)\b", "HAProxy: a client's TLS handshake failed",
     "cipher_suite_mismatch:.3 protocol_version_mismatch:.3 non_tls_service_on_port:.2 "
     "client_cert_required:.2", GENERIC),
    # CO_ER_SSL_EMPTY: closed before a byte was received (src/ssl_sock.c), no fault.
    (r"\bConnection closed during SSL handshake\b",
     "HAProxy: the client closed the connection before sending anything (a health check "
     "or a port scan)", "", GENERIC),
    (r"\bConnection error during SSL handshake\b",
     "HAProxy: the connection broke during the handshake",
     "middlebox_or_firewall_interference:.6 protocol_version_mismatch:.2 "
     "cipher_suite_mismatch:.2", GENERIC),
    (r"\bTimeout during SSL handshake\b", "HAProxy: the client never finished the handshake",
     "middlebox_or_firewall_interference:.5 non_tls_service_on_port:.5", SPECIFIC),
    (r"\bSSL client CA chain cannot be verified\b",
     "HAProxy: the client certificate's chain does not verify (ca-file)",
     "client_cert_required:1", REASON),
    (r"\bSSL client certificate not trusted\b", "HAProxy: the client certificate is not trusted",
     "client_cert_required:1", REASON),
    (r"\bServer presented an SSL certificate different from the (?:configured|expected) one\b",
     "HAProxy (to a server): the server's certificate is not the expected one",
     "hostname_mismatch:.5 tls_interception_mitm:.3 sni_required_or_mismatch:.2", REASON),
    # Configuration-time errors: HAProxy refuses the certificate it was given.
    (r"\binconsistencies between private key and certificate loaded\b",
     "HAProxy: the PEM file's private key does not belong to its certificate",
     "server_misconfiguration:1", REASON, "HAProxy src/ssl_ckch.c (ssl_sock_load_pem_into_ckch)"),
    (r"\bThe transaction must contain at least a certificate and a private key\b",
     "HAProxy (runtime API): the certificate committed has no private key with it",
     "server_misconfiguration:1", REASON, "HAProxy src/ssl_ckch.c (cli_parse_commit_cert)"),
    (r"\bunable to load SSL private key from PEM file\b|\bunable to load SSL certificate from PEM file\b",
     "HAProxy cannot load the certificate or key named by 'crt'",
     "server_misconfiguration:1", REASON, "HAProxy src/ssl_ckch.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("haproxy", "HAProxy", side="server", as_source="haproxy") + _HAND
