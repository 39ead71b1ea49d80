"""BoringSSL reasons (crypto/err/*.errordata): mostly OpenSSL's names, so OpenSSL's verdicts
apply by name; BoringSSL's own names are listed here."""

from __future__ import annotations

from . import _common as common
from . import openssl
from ._common import CIPHER, CLIENT_CERT, SNI, VERSION

# A name OpenSSL also has means what it means there.
SAME_AS = "openssl"

JUDGE = {
    **openssl.JUDGE,
    "SSL_R_UNSUPPORTED_PROTOCOL": VERSION,
    "SSL_R_NO_SHARED_CIPHER": CIPHER,
    "SSL_R_NO_SHARED_GROUP": CIPHER,
    "SSL_R_WRONG_VERSION_ON_EARLY_DATA": "no_fault",
    "SSL_R_PEER_DID_NOT_RETURN_A_CERTIFICATE": CLIENT_CERT,
    "SSL_R_TLSV1_ALERT_UNRECOGNIZED_NAME": SNI,
    "SSL_R_TLSV1_ALERT_CERTIFICATE_REQUIRED": CLIENT_CERT,
    "SSL_R_CERTIFICATE_VERIFY_FAILED": openssl.JUDGE["SSL_R_CERTIFICATE_VERIFY_FAILED"],
    "SSL_R_HTTP_REQUEST": "non_tls_service_on_port:1 | reason",
    "SSL_R_HTTPS_PROXY_REQUEST": "client_misconfiguration:.6 non_tls_service_on_port:.4 | reason",
    "SSL_R_WRONG_VERSION_NUMBER": openssl.JUDGE["SSL_R_WRONG_VERSION_NUMBER"],
    # ssl/ssl_cert.cc ssl_cert_check_key_usage (google/boringssl @ a0689af29e8e): the
    # peer's leaf lacks the keyUsage bit its use needs (digitalSignature to sign the
    # handshake, keyEncipherment for RSA key exchange): handshake_client.cc and tls13_both.cc
    # check the server's, handshake_server.cc the client's. Chrome shows it as
    # ERR_SSL_KEY_USAGE_INCOMPATIBLE. (Round 24: read before as a certificate-loading
    # reason, the client's own setup first.)
    "SSL_R_KEY_USAGE_BIT_INCORRECT": common.PURPOSE,
    "SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE": ("cipher_suite_mismatch:.45 "
                                            "protocol_version_mismatch:.25 "
                                            "client_cert_required:.15 "
                                            "sni_required_or_mismatch:.15 | category"),
}

RULES = (
    (r"^SSL_R_(?:SSLV3|TLSV1\w*)_ALERT_", "elsewhere",
     "alerts the peer sent: alerts.py judges them by which side received them"),
    *openssl.RULES[1:],
)
