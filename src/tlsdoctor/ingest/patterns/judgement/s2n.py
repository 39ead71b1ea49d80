"""s2n-tls (aws/s2n-tls error/s2n_errno.c): s2n_strerror()'s texts and S2N_ERR_* names.

s2n is the TLS library of the AWS Common Runtime on Linux (aws-c-io's s2n channel handler:
the AWS SDKs' CRT clients, aws-crt-python, the AWS IoT device SDKs v2, Mountpoint for S3),
so its words are nearly always a client's, printed inside aws-c-io's "negotiation failed
with error <text> (<debug>)" (patterns/embedded17.py reads them there and by name). Most
of the table is API misuse, memory, hashing and test-only errors: not about a connection.
Its certificate words name the failure outright (s2n_x509_validator.c); "TLS alert
received" says an alert came, not which (the "Alert code" debug line says that).
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "S2N_ERR_CERT_UNTRUSTED": common.UNTRUSTED + " | reason",
    "S2N_ERR_CERT_INVALID_HOSTNAME": common.HOSTNAME,
    "S2N_ERR_CERT_REVOKED": common.REVOKED,
    "S2N_ERR_CERT_NOT_YET_VALID": common.NOT_YET,
    # Not said which certificate of the path: an expired root an old store still builds to
    # reads the same (judgement/_common.py EXPIRED_IN_PATH).
    "S2N_ERR_CERT_EXPIRED": common.EXPIRED_IN_PATH,
    "S2N_ERR_CERT_TYPE_UNSUPPORTED": "weak_signature_or_key:.55 server_misconfiguration:.45",
    "S2N_ERR_CERT_INVALID": common.CERT_ANY + " | category",
    "S2N_ERR_CERT_INTENT_INVALID": common.PURPOSE,
    "S2N_ERR_CERT_MAX_CHAIN_DEPTH_EXCEEDED": common.PURPOSE,
    "S2N_ERR_CERT_UNHANDLED_CRITICAL_EXTENSION": common.PURPOSE,
    # The application's own verify callback said no (pinning, a name list).
    "S2N_ERR_CERT_REJECTED": "tls_interception_mitm:.4 client_misconfiguration:.35 "
                             "server_misconfiguration:.25",
    "S2N_ERR_SECURITY_POLICY_INCOMPATIBLE_CERT": common.WEAK_SIG,
    "S2N_ERR_CRL_LOOKUP_FAILED": common.REVOCATION_UNKNOWN,
    "S2N_ERR_CRL_SIGNATURE": "client_misconfiguration:.7 tls_interception_mitm:.3",
    "S2N_ERR_CRL_ISSUER": "client_misconfiguration:1",
    "S2N_ERR_CRL_UNHANDLED_CRITICAL_EXTENSION": "client_misconfiguration:1",
    "S2N_ERR_CRL_INVALID_THIS_UPDATE": "client_misconfiguration:1",
    "S2N_ERR_CRL_INVALID_NEXT_UPDATE": "client_misconfiguration:1",
    "S2N_ERR_CRL_NOT_YET_VALID": "client_misconfiguration:.55 client_clock_wrong:.45",
    "S2N_ERR_CRL_EXPIRED": "client_misconfiguration:.7 client_clock_wrong:.3",
    "S2N_ERR_X509_TRUST_STORE": common.CLIENT_CONFIG,
    "S2N_ERR_TOO_MANY_CAS": common.CLIENT_CONFIG,
    "S2N_ERR_PROTOCOL_VERSION_UNSUPPORTED": common.VERSION,
    "S2N_ERR_UNKNOWN_PROTOCOL_VERSION": common.VERSION,
    "S2N_ERR_CIPHER_NOT_SUPPORTED": common.CIPHER,
    "S2N_ERR_NO_VALID_SIGNATURE_SCHEME": common.CIPHER,
    "S2N_ERR_ECDHE_UNSUPPORTED_CURVE": common.CIPHER,
    "S2N_ERR_ECDSA_UNSUPPORTED_CURVE": "cipher_suite_mismatch:.6 weak_signature_or_key:.4",
    "S2N_ERR_KEM_UNSUPPORTED_PARAMS": common.CIPHER,
    "S2N_ERR_INVALID_SIGNATURE_ALGORITHM": "cipher_suite_mismatch:.5 "
                                           "weak_signature_or_key:.3 protocol_version_mismatch:.2",
    "S2N_ERR_INVALID_SIGNATURE_SCHEME": "cipher_suite_mismatch:.5 weak_signature_or_key:.3 "
                                        "protocol_version_mismatch:.2",
    "S2N_ERR_RSA_PSS_NOT_SUPPORTED": "cipher_suite_mismatch:.6 client_misconfiguration:.4",
    "S2N_ERR_DH_TOO_SMALL": common.DH_WEAK,
    "S2N_ERR_NO_APPLICATION_PROTOCOL": common.ALPN,
    "S2N_ERR_FALLBACK_DETECTED": common.FALLBACK,
    # TLS 1.3's downgrade sentinel in a lower version's ServerHello: something in between
    # answered for the server, or the server is one of a mixed pool.
    "S2N_ERR_PROTOCOL_DOWNGRADE_DETECTED": "tls_interception_mitm:.5 "
                                           "middlebox_or_firewall_interference:.3 "
                                           "server_misconfiguration:.2",
    "S2N_ERR_ALERT": common.HANDSHAKE,
    "S2N_ERR_CLOSED": common.EOF_CLOSED,
    "S2N_ERR_IO": common.RESET,
    # A record s2n cannot parse: most often no TLS at all (a plain-text reply) on the port.
    "S2N_ERR_BAD_MESSAGE": "non_tls_service_on_port:.45 middlebox_or_firewall_interference:.3 "
                           "protocol_version_mismatch:.25 | category",
    "S2N_ERR_RECORD_LENGTH_TOO_LARGE": "non_tls_service_on_port:.6 "
                                       "middlebox_or_firewall_interference:.4",
    "S2N_ERR_DECRYPT": common.PROTOCOL_BROKEN,
    "S2N_ERR_CBC_VERIFY": common.PROTOCOL_BROKEN,
    "S2N_ERR_HANDSHAKE_STATE": common.PROTOCOL_BROKEN,
    "S2N_ERR_BAD_KEY_SHARE": common.PROTOCOL_BROKEN,
    "S2N_ERR_INVALID_HELLO_RETRY": common.PROTOCOL_BROKEN,
    "S2N_ERR_NON_EMPTY_RENEGOTIATION_INFO": common.PROTOCOL_BROKEN,
    "S2N_ERR_ECDHE_INVALID_PUBLIC_KEY": common.PROTOCOL_BROKEN,
    "S2N_ERR_UNRECOGNIZED_EXTENSION": common.PROTOCOL_BROKEN,
    "S2N_ERR_UNSUPPORTED_EXTENSION": common.PROTOCOL_BROKEN,
    "S2N_ERR_DUPLICATE_EXTENSION": common.PROTOCOL_BROKEN,
    # OpenSSL's "extension not received" is read the same way (judgement/openssl.py).
    "S2N_ERR_MISSING_EXTENSION": common.PROTOCOL_BROKEN,
    "S2N_ERR_EXTENSION_NOT_RECEIVED": common.PROTOCOL_BROKEN,
    "S2N_ERR_VERIFY_SIGNATURE": "server_misconfiguration:.5 tls_interception_mitm:.3 "
                                "middlebox_or_firewall_interference:.2",
    "S2N_ERR_INVALID_MAX_FRAG_LEN": "server_misconfiguration:.6 "
                                    "middlebox_or_firewall_interference:.4",
    "S2N_ERR_MAX_FRAG_LEN_MISMATCH": "server_misconfiguration:.6 "
                                     "middlebox_or_firewall_interference:.4",
    "S2N_ERR_INVALID_OCSP_RESPONSE": "server_misconfiguration:.7 client_clock_wrong:.3",
    "S2N_ERR_MISSING_CLIENT_CERT": common.CLIENT_CERT,
    "S2N_ERR_UNEXPECTED_CERT_REQUEST": "client_cert_required:.7 client_misconfiguration:.3",
    # The client insists on mutual TLS (its own setting); the server does not ask.
    "S2N_ERR_MISSING_CERT_REQUEST": "client_misconfiguration:.55 server_misconfiguration:.45",
    # Windows servers renegotiate to ask for a client certificate (IIS): s2n refuses.
    "S2N_ERR_NO_RENEGOTIATION": "client_cert_required:.5 server_misconfiguration:.3 "
                                "client_misconfiguration:.2",
    # The printing end's own files (the CRT's device certificate and key: a client's).
    "S2N_ERR_DECODE_CERTIFICATE": "client_misconfiguration:.55 server_misconfiguration:.45",
    "S2N_ERR_DECODE_PRIVATE_KEY": "client_misconfiguration:.55 server_misconfiguration:.45 "
                                  "| reason",
    "S2N_ERR_INVALID_PEM": "client_misconfiguration:.55 server_misconfiguration:.45 | reason",
    "S2N_ERR_NO_CERTIFICATE_IN_PEM": "client_misconfiguration:.55 "
                                     "server_misconfiguration:.45 | reason",
    "S2N_ERR_KEY_MISMATCH": "client_misconfiguration:.55 server_misconfiguration:.45 | reason",
    "S2N_ERR_NO_PRIVATE_KEY": "client_misconfiguration:.55 server_misconfiguration:.45",
    "S2N_ERR_NO_CERT_FOUND": "server_misconfiguration:.55 sni_required_or_mismatch:.45",
    "S2N_ERR_INVALID_SECURITY_POLICY": "client_misconfiguration:.6 server_misconfiguration:.4",
    "S2N_ERR_DEPRECATED_SECURITY_POLICY": "client_misconfiguration:.6 "
                                          "server_misconfiguration:.4",
    "S2N_ERR_INVALID_CIPHER_PREFERENCES": "client_misconfiguration:.6 "
                                          "server_misconfiguration:.4",
    "S2N_ERR_SERVER_NAME_TOO_LONG": common.CLIENT_CONFIG,
    "S2N_ERR_CLIENT_AUTH_NOT_SUPPORTED_IN_FIPS_MODE": common.CLIENT_CONFIG,
    "S2N_ERR_SHUTDOWN_CLOSED": "no_fault",
    "S2N_ERR_OK": "no_fault",
}

RULES = (
    (r".", "not_tls", "API misuse, memory, hashing, session tickets, kTLS, test-only errors"),
)
