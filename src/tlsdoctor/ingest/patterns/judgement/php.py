"""PHP: the warnings of its OpenSSL stream transport (ext/openssl/xp_ssl.c). PHP checks the
peer's name itself (not OpenSSL's X509_check_host): "Peer certificate CN=`a' did not match
expected CN=`b'" is its host-name failure. The OpenSSL error queue it prints after "SSL
operation failed with code 1. OpenSSL Error messages:" is read with OpenSSL's table."""

from __future__ import annotations

from . import _common as common

# PHP's own generic lines: the reason is in the OpenSSL lines printed with them.
_GENERIC = common.HANDSHAKE

JUDGE = {
    "Peer certificate CN=`%.*s' did not match expected CN=`%s'": common.HOSTNAME,
    "Unable to locate peer certificate CN": "hostname_mismatch:.7 server_misconfiguration:.3",
    "Peer certificate CN=`%.*s' is malformed": "server_misconfiguration:.6 "
                                               "tls_interception_mitm:.4",
    "Could not verify peer: code:%d %s": common.CERT_ANY + " | category",
    "peer_fingerprint match failure": common.PINNING,
    "Could not get peer certificate": "server_misconfiguration:.5 "
                                      "middlebox_or_firewall_interference:.5",
    # "SSL_R_NO_SHARED_CIPHER: ... the server is missing an SSL certificate (local_cert)"
    "SSL_R_NO_SHARED_CIPHER: no suitable shared cipher could be used.  This could be "
    "because the server is missing an SSL certificate (local_cert context option)":
        "cipher_suite_mismatch:.5 server_misconfiguration:.5 | reason",
    "SSL operation failed with code %d. %s%s": _GENERIC,
    # Round 15: every failure's own line comes before this one (an OpenSSL error, "SSL:
    # <errno>", "SSL: Handshake timed out", a peer-certificate sentence); alone it is a
    # close without an alert or an errno (PHP 8.2 on loopback, measured): a close.
    "Failed to enable crypto": common.EOF_CLOSED,
    "SSL: fatal protocol error": common.EOF_CLOSED,
    "SSL: Handshake timed out": common.HANDSHAKE_TIMEOUT,
    # "SSL: %s" carries strerror(): "SSL: Connection reset by peer": the system's words,
    # read by patterns/system.py; "SSL: " alone says nothing.
    "SSL: %s": "elsewhere",
    "Unable to set default verify locations and no CA settings specified":
        common.CLIENT_CONFIG,
    "Private key does not match certificate!": common.KEY_MISMATCH,
    "SSLv3 support is not compiled into the OpenSSL library against which PHP is linked":
        common.VERSION_OR_CLIENT,
    "SSLv2 unavailable in this PHP version": common.VERSION_OR_CLIENT,
    "TLSv1.1 support is not compiled into the OpenSSL library against which PHP is linked":
        common.VERSION_OR_CLIENT,
    "TLSv1.2 support is not compiled into the OpenSSL library against which PHP is linked":
        common.VERSION_OR_CLIENT,
    "SSL: client-initiated handshake rate limit exceeded by peer":
        "client_misconfiguration:.6 middlebox_or_firewall_interference:.4",
}

RULES = (
    # Files and options of PHP's own stream context (local_cert, cafile, SNI_server_certs):
    # the program's setting.
    (r"(?i)local cert|private key|cafile|CA names|real path|SNI_server_certs|DH params|"
     r"ecdh|ALPN protocol string", "client_misconfiguration:.6 server_misconfiguration:.4 | "
     "reason", "a certificate, key, CA file or option of PHP's stream context is wrong"),
    (r".", "not_tls", "PHP's API misuse and internal failures (contexts, handles, sessions, "
     "Windows store calls printed with their own error)"),
)
