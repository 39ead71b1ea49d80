"""Mint (elixir-mint/mint lib/mint/transport_error.ex), the HTTP client under Finch, Req and
Tesla: its own TransportError messages. "ALPN protocol not negotiated" and "bad ALPN
protocol ..." are an HTTP/2 request to a server or proxy without h2 (or answering another
protocol); "socket closed" a connection closed by the peer or the path, without a TLS
alert; other reasons are Erlang's ssl words (the erlang table).
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    ":protocol_not_negotiated": "server_misconfiguration:.6 client_misconfiguration:.4",
    "{:bad_alpn_protocol, protocol}": "server_misconfiguration:.6 client_misconfiguration:.4",
    ":closed": common.EOF_CLOSED,
    ":timeout": common.TIMEOUT,
}

RULES = ()
