"""libtls (libressl/openbsd src/lib/libtls/*.c): the TLS API of LibreSSL that OpenBSD's nc,
ftp, httpd, relayd and smtpd and PgBouncer print through tls_error().

tls_ssl_error() composes "handshake failed: " with OpenSSL's error string (whose reason
decides) or "unexpected EOF" (the peer closed without an alert). "certificate verification
failed: %s" carries X509_verify_cert_error_string()'s words (OpenSSL's verify table reads
them); "name `%s' not present in server certificate" is libtls' own host-name check. The
configuration, memory and signer texts are the program's own setup (a key or file it was
given) or API use.
"""

from __future__ import annotations

from . import _common as common

OWN_FILE = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"

JUDGE = {
    "name `%s' not present in server certificate": common.HOSTNAME,
    # OpenSSL's verify text after it decides; the words are GnuTLS users' too (apt's
    # "certificate verification failed: The certificate is NOT trusted").
    "certificate verification failed: %s": "elsewhere",
    "X509 verify cert failed": common.CERT_ANY + " | category",
    "tls_ssl_error:handshake:unexpected EOF": common.EOF_CLOSED,
    # "handshake failed: error:..." carries OpenSSL's reason, which decides.
    "tls_ssl_error:handshake": "elsewhere",
    "EOF without close notify": "no_fault",
    "no server certificate": ("server_misconfiguration:.6 non_tls_service_on_port:.2 "
                              "middlebox_or_firewall_interference:.2 | specific"),
    "private/public key mismatch": common.KEY_MISMATCH,
    "ocsp verify failed: revoked cert - %s": common.REVOKED,
    "no stapled OCSP response provided": common.OCSP_STAPLE,
    "ocsp verify failed: ocsp response not current": ("server_misconfiguration:.6 "
                                                      "client_clock_wrong:.4 | reason"),
    "ocsp verify failed: no result for cert": common.OCSP_OTHER_CERT,
    "ocsp verify failed: no issuer cert": "incomplete_chain:.6 server_misconfiguration:.4",
    "error decoding subjectAltName": common.BAD_CERT_FORMAT,
    "error verifying name '%s': NUL byte in subjectAltName, probably a malicious certificate":
        "tls_interception_mitm:.5 server_misconfiguration:.5 | reason",
    "error verifying name '%s': a dNSName of \" \" must not be used": common.BAD_CERT_FORMAT,
    "server name not specified": common.CLIENT_CONFIG,
    "ssl verify locations failure": ("client_misconfiguration:.7 "
                                     "server_misconfiguration:.3 | reason"),
    "ssl verify memory setup failure": ("client_misconfiguration:.7 "
                                        "server_misconfiguration:.3 | reason"),
    # The same words, capitalised, are OpenConnect's own ("Failed to open CA file '%s'",
    # openconnect gnutls.c/openssl.c): patterns match without case, so these make no
    # pattern of their own and the program whose words they are (its frame) decides.
    "failed to open %s file '%s'": "elsewhere",
    "failed to read %s file '%s'": "elsewhere",
}

RULES = (
    (r"(?i)^[^\t]*\t(?:failed to (?:open|stat|read|load) |keypair has no certificate|"
     r"failed to (?:read|load) (?:X509 certificate|private key|certificate)|"
     r"failed to parse crl|failed to add crl|failed to set (?:ciphers|ecdhe curves))",
     OWN_FILE, "the program's own certificate, key, CRL or cipher setting"),
    (r".", "not_tls", "libtls' API, memory, session-file and signer errors"),
)
