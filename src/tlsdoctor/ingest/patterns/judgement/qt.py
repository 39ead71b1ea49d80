"""Qt (QSslError::errorString, src/network/ssl/qsslerror.cpp). Each SslError value is
the OpenSSL verify result Qt's OpenSSL backend maps to it (qsslsocket_openssl.cpp /
qtlsbackend_openssl.cpp: X509_V_ERR_* -> QSslError), so it takes OpenSSL's verdict on that
result (judgement/openssl.py): one meaning, whichever program prints it. The OCSP values
(Qt 6) are the stapled-response checks of the same backend."""

from __future__ import annotations

from . import _common as common
from .openssl import JUDGE as _OPENSSL

# QSslError::SslError -> the X509_V_ERR_* result it stands for.
_SAME = {
    "UnableToGetIssuerCertificate": "UNABLE_TO_GET_ISSUER_CERT",
    "UnableToDecryptCertificateSignature": "UNABLE_TO_DECRYPT_CERT_SIGNATURE",
    "UnableToDecodeIssuerPublicKey": "UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY",
    "CertificateSignatureFailed": "CERT_SIGNATURE_FAILURE",
    "CertificateNotYetValid": "CERT_NOT_YET_VALID",
    "CertificateExpired": "CERT_HAS_EXPIRED",
    "InvalidNotBeforeField": "ERROR_IN_CERT_NOT_BEFORE_FIELD",
    "InvalidNotAfterField": "ERROR_IN_CERT_NOT_AFTER_FIELD",
    "SelfSignedCertificate": "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SelfSignedCertificateInChain": "SELF_SIGNED_CERT_IN_CHAIN",
    "UnableToGetLocalIssuerCertificate": "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "UnableToVerifyFirstCertificate": "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "InvalidCaCertificate": "INVALID_CA",
    "PathLengthExceeded": "PATH_LENGTH_EXCEEDED",
    "InvalidPurpose": "INVALID_PURPOSE",
    "CertificateUntrusted": "CERT_UNTRUSTED",
    "CertificateRejected": "CERT_REJECTED",
    "SubjectIssuerMismatch": "SUBJECT_ISSUER_MISMATCH",
    "AuthorityIssuerSerialNumberMismatch": "AKID_ISSUER_SERIAL_MISMATCH",
    "HostNameMismatch": "HOSTNAME_MISMATCH",
}

JUDGE = {
    **{qt: _OPENSSL[f"X509_V_ERR_{name}"] for qt, name in _SAME.items()},
    "NoError": "no_fault",
    # The server sent no certificate (an anonymous suite, or a server-side socket whose
    # client sent none while Qt's peer verify mode requires one).
    "NoPeerCertificate": "server_misconfiguration:.5 client_cert_required:.5",
    # Qt's own list of certificates it refuses (the 2011 DigiNotar/Comodo fraud ones).
    "CertificateBlacklisted": "tls_interception_mitm:.6 cert_revoked:.4 | reason",
    "OcspNoResponseFound": common.OCSP_STAPLE,
    "OcspMalformedRequest": common.CLIENT_CONFIG,
    "OcspMalformedResponse": "server_misconfiguration:1 | reason",
    "OcspInternalError": common.REVOCATION_UNKNOWN,
    "OcspTryLater": common.REVOCATION_UNKNOWN,
    "OcspSigRequred": common.CLIENT_CONFIG,
    "OcspUnauthorized": common.CLIENT_CONFIG,
    "OcspResponseCannotBeTrusted": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "OcspResponseCertIdUnknown": "server_misconfiguration:1",
    "OcspResponseExpired": "server_misconfiguration:.6 client_clock_wrong:.4",
    "OcspStatusUnknown": common.REVOCATION_UNKNOWN,
    # QNetworkReply's wrapper: the QSslError or OpenSSL text after its colon says why.
    "SSL handshake failed": common.HANDSHAKE,
    "Error during SSL handshake: %1": "elsewhere",
}

RULES = (
    (r".", "not_tls", "Qt's placeholder texts (Unknown error)"),
)
