"""rclone (rclone/rclone fs/fshttp/http.go, lib/proxy/http.go, lib/http/server.go).

fshttp loads the --ca-cert, --client-cert and --client-key files at start and stops with
fs.Fatalf when one cannot be read or parsed: the client's own settings. lib/http's
errors are `rclone serve`'s TLS settings (--cert, --key, --client-ca, --min-tls-version):
the server's. lib/proxy wraps the TLS handshake with an https:// HTTP proxy; the error it
quotes decides, alone it names no cause.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "HTTP CONNECT proxy failed to make TLS connection: %q": (
        "client_misconfiguration:.35 middlebox_or_firewall_interference:.3 "
        "non_tls_service_on_port:.2 tls_interception_mitm:.15 | generic"),
    "ErrInvalidMinTLSVersion": common.SERVER_CONFIG,
    "ErrTLSBodyMismatch": common.SERVER_CONFIG,
    "ErrTLSFileMismatch": common.SERVER_CONFIG,
    "ErrTLSParseCA": common.SERVER_CONFIG,
    "ErrTLSConfigRequired": common.SERVER_CONFIG,
}

RULES = (
    (r".", common.CLIENT_CONFIG, "fshttp's start-up checks of the client's own certificate "
     "and CA files"),
)
