"""TigerVNC's viewer (TigerVNC/tigervnc vncviewer/CConn.cxx, common/rfb/CSecurityTLS.cxx):
its certificate dialogs for a VeNCrypt X509 server, and its TLS layer's errors.

The viewer checks the server's certificate with GnuTLS and asks about each problem in a
dialog (its title, then the sentence and the certificate); a server it accepted before whose
certificate differs is "Unexpected server certificate". VNC servers mostly present a
self-signed certificate or one from a private CA (x0vncserver/Xvnc X509Cert), so an unknown
authority ranks those first. The dialogs' titles ("Expired certificate", "Unknown certificate
issuer") are ordinary phrases of other programs: only the sentences under them are read."""

from __future__ import annotations

from . import _common as common

_UNKNOWN = ("cert_untrusted_root:.4 cert_self_signed:.3 incomplete_chain:.15 "
            "tls_interception_mitm:.15 | reason")
_CHANGED = "cert_self_signed:.55 tls_interception_mitm:.45 | reason"
JUDGE = {
    "This certificate has been signed by an unknown authority:": _UNKNOWN,
    "Unknown certificate issuer": "not_tls",
    "This certificate is not yet valid:": common.NOT_YET,
    "Certificate is not yet valid": "not_tls",
    "This certificate has expired:": common.EXPIRED,
    "Expired certificate": "not_tls",
    "This certificate uses an insecure algorithm:": common.WEAK_SIG,
    "Insecure certificate algorithm": "not_tls",
    'The specified hostname "%s" does not match the certificate provided by the server:':
        common.HOSTNAME,
    "Certificate hostname mismatch": "not_tls",
    "Server host certificate has changed": _CHANGED,
    "Unexpected server certificate": "not_tls",
    "This host is previously known with a different certificate, and the new certificate has "
    "been signed by an unknown authority:": _CHANGED,
    # A changed certificate with a named problem: the problem is what failed.
    "This host is previously known with a different certificate, and the new certificate is "
    "not yet valid:": common.NOT_YET,
    "This host is previously known with a different certificate, and the new certificate has "
    "expired:": common.EXPIRED,
    "This host is previously known with a different certificate, and the new certificate uses "
    "an insecure algorithm:": common.WEAK_SIG,
    'This host is previously known with a different certificate, and the specified hostname '
    '"%s" does not match the new certificate provided by the server:': common.HOSTNAME,
    "Invalid server certificate: %s": common.CERT_ANY + " | category",
    "Server certificate problems: %s": common.CERT_ANY + " | category",
    "Server certificate verification failed: %s": common.CERT_ANY + " | category",
    "Server certificate verification failed": common.CERT_ANY + " | category",
    "Failed to decode server certificate": "server_misconfiguration:.6 "
                                           "tls_interception_mitm:.4",
    "Empty certificate chain": "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "Unsupported certificate type": "not_tls",  # GnuTLS's words too (its own table)
    "Server failed to initialize TLS session": "server_misconfiguration:.6 "
                                               "cipher_suite_mismatch:.4",
    "Failed to load the system certificate trust store": common.CLIENT_CONFIG,
    "Failed to load the user specified certificate authority": common.CLIENT_CONFIG,
    "Failed to load the user specified certificate revocation list": common.CLIENT_CONFIG,
    "Failed to configure GnuTLS priority": common.CLIENT_CONFIG,
    "Syntax error in GnuTLS priority string: %s": common.CLIENT_CONFIG,
    "Server has an existing security exception": "no_fault",
    "Security exception added for server host": "no_fault",
}

RULES = (
    (r".", "not_tls", "option help texts, the exception list's own storage, progress lines"),
)
