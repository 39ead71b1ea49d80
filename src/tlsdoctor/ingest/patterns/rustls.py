"""rustls: ``Error`` Display texts (rustls/src/error.rs: InvalidCertificate,
PeerIncompatible, AlertReceived...), and reqwest/hyper wrappers that print them.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .alerts import peer_readings, rustls_names
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

_UNKNOWN = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
            "tls_interception_mitm:.15")

# The same verdicts printed with Rust's Debug formatting, as programs log the error value
# itself: rustls <= 0.19 `TLSError::WebPKIError(webpki::Error::UnknownIssuer)` (Display
# "WebPKIError(UnknownIssuer)"), rustls >= 0.20 `InvalidCertificate(UnknownIssuer)`
# (rustls/src/error.rs CertificateError; webpki src/error.rs).
_DEBUG_NAMES: dict[str, tuple[str, str, int]] = {
    "UnknownIssuer": ("no chain to a trusted root", _UNKNOWN, SPECIFIC),
    "CertExpired": ("the certificate has expired", "cert_expired:.85 client_clock_wrong:.15",
                    REASON),
    "Expired": ("the certificate has expired", "cert_expired:.85 client_clock_wrong:.15", REASON),
    "CertNotValidYet": ("the certificate is not valid yet",
                        NOT_YET_CAUSES, REASON),
    "NotValidYet": ("the certificate is not valid yet",
                    NOT_YET_CAUSES, REASON),
    # rustls >= 0.23 adds the times (CertificateError::ExpiredContext / NotValidYetContext,
    # rustls/src/error/mod.rs @ 6868ee84dd62); ingest/clock.py reads them.
    "ExpiredContext": ("the certificate has expired", "cert_expired:.85 client_clock_wrong:.15",
                       REASON),
    "NotValidYetContext": ("the certificate is not valid yet", NOT_YET_CAUSES, REASON),
    "CertNotValidForName": ("the certificate is not for this name", "hostname_mismatch:1",
                            REASON),
    "NotValidForName": ("the certificate is not for this name", "hostname_mismatch:1", REASON),
    "Revoked": ("the certificate is revoked", "cert_revoked:1", REASON),
}
_DEBUG_ROWS = [
    (rf"\b(?:WebPKIError|InvalidCertificate)\((?:webpki::Error::|CertificateError::)?{name}\b",
     f"rustls (Debug form): {meaning}", cs, spec, "rustls rustls/src/error.rs (Debug of "
     "CertificateError / TLSError::WebPKIError); webpki src/error.rs")
    for name, (meaning, cs, spec) in _DEBUG_NAMES.items()]
# rustls 0.19's Display of the same error: `TLSError::WebPKIError(ref err) => write!(f,
# "invalid certificate: {:?}", err)` (rustls/src/error.rs @ v/0.19.0 47d309233f2d; 0.20
# renamed it "invalid peer certificate: ..."), as reqwest/hyper programs of that era print it.
_019_ROWS = [
    (rf"\binvalid certificate: {name}\b", f"rustls 0.19: {meaning}", cs, spec,
     "rustls rustls/src/error.rs @ v/0.19.0 (TLSError::WebPKIError Display); webpki "
     "src/error.rs")
    for name, (meaning, cs, spec) in _DEBUG_NAMES.items()]

_HAND = table("rustls", "rustls rustls/src/error.rs", [
    *_DEBUG_ROWS,
    *_019_ROWS,
    (r"\binvalid peer certificate: UnknownIssuer\b", "rustls: no chain to a trusted root",
     _UNKNOWN, SPECIFIC),
    (r"\binvalid peer certificate: (?:Expired\b|certificate expired)",
     "rustls: the certificate has expired", "cert_expired:.85 client_clock_wrong:.15", REASON),
    (r"\binvalid peer certificate: (?:NotValidYet\b|certificate not valid yet)",
     "rustls: the certificate is not valid yet", NOT_YET_CAUSES,
     REASON),
    (r"\binvalid peer certificate: (?:NotValidForName\b|certificate not valid for name)",
     "rustls: the certificate is not for this name", "hostname_mismatch:1", REASON),
    (r"\binvalid peer certificate: Revoked\b|\binvalid peer certificate: certificate revoked",
     "rustls: the certificate is revoked", "cert_revoked:1", REASON),
    (r"\binvalid peer certificate: BadSignature\b", "rustls: a signature does not verify",
     "bad_chain_order_or_extra:.5 tls_interception_mitm:.5", REASON),
    (r"\binvalid peer certificate: UnsupportedSignatureAlgorithm",
     "rustls: the certificate uses a signature algorithm rustls does not support",
     "weak_signature_or_key:.7 client_misconfiguration:.3", REASON),
    (r"\binvalid peer certificate: InvalidPurpose\b", "rustls: wrong EKU",
     "cert_wrong_purpose:1", REASON),
    (r"\binvalid peer certificate: BadEncoding\b", "rustls: the certificate is malformed",
     "server_misconfiguration:1", REASON),
    (r"\binvalid peer certificate: UnhandledCriticalExtension\b",
     "rustls: unknown critical extension", "cert_wrong_purpose:1", REASON),
    (r"\binvalid peer certificate: ", "rustls rejected the peer certificate", _UNKNOWN, GENERIC),
    (r"\bpeer is incompatible: NoCipherSuitesInCommon\b", "rustls: no cipher suite in common",
     "cipher_suite_mismatch:1", REASON),
    (r"\bpeer is incompatible: NoKxGroupsInCommon\b", "rustls: no key-exchange group in common",
     "cipher_suite_mismatch:1", REASON),
    (r"\bpeer is incompatible: NoSignatureSchemesInCommon\b",
     "rustls: no signature algorithm in common", "cipher_suite_mismatch:1", REASON),
    (r"\bpeer is incompatible: (?:ServerDoesNotSupportTls12Or13|Tls12NotOffered|"
     r"SupportedVersionsExtensionRequired|ServerTlsVersionIsDisabledByOurConfig)\b",
     "rustls: no TLS version in common (rustls speaks only TLS 1.2 and 1.3)",
     "protocol_version_mismatch:1", REASON),
    (r"\bpeer is incompatible: ", "rustls: the peer lacks something rustls requires",
     "protocol_version_mismatch:.4 cipher_suite_mismatch:.4 client_misconfiguration:.2", CATEGORY),
    (r"\bpeer sent no certificates\b", "rustls: mutual TLS without a client certificate",
     "client_cert_required:1", REASON),
    (r"\breceived corrupt message\b", "rustls: the peer's bytes are not valid TLS",
     "non_tls_service_on_port:.6 middlebox_or_firewall_interference:.4", SPECIFIC),
    (r"\bpeer misbehaved: ", "rustls: the peer broke the protocol",
     "middlebox_or_firewall_interference:.5 server_misconfiguration:.5", GENERIC),
    (r"\b(?-i:received fatal alert: (?P<alert>[A-Z][A-Za-z]{2,40}))", "rustls: the peer sent alert {alert}",
     "", GENERIC),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
# "received fatal alert: X" is printed by rustls clients and servers alike: the alerts'
# server-side readings come with it (alerts.peer_readings).
PATTERNS = peer_readings(upstream_patterns("rustls", "rustls", side="client",
                                           as_source="rustls"), rustls_names()) + _HAND
