"""GnuTLS: gnutls_strerror() codes (lib/errors.c) and verification status flags
(lib/cert-cred.c), as gnutls-cli, curl-gnutls, wget, Exim and Postfix print them."""

from __future__ import annotations

from ._common import (
    CIPHER,
    CLIENT_CERT,
    DATES,
    DH_WEAK,
    EOF_CLOSED,
    EXPIRED,
    EXPIRED_IN_PATH,
    FALLBACK,
    HANDSHAKE,
    HOSTNAME,
    KEY_MISMATCH,
    NOT_YET,
    OCSP_STAPLE,
    PEER_WITHOUT_RI,
    PROTOCOL_BROKEN,
    PURPOSE,
    REVOKED,
    SNI,
    STALE_CA,
    TIMEOUT,
    UNTRUSTED,
    WEAK_SIG,
)

# The same codes when a *server's* gnutls_handshake() failed (gnutls-serv's "Error in
# handshake: ...", src/serv.c): the peer is a client. Its certificate is the one that was
# missing or failed verification; a client that offered no suite the server has is the
# mismatch, not the server's own setting; an end of the connection without an alert is
# a client leaving (health checks, scanners): no fault named. In TLS 1.3 a client that
# rejects the server's certificate sends its alert under keys the server has already left
# behind, so the server reads a record it cannot decrypt (GnuTLS 3.7 gnutls-serv on
# loopback, tests/ingest/corpus/server_logs/matrix/gnutls-serv-plain.log): a ranking.
# Round 28 (evidence agreement): GnuTLS's server answers a client whose lowest version is
# above its highest by choosing its own highest, where none of the client's suites is
# allowed: "No supported cipher suites have been found" (gnutls-serv with TLS 1.0 only and
# Python's OpenSSL 3 client, tests/diagnose/agreement); a server with no usable certificate
# says the same (courier-imapd): a ranking. A transport error mid-handshake is the client
# resetting the connection: a GnuTLS client (wget) that refuses the certificate after its
# TLS 1.3 handshake resets without an alert, as a path that cuts it would.
SERVER_READINGS = {
    "GNUTLS_E_NO_CIPHER_SUITES": ("cipher_suite_mismatch:.5 protocol_version_mismatch:.3 "
                                  "server_misconfiguration:.2"),
    "GNUTLS_E_PULL_ERROR": ("middlebox_or_firewall_interference:.4 cert_untrusted_root:.2 "
                            "hostname_mismatch:.15 incomplete_chain:.15 cert_expired:.1"),
    "GNUTLS_E_NO_CERTIFICATE_FOUND": "client_cert_required:1",
    "GNUTLS_E_CERTIFICATE_ERROR": "client_cert_required:1",
    "GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR": "client_cert_required:1",
    "GNUTLS_E_PREMATURE_TERMINATION": "",
    "GNUTLS_E_DECRYPTION_FAILED": ("cert_untrusted_root:.4 middlebox_or_firewall_interference:.35 "
                                   "incomplete_chain:.25"),
    # The client sent a fatal alert (gnutls-serv names none: "Error in handshake: A TLS fatal
    # alert has been received."): it refused what the server sent, after the server had
    # accepted its hello, so first the server's certificate (TLS 1.2 on loopback: a client
    # checking another name or with its clock past notAfter, the server-log matrix).
    "GNUTLS_E_FATAL_ALERT_RECEIVED": ("cert_untrusted_root:.3 hostname_mismatch:.2 "
                                      "cert_expired:.15 incomplete_chain:.15 "
                                      "protocol_version_mismatch:.1 cipher_suite_mismatch:.1"),
}

UNEXPECTED_PACKET = ("non_tls_service_on_port:.55 middlebox_or_firewall_interference:.25 "
                     "client_misconfiguration:.2")

JUDGE = {
    "GNUTLS_E_UNKNOWN_CIPHER_SUITE": CIPHER,
    "GNUTLS_E_NO_CIPHER_SUITES": "client_misconfiguration:.5 cipher_suite_mismatch:.5 | reason",
    "GNUTLS_E_NO_PRIORITIES_WERE_SET": "client_misconfiguration:1 | reason",
    "GNUTLS_E_CERTIFICATE_KEY_MISMATCH": KEY_MISMATCH,
    "GNUTLS_E_UNWANTED_ALGORITHM": "cipher_suite_mismatch:.6 client_misconfiguration:.4",
    "GNUTLS_E_UNSUPPORTED_VERSION_PACKET": "protocol_version_mismatch:.6 "
                                           "non_tls_service_on_port:.4",
    "GNUTLS_E_DH_PRIME_UNACCEPTABLE": DH_WEAK,
    "GNUTLS_E_UNEXPECTED_PACKET_LENGTH": "non_tls_service_on_port:.6 "
                                         "middlebox_or_firewall_interference:.4",
    "GNUTLS_E_RECORD_OVERFLOW": "non_tls_service_on_port:.6 "
                                "middlebox_or_firewall_interference:.4",
    "GNUTLS_E_PREMATURE_TERMINATION": EOF_CLOSED,
    "GNUTLS_E_SESSION_EOF": EOF_CLOSED,
    "GNUTLS_E_PULL_ERROR": ("middlebox_or_firewall_interference:.6 protocol_version_mismatch:.15 "
                            "sni_required_or_mismatch:.15 client_cert_required:.1 | specific"),
    "GNUTLS_E_PUSH_ERROR": "middlebox_or_firewall_interference:.7 "
                           "name_resolution_or_unreachable:.3 | specific",
    "GNUTLS_E_INVALID_SESSION": ("client_cert_required:.35 middlebox_or_firewall_interference:.35 "
                                 "server_misconfiguration:.3 | generic"),
    "GNUTLS_E_INAPPROPRIATE_FALLBACK": FALLBACK,
    "GNUTLS_E_FATAL_ALERT_RECEIVED": HANDSHAKE,
    # Round 9: not a certainty. gnutls-cli 3.7.9 prints it for an HTTP or SMTP answer
    # (measured), but dev's 2 threads were an outdated GnuTLS (fixed by an update) and a
    # network that needed its proxy; the plaintext port stays first, below 0.6.
    "GNUTLS_E_UNEXPECTED_PACKET": UNEXPECTED_PACKET,
    "GNUTLS_E_UNEXPECTED_HANDSHAKE_PACKET": PROTOCOL_BROKEN,
    "GNUTLS_E_GOT_APPLICATION_DATA": PROTOCOL_BROKEN,
    "GNUTLS_E_NO_CERTIFICATE_FOUND": "client_cert_required:.7 server_misconfiguration:.3",
    "GNUTLS_E_CERTIFICATE_REQUIRED": CLIENT_CERT,
    "GNUTLS_E_INSUFFICIENT_CREDENTIALS": "server_misconfiguration:.5 client_cert_required:.3 "
                                         "cipher_suite_mismatch:.2",
    "GNUTLS_E_EXPIRED": EXPIRED,
    "GNUTLS_E_NOT_YET_ACTIVATED": NOT_YET,
    "GNUTLS_E_CERTIFICATE_ERROR": UNTRUSTED + " | generic",
    "GNUTLS_E_CERTIFICATE_TIME_ERROR": DATES,
    "GNUTLS_E_CERTIFICATE_VERIFICATION_ERROR": UNTRUSTED + " | category",
    "GNUTLS_E_AUTH_ERROR": UNTRUSTED + " | generic",
    "GNUTLS_E_X509_UNSUPPORTED_CRITICAL_EXTENSION": PURPOSE,
    "GNUTLS_E_KEY_USAGE_VIOLATION": PURPOSE,
    "GNUTLS_E_UNSUPPORTED_CERTIFICATE_TYPE": "server_misconfiguration:.6 "
                                             "cipher_suite_mismatch:.4",
    "GNUTLS_E_RECEIVED_ILLEGAL_PARAMETER": PROTOCOL_BROKEN,
    "GNUTLS_E_ILLEGAL_PARAMETER": PROTOCOL_BROKEN,
    "GNUTLS_E_RECEIVED_ILLEGAL_EXTENSION": PROTOCOL_BROKEN,
    "GNUTLS_E_RECEIVED_DISALLOWED_NAME": SNI,
    "GNUTLS_E_UNRECOGNIZED_NAME": SNI,
    "GNUTLS_E_SAFE_RENEGOTIATION_FAILED": PEER_WITHOUT_RI,
    "GNUTLS_E_UNSAFE_RENEGOTIATION_DENIED": PEER_WITHOUT_RI,
    "GNUTLS_E_UNSUPPORTED_SIGNATURE_ALGORITHM": "cipher_suite_mismatch:.6 "
                                                "weak_signature_or_key:.4",
    "GNUTLS_E_INSUFFICIENT_SECURITY": "weak_signature_or_key:.5 cipher_suite_mismatch:.5",
    "GNUTLS_E_NO_COMMON_KEY_SHARE": CIPHER,
    "GNUTLS_E_ECC_NO_SUPPORTED_CURVES": "cipher_suite_mismatch:.6 client_misconfiguration:.4",
    "GNUTLS_E_ECC_UNSUPPORTED_CURVE": "cipher_suite_mismatch:.7 weak_signature_or_key:.3",
    "GNUTLS_E_NO_APPLICATION_PROTOCOL": "client_misconfiguration:.5 server_misconfiguration:.5",
    "GNUTLS_E_TIMEDOUT": TIMEOUT,
    "GNUTLS_E_CERTIFICATE_LIST_UNSORTED": "bad_chain_order_or_extra:1 | reason",
    "GNUTLS_E_OCSP_RESPONSE_ERROR": "server_misconfiguration:.6 cert_revoked:.4",
    "GNUTLS_E_OCSP_MISMATCH_WITH_CERTS": "server_misconfiguration:1",
    "GNUTLS_E_NO_CERTIFICATE_STATUS": OCSP_STAPLE,
    "GNUTLS_E_DECRYPTION_FAILED": "middlebox_or_firewall_interference:.7 "
                                  "server_misconfiguration:.3",
    "GNUTLS_E_MAC_VERIFY_FAILED": "middlebox_or_firewall_interference:.7 "
                                  "server_misconfiguration:.3",
    "GNUTLS_E_ERROR_IN_FINISHED_PACKET": "middlebox_or_firewall_interference:.6 "
                                         "tls_interception_mitm:.4",
    "GNUTLS_E_PK_SIG_VERIFY_FAILED": "server_misconfiguration:.5 tls_interception_mitm:.3 "
                                     "middlebox_or_firewall_interference:.2",
    "GNUTLS_E_FILE_ERROR": "client_misconfiguration:.6 server_misconfiguration:.4",
    "GNUTLS_E_BASE64_DECODING_ERROR": "client_misconfiguration:.5 server_misconfiguration:.5",
    "GNUTLS_E_BASE64_UNEXPECTED_HEADER_ERROR": "client_misconfiguration:.5 "
                                               "server_misconfiguration:.5",
    "GNUTLS_E_CRL_VERIFICATION_ERROR": "client_misconfiguration:.6 cert_revoked:.4",
    "GNUTLS_E_SUCCESS": "no_fault",
    "GNUTLS_E_AGAIN": "no_fault",
    "GNUTLS_E_INTERRUPTED": "no_fault",
    "GNUTLS_E_REHANDSHAKE": "no_fault",
    "GNUTLS_E_WARNING_ALERT_RECEIVED": "no_fault",
    "GNUTLS_E_HEARTBEAT_PONG_RECEIVED": "no_fault",
    "GNUTLS_E_HEARTBEAT_PING_RECEIVED": "no_fault",
    "GNUTLS_E_REAUTH_REQUEST": "no_fault",
    "GNUTLS_E_EARLY_DATA_REJECTED": "no_fault",
    # verification status (gnutls_certificate_verification_status_print)
    "GNUTLS_CERT_REVOKED": REVOKED,
    "GNUTLS_CERT_MISMATCH": "tls_interception_mitm:.6 server_misconfiguration:.4",
    "GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED": "server_misconfiguration:.6 cert_revoked:.4",
    "GNUTLS_CERT_REVOCATION_DATA_ISSUED_IN_FUTURE": "client_clock_wrong:.6 "
                                                    "server_misconfiguration:.4",
    "GNUTLS_CERT_SIGNER_NOT_FOUND": UNTRUSTED,
    "GNUTLS_CERT_SIGNER_NOT_CA": "cert_wrong_purpose:.7 bad_chain_order_or_extra:.3 | reason",
    "GNUTLS_CERT_INSECURE_ALGORITHM": WEAK_SIG,
    "GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE": PURPOSE,
    "GNUTLS_CERT_PURPOSE_MISMATCH": PURPOSE,
    "GNUTLS_CERT_NOT_ACTIVATED": NOT_YET,
    # Round 23 (holdout24): "The certificate chain uses expired certificate" names no
    # certificate: the server's leaf, or an expired root the client's store still builds to
    # (GnuTLS before 3.6.14 took the cross-signed path to DST Root CA X3: NEWS "Fixed handling
    # of certificate chain with cross-signed intermediate CA certificates (#1008)", gnutls/
    # gnutls @ f8971291ba0b). Dev: 4 of 5 threads the expiry, 3 of 5 the client's side.
    "GNUTLS_CERT_EXPIRED": EXPIRED_IN_PATH,
    "GNUTLS_CERT_SIGNATURE_FAILURE": STALE_CA + " | reason",
    "GNUTLS_CERT_UNEXPECTED_OWNER": HOSTNAME,
    "GNUTLS_CERT_MISSING_OCSP_STATUS": OCSP_STAPLE,
    "GNUTLS_CERT_INVALID_OCSP_STATUS": "server_misconfiguration:.6 cert_revoked:.4",
    "GNUTLS_CERT_UNKNOWN_CRIT_EXTENSIONS": PURPOSE,
}

RULES = (
    (r"^GNUTLS_E_(?:ASN1|PKCS11|TPM|OPENPGP|SRP|MPI|PK_|BASE64_ENC|DB_|CRYPTODEV|IA_|IDNA|"
     r"INVALID_(?:PASSWORD|UTF8)|PKCS1|KEY_IMPORT|LOCKING|SELF_TEST|NO_SELF|RANDOM|"
     r"CRYPTO_|INCOMPAT|UNKNOWN_(?:PKCS|HASH|SRP)|ILLEGAL_SRP)", "not_tls",
     "key stores, tokens, parsers and crypto back ends: API and local setup, not a connection"),
    (r"^GNUTLS_E_", "not_tls",
     "the remaining codes report API misuse or internal limits of GnuTLS itself"),
)
