"""Apache Guacamole's guacd (apache/guacamole-server src/protocols/rdp/error.c, rdp.c): the
message it ends an RDP connection with for each FreeRDP error, logged by guacd and shown in
the browser.

guacd connects to the RDP host with FreeRDP (guacd is the client): "SSL/TLS connection
failed (untrusted/self-signed certificate?)" is FREERDP_ERROR_TLS_CONNECT_FAILED, usually the
host's self-signed certificate without ignore-cert set on the connection, or a host that
speaks only an old TLS version; "Security negotiation failed (wrong security type?)" and
"Server refused connection (wrong security type?)" are the security mode (any, nla, tls, rdp)
the host does not allow."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL/TLS connection failed (untrusted/self-signed certificate?)":
        "cert_self_signed:.4 cert_untrusted_root:.25 protocol_version_mismatch:.2 "
        "hostname_mismatch:.15 | category",
    # An info line before the abort message; other programs' words too (MongoDB's "SSL peer
    # certificate validation failed"): the message after it is read.
    "Certificate validation failed": "not_tls",
    "Security negotiation failed (wrong security type?)":
        "client_misconfiguration:.6 server_misconfiguration:.4 | category",
    "Server refused connection (wrong security type?)":
        "client_misconfiguration:.5 protocol_version_mismatch:.3 "
        "name_resolution_or_unreachable:.2 | category",
    "DNS lookup failed (incorrect hostname?)": common.DNS,
    "Certificate validation bypassed": "no_fault",
}

RULES = (
    (r".", "not_tls", "credentials, access, the network connection and upstream errors"),
)
