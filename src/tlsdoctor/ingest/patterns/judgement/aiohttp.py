"""aiohttp (aio-libs/aiohttp aiohttp/client_exceptions.py).

ClientConnectorError prints "Cannot connect to host H:P ssl:<True|default|False|context>
[<the OS error's strerror>]": the bracket is the OS's or Python ssl's text, read by those
tables; "[None]" (an OSError without errno: the connection lost in the handshake) is read in
patterns/clients21.py. ServerDisconnectedError "Server disconnected": the server closed the
connection before answering (TLS 1.3: also a server refusing the client's certificate)."""

from __future__ import annotations

JUDGE = {
    "ClientConnectorError": "elsewhere",
    "ServerDisconnectedError": ("client_cert_required:.35 middlebox_or_firewall_interference:.35 "
                                "server_misconfiguration:.3 | generic"),
}

RULES = ()
