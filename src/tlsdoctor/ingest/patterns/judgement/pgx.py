"""pgx's pgconn (jackc/pgx pgconn/config.go, pgconn.go, auth_scram.go), the PostgreSQL driver
most Go programs use now.

configTLS's errors reach the user inside "cannot parse `<connection string>`: failed to
configure TLS (...)": the client's own sslmode, sslrootcert, sslcert, sslkey or
sslpassword. "server refused TLS connection": the SSLRequest was answered with N (libpq's
"server does not support SSL, but SSL was required", patterns/plaintext.py). "tls error:"
carries Go's crypto/tls words, which decide. "failed to parse certificate from server" is
the verify-ca check's, Go's own words for an unparsable server certificate. SCRAM channel
binding needs TLS and a certificate whose signature algorithm defines tls-server-end-point:
channel_binding=require where the server or a pooler offers no SCRAM-SHA-256-PLUS is a
setting on either end.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

_BINDING = "client_misconfiguration:.55 server_misconfiguration:.45 | specific"

JUDGE = {
    "server refused TLS connection": db.TLS_OFF,
    "tls error": "elsewhere",
    "tls error on cancel connection: %w": "elsewhere",
    "failed to parse certificate from server: %s": common.SERVER_CONFIG,
    "tls-server-end-point channel binding is undefined for certificate signature algorithm %v":
        "server_misconfiguration:.6 client_misconfiguration:.4 | specific",
    "no peer certificates for channel binding": "not_tls",
    "channel binding required but failed to get server certificate hash: %w": "elsewhere",
}

RULES = (
    (r"channel binding", _BINDING, "channel_binding=require against a server or pooler "
     "that offers no SCRAM-SHA-256-PLUS, or without TLS"),
    (r".", common.CLIENT_CONFIG, "configTLS: the client's own ssl* settings"),
)
