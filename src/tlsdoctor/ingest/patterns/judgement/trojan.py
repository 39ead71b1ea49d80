"""trojan (trojan-gfw/trojan src/session/*.cpp, src/core/log.cpp): the proxy's handshake
lines, each after its log prefix "[YYYY-MM-DD hh:mm:ss] [LEVEL] <peer ip>:<port> ".

Both carry Boost.Asio's error.message(), OpenSSL's reason string, read by the OpenSSL and
alert tables (``elsewhere``). What differs is the side: "SSL handshake failed: <reason>" is
the server session's (serversession.cpp: a client connecting to this trojan server, so an
alert in it was sent by that client about this server's certificate), "SSL handshake failed
with <host>:<port>: <reason>" the client's (clientsession.cpp and the forward, NAT and UDP
sessions: this trojan client connecting to its remote server). ingest/side.py reads the
prefix and the lead.
"""

from __future__ import annotations

JUDGE = {
    "SSL handshake failed: %s": "elsewhere",
    "SSL handshake failed with %s:%d: %s": "elsewhere",
}
