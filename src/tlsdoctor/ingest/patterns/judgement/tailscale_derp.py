"""Tailscale's DERP relay server and its pinned-certificate dialing (tailscale/tailscale
cmd/derper/cert.go, cmd/derper/ipcert.go, net/tlsdial/tlsdial.go).

derper's GetCertificate refuses a ClientHello whose SNI is not its --hostname (manual
certmode) or, serving IP-address certificates, a name or another IP: Go's server logs that
as "http: TLS handshake error from <client>: <error>", so the client asked for another
name (its DERPMap's HostName, or dialing by IP). Its start-up errors are the server's
flags and files. tlsdial's SetConfigExpectedCertHash is the client side of a DERP node
configured with a pinned certificate (DERPMap CertName "sha256-raw:..."): the presented
certificate must hash to the pin, match the name and be within its dates.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "cert mismatch with hostname: %q": "sni_required_or_mismatch:.7 "
                                       "client_misconfiguration:.3 | reason",
    "no certificate for hostname %q; this server only serves IP address certificates":
        "sni_required_or_mismatch:.7 client_misconfiguration:.3 | reason",
    "requested certificate for IP %v does not match the connection's IP address":
        "sni_required_or_mismatch:.6 client_misconfiguration:.4 | reason",
    "cert issuance for %v failed recently; next attempt no earlier than %v":
        common.SERVER_CONFIG,
    # its cache of an IP certificate: renewed, not a connection's failure
    "cached cert is expired or not yet valid (NotAfter %v)": "not_tls",
    "parsing issued cert: %w": "not_tls",
    "issued cert: %w": "not_tls",
    # the pinned DERP certificate (client side)
    "cert hash does not match expected cert hash": (
        "server_misconfiguration:.5 tls_interception_mitm:.3 client_misconfiguration:.2 "
        "| reason"),
    "cert does not match server name %q: %w": common.HOSTNAME,
    "cert expired %v": common.EXPIRED,
    "cert not yet valid until %v; is your clock correct?": common.NOT_YET,
    "expected cert not presented": ("server_misconfiguration:.6 tls_interception_mitm:.4 "
                                    "| reason"),
    "unexpected multiple certs presented": ("tls_interception_mitm:.55 "
                                            "server_misconfiguration:.45 | reason"),
}

RULES = (
    # which flags go together (--certmode, --hostname, --certdir, --acme-*): the command
    # line's syntax, not a TLS connection's failure
    (r"--|^unsupport cert mode", "not_tls", "derper's flag combinations"),
    (r".", common.SERVER_CONFIG, "derper's own certificate and key files"),
)
