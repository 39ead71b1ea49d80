"""Traefik's TLS layer (traefik/traefik pkg/tls).

tlsmanager.go builds the entry points' certificate stores from the dynamic configuration:
a certificate or key that cannot be read or parsed, a store or TLS option that does not
exist, and the fallback to its own generated "TRAEFIK DEFAULT CERT" (patterns/sni.py reads
that certificate on the client's side) are the server's configuration. With sniStrict a
ClientHello whose name (or its absence) matches no certificate is closed. ocsp.go staples
the OCSP response it fetches from the certificate's responder. certificate.go's
VerifyPeerCertificate is the serversTransport checking a *backend's* certificate (Traefik
the client): the configured SANs (peerCertURI, spiffe) must be in it.
"""

from __future__ import annotations

from . import _common as common

_OCSP_FETCH = ("middlebox_or_firewall_interference:.4 server_misconfiguration:.35 "
               "ocsp_must_staple_missing:.25 | specific")

JUDGE = {
    "TLS: strict SNI enabled - No certificate found for domain: %q, closing connection":
        "sni_required_or_mismatch:.7 server_misconfiguration:.3 | reason",
    # a debug line: the name asked for has no certificate, so the client is given Traefik's
    # own default certificate (a name it was not configured for, or no SNI at all)
    "Serving default certificate for request: %q": ("server_misconfiguration:.6 "
                                                     "sni_required_or_mismatch:.4 | specific"),
    # information when no default certificate is configured: nothing failed
    "No default certificate, fallback to the internal generated certificate": "no_fault",
    # a deprecation warning about an option that no longer does anything
    "TLSOption %q uses PreferServerCipherSuites option, but this option is deprecated and "
    "ineffective, please remove this option.": "no_fault",
    # the ACME tls-alpn-01 challenge's own lookup, not a client's connection
    "TLS: no certificate for TLSALPN challenge: %s": "not_tls",
    "leaf certificate does not contain an OCSP server": ("server_misconfiguration:.6 "
                                                         "ocsp_must_staple_missing:.4 | specific"),
    "Unable to retieve OCSP staple for: %s": _OCSP_FETCH,
    "no OCSP staple obtained from any responders": _OCSP_FETCH,
    # the serversTransport checking a backend's certificate (Traefik the client)
    "no matching SAN in peer certificate": ("hostname_mismatch:.6 client_misconfiguration:.4 "
                                            "| reason"),
    "tls: no certificates from peer": ("server_misconfiguration:.7 "
                                       "middlebox_or_firewall_interference:.3 | reason"),
    "tls: failed to parse certificate from peer: %w": common.BAD_CERT_FORMAT,
}

RULES = (
    (r".", common.SERVER_CONFIG, "the entry points' certificates, stores and TLS options"),
)
