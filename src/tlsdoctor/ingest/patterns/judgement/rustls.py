"""rustls: ``Error`` Display = a prefix and the Debug name of the inner enum's variant
(rustls/src/error.rs; AlertDescription in rustls/src/enums.rs)."""

from __future__ import annotations

from . import _common as c

_ALERTS = {
    "HandshakeFailure": c.HANDSHAKE.replace("generic", "category"),
    "ProtocolVersion": c.VERSION, "InsufficientSecurity": c.CIPHER_OR_VERSION,
    "UnrecognisedName": c.SNI, "CertificateRequired": c.CLIENT_CERT,
    "BadCertificate": "client_cert_required:.8 server_misconfiguration:.2",
    "CertificateUnknown": "client_cert_required:.8 server_misconfiguration:.2",
    "UnknownCA": "client_cert_required:1", "CertificateExpired": "client_cert_required:1",
    "CertificateRevoked": "client_cert_required:1", "NoCertificate": "client_cert_required:1",
    "UnsupportedCertificate": "client_cert_required:.7 cert_wrong_purpose:.3",
    "AccessDenied": "client_cert_required:.6 middlebox_or_firewall_interference:.4",
    "InappropriateFallback": c.FALLBACK, "NoApplicationProtocol": c.ALPN,
    "InternalError": "server_misconfiguration:.6 middlebox_or_firewall_interference:.2 "
                     "cipher_suite_mismatch:.2 | category",
    "CloseNotify": "no_fault", "UserCanceled": "no_fault",
    "BadCertificateStatusResponse": "ocsp_must_staple_missing:.5 cert_revoked:.5",
    "MissingExtension": "client_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "UnsupportedExtension": "middlebox_or_firewall_interference:.5 client_misconfiguration:.5",
    "CertificateUnobtainable": "incomplete_chain:.6 server_misconfiguration:.4",
    "UnknownPSKIdentity": c.CLIENT_CONFIG,
    "EncryptedClientHelloRequired": c.CLIENT_CONFIG,
}
_CERT = {
    "UnknownIssuer": c.UNTRUSTED, "Expired": c.EXPIRED, "ExpiredContext": c.EXPIRED,
    "NotValidYet": c.NOT_YET, "NotValidYetContext": c.NOT_YET, "Revoked": c.REVOKED,
    "NotValidForName": c.HOSTNAME, "NotValidForNameContext": c.HOSTNAME,
    "InvalidPurpose": c.PURPOSE, "InvalidPurposeContext": c.PURPOSE,
    "UnhandledCriticalExtension": c.PURPOSE, "BadEncoding": c.BAD_CERT_FORMAT,
    "BadSignature": "bad_chain_order_or_extra:.5 tls_interception_mitm:.5 | reason",
    "UnsupportedSignatureAlgorithm": "weak_signature_or_key:.7 client_misconfiguration:.3",
    "UnsupportedSignatureAlgorithmContext": "weak_signature_or_key:.7 "
                                            "client_misconfiguration:.3",
    "UnsupportedSignatureAlgorithmForPublicKey": "server_misconfiguration:.6 "
                                                 "weak_signature_or_key:.4",
    "UnsupportedSignatureAlgorithmForPublicKeyContext": "server_misconfiguration:.6 "
                                                        "weak_signature_or_key:.4",
    "UnknownRevocationStatus": c.REVOCATION_UNKNOWN,
    "ExpiredRevocationList": "client_misconfiguration:1",
    "ExpiredRevocationListContext": "client_misconfiguration:1",
    "InvalidOcspResponse": "server_misconfiguration:.6 cert_revoked:.4",
    "ApplicationVerificationFailure": "client_misconfiguration:.6 cert_untrusted_root:.4",
    "Other": c.CERT_ANY + " | generic",
}
_INCOMPATIBLE = {
    "NoCipherSuitesInCommon": c.CIPHER, "NoKxGroupsInCommon": c.CIPHER,
    "NoSignatureSchemesInCommon": c.CIPHER,
    "NoCertificateRequestSignatureSchemesInCommon": "client_cert_required:.5 "
                                                    "cipher_suite_mismatch:.5",
    "ServerDoesNotSupportTls12Or13": c.VERSION, "Tls12NotOffered": c.VERSION,
    "Tls12NotOfferedOrEnabled": c.VERSION, "SupportedVersionsExtensionRequired": c.VERSION,
    "ServerTlsVersionIsDisabledByOurConfig": c.VERSION_OR_CLIENT,
    "NoServerNameProvided": c.SNI,
}

JUDGE = {
    **{f"AlertDescription::{k}": v for k, v in _ALERTS.items()},
    **{f"CertificateError::{k}": v for k, v in _CERT.items()},
    **{f"PeerIncompatible::{k}": v for k, v in _INCOMPATIBLE.items()},
    "Error::NoCertificatesPresented": c.CLIENT_CERT,
    "Error::NoApplicationProtocol": c.ALPN,
    "Error::PeerSentOversizedRecord": c.NOT_TLS_PORT,
    "Error::DecryptError": "middlebox_or_firewall_interference:.7 server_misconfiguration:.3",
    "Error::HandshakeNotComplete": "not_tls",
    "Error::NoSuitableCertificate": c.SERVER_CONFIG,
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
