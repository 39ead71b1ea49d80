"""grpc-java (grpc/grpc-java netty/ ProtocolNegotiators.java, GrpcSslContexts.java,
NettyClientHandler.java, Utils.java; core/ ServerImpl.java), under Java and Kotlin gRPC
clients and servers.

"Failed ALPN negotiation: Unable to find compatible protocol": the handshake finished but
h2 was not negotiated: the server or a TLS-terminating proxy (an HTTP/1.1 load balancer)
offered no ALPN, grpc_core's reading. "Connection closed while performing TLS negotiation":
the peer closed during the handshake, most often a plaintext gRPC server answering a TLS
client (its HTTP/2 server drops the ClientHello), or the path: a ranking. "Network closed
for unknown reason" has the same readings without saying TLS. "ssl exception" wraps
Netty's SSLException, whose words decide. The ALPN provider checks are the local runtime's
(no Java 9+ ALPN, no netty-tcnative or Conscrypt).
"""

from __future__ import annotations

from . import _common as common

_ALPN = ("server_misconfiguration:.55 middlebox_or_firewall_interference:.25 "
         "client_misconfiguration:.2 | specific")
_CLOSED = ("non_tls_service_on_port:.35 middlebox_or_firewall_interference:.3 "
           "protocol_version_mismatch:.15 client_cert_required:.1 "
           "sni_required_or_mismatch:.1 | category")

JUDGE = {
    "Failed ALPN negotiation: Unable to find compatible protocol": _ALPN,
    "Connection closed while performing TLS negotiation": _CLOSED,
    "Network closed for unknown reason": ("non_tls_service_on_port:.35 "
                                          "middlebox_or_firewall_interference:.35 "
                                          "server_misconfiguration:.3 | generic"),
    "ssl exception": "elsewhere",
    "Handshake timeout exceeded": common.HANDSHAKE_TIMEOUT,
    "Unexpected error converting ServerCredentials to Netty SslContext": common.SERVER_CONFIG,
}

RULES = (
    (r"ALPN|NPN", "client_misconfiguration:.6 server_misconfiguration:.4 | reason",
     "the local Java runtime's ALPN support (either side)"),
)
