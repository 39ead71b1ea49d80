"""gRPC's C core (grpc/grpc src/core/credentials/transport/tls/ssl_utils.cc), under gRPC's
Python, C++, Ruby, PHP and C# (Grpc.Core) clients: its checks after the TLS handshake.

"Peer name X is not in peer certificate": the target name (or its override) is in no SAN
of the server's certificate. "call host does not match SSL server name": a call's
authority differs from the name the channel checked. The ALPN checks (enforced since
1.67): the server (or a TLS-terminating proxy in front of it) negotiated no ALPN or not
h2.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "grpc_ssl_check_peer_name": common.HOSTNAME,
    "SslCheckCallHost": "hostname_mismatch:.6 client_misconfiguration:.4 | specific",
    "Cannot check peer: missing selected ALPN property.": (
        "server_misconfiguration:.55 middlebox_or_firewall_interference:.25 "
        "client_misconfiguration:.2 | specific"),
    "Cannot check peer: invalid ALPN value.": (
        "server_misconfiguration:.55 middlebox_or_firewall_interference:.25 "
        "client_misconfiguration:.2 | specific"),
}

RULES = ()
