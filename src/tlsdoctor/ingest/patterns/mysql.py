"""libmysql (libmysql/errmsg.cc, sql-common/client.cc, vio/viosslfactories.cc) and the MySQL server's error log (share/messages_to_error_log.txt): their own TLS wording, harvested (upstream/mysql.json, judged in
judgement/mysql.py)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("mysql", "MySQL", side="client")
