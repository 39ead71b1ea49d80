"""Apple Secure Transport errSSL* and Security framework errSec* (base/SecBase.h), as
URLSession, curl-sectransp and macOS tools print them (the name or OSStatus number)."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "errSSLXCertChainInvalid": common.UNTRUSTED.replace("| specific", "") + " | specific",
    "errSSLNoRootCert": common.UNTRUSTED, "errSSLUnknownRootCert": common.UNTRUSTED,
    "errSSLCertExpired": common.EXPIRED, "errSSLCertNotYetValid": common.NOT_YET,
    "errSSLPeerCertExpired": "client_cert_required:1",
    "errSSLPeerCertRevoked": "client_cert_required:1",
    "errSSLPeerCertUnknown": "client_cert_required:1",
    "errSSLPeerUnknownCA": "client_cert_required:1",
    "errSSLPeerBadCert": "client_cert_required:.8 server_misconfiguration:.2",
    "errSSLPeerUnsupportedCert": "client_cert_required:.7 cert_wrong_purpose:.3",
    "errSSLHostNameMismatch": common.HOSTNAME,
    "errSSLPeerHandshakeFail": common.HANDSHAKE.replace("generic", "category"),
    "errSSLNegotiation": common.CIPHER_OR_VERSION, "errSSLPeerProtocolVersion": common.VERSION,
    "errSSLPeerInsufficientSecurity": common.CIPHER_OR_VERSION,
    "errSSLProtocol": common.PROTOCOL_BROKEN, "errSSLRecordOverflow": common.NOT_TLS_PORT,
    "errSSLClosedAbort": common.EOF_CLOSED, "errSSLConnectionRefused": common.EOF_CLOSED,
    "errSSLBadCert": common.CERT_ANY + " | category",
    "errSSLPeerAccessDenied": common.ACCESS_DENIED,
    "errSSLPeerDecryptError": "server_misconfiguration:.5 middlebox_or_firewall_interference:.5",
    "errSSLPeerBadRecordMac": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "errSSLPeerInternalError": "server_misconfiguration:.7 middlebox_or_firewall_interference:.3",
    "errSSLWeakPeerEphemeralDHKey": common.DH_WEAK,
    "errSSLUnexpectedRecord": "non_tls_service_on_port:.6 middlebox_or_firewall_interference:.4",
    "errSSLPeerUnexpectedMsg": common.PROTOCOL_BROKEN,
    "errSSLClientCertRequested": "no_fault", "errSSLPeerAuthCompleted": "no_fault",
    "errSSLWouldBlock": "no_fault", "errSSLClosedGraceful": "no_fault",
    "errSSLClosedNoNotify": common.EOF_CLOSED,
    "errSSLPeerNoRenegotiation": common.ALPN,
    "errSSLPeerUserCancelled": "no_fault",
    "errSecNotTrusted": common.UNTRUSTED, "errSecCertificateExpired": common.EXPIRED,
    "errSecCertificateNotValidYet": common.NOT_YET, "errSecCertificateRevoked": common.REVOKED,
    "errSecHostNameMismatch": common.HOSTNAME, "errSecCreateChainFailed": common.UNTRUSTED,
    "errSecInvalidExtendedKeyUsage": common.PURPOSE, "errSecInvalidKeyUsageForPolicy": common.PURPOSE,
    "errSecMissingRequiredExtension": common.PURPOSE, "errSecUnknownCriticalExtensionFlag": common.PURPOSE,
    "errSecPathLengthConstraintExceeded": common.PURPOSE,
    "errSecCertificateValidityPeriodTooLong": common.SERVER_CONFIG,
    "errSecCertificateNameNotAllowed": common.PURPOSE,
    "errSecIncompleteCertRevocationCheck": common.REVOCATION_UNKNOWN,
    "errSecOCSPNotTrustedToAnchor": "server_misconfiguration:1",
    "errSSLBadCipherSuite": common.CIPHER, "errSSLBadConfiguration": common.CLIENT_CONFIG,
    "errSSLCertificateRequired": common.CLIENT_CERT, "errSSLUnrecognizedName": common.SNI,
    "errSSLATSViolation": common.CLIENT_CONFIG,
    "errSSLATSMinimumVersionViolation": "protocol_version_mismatch:.7 "
                                        "obsolete_protocol_enabled:.3 | reason",
    "errSSLATSCiphersuiteViolation": "weak_cipher_or_no_pfs:.7 cipher_suite_mismatch:.3",
    "errSSLATSMinimumKeySizeViolation": common.WEAK_SIG,
    "errSSLATSLeafCertificateHashAlgorithmViolation": common.WEAK_SIG,
    "errSSLATSCertificateHashAlgorithmViolation": common.WEAK_SIG,
    "errSSLATSCertificateTrustViolation": common.UNTRUSTED,
}

RULES = (
    (r"^errSSL", "middlebox_or_firewall_interference:.5 server_misconfiguration:.25 "
     "client_misconfiguration:.25 | category",
     "other Secure Transport errors: the exchange broke for a protocol reason"),
    (r".", "not_tls", "keychain, code-signing, CSSM and API errors of the Security framework"),
)
