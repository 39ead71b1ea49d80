"""httpx and httpcore (encode/httpx, encode/httpcore).

httpx 0.2x's SSLConfig refused a verify= path that does not exist ("Could not find a
suitable TLS CA certificate bundle, invalid path: ..."): the client's own setting.
httpcore's "Server disconnected without sending a response." (HTTP/1.1: the connection
closed before any byte of the response) says nothing of TLS: a proxy or firewall cutting the
request, a server closing a reused keep-alive connection, or an HTTP/1 request to a port
that drops it. Below 0.6: a ranking; the ssl module's words, when printed, decide. The
HTTP/2 "Server disconnected" is aiohttp's ServerDisconnectedError's words too, which
round 21 reads in aiohttp's form only (alone, two words are no TLS statement).
"""

from __future__ import annotations

from . import _common as common

_DISCONNECTED = ("middlebox_or_firewall_interference:.4 server_misconfiguration:.35 "
                 "non_tls_service_on_port:.25 | generic")

JUDGE = {
    "SSLConfig.load_ssl_context_verify": common.CLIENT_CONFIG,
    "Server disconnected without sending a response.": _DISCONNECTED,
    "Server disconnected": "not_tls",
}

RULES = ()
