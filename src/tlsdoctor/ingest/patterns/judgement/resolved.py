"""systemd-resolved (systemd/systemd src/resolve/resolved-dnstls-{openssl,gnutls}.c,
resolved-dns-server.c): DNS-over-TLS to the configured DNS servers.

"Failed to invoke SSL_do_handshake: <text>" carries OpenSSL's error string (its table reads
it) or "SSL_get_error()=N": 5 is SSL_ERROR_SYSCALL (the server or something in between
closed or reset the connection), 6 SSL_ERROR_ZERO_RETURN (a close_notify). The GnuTLS build
prints gnutls_strerror() (the GnuTLS table). resolved verifies the certificate only with
DNSOverTLS=yes; in opportunistic mode a failed TLS connection makes it log the downgrade
("Using degraded feature set UDP+EDNS0+DO instead of TLS+EDNS0+DO for DNS server ..."),
read by patterns/desktop16.py only when the set it left was a TLS one."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Failed to invoke SSL_do_handshake: %s": common.HANDSHAKE,
    "Failed to invoke gnutls_handshake: %s": common.HANDSHAKE,
    "SSL_ERROR_SYSCALL": common.EOF_CLOSED,
    "SSL_ERROR_ZERO_RETURN": common.EOF_CLOSED,
    "SSL_ERROR_SSL": "elsewhere",
    "Failed to load system trust store: %s": common.CLIENT_CONFIG,
    "Failed to invoke SSL_shutdown, ignoring: %s": "no_fault",
    "Failed to invoke gnutls_bye: %s": "no_fault",
    "Using degraded feature set %s instead of %s for DNS server %s.": "elsewhere",
    "Failed to invoke SSL_write: %s": "elsewhere",
    "Failed to invoke SSL_read: %s": "elsewhere",
    "Failed to invoke gnutls_record_send: %s": "elsewhere",
    "Failed to invoke gnutls_record_recv: %s": "elsewhere",
}

RULES = (
    (r".", "not_tls", "setting the server name on the session (allocation)"),
)
