"""undici, Node's built-in fetch (nodejs/undici lib/core/errors.js, lib/dispatcher/
client-h1.js, lib/core/connect.js, lib/web/fetch/index.js).

fetch() rejects with "TypeError: fetch failed"; Node prints the real error after it as
"[cause]: <Class>: <message>" (a TLS error of Node's own, "[cause]: Error: certificate has
expired", is read by the Node table). undici's own words: SocketError "other side closed"
(the server closed the connection after the TLS handshake, before any response: a TLS 1.3
server refusing the client's certificate, or a proxy or server dropping the connection) and
ConnectTimeoutError "Connect Timeout Error" (its connect timeout covers TCP and TLS)."""

from __future__ import annotations

from . import _common as common

_CLOSED_AFTER_HANDSHAKE = ("client_cert_required:.35 middlebox_or_firewall_interference:.35 "
                           "server_misconfiguration:.3 | generic")

JUDGE = {
    "SocketError.other side closed": _CLOSED_AFTER_HANDSHAKE,
    "ConnectTimeoutError": common.TIMEOUT,
    "fetch failed": "elsewhere",  # its [cause] says what failed
}

RULES = (
    (r".", "not_tls", "HTTP-layer, argument, proxy-pool and body errors"),
)
