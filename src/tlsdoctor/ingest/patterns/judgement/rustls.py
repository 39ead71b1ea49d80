"""rustls: ``Error`` Display = a prefix and the Debug name of the inner enum's variant
(rustls/src/error.rs; AlertDescription in rustls/src/enums.rs)."""

from __future__ import annotations

from . import _common as common

_ALERTS = {
    "HandshakeFailure": common.HANDSHAKE.replace("generic", "category"),
    "ProtocolVersion": common.VERSION, "InsufficientSecurity": common.CIPHER_OR_VERSION,
    "UnrecognisedName": common.SNI, "CertificateRequired": common.CLIENT_CERT,
    "BadCertificate": "client_cert_required:.8 server_misconfiguration:.2",
    "CertificateUnknown": "client_cert_required:.8 server_misconfiguration:.2",
    # A certificate complaint is the *peer's* (rustls prints "received fatal alert: X" on
    # either side): which certificate it rejects depends on who printed it, so the alerts'
    # direction-aware reading (alerts.py) decides, not a certain client-side verdict.
    "UnknownCA": "elsewhere", "CertificateExpired": "elsewhere",
    "CertificateRevoked": "elsewhere", "NoCertificate": "client_cert_required:1",
    "UnsupportedCertificate": "client_cert_required:.7 cert_wrong_purpose:.3",
    "AccessDenied": common.ACCESS_DENIED,
    "InappropriateFallback": common.FALLBACK, "NoApplicationProtocol": common.ALPN,
    "InternalError": "server_misconfiguration:.6 middlebox_or_firewall_interference:.2 "
                     "cipher_suite_mismatch:.2 | category",
    "CloseNotify": "no_fault", "UserCanceled": "no_fault",
    "BadCertificateStatusResponse": "ocsp_must_staple_missing:.5 cert_revoked:.5",
    "MissingExtension": "client_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "UnsupportedExtension": "middlebox_or_firewall_interference:.5 client_misconfiguration:.5",
    "CertificateUnobtainable": "incomplete_chain:.6 server_misconfiguration:.4",
    "UnknownPSKIdentity": common.CLIENT_CONFIG,
    "EncryptedClientHelloRequired": common.CLIENT_CONFIG,
}
_CERT = {
    "UnknownIssuer": common.UNTRUSTED, "Expired": common.EXPIRED, "ExpiredContext": common.EXPIRED,
    "NotValidYet": common.NOT_YET, "NotValidYetContext": common.NOT_YET, "Revoked": common.REVOKED,
    "NotValidForName": common.HOSTNAME, "NotValidForNameContext": common.HOSTNAME,
    "InvalidPurpose": common.PURPOSE, "InvalidPurposeContext": common.PURPOSE,
    "UnhandledCriticalExtension": common.PURPOSE, "BadEncoding": common.BAD_CERT_FORMAT,
    "BadSignature": "bad_chain_order_or_extra:.5 tls_interception_mitm:.5 | reason",
    "UnsupportedSignatureAlgorithm": "weak_signature_or_key:.7 client_misconfiguration:.3",
    "UnsupportedSignatureAlgorithmContext": "weak_signature_or_key:.7 "
                                            "client_misconfiguration:.3",
    "UnsupportedSignatureAlgorithmForPublicKey": "server_misconfiguration:.6 "
                                                 "weak_signature_or_key:.4",
    "UnsupportedSignatureAlgorithmForPublicKeyContext": "server_misconfiguration:.6 "
                                                        "weak_signature_or_key:.4",
    "UnknownRevocationStatus": common.REVOCATION_UNKNOWN,
    "ExpiredRevocationList": "client_misconfiguration:1",
    "ExpiredRevocationListContext": "client_misconfiguration:1",
    "InvalidOcspResponse": "server_misconfiguration:.6 cert_revoked:.4",
    "ApplicationVerificationFailure": "client_misconfiguration:.6 cert_untrusted_root:.4",
    "Other": common.CERT_ANY + " | generic",
}
_INCOMPATIBLE = {
    "NoCipherSuitesInCommon": common.CIPHER, "NoKxGroupsInCommon": common.CIPHER,
    "NoSignatureSchemesInCommon": common.CIPHER,
    "NoCertificateRequestSignatureSchemesInCommon": "client_cert_required:.5 "
                                                    "cipher_suite_mismatch:.5",
    "ServerDoesNotSupportTls12Or13": common.VERSION, "Tls12NotOffered": common.VERSION,
    "Tls12NotOfferedOrEnabled": common.VERSION, "SupportedVersionsExtensionRequired": common.VERSION,
    "ServerTlsVersionIsDisabledByOurConfig": common.VERSION_OR_CLIENT,
    "NoServerNameProvided": common.SNI,
}

JUDGE = {
    **{f"AlertDescription::{k}": v for k, v in _ALERTS.items()},
    **{f"CertificateError::{k}": v for k, v in _CERT.items()},
    **{f"PeerIncompatible::{k}": v for k, v in _INCOMPATIBLE.items()},
    "Error::NoCertificatesPresented": common.CLIENT_CERT,
    "Error::NoApplicationProtocol": common.ALPN,
    "Error::PeerSentOversizedRecord": common.NOT_TLS_PORT,
    "Error::DecryptError": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "Error::HandshakeNotComplete": "not_tls",
    "Error::NoSuitableCertificate": common.SERVER_CONFIG,
}

RULES = (
    (r"^AlertDescription::", "middlebox_or_firewall_interference:.5 "
     "server_misconfiguration:.25 client_misconfiguration:.25 | category",
     "the remaining alerts say the peer found the handshake malformed"),
    (r"^PeerIncompatible::", "protocol_version_mismatch:.4 cipher_suite_mismatch:.4 "
     "client_misconfiguration:.2 | category", "the peer lacks a feature rustls requires"),
    (r"^PeerMisbehaved::", "middlebox_or_firewall_interference:.5 server_misconfiguration:.5 "
     "| category", "the peer broke the protocol (a buggy peer or a middlebox)"),
    (r"^(?:Error|CertificateError)::", "not_tls",
     "API, clock, randomness and CRL-parsing errors of the application itself"),
)
