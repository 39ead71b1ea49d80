"""grpc-go (grpc/grpc-go clientconn.go, credentials/tls.go, credentials/local,
internal/transport, internal/credentials/xds), with golang.org/x/net's HTTP/2 framer.

The ALPN check (enforced since 1.67) reads as grpc_core's: the server, or a TLS-terminating
proxy in front of it, negotiated no ALPN. The dial options' checks are the client's own.
"transport: authentication handshake failed: %v", "ServerHandshake(%q) failed: %v" and
"error reading server preface: %v" carry crypto/tls's or the socket's words, which decide.
"error reading server preface: http2: frame too large": a client with insecure
credentials read a reply that is not HTTP/2 (a TLS server's alert or HTTP/1.x "400 Bad
Request" parsed as a frame header): a TLS port dialled in plaintext, or an HTTP/1.x port.
On the server, "received bogus greeting from client" is the reverse: a client speaking TLS
(its ClientHello, "\\x16\\x03\\x01...") or HTTP/1.x to a plaintext gRPC port.
"""

from __future__ import annotations

from . import _common as common

_ALPN = ("server_misconfiguration:.55 middlebox_or_firewall_interference:.25 "
         "client_misconfiguration:.2 | specific")

JUDGE = {
    "credentials: no peer certificates found to verify authority %q":
        "client_misconfiguration:.6 server_misconfiguration:.4 | specific",
    "transport: failed to write client preface: %v": "elsewhere",
    "transport: preface mismatch, wrote %d bytes; want %d": "not_tls",
    "error reading server preface: %v": "elsewhere",
    "ServerHandshake(%q) failed: %v": "elsewhere",
    "transport: http2Server.HandleStreams failed to receive the preface from client: %v":
        "elsewhere",
    "transport: http2Server.HandleStreams received bogus greeting from client: %q":
        ("non_tls_service_on_port:.5 client_misconfiguration:.3 "
         "server_misconfiguration:.2 | specific"),
    "transport: http2Server.HandleStreams saw invalid preface type %T from client": "not_tls",
    "xds: fetching trusted roots from CertificateProvider failed: %v": "elsewhere",
    "xds: fetching identity certificates from CertificateProvider failed: %v": "elsewhere",
    "xds: no peer certificates presented":
        "server_misconfiguration:.5 client_cert_required:.5 | specific",
    "server preface: ErrFrameTooLarge": ("client_misconfiguration:.55 "
                                         "server_misconfiguration:.3 "
                                         "non_tls_service_on_port:.15 | reason"),
}

RULES = (
    (r"missing selected ALPN property", _ALPN, "no ALPN from the server or its proxy"),
    (r"CertificateProvider to fetch", "client_misconfiguration:.5 server_misconfiguration:.5",
     "the xDS management server's security configuration"),
    (r".", common.CLIENT_CONFIG, "the dial options' transport credentials"),
)
