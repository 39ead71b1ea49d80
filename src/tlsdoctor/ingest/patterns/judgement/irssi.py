"""irssi (irssi/irssi src/core/network-openssl.c): its TLS warnings.

"Could not verify TLS servers certificate: %s" and "SSL handshake failed: %s" carry
OpenSSL's verify string or reason (read by the OpenSSL table) or irssi's own "server closed
connection [unexpectedly]" (an EOF in the handshake). The client certificate lines are
irssi's own -tls_cert / -tls_pkey files; pinning is irssi's -tls_pinned_cert/_pubkey."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "None of the Subject Alt Names in the certificate match hostname '%s'": common.HOSTNAME,
    "SSL certificate common name '%s' doesn't match host name '%s'": common.HOSTNAME,
    "No subjectAltNames and no valid common name in certificate": common.HOSTNAME,
    "Could not verify TLS servers certificate: %s": common.CERT_ANY + " | category",
    "Could not load default certificates": common.CLIENT_CONFIG,
    "Could not load CA list for verifying TLS server certificate": common.CLIENT_CONFIG,
    "No valid SSL cipher suite could be selected": common.CLIENT_CONFIG,
    "The client certificate is expired": "client_cert_required:.6 client_misconfiguration:.4 "
                                         "| reason",
    "Loading of client certificate '%s' failed: %s": common.CLIENT_CONFIG,
    "Loading of private key '%s' failed: %s": common.CLIENT_CONFIG,
    # OpenVPN's and others' words too, where the printing side's own key is read by side.py:
    # left to them.
    "Private key does not match the certificate": "elsewhere",
    "Could not find client certificate '%s'": common.CLIENT_CONFIG,
    "SSL handshake failed: %s": common.HANDSHAKE,
    "SSL handshake failed: server closed connection": common.EOF_CLOSED,
    "SSL handshake failed: server closed connection unexpectedly": common.EOF_CLOSED,
    "TLS server supplied no certificate": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "Pinned certificate mismatch": common.PINNING,
    "Pinned public key mismatch": common.PINNING,
}

RULES = (
    (r".", "not_tls", "ASN.1 decoding, allocation"),
)
