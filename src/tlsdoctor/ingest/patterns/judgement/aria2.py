"""aria2 (aria2/aria2 src/SocketCore.cc, src/Lib*TLSSession.cc, src/AppleTLSSession.cc,
src/message.h): "SSL/TLS handshake failure: <verdict>" and each back end's verdict.

The GnuTLS back end (the one Debian builds) joins one "`...'" word per verify flag:
GNUTLS_CERT_INVALID's "`not signed by known authorities or invalid'" comes with every
failure (an expired certificate too), so alone it is a category and the other flags say
which. The OpenSSL back end puts X509_verify_cert_error_string() there (the OpenSSL verify
table) or its own words; AppleTLS its status names. aria2's options: --ca-certificate,
--check-certificate."""

from __future__ import annotations

from . import _common as common

_ANY = common.CERT_ANY + " | category"
_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
# SSL_ERROR_SSL with the error queue read elsewhere: the handshake failed for a reason the
# words do not give (an old server, a plain port, no suite in common)
_PROTOCOL = ("protocol_version_mismatch:.3 non_tls_service_on_port:.3 cipher_suite_mismatch:.2 "
             "middlebox_or_firewall_interference:.2 | category")
JUDGE = {
    # its lead holds OpenSSL's alert words ("handshake failure"), read as an alert otherwise:
    # the lead is aria2's, at the alert's tier, and the verdict after it says which
    "SSL/TLS handshake failure: %s": common.HANDSHAKE.replace("| generic", "| category"),
    "`not signed by known authorities or invalid'": _ANY,
    "`revoked by its CA'": common.REVOKED,
    "`issuer is not known'": common.UNTRUSTED + " | reason",
    "`insecure algorithm'": common.WEAK_SIG,
    "`not activated yet'": common.NOT_YET,
    "`expired'": common.EXPIRED,
    "certificate type must be X509": common.SERVER_CONFIG,
    "certificate not found": _NO_CERT,
    "hostname does not match": common.HOSTNAME,
    "could not get X509 name object from the certificate.": common.SERVER_CONFIG,
    "openssl.EOF was received": common.EOF_CLOSED,
    "openssl.SSL I/O error": common.RESET,
    "openssl.unknown syscall error": common.HANDSHAKE,
    "openssl.protocol error": _PROTOCOL,
    "openssl.unknown error": common.HANDSHAKE,
    "apple.Protocol error": _PROTOCOL,
    "apple.No common cipher suites": common.CIPHER,
    "apple.Received fatal alert": common.HANDSHAKE,
    "apple.Unknown session": "not_tls",
    "apple.Closed gracefully": common.EOF_CLOSED,
    "apple.Connection aborted": common.RESET,
    "apple.Invalid certificate chain": "incomplete_chain:.4 bad_chain_order_or_extra:.3 "
                                       "cert_untrusted_root:.3",
    "apple.Invalid certificate format": common.BAD_CERT_FORMAT,
    "apple.Cryptographic error": common.HANDSHAKE,
    "apple.Internal SSL error": common.HANDSHAKE,
    "apple.Self-signed certificate": common.SELF_SIGNED,
    "apple.No root certificate": common.UNTRUSTED + " | reason",
    "apple.Certificate expired": common.EXPIRED,
    "apple.Certificate not yet valid": common.NOT_YET,
    "apple.Closed without notification": common.EOF_CLOSED,
    "apple.Buffer not large enough": "not_tls",
    "apple.Bad cipher suite": common.CIPHER,
    "apple.Unexpected peer message": common.PROTOCOL_BROKEN,
    "apple.Bad MAC": common.PROTOCOL_BROKEN,
    "apple.Decryption failure": common.PROTOCOL_BROKEN,
    "apple.Invalid hostname": common.HOSTNAME,
    "apple.Connection refused": common.UNREACHABLE,
    "MSG_LOADING_SYSTEM_TRUSTED_CA_CERTS_FAILED": common.CLIENT_CONFIG,
    "MSG_LOADING_TRUSTED_CA_CERT_FAILED": common.CLIENT_CONFIG,
    "MSG_CERT_VERIFICATION_FAILED": _ANY,
    "MSG_NO_CERT_FOUND": _NO_CERT,
    # printed at start when no CA store could be loaded: every HTTPS check will fail
    "MSG_WARN_NO_CA_CERT": "client_misconfiguration:.6 cert_untrusted_root:.4 | category",
    "MSG_WARN_UNKNOWN_TLS_CONNECTION": "no_fault",
    "MSG_WARN_OLD_TLS_CONNECTION": "no_fault",
    "EX_SSL_INIT_FAILURE": "elsewhere",
    "EX_SSL_IO_ERROR": common.RESET,
    "EX_SSL_PROTOCOL_ERROR": _PROTOCOL,
    "EX_SSL_UNKNOWN_ERROR": common.HANDSHAKE,
    "EX_SSL_CONNECT_ERROR": common.HANDSHAKE,
}

RULES = ()
