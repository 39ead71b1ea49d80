"""Kafka's Java network layer, shared by clients and brokers: SslTransportLayer
(SslAuthenticationException "SSL handshake failed", whose cause is JSSE's message, read
by Java's table), Selector ("Failed authentication with <peer> (<reason>)"),
NetworkClient, and the key and trust store factory (DefaultSslEngineFactory)."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    # The cause is JSSE's message in "caused by ..." or the exception chain; alone (a
    # broker's INFO line) it is any handshake failure.
    "SSL handshake failed": db.HANDSHAKE,
    "Failed %sauthentication with %s (%s)": "elsewhere",
    "Connection to node %s (%s) failed authentication due to: %s": "elsewhere",
    # NetworkClient's own words name the firewall; a TLS client on a PLAINTEXT listener
    # is cut the same way (the broker reads the ClientHello as an oversized request).
    "Connection to node %s (%s) terminated during authentication. This may happen due to "
    "any of the following reasons: (1) Firewall blocking Kafka TLS traffic (eg it may only "
    "allow HTTPS traffic), (2) Transient network issue.":
        "middlebox_or_firewall_interference:.4 non_tls_service_on_port:.35 "
        "client_misconfiguration:.25",
    "EOF during handshake, handshake status is %s": common.EOF_CLOSED,
    "SSL handshake status CLOSED during handshake UNWRAP": common.EOF_CLOSED,
    # Key and trust stores: the broker's listener and the client use the same factory.
    "Failed to load SSL keystore %s of type %s": db.OWN_FILE,
    "Failed to load PEM SSL keystore %s": db.OWN_FILE,
    "Invalid PEM keystore configs": db.OWN_FILE,
    "Invalid PEM truststore configs": db.OWN_FILE,
    "At least one certificate expected, but none found": db.OWN_FILE,
    "Private key not provided": db.OWN_FILE,
    "Expected one private key, but found %s": db.OWN_FILE,
    "Private key could not be loaded": db.OWN_FILE,
    "No matching %s entries in PEM file": db.OWN_FILE,
    # The broker checks its own listener's settings by a loopback handshake.
    "A client SSLEngine created with the provided settings can't connect to a server "
    "SSLEngine created with those settings.": common.SERVER_CONFIG,
}

RULES = (
    (r"(?i)key store|trust store|private key|certificate chain",
     "client_misconfiguration:.5 server_misconfiguration:.5 | reason",
     "ssl.keystore.* / ssl.truststore.* settings that contradict each other"),
    (r".", "not_tls", "internal states, debug lines and dynamic-reconfiguration API errors"),
)
