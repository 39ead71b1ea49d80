"""golang.org/x/crypto/acme/autocert (golang/crypto acme/autocert/autocert.go), the
Let's Encrypt certificate manager of many Go servers: its GetCertificate refusals reach the
log as Go's "http: TLS handshake error from <client>: acme/autocert: ...".

"missing server name": the client sent no SNI (an IP address in the URL, a scanner, an
old client); the server has no certificate to choose. "host %q not configured in
HostWhitelist": the SNI names a host the HostPolicy does not allow (a scanner, another name
of the server, or a policy missing that name). The server-name checks: an SNI autocert
cannot request a certificate for (a single label, invalid characters). The rest are ACME
orders and the certificate cache's own checks, which no handshake prints.
"""

from __future__ import annotations

JUDGE = {
    "acme/autocert: missing server name": ("sni_required_or_mismatch:.85 "
                                           "client_misconfiguration:.15 | reason"),
    "acme/autocert: host %q not configured in HostWhitelist": (
        "sni_required_or_mismatch:.55 server_misconfiguration:.45 | specific"),
    "acme/autocert: server name component count invalid": (
        "sni_required_or_mismatch:.7 client_misconfiguration:.3 | specific"),
    "acme/autocert: server name contains invalid character": (
        "sni_required_or_mismatch:.7 client_misconfiguration:.3 | specific"),
}

RULES = (
    (r".", "not_tls", "ACME orders and challenges, the certificate cache's own checks"),
)
