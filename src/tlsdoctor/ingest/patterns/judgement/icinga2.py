"""Icinga 2 (Icinga/icinga2 lib/remote/apilistener.cpp, lib/remote/pkiutility.cpp,
lib/base/tlsstream.cpp, lib/cli/*.cpp at v2.10.0, v2.13.0, HEAD): the cluster's JSON-RPC
listener on port 5665 and the node/pki CLI.

Icinga's verify callback accepts every certificate (tlsstream.cpp: "Continue the handshake
even if an invalid peer certificate was presented"; a new agent enrolls with a self-signed
one) and logs the verdict afterwards: "New client connection for identity 'x' from
[ip]:port (certificate validation failed: code 20: unable to get local issuer
certificate)". So a handshake failure between two nodes is never Icinga's own certificate
check: it is asio's message after "TLS handshake failed (to|from [ip]:port): " (OpenSSL's
reason, "stream truncated", "Operation canceled" after TlsHandshakeTimeout), read by the
tables that know those words. Who printed it: "to [" is the connecting node, "from [" the
accepting one (2.11-2.14 print "Client" for both roles; side.py reads the direction).
The certificate checks that are Icinga's own: the peer's CN must equal the Endpoint's name
(zones.conf), and the peer's certificate must be signed by this node's ca.crt.
"""

from __future__ import annotations

from . import _common as common

_OWN_FILES = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"
# The verdict Icinga logs after the handshake: this node's ca.crt did not sign the peer's
# certificate (an agent set up against another master's CA, a CA re-created), or a clock.
_VALIDATION = ("cert_untrusted_root:.45 client_clock_wrong:.15 cert_expired:.15 "
               "cert_self_signed:.15 cert_not_yet_valid:.1 | category")

JUDGE = {
    "Client TLS handshake failed (%s): %s": common.HANDSHAKE,
    "Server TLS handshake failed (%s): %s": common.HANDSHAKE,
    "Client TLS handshake failed. (%s)": common.HANDSHAKE,
    "Client TLS handshake failed: %s": common.HANDSHAKE,
    "TLS handshake with host '%s' failed: %s": common.HANDSHAKE,
    "Socket was closed during TLS handshake.": common.EOF_CLOSED,
    "TLS stream was truncated, ignoring connection from %s": "no_fault",
    "TLS stream was disconnected.": "not_tls",
    "OpenSSL error: %s": "elsewhere",
    "New client connection for identity '%s' %s (certificate validation failed: %s)":
        _VALIDATION,
    "Certificate validation failed for endpoint '%s': %s": _VALIDATION,
    # The Endpoint object's name (zones.conf) is the CN the peer's certificate must carry.
    "Unexpected certificate common name while connecting to endpoint '%s': got '%s'":
        "hostname_mismatch:.7 client_misconfiguration:.3 | reason",
    "Unknown endpoint '%s' with valid certificate. Aborting JSON-RPC connection.":
        "server_misconfiguration:.7 client_misconfiguration:.3 | reason",
    "Cannot get certificate common name from peer (%s) cert.":
        "server_misconfiguration:.6 client_misconfiguration:.4 | reason",
    "New client connection %s (no client certificate)": "no_fault",
    "Our certificate will expire soon, but we own the CA. Renewing.": "no_fault",
    "no peer certificate provided": "no_fault",
    "handshake not completed": "no_fault",
    # pki request / node setup: the parent's certificate is not the one saved with
    # "pki save-cert" (--trustedcert): the parent renewed it, or something re-signs.
    "Peer certificate does not match trusted certificate.":
        "client_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "Peer did not present a valid certificate.":
        "non_tls_service_on_port:.4 server_misconfiguration:.35 "
        "tls_interception_mitm:.25 | category",
    "Failed to fetch certificate from host.": (
        "name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.3 "
        "non_tls_service_on_port:.3 | generic"),
    "The trusted parent certificate is NOT a client certificate. It seems you passed the "
    "'ca.crt' CA certificate via '--trustedcert' parameter.": common.CLIENT_CONFIG,
    "Cannot make SSL context.": _OWN_FILES,
    "Cannot make SSL context: %s": _OWN_FILES,
    "Cannot make SSL context for cert path: '%s' key path: '%s' ca path: '%s'.": _OWN_FILES,
    "Cannot make SSL context for cert path: '%s' key path: '%s' ca path: '%s': %s":
        _OWN_FILES,
    "Cannot create TLS stream from client connection (%s)": _OWN_FILES,
    "Cannot read certificate file '%s'. Please ensure that it exists and is readable.":
        _OWN_FILES,
    "Cannot read CA certificate file '%s'. Please ensure that it exists and is readable.":
        _OWN_FILES,
    "CRITICAL: CN '%s' does NOT match certificate CN '%s'.":
        "hostname_mismatch:.6 client_misconfiguration:.4 | reason",
    "CRITICAL: Certificate with CN '%s' is NOT signed by CA.":
        "cert_untrusted_root:.55 server_misconfiguration:.45 | reason",
    "CRITICAL: The file '%s' does not seem to be a CA certificate file.":
        "client_misconfiguration:.6 cert_wrong_purpose:.4 | reason",
}

RULES = (
    (r".", "not_tls", "progress and information lines of the CLI and the listener"),
)
