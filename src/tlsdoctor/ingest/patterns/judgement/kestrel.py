"""ASP.NET Core's Kestrel (dotnet/aspnetcore src/Servers/Kestrel/Core/src/CoreStrings.resx,
read through the search index): its HTTPS endpoint's setup and its connection log.

The certificate setup texts are the server's own configuration (no certificate and no
developer certificate, one not found in the store, a certificate without the serverAuth
EKU). "Failed to authenticate HTTPS connection." is logged for any handshake that failed,
with .NET's exception after it, whose words decide; alone, a ranking led by a client
refusing the server's certificate (the self-signed developer certificate). "Detected a TLS
handshake to an endpoint that does not have TLS enabled.": a client speaking TLS to a plain
HTTP endpoint (an https:// URL to the http port). The HTTP/2 checks: the client negotiated
no h2 (no ALPN) on an HTTP/2-only endpoint, or a version below TLS 1.2; the platform's
missing ALPN is the server's.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "AuthenticationFailed": ("cert_self_signed:.3 protocol_version_mismatch:.2 "
                             "cipher_suite_mismatch:.15 non_tls_service_on_port:.15 "
                             "middlebox_or_firewall_interference:.1 client_cert_required:.1 "
                             "| generic"),
    "AuthenticationTimedOut": common.HANDSHAKE_TIMEOUT,
    "InvalidServerCertificateEku": "cert_wrong_purpose:.6 server_misconfiguration:.4 | reason",
    "EndPointHttp2NotNegotiated": ("client_misconfiguration:.5 server_misconfiguration:.3 "
                                   "middlebox_or_firewall_interference:.2 | specific"),
    "Http2ErrorMinTlsVersion": common.VERSION_OR_CLIENT,
    "HttpParserTlsOverHttpError": "non_tls_service_on_port:.6 client_misconfiguration:.4 | reason",
}

RULES = (
    (r".", common.SERVER_CONFIG, "the HTTPS endpoint's own certificate and platform"),
)
