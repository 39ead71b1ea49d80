"""Envoy's HTTP router reply when the upstream connection failed or was reset before any
response headers (envoyproxy/envoy source/common/router/router.cc Filter::onUpstreamReset),
the reset reasons it names (source/common/http/utility.cc resetReasonToString) and the
access log's response flags (source/common/stream_info/utility.h).

None of these names a TLS cause by itself: the reply's transport failure reason, when there
is one, is BoringSSL's and Envoy's TLS socket's ("TLS_error:|...:TLS_error_end", read by the
boringssl and envoy tables). Without it, a connection failure says only that Envoy could not
get a usable connection to the upstream (refused, unreachable, or in Envoy before the
transport failure reason was printed, a failed TLS handshake too): READINGS ranks it, every
cause below 0.6. Resets after the connection was made (local/remote stream resets, overflow,
overload manager) are not about TLS and make no pattern.
"""

from __future__ import annotations

from . import _common as common

# How the reply, the flags and the reasons are read: patterns/frameworks.py (one pattern per
# reason, built from these entries); each entry on its own is a word of that sentence.
JUDGE: dict[str, str] = {}

RULES = (
    (r"^(?:body|reset\.|flag\.)", "elsewhere", "read as Envoy's reply / access log in "
                                               "patterns/frameworks.py"),
)

# A connection Envoy could not make or keep before the upstream answered, no TLS reason said:
# not reachable or refused first (a port with nothing listening, a pod not ready), a
# firewall or mesh policy second; a handshake that failed (old Envoy printed no transport
# failure reason: a certificate the cluster's validation refused, envoy-aab65bfd) after.
CONNECT_FAILED = ("name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.2 "
                  "server_misconfiguration:.15 cert_untrusted_root:.1 cert_expired:.1 "
                  "client_misconfiguration:.05")
# The upstream closed a connection Envoy had made before it answered: the two ends do not
# speak the same thing on it (plaintext to a TLS port or the reverse, mTLS required by the
# upstream's sidecar, HTTP/2 to an HTTP/1 server) or the upstream crashed.
TERMINATED = ("client_misconfiguration:.35 server_misconfiguration:.35 "
              "middlebox_or_firewall_interference:.2 client_cert_required:.1")
# The upstream's reply did not parse as the protocol Envoy spoke (HTTP/2 vs HTTP/1.1, TLS
# vs plaintext): the cluster's protocol or TLS setting first.
PROTOCOL = "client_misconfiguration:.5 server_misconfiguration:.3 non_tls_service_on_port:.2"

READINGS = {
    "reset.LocalConnectionFailure": CONNECT_FAILED,
    "reset.RemoteConnectionFailure": CONNECT_FAILED,
    "reset.ConnectionTimeout": common.TIMEOUT_CAUSES,
    "reset.ConnectionTermination": TERMINATED,
    "reset.ProtocolError": PROTOCOL,
    # Access log flags: UF is the connection failure, UC the termination.
    "flag.UF": CONNECT_FAILED,
    "flag.UC": TERMINATED,
}
