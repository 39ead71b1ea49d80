"""Mutt (mutt_ssl.c, mutt_ssl_gnutls.c) and NeoMutt (conn/openssl.c, conn/gnutls.c). The
OpenSSL build prints "SSL failed: <OpenSSL's error>" and its own host check "Certificate
host check failed: certificate owner does not match hostname x"; the GnuTLS build
"gnutls_handshake: <gnutls_strerror>" and, in the certificate dialog, one WARNING line per
problem it found. The library's words after its own are read with that library's
table."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "certificate owner does not match hostname %s": common.HOSTNAME,
    "Certificate host check failed: %s": "hostname_mismatch:.9 client_misconfiguration:.1",
    "WARNING: Server hostname does not match certificate": common.HOSTNAME,
    "WARNING: Server certificate has expired": common.EXPIRED,
    "Server certificate has expired": common.EXPIRED,
    "WARNING: Server certificate is not yet valid": common.NOT_YET,
    "Server certificate is not yet valid": common.NOT_YET,
    "WARNING: Server certificate has been revoked": common.REVOKED,
    "WARNING: Signer of server certificate is not a CA": common.PURPOSE,
    "Warning: Server certificate was signed using an insecure algorithm": common.WEAK_SIG,
    "Untrusted server certificate": common.UNTRUSTED,
    "Certificate verification error (%s)": "elsewhere",
    "SSL failed: %s": "elsewhere",
    "gnutls_handshake: %s": "elsewhere",
    "gnutls_handshake: %s(%s)": "elsewhere",
    "Unable to get certificate from peer": "server_misconfiguration:.6 "
                                           "middlebox_or_firewall_interference:.4",
    "All available protocols for TLS/SSL connection disabled": common.CLIENT_CONFIG,
    # Round 23: the priority string of $ssl_ciphers (or NeoMutt's "@SYSTEM" default) that
    # this GnuTLS refused (mutt_ssl_gnutls.c, neomutt conn/gnutls.c): the client's own setup
    "gnutls_priority_set_direct(%s): %s": common.CLIENT_CONFIG,
    "SSL/TLS connection using %s (%s/%s/%s)": "no_fault",
}

RULES = (
    (r".", "not_tls", "the certificate dialog's layout, entropy, memory and API states"),
)
