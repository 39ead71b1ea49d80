"""Npgsql (npgsql/npgsql src/Npgsql/Internal/NpgsqlConnector.cs, NpgsqlConnector.Auth.cs,
Properties/NpgsqlStrings.resx), the .NET PostgreSQL driver.

"SSL connection requested. No SSL enabled connection from this host is configured.": the
server answered the SSLRequest with N while SslMode required TLS: libpq's "server does not
support SSL, but SSL was required" in Npgsql's words (patterns/plaintext.py). An answer that
is neither S nor N ("Received unknown response 21 for SSLRequest") comes from something
that is not a PostgreSQL server on that port (a TLS-only proxy answering with an alert, an
HTTP or other service). "Exception while performing SSL handshake" wraps .NET's
AuthenticationException, whose words decide; alone, Npgsql's usual cause leads (SslMode
that verifies a server certificate from a private CA). The resx texts and direct-SSL checks
are the connection string's own settings.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "SSL connection requested. No SSL enabled connection from this host is configured.":
        db.TLS_OFF,
    "Received unknown response {response} for SSLRequest (expecting S or N)":
        ("server_misconfiguration:.4 non_tls_service_on_port:.35 "
         "middlebox_or_firewall_interference:.25 | specific"),
    "Additional unencrypted data received after SSL negotiation - this should never happen, "
    "and may be an indication of a man-in-the-middle attack.":
        ("middlebox_or_firewall_interference:.4 tls_interception_mitm:.35 "
         "server_misconfiguration:.25 | specific"),
    "Additional unencrypted data received after GSS encryption negotiation - this should "
    "never happen, and may be an indication of a man-in-the-middle attack.": "not_tls",
    "Exception while performing SSL handshake":
        ("cert_untrusted_root:.35 cert_self_signed:.25 protocol_version_mismatch:.15 "
         "client_misconfiguration:.15 hostname_mismatch:.1 | generic"),
    "Server offered SCRAM-SHA-256-PLUS authentication over a non-SSL connection":
        ("server_misconfiguration:.5 tls_interception_mitm:.3 "
         "middlebox_or_firewall_interference:.2 | specific"),
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the connection string's SSL settings and callbacks"),
)
