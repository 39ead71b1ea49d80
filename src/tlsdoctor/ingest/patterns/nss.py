"""Firefox / NSS error names: ``SEC_ERROR_*`` (lib/util/secerr.h), ``SSL_ERROR_*``
(lib/ssl/sslerr.h) and ``MOZILLA_PKIX_ERROR_*`` (security/nss/lib/mozpkix/include/pkix/
pkixnss.h; Firefox security/manager/locales/.../nsserrors.ftl).
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .alerts import peer_readings
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES, OCSP_OTHER_CERT

# NSS reports every handshake_failure answering its ClientHello as no cipher overlap
# (lib/ssl/ssl3con.c ssl3_HandleAlert; judgement/nss.py).
_NO_OVERLAP = ("cipher_suite_mismatch:.55 server_misconfiguration:.2 protocol_version_mismatch:.15 "
               "sni_required_or_mismatch:.1")
_ISSUER = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
           "tls_interception_mitm:.15")

ERRORS: dict[str, tuple[str, str, int]] = {
    "SEC_ERROR_UNKNOWN_ISSUER": ("the issuer is unknown", _ISSUER, SPECIFIC),
    "SEC_ERROR_UNTRUSTED_ISSUER": ("the issuer is not trusted", "cert_untrusted_root:.8 "
                                   "tls_interception_mitm:.2", SPECIFIC),
    "SEC_ERROR_UNTRUSTED_CERT": ("the certificate is not trusted", "cert_untrusted_root:.6 "
                                 "cert_self_signed:.4", SPECIFIC),
    # NSS's classic verifier (lib/certhigh/certvfy.c, cert_VerifyCertChainOld /
    # CERT_VerifyCertificate) sets SEC_ERROR_EXPIRED_CERTIFICATE for secCertTimeExpired AND
    # secCertTimeNotValidYet; only mozilla::pkix (Firefox) has a not-yet-valid code.
    "SEC_ERROR_EXPIRED_CERTIFICATE": ("the certificate has expired, or is not valid yet",
                                      "cert_expired:.55 cert_not_yet_valid:.3 "
                                      "client_clock_wrong:.15", REASON),
    "SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE": ("the issuer's certificate has expired",
                                             "cert_expired:.85 client_clock_wrong:.15", REASON),
    "SEC_ERROR_REVOKED_CERTIFICATE": ("the certificate is revoked", "cert_revoked:1", REASON),
    # The classic verifier walks to the issuer; a self-signed leaf (CA:FALSE) is its own
    # issuer and fails the CA check there (lib/certhigh/certvfy.c), so tstclnt and
    # NSS-built curl report a self-signed server certificate with this code.
    "SEC_ERROR_CA_CERT_INVALID": ("the issuer is not a valid CA (or the certificate is "
                                  "self-signed)", "cert_self_signed:.45 cert_wrong_purpose:.35 "
                                  "bad_chain_order_or_extra:.2", REASON),
    "SEC_ERROR_INADEQUATE_KEY_USAGE": ("keyUsage forbids this use", "cert_wrong_purpose:1",
                                       REASON),
    "SEC_ERROR_INADEQUATE_CERT_TYPE": ("the certificate is not for TLS servers",
                                       "cert_wrong_purpose:1", REASON),
    "SEC_ERROR_CERT_NOT_IN_NAME_SPACE": ("the name violates name constraints",
                                         "cert_wrong_purpose:1", REASON),
    "SEC_ERROR_UNKNOWN_CRITICAL_EXTENSION": ("an unknown critical extension",
                                             "cert_wrong_purpose:1", REASON),
    "SEC_ERROR_CERT_SIGNATURE_ALGORITHM_DISABLED": ("the signature algorithm is disabled",
                                                    "weak_signature_or_key:1", REASON),
    "SEC_ERROR_BAD_SIGNATURE": ("a certificate signature does not verify",
                                "bad_chain_order_or_extra:.5 tls_interception_mitm:.5", SPECIFIC),
    "SEC_ERROR_BAD_DER": ("a certificate is malformed", "server_misconfiguration:1", REASON),
    "SEC_ERROR_OCSP_INVALID_SIGNING_CERT": ("the OCSP response is signed wrongly",
                                            "server_misconfiguration:.6 cert_revoked:.4", SPECIFIC),
    "SEC_ERROR_OCSP_OLD_RESPONSE": ("the stapled OCSP response is too old",
                                    "server_misconfiguration:.6 ocsp_must_staple_missing:.4",
                                    SPECIFIC),
    "SEC_ERROR_OCSP_UNKNOWN_CERT": ("the OCSP responder does not know the certificate",
                                    "cert_revoked:.5 server_misconfiguration:.5", SPECIFIC),
    "SEC_ERROR_OCSP_SERVER_ERROR": ("the OCSP responder failed", "client_misconfiguration:.5 "
                                    "middlebox_or_firewall_interference:.5", SPECIFIC),
    "SSL_ERROR_BAD_CERT_DOMAIN": ("the certificate is not for this host name",
                                  "hostname_mismatch:.9 tls_interception_mitm:.1", REASON),
    # any handshake_failure answering the ClientHello (judgement/nss.py)
    "SSL_ERROR_NO_CYPHER_OVERLAP": ("no cipher suite in common, or another refusal of the "
                                    "ClientHello (a server without a certificate for the "
                                    "name)", _NO_OVERLAP, SPECIFIC),
    "SSL_ERROR_UNSUPPORTED_VERSION": ("no TLS version in common", "protocol_version_mismatch:1",
                                      REASON),
    "SSL_ERROR_PROTOCOL_VERSION_ALERT": ("the server sent protocol_version",
                                         "protocol_version_mismatch:1", REASON),
    "SSL_ERROR_HANDSHAKE_FAILURE_ALERT": ("the server sent handshake_failure",
                                          "cipher_suite_mismatch:.45 protocol_version_mismatch:.25 "
                                          "client_cert_required:.15 sni_required_or_mismatch:.15",
                                          CATEGORY),
    "SSL_ERROR_BAD_CERT_ALERT": ("the server rejected the client certificate",
                                 "client_cert_required:1", SPECIFIC),
    "SSL_ERROR_UNKNOWN_CA_ALERT": ("the server does not trust the client certificate's CA",
                                   "client_cert_required:1", SPECIFIC),
    "SSL_ERROR_CERTIFICATE_REQUIRED_ALERT": ("the server requires a client certificate",
                                             "client_cert_required:1", REASON),
    "SSL_ERROR_EXPIRED_CERT_ALERT": ("the server says the client certificate expired",
                                     "client_cert_required:1", SPECIFIC),
    "SSL_ERROR_REVOKED_CERT_ALERT": ("the server says the client certificate is revoked",
                                     "client_cert_required:1", SPECIFIC),
    "SSL_ERROR_NO_CERTIFICATE": ("no client certificate to send", "client_cert_required:1",
                                 REASON),
    # who answered in plain text is not in the words (judgement/nss.py, round 24)
    "SSL_ERROR_RX_RECORD_TOO_LONG": ("the reply is not TLS (HTTPS sent to an HTTP port?)",
                                     "non_tls_service_on_port:.55 "
                                     "middlebox_or_firewall_interference:.25 "
                                     "client_misconfiguration:.2", REASON),
    "SSL_ERROR_INAPPROPRIATE_FALLBACK_ALERT": ("the server saw a downgrade (fallback)",
                                               "middlebox_or_firewall_interference:.7 "
                                               "client_misconfiguration:.3", SPECIFIC),
    "SSL_ERROR_UNRECOGNIZED_NAME_ALERT": ("the server does not know the SNI name",
                                          "sni_required_or_mismatch:1", REASON),
    "SSL_ERROR_WEAK_SERVER_EPHEMERAL_DH_KEY": ("the server's DH key is too weak",
                                               "weak_cipher_or_no_pfs:1", REASON),
    "SSL_ERROR_INSUFFICIENT_SECURITY_ALERT": ("the server sent insufficient_security",
                                              "cipher_suite_mismatch:.8 "
                                              "protocol_version_mismatch:.2", SPECIFIC),
    "SSL_ERROR_ILLEGAL_PARAMETER_ALERT": ("the server sent illegal_parameter",
                                          "middlebox_or_firewall_interference:.35 "
                                          "server_misconfiguration:.35 "
                                          "client_misconfiguration:.3", CATEGORY),
    "SSL_ERROR_INTERNAL_ERROR_ALERT": ("the server sent internal_error",
                                       "server_misconfiguration:.7 "
                                       "middlebox_or_firewall_interference:.3", CATEGORY),
    "SSL_ERROR_BAD_MAC_READ": ("a record failed its MAC check", "middlebox_or_firewall_interference:.7 "
                               "server_misconfiguration:.3", SPECIFIC),
    "SSL_ERROR_BAD_CERT_STATUS_RESPONSE_ALERT": ("bad certificate status response",
                                                 "ocsp_must_staple_missing:.5 cert_revoked:.5",
                                                 SPECIFIC),
    "SSL_ERROR_ACCESS_DENIED_ALERT": ("the server denied access", "client_cert_required:.45 "
                                      "sni_required_or_mismatch:.3 "
                                      "middlebox_or_firewall_interference:.25", SPECIFIC),
    "SSL_ERROR_HANDSHAKE_UNEXPECTED_ALERT": ("an unexpected alert during the handshake",
                                             "middlebox_or_firewall_interference:.5 "
                                             "server_misconfiguration:.5", CATEGORY),
    "SSL_ERROR_NO_SUPPORTED_SIGNATURE_ALGORITHM": ("no signature algorithm in common",
                                                   "cipher_suite_mismatch:1", REASON),
    "MOZILLA_PKIX_ERROR_SELF_SIGNED_CERT": ("the certificate is self-signed",
                                            "cert_self_signed:1", REASON),
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_CERTIFICATE": ("the certificate is not valid yet",
                                                     NOT_YET_CAUSES,
                                                     REASON),
    "MOZILLA_PKIX_ERROR_NOT_YET_VALID_ISSUER_CERTIFICATE": ("the issuer is not valid yet",
                                                            NOT_YET_CAUSES, REASON),
    "MOZILLA_PKIX_ERROR_MITM_DETECTED": ("a TLS-intercepting product was detected",
                                         "tls_interception_mitm:1", REASON),
    "MOZILLA_PKIX_ERROR_INADEQUATE_KEY_SIZE": ("a key is too small", "weak_signature_or_key:1",
                                               REASON),
    "MOZILLA_PKIX_ERROR_V1_CERT_USED_AS_CA": ("a v1 certificate is used as a CA",
                                              "cert_wrong_purpose:1", REASON),
    "MOZILLA_PKIX_ERROR_CA_CERT_USED_AS_END_ENTITY": ("a CA certificate is used as the leaf",
                                                      "cert_wrong_purpose:1", REASON),
    "MOZILLA_PKIX_ERROR_REQUIRED_TLS_FEATURE_MISSING": ("must-staple without a stapled OCSP",
                                                        "ocsp_must_staple_missing:1", REASON),
    # another certificate's OCSP response, not must-staple (judgement/_common.py)
    "MOZILLA_PKIX_ERROR_OCSP_RESPONSE_FOR_CERT_MISSING": (
        "the OCSP response has no status for this certificate (another certificate's)",
        OCSP_OTHER_CERT.split(" | ")[0], REASON),
    "MOZILLA_PKIX_ERROR_ADDITIONAL_POLICY_CONSTRAINT_FAILED": ("a root policy was violated",
                                                               "cert_untrusted_root:1", REASON),
    "MOZILLA_PKIX_ERROR_EMPTY_ISSUER_NAME": ("a certificate has an empty issuer",
                                             "server_misconfiguration:1", REASON),
    "MOZILLA_PKIX_ERROR_INVALID_INTEGER_ENCODING": ("a certificate is malformed",
                                                    "server_misconfiguration:1", REASON),
    "MOZILLA_PKIX_ERROR_KEY_PINNING_FAILURE": ("the key does not match the pinned keys",
                                               "tls_interception_mitm:.6 "
                                               "server_misconfiguration:.4", REASON),
    "MOZILLA_PKIX_ERROR_INSUFFICIENT_CERTIFICATE_TRANSPARENCY": (
        "not enough CT information", "server_misconfiguration:.7 tls_interception_mitm:.3",
        REASON),
    "PR_END_OF_FILE_ERROR": ("the server closed the connection during the handshake",
                             "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.3 "
                             "cipher_suite_mismatch:.3", GENERIC),
    "PR_CONNECT_RESET_ERROR": ("the connection was reset", "middlebox_or_firewall_interference:.7 "
                               "protocol_version_mismatch:.3", CATEGORY),
}

_HAND = table("nss", "NSS lib/util/secerr.h, lib/ssl/sslerr.h; mozpkix pkixnss.h", [
    *[(rf"(?<![A-Za-z0-9_]){name}\b", f"NSS {name}: {meaning}", cs, spec)
      for name, (meaning, cs, spec) in ERRORS.items()],
    (r"\bPeer's Certificate issuer is not recognized\b", "NSS: the issuer is unknown", _ISSUER,
     SPECIFIC, "NSS lib/util/SECerrs.h (SEC_ERROR_UNKNOWN_ISSUER text)"),
    (r"\bPeer's Certificate has expired\b", "NSS: the certificate has expired, or is not "
     "valid yet", "cert_expired:.55 cert_not_yet_valid:.3 client_clock_wrong:.15", REASON,
     "NSS lib/util/SECerrs.h; lib/certhigh/certvfy.c (both time errors)"),
    (r"\bUnable to communicate securely with peer: requested domain name does not match",
     "NSS: the certificate is not for this host name", "hostname_mismatch:1", REASON,
     "NSS lib/ssl/SSLerrs.h (SSL_ERROR_BAD_CERT_DOMAIN)"),
    (r"\bCannot communicate securely with peer: no common encryption algorithm",
     "NSS: no cipher suite in common (or another refusal of the ClientHello)", _NO_OVERLAP,
     SPECIFIC, "NSS lib/ssl/SSLerrs.h (SSL_ERROR_NO_CYPHER_OVERLAP)"),
    (r"\bSSL received a record that exceeded the maximum permissible length",
     "NSS: the reply is not TLS", "non_tls_service_on_port:.55 "
     "middlebox_or_firewall_interference:.25 client_misconfiguration:.2", REASON,
     "NSS lib/ssl/SSLerrs.h"),
    (r"\bSecure Connection Failed\b", "Firefox could not make a secure connection",
     "protocol_version_mismatch:.3 cipher_suite_mismatch:.3 "
     "middlebox_or_firewall_interference:.2 non_tls_service_on_port:.2", GENERIC,
     "Firefox browser/locales netError.ftl"),
])

# NSS's codes for an alert the peer sent about *this* side's certificate (lib/ssl/sslerr.h,
# SSLerrs.h: "SSL peer cannot verify your certificate."...): an NSS server (389-ds, mod_nss)
# logs them when the client rejected the server's certificate (alerts.peer_readings).
PEER_ALERTS = {"SSL_ERROR_BAD_CERT_ALERT": 42, "SSL_ERROR_UNSUPPORTED_CERT_ALERT": 43,
               "SSL_ERROR_REVOKED_CERT_ALERT": 44, "SSL_ERROR_EXPIRED_CERT_ALERT": 45,
               "SSL_ERROR_CERTIFICATE_UNKNOWN_ALERT": 46, "SSL_ERROR_UNKNOWN_CA_ALERT": 48}

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it (Firefox shows NSS's identifiers too).
PATTERNS = peer_readings(upstream_patterns("nss", "NSS", side="client", as_source="nss")
                         + upstream_patterns("firefox", "Firefox", side="client",
                                             as_source="nss") + _HAND, PEER_ALERTS)
