"""Ktor's own TLS client (ktorio/ktor ktor-network/ktor-network-tls), the CIO engine's and
raw sockets' TLS on the JVM.

It speaks TLS 1.2 only (Headers.kt: the ClientHello's version TLS12) with the suites of
CIOCipherSuites.SupportedSuites (ECDHE and RSA key exchange with AES), and it checks the
chain with the JVM's trust manager (whose words Java's table reads). A fatal alert the
server sends becomes "Received alert during handshake. Level: FATAL, code: <TLSAlertType>"
(TLSClientHandshake.kt); an alert code the enum does not list (112, 116, 120...) cannot be
named and fails as "Invalid TLS record type code: N" (TLSAlert.kt), the text a record of
another type gives too. Its own hostname check (HostnameUtils.kt) raises "No server host:
<name> in the server certificate". So handshake_failure and protocol_version from a
server are mostly its TLS 1.3-only or suite policy refusing what Ktor offers.
"""

from __future__ import annotations

from . import _common as common

# a key exchange, curve or key type the server chose that Ktor's small TLS code does not do
_LIMITS = "cipher_suite_mismatch:.6 server_misconfiguration:.4 | reason"
# the server's bytes are not TLS at all (an HTTP reply's "HTTP/1.1" read as a record)
_NOT_TLS = ("non_tls_service_on_port:.7 middlebox_or_firewall_interference:.3 | specific")
_BROKEN = common.PROTOCOL_BROKEN

JUDGE = {
    "No server host: %s in the server certificate. Provided in certificate: %s":
        common.HOSTNAME,
    "No server host: %s in the server certificate. The certificate was issued for: %s.":
        common.HOSTNAME,
    "Illegal TLS frame size: %s": _NOT_TLS,
    "Invalid TLS record type code: %s": ("non_tls_service_on_port:.5 "
                                         "middlebox_or_firewall_interference:.2 "
                                         "sni_required_or_mismatch:.15 "
                                         "client_cert_required:.15 | specific"),
    "Invalid TLS version code %s": _NOT_TLS,
    "Invalid TLS handshake type code: %s": _BROKEN,
    # a TLS 1.2 client: the server closed the connection before the handshake ended
    "Negotiation failed due to EOS": ("protocol_version_mismatch:.35 "
                                      "middlebox_or_firewall_interference:.3 "
                                      "sni_required_or_mismatch:.15 client_cert_required:.1 "
                                      "non_tls_service_on_port:.1 | generic"),
    "Server sent no certificate": "server_misconfiguration:.7 "
                                  "middlebox_or_firewall_interference:.3 | reason",
    "Unknown EC id": _LIMITS,
    "Unsupported public key type: %s": _LIMITS,
    "No appropriate hash algorithm for suite: %s": _LIMITS,
    "No sign algorithms in common.": common.CIPHER,
    "Unsupported cipher suite %s in SERVER_HELLO": ("server_misconfiguration:.5 "
                                                    "middlebox_or_firewall_interference:.5 "
                                                    "| specific"),
    "Unsupported TLS compression method %s (only null 0 compression method is supported)":
        "server_misconfiguration:1 | reason",
    # the client's own encoder: its internal limits, not a connection's failure
    "TLS handshake size limit exceeded: %s": "not_tls",
    "Illegal sessionIdLength": "not_tls",
    "Encrypted premaster secret is too long": "not_tls",
    "ECDHE_ECDSA: Encryption info should be provided": "not_tls",
    "ECDHE: Encryption info should be provided": "not_tls",
}

RULES = (
    # the alert the server sent, by its number: alerts.py's reading of an alert a client
    # received (Ktor's TLS is a client's), built by patterns/harvest26.py from the
    # entries' numbers, as Zig's and rustls' alert names are
    (r"^alert \d+ ", "elsewhere", "a received alert, read by its number with its direction"),
    # the parser's and the handshake's checks of what the server sent
    (r"(?i)size|length|point|hash|extension|record|flag|finished|message type|padding|MAC|"
     r"ServerFinished|signed message|Certificate length",
     _BROKEN, "the server's handshake bytes do not parse or verify"),
)
