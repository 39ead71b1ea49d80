"""Round 27: holdout36's classes, each from the printing program's own words.

- pianobar's own certificate pin (PromyLOPh/pianobar @ d33a389bf256821f22cf80a9d630c18cef42870d
  src/libwaitress/waitress.c WaitressTlsVerify / WaitressErrorToStr "TLS fingerprint
  mismatch.", printed by src/ui.c as "Network error: %s"; until 4458cba "Switch back to
  libcurl", which replaced the setting with ca_bundle). libwaitress compared the SHA-1
  fingerprint of the server's LEAF certificate with the tls_fingerprint setting (a
  compiled-in default, or the user's config). A leaf's fingerprint changes at every renewal,
  so the pinned value gone stale (the client's setting: update tls_fingerprint) comes first;
  a certificate re-signed on the path second.
- mtg's dialer (9seconds/mtg @ e5ce720a2d7c3f552dbde95aefb5fb6752e30ab0 network/network.go
  DialContext "cannot resolve dns names: %w" around dnsResolve's "cannot find any ips for
  %s:%s"): neither its DNS-over-HTTPS resolver nor the system's gave an address for the
  name (its fronting domain's, Telegram's). mtglib/proxy.go logs "cannot dial to the
  fronting domain" over it.
- c2FmZQ/ech's DNS-over-HTTPS resolver, used by c2FmZQ/tlsproxy to reach its backends
  (c2FmZQ/ech @ ec462f0992d4a3f91e95656db0bd4e245b803963 resolve.go resolveOneNoCache:
  "%s (%s): %w (%d)" over the response codes 1-5, "format error", "server failure",
  "non-existent domain", "not implemented", "query refused", and "%s (%s): response code %d"
  for the others; the types asked are A, AAAA and HTTPS): the name did not resolve.
- Rust's native-tls on macOS hands Secure Transport's status text through (its
  security-framework Error shows SecCopyErrorMessageString's text), and tungstenite wraps it
  as "native-tls error: {0}" (snapview/tungstenite-rs src/error.rs TlsError::Native). Secure
  Transport's errSSLRecordOverflow (-9847, "record overflow", apple-oss-distributions/Security
  @ db15acbe6a7f257a859ad9a3bb86097bfe0679d9 base/SecBase.h) is a record header whose length
  is past the TLS maximum: the bytes of a plain-text reply ("HTTP/1.1 4..." read as a
  header gives a length of 0x502F). So a server that does not speak TLS there first (a ws://
  or http:// service at a wss:// or https:// URL); the peer's own record_overflow alert
  (errSSLPeerRecordOverflow, -9822, the same words) and a box on the path after it.
"""

from __future__ import annotations

from . import REASON, Pattern, Row, sourced_table

_PIANOBAR = ("PromyLOPh/pianobar @ d33a389bf256821f22cf80a9d630c18cef42870d "
             "src/libwaitress/waitress.c (WaitressErrorToStr), src/ui.c")
_MTG = "9seconds/mtg @ e5ce720a2d7c3f552dbde95aefb5fb6752e30ab0 network/network.go, mtglib/proxy.go"
_ECH = "c2FmZQ/ech @ ec462f0992d4a3f91e95656db0bd4e245b803963 resolve.go (resolveOneNoCache)"
_NATIVE_TLS = ("snapview/tungstenite-rs src/error.rs (TlsError::Native \"native-tls error: {0}\"); "
               "apple-oss-distributions/Security @ db15acbe6a7f257a859ad9a3bb86097bfe0679d9 "
               "base/SecBase.h errSSLRecordOverflow")

_DNS = "name_resolution_or_unreachable:.8 client_misconfiguration:.2"

_ROWS: list[tuple[str, str, Row]] = [
    ("pianobar", "client", (r"\bNetwork error: TLS fingerprint mismatch\b|"
                            r"(?m:^TLS fingerprint mismatch\.$)",
                            "pianobar: the server's certificate does not have the SHA-1 "
                            "fingerprint its tls_fingerprint setting pins (the certificate was "
                            "renewed since, or it was re-signed on the path)",
                            "client_misconfiguration:.55 tls_interception_mitm:.45", REASON,
                            _PIANOBAR, "tls fingerprint mismatch")),
    ("mtg", "client", (r"\bcannot resolve dns names: cannot find any ips for "
                       r"(?:tcp[46]?|udp[46]?):\S{1,253}",
                       "mtg: no address was found for the name (its DNS-over-HTTPS resolver's "
                       "or the system's answer was empty)",
                       _DNS, REASON, _MTG, "cannot find any ips for")),
    ("ech_resolver", "client", (r"(?<![\w.-])[\w.-]{1,253} \((?:A|AAAA|HTTPS)\): (?:format error "
                                r"\(1\)|server failure \(2\)|non-existent domain \(3\)|not "
                                r"implemented \(4\)|query refused \(5\)|response code "
                                r"(?:[6-9]|[1-9]\d{1,3})\b)",
                                "c2FmZQ/ech's DNS-over-HTTPS resolver (tlsproxy's backends): the "
                                "name did not resolve (the DNS response code it names)",
                                _DNS, REASON, _ECH, "")),
    ("native_tls", "client", (r"\bnative-tls error: record overflow\b",
                              "Secure Transport (macOS, through Rust's native-tls) read a record "
                              "header with a length past the TLS maximum: the reply was plain "
                              "text (errSSLRecordOverflow), not TLS",
                              "non_tls_service_on_port:.75 middlebox_or_firewall_interference:.25",
                              REASON, _NATIVE_TLS, "native-tls error: record overflow")),
]

# Every row here is a client's own words.
PATTERNS: tuple[Pattern, ...] = sourced_table("r27b", _ROWS)
