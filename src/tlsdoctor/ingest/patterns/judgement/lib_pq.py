"""lib/pq (conn.go, ssl.go, internal/pqutil/perm.go; v1.9.0, v1.10.9 and the newest commit),
the older PostgreSQL driver of Go's database/sql.

"pq: SSL is not enabled on the server": the server answered the SSLRequest with N while
sslmode asked for TLS (the default, require): libpq's "server does not support SSL, but SSL
was required", one class with it (patterns/plaintext.py TLS_NOT_OFFERED). Every other entry
is the client's own sslkey, sslrootcert or sslmode setting.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "ErrSSLNotSupported": db.TLS_OFF,
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the client's sslkey file, sslrootcert or sslmode"),
)
