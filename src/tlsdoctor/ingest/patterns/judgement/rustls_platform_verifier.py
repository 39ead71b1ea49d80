"""rustls-platform-verifier (rustls/rustls-platform-verifier src/verification/*.rs): the
verifier rustls users (reqwest's rustls-tls, Deno, cargo's HTTP client) hand the platform's
trust store to. rustls prints its General errors as "unexpected error: %s". A machine with
no CA store (a scratch or distroless container without ca-certificates, an Android build
without the verifier's Java part) is the client's own setup; its log lines name the
platform's verdict (UnknownIssuer or Revoked) before rustls' own error.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "certificate had invalid extensions": common.PURPOSE,
    "%s platform CA root certificates were ignored due to errors": "no_fault",
    "Error loading CA root certificate: %s": "no_fault",
    "No CA certificates were loaded from the system": common.CLIENT_CONFIG,
    "TLS certificate verification was unavailable on the system!": common.CLIENT_CONFIG,
    "No system trust stores available": common.CLIENT_CONFIG,
    "failed to call native verifier: %s": common.CLIENT_CONFIG,
    "failed to verify TLS certificate: %s": "elsewhere",
    "Malformed OCSP response stapled to server certificate":
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4 | reason",
    "certificate was not trusted: %s": common.UNTRUSTED + " | category",
    "certificate was revoked: %s": common.REVOKED,
}

RULES = (
    (r".", "not_tls", "the verifier's own internal errors"),
)
