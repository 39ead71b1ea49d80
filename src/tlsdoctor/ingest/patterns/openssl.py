"""OpenSSL (1.0.x, 1.1.x, 3.x) reason codes, verify results and their causes.

Names, numbers and strings: ``openssl_tables.py`` (generated from OpenSSL 3.0's
include/openssl/sslerr.h, x509_vfy.h, ssl/ssl_err.c, crypto/x509/x509_txt.c). The cause
columns are tlsdoctor's reading of each reason. OpenSSL 1.1.x spells "self signed
certificate" without the hyphen (crypto/x509/x509_txt.c of 1.1.1), hence ``[- ]``.
Packed codes (``error:0A000086``) are decoded by ``ingest/messages.py`` with these tables.
"""

from __future__ import annotations

import re

from ...causes import Cause
from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, Row, causes, table
from .openssl_tables import SSL_REASONS, X509_VERIFY

SRC_SSL = "OpenSSL 3.0 ssl/ssl_err.c, include/openssl/sslerr.h"
SRC_X509 = "OpenSSL 3.0 crypto/x509/x509_txt.c, include/openssl/x509_vfy.h"

_CERT_GENERIC = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 "
                 "cert_expired:.1 hostname_mismatch:.1 tls_interception_mitm:.05")

# SSL_R_* name -> (causes, specificity). Alerts (codes >= 1000) live in alerts.py.
SSL_REASON_CAUSES: dict[str, tuple[str, int]] = {
    "CERTIFICATE_VERIFY_FAILED": (_CERT_GENERIC, CATEGORY),
    "WRONG_VERSION_NUMBER": ("non_tls_service_on_port:.6 protocol_version_mismatch:.25 "
                             "middlebox_or_firewall_interference:.15", SPECIFIC),
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
    "NO_SHARED_CIPHER": ("cipher_suite_mismatch:.9 server_misconfiguration:.1", REASON),
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
    "UNSAFE_LEGACY_RENEGOTIATION_DISABLED": (
        "server_misconfiguration:.6 client_misconfiguration:.4", REASON),
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
    "BAD_ECPOINT": ("middlebox_or_firewall_interference:.5", CATEGORY),
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

# X509_V_ERR_* name -> causes. Unlisted names fall back by keyword (see verify_causes).
X509_CAUSES: dict[str, str] = {
    "UNABLE_TO_GET_ISSUER_CERT": "incomplete_chain:.55 cert_untrusted_root:.45",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY": ("incomplete_chain:.45 cert_untrusted_root:.45 "
                                          "tls_interception_mitm:.1"),
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE": "incomplete_chain:.55 cert_untrusted_root:.45",
    "DEPTH_ZERO_SELF_SIGNED_CERT": "cert_self_signed:.9 tls_interception_mitm:.1",
    "SELF_SIGNED_CERT_IN_CHAIN": ("cert_untrusted_root:.6 tls_interception_mitm:.3 "
                                  "bad_chain_order_or_extra:.1"),
    "CERT_NOT_YET_VALID": "cert_not_yet_valid:.7 client_clock_wrong:.3",
    "CERT_HAS_EXPIRED": "cert_expired:.85 client_clock_wrong:.15",
    "CERT_REVOKED": "cert_revoked:1",
    "HOSTNAME_MISMATCH": "hostname_mismatch:1",
    "IP_ADDRESS_MISMATCH": "hostname_mismatch:1",
    "EMAIL_MISMATCH": "hostname_mismatch:.5 cert_wrong_purpose:.5",
    "CERT_UNTRUSTED": "cert_untrusted_root:.8 cert_wrong_purpose:.2",
    "CERT_REJECTED": "cert_untrusted_root:.5 cert_wrong_purpose:.5",
    "INVALID_PURPOSE": "cert_wrong_purpose:1",
    "INVALID_CA": "cert_wrong_purpose:.7 bad_chain_order_or_extra:.3",
    "INVALID_NON_CA": "cert_wrong_purpose:1",
    "CERT_CHAIN_TOO_LONG": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5",
    "PATH_LENGTH_EXCEEDED": "cert_wrong_purpose:1",
    "PATH_LOOP": "bad_chain_order_or_extra:1",
    "CERT_SIGNATURE_FAILURE": ("bad_chain_order_or_extra:.4 tls_interception_mitm:.3 "
                               "weak_signature_or_key:.3"),
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
_X509_NONE = {"OK", "UNSPECIFIED", "OUT_OF_MEM", "INVALID_CALL", "STORE_LOOKUP"}


def verify_causes(number: int) -> tuple[tuple[str, str], tuple[tuple[Cause, float], ...]]:
    """(name, text) and the causes of X509 verify result ``number`` (unknown -> no causes)."""
    name, text = X509_VERIFY.get(number, (f"#{number}", "unknown verification error"))
    if name in _X509_NONE or name.startswith("#"):
        return (name, text), ()
    spec = X509_CAUSES.get(name)
    if spec is None:
        spec = next((cs for kw, cs in _X509_KEYWORDS if kw in name),
                    "cert_wrong_purpose:.5 cert_untrusted_root:.5")
    return (name, text), causes(spec)


def reason_causes(number: int) -> tuple[str, str, tuple[tuple[Cause, float], ...], int] | None:
    """SSL library reason ``number`` -> (name, text, causes, spec); None when unknown."""
    if number not in SSL_REASONS:
        return None
    name, text = SSL_REASONS[number]
    cs, spec = SSL_REASON_CAUSES.get(name, ("", GENERIC))
    return name, text, causes(cs), spec


def _text_rx(text: str) -> str:
    rx = re.escape(text).replace(r"self\-signed", "self[- ]signed")
    # Not followed by more words: "self-signed certificate" must not match "self-signed
    # certificate in certificate chain" (a different verify result).
    rx = rf"\b{rx}\b(?![ _-]?[A-Za-z])" if text[-1].isalnum() else rf"\b{rx}"
    if len(text.split()) < 3:
        # Two-word reasons ("http request", "bad signature") are ordinary English: only
        # trust them where OpenSSL puts a reason, after "routines:..:" / "[SSL: X] " or
        # alone on a line.
        rx = rf"(?m)(?:^\s*{rx}\s*$|[:\]]\s?{rx})"
    return rx


def _needle(text: str) -> str:
    """The literal every spelling contains (1.1.1 writes "self signed", 3.0 "self-signed")."""
    low = text.lower()
    return low.split("self-signed")[-1].strip() if "self-signed" in low else low


def _patterns() -> tuple[Pattern, ...]:
    rows: list[Row] = []
    for name, (cs, spec) in SSL_REASON_CAUSES.items():
        num = next((n for n, (nm, _) in SSL_REASONS.items() if nm == name), None)
        if num is None:
            continue
        text = SSL_REASONS[num][1]
        rows.append((_text_rx(text), f"OpenSSL: {text} (SSL_R_{name})", cs, spec, SRC_SSL,
                     _needle(text)))
        rows.append((rf"(?<![A-Za-z0-9]){name}\b", f"OpenSSL: {text} (SSL_R_{name})", cs, spec))
    for num, (name, text) in X509_VERIFY.items():
        (_, _), vcs = verify_causes(num)
        if not vcs or len(text) < 12:
            continue
        spec_str = " ".join(f"{c.value}:{p}" for c, p in vcs)
        rows.append((_text_rx(text), f"certificate verification: {text} (X509_V_ERR_{name})",
                     spec_str, REASON, SRC_X509, _needle(text)))
    # OpenSSL 1.1.1 wording of the same results (crypto/x509/x509_txt.c, 1.1.1).
    rows.append((r"\bself signed certificate in certificate chain\b",
                 "certificate verification: self signed certificate in certificate chain",
                 X509_CAUSES["SELF_SIGNED_CERT_IN_CHAIN"], REASON, SRC_X509))
    rows.append((r"\bunable to get local issuer certificate\b",
                 "certificate verification: unable to get local issuer certificate "
                 "(X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY)",
                 X509_CAUSES["UNABLE_TO_GET_ISSUER_CERT_LOCALLY"], REASON, SRC_X509))
    rows.append((r"\bself[- ]signed certificate in certificate chain\b",
                 "certificate verification: self-signed certificate in certificate chain",
                 X509_CAUSES["SELF_SIGNED_CERT_IN_CHAIN"], REASON, SRC_X509))
    # s_client's own lines (apps/s_client.c, apps/lib/apps.c).
    rows.append((r"\bconnect:errno=(?P<errno>\d+)",
                 "openssl s_client could not open the TCP connection (errno {errno})",
                 "name_resolution_or_unreachable:.6 middlebox_or_firewall_interference:.4",
                 CATEGORY, "OpenSSL 3.0 apps/s_client.c"))
    rows.append((r"\bno peer certificate available\b",
                 "the handshake ended before the server sent a certificate",
                 "middlebox_or_firewall_interference:.3 protocol_version_mismatch:.25 "
                 "cipher_suite_mismatch:.25 non_tls_service_on_port:.2", GENERIC,
                 "OpenSSL 3.0 apps/s_client.c"))
    rows.append((r"\bwrite:errno=104\b", "the peer reset the connection during the handshake",
                 "middlebox_or_firewall_interference:.6 protocol_version_mismatch:.2 "
                 "sni_required_or_mismatch:.2", CATEGORY, "OpenSSL 3.0 apps/s_client.c"))
    return table("openssl", SRC_SSL, rows)


PATTERNS = _patterns()
