"""Chromium's net errors (net/base/net_error_list.h) as Chrome shows them: ``ERR_...``,
``NET::ERR_...`` on the interstitial, ``net::ERR_...`` in logs and DevTools."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "ERR_CERT_AUTHORITY_INVALID": common.UNTRUSTED,
    "ERR_CERT_COMMON_NAME_INVALID": "hostname_mismatch:.9 tls_interception_mitm:.1 | reason",
    "ERR_CERT_DATE_INVALID": "cert_expired:.7 cert_not_yet_valid:.1 client_clock_wrong:.2 "
                             "| reason",
    # Chrome on macOS 10.15-12 (the system's trust API) showed REVOKED for a certificate
    # breaking Apple's TLS rules (support.apple.com HT210176: serverAuth EKU, <= 825 days,
    # RSA >= 2048, SHA-2), mostly private and self-made ones; a revocation stays first.
    "ERR_CERT_REVOKED": "cert_revoked:.55 cert_wrong_purpose:.2 server_misconfiguration:.15 "
                        "weak_signature_or_key:.1 | reason",
    "ERR_CERT_INVALID": "server_misconfiguration:.5 cert_wrong_purpose:.5",
    "ERR_CERT_CONTAINS_ERRORS": "server_misconfiguration:.5 cert_wrong_purpose:.5",
    "ERR_CERT_WEAK_SIGNATURE_ALGORITHM": common.WEAK_SIG,
    "ERR_CERT_WEAK_KEY": common.WEAK_SIG,
    "ERR_CERT_NAME_CONSTRAINT_VIOLATION": common.PURPOSE,
    # Chromium raises it only for a chain to a "known" root (net/cert/cert_verify_proc.cc:
    # is_issued_by_known_root && HasTooLongValidity; chromium/chromium @
    # f24a8e130d36c035286d0b664743111ac6b10749). Public CAs issue at most 398 days since
    # 2020 (CA/Browser Forum Baseline Requirements 6.3.2), and where a store read from the
    # system's certificate files is the store, IsKnownRoot is "the store contains it"
    # (klzgrad/naiveproxy @ 5299f69a7f11bc581b7047f52e75379aa8043a6b src/net/cert/internal/
    # system_trust_store.cc, SystemTrustStoreFuchsia::IsKnownRoot; naiveproxy's Linux
    # SystemTrustStoreStaticUnix does the same, but the index names no commit for the two
    # copies of it it holds), so a self-made certificate added there counts as known: a
    # self-signed certificate made for years first, below 0.6.
    "ERR_CERT_VALIDITY_TOO_LONG": "cert_self_signed:.45 server_misconfiguration:.4 "
                                  "cert_untrusted_root:.15 | reason",
    "ERR_CERT_NON_UNIQUE_NAME": common.HOSTNAME,
    "ERR_CERT_NO_REVOCATION_MECHANISM": common.REVOCATION_UNKNOWN,
    "ERR_CERT_UNABLE_TO_CHECK_REVOCATION": common.REVOCATION_UNKNOWN,
    "ERR_CERTIFICATE_TRANSPARENCY_REQUIRED": "server_misconfiguration:.7 "
                                             "tls_interception_mitm:.3 | reason",
    "ERR_CERT_SYMANTEC_LEGACY": "cert_untrusted_root:1 | reason",
    "ERR_CERT_KNOWN_INTERCEPTION_BLOCKED": common.MITM,
    "ERR_SSL_PINNED_KEY_NOT_IN_CERT_CHAIN": common.PINNING,
    # Cloudflare answers a name its edge holds no certificate for (a second-level
    # subdomain on the free tier) with handshake_failure, which Chrome shows as this code
    # (developers.cloudflare.com/ssl/troubleshooting/version-cipher-mismatch/); dev set:
    # 2 of 2 threads were that, so the SNI name ranks first, below 0.6.
    "ERR_SSL_VERSION_OR_CIPHER_MISMATCH": "sni_required_or_mismatch:.4 "
                                          "cipher_suite_mismatch:.35 "
                                          "protocol_version_mismatch:.25 | exact",
    # Chrome shows it when the answer is not TLS at all (a "listen 443" without "ssl"
    # answers in plain HTTP) as well as for a broken handshake. Dev set (round 8): of 3
    # threads with it, 2 were a plain-HTTP port, 1 a server setting (session tickets off
    # in one server block); below 0.5: a ranking, `tlsdoctor diagnose` tells them apart.
    "ERR_SSL_PROTOCOL_ERROR": ("non_tls_service_on_port:.35 server_misconfiguration:.25 "
                               "protocol_version_mismatch:.2 "
                               "middlebox_or_firewall_interference:.2 | category"),
    "ERR_SSL_CLIENT_AUTH_CERT_NEEDED": common.CLIENT_CERT,
    "ERR_BAD_SSL_CLIENT_AUTH_CERT": common.CLIENT_CERT,
    "ERR_SSL_CLIENT_AUTH_NO_COMMON_ALGORITHMS": "client_cert_required:.6 "
                                                "cipher_suite_mismatch:.4",
    "ERR_SSL_CLIENT_AUTH_SIGNATURE_FAILED": "client_cert_required:.6 "
                                            "client_misconfiguration:.4",
    "ERR_SSL_CLIENT_AUTH_PRIVATE_KEY_ACCESS_DENIED": common.CLIENT_CONFIG,
    "ERR_SSL_CLIENT_AUTH_CERT_NO_PRIVATE_KEY": common.CLIENT_CONFIG,
    "ERR_SSL_CLIENT_AUTH_CERT_BAD_FORMAT": common.CLIENT_CONFIG,
    "ERR_CLIENT_AUTH_CERT_TYPE_UNSUPPORTED": "client_cert_required:.6 "
                                             "client_misconfiguration:.4",
    "ERR_SSL_UNRECOGNIZED_NAME_ALERT": common.SNI,
    "ERR_SSL_DECRYPT_ERROR_ALERT": "server_misconfiguration:.5 "
                                   "middlebox_or_firewall_interference:.3 "
                                   "client_cert_required:.2",
    "ERR_SSL_BAD_RECORD_MAC_ALERT": "middlebox_or_firewall_interference:.7 "
                                    "server_misconfiguration:.3",
    "ERR_SSL_DECOMPRESSION_FAILURE_ALERT": "server_misconfiguration:1",
    "ERR_SSL_NO_RENEGOTIATION": common.ALPN,
    "ERR_SSL_RENEGOTIATION_REQUESTED": "server_misconfiguration:.6 client_cert_required:.4",
    "ERR_SSL_SERVER_CERT_BAD_FORMAT": common.BAD_CERT_FORMAT,
    "ERR_SSL_SERVER_CERT_CHANGED": "tls_interception_mitm:.5 server_misconfiguration:.5",
    "ERR_SSL_BAD_PEER_PUBLIC_KEY": "server_misconfiguration:.6 "
                                   "middlebox_or_firewall_interference:.4",
    "ERR_SSL_KEY_USAGE_INCOMPATIBLE": common.PURPOSE,
    "ERR_SSL_OBSOLETE_CIPHER": "cipher_suite_mismatch:.7 weak_cipher_or_no_pfs:.3 | exact",
    "ERR_NO_SSL_VERSIONS_ENABLED": common.CLIENT_CONFIG,
    "ERR_TLS13_DOWNGRADE_DETECTED": "tls_interception_mitm:.6 "
                                    "middlebox_or_firewall_interference:.4 | reason",
    "ERR_ECH_NOT_NEGOTIATED": "server_misconfiguration:.5 middlebox_or_firewall_interference:.5",
    "ERR_ECH_FALLBACK_CERTIFICATE_INVALID": "server_misconfiguration:1",
    "ERR_ALPN_NEGOTIATION_FAILED": common.ALPN,
    "ERR_PROXY_CERTIFICATE_INVALID": "client_misconfiguration:.5 tls_interception_mitm:.5",
    "ERR_QUIC_CERT_ROOT_NOT_KNOWN": common.UNTRUSTED,
    "ERR_CONNECTION_REFUSED": common.UNREACHABLE,
    "ERR_CONNECTION_RESET": common.RESET,
    "ERR_CONNECTION_CLOSED": common.EOF_CLOSED,
    # The socket was gone when Chromium wrote to it: with TLS 1.3 a server that rejects the
    # client after its Finished (certificate_required) and closes can win that race
    # (client matrix, Chromium 156).
    "ERR_SOCKET_NOT_CONNECTED": common.EOF_CLOSED,
    "ERR_EMPTY_RESPONSE": common.EOF_CLOSED,
    "ERR_CONNECTION_TIMED_OUT": common.TIMEOUT,
    "ERR_TIMED_OUT": common.TIMEOUT,
    "ERR_CONNECTION_ABORTED": common.RESET,
    "ERR_CONNECTION_FAILED": common.UNREACHABLE,
    "ERR_ADDRESS_UNREACHABLE": common.UNREACHABLE,
    "ERR_NAME_NOT_RESOLVED": common.DNS,
    "ERR_NAME_RESOLUTION_FAILED": common.DNS,
    "ERR_ICANN_NAME_COLLISION": common.DNS,
    "ERR_INTERNET_DISCONNECTED": "name_resolution_or_unreachable:1",
    "ERR_NETWORK_ACCESS_DENIED": "middlebox_or_firewall_interference:1",
    "ERR_TUNNEL_CONNECTION_FAILED": "client_misconfiguration:.5 "
                                    "middlebox_or_firewall_interference:.5",
    "ERR_PROXY_CONNECTION_FAILED": "client_misconfiguration:.6 "
                                   "name_resolution_or_unreachable:.4",
    "ERR_INVALID_HTTP_RESPONSE": "non_tls_service_on_port:.6 "
                                 "middlebox_or_firewall_interference:.4",
    "ERR_INVALID_RESPONSE": "non_tls_service_on_port:.5 server_misconfiguration:.5",
    "ERR_HTTP2_INADEQUATE_TRANSPORT_SECURITY": "cipher_suite_mismatch:.6 "
                                               "server_misconfiguration:.4",
    "ERR_QUIC_HANDSHAKE_FAILED": common.HANDSHAKE,
    "ERR_ABORTED": "no_fault",
    "ERR_IO_PENDING": "no_fault",
    "ERR_EARLY_DATA_REJECTED": "no_fault",
    "ERR_WRONG_VERSION_ON_EARLY_DATA": "no_fault",
    "ERR_SSL_HANDSHAKE_NOT_COMPLETED": "not_tls",
    "ERR_CERT_END": "not_tls",
}

RULES = (
    (r"^ERR_", "not_tls",
     "file, cache, upload, WebSocket, HTTP/2 framing and policy errors: not a TLS failure"),
)
