"""libpurple (Pidgin, Finch): purple_ssl_strerror() (libpurple/sslconn.c) in English and in
Pidgin's own translations (po/*.po), and http.c's "Unable to connect to %s: %s" around it.

PURPLE_SSL_HANDSHAKE_FAILED is what the GnuTLS and NSS SSL plugins report for any failed
handshake other than a rejected certificate (ssl-gnutls.c / ssl-nss.c): the generic
handshake ranking. PURPLE_SSL_CERTIFICATE_INVALID is the certificate verifier's refusal
(libpurple's certificate.c: an unknown CA, a name mismatch, an expired certificate), the
reason shown in its own dialog."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "PURPLE_SSL_HANDSHAKE_FAILED": common.HANDSHAKE,
    "PURPLE_SSL_CERTIFICATE_INVALID": common.CERT_ANY + " | category",
    "PURPLE_SSL_CONNECT_FAILED": common.UNREACHABLE,
    "http.connect": "elsewhere",
}

RULES = (
    (r".", "not_tls", "other outcomes"),
)
