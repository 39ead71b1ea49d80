"""stunnel (src/client.c, verify.c, ctx.c): sslerror() prints OpenSSL's queue after the
call that failed ("SSL_connect: <file>:<line>: error:...:reason"), read with OpenSSL's
table; the verify result after "CERT: Pre-verification error: " is OpenSSL's text, read
likewise. Its own verdicts are the subject checks (checkHost/checkIP), the locally
installed certificate (verifyPeer) and OCSP; the rest is debug, session and configuration
output."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # No OpenSSL error and the connection ended: the peer closed during the handshake
    # without an alert. A client's: a server (or a middlebox) hanging up on its hello.
    "SSL_connect: Peer suddenly disconnected": (
        "middlebox_or_firewall_interference:.35 protocol_version_mismatch:.25 "
        "sni_required_or_mismatch:.2 client_cert_required:.2 | category"),
    # A server's: a client that gave up (non-OpenSSL clients close without an alert when
    # they reject the certificate), a port scanner or a health check.
    "SSL_accept: Peer suddenly disconnected": (
        "cert_untrusted_root:.3 middlebox_or_firewall_interference:.3 "
        "protocol_version_mismatch:.2 cipher_suite_mismatch:.2 | category"),
    "CERT: Pre-verification error: %s": "elsewhere",
    "CERT: Pre-verification error: %s%s": "elsewhere",
    "Rejected by CERT at depth=%d: %s": common.CERT_ANY + " | generic",
    "CERT: Subject checks failed": "hostname_mismatch:.8 client_misconfiguration:.2",
    "CERT: Certificate not found in local repository": (
        "cert_untrusted_root:.5 tls_interception_mitm:.3 client_misconfiguration:.2"),
    "CERT: Public keys do not match": common.PINNING,
    "Rejected by OCSP at depth=%d: %s": common.REVOKED,
    "OCSP: Certificate revoked": common.REVOKED,
    "OCSP: Certificate revoked: %d: %s": common.REVOKED,
    "No trusted certificates found": common.CLIENT_CONFIG,
    "No certificate or private key specified": common.SERVER_CONFIG,
    "No peer certificate received": common.CLIENT_CERT,
    "PSK identity not found: %s": "client_misconfiguration:.5 server_misconfiguration:.5",
    "PSK identity not found (session resumption?)":
        "client_misconfiguration:.5 server_misconfiguration:.5",
    "ssl_start: s_poll_wait: TIMEOUTbusy exceeded: sending reset": common.TIMEOUT,
    "Failed to load certificate from: %s": "client_misconfiguration:.5 "
                                           "server_misconfiguration:.5 | reason",
    "CERT: Pre-verification succeeded": "no_fault",
    "CERT: Locally installed certificate matched": "no_fault",
    "Certificate accepted at depth=%d: %s": "no_fault",
    "OCSP: Certificate accepted": "no_fault",
}

RULES = (
    (r".", "not_tls", "debug, session-cache, PSK table, configuration and transfer lines"),
)
