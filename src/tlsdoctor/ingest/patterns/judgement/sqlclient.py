"""Microsoft.Data.SqlClient (dotnet/SqlClient Strings.resx), the .NET SQL Server driver
(System.Data.SqlClient has the same texts).

The pre-login handshake is where TDS wraps the TLS handshake: "A connection was
successfully established with the server, but then an error occurred during the
pre-login handshake." is followed by "(provider: SSL Provider, error: N - <text>)" whose
text (Schannel's or OpenSSL's) names the failure and is read by those tables; alone it
is a ranking. The SNI errors listed are the TLS ones; the others are the driver's
transport (named pipes, shared memory, LocalDB): not TLS.
"""

from __future__ import annotations

from . import _common as common

# old servers without TLS 1.2 (2008 R2, 2012 unpatched) against current clients, then
# the Encrypt=true default of driver 4.0 meeting a self-issued certificate
_PRELOGIN = ("protocol_version_mismatch:.3 cert_untrusted_root:.25 "
             "middlebox_or_firewall_interference:.2 cipher_suite_mismatch:.15 "
             "non_tls_service_on_port:.1 | generic")

JUDGE = {
    "Snix_PreLogin": _PRELOGIN,
    "SNI_ERROR_31": _PRELOGIN,
    # raised before the first successful write: the server closed the connection while
    # the client's TLS hello was on its way (no protocol version in common, mostly)
    "Snix_PreLoginBeforeSuccessfulWrite": ("protocol_version_mismatch:.4 "
                                           "middlebox_or_firewall_interference:.25 "
                                           "server_misconfiguration:.2 "
                                           "cipher_suite_mismatch:.15 | generic"),
    "SNI_ERROR_21": common.SERVER_CONFIG,  # ForceEncryption on, no certificate configured
    # Encrypt asked of a server without encryption: the client's setting or the server's
    # (the printing client's first of a near split)
    "SQL_EncryptionNotSupportedByServer": "client_misconfiguration:.55 "
                                          "server_misconfiguration:.45 | specific",
    "SQL_EncryptionNotSupportedByClient": common.CLIENT_CONFIG,
    "SNI_ERROR_32": common.CLIENT_CONFIG,  # Packet Size larger than TLS records allow
    "SQL_Timeout_PreLogin_ConsumeHandshake": common.HANDSHAKE_TIMEOUT,
    "SQL_Timeout_PreLogin_SendHandshake": common.HANDSHAKE_TIMEOUT,
}

RULES = (
    (r".", "not_tls", "the driver's transport, login and LocalDB errors: not TLS"),
)
