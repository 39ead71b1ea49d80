"""sqlx (launchbadge/sqlx sqlx-core/src/error.rs, sqlx-core/src/net/tls, sqlx-postgres and
sqlx-mysql connection/tls.rs), Rust's async SQL toolkit.

"error occurred while attempting to establish a TLS connection: {0}" carries rustls' or
native-tls' error, or sqlx's own: "server does not support TLS" (sslmode/ssl-mode requires
TLS and the server declines it: patterns/plaintext.py), a CA file that does not parse, a
build without TLS. A reply to the SSLRequest that is neither S nor N comes from something
that is not a PostgreSQL server on that port.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "Error::Tls": "elsewhere",
    "server does not support TLS": db.TLS_OFF,
    "unexpected response from SSLRequest: 0x{:02x}": (
        "server_misconfiguration:.4 non_tls_service_on_port:.35 "
        "middlebox_or_firewall_interference:.25 | specific"),
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the connect options' TLS settings and the build's features"),
)
