"""Nim's std/net, std/asyncnet, std/httpclient (nim-lang/Nim) and nimble (nim-lang/nimble).

Nim loads OpenSSL at run time and, with no caFile/caDir, looks for a CA bundle in a fixed
list of paths (lib/pure/ssl_certs.nim; SSL_CERT_FILE/SSL_CERT_DIR only for
CVerifyPeerUseEnvVars): "No SSL/TLS CA certificates found." is this machine's missing
bundle. checkCertName's "SSL Certificate check failed." is the host name check.

nimble's "Failed to verify the SSL certificate for <url>" is raised for ANY SslError while
downloading (nimble 0.13-0.14 packageinfo.nim: `except SslError`; 0.16+: any
HttpConnectionError), not only a failed verification; and the URL is nimble's own package
list (github.com, nim-lang.org: public certificates). So the client's side ranks first: its
Nim/OpenSSL pairing or CA bundle, then an intercepting proxy; below 0.6 (`nimble refresh
--verbose` prints the SslError underneath)."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "nimble.ssl_verify": "client_misconfiguration:.5 tls_interception_mitm:.25 "
                         "cert_untrusted_root:.15 middlebox_or_firewall_interference:.1 "
                         "| category",
    "No SSL/TLS CA certificates found.": common.CLIENT_CONFIG,
    "Failed to load SSL/TLS CA certificate(s).": common.CLIENT_CONFIG,
    "SSL Certificate check failed.": common.HOSTNAME,
    "No SSL certificate found.": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "TLS/SSL connection failed to initiate, socket closed prematurely.": common.EOF_CLOSED,
    "SSL support is not available. Cannot connect over SSL. Compile with -d:ssl to enable.":
        common.CLIENT_CONFIG,
    "Verification of private key file failed.": common.KEY_MISMATCH,
    "SSLv2 is no longer secure and has been deprecated, use protSSLv23": common.CLIENT_CONFIG,
    "SSLv3 is no longer secure and has been deprecated, use protSSLv23": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "IP parsing, sockets, multipart forms, API misuse"),
)
