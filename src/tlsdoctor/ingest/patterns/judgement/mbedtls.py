"""mbedTLS: ``MBEDTLS_ERR_*`` codes (include/mbedtls/ssl.h, x509.h, pk.h, pem.h,
net_sockets.h; their texts are what mbedtls_strerror() prints) and the verify flags of
mbedtls_x509_crt_verify_info() (include/mbedtls/x509_crt.h, library/x509_crt.c).

mbedTLS runs on devices (ESP-IDF's esp-tls, Arduino cores) that carry their own CA
certificate, compiled into the firmware: when a device cannot verify a server, the
certificate it was given is as likely the fault as the server's chain.
"""

from __future__ import annotations

from . import _common as common

# MBEDTLS_ERR_X509_CERT_VERIFY_FAILED says only that verification failed (ESP-IDF prints
# the flags on another line when its log level allows). On a device the CA is whatever the
# firmware embeds: a wrong or outdated CA certificate in the firmware first, then a server
# chain that does not lead to it. Below 0.5: a ranking; the verify flags, when printed,
# decide.
DEVICE_VERIFY = ("client_misconfiguration:.35 cert_untrusted_root:.3 incomplete_chain:.15 "
                 "cert_expired:.1 hostname_mismatch:.1 | specific")

_SSL = {
    "MBEDTLS_ERR_SSL_INVALID_RECORD": "non_tls_service_on_port:.6 "
                                      "middlebox_or_firewall_interference:.4 | reason",
    # A record whose MAC did not verify (include/mbedtls/ssl.h, -0x7180): RFC 8446 §6.2 says
    # this "should never be observed in communication between proper implementations,
    # except when messages were corrupted in the network". Either end's own crypto is the
    # other half (on a device, its hardware AES/SHA driver or toolchain), so a ranking.
    "MBEDTLS_ERR_SSL_INVALID_MAC": "middlebox_or_firewall_interference:.45 "
                                   "server_misconfiguration:.3 client_misconfiguration:.25",
    "MBEDTLS_ERR_SSL_CONN_EOF": common.EOF_CLOSED,
    "MBEDTLS_ERR_SSL_UNKNOWN_CIPHER": common.CIPHER,
    "MBEDTLS_ERR_SSL_NO_CIPHER_CHOSEN": common.CIPHER,
    "MBEDTLS_ERR_SSL_NO_USABLE_CIPHERSUITE": "cipher_suite_mismatch:.6 "
                                             "server_misconfiguration:.4 | reason",
    "MBEDTLS_ERR_SSL_NO_CLIENT_CERTIFICATE": common.CLIENT_CERT,
    "MBEDTLS_ERR_SSL_CERTIFICATE_REQUIRED": common.CLIENT_CERT,
    "MBEDTLS_ERR_SSL_PRIVATE_KEY_REQUIRED": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_SSL_CA_CHAIN_REQUIRED": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_SSL_CERTIFICATE_VERIFICATION_WITHOUT_HOSTNAME": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_SSL_UNEXPECTED_MESSAGE": common.PROTOCOL_BROKEN,
    "MBEDTLS_ERR_SSL_UNEXPECTED_RECORD": common.PROTOCOL_BROKEN,
    "MBEDTLS_ERR_SSL_DECODE_ERROR": common.PROTOCOL_BROKEN,
    "MBEDTLS_ERR_SSL_ILLEGAL_PARAMETER": common.PROTOCOL_BROKEN,
    # A received fatal alert: mbedTLS does not say which one in this code (the debug log
    # does); a device's alerts are mostly a version or suite the server refuses.
    "MBEDTLS_ERR_SSL_FATAL_ALERT_MESSAGE": common.HANDSHAKE.replace("generic", "category"),
    "MBEDTLS_ERR_SSL_HANDSHAKE_FAILURE": common.HANDSHAKE.replace("generic", "category"),
    "MBEDTLS_ERR_SSL_PEER_VERIFY_FAILED": DEVICE_VERIFY,
    "MBEDTLS_ERR_SSL_PEER_CLOSE_NOTIFY": "no_fault",
    "MBEDTLS_ERR_SSL_BAD_HS_PROTOCOL_VERSION": common.VERSION,
    "MBEDTLS_ERR_SSL_BAD_PROTOCOL_VERSION": common.VERSION,
    "MBEDTLS_ERR_SSL_BAD_HS_SERVER_HELLO": "protocol_version_mismatch:.4 "
                                           "cipher_suite_mismatch:.3 "
                                           "non_tls_service_on_port:.3 | category",
    "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE": "server_misconfiguration:.5 "
                                          "client_misconfiguration:.3 "
                                          "tls_interception_mitm:.2 | category",
    "MBEDTLS_ERR_SSL_BAD_CERTIFICATE": "server_misconfiguration:.5 "
                                       "client_misconfiguration:.3 "
                                       "tls_interception_mitm:.2 | category",
    "MBEDTLS_ERR_SSL_BAD_HS_SERVER_KEY_EXCHANGE": "cipher_suite_mismatch:.6 "
                                                  "client_misconfiguration:.4 | category",
    "MBEDTLS_ERR_SSL_BAD_HS_CLIENT_HELLO": "protocol_version_mismatch:.4 "
                                          "cipher_suite_mismatch:.3 "
                                          "non_tls_service_on_port:.3 | category",
    "MBEDTLS_ERR_SSL_UNSUPPORTED_EXTENSION": "middlebox_or_firewall_interference:.5 "
                                             "client_misconfiguration:.5",
    "MBEDTLS_ERR_SSL_NO_APPLICATION_PROTOCOL": common.ALPN,
    "MBEDTLS_ERR_SSL_UNRECOGNIZED_NAME": common.SNI,
    "MBEDTLS_ERR_SSL_TIMEOUT": common.TIMEOUT,
    "MBEDTLS_ERR_SSL_BAD_CONFIG": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_SSL_PK_TYPE_MISMATCH": common.KEY_MISMATCH,
    "MBEDTLS_ERR_SSL_BAD_HS_CERTIFICATE_REQUEST": common.CLIENT_CERT,
    "MBEDTLS_ERR_SSL_BAD_HS_FINISHED": "middlebox_or_firewall_interference:.6 "
                                       "server_misconfiguration:.4 | category",
}
_X509 = {
    "MBEDTLS_ERR_X509_CERT_VERIFY_FAILED": DEVICE_VERIFY,
    "MBEDTLS_ERR_X509_CERT_UNKNOWN_FORMAT": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_X509_FILE_IO_ERROR": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_X509_UNKNOWN_SIG_ALG": "weak_signature_or_key:.5 client_misconfiguration:.5",
    "MBEDTLS_ERR_X509_FEATURE_UNAVAILABLE": "client_misconfiguration:.6 "
                                            "weak_signature_or_key:.4",
    "MBEDTLS_ERR_X509_FATAL_ERROR": "cert_wrong_purpose:.5 client_misconfiguration:.5",
    # Verify flags (mbedtls_x509_crt_verify_info): each names the check that failed.
    "MBEDTLS_X509_BADCERT_EXPIRED": common.EXPIRED,
    "MBEDTLS_X509_BADCERT_FUTURE": common.NOT_YET,
    "MBEDTLS_X509_BADCERT_REVOKED": common.REVOKED,
    "MBEDTLS_X509_BADCERT_CN_MISMATCH": common.HOSTNAME,
    # Round 15: Mbed TLS has no CA store; the application's CA setting first (own_trust.py
    # "mbedtls"; dev: 3 of 3 threads of such libraries that setting)
    "MBEDTLS_X509_BADCERT_NOT_TRUSTED": "client_misconfiguration:.35 cert_untrusted_root:.3 "
                                        "incomplete_chain:.2 cert_self_signed:.15 | reason",
    "MBEDTLS_X509_BADCERT_MISSING": "server_misconfiguration:.6 client_cert_required:.4",
    "MBEDTLS_X509_BADCERT_SKIP_VERIFY": "no_fault",
    "MBEDTLS_X509_BADCERT_OTHER": common.CERT_ANY + " | category",
    "MBEDTLS_X509_BADCERT_KEY_USAGE": common.PURPOSE,
    "MBEDTLS_X509_BADCERT_EXT_KEY_USAGE": common.PURPOSE,
    "MBEDTLS_X509_BADCERT_NS_CERT_TYPE": common.PURPOSE,
    "MBEDTLS_X509_BADCERT_BAD_MD": common.WEAK_SIG,
    "MBEDTLS_X509_BADCERT_BAD_PK": common.WEAK_SIG,
    "MBEDTLS_X509_BADCERT_BAD_KEY": common.WEAK_SIG,
    "MBEDTLS_X509_BADCRL_NOT_TRUSTED": common.REVOCATION_UNKNOWN,
    "MBEDTLS_X509_BADCRL_EXPIRED": common.REVOCATION_UNKNOWN,
    "MBEDTLS_X509_BADCRL_FUTURE": common.REVOCATION_UNKNOWN,
    "MBEDTLS_X509_BADCRL_BAD_MD": common.REVOCATION_UNKNOWN,
    "MBEDTLS_X509_BADCRL_BAD_PK": common.REVOCATION_UNKNOWN,
    "MBEDTLS_X509_BADCRL_BAD_KEY": common.REVOCATION_UNKNOWN,
}
_OWN_FILES = {
    "MBEDTLS_ERR_PK_PASSWORD_REQUIRED": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PK_PASSWORD_MISMATCH": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PK_KEY_INVALID_FORMAT": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PK_FILE_IO_ERROR": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PK_TYPE_MISMATCH": common.KEY_MISMATCH,
    "MBEDTLS_ERR_PEM_NO_HEADER_FOOTER_PRESENT": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PEM_INVALID_DATA": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PEM_PASSWORD_REQUIRED": common.CLIENT_CONFIG,
    "MBEDTLS_ERR_PEM_PASSWORD_MISMATCH": common.CLIENT_CONFIG,
}
_NET = {
    "MBEDTLS_ERR_NET_CONNECT_FAILED": common.UNREACHABLE,
    "MBEDTLS_ERR_NET_UNKNOWN_HOST": common.DNS,
    "MBEDTLS_ERR_NET_CONN_RESET": common.RESET,
    "MBEDTLS_ERR_NET_RECV_FAILED": "middlebox_or_firewall_interference:.6 "
                                   "name_resolution_or_unreachable:.4 | category",
    "MBEDTLS_ERR_NET_SEND_FAILED": "middlebox_or_firewall_interference:.6 "
                                   "name_resolution_or_unreachable:.4 | category",
}

JUDGE = {**_SSL, **_X509, **_OWN_FILES, **_NET}

RULES = (
    (r"^MBEDTLS_ERR_X509_(?:INVALID|UNKNOWN_VERSION|SIG_MISMATCH|UNKNOWN_OID)",
     common.BAD_CERT_FORMAT, "a certificate mbedTLS cannot parse: the certificate sent"),
    (r"^MBEDTLS_ERR_\w+_(?:ALLOC_FAILED|BUFFER_TOO_SMALL|BAD_INPUT_DATA|HW_ACCEL|"
     r"FEATURE_UNAVAILABLE|INVALID_CONTEXT|WANT_|ASYNC|CRYPTO_IN_PROGRESS|CONTINUE|EARLY|"
     r"NO_RNG|INTERNAL_ERROR|COUNTER|HELLO_VERIFY|CLIENT_RECONNECT|NON_FATAL|"
     r"SESSION_TICKET|CACHE|RECEIVED_NEW|CANNOT_|INVALID_VERIFY|UNEXPECTED_CID|"
     r"VERSION_MISMATCH|SOCKET_FAILED|BIND|LISTEN|ACCEPT|POLL|SIG_LEN|UNKNOWN_IDENTITY|"
     r"WAITING|COMPRESSION|CERTIFICATE_TOO_LARGE|INVALID_ALG|INVALID_PUBKEY|UNKNOWN_)",
     "not_tls", "memory, buffers, API use, DTLS and session plumbing of the program itself"),
    (r"^MBEDTLS_ERR_(?:PK|PEM)_", common.CLIENT_CONFIG,
     "a key or PEM file this program was given cannot be used"),
    (r"^MBEDTLS_ERR_SSL_BAD_HS_", common.PROTOCOL_BROKEN,
     "a handshake message could not be processed"),
)
