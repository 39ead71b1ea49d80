"""Vert.x core's TLS messages (eclipse-vertx/vert.x vertx-core).

"Failed to create SSL connection" wraps the handshake's failure (the cause follows as
"Caused by:", read by the Java/Netty tables): a generic handshake ranking. "Missing private
key" / "Missing X.509 certificate" are the key/certificate options (PEM) of the program
itself, a server's most often (Quarkus's HTTPS, Keycloak). "Certificate revoked" is Vert.x's
own CRL check of the peer's certificate."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Failed to create SSL connection": common.HANDSHAKE,
    "Missing private key": "server_misconfiguration:.7 client_misconfiguration:.3 | reason",
    "Missing X.509 certificate": "server_misconfiguration:.7 client_misconfiguration:.3 | reason",
    "Certificate revoked": common.REVOKED,
    "OpenSSL is not available": "client_misconfiguration:.5 server_misconfiguration:.5",
    "ClientSSLOptions must be provided when connecting to a TLS server": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "ALPN availability, PQC policy"),
)
