"""Exim: its TLS wording (src/src/tls-openssl.c, tls-gnu.c, tls.c), from upstream."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("exim", "Exim", side="server", as_source="exim")
