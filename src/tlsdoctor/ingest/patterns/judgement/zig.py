"""Zig's std (lib/std/crypto/Certificate.zig, Certificate/Bundle.zig, crypto/tls.zig,
crypto/tls/Client.zig, http/Client.zig): error names, printed as "error:
CertificateIssuerMismatch" or in a return trace ("return error.CertificateIssuerMismatch;").

Read from the code that returns them (0.13.0): tls.Client.init checks each certificate the
server sent against the next one in the order sent (``prev_cert.verify(subject)``), so a
certificate that does not sign the one before it (a duplicate, an extra or misordered
intermediate) is CertificateIssuerMismatch, not a search for a path; the chain is trusted
only when one of its certificates verifies against the CA bundle (``ca_bundle.verify``,
whose CertificateIssuerNotFound is swallowed there): otherwise the handshake ends with
TlsCertificateNotVerified. std.http.Client wraps every init failure as
TlsInitializationFailed and every TlsAlert* of a read as TlsAlert."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "CertificateIssuerMismatch": "bad_chain_order_or_extra:.75 incomplete_chain:.15 "
                                 "tls_interception_mitm:.1 | reason",
    "TlsCertificateNotVerified": common.UNTRUSTED + " | reason",
    "CertificateIssuerNotFound": common.UNTRUSTED + " | reason",
    "CertificateExpired": common.EXPIRED_IN_PATH,
    "CertificateNotYetValid": common.NOT_YET,
    "CertificateTimeInvalid": common.BAD_CERT_FORMAT,
    "CertificateHostMismatch": common.HOSTNAME,
    "CertificateSignatureInvalid": common.CHAIN_BROKEN + " | reason",
    "CertificateSignatureAlgorithmMismatch": common.CHAIN_BROKEN + " | reason",
    "CertificateSignatureAlgorithmUnsupported": "weak_signature_or_key:.6 "
                                                "client_misconfiguration:.4 | reason",
    "CertificateSignatureNamedCurveUnsupported": "weak_signature_or_key:.6 "
                                                 "client_misconfiguration:.4 | reason",
    "CertificateSignatureUnsupportedBitCount": "weak_signature_or_key:1 | reason",
    "TlsBadRsaSignatureBitCount": "weak_signature_or_key:1 | reason",
    "WeakPublicKey": "weak_signature_or_key:1 | reason",
    "TlsBadSignatureScheme": "cipher_suite_mismatch:.5 weak_signature_or_key:.5",
    "UnsupportedCertificateVersion": common.BAD_CERT_FORMAT,
    "CertificateBundleLoadFailure": common.CLIENT_CONFIG,
    "CertificateAuthorityBundleTooBig": common.CLIENT_CONFIG,
    "TlsInitializationFailed": common.HANDSHAKE,
    "TlsAlert": common.HANDSHAKE,
    "TlsFailure": common.PROTOCOL_BROKEN,
    "TlsConnectionTruncated": common.EOF_CLOSED,
}

RULES = (
    # The alerts the server sent: alerts.py's reading of the number (zig.py's patterns).
    (r"^TlsAlert\w+\t", "elsewhere", "the peer's alert: judged by its number"),
    (r"^Certificate(?:Field|Has|PublicKey|SignatureInvalidLength)\w*\t",
     "server_misconfiguration:.6 middlebox_or_firewall_interference:.4 | specific",
     "a certificate Zig's DER parser could not read"),
    (r"^Tls(?:BadRecordMac|DecryptError|DecryptFailure|BadLength|DecodeError|RecordOverflow|"
     r"UnexpectedMessage|IllegalParameter)\t", common.PROTOCOL_BROKEN,
     "a record or handshake message the client could not accept"),
    (r".", "not_tls", "memory, files, DNS, sockets, HTTP framing, crypto internals"),
)
