"""Dart's dart:io (Flutter, Dio, package:http): "HandshakeException: Handshake error in
client (OS Error: \\n\\tCERTIFICATE_VERIFY_FAILED: unable to get local issuer
certificate(handshake.cc:393))". Dart's own words (upstream/dart.json) say only that the
handshake failed; the BoringSSL reason name and the verify text inside the OS Error are
read by BoringSSL's and OpenSSL's tables (the file:line BoringSSL appends does not stop
them)."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("dart", "Dart dart:io")
