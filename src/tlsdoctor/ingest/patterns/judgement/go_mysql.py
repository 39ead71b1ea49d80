"""go-sql-driver/mysql (errors.go, dsn.go), the MySQL driver of Go's database/sql.

ErrNoTLS, "TLS requested but server does not support TLS": the DSN asked for TLS (tls=true,
skip-verify, preferred or a registered config) and the server's greeting lacks the SSL
capability: libmysql's "SSL is required but the server doesn't support it" in Go's words,
one class with it (patterns/plaintext.py TLS_NOT_OFFERED). The DSN's tls= value naming no
registered config is the client's own setting.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "ErrNoTLS": db.TLS_OFF,
}

RULES = (
    (r"config name", common.CLIENT_CONFIG, "the DSN's tls= parameter"),
)
