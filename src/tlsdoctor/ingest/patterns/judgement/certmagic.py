"""CertMagic (caddyserver/certmagic, Caddy's certificate manager): handshake.go's
GetCertificate errors, which Go's server logs after "http: TLS handshake error from ADDR: "
(the client gets an internal_error alert), and its OCSP maintenance lines.

No certificate for the name the client asked (SNI) or none at all: the server has nothing
to serve that name (a name not configured, a client sending no SNI or an IP). On-demand
refusals are the server's policy. A REVOKED OCSP status is the server's own certificate
revoked (CertMagic replaces it when it can)."""

from __future__ import annotations

from . import _common as common

_NO_CERT = "sni_required_or_mismatch:.55 server_misconfiguration:.45 | reason"
JUDGE = {
    "no certificate available for '%s'": _NO_CERT,
    "no certificates available": _NO_CERT,
    "no matching certificate to load for %s: %w": _NO_CERT,
    "certificate is not allowed for server name %s: %w": _NO_CERT,
    "subject name does not qualify for certificate: %s": _NO_CERT,
    "certificate for '%s' is not managed": _NO_CERT,
    "not configured for on-demand certificate issuance": common.SERVER_CONFIG,
    "timed out waiting to load certificate for %s": common.SERVER_CONFIG,
    "timed out waiting to obtain certificate for %s": common.SERVER_CONFIG,
    "on-demand certificate's OCSP status is REVOKED; will try to forcefully renew":
        common.REVOKED,
    "OCSP status for managed certificate is REVOKED; attempting to replace with new "
    "certificate": common.REVOKED,
    "forcefully renewing certificate due to REVOKED status": common.REVOKED,
    "unable to obtain new to certificate after OCSP status of REVOKED; removing from cache":
        common.REVOKED,
    "unmanaged certificate has expired": "cert_expired:1 | reason",
}

RULES = (
    (r".", "not_tls", "maintenance and issuance lines that name no failed connection"),
)
