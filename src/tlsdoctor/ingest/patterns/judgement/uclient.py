"""OpenWrt's uclient-fetch (uclient-fetch.c handle_uclient_error / handle_uclient_log_msg)
and ustream-ssl's verify reasons (ustream-mbedtls.c ustream_ssl_verify_cert).

"Invalid SSL certificate" is UCLIENT_ERROR_SSL_INVALID_CERT: ustream-ssl's verify callback
reported any verify failure (an unknown issuer, an expired certificate in the path, a
revoked one) except a name mismatch, which is its own error. It verifies against the CA
file given with --ca-certificate or /etc/ssl/certs/*.crt, which an OpenWrt image has only
when the ca-bundle / ca-certificates packages are installed (uclient-fetch itself prints
"please install ... the ca-bundle and ca-certificates packages" when TLS is missing); a
ranking below 0.6: the reason line ("SSL verify error: ...") tells which."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # Round 15: uclient-fetch's own CA setting first (own_trust.py "uclient-fetch": the
    # ca-bundle package or --ca-certificate; dev's thread was that setting)
    "UCLIENT_ERROR_SSL_INVALID_CERT": "client_misconfiguration:.3 cert_untrusted_root:.25 "
                                      "cert_expired:.15 incomplete_chain:.15 "
                                      "cert_self_signed:.1 | category",
    "UCLIENT_ERROR_SSL_CN_MISMATCH": common.HOSTNAME,
    "UCLIENT_ERROR_CONNECT": "not_tls",
    "UCLIENT_ERROR_TIMEDOUT": "not_tls",
    "UCLIENT_LOG_SSL_ERROR": "elsewhere",
    "UCLIENT_LOG_SSL_VERIFY_ERROR": "elsewhere",
    "certificate has expired": common.EXPIRED_IN_PATH,
    "certificate has been revoked": common.REVOKED,
    # ustream's own sentence for MBEDTLS_X509_BADCERT_NOT_TRUSTED: either case; its first
    # words are read as self-signed by every other table, so that case ranks first.
    "certificate is self-signed or not signed by a trusted CA":
        "cert_self_signed:.4 cert_untrusted_root:.35 incomplete_chain:.15 "
        "tls_interception_mitm:.1 | reason",
    "unknown error": "not_tls",
}

RULES = (
    (r".", "not_tls", "other outcomes"),
)
