"""rustls-webpki's Error variants (rustls/webpki src/error.rs; Display is the variant name).

rustls (src/webpki/mod.rs pki_error) turns the common ones into its own CertificateError
variants (UnknownIssuer, Expired, NotValidYet, NotValidForName, Revoked, BadEncoding,
BadSignature, UnsupportedSignatureAlgorithm, InvalidPurpose...), which rustls' table reads;
those are "elsewhere" here. The rest reach the user as
"invalid peer certificate: Other(OtherError(<variant>))":

- CaUsedAsEndEntity: the server's own certificate says basicConstraints CA:TRUE (a
  certificate made as its own CA, openssl req -x509's defaults): read as words25d.py reads
  it (the purpose first, self-signed second).
- EndEntityUsedAsCa: a certificate without CA:TRUE issued another in the chain (the wrong
  certificate sent as the intermediate, or a leaf given as the client's trust anchor).
- Key usage, EKU, name and path-length constraints, unknown critical extensions: the
  certificate is not allowed for this use (cert_wrong_purpose).
- Malformed names, extensions, serial numbers, X.509 v1: the server's certificate is
  badly made (server_misconfiguration).
- Path-building limits: a long or looping chain of cross-signed intermediates the server
  sends, or a store with many candidates.
- CRL variants: the CRLs this client was configured with.
"""

from __future__ import annotations

from . import _common as common

_RUSTLS_OWN = ("BadDer", "BadDerTime", "CertExpired", "CertNotValidYet", "CertNotValidForName",
               "CertRevoked", "UnknownIssuer", "UnknownRevocationStatus", "CrlExpired",
               "InvalidSignatureForPublicKey", "InvalidCrlSignatureForPublicKey",
               "UnsupportedSignatureAlgorithm", "UnsupportedSignatureAlgorithmForPublicKey",
               "UnsupportedCrlSignatureAlgorithm",
               "UnsupportedCrlSignatureAlgorithmForPublicKey", "RequiredEkuNotFound",
               "IssuerNotCrlSigner", "InvalidCertValidity")
_CHAIN_LIMIT = "bad_chain_order_or_extra:.6 client_misconfiguration:.4 | reason"
_CRL = "client_misconfiguration:.7 server_misconfiguration:.3 | reason"

JUDGE = {
    **{f"Error::{v}": "elsewhere" for v in _RUSTLS_OWN},
    "Error::CaUsedAsEndEntity": "cert_wrong_purpose:.55 cert_self_signed:.45 | reason",
    "Error::EndEntityUsedAsCa": ("bad_chain_order_or_extra:.5 cert_wrong_purpose:.3 "
                                 "client_misconfiguration:.2 | reason"),
    **{f"Error::{v}": common.PURPOSE for v in (
        "EmptyEkuExtension", "EndEntityCertHasCertSignKeyUsage", "IssuerNotCertSigner",
        "KeyUsageMissingDigitalSignature", "NameConstraintViolation",
        "PathLenConstraintViolated", "UnsupportedCriticalExtension")},
    **{f"Error::{v}": common.BAD_CERT_FORMAT for v in (
        "ExtensionValueInvalid", "InvalidNetworkMaskConstraint", "InvalidSerialNumber",
        "MalformedDnsIdentifier", "MalformedExtensions", "MalformedNameConstraint",
        "SignatureAlgorithmMismatch", "TrailingData")},
    "Error::UnsupportedCertVersion": "server_misconfiguration:.7 cert_self_signed:.3 | reason",
    "Error::UnsupportedNameType": ("server_misconfiguration:.5 "
                                   "client_misconfiguration:.5 | reason"),
    **{f"Error::{v}": _CHAIN_LIMIT for v in (
        "MaximumPathDepthExceeded", "MaximumSignatureChecksExceeded",
        "MaximumPathBuildCallsExceeded", "MaximumNameConstraintComparisonsExceeded")},
}

RULES = (
    (r"Crl|Revocation|Delta|Indirect", _CRL, "the CRLs this client was configured with"),
    (r".", "not_tls", "a variant no release prints for a handshake"),
)
