"""Syncthing (syncthing/syncthing lib/connections/service.go, relay_listen.go).

Devices authenticate each other by their certificates: both sides present exactly one
self-signed certificate whose hash is the device ID, and its name must be the configured
CertName ("syncthing" by default). service.go: a peer with another number of certificates
is not a Syncthing device (a TLS-inspecting proxy sends a chain, a client that is not
Syncthing none); a certificate whose name does not match is "Bad certificate from remote"
(VerifyHostname's error follows); a peer without the bep/1.0 ALPN is only warned about.
relay_listen.go wraps a relay connection's failed handshake.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "Bad certificate from remote": common.HOSTNAME,
    "Got peer certificate list of incorrect length": (
        "tls_interception_mitm:.4 middlebox_or_firewall_interference:.3 "
        "client_cert_required:.3 | specific"),
    # a warning: the connection goes on
    "Peer at did not negotiate bep/1.0": "no_fault",
    # the handshake's own error follows (Go's words, read by its table)
    "Failed TLS handshake": common.HANDSHAKE,
}

RULES = ()
