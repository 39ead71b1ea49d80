"""Angus Mail, the Jakarta Mail implementation (eclipse-ee4j/angus-mail; the same texts as
JavaMail's com.sun.mail): the SMTP, IMAP and POP3 providers and SocketFetcher.

"Could not convert socket to TLS" (SMTP, POP3), IMAP's "STARTTLS failure" and SocketFetcher's
"Exception in startTLS using ..." wrap the JSSE exception of a failed STARTTLS handshake,
whose words decide ("nested exception is: ... PKIX path building failed", "No appropriate
protocol"); alone, a ranking of what those threads were. "Could not connect to SMTP host"
and MailConnectException's "Couldn't connect to host" wrap the socket's or the handshake's
exception likewise. "STARTTLS is required but host does not support STARTTLS"
(mail.smtp.starttls.required): the server offered no STARTTLS, not enabled there or
stripped on the path (an SMTP-inspecting firewall). The server identity checks
(mail.<protocol>.ssl.checkserveridentity, on by default since Angus Mail 2.0): the
certificate does not name the host.
"""

from __future__ import annotations

from . import _common as common

_STARTTLS_FAILED = ("cert_untrusted_root:.35 protocol_version_mismatch:.25 "
                    "client_misconfiguration:.15 tls_interception_mitm:.1 hostname_mismatch:.1 "
                    "cert_self_signed:.05 | generic")
_CONNECT = ("name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.3 "
            "non_tls_service_on_port:.15 cert_untrusted_root:.15 | generic")
_NO_STARTTLS = ("server_misconfiguration:.45 middlebox_or_firewall_interference:.35 "
                "client_misconfiguration:.2 | specific")

JUDGE = {
    "Could not convert socket to TLS": _STARTTLS_FAILED,
    "STARTTLS failure": _STARTTLS_FAILED,
    "Exception in startTLS using %s: host, port: %s, %s; Exception: %s": _STARTTLS_FAILED,
    "Could not connect to SMTP host: %s, port: %s": _CONNECT,
    "Couldn't connect to host, port: %s, %s; timeout %s%s": _CONNECT,
    "STARTTLS is required but host does not support STARTTLS": _NO_STARTTLS,
    "STARTTLS required but not supported by server": _NO_STARTTLS,
    "Unable to check server identity for: %s": ("hostname_mismatch:.8 "
                                                "client_misconfiguration:.2 | specific"),
    "Server identity does not match authentication scheme: %s DENY": common.HOSTNAME,
}

RULES = ()
