"""Microsoft JDBC Driver for SQL Server (microsoft/mssql-jdbc SQLServerResource.java).

R_sslFailed wraps the JSSE error of the TLS handshake inside TDS ("... Error: <Java's
text>"), read by the Java tables; alone it is a ranking. The others are the driver's own
checks: the name in the certificate (hostNameInCertificate), the server's encryption
support, its strict-mode certificate checks and its own settings.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "R_sslFailed": ("cert_untrusted_root:.35 protocol_version_mismatch:.3 "
                    "cert_self_signed:.15 hostname_mismatch:.1 "
                    "middlebox_or_firewall_interference:.1 | generic"),
    "R_certNameFailed": common.HOSTNAME,
    # encrypt=true asked, the server has no certificate or encryption off: either the
    # client's setting or the server's (the printing client's first of a near split)
    "R_sslRequiredNoServerSupport": "client_misconfiguration:.55 server_misconfiguration:.45"
                                    " | specific",
    # encrypt=false asked of a server that forces encryption
    "R_sslRequiredByServer": "client_misconfiguration:.8 server_misconfiguration:.2 | specific",
    "R_invalidSSLProtocol": common.CLIENT_CONFIG,
    "R_readCertError": common.CLIENT_CONFIG,  # the serverCertificate file
    "R_serverCertExpired": common.EXPIRED,
    "R_serverCertNotYetValid": common.NOT_YET,
    "R_serverCertError": ("client_misconfiguration:.4 cert_untrusted_root:.3 "
                          "tls_interception_mitm:.3 | category"),
    "R_packetSizeTooBigForSSL": common.CLIENT_CONFIG,
}

RULES = ()
