"""the Redis server's log (src/networking.c, src/tls.c), redis-cli and hiredis (deps/hiredis/ssl.c): their own TLS wording, harvested (upstream/redis.json, judged in
judgement/redis.py)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("redis", "Redis", side="client")
