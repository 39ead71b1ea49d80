"""Round 21: client programs of the client matrix whose own words no table had (harvested
by scripts/harvest/clients21.py into upstream/<source>.json, judged in judgement/<source>.py):
lynx's alerts, undici's (Node's fetch) errors, aiohttp's connection errors.

Each program's short words count only in its own form: lynx's after "Alert!: ", undici's
after their class name ("SocketError: other side closed", as Node prints a fetch's
[cause]), aiohttp's "Server disconnected" after its class name. aiohttp's
ClientConnectorError keeps the OS error's text in brackets for the other tables; when that
text is "None" (an OSError without errno, which is what a connection lost in the TLS
handshake raises) and the connection was a TLS one ("ssl:" anything but False), it is read
here as a connection closed in the handshake.

Java's HttpClient (java.net.http) rethrows a failed connect as ConnectException with its
cause's message (HttpClientImpl.send; common/Utils.toConnectException); when the cause had
none (JDK 17 on a refused port: a ClosedChannelException) the trace starts with a bare
"java.net.ConnectException" line: the TCP connect failed, before any TLS.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, Pattern, causes
from .harvested import entries, upstream_patterns

_JDK_HTTP = ("OpenJDK java.net.http jdk/internal/net/http/HttpClientImpl.java send(), "
             "common/Utils.java toConnectException (read from the src.zip of Temurin "
             "25.0.3 installed here; the JDK 17 output is the client matrix's java_httpclient)")
_CONNECTOR = next(e for e in entries("aiohttp") if e.id == "ClientConnectorError")

PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("lynx", "lynx", side="client")
    + upstream_patterns("undici", "Node fetch (undici)", side="client")
    + upstream_patterns("aiohttp", "aiohttp", side="client")
    + (Pattern(
        source="aiohttp",
        rx=r"\bCannot connect to host \S{1,300}:\d{1,5} ssl:(?!False\b)"
           r"(?:<[^>\n]{1,200}>|\S{1,100}) \[None\]",
        meaning="aiohttp: the TLS connection was lost before it was set up (an OS error "
                "without errno: the server or something on the path closed it)",
        causes=causes("middlebox_or_firewall_interference:.4 sni_required_or_mismatch:.2 "
                      "protocol_version_mismatch:.2 client_cert_required:.2"),
        provenance=_CONNECTOR.provenance, spec=GENERIC, needle="cannot connect to host ",
        id="aiohttp.connector_no_errno", upstream=_CONNECTOR.id, side="client"),
       Pattern(
        source="java", rx=r"(?m)^java\.net\.ConnectException[ \t]*$",
        meaning="Java: the TCP connection failed (HttpClient's ConnectException, its cause "
                "without a message): nothing accepted the connection",
        causes=causes("name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3"),
        provenance=_JDK_HTTP, spec=CATEGORY, needle="java.net.connectexception",
        id="java.httpclient.connect_no_message", side="client"))
)
