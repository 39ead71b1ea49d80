"""Squid: the names and descriptions of errors/templates/error-details.txt (its error
page shows "(TLS code: SQUID_ERR_SSL_HANDSHAKE)"; %ssl_error_descr the description) and
cache.log's handshake lines. The X509_V_ERR_* names and their descriptions are OpenSSL's
(openssl's table reads them); Squid's own are the SQUID_* ones. Squid talks TLS both ways:
to clients (its https_port, SslBump) and to servers (its own verification of the origin),
so "Error negotiating SSL connection on FD" is a client that failed Squid's handshake."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SQUID_X509_V_ERR_DOMAIN_MISMATCH": common.HOSTNAME,
    "SQUID_X509_V_ERR_CERT_CHANGE": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "SQUID_X509_V_ERR_INFINITE_VALIDATION": "server_misconfiguration:1",
    "SQUID_TLS_ERR_CONNECT": common.HANDSHAKE,
    "SQUID_TLS_ERR_ACCEPT": common.HANDSHAKE,
    "SQUID_ERR_SSL_HANDSHAKE": common.HANDSHAKE,
    "Error negotiating SSL connection on FD %d: %s": "elsewhere",
    "Error negotiating SSL connection on FD %d: Aborted by client: %s": "elsewhere",
    # The client closed during the handshake Squid served (an SslBump'd client rejecting
    # the certificate Squid minted: its CA is not installed there).
    "Error negotiating SSL connection on FD %d: Closed by client": (
        "tls_interception_mitm:.4 cert_untrusted_root:.3 "
        "middlebox_or_firewall_interference:.3 | category"),
    "ERROR: Cannot accept a TLS connection": common.HANDSHAKE,
}

RULES = (
    (r"^X509_V_ERR_", "elsewhere", "OpenSSL's verify names: openssl's table reads them"),
    (r".", "not_tls", "names Squid's error page never shows for a TLS failure"),
)
