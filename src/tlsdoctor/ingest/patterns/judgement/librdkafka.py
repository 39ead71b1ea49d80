"""librdkafka (confluentinc/librdkafka src/rdkafka_ssl.c), the Kafka client library under
confluent-kafka (Python, Go, .NET), node-rdkafka, kcat and many services.

rd_kafka_transport_ssl_handshake() appends a hint to "SSL handshake failed: <OpenSSL
error>" from the error's own words: "unexpected message" gets the client-certificate
hint, a "certificate verify failed" the CA-location hint, a disconnect during the
handshake the PLAINTEXT-listener hint. Each hint is librdkafka's guess from that one
error, so each is a ranking below 0.6 led by what its words say. The OpenSSL error before
the hint is read by the OpenSSL tables. The configuration errors ("ssl.ca.location
failed: ", "ssl.key.location failed: "...) are returned by rd_kafka_new() before any
connection: the client's own files and settings.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL handshake failed: %s%s": "elsewhere",  # the OpenSSL error and the hint: read there
    "SSL transport error: %s": "elsewhere",
    # set only after "unexpected message": a broker that wants a client certificate
    # (ssl.client.auth=required) closes with an alert the client did not expect
    "hint.client_auth": (
        "client_cert_required:.55 protocol_version_mismatch:.2 "
        "middlebox_or_firewall_interference:.15 server_misconfiguration:.1 | reason"),
    # after certificate verify failed: most Kafka clusters use a private CA that the
    # client's ssl.ca.location must name
    "hint.ca_location": (
        "cert_untrusted_root:.45 client_misconfiguration:.3 incomplete_chain:.1 "
        "tls_interception_mitm:.1 cert_self_signed:.05 | reason"),
    # after any disconnect during the handshake: a PLAINTEXT listener closes on a
    # ClientHello, but so does a broker or proxy refusing it for another reason
    "hint.plaintext": (
        "non_tls_service_on_port:.5 middlebox_or_firewall_interference:.2 "
        "client_cert_required:.15 protocol_version_mismatch:.15 | specific"),
    "Failed to verify broker certificate: %s": common.CERT_ANY + " | category",
    # SSL_get_peer_certificate() was NULL after a completed handshake: an anonymous or
    # PSK suite, which the client's own ssl.cipher.suites must have allowed (librdkafka's
    # default list has none) and the broker chose
    "Broker did not provide a certificate": "client_misconfiguration:.55 "
                                            "server_misconfiguration:.45 | specific",
    "Certificate (subject=%s, issuer=%s) verification callback failed: %s": (
        "client_misconfiguration:.35 cert_untrusted_root:.35 hostname_mismatch:.15 "
        "cert_expired:.15 | category"),
    "Disconnected: SSL connection closed by peer": common.EOF_CLOSED,
    "Disconnected: connection closed by peer": common.EOF_CLOSED,
    "Disconnected: connection reset by peer": common.RESET,
    "Endpoint identification not supported on this OpenSSL version (0x%lx)": common.CLIENT_CONFIG,
    # the broker asked for a client certificate from CAs this client's certificate is
    # not from: it sends none, and a broker that requires one refuses the handshake
    "No matching issuer found in server trusted certificate authorities, not sending any "
    "client certificates": "client_cert_required:.7 client_misconfiguration:.3 | specific",
    # warnings: the client goes on with OpenSSL's default CA paths
    "No CA certificates loaded from Windows certificate stores: falling back to default "
    "OpenSSL CA paths": "client_misconfiguration:.6 cert_untrusted_root:.4 | specific",
    "Failed to load CA certificates from Windows certificate stores: falling back to "
    "default OpenSSL CA paths": "client_misconfiguration:.6 cert_untrusted_root:.4 | specific",
    "Failed to get current certificate to verify": "not_tls",
    # listed (not only ruled): short texts a keyword rule would not trust
    **dict.fromkeys((
        "ssl.ca.location failed: ", "ssl.certificate.location failed: ",
        "ssl.key.location failed: ", "ssl.crl.location failed: ", "ssl.key.pem failed: ",
        "ssl_cert failed: ", "ssl_key (in-memory) failed: ", "ssl.cipher.suites failed: ",
        "ssl.curves.list failed: ", "ssl.sigalgs.list failed: ", "Private key check failed: ",
        "SSL_CTX_new() failed: ", "Failed to use ssl.keystore.location: "),
        common.CLIENT_CONFIG),
    "Unable to convert certificate to X509 format": "not_tls",
    "Failed to read certificate chain from PEM. Returning NULL certificate too.": "not_tls",
}

RULES = (
    (r"(?i)^(?:ssl[._](?:ca|crl|certificate|key|keystore|cipher|curves|sigalgs|cert)\b|"
     r"ssl\.providers|failed to (?:add|read) (?:ssl\.ca\.pem )?certificate|"
     r"(?:Failed to open|Error reading|Failed to parse|Failed to use) ssl\.keystore|"
     r"OpenSSL (?:engine|ENGINE)|Failed to use SSL_CTX_use|Private key (?:check failed|"
     r"requires password)|Failed to load OpenSSL provider|SSL_CTX_new\(\) failed|"
     r"%s: (?:Invalid Windows certificate store|Failed to open Windows certificate))",
     common.CLIENT_CONFIG, "the client's own ssl.* settings, files, engine or providers"),
)
