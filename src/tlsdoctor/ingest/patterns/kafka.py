"""Kafka's Java clients and brokers (SslTransportLayer, Selector, NetworkClient, DefaultSslEngineFactory): their own TLS wording, harvested (upstream/kafka.json, judged in
judgement/kafka.py)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("kafka", "Kafka", side="client")
