"""Perl's IO::Socket::SSL and LWP (harvested, upstream/perl.json). IO::Socket::SSL's error
is printed with OpenSSL's after it ("SSL connect attempt failed error:0A000086:SSL
routines::certificate verify failed"); LWP prints "Can't connect to host:443 (certificate
verify failed)" and, from LWP::Protocol::https::Socket, IO::Socket::SSL's own text."""

from __future__ import annotations

from . import CATEGORY, GENERIC, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import HANDSHAKE_TIMEOUT_CAUSES

PATTERNS = upstream_patterns("perl", "Perl IO::Socket::SSL/LWP")

# Round 10 (the client matrix, LWP 6.68 / IO::Socket::SSL 2.081 on loopback).
_IOSSL = "IO::Socket::SSL lib/IO/Socket/SSL.pm (SSL_WANT_READ / SSL_WANT_WRITE dualvars)"
_LWP = "libwww-perl lib/LWP/Protocol/http.pm (\"Can't connect to $host:$port\")"
_NET_HTTP = "Net-HTTP lib/Net/HTTP/Methods.pm (\"Server closed connection without sending " \
            "any data back\")"
PATTERNS += table("perl", _IOSSL, [
    # The handshake still waited for the server when IO::Socket::SSL's Timeout expired:
    # $SSL_ERROR / $! is the "wants a read" state, not an error of OpenSSL's.
    (r"\bSSL wants a (?:read|write) first\b",
     "IO::Socket::SSL: the TLS handshake was still waiting for the server when the Timeout "
     "expired", HANDSHAKE_TIMEOUT_CAUSES, SPECIFIC),
    # LWP adds IO::Socket::SSL's words in parentheses when there are any; a bare
    # "Can't connect to host:port" is a connection whose TLS layer gave up without one
    # (a refused or unresolvable connect has its words: "(Connection refused)"). Nothing
    # says it timed out: a ranking, below 0.6.
    (r"(?m:^(?:500 )?Can't connect to [^\s()]{1,255}:\d{1,5}[ \t]*$)",
     "LWP could not connect and the TLS layer left no reason (most often a handshake that "
     "did not finish within the timeout)",
     "middlebox_or_firewall_interference:.45 name_resolution_or_unreachable:.3 "
     "server_misconfiguration:.25", CATEGORY, _LWP, "can't connect to "),
    # The request was sent over an https connection and the server closed without a
    # response: after the TLS 1.3 handshake, the rejection of a missing client certificate
    # arrives as that close. A ranking, below 0.6.
    (r"\bServer closed connection without sending any data back\b",
     "LWP: the server closed the connection after the request without an answer (over "
     "https: a TLS 1.3 server rejecting a missing client certificate, or a server or "
     "middlebox closing)",
     "client_cert_required:.35 middlebox_or_firewall_interference:.3 "
     "server_misconfiguration:.2 sni_required_or_mismatch:.15", GENERIC, _NET_HTTP),
])
