"""Operating-system and socket errors, and the generic wording of many programs.

Texts: glibc strerror (string/_strerror.c, sysdeps errlist), getaddrinfo gai_strerror
(POSIX), Node.js error codes (lib/internal/errors.js uvException: ECONNREFUSED...),
Java java.net exceptions (java.base java/net/*.java).
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .judgement._common import HANDSHAKE_TIMEOUT_CAUSES, TIMEOUT_CAUSES

_RESET = ("middlebox_or_firewall_interference:.5 protocol_version_mismatch:.2 "
          "sni_required_or_mismatch:.15 client_cert_required:.15")

PATTERNS = table("system", "glibc strerror / gai_strerror; POSIX errno names", [
    # MySQL clients built with yaSSL/wolfSSL print that library's own error string.
    (r"\bSSL connection error: protocol version mismatch\b",
     "MySQL client: no TLS version in common with the server",
     "protocol_version_mismatch:.8 server_misconfiguration:.2", REASON,
     "yaSSL/wolfSSL error string (\"protocol version mismatch\"), MySQL CR_SSL_CONNECTION_ERROR"),
    # "unknown error number" is what a yaSSL-built MySQL 5.x client prints when the
    # handshake fails without a yaSSL reason: its TLS stops at 1.1 (MySQL manual,
    # "Encrypted Connection TLS Protocols and Ciphers": yaSSL supports TLSv1 and TLSv1.1),
    # so a server that requires TLS 1.2 refuses it. Dev set: the 4 MySQL 2026 threads
    # without a named reason were all a TLS version gap (one fixed on the client, second).
    (r"\bSSL connection error: unknown error number\b",
     "MySQL client (built with yaSSL): the TLS handshake failed without a reason; such a "
     "client speaks at most TLS 1.1",
     "protocol_version_mismatch:.55 client_misconfiguration:.3 "
     "middlebox_or_firewall_interference:.15", REASON,
     "MySQL libmysql/errmsg.cc CR_SSL_CONNECTION_ERROR (\"SSL connection error: %-.100s\"); "
     "yaSSL ERR_error_string"),
    # libtls (LibreSSL) tls_configure(): the program's own key and certificate differ.
    (r"\bprivate/public key mismatch\b",
     "libtls: the configured private key does not belong to the certificate",
     "server_misconfiguration:.7 client_misconfiguration:.3", REASON,
     "LibreSSL tls/tls.c tls_configure_keypair (\"private/public key mismatch\")"),
    (r"\bConnection refused\b|\bECONNREFUSED\b",
     "nothing accepts connections on that address and port (connection refused)",
     "name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3", SPECIFIC),
    (r"\bNo route to host\b|\bEHOSTUNREACH\b|\bNetwork is unreachable\b|\bENETUNREACH\b",
     "there is no network route to the server", "name_resolution_or_unreachable:.7 "
     "middlebox_or_firewall_interference:.3", SPECIFIC),
    (r"\bName or service not known\b|\bTemporary failure in name resolution\b"
     r"|\bnodename nor servname provided\b|\bNo address associated with hostname\b",
     "the host name does not resolve", "name_resolution_or_unreachable:1", REASON),
    # Windows' resolver in its own words: CPython on Windows has no gai_strerror and says
    # "getaddrinfo failed" for every resolver error (Modules/socketmodule.c set_gaierror:
    # "[Errno 11001] getaddrinfo failed"); Windows Sockets' own text for WSAHOST_NOT_FOUND
    # (11001), which .NET and Win32 programs print (learn.microsoft.com, "Windows Sockets
    # Error Codes": "No such host is known").
    (r"\bgetaddrinfo failed\b|\bNo such host is known\b",
     "the host name does not resolve (Windows' resolver)", "name_resolution_or_unreachable:1",
     REASON, "CPython Modules/socketmodule.c set_gaierror; Windows Sockets error codes "
     "(WSAHOST_NOT_FOUND 11001)"),
    # asyncio's own words for a connect that failed (its errno beside them: refused,
    # unreachable, timed out): Lib/asyncio/selector_events.py _sock_connect_cb.
    (r"\bConnect call failed \(",
     "the TCP connection to the server failed (asyncio: refused, unreachable or timed out)",
     "name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3", SPECIFIC,
     "CPython Lib/asyncio/selector_events.py (_sock_connect_cb)"),
    (r"\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN) (?P<host>[A-Za-z0-9.-]{1,253})",
     "the host name {host} does not resolve", "name_resolution_or_unreachable:1", REASON,
     "Node.js lib/internal/errors.js (dnsException)"),
    (r"\bjava\.net\.UnknownHostException: (?P<host>[A-Za-z0-9.-]{1,253})",
     "the host name {host} does not resolve", "name_resolution_or_unreachable:1", REASON,
     "OpenJDK java.base java/net/UnknownHostException.java"),
    (r"\bConnection reset by peer\b|\bECONNRESET\b|\bjava\.net\.SocketException: Connection reset\b",
     "the connection was reset (RST) during the exchange", _RESET, CATEGORY),
    (r"\bConnection timed out\b|(?<!handshake )\bOperation timed out\b|\bETIMEDOUT\b",
     "the connection timed out: packets are dropped on the way or the host is down",
     TIMEOUT_CAUSES, CATEGORY),
    (r"\b(?:SSL|TLS)(?:/TLS)? ?handshake (?:failed|failure|error)\b",
     "the TLS handshake failed (no reason given)",
     "cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.15 "
     "middlebox_or_firewall_interference:.15 sni_required_or_mismatch:.1", GENERIC,
     "generic wording (curl, libraries, application logs)"),
    (r"\bTLS handshake timeout\b|\bhandshake (?:operation )?timed out\b",
     "the TLS handshake did not finish in time", HANDSHAKE_TIMEOUT_CAUSES, CATEGORY,
     "Go src/net/http/transport.go; Python Lib/ssl.py (\"_ssl.c: The handshake operation timed out\")"),
    (r"\bsocket hang up\b", "the server closed the connection before the TLS handshake finished",
     _RESET, GENERIC, "Node.js lib/_http_client.js (socketOnEnd)"),
    # Round 23: Node's resolver error without the name: dnsException leaves the host out
    # when it has none (`${syscall} ${code}${hostname ? ` ${hostname}` : ''}`), and Node
    # 0.10's lib/dns.js errnoException never printed it (new Error(syscall + ' ' + errorno)).
    (r"\bgetaddrinfo (?:ENOTFOUND|EAI_AGAIN)\b(?! [A-Za-z0-9])",
     "the host name does not resolve (Node's getaddrinfo error, the name not printed)",
     "name_resolution_or_unreachable:1", REASON,
     "nodejs/node lib/internal/errors.js @ 0036caa828205fb95d6641c0f6d717f4eeb6a104 "
     "(dnsException); Node 0.10 lib/dns.js (errnoException)"),
])

# A *server's* own "socket hang up" / ECONNRESET (Node's tls.Server 'tlsClientError' from
# lib/_tls_wrap.js onSocketClose, with code 'ECONNRESET' on a line of its own) is its
# socket closing before the handshake finished: a client that connected and left (a health
# check, a port scan), or Node's own rejectUnauthorized closing it after the handshake,
# which it does not say. Its own reading names no fault (the server-log matrix on
# loopback: node-tls, connect_close).
_SERVER_QUIET = (r"\bsocket hang up\b", r"\bcode: '?ECONNRESET'?")
PATTERNS = tuple(replace(p, own_reading=()) if p.rx in _SERVER_QUIET else p
                 for p in PATTERNS) + tuple(
    replace(p, own_reading=(), id="system.node-reset") for p in table("system", "Node.js", [
        (r"\bcode: '?ECONNRESET'?", "the connection was reset (Node: ECONNRESET)", _RESET,
         CATEGORY, "Node.js lib/internal/errors.js (uvException), lib/_tls_wrap.js"),
    ]))
