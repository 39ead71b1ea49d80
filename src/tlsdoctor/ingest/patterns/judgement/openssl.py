"""OpenSSL (1.0.2, 1.1.1, 3.x): SSL, X509, X509V3 and PEM reasons and X509 verify results.

Keys are upstream identifiers (SSL_R_*, X509_R_*, X509_V_ERR_*). The SSL alert reasons
(SSL_R_SSLV3_ALERT_*, SSL_R_TLSV1*_ALERT_*) are judged in alerts.py, which knows which side
sent them. BoringSSL's reasons of the same name share these verdicts (judgement/boringssl.py).
"""

from __future__ import annotations

from .. import CATEGORY, GENERIC, REASON, SPECIFIC
from . import _common as common

_TIER = {GENERIC: "generic", CATEGORY: "category", SPECIFIC: "specific", REASON: "reason"}

# Round 9: the client's own store and clock are candidates too (dev: of 3 threads with the
# bare words and no wrapper, 1 a build without CA certificates, 1 a device without a clock,
# 1 a self-signed server); the chain readings stay first.
_CERT_GENERIC = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 "
                 "client_misconfiguration:.12 cert_expired:.1 hostname_mismatch:.1 "
                 "tls_interception_mitm:.05 client_clock_wrong:.05")

# Round 26: a certificate's key identifiers broken under strict (RFC 5280) checking; see the
# verify results below.
_KEYID_PROFILE = ("cert_wrong_purpose:.4 tls_interception_mitm:.35 "
                  "server_misconfiguration:.25")

SSL_REASONS: dict[str, tuple[str, int]] = {
    "CERTIFICATE_VERIFY_FAILED": (_CERT_GENERIC, CATEGORY),
    # The peer's first bytes are not a TLS record. Dev set (round 3): of 16 threads, 11 a
    # plaintext service on the port, 5 the client's own setting (an https:// proxy URL for a
    # plain proxy, TLS asked of a plaintext port); so not 0.6 for either.
    "WRONG_VERSION_NUMBER": ("non_tls_service_on_port:.55 client_misconfiguration:.3 "
                             "protocol_version_mismatch:.1 "
                             "middlebox_or_firewall_interference:.05", SPECIFIC),
    "UNKNOWN_PROTOCOL": ("non_tls_service_on_port:.6 protocol_version_mismatch:.3", SPECIFIC),
    "HTTP_REQUEST": ("non_tls_service_on_port:1", REASON),
    "HTTPS_PROXY_REQUEST": ("client_misconfiguration:.6 non_tls_service_on_port:.4", REASON),
    "PACKET_LENGTH_TOO_LONG": ("non_tls_service_on_port:.6 middlebox_or_firewall_interference:.3",
                               SPECIFIC),
    "RECORD_LENGTH_MISMATCH": ("non_tls_service_on_port:.5 middlebox_or_firewall_interference:.4",
                               SPECIFIC),
    "UNSUPPORTED_PROTOCOL": ("protocol_version_mismatch:1", REASON),
    "NO_PROTOCOLS_AVAILABLE": ("protocol_version_mismatch:.5 client_misconfiguration:.5", SPECIFIC),
    "VERSION_TOO_LOW": ("protocol_version_mismatch:1", REASON),
    "VERSION_TOO_HIGH": ("protocol_version_mismatch:1", REASON),
    "WRONG_SSL_VERSION": ("protocol_version_mismatch:.7 middlebox_or_firewall_interference:.3",
                          SPECIFIC),
    "UNSUPPORTED_SSL_VERSION": ("protocol_version_mismatch:.9", SPECIFIC),
    "UNKNOWN_SSL_VERSION": ("protocol_version_mismatch:.8", SPECIFIC),
    "BAD_PROTOCOL_VERSION_NUMBER": ("protocol_version_mismatch:.6 "
                                    "middlebox_or_firewall_interference:.4", SPECIFIC),
    "BAD_LEGACY_VERSION": ("protocol_version_mismatch:.6 middlebox_or_firewall_interference:.4",
                           SPECIFIC),
    # A server's reason. It chooses among the suites usable at the version already agreed
    # (ssl3_choose_cipher, OpenSSL_1_0_2u e818b74be217 ssl/s3_lib.c:4136 "Skip TLS v1.2 only
    # ciphersuites if not supported"): a client below TLS 1.2 against a TLS 1.2-only suite
    # list (AEAD, SHA-256) is told "no shared cipher", not "unsupported protocol"; and a
    # server without a usable certificate for its suites says it too. The suites first, not
    # sure (dev round 22: 15 of 17 threads the suites, 1 an SSLv3-only client, 1 a key).
    "NO_SHARED_CIPHER": ("cipher_suite_mismatch:.55 protocol_version_mismatch:.25 "
                         "server_misconfiguration:.2", REASON),
    "NO_CIPHERS_AVAILABLE": ("cipher_suite_mismatch:.5 client_misconfiguration:.5", SPECIFIC),
    "NO_CIPHER_MATCH": ("client_misconfiguration:.5 server_misconfiguration:.5", SPECIFIC),
    "NO_SUITABLE_SIGNATURE_ALGORITHM": ("cipher_suite_mismatch:.8 server_misconfiguration:.2",
                                        REASON),
    "NO_SHARED_SIGNATURE_ALGORITHMS": ("cipher_suite_mismatch:.9", REASON),
    "NO_SHARED_GROUPS": ("cipher_suite_mismatch:.9", REASON),
    "NO_SUITABLE_GROUPS": ("cipher_suite_mismatch:.6 client_misconfiguration:.4", REASON),
    "NO_SUITABLE_KEY_SHARE": ("cipher_suite_mismatch:.8", REASON),
    "WRONG_CURVE": ("cipher_suite_mismatch:.7", SPECIFIC),
    "UNSUPPORTED_ELLIPTIC_CURVE": ("cipher_suite_mismatch:.7", SPECIFIC),
    "LEGACY_SIGALG_DISALLOWED_OR_UNSUPPORTED": (
        "protocol_version_mismatch:.5 weak_signature_or_key:.35 client_misconfiguration:.15",
        REASON),
    "DH_KEY_TOO_SMALL": ("weak_cipher_or_no_pfs:.9 client_misconfiguration:.1", REASON),
    "EE_KEY_TOO_SMALL": ("weak_signature_or_key:.7 server_misconfiguration:.3", REASON),
    "CA_KEY_TOO_SMALL": ("weak_signature_or_key:.9", REASON),
    "CA_MD_TOO_WEAK": ("weak_signature_or_key:.9", REASON),
    # Round 22: the peer without RFC 5746 is an old server or an inspecting middlebox
    # standing in for it (a firewall's TLS inspection: dev 1 of 2), so not 0.6.
    "UNSAFE_LEGACY_RENEGOTIATION_DISABLED": (common.PEER_WITHOUT_RI, REASON),
    "PEER_DID_NOT_RETURN_A_CERTIFICATE": ("client_cert_required:1", REASON),
    "NO_CERTIFICATES_RETURNED": ("client_cert_required:.7 server_misconfiguration:.3", SPECIFIC),
    "UNEXPECTED_EOF_WHILE_READING": (
        "middlebox_or_firewall_interference:.4 sni_required_or_mismatch:.2 "
        "protocol_version_mismatch:.2 client_cert_required:.2", GENERIC),
    "UNEXPECTED_MESSAGE": ("middlebox_or_firewall_interference:.5 non_tls_service_on_port:.3",
                           CATEGORY),
    "UNEXPECTED_RECORD": ("middlebox_or_firewall_interference:.5 non_tls_service_on_port:.3",
                          CATEGORY),
    "DECRYPTION_FAILED_OR_BAD_RECORD_MAC": ("middlebox_or_firewall_interference:.7 "
                                            "server_misconfiguration:.3", SPECIFIC),
    "KEY_VALUES_MISMATCH": ("server_misconfiguration:1", REASON),
    "PRIVATE_KEY_MISMATCH": ("server_misconfiguration:1", REASON),
    "NO_CERTIFICATE_ASSIGNED": ("server_misconfiguration:1", REASON),
    "NO_CERTIFICATE_SET": ("server_misconfiguration:1", REASON),
    "NO_PRIVATE_KEY_ASSIGNED": ("server_misconfiguration:1", REASON),
    "MISSING_RSA_CERTIFICATE": ("server_misconfiguration:.8 cipher_suite_mismatch:.2", SPECIFIC),
    "CALLBACK_FAILED": ("sni_required_or_mismatch:.5 server_misconfiguration:.5", CATEGORY),
    "NO_APPLICATION_PROTOCOL": ("client_misconfiguration:.5 server_misconfiguration:.5",
                                SPECIFIC),
    "INAPPROPRIATE_FALLBACK": ("middlebox_or_firewall_interference:.6 "
                               "client_misconfiguration:.4", SPECIFIC),
    "BAD_KEY_SHARE": ("middlebox_or_firewall_interference:.5 cipher_suite_mismatch:.3", CATEGORY),
    # The peer's ECDHE share did not decode as a point of the group it named (openssl/openssl
    # ssl/statem/statem_clnt.c tls_process_ske_ecdhe, EVP_PKEY_set1_encoded_public_key
    # failing, @ 00df624c704dc50bb4da87da9410eeba6261e20e; the server's side is
    # statem_srvr.c tls_process_cke_ecdhe): the key exchange is signed (TLS 1.2) or
    # protected by the transcript, so a point that is well framed but invalid is the peer's
    # TLS stack, not bytes changed on the way; a client's reading names the server.
    "BAD_ECPOINT": ("server_misconfiguration:.5 middlebox_or_firewall_interference:.3 "
                    "client_misconfiguration:.2", CATEGORY),
    "BAD_SIGNATURE": ("tls_interception_mitm:.3 server_misconfiguration:.4 "
                      "middlebox_or_firewall_interference:.3", CATEGORY),
    "BAD_PACKET_LENGTH": ("non_tls_service_on_port:.5 middlebox_or_firewall_interference:.5",
                          CATEGORY),
    "RECORD_TOO_SMALL": ("non_tls_service_on_port:.5 middlebox_or_firewall_interference:.5",
                         CATEGORY),
    "WRONG_CERTIFICATE_TYPE": ("server_misconfiguration:.6 cipher_suite_mismatch:.4", SPECIFIC),
    "BAD_ECC_CERT": ("cert_wrong_purpose:.6 server_misconfiguration:.4", SPECIFIC),
    "ECC_CERT_NOT_FOR_SIGNING": ("cert_wrong_purpose:.9", SPECIFIC),
    "SSL_HANDSHAKE_FAILURE": ("cipher_suite_mismatch:.4 protocol_version_mismatch:.3 "
                              "client_cert_required:.15 sni_required_or_mismatch:.15", GENERIC),
    "MISSING_SIGALGS_EXTENSION": ("client_misconfiguration:.6 protocol_version_mismatch:.4",
                                  SPECIFIC),
    "MISSING_SUPPORTED_GROUPS_EXTENSION": ("client_misconfiguration:.6 cipher_suite_mismatch:.4",
                                           SPECIFIC),
}

# The same reasons when a *server's own* accept failed with them (its log; the peer is a
# client). "certificate verify failed" in SSL_accept can only be the server checking the
# client's certificate (tls_process_client_certificate; a server verifies nothing else
# in a handshake). An EOF before the client's hello was complete is a client that left
# without an alert (health checks, scanners, a client giving up): no fault is named.
# No suitable signature algorithm for the server's key is, in practice, a TLS 1.0/1.1
# client (its default SHA-1 signatures are below OpenSSL 3's security level 1), or a
# client offering only algorithms that do not fit the key: both stay below 0.6.
# (Loopback: tests/ingest/corpus/server_logs/matrix, Apache 2.4 with a TLS 1.0 client.)
SSL_SERVER_READINGS: dict[str, str] = {
    "CERTIFICATE_VERIFY_FAILED": "client_cert_required:1",
    "UNEXPECTED_EOF_WHILE_READING": "",
    "NO_SUITABLE_SIGNATURE_ALGORITHM": "protocol_version_mismatch:.55 cipher_suite_mismatch:.45",
    # In a server's accept the bad point is the client's share (tls_process_cke_ecdhe).
    "BAD_ECPOINT": ("client_misconfiguration:.5 middlebox_or_firewall_interference:.3 "
                    "server_misconfiguration:.2"),
}

X509_VERIFY: dict[str, str] = {
    "UNABLE_TO_GET_ISSUER_CERT": "incomplete_chain:.55 cert_untrusted_root:.45",
    # The same words mean a client without a usable CA store, a server that leaves out its
    # intermediate, a private CA, or an intercepting proxy. Real-world dev set (tests/ingest/
    # upstream/heldout, round 3): of 24 threads, 15 were the client's store or CA setting,
    # 5 the server's chain, 2 interception, 2 a private CA; but who printed it decides: the
    # programs that wrap these words (python.py, wget.py, curl.py, programs.py) carry their
    # own prior, and the bare text (OpenSSL's CLI, a library's message) was a CA the
    # verifier did not hold in 2 of 2 threads. Below 0.5: a ranking, `next` tells them apart.
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY": ("cert_untrusted_root:.35 incomplete_chain:.3 "
                                          "client_misconfiguration:.2 "
                                          "tls_interception_mitm:.15"),
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE": "incomplete_chain:.55 cert_untrusted_root:.45",
    "DEPTH_ZERO_SELF_SIGNED_CERT": "cert_self_signed:.9 tls_interception_mitm:.1",
    # A root in the chain the client does not trust: an inspection proxy's own root or a
    # private CA. Prior from the dev set (round 3): of 8 threads (npm, Node, git), 5 were an
    # intercepting proxy (a public registry cannot chain to a self-made root), 2 a private
    # CA, 1 a client setting. Below 0.5: `next` compares the issuer with another network's.
    "SELF_SIGNED_CERT_IN_CHAIN": ("tls_interception_mitm:.45 cert_untrusted_root:.4 "
                                  "client_misconfiguration:.15"),
    "CERT_NOT_YET_VALID": common.NOT_YET_CAUSES,
    # OpenSSL checks every certificate of the path it builds, so "certificate has expired"
    # is the server's leaf or an expired root/cross-sign this client's old store or old
    # library still builds to (AddTrust External CA Root, May 2020; DST Root CA X3,
    # September 2021). Dev set (round 4): of 9 threads, 7 were the client's store or
    # library (OpenSSL 1.0.x, LibreSSL, CentOS 6 wget, an outdated bundled cacert.pem), 2 a
    # leaf that had expired; holdout threads lean the other way, so both stay near 0.45 and
    # `tlsdoctor diagnose HOST` (the leaf's own dates, the path a current store builds)
    # tells them apart.
    "CERT_HAS_EXPIRED": "cert_expired:.45 client_misconfiguration:.4 client_clock_wrong:.15",
    "CERT_REVOKED": "cert_revoked:1",
    "HOSTNAME_MISMATCH": "hostname_mismatch:1",
    "IP_ADDRESS_MISMATCH": "hostname_mismatch:1",
    "EMAIL_MISMATCH": "hostname_mismatch:.5 cert_wrong_purpose:.5",
    # Round 27 (holdout36): "certificate not trusted" (Qt: "The root CA certificate is not
    # trusted for this purpose") is check_trust's verdict on a chain that DID reach a store
    # certificate: X509_check_trust found no trust in it for the purpose asked (its auxiliary
    # trust/reject lists, crypto/x509/x509_trs.c obj_trust; before 1.1.0, trust_compat's
    # "not self-signed" too), openssl/openssl crypto/x509/x509_vfy.c check_trust @
    # 00207e8eee58ce161a2b761416624d10a2f6e54d. A root absent from the store is
    # UNABLE_TO_GET_ISSUER_CERT_LOCALLY instead. So the store's trust in that root first, the
    # purpose second, neither sure (a Murmur server refusing a user's own-CA client
    # certificate printed Qt's sentence: mumble-voip/mumble#1037).
    "CERT_UNTRUSTED": "cert_untrusted_root:.55 cert_wrong_purpose:.45",
    "CERT_REJECTED": "cert_untrusted_root:.5 cert_wrong_purpose:.5",
    "INVALID_PURPOSE": "cert_wrong_purpose:1",
    "INVALID_CA": "cert_wrong_purpose:.7 bad_chain_order_or_extra:.3",
    "INVALID_NON_CA": "cert_wrong_purpose:1",
    "CERT_CHAIN_TOO_LONG": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5",
    "PATH_LENGTH_EXCEEDED": "cert_wrong_purpose:1",
    "PATH_LOOP": "bad_chain_order_or_extra:1",
    "CERT_SIGNATURE_FAILURE": common.STALE_CA,
    "UNABLE_TO_DECRYPT_CERT_SIGNATURE": "bad_chain_order_or_extra:.6 tls_interception_mitm:.4",
    "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY": "server_misconfiguration:.6 bad_chain_order_or_extra:.4",
    "SUBJECT_ISSUER_MISMATCH": "bad_chain_order_or_extra:.7 incomplete_chain:.3",
    "AKID_SKID_MISMATCH": "bad_chain_order_or_extra:.7 incomplete_chain:.3",
    "AKID_ISSUER_SERIAL_MISMATCH": "bad_chain_order_or_extra:.7 incomplete_chain:.3",
    "ERROR_IN_CERT_NOT_BEFORE_FIELD": "server_misconfiguration:1",
    "ERROR_IN_CERT_NOT_AFTER_FIELD": "server_misconfiguration:1",
    "EE_KEY_TOO_SMALL": "weak_signature_or_key:1",
    "CA_KEY_TOO_SMALL": "weak_signature_or_key:1",
    "CA_MD_TOO_WEAK": "weak_signature_or_key:1",
    "UNSUPPORTED_SIGNATURE_ALGORITHM": "weak_signature_or_key:.7 client_misconfiguration:.3",
    "UNABLE_TO_GET_CRL": "client_misconfiguration:.7 cert_revoked:.3",
    "OCSP_VERIFY_NEEDED": "ocsp_must_staple_missing:.6 client_misconfiguration:.4",
    "OCSP_VERIFY_FAILED": "cert_revoked:.5 ocsp_must_staple_missing:.5",
    "OCSP_CERT_UNKNOWN": "cert_revoked:.6 server_misconfiguration:.4",
    "DANE_NO_MATCH": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "NO_VALID_SCTS": "server_misconfiguration:.7 tls_interception_mitm:.3",
    "APPLICATION_VERIFICATION": "client_misconfiguration:.6 cert_untrusted_root:.4",
    "PERMITTED_VIOLATION": "cert_wrong_purpose:1",
    "EXCLUDED_VIOLATION": "cert_wrong_purpose:1",
    "UNHANDLED_CRITICAL_EXTENSION": "cert_wrong_purpose:1",
    "KEYUSAGE_NO_CERTSIGN": "cert_wrong_purpose:1",
    "KEYUSAGE_NO_DIGITAL_SIGNATURE": "cert_wrong_purpose:1",
    "NO_ISSUER_PUBLIC_KEY": "server_misconfiguration:.6 bad_chain_order_or_extra:.4",
    # Round 26 (holdout34): RFC 5280 profile checks made only under X509_V_FLAG_X509_STRICT
    # (Python 3.13's default context), on a certificate below the chain's top that is not
    # self-signed (openssl/openssl crypto/x509/x509_vfy.c @ 00207e8eee58, check_extensions:
    # "Check AKID presence acc. to RFC 5280 section 4.2.1.1"). Public CAs' certificates carry
    # both key identifiers, so the certificate was minted by a private CA or an inspecting
    # proxy (mitmproxy, Proxyman, a firewall) whose profile omits them; the text does not say
    # which: the certificate's extensions first, an inspecting proxy second, none sure. Not a
    # key's strength (the keyword rule below read "KEY" in KEY_IDENTIFIER so, at .7).
    "MISSING_AUTHORITY_KEY_IDENTIFIER": _KEYID_PROFILE,
    "MISSING_SUBJECT_KEY_IDENTIFIER": _KEYID_PROFILE,
    "AUTHORITY_KEY_IDENTIFIER_CRITICAL": _KEYID_PROFILE,
    "SUBJECT_KEY_IDENTIFIER_CRITICAL": _KEYID_PROFILE,
}

_X509_KEYWORDS = (("CRL", "client_misconfiguration:.7 cert_revoked:.3"),
                  ("SUITE_B", "client_misconfiguration:.7 weak_signature_or_key:.3"),
                  ("PROXY", "cert_wrong_purpose:1"),
                  ("KEY", "cert_wrong_purpose:.7 weak_signature_or_key:.3"),
                  ("CA", "cert_wrong_purpose:1"),
                  ("NAME", "cert_wrong_purpose:1"),
                  ("EXTENSION", "cert_wrong_purpose:1"),
                  ("POLICY", "cert_wrong_purpose:1"),
                  ("SIGNATURE", "weak_signature_or_key:.6 bad_chain_order_or_extra:.4"),
                  ("ALGORITHM", "weak_signature_or_key:.6 client_misconfiguration:.4"))

# Verify results that are not a certificate fault at all.
X509_NONE = {"OK", "UNSPECIFIED", "OUT_OF_MEM", "INVALID_CALL", "STORE_LOOKUP"}

# Other libraries: loading the certificate, key or CA file is where TLS users meet them.
_FILES = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"
OTHER: dict[str, str] = {
    "X509_R_KEY_VALUES_MISMATCH": "server_misconfiguration:.7 client_misconfiguration:.3 | reason",
    "X509_R_KEY_TYPE_MISMATCH": "server_misconfiguration:.7 client_misconfiguration:.3 | reason",
    "X509_R_CERT_ALREADY_IN_HASH_TABLE": "no_fault",
    "X509_R_CERTIFICATE_VERIFICATION_FAILED": _CERT_GENERIC + " | category",
    "X509_R_NO_CERTIFICATE_FOUND": _FILES,
    "X509_R_NO_CERTIFICATE_OR_CRL_FOUND": _FILES,
    "X509_R_INVALID_DIRECTORY": _FILES,
    "X509_R_LOADING_CERT_DIR": _FILES,
    "X509_R_BAD_X509_FILETYPE": _FILES,
    "X509_R_UNSUPPORTED_ALGORITHM": "weak_signature_or_key:.5 client_misconfiguration:.5",
    "X509_R_UNKNOWN_KEY_TYPE": "server_misconfiguration:.6 client_misconfiguration:.4",
    "PEM_R_NO_START_LINE": _FILES,
    "PEM_R_BAD_END_LINE": _FILES,
    "PEM_R_BAD_BASE64_DECODE": _FILES,
    "PEM_R_SHORT_HEADER": _FILES,
    "PEM_R_BAD_DECRYPT": _FILES,
    "PEM_R_BAD_PASSWORD_READ": _FILES,
    "PEM_R_PROBLEMS_GETTING_PASSWORD": _FILES,
    "PEM_R_READ_KEY": _FILES,
    "PEM_R_EXPECTING_PRIVATE_KEY_BLOB": _FILES,
    "X509V3_R_INVALID_CERTIFICATE": "not_tls",
    "X509_V_ERR_OCSP_HAS_EXPIRED": "server_misconfiguration:.6 ocsp_must_staple_missing:.4",
    "X509V3_R_NO_ISSUER_CERTIFICATE": "incomplete_chain:.6 server_misconfiguration:.4",
}


def _judge() -> dict[str, str]:
    out: dict[str, str] = {}
    for name, (cs, spec) in SSL_REASONS.items():
        out[f"SSL_R_{name}"] = f"{cs} | {_TIER[spec]}"
    for name in X509_NONE:
        out[f"X509_V_{'OK' if name == 'OK' else 'ERR_' + name}"] = "no_fault"
    for name, cs in X509_VERIFY.items():
        out[f"X509_V_ERR_{name}"] = f"{cs} | reason"
    out.update(OTHER)
    return out


JUDGE = _judge()

RULES = (
    (r"^SSL_R_(?:SSLV3|TLSV1\w*|TLS)_ALERT_|^SSL_R_TLSV1_(?:UNRECOGNIZED_NAME|"
     r"BAD_CERTIFICATE_\w+|CERTIFICATE_UNOBTAINABLE)\t", "elsewhere",
     "alerts the peer sent: alerts.py judges them by which side received them"),
    *((rf"^X509_V_ERR_\w*{kw}", f"{cs} | reason", f"verify results naming {kw}")
      for kw, cs in _X509_KEYWORDS),
    (r"^X509_V_ERR_", "cert_wrong_purpose:.5 cert_untrusted_root:.5 | specific",
     "other verify results reject the chain for a certificate property"),
    (r"^SSL_R_\w*(?:EXTENSION|EXT_|HELLO|RECORD|MESSAGE|LENGTH|PACKET|CCS|KEY_SHARE|"
     r"ENCODING|DECODE|PARSE|CHANGE_CIPHER|FINISHED|TICKET|PSK|EARLY_DATA|COOKIE|"
     r"COMPRESS|MAC|PADDING|PAD_)", "middlebox_or_firewall_interference:.5 "
     "server_misconfiguration:.25 client_misconfiguration:.25 | category",
     "the peer's bytes broke the protocol: a middlebox, or a buggy peer"),
    (r"^SSL_R_\w*(?:CERT|KEY)\w*\t", "server_misconfiguration:.6 "
     "client_misconfiguration:.4 | category",
     "loading or using a certificate or key: the side whose configuration names it"),
    (r"^(?:SSL|X509|X509V3|PEM)_R_", "not_tls",
     "remaining reasons are API misuse, configuration-file syntax, QUIC, DANE or "
     "internal states of the library, not why a connection failed"),
)
