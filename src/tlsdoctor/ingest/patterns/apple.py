"""Apple: Secure Transport / Network.framework ``errSSL*`` OSStatus codes
(Security.framework SecureTransport.h) and Foundation ``NSURLError*`` codes
(NSURLError.h) with their user-facing texts.
"""

from __future__ import annotations

import re

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import Entry, upstream_patterns
from .judgement._common import NOT_YET_CAUSES, TIMEOUT_CAUSES


def _status_forms(entry: Entry) -> list[tuple[str, str, str]]:
    """Apple APIs print the OSStatus number: "OSStatus -9807", "Code=-9807",
    "error -9813" (NSURLErrorDomain wraps it as _kCFStreamErrorCodeKey=-9807). CFNetwork's
    own log lines pair it with the stream error domain 3 (kCFStreamErrorDomainSSL,
    CFStream.h): "TLS Trust encountered error 3:-9843", "error code: -1202 [3:-9843]",
    "Trust evaluation failed(-9843)", "_kCFNetworkCFStreamSSLErrorOriginalValue=-9843"."""
    n = entry.get("number")
    if n is None or n >= 0:
        return []
    return [("status", rf"(?:OSStatus|status|error|Code=|CodeKey=|OriginalValue=)\s?[:=]?\s?"
             rf"{n}(?!\d)|(?<![\w.-])3:{n}(?!\d)|\bfailed\({n}\)|"
             # NSURLSession's "HTTP load failed (kCFStreamErrorDomainSSL, -9801)" and
             # Network.framework's "tls_handshake_process: [-9801]".
             rf"\bkCFStreamErrorDomainSSL, ?{n}(?!\d)|\btls_handshake_process: \[{n}\]|"
             # Rust's security-framework crate (native-tls on macOS) prints its Error's Debug
             # as `Error { code: -67843, message: "..." }` (security-framework/src/base.rs,
             # kornelski/rust-security-framework @ 0c907ba0f68e): round 18's second wild
             # sample had it unread.
             rf"\bError \{{ code: {n}(?!\d)",
             str(n))]

_CHAIN = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
          "tls_interception_mitm:.15")
_HS = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.2 "
       "middlebox_or_firewall_interference:.2")

# name: (OSStatus, causes, spec)
ERR_SSL: dict[str, tuple[int, str, int]] = {
    "errSSLProtocol": (-9800, _HS, GENERIC),
    "errSSLNegotiation": (-9801, "cipher_suite_mismatch:.6 protocol_version_mismatch:.4", SPECIFIC),
    "errSSLFatalAlert": (-9802, _HS, GENERIC),
    "errSSLClosedAbort": (-9806, "middlebox_or_firewall_interference:.5 "
                          "protocol_version_mismatch:.25 sni_required_or_mismatch:.25", GENERIC),
    "errSSLXCertChainInvalid": (-9807, _CHAIN, SPECIFIC),
    "errSSLBadCert": (-9808, _CHAIN, CATEGORY),
    "errSSLUnknownRootCert": (-9812, "cert_untrusted_root:.6 cert_self_signed:.2 "
                              "tls_interception_mitm:.2", SPECIFIC),
    "errSSLNoRootCert": (-9813, "incomplete_chain:.5 cert_untrusted_root:.5", SPECIFIC),
    "errSSLCertExpired": (-9814, "cert_expired:.85 client_clock_wrong:.15", REASON),
    "errSSLCertNotYetValid": (-9815, NOT_YET_CAUSES, REASON),
    "errSSLClosedNoNotify": (-9816, "middlebox_or_firewall_interference:.5 "
                             "protocol_version_mismatch:.25 client_cert_required:.25", GENERIC),
    "errSSLBadCipherSuite": (-9818, "cipher_suite_mismatch:1", REASON),
    "errSSLPeerUnexpectedMsg": (-9819, "middlebox_or_firewall_interference:.5 "
                                "server_misconfiguration:.5", CATEGORY),
    "errSSLPeerBadRecordMac": (-9820, "middlebox_or_firewall_interference:1", SPECIFIC),
    "errSSLPeerHandshakeFail": (-9824, "cipher_suite_mismatch:.45 protocol_version_mismatch:.25 "
                                "client_cert_required:.15 sni_required_or_mismatch:.15", CATEGORY),
    "errSSLPeerBadCert": (-9825, "client_cert_required:1", SPECIFIC),
    "errSSLPeerUnsupportedCert": (-9826, "client_cert_required:1", SPECIFIC),
    "errSSLPeerCertRevoked": (-9827, "client_cert_required:1", SPECIFIC),
    "errSSLPeerCertExpired": (-9828, "client_cert_required:1", SPECIFIC),
    "errSSLPeerCertUnknown": (-9829, "client_cert_required:1", SPECIFIC),
    "errSSLIllegalParam": (-9830, "middlebox_or_firewall_interference:.5 "
                           "server_misconfiguration:.5", CATEGORY),
    "errSSLPeerUnknownCA": (-9831, "client_cert_required:1", SPECIFIC),
    "errSSLPeerAccessDenied": (-9832, "client_cert_required:.45 sni_required_or_mismatch:.3 "
                               "middlebox_or_firewall_interference:.25", SPECIFIC),
    "errSSLPeerProtocolVersion": (-9836, "protocol_version_mismatch:1", REASON),
    "errSSLPeerInsufficientSecurity": (-9837, "cipher_suite_mismatch:.8 "
                                       "protocol_version_mismatch:.2", SPECIFIC),
    "errSSLPeerInternalError": (-9838, "server_misconfiguration:1", CATEGORY),
    "errSSLHostNameMismatch": (-9843, "hostname_mismatch:1", REASON),
    "errSSLConnectionRefused": (-9844, "middlebox_or_firewall_interference:.5 "
                                "name_resolution_or_unreachable:.5", SPECIFIC),
    "errSSLBadConfiguration": (-9848, "client_misconfiguration:1", SPECIFIC),
    "errSSLUnexpectedRecord": (-9849, "non_tls_service_on_port:.6 "
                               "middlebox_or_firewall_interference:.4", SPECIFIC),
    "errSSLWeakPeerEphemeralDHKey": (-9850, "weak_cipher_or_no_pfs:1", REASON),
    "errSSLHandshakeFail": (-9858, _HS, CATEGORY),
    "errSSLInappropriateFallback": (-9860, "middlebox_or_firewall_interference:.7 "
                                    "client_misconfiguration:.3", SPECIFIC),
    "errSSLCertificateRequired": (-9863, "client_cert_required:1", REASON),
    "errSSLUnrecognizedName": (-9865, "sni_required_or_mismatch:1", REASON),
    "errSSLATSViolation": (-9880, "client_misconfiguration:.4 weak_cipher_or_no_pfs:.3 "
                           "protocol_version_mismatch:.3", SPECIFIC),
    "errSSLATSVersionViolation": (-9881, "protocol_version_mismatch:1", REASON),
    "errSSLATSCiphersuiteViolation": (-9882, "weak_cipher_or_no_pfs:.6 "
                                      "cipher_suite_mismatch:.4", REASON),
    "errSSLATSMinimumKeySizeViolation": (-9883, "weak_signature_or_key:1", REASON),
    "errSSLATSLeafCertificateHashAlgorithmViolation": (-9884, "weak_signature_or_key:1", REASON),
    "errSSLATSCertificateHashAlgorithmViolation": (-9885, "weak_signature_or_key:1", REASON),
    "errSSLATSCertificateTrustViolation": (-9886, _CHAIN, SPECIFIC),
}

NSURL: dict[str, tuple[int, str, str, int]] = {
    "NSURLErrorSecureConnectionFailed": (-1200, "An SSL error has occurred and a secure "
                                         "connection to the server cannot be made", _HS, GENERIC),
    "NSURLErrorServerCertificateHasBadDate": (-1201, "The certificate for this server has "
                                              "expired", "cert_expired:.6 cert_not_yet_valid:.2 "
                                              "client_clock_wrong:.2", SPECIFIC),
    "NSURLErrorServerCertificateUntrusted": (-1202, "The certificate for this server is invalid",
                                             "cert_untrusted_root:.3 cert_self_signed:.2 "
                                             "incomplete_chain:.2 hostname_mismatch:.2 "
                                             "tls_interception_mitm:.1", CATEGORY),
    "NSURLErrorServerCertificateHasUnknownRoot": (-1203, "The certificate for this server was "
                                                  "signed by an unknown certifying authority",
                                                  "cert_untrusted_root:.6 cert_self_signed:.2 "
                                                  "tls_interception_mitm:.2", SPECIFIC),
    "NSURLErrorServerCertificateNotYetValid": (-1204, "The certificate for this server is not "
                                               "yet valid", NOT_YET_CAUSES, REASON),
    "NSURLErrorClientCertificateRejected": (-1205, "The server did not accept the certificate",
                                            "client_cert_required:1", REASON),
    "NSURLErrorClientCertificateRequired": (-1206, "The server requires a client certificate",
                                            "client_cert_required:1", REASON),
    "NSURLErrorCannotFindHost": (-1003, "A server with the specified hostname could not be found",
                                 "name_resolution_or_unreachable:1", REASON),
    "NSURLErrorCannotConnectToHost": (-1004, "Could not connect to the server",
                                      "name_resolution_or_unreachable:.6 "
                                      "middlebox_or_firewall_interference:.4", SPECIFIC),
    # Round 18: connectivity failures in URLSession's own words (a timeout never names its
    # cause; a connection lost mid-exchange reads like a reset; offline: no network at all).
    "NSURLErrorTimedOut": (-1001, "The request timed out", TIMEOUT_CAUSES, CATEGORY),
    "NSURLErrorNetworkConnectionLost": (-1005, "The network connection was lost",
                                        "middlebox_or_firewall_interference:.5 "
                                        "protocol_version_mismatch:.2 sni_required_or_mismatch:.15 "
                                        "client_cert_required:.15", CATEGORY),
    "NSURLErrorNotConnectedToInternet": (-1009, "The Internet connection appears to be offline",
                                         "name_resolution_or_unreachable:.7 "
                                         "middlebox_or_firewall_interference:.3", SPECIFIC),
}

_HAND = table("apple", "Apple Security.framework SecureTransport.h", [
    *[(rf"\b{name}\b", f"Apple {name} ({num})", cs, spec) for name, (num, cs, spec) in ERR_SSL.items()],
    *[(rf"(?:error|code|status|OSStatus|err)[ =:(]{{1,3}}{num}\b", f"Apple {name} ({num})", cs,
       spec) for name, (num, cs, spec) in ERR_SSL.items()],
    *[(rf"\b{name}\b", f"Apple {name} ({num}): {text}", cs, spec,
       "Apple Foundation NSURLError.h") for name, (num, text, cs, spec) in NSURL.items()],
    *[(rf"\bCode={num}\b", f"Apple {name} ({num}): {text}", cs, spec,
       "Apple Foundation NSURLError.h") for name, (num, text, cs, spec) in NSURL.items()],
    # The localized descriptions URLSession puts in NSLocalizedDescription, as apps print them.
    *[(rf"\b{re.escape(text)}", f"Apple {name} ({num}): {text}", cs, spec,
       "Apple Foundation NSURLError.h") for name, (num, text, cs, spec) in NSURL.items()],
    # Safari's page for a handshake that failed before any certificate was judged (a trust
    # failure gets "This Connection Is Not Private"). Dev set (round 5): 2 threads, 1 a
    # proxy re-signing with a CA the device did not trust, 1 a port that spoke plain HTTP;
    # versions and suites, which the page also covers, had none. All below 0.35.
    (r"\bSafari (?:cannot|can.t) open the page because (?:it|Safari) (?:could not|can.t) "
     r"establish a secure connection to the server",
     "Safari: the TLS handshake with the server failed (no certificate was judged)",
     "tls_interception_mitm:.3 non_tls_service_on_port:.3 protocol_version_mismatch:.2 "
     "cipher_suite_mismatch:.2", GENERIC, "Safari's error page (WebKit/Safari localized "
     "strings, as users post them)", "establish a secure connection to the server"),
    (r"\bYou might be connecting to a server that is pretending to be",
     "Apple: the certificate is invalid for this server (NSURLErrorServerCertificateUntrusted)",
     "cert_untrusted_root:.3 hostname_mismatch:.3 cert_self_signed:.2 "
     "tls_interception_mitm:.2", CATEGORY, "Apple Foundation localized NSURLError strings"),
    # Round 15: Security.framework's trust-evaluation sentence for an untrusted chain
    # (SEC_TRUST_ERROR_SUBTYPE_TRUST, "“%@” certificate is not trusted", %@ the certificate's
    # summary), as Go on macOS ("x509: “x” certificate is not trusted"), URLSession's
    # underlying error and Swift clients print it: a root this Mac does not trust. Read
    # in context (trust_context) like every other stack's unknown-issuer words.
    (r"[“\"][^”\"\n]{1,200}[”\"] certificate is not trusted\b",
     "Apple's trust evaluation: the certificate does not chain to a root this system trusts",
     "cert_untrusted_root:.4 cert_self_signed:.3 tls_interception_mitm:.15 "
     "incomplete_chain:.15", REASON, "apple-open-source/macos "
     "Security/OSX/sec/Security/SecFrameworkStrings.h (SEC_TRUST_ERROR_SUBTYPE_TRUST) @ "
     "b07faa350537", "certificate is not trusted"),
    (r"\bApp Transport Security policy requires the use of a secure connection\b",
     "ATS blocked a plain-HTTP or weak-TLS connection",
     "client_misconfiguration:.5 non_tls_service_on_port:.5", SPECIFIC,
     "Apple Foundation NSURLErrorAppTransportSecurityRequiresSecureConnection (-1022)"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("apple", "Apple", side="client", as_source="apple",
                             extra_forms=_status_forms) + _HAND
