"""Apple Secure Transport errSSL* and Security framework errSec* (base/SecBase.h), as
URLSession, curl-sectransp and macOS tools print them (the name or OSStatus number)."""

from __future__ import annotations

from . import _common as c

JUDGE = {
    "errSSLXCertChainInvalid": c.UNTRUSTED.replace("| specific", "") + " | specific",
    "errSSLNoRootCert": c.UNTRUSTED, "errSSLUnknownRootCert": c.UNTRUSTED,
    "errSSLCertExpired": c.EXPIRED, "errSSLCertNotYetValid": c.NOT_YET,
    "errSSLPeerCertExpired": "client_cert_required:1",
    "errSSLPeerCertRevoked": "client_cert_required:1",
    "errSSLPeerCertUnknown": "client_cert_required:1",
    "errSSLPeerUnknownCA": "client_cert_required:1",
    "errSSLPeerBadCert": "client_cert_required:.8 server_misconfiguration:.2",
    "errSSLPeerUnsupportedCert": "client_cert_required:.7 cert_wrong_purpose:.3",
    "errSSLHostNameMismatch": c.HOSTNAME,
    "errSSLPeerHandshakeFail": c.HANDSHAKE.replace("generic", "category"),
    "errSSLNegotiation": c.CIPHER_OR_VERSION, "errSSLPeerProtocolVersion": c.VERSION,
    "errSSLPeerInsufficientSecurity": c.CIPHER_OR_VERSION,
    "errSSLProtocol": c.PROTOCOL_BROKEN, "errSSLRecordOverflow": c.NOT_TLS_PORT,
    "errSSLClosedAbort": c.EOF_CLOSED, "errSSLConnectionRefused": c.EOF_CLOSED,
    "errSSLBadCert": c.CERT_ANY + " | category",
    "errSSLPeerAccessDenied": "client_cert_required:.6 middlebox_or_firewall_interference:.4",
    "errSSLPeerDecryptError": "server_misconfiguration:.5 middlebox_or_firewall_interference:.5",
    "errSSLPeerBadRecordMac": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "errSSLPeerInternalError": "server_misconfiguration:.7 middlebox_or_firewall_interference:.3",
    "errSSLWeakPeerEphemeralDHKey": c.DH_WEAK,
    "errSSLUnexpectedRecord": "non_tls_service_on_port:.6 middlebox_or_firewall_interference:.4",
    "errSSLPeerUnexpectedMsg": c.PROTOCOL_BROKEN,
    "errSSLClientCertRequested": "no_fault", "errSSLPeerAuthCompleted": "no_fault",
    "errSSLWouldBlock": "no_fault", "errSSLClosedGraceful": "no_fault",
    "errSSLClosedNoNotify": c.EOF_CLOSED,
    "errSSLPeerNoRenegotiation": c.ALPN,
    "errSSLPeerUserCancelled": "no_fault",
    "errSecNotTrusted": c.UNTRUSTED, "errSecCertificateExpired": c.EXPIRED,
    "errSecCertificateNotValidYet": c.NOT_YET, "errSecCertificateRevoked": c.REVOKED,
    "errSecHostNameMismatch": c.HOSTNAME, "errSecCreateChainFailed": c.UNTRUSTED,
    "errSecInvalidExtendedKeyUsage": c.PURPOSE, "errSecInvalidKeyUsageForPolicy": c.PURPOSE,
    "errSecMissingRequiredExtension": c.PURPOSE, "errSecUnknownCriticalExtensionFlag": c.PURPOSE,
    "errSecPathLengthConstraintExceeded": c.PURPOSE,
    "errSecCertificateValidityPeriodTooLong": c.SERVER_CONFIG,
    "errSecCertificateNameNotAllowed": c.PURPOSE,
    "errSecIncompleteCertRevocationCheck": c.REVOCATION_UNKNOWN,
    "errSecOCSPNotTrustedToAnchor": "server_misconfiguration:1",
    "errSSLBadCipherSuite": c.CIPHER, "errSSLBadConfiguration": c.CLIENT_CONFIG,
    "errSSLCertificateRequired": c.CLIENT_CERT, "errSSLUnrecognizedName": c.SNI,
    "errSSLATSViolation": c.CLIENT_CONFIG,
    "errSSLATSMinimumVersionViolation": "protocol_version_mismatch:.7 "
                                        "obsolete_protocol_enabled:.3 | reason",
    "errSSLATSCiphersuiteViolation": "weak_cipher_or_no_pfs:.7 cipher_suite_mismatch:.3",
    "errSSLATSMinimumKeySizeViolation": c.WEAK_SIG,
    "errSSLATSLeafCertificateHashAlgorithmViolation": c.WEAK_SIG,
    "errSSLATSCertificateHashAlgorithmViolation": c.WEAK_SIG,
    "errSSLATSCertificateTrustViolation": c.UNTRUSTED,
}

RULES = (
    (r"^errSSL", "middlebox_or_firewall_interference:.5 server_misconfiguration:.25 "
     "client_misconfiguration:.25 | category",
     "other Secure Transport errors: the exchange broke for a protocol reason"),
    (r".", "not_tls", "keychain, code-signing, CSSM and API errors of the Security framework"),
)
