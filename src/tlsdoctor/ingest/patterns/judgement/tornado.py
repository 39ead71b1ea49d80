"""Tornado (tornadoweb/tornado tornado/iostream.py, tornado/tcpserver.py).

SSLIOStream._do_ssl_handshake logs "SSL Error on <fd> <peer>: <ssl.SSLError>" at WARNING
(tornado.general) when a handshake fails, on a server (most logs: HTTPServer) or a client;
the ssl module's error it quotes decides ([SSL: HTTP_REQUEST] is a plain HTTP request on
the TLS port). TCPServer checks ssl_options' certfile and keyfile exist when it starts.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL Error on %s %s: %s": common.HANDSHAKE,
    'certfile "%s" does not exist': common.SERVER_CONFIG,
    'keyfile "%s" does not exist': common.SERVER_CONFIG,
}

RULES = ()
