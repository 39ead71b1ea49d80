"""Elasticsearch nodes (the security plugin's SecurityHttpExceptionHandler and SecurityTransportExceptionHandler): their own TLS wording, harvested (upstream/elasticsearch.json, judged in
judgement/elasticsearch.py)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("elasticsearch", "Elasticsearch", side="server")
