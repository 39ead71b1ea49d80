"""xrdp (neutrinolabs/xrdp v0.9.21.1 and HEAD: common/ssl_calls.c, common/trans.c,
libxrdp/xrdp_iso.c, xrdp_rdp.c, xrdp_sec.c): the RDP server's own TLS lines, its log
"[time] [LEVEL] <text>".

A server's log: "SSL_accept: Failure in SSL library (protocol error?)" is the handshake
failing at xrdp, then OpenSSL's queue one line each ("SSL: error:...", read by OpenSSL's and
the alerts tables as a server's: an alert xrdp received is the client refusing xrdp's
certificate, the self-signed one xrdp ships unless certificate= and key_file= name another).
"I/O error" and "Server closed TLS connection" during SSL_accept: the client hung up in the
handshake (a client that gave up on the certificate without an alert, or no TLS at all).
The same words after SSL_read/SSL_write/SSL_shutdown are a session that ended, not a
handshake. security_layer=tls refuses a client that asks only for RDP security."""

from __future__ import annotations

from . import _common as common

_ACCEPT = ("cert_self_signed:.3 protocol_version_mismatch:.25 cipher_suite_mismatch:.2 "
           "cert_untrusted_root:.15 client_misconfiguration:.1")
_HUNG_UP = ("cert_self_signed:.35 middlebox_or_firewall_interference:.25 "
            "protocol_version_mismatch:.2 cert_untrusted_root:.2 | category")
_VERSION_GONE = "protocol_version_mismatch:.5 server_misconfiguration:.5 | specific"
JUDGE = {
    "SSL_accept: Failure in SSL library (protocol error?)": _ACCEPT + " | category",
    "SSL_accept: I/O error": _HUNG_UP,
    "SSL_accept: Server closed TLS connection": _HUNG_UP,
    "SSL_accept: Unknown SSL error": common.HANDSHAKE,
    "trans_set_tls_mode: ssl_tls_accept failed": _ACCEPT + " | generic",
    "xrdp_sec_incoming: trans_set_tls_mode failed": _ACCEPT + " | generic",
    "%s: %s": "elsewhere",
    "Cannot accept TLS connections because certificate or private key file is not readable. "
    "certificate file: [%s], private key file: [%s]": common.SERVER_CONFIG,
    "Cannot read certificate file %s: %s": common.SERVER_CONFIG,
    "Cannot read private key file %s: %s": common.SERVER_CONFIG,
    "Error loading TLS private key from %s": common.SERVER_CONFIG,
    "Error loading TLS certificate chain from %s": common.SERVER_CONFIG,
    "Private key %s and certificate %s do not match": common.SERVER_CONFIG,
    "X.509 certificate should use absolute path, using default instead: %s":
        "server_misconfiguration:1",
    "X.509 key file should use absolute path, using default instead: %s":
        "server_misconfiguration:1",
    # security_layer=tls and a client that asked only for RDP's own security.
    "Server requires TLS for security, but the client did not request TLS.":
        "client_misconfiguration:.6 server_misconfiguration:.4 | reason",
    "No SSL/TLS protocols enabled. At least one protocol should be enabled to accept TLS "
    "connections.": common.SERVER_CONFIG,
    "SSLv3 enabled by config, but not supported by system OpenSSL": _VERSION_GONE,
    "TLSv1 enabled by config, but not supported by system OpenSSL": _VERSION_GONE,
    "TLSv1.1 enabled by config, but not supported by system OpenSSL": _VERSION_GONE,
    "TLSv1.2 enabled by config, but not supported by system OpenSSL": _VERSION_GONE,
    "TLSv1.3 enabled by config, but not supported by system OpenSSL": _VERSION_GONE,
    "Invalid TLS cipher options %s": common.SERVER_CONFIG,
    "Unable to negotiate a TLS connection with the client": common.SERVER_CONFIG,
    "Unable to generate DHE parameters for TLS": common.SERVER_CONFIG,
    "Unable to setup DHE parameters for TLS": common.SERVER_CONFIG,
    "TLS DHE auto failed to be enabled": common.SERVER_CONFIG,
    "Security protocol: configured [%s], requested [%s], selected [%s]": "no_fault",
    "TLS connection established from %s port %s: %s with cipher %s": "no_fault",
    # Postfix logs "Anonymous TLS connection established from host[ip]: TLSv1.3 with cipher
    # ...": without xrdp's "port", the words are not xrdp's alone.
    "TLS connection established from %s %s with cipher %s": "not_tls",
    "Non-TLS connection established from %s port %s: with security level : %s": "no_fault",
    "Non-TLS connection established from %s with security level : %s": "no_fault",
    "Using default X.509 certificate: %s": "no_fault",
    "Using default X.509 key file: %s": "no_fault",
    "security_layer=%s is not recognized, will use security_layer=negotiate": "no_fault",
}

RULES = (
    (r".", "not_tls", "a session's reads and writes, RDP and X.224 protocol lines, "
     "allocation"),
)
