"""CivetWeb (civetweb/civetweb src/civetweb.c): the embeddable web server's TLS lines in its
error log ("[<time>] [error] [client <addr>] <text>"). A server's log.

"sslize error: <OpenSSL error string>" is a failed accept, read by the OpenSSL tables; its
start-up lines are about its own certificate file (ssl_certificate: certificate and key in
one PEM file), CA settings and cipher list: the server's configuration.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "sslize error: %s": "elsewhere",
    "SSL syscall error %i": common.RESET,
    "%s: certificate and private key do not match: %s": "server_misconfiguration:1 | reason",
    "SSL_CTX_set_cipher_list error: %s": "server_misconfiguration:.8 cipher_suite_mismatch:.2 "
                                         "| reason",
}

RULES = (
    (r"(?i)cannot open|cannot use certificate|load_verify_locations|default_verify_paths|"
     r"Initializing SSL failed|SSL_CTX_new|Cannot add SSL socket", common.SERVER_CONFIG,
     "its own certificate, key, CA settings or TLS listener"),
    (r".", "not_tls", "the application's own callbacks, ALPN set-up"),
)
