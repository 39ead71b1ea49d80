"""GNU Wget: certificate checks of its OpenSSL (src/openssl.c) and GnuTLS (src/gnutls.c)
back ends, and the generic failure lines (src/http.c, src/connect.c). Wget quotes names
with ‘ ’ in UTF-8 locales and ` ' in the C locale.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

_Q = "[‘’'`\"]"
_UNKNOWN = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
            "tls_interception_mitm:.15")

_HAND = table("wget", "GNU Wget src/gnutls.c", [
    (rf"\bThe certificate of {_Q}(?P<host>[^‘’'`\"\s]{{1,253}}){_Q} is not trusted",
     "wget did not trust the certificate of {host}", _UNKNOWN, CATEGORY),
    (rf"\bThe certificate of {_Q}(?P<host>[^‘’'`\"\s]{{1,253}}){_Q} doesn't have a known issuer",
     "the certificate of {host} does not chain to a trusted CA", _UNKNOWN, SPECIFIC),
    (rf"\bThe certificate of {_Q}(?P<host>[^‘’'`\"\s]{{1,253}}){_Q} has expired",
     "the certificate of {host} has expired", "cert_expired:.85 client_clock_wrong:.15", REASON),
    (rf"\bThe certificate of {_Q}(?P<host>[^‘’'`\"\s]{{1,253}}){_Q} is not yet activated",
     "the certificate of {host} is not valid yet", NOT_YET_CAUSES,
     REASON),
    (rf"\bThe certificate of {_Q}(?P<host>[^‘’'`\"\s]{{1,253}}){_Q} has been revoked",
     "the certificate of {host} is revoked", "cert_revoked:1", REASON),
    (rf"\bThe certificate's owner does not match hostname {_Q}(?P<host>[^‘’'`\"\s]{{1,253}})",
     "the certificate is not for {host}", "hostname_mismatch:1", REASON),
    # GNUTLS_CERT_EXPIRED: some certificate of the path, not said which (see below).
    (r"\bThe certificate has expired\b", "a certificate of the path has expired",
     "cert_expired:.45 client_misconfiguration:.4 client_clock_wrong:.15", REASON),
    (r"\bThe certificate has not yet been activated\b", "the certificate is not valid yet",
     NOT_YET_CAUSES, REASON),
    (r"\bcannot verify (?P<host>[^‘’'`\"\s]{1,253})'s certificate, issued by",
     "wget (OpenSSL) could not verify the certificate of {host}", _UNKNOWN, CATEGORY,
     "GNU Wget src/openssl.c"),
    # Wget's words for X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY. Prior from the
    # real-world dev set (round 2): 2 of 3 wget threads were a build without CA certificates
    # (Windows builds, opkg), 1 a server without its intermediate; below 0.5: a ranking.
    (r"\bUnable to locally verify the issuer's authority\b",
     "the issuer is missing or not trusted",
     "client_misconfiguration:.4 incomplete_chain:.35 cert_untrusted_root:.15 "
     "tls_interception_mitm:.1", REASON, "GNU Wget src/openssl.c"),
    (r"\bSelf-signed certificate encountered\b", "the certificate is self-signed",
     "cert_self_signed:.9 tls_interception_mitm:.1", REASON, "GNU Wget src/openssl.c"),
    # Wget's words for X509_V_ERR_CERT_HAS_EXPIRED: any certificate of the path, read like
    # OpenSSL's (judgement/openssl.py CERT_HAS_EXPIRED: 7 of 9 dev threads an old client
    # store; both wget threads were CentOS/manylinux wget after the DST Root CA X3 expiry).
    (r"\bIssued certificate has expired\b",
     "a certificate of the path has expired (the server's, or an expired root/cross-sign an "
     "old client store still uses)",
     "cert_expired:.45 client_misconfiguration:.4 client_clock_wrong:.15", REASON,
     "GNU Wget src/openssl.c"),
    (r"\bIssued certificate not yet valid\b", "the certificate is not valid yet",
     NOT_YET_CAUSES, REASON, "GNU Wget src/openssl.c"),
    (rf"\bno certificate subject alternative name matches\s+requested host name {_Q}(?P<host>[^‘’'`\"\s]{{1,253}})",
     "the certificate does not list {host}", "hostname_mismatch:1", REASON,
     "GNU Wget src/openssl.c"),
    (rf"\bcertificate common name {_Q}[^\n]{{0,253}}{_Q} doesn't match requested host name {_Q}(?P<host>[^‘’'`\"\s]{{1,253}})",
     "the certificate's name does not match {host}", "hostname_mismatch:1", REASON,
     "GNU Wget src/openssl.c"),
    (r"\bUnable to establish SSL connection\b", "wget: the TLS handshake failed",
     "cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.2 "
     "middlebox_or_firewall_interference:.2", GENERIC, "GNU Wget src/http.c"),
    (r"\bTo connect to (?P<host>[^\s]{1,253}) insecurely, use",
     "wget refused the certificate of {host}", _UNKNOWN, GENERIC, "GNU Wget src/openssl.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("wget", "Wget", side="client", as_source="wget") + _HAND
