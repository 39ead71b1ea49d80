"""The JDK's HTTP client, java.net.http (jdk.internal.net.http in the Temurin 25 JDK's
src.zip): its own connection texts. JSSE's exceptions inside it are the java table's.

- "HTTP/1.1 header parser received no bytes": the connection closed before any byte of the
  response. A server or proxy closing a pooled keep-alive connection, a TLS-only port
  dropping a plain http:// request, or a box on the path: a ranking below 0.6.
- "EOF reached while reading": the same, after some bytes.
- "Connection closed before successful ALPN negotiation": the peer closed during the TLS
  handshake (the handshake's own reason, when printed, decides).
- "HTTP connect timed out" (HttpConnectTimeoutException): the TCP connect took longer
  than the client's connectTimeout.
- "Tunnel failed, got: <status>": the proxy refused the CONNECT for an https:// URI.
"""

from __future__ import annotations

from . import _common as common

_NO_BYTES = ("server_misconfiguration:.35 middlebox_or_firewall_interference:.35 "
             "client_misconfiguration:.3 | generic")

JUDGE = {
    "HTTP/1.1 header parser received no bytes": _NO_BYTES,
    "EOF reached while reading": _NO_BYTES,
    "Connection closed before successful ALPN negotiation": common.EOF_CLOSED,
    "HTTP connect timed out": common.TIMEOUT,
    "Tunnel failed, got": ("middlebox_or_firewall_interference:.6 "
                           "client_misconfiguration:.4 | specific"),
}

RULES = ()
