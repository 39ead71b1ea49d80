"""NSClient++ (mickem/nscp include/socket at 0.4.4.23 and 0.5.2.35, include/net at HEAD):
the socket layer of its NRPE, NSCA, check_mk and NSClient servers and its clients.

The server names the OpenSSL reason it saw (connection.hpp handle_handshake:
SSL_R_NO_SHARED_CIPHER, SSL_R_UNKNOWN_PROTOCOL, SSL_R_CERTIFICATE_VERIFY_FAILED): "Seems we
cant agree on SSL" is no cipher in common (the classic: check_nrpe without the anonymous
suites NSClient++'s NRPE server offers when it has no certificate, or "insecure" off on one
side), "other end is not using ssl" a plaintext client (check_nrpe -n), "Failed to verify
other ends certificate" the client's certificate refused (verify mode peer-cert).
"""

from __future__ import annotations

from . import _common as common

_OWN_FILES = "server_misconfiguration:.6 client_misconfiguration:.4 | reason"

JUDGE = {
    # Each printed for one OpenSSL reason only: "exact", NSClient++'s reading (and its fix)
    # stands above the reason's own inside it.
    "Seems we cant agree on SSL: %s": "cipher_suite_mismatch:.9 server_misconfiguration:.1 | exact",
    "Seems we other end is not using ssl: %s": (
        "non_tls_service_on_port:.85 client_misconfiguration:.15 | exact"),
    "Failed to verify other ends certificate: %s": (
        "client_cert_required:.8 cert_untrusted_root:.2 | exact"),
    # irssi, Kafka, Qt and libpurple print "SSL handshake failed" too (and Apache's AH01996
    # holds it): bare, it is not NSClient++'s and must not make a text a client's.
    "SSL handshake failed: %s": "elsewhere",
    "TLS handshake via proxy tunnel failed: %s": common.HANDSHAKE,
    "Rejected connection from: %s": "server_misconfiguration:.9 client_misconfiguration:.1 | reason",
    "IP address not allowed": "server_misconfiguration:.9 client_misconfiguration:.1 | reason",
    # Words other programs print too (stunnel's "Failed to load certificate from: %s" is a
    # client's or a server's by its own config): only NSClient++'s distinctive ones here.
    "Certificate not found: %s": "elsewhere",
    "Failed to load certificate %s": "elsewhere",
    "Failed to load certificate key %s": "elsewhere",
    "Certificate key not found: %s": _OWN_FILES,
    "Failed to load certificate (as key) %s": _OWN_FILES,
    "Failed to load pinned server certificate: %s": common.CLIENT_CONFIG,
    "Failed to load client certificate/key: %s": common.CLIENT_CONFIG,
    "Failed to set ciphers %s": _OWN_FILES,
    "Invalid tls version: %s": common.CLIENT_CONFIG,  # the client's --tls-version
    "Invalid tls verify mode: %s": _OWN_FILES,
}

RULES = (
    (r".", "not_tls", "hints after an error, certificate generation and build options"),
)
