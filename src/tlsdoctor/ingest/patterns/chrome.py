"""Chrome / Chromium network errors: ``net::ERR_*`` and the interstitial's
``NET::ERR_CERT_*``. Names and numbers: chromium net/base/net_error_list.h.
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

# Chrome's REVOKED: a revoked certificate first; on macOS 10.15-12 also a certificate that
# breaks Apple's TLS rules (HT210176): no serverAuth EKU, validity over 825 days, weak key.
_REVOKED = ("cert_revoked:.55 cert_wrong_purpose:.2 server_misconfiguration:.15 "
            "weak_signature_or_key:.1")
_AUTH = ("cert_untrusted_root:.35 cert_self_signed:.25 incomplete_chain:.2 "
         "tls_interception_mitm:.2")

# name: (number, meaning, causes, spec)
ERRORS: dict[str, tuple[int, str, str, int]] = {
    "ERR_CONNECTION_CLOSED": (-100, "the connection was closed without a response",
                              "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.2 "
                              "sni_required_or_mismatch:.2 non_tls_service_on_port:.2", GENERIC),
    "ERR_CONNECTION_RESET": (-101, "the connection was reset",
                             "middlebox_or_firewall_interference:.7 protocol_version_mismatch:.15 "
                             "sni_required_or_mismatch:.15", CATEGORY),
    "ERR_CONNECTION_REFUSED": (-102, "the connection was refused",
                               "name_resolution_or_unreachable:.7 "
                               "middlebox_or_firewall_interference:.3", SPECIFIC),
    "ERR_NAME_NOT_RESOLVED": (-105, "the host name could not be resolved",
                              "name_resolution_or_unreachable:1", REASON),
    "ERR_SSL_PROTOCOL_ERROR": (-107, "the TLS handshake failed (protocol error)",
                               "non_tls_service_on_port:.3 protocol_version_mismatch:.25 "
                               "middlebox_or_firewall_interference:.25 "
                               "client_cert_required:.2", GENERIC),
    "ERR_ADDRESS_UNREACHABLE": (-109, "the address is unreachable",
                                "name_resolution_or_unreachable:1", REASON),
    "ERR_SSL_CLIENT_AUTH_CERT_NEEDED": (-110, "the server requires a client certificate",
                                        "client_cert_required:1", REASON),
    "ERR_TUNNEL_CONNECTION_FAILED": (-111, "the proxy tunnel (CONNECT) failed",
                                     "client_misconfiguration:.6 "
                                     "middlebox_or_firewall_interference:.4", SPECIFIC),
    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH": (-113, "no TLS version or cipher suite in common",
                                           "protocol_version_mismatch:.5 "
                                           "cipher_suite_mismatch:.5", SPECIFIC),
    "ERR_SSL_RENEGOTIATION_REQUESTED": (-114, "the server asked to renegotiate",
                                        "client_cert_required:.6 server_misconfiguration:.4",
                                        SPECIFIC),
    "ERR_BAD_SSL_CLIENT_AUTH_CERT": (-117, "the server rejected the client certificate",
                                     "client_cert_required:1", REASON),
    "ERR_CONNECTION_TIMED_OUT": (-118, "the connection timed out",
                                 "middlebox_or_firewall_interference:.5 "
                                 "name_resolution_or_unreachable:.5", CATEGORY),
    "ERR_SSL_NO_RENEGOTIATION": (-123, "renegotiation was refused",
                                 "server_misconfiguration:.5 client_misconfiguration:.5", SPECIFIC),
    "ERR_SSL_DECOMPRESSION_FAILURE_ALERT": (-125, "the server sent decompression_failure",
                                            "middlebox_or_firewall_interference:.6 "
                                            "server_misconfiguration:.4", SPECIFIC),
    "ERR_SSL_BAD_RECORD_MAC_ALERT": (-126, "the server sent bad_record_mac",
                                     "middlebox_or_firewall_interference:.7 "
                                     "server_misconfiguration:.3", SPECIFIC),
    "ERR_SSL_WEAK_SERVER_EPHEMERAL_DH_KEY": (-129, "the server's DH key is too weak",
                                             "weak_cipher_or_no_pfs:1", REASON),
    "ERR_PROXY_CERTIFICATE_INVALID": (-136, "the proxy's certificate is invalid",
                                      "tls_interception_mitm:.5 client_misconfiguration:.5",
                                      SPECIFIC),
    "ERR_SSL_HANDSHAKE_NOT_COMPLETED": (-148, "the handshake did not complete",
                                        "middlebox_or_firewall_interference:.5 "
                                        "protocol_version_mismatch:.25 cipher_suite_mismatch:.25",
                                        GENERIC),
    "ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN": (-150, "the chain does not contain a pinned key",
                                             "tls_interception_mitm:.7 "
                                             "server_misconfiguration:.3", SPECIFIC),
    "ERR_SSL_SERVER_CERT_CHANGED": (-156, "the server certificate changed on renegotiation",
                                    "tls_interception_mitm:.5 server_misconfiguration:.5",
                                    SPECIFIC),
    "ERR_SSL_UNRECOGNIZED_NAME_ALERT": (-159, "the server does not know the SNI name",
                                        "sni_required_or_mismatch:1", REASON),
    "ERR_SSL_SERVER_CERT_BAD_FORMAT": (-167, "the server certificate cannot be parsed",
                                       "server_misconfiguration:1", REASON),
    "ERR_SSL_VERSION_INTERFERENCE": (-175, "something on the path breaks TLS 1.3",
                                     "middlebox_or_firewall_interference:1", REASON),
    "ERR_SSL_KEY_USAGE_INCOMPATIBLE": (-181, "the certificate's keyUsage forbids this use",
                                       "cert_wrong_purpose:1", REASON),
    "ERR_ECH_NOT_NEGOTIATED": (-183, "Encrypted ClientHello was not negotiated",
                               "middlebox_or_firewall_interference:.5 "
                               "client_misconfiguration:.5", SPECIFIC),
    "ERR_CERT_COMMON_NAME_INVALID": (-200, "the certificate is not for this host name",
                                     "hostname_mismatch:.9 tls_interception_mitm:.1", REASON),
    "ERR_CERT_DATE_INVALID": (-201, "the certificate is expired or not yet valid",
                              "cert_expired:.6 cert_not_yet_valid:.2 client_clock_wrong:.2",
                              SPECIFIC),
    "ERR_CERT_AUTHORITY_INVALID": (-202, "the certificate is not issued by a trusted CA", _AUTH,
                                   SPECIFIC),
    "ERR_CERT_CONTAINS_ERRORS": (-203, "the certificate is malformed",
                                 "server_misconfiguration:1", REASON),
    "ERR_CERT_NO_REVOCATION_MECHANISM": (-204, "no way to check revocation",
                                         "server_misconfiguration:.6 "
                                         "client_misconfiguration:.4", SPECIFIC),
    "ERR_CERT_UNABLE_TO_CHECK_REVOCATION": (-205, "revocation could not be checked",
                                            "client_misconfiguration:.5 "
                                            "middlebox_or_firewall_interference:.5", SPECIFIC),
    # Chrome on macOS 10.15-12, verifying with the system's trust API, showed REVOKED for a
    # certificate breaking Apple's TLS rules (support.apple.com HT210176: serverAuth EKU, a
    # SAN, <= 825 days, RSA >= 2048, SHA-2), mostly private and self-made ones: _REVOKED.
    "ERR_CERT_REVOKED": (-206, "the certificate is revoked", _REVOKED, REASON),
    "ERR_CERT_INVALID": (-207, "the certificate is invalid",
                         "cert_wrong_purpose:.5 server_misconfiguration:.5", CATEGORY),
    "ERR_CERT_WEAK_SIGNATURE_ALGORITHM": (-208, "the certificate uses a weak signature (SHA-1)",
                                          "weak_signature_or_key:1", REASON),
    "ERR_CERT_NON_UNIQUE_NAME": (-210, "the certificate names a non-unique (internal) name",
                                 "hostname_mismatch:1", REASON),
    "ERR_CERT_WEAK_KEY": (-211, "the certificate's key is too weak", "weak_signature_or_key:1",
                          REASON),
    "ERR_CERT_NAME_CONSTRAINT_VIOLATION": (-212, "the name violates the CA's name constraints",
                                           "cert_wrong_purpose:1", REASON),
    # judgement/chrome.py says why: a self-made certificate first, below 0.6
    "ERR_CERT_VALIDITY_TOO_LONG": (-213, "the certificate's validity period is too long",
                                   "cert_self_signed:.45 server_misconfiguration:.4 "
                                   "cert_untrusted_root:.15", REASON),
    "ERR_CERTIFICATE_TRANSPARENCY_REQUIRED": (-214, "the certificate lacks CT proofs",
                                              "server_misconfiguration:.7 "
                                              "tls_interception_mitm:.3", REASON),
    "ERR_CERT_SYMANTEC_LEGACY": (-215, "the certificate is from a distrusted Symantec root",
                                 "cert_untrusted_root:1", REASON),
    "ERR_CERT_KNOWN_INTERCEPTION_BLOCKED": (-217, "a known interception certificate was seen",
                                            "tls_interception_mitm:1", REASON),
    "ERR_SSL_OBSOLETE_VERSION_OR_CIPHER": (-218, "the server only offers obsolete TLS",
                                           "protocol_version_mismatch:.6 "
                                           "weak_cipher_or_no_pfs:.4", REASON),
    "ERR_EMPTY_RESPONSE": (-324, "the server closed the connection without sending data",
                           "non_tls_service_on_port:.4 middlebox_or_firewall_interference:.6",
                           GENERIC),
}

PROVENANCE = "chromium net/base/net_error_list.h"
_HAND = table("chrome", PROVENANCE, [
    *[(rf"(?<![A-Za-z0-9_])(?:net::|NET::)?{name}\b", f"Chrome {name} ({num}): {meaning}", cs,
       spec) for name, (num, meaning, cs, spec) in ERRORS.items()],
    *[(rf"\bnet_error {num}\b", f"Chrome {name} ({num}): {meaning}", cs, spec)
      for name, (num, meaning, cs, spec) in ERRORS.items()],
    (r"\bYour connection is not private\b", "Chrome refused the server certificate",
     "cert_untrusted_root:.3 hostname_mismatch:.2 cert_expired:.2 cert_self_signed:.15 "
     "tls_interception_mitm:.15", GENERIC, "chromium components/security_interstitials"),
    # The interstitial's "Advanced" details (Chrome's SSL blocking page, security
    # interstitial strings; wording as the page prints it): "This server could not prove
    # that it is HOST; its security certificate is from OTHER." names the check that failed
    # even when the NET:: code was not copied.
    (r"\bThis server could not prove that it is [^\n;]{1,200}; its security certificate "
     r"(?:is from|does not specify Subject Alternative Names)",
     "Chrome: the certificate is not for the host name asked for (COMMON_NAME_INVALID)",
     "hostname_mismatch:1", REASON, "chromium components/security_interstitials"),
    (r"\bThis server could not prove that it is [^\n;]{1,200}; its security certificate "
     r"is not trusted by your computer's operating system",
     "Chrome: the chain does not reach a root this computer trusts (AUTHORITY_INVALID)",
     "cert_untrusted_root:.4 cert_self_signed:.25 incomplete_chain:.2 "
     "tls_interception_mitm:.15", SPECIFIC, "chromium components/security_interstitials"),
    (r"\bThis server could not prove that it is [^\n;]{1,200}; its security certificate "
     r"expired\b", "Chrome: the certificate has expired (DATE_INVALID)",
     "cert_expired:.85 client_clock_wrong:.15", REASON,
     "chromium components/security_interstitials"),
    # Not valid yet: the same details sentence names the other date check, where the code
    # ERR_CERT_DATE_INVALID covers both (recorded from Chromium 156.0.8078.114 in
    # tests/ingest/corpus/client_matrix.json).
    # "tomorrow" for one day (the plural's =1 form in Chromium 156's locales/en-US.pak).
    # Ranked like every "not yet valid" (judgement/_common.NOT_YET), above the code's own
    # reading (ERR_CERT_DATE_INVALID covers both dates, expired first); the distance
    # printed is read by ingest/clock.py (years: the clock, not the certificate).
    (r"\bits security certificate is supposedly from (?:the future|tomorrow|\d{1,6} days? in "
     r"the future)", "Chrome: the server certificate is not valid yet (notBefore is after this "
     "computer's clock)", NOT_YET_CAUSES, REASON + 1,
     "chromium components/security_interstitials (not-yet-valid details), Chromium 156"),
    # Chrome's clock interstitial ("Clock error"): Chrome compared this computer's clock with
    # its build time and network time and found it wrong, so it shows this page instead of
    # the privacy error (ssl_errors::GetClockState; strings from Chromium 156.0.8078.114
    # locales/en-US.pak: "Your clock is ahead", "Your clock is behind", "A private
    # connection to $1 can't be established because your computer's date and time ($2) are
    # incorrect.").
    (r"\bcan't be established because your computer's date and time \([^)\n]{1,80}\) are "
     r"incorrect\b", "Chrome found this computer's clock wrong (its clock interstitial)",
     "client_clock_wrong:.95 cert_not_yet_valid:.05", REASON + 1,
     "Chromium 156.0.8078.114 locales/en-US.pak (IDS_CLOCK_ERROR_PRIMARY_PARAGRAPH)"),
    *[(rf"(?m)^[ \t]*Your clock is {way}[ \t]*$",
       f"Chrome found this computer's clock {way} of the real time (its clock interstitial)",
       f"client_clock_wrong:.95 {other}:.05", REASON + 1,
       f"Chromium 156.0.8078.114 locales/en-US.pak (IDS_CLOCK_ERROR_{way.upper()}_HEADING)",
       f"your clock is {way}")
      for way, other in (("ahead", "cert_expired"), ("behind", "cert_not_yet_valid"))],
    (r"\bhandshake failed; returned -?\d{1,3}, SSL error code \d{1,3}, net_error (?P<n>-\d{1,4})",
     "Chrome's handshake failed with net error {n}", "", GENERIC,
     "chromium net/socket/ssl_client_socket_impl.cc"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("chrome", "Chromium", side="client", as_source="chrome") + _HAND
