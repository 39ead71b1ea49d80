"""MailKit (jstedfast/MailKit MailKit/Security/SslHandshakeException.cs, the IMAP, POP3 and
SMTP clients), the .NET mail library.

SslHandshakeException.Create() composes one message: "An error occurred while attempting to
establish an SSL or TLS connection." and then one of four branches. MailKit's own
certificate callback records a failed validation, so a certificate it refused prints the
host name lines (RemoteCertificateNameMismatch) or "The server's SSL certificate could not
be validated for the following reasons:" with .NET's chain status texts after it (which
decide: OpenSSL's words on Linux, CryptoAPI's on Windows). With no validation recorded and
SslOnConnect to a standard plain-text port (25, 587, 110, 143) it prints the port advice:
implicit TLS to a port that needs STARTTLS. Otherwise the numbered list "This usually
means..." (MailKit's own guesses, printed for every other failure: versions, a non-TLS
port, a reset, and on older versions and Mono certificates too): a ranking, as the first
line alone is. The clients' NotSupportedException: the server did not offer STARTTLS/STLS
(not enabled, or stripped on the path) while SecureSocketOptions.StartTls required it.
"""

from __future__ import annotations

from . import _common as common

_GUESSES = ("cert_untrusted_root:.3 protocol_version_mismatch:.3 non_tls_service_on_port:.15 "
            "cert_self_signed:.1 middlebox_or_firewall_interference:.1 "
            "cipher_suite_mismatch:.05 | generic")
_NO_STARTTLS = ("server_misconfiguration:.45 middlebox_or_firewall_interference:.35 "
                "client_misconfiguration:.2 | specific")

JUDGE = {
    "DefaultMessage": _GUESSES,
    "This usually means that the SSL certificate presented by the server is not trusted by "
    "the system for one or more of": _GUESSES,
    "The SSL certificate for the server was not available.":
        ("server_misconfiguration:.5 middlebox_or_firewall_interference:.3 "
         "client_misconfiguration:.2 | specific"),
    "The host name ({host}) did not match the name given in the server's SSL certificate "
    "({dnsNames.Single ()}).": common.HOSTNAME,
    "The host name ({host}) did not match any of the names given in the server's SSL "
    "certificate:{formattedDnsNames}": common.HOSTNAME,
    "The server's SSL certificate could not be validated for the following reasons:":
        common.CERT_ANY + " | category",
    "When connecting to {0} {1} service, port {2} is typically reserved for plain-text "
    "connections.": "non_tls_service_on_port:.85 client_misconfiguration:.15 | reason",
}

RULES = (
    (r"^guess\.", "elsewhere", "one of the numbered guesses under 'This usually means...': "
     "that line's entry reads the list as one ranking"),
    (r"does not support the (?:STARTTLS|STLS) extension", _NO_STARTTLS,
     "StartTls required and the server offered no STARTTLS"),
)
