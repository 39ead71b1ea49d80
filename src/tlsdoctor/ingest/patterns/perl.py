"""Perl's IO::Socket::SSL and LWP (harvested, upstream/perl.json). IO::Socket::SSL's error
is printed with OpenSSL's after it ("SSL connect attempt failed error:0A000086:SSL
routines::certificate verify failed"); LWP prints "Can't connect to host:443 (certificate
verify failed)" and, from LWP::Protocol::https::Socket, IO::Socket::SSL's own text."""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("perl", "Perl IO::Socket::SSL/LWP")
