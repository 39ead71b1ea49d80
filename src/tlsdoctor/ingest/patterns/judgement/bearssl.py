"""BearSSL: ``BR_ERR_*`` codes (inc/bearssl_ssl.h, inc/bearssl_x509.h) with brssl's names
(tools/errors.c), read from the ESP8266 core's BearSSL tree. The ESP8266 Arduino core prints
the same codes in its own words (judgement/esp8266_arduino.py takes these verdicts).

BearSSL runs on devices that carry their own trust anchors and have no battery-backed clock:
an ESP8266 takes the time from SNTP after boot, and BearSSL's minimal X.509 validator falls
back to time(NULL), i.e. 1970, when the sketch never set the clock (WiFiClientSecureBearSSL.
cpp installs the time only when setX509Time() was called; doc/esp8266wifi/bearssl-client-
secure-class.rst: "SNTP must be enabled and functioning before the connection is
attempted"). So BR_ERR_X509_EXPIRED, which BearSSL raises for both ends of the validity
period, ranks the clock first with the shared clock base rate (judgement/_common.
NOT_YET_CAUSES); ingest/clock.py's printed-time readings still decide when times are printed.
"""

from __future__ import annotations

from . import _common as common

# The clock's share of "not yet valid" (the shared base rate), then the two certificate
# readings of BearSSL's one code for "expired or not yet valid": a clock never set reads
# every certificate as not yet valid, a certificate past notAfter is the common case of a
# right clock, one dated in the future the rare one. Below 0.6: a ranking; the device's
# clock (SNTP) against the certificate's dates tells them apart.
_CLOCK_SHARE = dict(item.split(":") for item in common.NOT_YET_CAUSES.split())["client_clock_wrong"]
DEVICE_DATES = (f"client_clock_wrong:{_CLOCK_SHARE} cert_expired:.3 cert_not_yet_valid:.15 "
                "| reason")
# Chain could not be linked to a trust anchor: on a device the anchors are what the sketch or
# firmware embeds (an outdated root, the wrong CA for the endpoint) as often as a server chain
# that does not reach them; the ESP8266 core also returns it for a pinned fingerprint that no
# longer matches (judgement/esp8266_arduino.py).
DEVICE_TRUST = ("client_misconfiguration:.35 cert_untrusted_root:.3 incomplete_chain:.2 "
                "tls_interception_mitm:.15 | reason")
_RECORD = "non_tls_service_on_port:.5 middlebox_or_firewall_interference:.5 | specific"

JUDGE = {
    "BR_ERR_UNSUPPORTED_VERSION": "protocol_version_mismatch:.7 non_tls_service_on_port:.3 "
                                  "| reason",
    "BR_ERR_BAD_VERSION": "protocol_version_mismatch:.5 non_tls_service_on_port:.3 "
                          "middlebox_or_firewall_interference:.2 | specific",
    "BR_ERR_BAD_LENGTH": _RECORD,
    "BR_ERR_UNKNOWN_TYPE": common.NOT_TLS_PORT,
    # A record larger than the buffers the sketch chose (setBufferSizes) when the server
    # ignores max_fragment_length: the device's setting first.
    "BR_ERR_TOO_LARGE": "client_misconfiguration:.6 non_tls_service_on_port:.4 | specific",
    "BR_ERR_BAD_MAC": "middlebox_or_firewall_interference:.6 server_misconfiguration:.4",
    "BR_ERR_UNEXPECTED": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_CCS": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_ALERT": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_HANDSHAKE": common.PROTOCOL_BROKEN,
    "BR_ERR_OVERSIZED_ID": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_HELLO_DONE": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_FINISHED": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_SIGNATURE": common.PROTOCOL_BROKEN,
    "BR_ERR_BAD_CIPHER_SUITE": "cipher_suite_mismatch:.6 client_misconfiguration:.4 | reason",
    "BR_ERR_BAD_COMPRESSION": "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "BR_ERR_EXTRA_EXTENSION": "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "BR_ERR_BAD_SNI": "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "BR_ERR_BAD_FRAGLEN": "server_misconfiguration:.5 client_misconfiguration:.5 | reason",
    "BR_ERR_BAD_SECRENEG": "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "BR_ERR_RESUME_MISMATCH": "server_misconfiguration:.5 client_misconfiguration:.5",
    # An ECDHE curve, signature or hash BearSSL (or the sketch's reduced suite set) lacks.
    "BR_ERR_INVALID_ALGORITHM": "cipher_suite_mismatch:.5 weak_signature_or_key:.3 "
                                "client_misconfiguration:.2 | reason",
    "BR_ERR_WRONG_KEY_USAGE": common.PURPOSE,
    "BR_ERR_NO_CLIENT_AUTH": common.CLIENT_CERT,
    "BR_ERR_IO": common.EOF_CLOSED,
    "BR_ERR_X509_EMPTY_CHAIN": "server_misconfiguration:.6 client_cert_required:.4 | reason",
    "BR_ERR_X509_LIMIT_EXCEEDED": "server_misconfiguration:.5 client_misconfiguration:.5 "
                                  "| reason",
    # The server's key type is not one the configured suites can use (an EC certificate
    # for a client built RSA-only).
    "BR_ERR_X509_WRONG_KEY_TYPE": "cipher_suite_mismatch:.5 client_misconfiguration:.5 "
                                  "| reason",
    # A trust anchor with the issuer's name but another key (the device's CA is outdated),
    # a re-signing middlebox, or a chain sent in the wrong order.
    "BR_ERR_X509_BAD_SIGNATURE": "client_misconfiguration:.4 tls_interception_mitm:.3 "
                                 "bad_chain_order_or_extra:.3 | specific",
    "BR_ERR_X509_TIME_UNKNOWN": "client_clock_wrong:.8 client_misconfiguration:.2 | reason",
    "BR_ERR_X509_EXPIRED": DEVICE_DATES,
    "BR_ERR_X509_DN_MISMATCH": "bad_chain_order_or_extra:.6 incomplete_chain:.4 | reason",
    "BR_ERR_X509_BAD_SERVER_NAME": common.HOSTNAME,
    "BR_ERR_X509_CRITICAL_EXTENSION": "server_misconfiguration:.6 cert_wrong_purpose:.4 "
                                      "| reason",
    "BR_ERR_X509_NOT_CA": "cert_wrong_purpose:.6 bad_chain_order_or_extra:.4 | reason",
    "BR_ERR_X509_FORBIDDEN_KEY_USAGE": common.PURPOSE,
    "BR_ERR_X509_WEAK_PUBLIC_KEY": common.WEAK_SIG,
    "BR_ERR_X509_NOT_TRUSTED": DEVICE_TRUST,
}

RULES = (
    (r"^BR_ERR_(?:X509_)?OK\b", "no_fault", "success codes"),
    (r"^BR_ERR_X509_", common.BAD_CERT_FORMAT,
     "a certificate BearSSL cannot decode: the certificate the server sent"),
    (r"^BR_ERR_(?:BAD_PARAM|BAD_STATE|NO_RANDOM|LIMIT_EXCEEDED)\b", "not_tls",
     "the program's own use of the API, entropy and internal limits"),
)
