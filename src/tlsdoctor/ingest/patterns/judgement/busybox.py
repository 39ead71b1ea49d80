"""BusyBox's own TLS client (mirror/busybox networking/tls.c), used by its wget (and the
ssl_client helper) in Alpine, OpenWrt and most small images; networking/wget.c.

It speaks TLS 1.2 only, with a few AES suites, x25519 or P-256 and RSA or ECDSA keys, and
checks no certificate. So a fatal alert the server sends during the handshake is mostly
the server refusing what BusyBox offers (handshake_failure: no common suite or version;
protocol_version: a TLS 1.3-only server); the alert line names the code. Its dies on a
key exchange it cannot do are the same mismatch seen from the client.
"""

from __future__ import annotations

from . import _common as common

_NO_COMMON = ("cipher_suite_mismatch:.4 protocol_version_mismatch:.35 "
              "sni_required_or_mismatch:.1 client_cert_required:.1 "
              "middlebox_or_firewall_interference:.05 | specific")
# the server's key or group is one BusyBox's small TLS code does not do
_LIMITS = "cipher_suite_mismatch:.6 client_misconfiguration:.4 | reason"

JUDGE = {
    "alert 40 (handshake_failure)": _NO_COMMON,
    "alert 70 (protocol_version)": "protocol_version_mismatch:.85 client_misconfiguration:.15 "
                                   "| reason",
    "alert 71 (insufficient_security)": "cipher_suite_mismatch:.7 "
                                        "protocol_version_mismatch:.3 | reason",
    "alert 112 (unrecognized_name)": common.SNI,
    "alert 116 (certificate_required)": common.CLIENT_CERT,
    "alert 120 (no_application_protocol)": common.ALPN,
    "alert 49 (access_denied)": common.ACCESS_DENIED,
    "alert 80 (internal_error)": ("server_misconfiguration:.4 cipher_suite_mismatch:.3 "
                                  "protocol_version_mismatch:.3 | specific"),
    "alert 50 (decode_error)": ("client_misconfiguration:.4 server_misconfiguration:.3 "
                                "middlebox_or_firewall_interference:.3 | specific"),
    "alert 47 (illegal_parameter)": ("client_misconfiguration:.4 server_misconfiguration:.3 "
                                     "middlebox_or_firewall_interference:.3 | specific"),
    "alert 51 (decrypt_error)": ("middlebox_or_firewall_interference:.4 "
                                 "client_misconfiguration:.3 server_misconfiguration:.3 "
                                 "| specific"),
    "alert 20 (bad_record_mac)": ("middlebox_or_firewall_interference:.5 "
                                  "client_misconfiguration:.3 server_misconfiguration:.2 "
                                  "| specific"),
    "alert 10 (unexpected_message)": ("middlebox_or_firewall_interference:.4 "
                                      "client_misconfiguration:.3 server_misconfiguration:.3 "
                                      "| specific"),
    "alert 86 (inappropriate_fallback)": common.FALLBACK,
    "alert 109 (missing_extension)": ("protocol_version_mismatch:.5 client_misconfiguration:.5"
                                      " | specific"),
    "alert 110 (unsupported_extension)": ("client_misconfiguration:.5 "
                                          "server_misconfiguration:.5 | specific"),
    # the records that arrived are not TLS (a plain service answered) or are cut
    "got bad TLS record (len:%d) while expecting %s": (
        "non_tls_service_on_port:.5 middlebox_or_firewall_interference:.3 "
        "server_misconfiguration:.2 | specific"),
    "tls error at line %d cipher:%04x": common.PROTOCOL_BROKEN,
    "encrypted data too short": common.PROTOCOL_BROKEN,
    "bad encrypted len:%u": common.PROTOCOL_BROKEN,
    "elliptic curve is not x25519 or P256: 0x%08x": _LIMITS,
    "compressed EC points not supported": _LIMITS,
    "server cert is not RSA": _LIMITS,
    "not RSA or ECDSA cert": _LIMITS,
    "server did not provide EC key": _LIMITS,
    # printed before every https download: it checks nothing, nothing failed
    "note: TLS certificate validation not implemented": "no_fault",
    "HMAC key>64": "not_tls",
}

RULES = (
    # the certificate alerts: BusyBox sends no client certificate, so a server complaining
    # about one is asking for mutual TLS; the others are rare, read as a ranking
    (r"^alert (?:41|42|43|44|45|46|48) ", "client_cert_required:.5 "
     "middlebox_or_firewall_interference:.3 server_misconfiguration:.2 | specific",
     "a certificate alert from a server: it wanted a client certificate BusyBox has none of"),
    (r"^alert \d+ ", "middlebox_or_firewall_interference:.4 server_misconfiguration:.3 "
     "client_misconfiguration:.3 | generic", "another fatal alert: the code names no cause"),
)
