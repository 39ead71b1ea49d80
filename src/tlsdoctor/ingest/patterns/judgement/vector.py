"""Vector (vectordotdev/vector lib/vector-core/src/tls/mod.rs): TlsError's displays.

The settings errors come from building a sink's connector (Vector the client) or a
source's acceptor (Vector the server) from the tls.* options; the sinks are the common
case. "TLS handshake failed: <OpenSSL error>" carries the reason, which OpenSSL's table
reads; alone it names no cause. MissingRequiredIdentity is a source with TLS enabled and
no crt_file: a server's setting.
"""

from __future__ import annotations

from . import _common as common

_FILES = "client_misconfiguration:.6 server_misconfiguration:.4 | specific"

JUDGE = {
    "TlsError::Handshake": common.HANDSHAKE,
    "TlsError::MissingRequiredIdentity": common.SERVER_CONFIG,
    "TlsError::CreateAcceptor": common.SERVER_CONFIG,
    "TlsError::IncomingListener": "not_tls",
    "TlsError::TcpBind": "not_tls",
    "TlsError::PeerAddress": "not_tls",
    "TlsError::EncodeAlpnProtocols": common.CLIENT_CONFIG,
    "TlsError::SetAlpnProtocols": common.CLIENT_CONFIG,
    "TlsError::SetSni": common.CLIENT_CONFIG,
    # the platform's own error follows; alone: this machine's store or settings
    "TlsError::SecurityFramework": "elsewhere",
    "TlsError::Schannel": "elsewhere",
    "TlsError::X509SystemParseError": common.CLIENT_CONFIG,
    "TlsError::NewCaStack": "not_tls",
    "TlsError::CaStackPush": "not_tls",
    "TlsError::SslBuildError": "not_tls",
    "TlsError::NewStoreBuilder": "not_tls",
}

RULES = (
    (r".", _FILES, "the tls.* files and options of a sink (the client) or a source"),
)
