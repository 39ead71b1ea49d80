"""ClickHouse's client and server, through Poco NetSSL's exceptions: their own TLS wording, harvested (upstream/clickhouse.json, judged in
judgement/clickhouse.py)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("clickhouse", "ClickHouse", side="client")
