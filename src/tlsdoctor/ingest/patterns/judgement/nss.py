"""NSS (Firefox, Thunderbird, curl-nss, certutil): SSL_ERROR_* (lib/ssl/SSLerrs.h),
SEC_ERROR_* (lib/util/SECerrs.h); Firefox's MOZILLA_PKIX_ERROR_* (nsserrors.ftl) too, since
Firefox shows all three the same way ("Error code: ...")."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SEC_ERROR_UNKNOWN_ISSUER": "cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 tls_interception_mitm:.15 | specific",
    "SEC_ERROR_UNTRUSTED_ISSUER": "cert_untrusted_root:.8 tls_interception_mitm:.2 | specific",
    "SEC_ERROR_UNTRUSTED_CERT": "cert_untrusted_root:.6 cert_self_signed:.4 | specific",
    # The classic verifier (lib/certhigh/certvfy.c) sets this code for notBefore too.
    "SEC_ERROR_EXPIRED_CERTIFICATE": "cert_expired:.55 cert_not_yet_valid:.3 client_clock_wrong:.15 | reason",
    "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE": "cert_expired:.85 client_clock_wrong:.15 | reason",
    "SEC_ERROR_REVOKED_CERTIFICATE": "cert_revoked:1 | reason",
    # A self-signed leaf (CA:FALSE) is its own issuer and fails the CA check (certvfy.c).
    "SEC_ERROR_CA_CERT_INVALID": "cert_self_signed:.45 cert_wrong_purpose:.35 bad_chain_order_or_extra:.2 | reason",
    "SEC_ERROR_INADEQUATE_KEY_USAGE": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_INADEQUATE_CERT_TYPE": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_CERT_NOT_IN_NAME_SPACE": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED": "weak_signature_or_key:1 | reason",
    "SEC_ERROR_BAD_SIGNATURE": "bad_chain_order_or_extra:.5 tls_interception_mitm:.5 | specific",
    "SEC_ERROR_BAD_DER": "server_misconfiguration:1 | reason",
    "SEC_ERROR_OCSP_INVALID_SIGNING_CERT": "server_misconfiguration:.6 cert_revoked:.4 | specific",
    "SEC_ERROR_OCSP_OLD_RESPONSE": "server_misconfiguration:.6 ocsp_must_staple_missing:.4 | specific",
    "SEC_ERROR_OCSP_UNKNOWN_CERT": "cert_revoked:.5 server_misconfiguration:.5 | specific",
    "SEC_ERROR_OCSP_SERVER_ERROR": "client_misconfiguration:.5 middlebox_or_firewall_interference:.5 | specific",
    "SSL_ERROR_BAD_CERT_DOMAIN": "hostname_mismatch:.9 tls_interception_mitm:.1 | reason",
    # NSS's client maps ANY handshake_failure alert answering its ClientHello to this code
    # (lib/ssl/ssl3con.c ssl3_HandleAlert, nss-dev/nss @ 9d75dfde2e791c38fdf5ea7f3da9609c46d8a4f8,
    # whose own comment there calls it a hack that assumes any handshake failure on the
    # client hello is a failure to match ciphers): a server with no certificate for the name
    # asked (an IP without SNI, a stuck certificate renewal) refuses the same way. Dev (round
    # 21): 7 of 9 threads suites (the server's list or the browser's own settings), 2 a
    # server without a usable certificate. Below 0.6.
    "SSL_ERROR_NO_CYPHER_OVERLAP": "cipher_suite_mismatch:.55 server_misconfiguration:.2 protocol_version_mismatch:.15 sni_required_or_mismatch:.1 | specific",
    "SSL_ERROR_UNSUPPORTED_VERSION": "protocol_version_mismatch:1 | reason",
    "SSL_ERROR_PROTOCOL_VERSION_ALERT": "protocol_version_mismatch:1 | reason",
    "SSL_ERROR_HANDSHAKE_FAILURE_ALERT": "cipher_suite_mismatch:.45 protocol_version_mismatch:.25 client_cert_required:.15 sni_required_or_mismatch:.15 | category",
    "SSL_ERROR_BAD_CERT_ALERT": "client_cert_required:1 | specific",
    "SSL_ERROR_UNKNOWN_CA_ALERT": "client_cert_required:1 | specific",
    "SSL_ERROR_CERTIFICATE_REQUIRED_ALERT": "client_cert_required:1 | reason",
    "SSL_ERROR_EXPIRED_CERT_ALERT": "client_cert_required:1 | specific",
    "SSL_ERROR_REVOKED_CERT_ALERT": "client_cert_required:1 | specific",
    "SSL_ERROR_NO_CERTIFICATE": "client_cert_required:1 | reason",
    # The first five bytes of the reply, read as a record header, give a length beyond the
    # largest record (lib/ssl/ssl3gthr.c, nss-dev/nss @ 9d75dfde2e791c38fdf5ea7f3da9609c46d8a4f8):
    # plain text ("HTTP/") answered the hello. Who wrote it is not in the words: the port's
    # own service with TLS off, something on the path answering or breaking the records (a
    # DPI box, a captive portal, a tool bypassing one), or the browser's proxy setting. Dev
    # (round 24): 3 of 4 Firefox threads the port's service, 1 a DPI bypass tool on the
    # path; below 0.6, as every stack's not-TLS reply without context (plain_context.py).
    "SSL_ERROR_RX_RECORD_TOO_LONG": "non_tls_service_on_port:.55 middlebox_or_firewall_interference:.25 client_misconfiguration:.2 | reason",
    "SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT": "middlebox_or_firewall_interference:.7 client_misconfiguration:.3 | specific",
    "SSL_ERROR_UNRECOGNIZED_NAME_ALERT": "sni_required_or_mismatch:1 | reason",
    "SSL_ERROR_WEAK_SERVER_EPHEMERAL_DH_KEY": "weak_cipher_or_no_pfs:1 | reason",
    "SSL_ERROR_INSUFFICIENT_SECURITY_ALERT": "cipher_suite_mismatch:.8 protocol_version_mismatch:.2 | specific",
    "SSL_ERROR_ILLEGAL_PARAMETER_ALERT": "middlebox_or_firewall_interference:.35 server_misconfiguration:.35 client_misconfiguration:.3 | category",
    "SSL_ERROR_INTERNAL_ERROR_ALERT": "server_misconfiguration:.7 middlebox_or_firewall_interference:.3 | category",
    "SSL_ERROR_BAD_MAC_READ": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3 | specific",
    "SSL_ERROR_BAD_CERT_STATUS_RESPONSE_ALERT": "ocsp_must_staple_missing:.5 cert_revoked:.5 | specific",
    "SSL_ERROR_ACCESS_DENIED_ALERT": common.ACCESS_DENIED + " | specific",
    "SSL_ERROR_HANDSHAKE_UNEXPECTED_ALERT": "middlebox_or_firewall_interference:.5 server_misconfiguration:.5 | category",
    "SSL_ERROR_NO_SUPPORTED_SIGNATURE_ALGORITHM": "cipher_suite_mismatch:1 | reason",
    "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT": "cert_self_signed:1 | reason",
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE": common.NOT_YET,
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE": common.NOT_YET,
    "MOZILLA_PKIX_ERROR_MITM_DETECTED": "tls_interception_mitm:1 | reason",
    "MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE": "weak_signature_or_key:1 | reason",
    "MOZILLA_PKIX_ERROR_V1_CERT_USED_AS_CA": "cert_wrong_purpose:1 | reason",
    "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY": "cert_wrong_purpose:1 | reason",
    "MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING": "ocsp_must_staple_missing:1 | reason",
    "MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING": common.OCSP_OTHER_CERT,
    "MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED": "cert_untrusted_root:1 | reason",
    "MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME": "server_misconfiguration:1 | reason",
    "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING": "server_misconfiguration:1 | reason",
    "MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE": "tls_interception_mitm:.6 server_misconfiguration:.4 | reason",
    "MOZILLA_PKIX_ERROR_INSUFFICIENT_CERTIFICATE_TRANSPARENCY": "server_misconfiguration:.7 tls_interception_mitm:.3 | reason",
    "PR_END_OF_FILE_ERROR": "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.3 cipher_suite_mismatch:.3 | generic",
    "PR_CONNECT_RESET_ERROR": "middlebox_or_firewall_interference:.7 protocol_version_mismatch:.3 | category",
    "SSL_ERROR_BAD_CERTIFICATE": "cert_untrusted_root:.4 server_misconfiguration:.3 "
                                 "bad_chain_order_or_extra:.3",
    "SSL_ERROR_WRONG_CERTIFICATE": "hostname_mismatch:.5 server_misconfiguration:.5",
    "SSL_ERROR_CERTIFICATE_UNKNOWN_ALERT": "client_cert_required:1",
    "SSL_ERROR_UNSUPPORTED_CERT_ALERT": "client_cert_required:.7 cert_wrong_purpose:.3",
    "SSL_ERROR_RX_CERTIFICATE_REQUIRED_ALERT": "client_cert_required:1 | reason",
    "SSL_ERROR_NO_CIPHERS_SUPPORTED": "client_misconfiguration:.6 cipher_suite_mismatch:.4",
    "SSL_ERROR_SSL_DISABLED": "client_misconfiguration:1 | reason",
    "SSL_ERROR_SSL2_DISABLED": "protocol_version_mismatch:.7 client_misconfiguration:.3",
    "SSL_ERROR_INVALID_VERSION_RANGE": "client_misconfiguration:1 | reason",
    "SSL_ERROR_CIPHER_DISALLOWED_FOR_VERSION": "cipher_suite_mismatch:.6 "
                                               "protocol_version_mismatch:.4",
    "SSL_ERROR_UNSAFE_NEGOTIATION": "server_misconfiguration:.6 client_misconfiguration:.4",
    "SSL_ERROR_RENEGOTIATION_NOT_ALLOWED": "server_misconfiguration:.5 client_misconfiguration:.5",
    "SSL_ERROR_WEAK_SERVER_CERT_KEY": "weak_signature_or_key:1 | reason",
    "SSL_ERROR_UNSUPPORTED_SIGNATURE_ALGORITHM": "cipher_suite_mismatch:.6 "
                                                 "weak_signature_or_key:.4",
    "SSL_ERROR_MISSING_EXTENDED_MASTER_SECRET": "server_misconfiguration:.6 "
                                                "client_misconfiguration:.4",
    "SSL_ERROR_NO_TRUSTED_SSL_CLIENT_CA": "client_cert_required:1",
    "SSL_ERROR_DECRYPT_ERROR_ALERT": "server_misconfiguration:.5 "
                                     "middlebox_or_firewall_interference:.3 "
                                     "client_cert_required:.2",
    "SSL_ERROR_DECODE_ERROR_ALERT": "middlebox_or_firewall_interference:.5 "
                                    "client_misconfiguration:.25 server_misconfiguration:.25",
    "SSL_ERROR_RECORD_OVERFLOW_ALERT": "middlebox_or_firewall_interference:.6 "
                                      "client_misconfiguration:.4",
    "SSL_ERROR_DECRYPTION_FAILED_ALERT": "middlebox_or_firewall_interference:.7 "
                                        "server_misconfiguration:.3",
    "SSL_ERROR_BAD_MAC_ALERT": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "SSL_ERROR_NO_RENEGOTIATION_ALERT": "client_misconfiguration:.5 server_misconfiguration:.5",
    "SSL_ERROR_UNSUPPORTED_EXTENSION_ALERT": "middlebox_or_firewall_interference:.5 "
                                             "client_misconfiguration:.5",
    "SSL_ERROR_MISSING_EXTENSION_ALERT": "client_misconfiguration:.6 "
                                         "middlebox_or_firewall_interference:.4",
    "SSL_ERROR_CERTIFICATE_UNOBTAINABLE_ALERT": "incomplete_chain:.6 server_misconfiguration:.4",
    "SSL_ERROR_BAD_CERT_HASH_VALUE_ALERT": "server_misconfiguration:.6 client_misconfiguration:.4",
    "SSL_ERROR_EXPORT_RESTRICTION_ALERT": "cipher_suite_mismatch:1",
    "SSL_ERROR_NEXT_PROTOCOL_NO_PROTOCOL": "client_misconfiguration:.5 server_misconfiguration:.5",
    "SSL_ERROR_MISSING_ALPN_EXTENSION": "client_misconfiguration:.5 server_misconfiguration:.5",
    "SSL_ERROR_CLOSE_NOTIFY_ALERT": "no_fault",
    "SSL_ERROR_USER_CANCELED_ALERT": "no_fault",
    "SSL_ERROR_POST_WARNING": "no_fault",
    "SSL_ERROR_HANDSHAKE_FAILED": "cipher_suite_mismatch:.3 protocol_version_mismatch:.3 "
                                  "client_cert_required:.15 "
                                  "middlebox_or_firewall_interference:.15 "
                                  "sni_required_or_mismatch:.1 | generic",
    "SSL_ERROR_ECH_REQUIRED_ALERT": "client_misconfiguration:1",
    "SSL_ERROR_EXPORT_ONLY_SERVER": "cipher_suite_mismatch:1 | reason",
    "SSL_ERROR_US_ONLY_SERVER": "cipher_suite_mismatch:1 | reason",
    "SSL_ERROR_NO_COMPRESSION_OVERLAP": "client_misconfiguration:.5 server_misconfiguration:.5",
    "SSL_ERROR_NO_SERVER_KEY_FOR_ALG": "server_misconfiguration:.7 cipher_suite_mismatch:.3",
    "SSL_ERROR_CERT_KEA_MISMATCH": "server_misconfiguration:.7 cipher_suite_mismatch:.3",
    "SSL_ERROR_DC_EXPIRED": "server_misconfiguration:.7 client_clock_wrong:.3",
    "SEC_ERROR_CERT_NOT_VALID": "cert_expired:.5 cert_wrong_purpose:.3 cert_untrusted_root:.2",
    "SEC_ERROR_CERT_VALID": "no_fault",
    "SEC_ERROR_INVALID_TIME": "server_misconfiguration:1",
    "SEC_ERROR_CRL_EXPIRED": "server_misconfiguration:.6 client_misconfiguration:.4",
    "SEC_ERROR_CRL_NOT_YET_VALID": "server_misconfiguration:.5 client_clock_wrong:.5",
    "SEC_ERROR_PATH_LEN_CONSTRAINT_INVALID": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_CERT_USAGES_INVALID": "cert_wrong_purpose:1 | reason",
    "SEC_ERROR_EXTENSION_VALUE_INVALID": "cert_wrong_purpose:.6 server_misconfiguration:.4",
    "SEC_ERROR_UNKNOWN_SIGNER": "cert_untrusted_root:.5 incomplete_chain:.5",
    "SEC_ERROR_REVOKED_CERTIFICATE_CRL": "cert_revoked:1 | reason",
    "SEC_ERROR_REVOKED_CERTIFICATE_OCSP": "cert_revoked:1 | reason",
    "SEC_ERROR_REVOKED_KEY": "cert_revoked:1 | reason",
    "SEC_ERROR_OCSP_FUTURE_RESPONSE": "client_clock_wrong:.6 server_misconfiguration:.4",
    "SEC_ERROR_OCSP_MALFORMED_RESPONSE": "server_misconfiguration:.6 "
                                         "middlebox_or_firewall_interference:.4",
    "SEC_ERROR_OCSP_BAD_SIGNATURE": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "SEC_ERROR_OCSP_RESPONDER_CERT_INVALID": "server_misconfiguration:1",
    "SEC_ERROR_OCSP_TRY_SERVER_LATER": "client_misconfiguration:.5 "
                                       "middlebox_or_firewall_interference:.5",
    "SEC_ERROR_OCSP_BAD_HTTP_RESPONSE": "middlebox_or_firewall_interference:.6 "
                                        "client_misconfiguration:.4",
    "SEC_ERROR_OCSP_UNAUTHORIZED_REQUEST": "server_misconfiguration:.6 "
                                           "client_misconfiguration:.4",
    "SEC_ERROR_OCSP_UNKNOWN_RESPONSE_STATUS": "server_misconfiguration:.6 "
                                              "middlebox_or_firewall_interference:.4",
    "SEC_ERROR_UNSUPPORTED_ELLIPTIC_CURVE": "cipher_suite_mismatch:.6 weak_signature_or_key:.4",
    "SEC_ERROR_UNSUPPORTED_KEYALG": "weak_signature_or_key:.5 server_misconfiguration:.5",
    "SEC_ERROR_SIGNATURE_ALGORITHM_DISABLED": "weak_signature_or_key:1 | reason",
    "SEC_ERROR_POLICY_VALIDATION_FAILED": "cert_wrong_purpose:.6 cert_untrusted_root:.4",
    "SEC_ERROR_INVALID_POLICY_MAPPING": "cert_wrong_purpose:1",
    "SEC_ERROR_CERT_ADDR_MISMATCH": "hostname_mismatch:1 | reason",
    "SEC_ERROR_UNKNOWN_CERT": "cert_untrusted_root:.5 server_misconfiguration:.5",
    "SEC_ERROR_BAD_KEY": "server_misconfiguration:.7 weak_signature_or_key:.3",
    "SEC_ERROR_USER_CANCELLED": "no_fault",
    "SSL_ERROR_UNSUPPORTED_CERTIFICATE_TYPE": "server_misconfiguration:.6 "
                                              "cipher_suite_mismatch:.4",
    "SSL_ERROR_TOO_MUCH_EARLY_DATA": "not_tls",
    "SEC_ERROR_NO_KRL": "not_tls",
    "SEC_ERROR_OLD_KRL": "not_tls",
}

RULES = (
    (r"^SSL_ERROR_RX_(?:MALFORMED|UNEXPECTED|UNKNOWN)_|^SSL_ERROR_(?:BAD_2ND|TOO_MANY|"
     r"DOWNGRADE|RX_SHORT|INCORRECT_SIGNATURE|MALFORMED|MISSING_(?:KEY_SHARE|COOKIE|PSK|"
     r"SIGNATURE|SUPPORTED|POST|ESNI)|EXTENSION_DISALLOWED|BAD_HANDSHAKE_HASH|BAD_BLOCK|"
     r"UNEXPECTED_EXTENDED|DECOMPRESSION|BAD_MAC_READ|HANDSHAKE_UNEXPECTED|BAD_SERVER|"
     r"BAD_CLIENT|UNKNOWN_CIPHER)", "middlebox_or_firewall_interference:.5 "
     "server_misconfiguration:.3 client_misconfiguration:.2 | category",
     "a peer (or something between) broke the handshake's rules"),
    (r"^(?:SSL_ERROR_\w*(?:FAILURE|NOT_SUPPORTED|TOKEN|CACHE|SESSION_NOT|EXPERIMENTAL|"
     r"APPLICATION_ABORT|APP_CALLBACK|NO_TIMERS|FORTEZZA|TX_RECORD|DC_|ECH_RETRY|ECH_FAILED|"
     r"FEATURE|NEXT_PROTOCOL|RESUMPTION|DIGEST|HASH_ALG|DH_KEY|KEY_EXCHANGE|HYBRID|"
     r"HANDSHAKE_NOT|PUB_KEY|IV_PARAM|SESSION_KEY|SYM_KEY|MAC_COMP)\w*|SSL_ERROR_UNUSED_\w+)	",
     "not_tls", "local crypto-token failures, API misuse and internal states of NSS"),
    (r"^(?:SEC_ERROR_(?:OCSP_(?:NOT_ENABLED|NO_DEFAULT|REQUEST_NEEDS|MALFORMED_REQUEST|"
     r"UNKNOWN_RESPONSE_TYPE)|PKCS12|PKCS11|PKCS7|JS_|KRL|CKL|BAD_PASSWORD|RETRY|"
     r"INVALID_PASSWORD|EXPIRED_PASSWORD|LOCKED_PASSWORD|NO_MODULE|NO_TOKEN|NO_SLOT|"
     r"TOKEN|MODULE|INCOMPATIBLE|KEYGEN|SAFE|BAGGAGE|NICKNAME|CERT_NICKNAME|KEY_NICKNAME|"
     r"BAD_NICKNAME|DUPLICATE|ADDING|FILING|NO_KEY|NO_EMAIL|NO_RECIPIENT|DECRYPTION_DIS|"
     r"EXPORTING|IMPORTING|BAD_EXPORT|NOT_FORTEZZA|CANNOT_MOVE|NO_NODELOCK|BAD_DATABASE|"
     r"LEGACY_DATABASE|NO_MEMORY|IO|LIBRARY|BAD_DATA|OUTPUT_LEN|INPUT_LEN|INVALID_ARGS|"
     r"INVALID_ALGORITHM|INVALID_AVA|INVALID_KEY|NEED_RANDOM|READ_ONLY|MESSAGE_SEND|"
     r"UNSUPPORTED_MESSAGE|BAD_TEMPLATE|BUSY|EXTRA_INPUT|UNRECOGNIZED_OID|UNKNOWN_OBJECT|"
     r"NO_EVENT|CRL_ALREADY|NOT_INITIALIZED|OUT_OF_SEARCH|FAILED_TO_ENCODE|LIBPKIX|"
     r"CRL_IMPORT|UNKNOWN_PKCS11|APPLICATION_CALLBACK|INVALID_STATE|POLICY_LOCKED|"
     r"ALGORITHM_MISMATCH|DIGEST_NOT|UNSUPPORTED_EC_POINT|CERTIFICATE_COMPRESSION|"
     r"UNEXPECTED_COMPRESSED)\w*|SEC_INTERNAL_ONLY|XP_\w+)	", "not_tls",
     "key databases, tokens, PKCS#7/#12, S/MIME and API errors of NSS: not a connection"),
    (r"^SEC_ERROR_(?:CRL|OLD_CRL|BAD_CRL|UNKNOWN_AIA|BAD_INFO|BAD_HTTP|BAD_LDAP|"
     r"CERT_BAD_ACCESS|EXTENSION_NOT_FOUND|CERT_NO_RESPONSE)", "client_misconfiguration:.5 "
     "middlebox_or_firewall_interference:.3 cert_revoked:.2 | category",
     "revocation data could not be fetched or used"),
)
