""".NET SslStream (System.Net.Security Strings.resx) and the Windows SSPI / CryptoAPI codes
(winerror.h) that Schannel, .NET on Windows, curl-schannel and PowerShell print."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "net_io_eof": common.EOF_CLOSED, "net_auth_eof": common.EOF_CLOSED,
    "net_io_connectionclosed": common.EOF_CLOSED,
    # Round 25 (holdout30): the framing check reads the reply's first bytes only (referencesource
    # _SslState.cs DetectFraming; patterns/dotnet.py): a ranking, not a certainty.
    "net_ssl_io_frame": ("non_tls_service_on_port:.55 middlebox_or_firewall_interference:.25 "
                         "protocol_version_mismatch:.2 | reason"),
    "net_ssl_io_cert_validation": common.CERT_ANY + " | category",
    "net_ssl_io_cert_custom_validation": "client_misconfiguration:.5 cert_untrusted_root:.5",
    "net_ssl_io_no_server_cert": common.SERVER_CONFIG,
    "net_auth_bad_client_creds": "client_cert_required:.8 client_misconfiguration:.2",
    "net_auth_SSPI": common.HANDSHAKE, "net_auth_tls_alert": common.HANDSHAKE,
    "net_ssl_handshake_failed_error": common.HANDSHAKE,
    "net_log_remote_cert_not_available": "server_misconfiguration:.5 client_cert_required:.5",
    "net_log_remote_cert_name_mismatch": common.HOSTNAME,
    "net_ssl_check_private_key_failed": common.KEY_MISMATCH,
    "net_ssl_use_cert_failed": "server_misconfiguration:.6 client_misconfiguration:.4",
    "net_ssl_use_private_key_failed": "server_misconfiguration:.6 client_misconfiguration:.4",
    "net_alpn_failed": common.ALPN,
    "net_security_sslprotocol_contiguous": common.CLIENT_CONFIG,
    "SEC_E_UNTRUSTED_ROOT": common.UNTRUSTED, "CERT_E_UNTRUSTEDROOT": common.UNTRUSTED,
    "CERT_E_UNTRUSTEDCA": common.UNTRUSTED, "CERT_E_UNTRUSTEDTESTROOT": common.UNTRUSTED,
    "CERT_E_CHAINING": "incomplete_chain:.7 cert_untrusted_root:.3 | reason",
    "SEC_E_CERT_EXPIRED": common.EXPIRED, "CERT_E_EXPIRED": common.EXPIRED,
    "CERT_E_VALIDITYPERIODNESTING": "server_misconfiguration:1",
    "SEC_E_CERT_UNKNOWN": common.CERT_ANY + " | category",
    "SEC_E_WRONG_PRINCIPAL": common.HOSTNAME, "CERT_E_CN_NO_MATCH": common.HOSTNAME,
    "SEC_E_CERT_WRONG_USAGE": common.PURPOSE, "CERT_E_WRONG_USAGE": common.PURPOSE,
    "CERT_E_PURPOSE": common.PURPOSE, "CERT_E_ROLE": common.PURPOSE, "CERT_E_PATHLENCONST": common.PURPOSE,
    "CERT_E_CRITICAL": common.PURPOSE, "CERT_E_INVALID_NAME": common.PURPOSE,
    "CERT_E_INVALID_POLICY": common.PURPOSE, "TRUST_E_BASIC_CONSTRAINTS": common.PURPOSE,
    "CERT_E_ISSUERCHAINING": "bad_chain_order_or_extra:.7 incomplete_chain:.3",
    "CERT_E_MALFORMED": common.BAD_CERT_FORMAT,
    "CERT_E_REVOKED": common.REVOKED, "CRYPT_E_REVOKED": common.REVOKED,
    "CERT_E_REVOCATION_FAILURE": common.REVOCATION_UNKNOWN,
    # Round 26: no revocation information (an intercepting proxy's forged certificate)
    # first; patterns/dotnet.py CODES says why
    "CRYPT_E_NO_REVOCATION_CHECK": common.NO_REVOCATION_INFO,
    "CRYPT_E_REVOCATION_OFFLINE": common.REVOCATION_UNKNOWN,
    "SEC_E_ILLEGAL_MESSAGE": ("cipher_suite_mismatch:.35 protocol_version_mismatch:.25 "
                              "client_cert_required:.2 middlebox_or_firewall_interference:.2"),
    "SEC_E_ALGORITHM_MISMATCH": "cipher_suite_mismatch:.6 protocol_version_mismatch:.4",
    "SEC_E_UNSUPPORTED_FUNCTION": "protocol_version_mismatch:.7 client_misconfiguration:.3",
    "SEC_E_NO_CREDENTIALS": "client_cert_required:.5 server_misconfiguration:.5",
    "SEC_E_INCOMPLETE_CREDENTIALS": common.CLIENT_CERT,
    "SEC_I_INCOMPLETE_CREDENTIALS": common.CLIENT_CERT,
    # Round 26: Schannel's "need more bytes" (InitializeSecurityContext: the input buffer
    # does not hold the whole message). A program that ends its handshake on it read no more:
    # the peer or the path closed the connection in the middle of a TLS message (libstrophe's
    # "tls_error -2146893032", strophe/libstrophe @ b9eead3b903756f3cec2ab9502c61b2966a84001
    # src/tls_schannel.c keeps the last status as its tls_error).
    "SEC_E_INCOMPLETE_MESSAGE": common.EOF_CLOSED,
    "SEC_E_MESSAGE_ALTERED": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "SEC_E_DECRYPT_FAILURE": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "SEC_E_INVALID_TOKEN": "non_tls_service_on_port:.5 middlebox_or_firewall_interference:.5",
    "SEC_E_INTERNAL_ERROR": "client_misconfiguration:.5 server_misconfiguration:.5 | generic",
    "SEC_E_TIME_SKEW": "client_clock_wrong:1 | reason",
    "TRUST_E_CERT_SIGNATURE": common.STALE_CA,
    "TRUST_E_TIME_STAMP": "client_clock_wrong:.5 server_misconfiguration:.5",
    "SEC_E_DOWNGRADE_DETECTED": "tls_interception_mitm:.6 middlebox_or_firewall_interference:.4",
    "SEC_E_APPLICATION_PROTOCOL_MISMATCH": common.ALPN,
    "SEC_E_ISSUING_CA_UNTRUSTED": common.UNTRUSTED, "SEC_E_ISSUING_CA_UNTRUSTED_KDC": "not_tls",
    "SEC_E_REVOCATION_OFFLINE_C": common.REVOCATION_UNKNOWN,
    "SEC_E_INSUFFICIENT_MEMORY": "not_tls",
    "SEC_I_CONTINUE_NEEDED": "no_fault", "SEC_I_COMPLETE_NEEDED": "no_fault",
    "SEC_I_COMPLETE_AND_CONTINUE": "no_fault", "SEC_I_RENEGOTIATE": "no_fault",
    "SEC_I_CONTEXT_EXPIRED": "no_fault", "SEC_I_INCOMPLETE_CREDENTIALS_": "no_fault",
}

RULES = (
    (r".", "not_tls", "Kerberos, smart-card, message-signing, ASN.1 and other CryptoAPI "
     "codes, and .NET's API-usage messages: not a TLS connection's failure"),
)
