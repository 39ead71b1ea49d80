"""The ESP8266 Arduino core's BearSSL client (libraries/ESP8266WiFi/src/
WiFiClientSecureBearSSL.cpp): getLastSSLError()'s text for each BR_ERR_* code takes
BearSSL's verdict (judgement/bearssl.py); its own "BSSL:" debug lines are judged here.
A fatal alert prints as "SSL received fatal alert - " and the text of the code whose number
equals the alert's (the core reads the alert number as a BearSSL code): patterns/devices.py
reads that form with the alert's direction.
"""

from __future__ import annotations

from . import _common as common

SAME_AS = "bearssl"

# The core's insecure validator with setFingerprint(): the SHA-1 pinned in the sketch no
# longer matches the server's certificate. A renewed server certificate (Let's Encrypt's
# 90 days) leaves every pinned device behind; a re-signing middlebox reads the same.
_STALE_PIN = "client_misconfiguration:.6 tls_interception_mitm:.4 | reason"
_MEMORY = "client_misconfiguration:1 | reason"  # the device's heap, the sketch's buffers

JUDGE = {
    "-1000": _MEMORY,
    "connect: Name lookup failure": common.DNS,
    "probeMaxFragmentLength: Can't resolve host": common.DNS,
    "connect: Unable to connect TCP socket": common.UNREACHABLE,
    "probeMaxFragmentLength: Can't connect": common.UNREACHABLE,
    "_run_until: Timeout": common.TIMEOUT,
    "insecure_end_chain: Received cert FP doesn't match": _STALE_PIN,
    # allowSelfSignedCerts() and a server whose certificate is not self-signed.
    "insecure_end_chain: Didn't get self-signed cert": common.CLIENT_CONFIG,
    "insecure_end_chain: No cert seen": "server_misconfiguration:.6 "
                                        "middlebox_or_firewall_interference:.4",
    "Connection *will* fail, no authentication method is setup": common.CLIENT_CONFIG,
    "_installClientX509Validator: Attempting to use EC keys in minimal cipher mode (no EC)":
        "client_misconfiguration:.6 cipher_suite_mismatch:.4 | reason",
    "_connectSSL: Attempting to use EC cert in minimal cipher mode (no EC)":
        "client_misconfiguration:.6 cipher_suite_mismatch:.4 | reason",
    "_run_until: Fatal protocol state": common.HANDSHAKE,
    "_wait_for_handshake: failed": common.HANDSHAKE,
    "probeMaxFragmentLength: Protocol error": common.HANDSHAKE,
    "Connected!": "no_fault",
}

RULES = (
    (r"OOM", _MEMORY, "the device ran out of memory for the TLS buffers"),
    (r"^setFingerprint:|^setCiphers:", common.CLIENT_CONFIG,
     "the sketch's own fingerprint or cipher list is malformed"),
    (r".", "not_tls", "reads, writes and debug lines of a connection already made or "
                      "never started"),
)
