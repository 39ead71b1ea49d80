"""TLS alerts (RFC 8446 §6, RFC 5246 §7.2, SSLv3 RFC 6101 §5.4.2; IANA "TLS Alerts"
registry) and the causes each one points to, in every spelling clients print.

Spellings: the RFC name (``handshake_failure``: Java sun/security/ssl/Alert.java, Node,
curl-Schannel), OpenSSL's "sslv3/tlsv1/tlsv13 alert handshake failure"
(ssl/ssl_err.c), Go's text (src/crypto/tls/alert.go), rustls' ``AlertDescription``
Debug names (rustls/src/msgs/enums.rs: ``HandshakeFailure``) and numbers
("SSL alert number 40", GnuTLS "Received alert [40]").

``causes`` are for a *client* that received the alert from the server; ``server_causes``
for a server that received it from the client, where they differ (certificate alerts:
the side that complains is rejecting the *other* side's certificate).
"""

from __future__ import annotations

import re
from dataclasses import replace

from ...causes import Cause
from . import CATEGORY, REASON, SPECIFIC, Pattern, causes, lazy_patterns

PROVENANCE = "RFC 8446 §6, RFC 5246 §7.2, IANA TLS Alerts registry"
_SCHANNEL24 = ("Schannel System-log events 36887/36888, newer wording: MicrosoftDocs/"
               "SupportArticles-docs KB 2801679 @ bac2dc2745d3; MSDN blog of Microsoft's IIS "
               "support 2013-08-02 (kaushalp/kaushalp.github.io @ 2fd21a2f6769); alert "
               "numbers: IANA TLS Alerts registry")

_SERVER_CERT = ("cert_untrusted_root:.4 incomplete_chain:.25 cert_self_signed:.15 "
                "hostname_mismatch:.1 tls_interception_mitm:.1")

# number: (rfc name, go text, client-side causes, server-side causes or None, spec)
ALERTS: dict[int, tuple[str, str, str, str | None, int]] = {
    0: ("close_notify", "close notify", "", None, CATEGORY),
    10: ("unexpected_message", "unexpected message",
         "middlebox_or_firewall_interference:.5 server_misconfiguration:.25 "
         "client_misconfiguration:.25", None, CATEGORY),
    # RFC 8446 §6.2: never seen "between proper implementations, except when messages were
    # corrupted in the network": the path first, then the peer's own crypto (the side that
    # could not deprotect), then this side's; a ranking, the words do not say which.
    20: ("bad_record_mac", "bad record MAC",
         "middlebox_or_firewall_interference:.5 server_misconfiguration:.3 "
         "client_misconfiguration:.2", None, SPECIFIC),
    21: ("decryption_failed", "decryption failed", "middlebox_or_firewall_interference:.7",
         None, SPECIFIC),
    22: ("record_overflow", "record overflow",
         "middlebox_or_firewall_interference:.6 client_misconfiguration:.4", None, SPECIFIC),
    30: ("decompression_failure", "decompression failure",
         "middlebox_or_firewall_interference:.5 client_misconfiguration:.5", None, SPECIFIC),
    40: ("handshake_failure", "handshake failure",
         "cipher_suite_mismatch:.45 protocol_version_mismatch:.25 client_cert_required:.15 "
         "sni_required_or_mismatch:.15", None, CATEGORY),
    41: ("no_certificate", "no certificate", "client_cert_required:.9", None, SPECIFIC),
    # OpenSSL clients send bad_certificate for a wrong name, a not-yet-valid or weak
    # certificate and unknown_ca for an untrusted or incomplete chain (ssl/statem/
    # statem_lib.c x509table); Go before 1.21 sends it for every verify failure.
    42: ("bad_certificate", "bad certificate", "client_cert_required:.8 server_misconfiguration:.2",
         "hostname_mismatch:.35 cert_untrusted_root:.25 incomplete_chain:.15 "
         "cert_not_yet_valid:.1 weak_signature_or_key:.1 cert_self_signed:.05", SPECIFIC),
    43: ("unsupported_certificate", "unsupported certificate",
         "client_cert_required:.7 cert_wrong_purpose:.3",
         "cert_wrong_purpose:.6 weak_signature_or_key:.4", SPECIFIC),
    44: ("certificate_revoked", "revoked certificate", "client_cert_required:1",
         "cert_revoked:1", SPECIFIC),
    # Received: what the peer's own check found expired. OpenSSL sends it for an expired
    # certificate in the chain it checked (the client's, or a CA of its own that the client's
    # chain builds to) and for its own expired CRL (x509table: X509_V_ERR_CERT_HAS_EXPIRED and
    # X509_V_ERR_CRL_HAS_EXPIRED -> SSL_AD_CERTIFICATE_EXPIRED): the client's certificate most
    # often, the server's own material second (rucio-client-be8af1fa, a grid server's).
    45: ("certificate_expired", "expired certificate",
         "client_cert_required:.55 cert_expired:.3 client_clock_wrong:.15",
         "cert_expired:.8 client_clock_wrong:.2", SPECIFIC),
    46: ("certificate_unknown", "unknown certificate", "client_cert_required:.8 "
         "server_misconfiguration:.2", _SERVER_CERT, SPECIFIC),
    47: ("illegal_parameter", "illegal parameter",
         "middlebox_or_firewall_interference:.35 server_misconfiguration:.35 "
         "client_misconfiguration:.3", None, CATEGORY),
    48: ("unknown_ca", "unknown certificate authority", "client_cert_required:1",
         "cert_untrusted_root:.45 incomplete_chain:.3 cert_self_signed:.15 "
         "tls_interception_mitm:.1", SPECIFIC),
    # A rustls server whose certificate resolver has nothing for the ClientHello (an SNI
    # resolver asked for a name it does not hold, or no SNI) sends access_denied (rustls
    # rustls/src/server/hs.rs @ b92fd839e3db: cert_resolver.resolve -> AccessDenied, "no server
    # certificate chain resolved"); other servers send it for a client certificate refused by
    # policy, filtering middleboxes for a blocked name (round 17).
    49: ("access_denied", "access denied",
         "client_cert_required:.45 sni_required_or_mismatch:.3 "
         "middlebox_or_firewall_interference:.25", None, SPECIFIC),
    50: ("decode_error", "error decoding message",
         "middlebox_or_firewall_interference:.5 client_misconfiguration:.25 "
         "server_misconfiguration:.25", None, CATEGORY),
    51: ("decrypt_error", "error decrypting message",
         "server_misconfiguration:.5 middlebox_or_firewall_interference:.3 "
         "client_cert_required:.2", None, CATEGORY),
    60: ("export_restriction", "export restriction", "cipher_suite_mismatch:1", None, SPECIFIC),
    70: ("protocol_version", "protocol version not supported", "protocol_version_mismatch:1",
         None, REASON),
    71: ("insufficient_security", "insufficient security level",
         "cipher_suite_mismatch:.8 protocol_version_mismatch:.2", None, SPECIFIC),
    # The peer failed on its own side; why is not said. Round 9: below 0.6, and the name
    # asked is a candidate: Go's crypto/tls sends internal_error when GetCertificate finds
    # no certificate for the SNI name (autocert, Caddy); dev: 2 of 2 received internal_error
    # threads were about the name (a Go server without a certificate for it; a broker whose
    # certificate had to carry the host name used).
    80: ("internal_error", "internal error",
         "server_misconfiguration:.4 sni_required_or_mismatch:.25 hostname_mismatch:.15 "
         "middlebox_or_firewall_interference:.1 cipher_suite_mismatch:.1", None, CATEGORY),
    86: ("inappropriate_fallback", "inappropriate fallback",
         "middlebox_or_firewall_interference:.7 client_misconfiguration:.3", None, SPECIFIC),
    90: ("user_canceled", "user canceled", "", None, CATEGORY),
    100: ("no_renegotiation", "no renegotiation",
          "client_misconfiguration:.5 server_misconfiguration:.5", None, SPECIFIC),
    109: ("missing_extension", "missing extension",
          "client_misconfiguration:.6 middlebox_or_firewall_interference:.4", None, SPECIFIC),
    110: ("unsupported_extension", "unsupported extension",
          "middlebox_or_firewall_interference:.5 client_misconfiguration:.5", None, SPECIFIC),
    111: ("certificate_unobtainable", "certificate unobtainable",
          "incomplete_chain:.6 server_misconfiguration:.4", None, SPECIFIC),
    112: ("unrecognized_name", "unrecognized name", "sni_required_or_mismatch:1", None, REASON),
    113: ("bad_certificate_status_response", "bad certificate status response",
          "ocsp_must_staple_missing:.5 cert_revoked:.5", None, SPECIFIC),
    114: ("bad_certificate_hash_value", "bad certificate hash value",
          "server_misconfiguration:.6 client_misconfiguration:.4", None, SPECIFIC),
    115: ("unknown_psk_identity", "unknown PSK identity", "client_misconfiguration:1", None,
          SPECIFIC),
    116: ("certificate_required", "certificate required", "client_cert_required:1", None,
          REASON),
    120: ("no_application_protocol", "no application protocol",
          "client_misconfiguration:.5 server_misconfiguration:.5", None, SPECIFIC),
    # Go 1.23+ crypto/tls/alert.go alertECHRequired: "encrypted client hello required".
    121: ("ech_required", "encrypted client hello required", "client_misconfiguration:1", None,
          SPECIFIC),
}


def _camel(name: str) -> str:
    return "".join(p.capitalize() for p in name.split("_"))


# rustls' Debug names where the mechanical CamelCase differs (rustls msgs/enums.rs;
# upstream/rustls.json AlertDescription::*).
_RUSTLS = {"bad_record_mac": "BadRecordMac", "unknown_ca": "UnknownCA",
           "unknown_psk_identity": "UnknownPSKIdentity", "unrecognized_name": "UnrecognisedName",
           "ech_required": "EncryptedClientHelloRequired"}

# .NET's TlsAlertDescription names where they differ from the CamelCase of the RFC name
# (dotnet/runtime src/libraries/Common/src/System/Net/Security/TlsAlertMessage.cs @
# 4cc76fa79023; SslStream's net_auth_tls_alert "Authentication failed because the remote
# party sent a TLS alert: '{0}'." prints them). .NET names alerts 0..110 only.
_DOTNET = {"bad_record_mac": "BadRecordMac", "decompression_failure": "DecompressionFail",
           "unsupported_certificate": "UnsupportedCert", "unknown_ca": "UnknownCA",
           "insufficient_security": "InsuffientSecurity", "unsupported_extension": "UnsupportedExt"}
_DOTNET_NUMBERS = frozenset({0, 10, 20, 21, 22, 30, 40, 42, 43, 44, 45, 46, 47, 48, 49, 50, 51,
                             60, 70, 71, 80, 90, 100, 110})


def alert_causes(number: int, *, server_side: bool = False
                 ) -> tuple[str, tuple[tuple[Cause, float], ...], int] | None:
    """Alert ``number`` -> (name, causes, spec) as seen by a client (or the server)."""
    row = ALERTS.get(number)
    if row is None:
        return None
    name, _, cs, scs, spec = row
    return name, causes(scs if server_side and scs is not None else cs), spec


def received_in_shape(source: str, shape: str, meaning: str, *, provenance: str,
                      needle: str, upstream: str) -> tuple[Pattern, ...]:
    """Every alert that has a reading, in one client program's own shape for an alert it
    received (``shape`` and ``meaning`` are formats with {n}, the number; ``meaning`` also
    {name}; ``needle`` may use {n}), read as a client reads a received alert (round 17:
    aws-c-io's "Alert code N", FileZilla's "Received TLS alert from the server: ... (N)")."""
    out = []
    for n in sorted(ALERTS):
        got = alert_causes(n)
        if got is None or not got[1]:
            continue
        name, cs, spec = got
        out.append(Pattern(
            source=source, rx=shape.format(n=n), meaning=meaning.format(n=n, name=name),
            causes=cs, provenance=provenance, spec=spec, needle=needle.format(n=n),
            id=f"{source}.alert.{n}", upstream=upstream, side="client"))
    return tuple(out)


def peer_readings(patterns: tuple[Pattern, ...], names: dict[str, int]) -> tuple[Pattern, ...]:
    """``patterns`` with a server's reading added to those that name a received alert
    (``names``: the stack's identifier -> alert number, found as the pattern's upstream id
    or in its regex): a stack's own "the peer sent X" is the peer's complaint, which on a
    server's log is the client's, about the server's certificate."""
    out = []
    for p in patterns:
        n = names.get(p.upstream) if p.upstream else next(
            (num for name, num in names.items() if name in p.rx), None)
        row = None if n is None else ALERTS.get(n)
        if row is not None and row[3] is not None and p.server_causes is None:
            p = replace(p, server_causes=causes(row[3]))
        out.append(p)
    return tuple(out)


def rustls_names() -> dict[str, int]:
    """rustls' upstream ids of AlertDescription variants -> alert numbers."""
    return {f"AlertDescription::{_RUSTLS.get(row[0], _camel(row[0]))}": n
            for n, row in ALERTS.items()}


# A server that *sent* bad_record_mac could not decrypt what the client sent. In a TLS 1.3
# handshake that is, first, the alert of an OpenSSL client rejecting the server's
# certificate: OpenSSL's client sends it before switching to its handshake keys, which only
# OpenSSL servers read (the server-log matrix on loopback: Go 1.19 net/http "local error:
# tls: bad record MAC", GnuTLS 3.7 "Decryption has failed", judgement/gnutls.py). Its own
# reading, never blended in when no words say the side.
SERVER_SENT = {20: ("cert_untrusted_root:.4 middlebox_or_firewall_interference:.35 "
                     "incomplete_chain:.25")}


def _pattern(n: int, kind: str, rx: str, needle: str, meaning: str, spec: int, *,
             sent: bool = False) -> Pattern:
    """``sent``: this side sent the alert, so the complaint is its own about the peer: a
    client that sends unknown_ca rejected the server's chain (the causes a server reading
    a received unknown_ca has), a server that sends it rejected the client's certificate."""
    _, _, cs, scs, _ = ALERTS[n]
    if sent and scs is not None:
        cs, scs = scs, cs
    own = SERVER_SENT.get(n) if sent else None
    return Pattern(source="tls_alert", rx=rx, meaning=meaning,
                   causes=causes(cs), provenance=PROVENANCE, spec=spec, needle=needle.lower(),
                   server_causes=causes(scs) if scs is not None else None,
                   own_reading=causes(own) if own else None, id=f"alert.{n}.{kind}")


# Go before the "tls: " prefix of alert.String (the 2015 releases, golang/go#10039; forks of
# that crypto/tls such as bfenetworks/bfe bfe_tls/alert.go @ 9b326ea7) printed the same
# net.OpError without it: "remote error: handshake failure" (round 25). Not for the alert
# texts other programs' "remote error: ..." also say in plain English (git's daemon, RPC
# layers): those keep the prefix.
_PLAIN_GO = frozenset({"close notify", "unexpected message", "access denied", "internal error",
                       "user canceled"})


def go_alert(go: str) -> str:
    """Go's text of an alert (``go``, alert.String's words) as a regex: after "tls: ", which
    is optional where the older releases printed the same words (also ingest/refusal.py)."""
    return ("tls: " if go in _PLAIN_GO else "(?:tls: )?") + re.escape(go)


def _patterns() -> tuple[Pattern, ...]:
    out = []
    for n, (name, go, _, _, spec) in ALERTS.items():
        spaced = name.replace("_", " ")
        what = f"TLS alert {n} ({name})"
        # OpenSSL: "sslv3 alert handshake failure", "tlsv13 alert certificate required",
        # and for 111-114 "tlsv1 unrecognized name" (no "alert" in ssl/ssl_err.c).
        # (?!...): "bad certificate" must not match "bad certificate status response"
        end = r"\b(?![ _]?[A-Za-z])"
        out.append(_pattern(n, "openssl", rf"\b(?:sslv3|tlsv1|tlsv13|tls)(?: alert)? {spaced}{end}",
                            spaced, f"the peer sent {what}", spec))
        if "_" in name:  # the RFC identifier is distinctive enough on its own
            # ...unless it ends a longer identifier: a setting's name such as PostgreSQL's
            # ssl_min_protocol_version is no alert, while OpenSSL's SSL_R_..._ALERT_<NAME>
            # reason code is one.
            out.append(_pattern(n, "rfc", rf"(?:(?<=alert_)|(?<![A-Za-z_])){name}{end}", name,
                                f"the peer sent {what}", spec))
        out.append(_pattern(n, "alert-word", rf"\balert[ :]{{1,3}}{spaced}{end}", spaced,
                            f"{what}", spec))
        # Wireshark/tshark's summary (epan/dissectors/packet-tls-utils.c ssl_31_alert_
        # description: "Handshake Failure", "Unknown CA"): the sender is in the line's
        # addresses, not its words, so it is read like the bare alert word.
        out.append(_pattern(n, "tshark", rf"\bAlert \(Level: (?:Fatal|Warning), Description: "
                            rf"{spaced}\)", f"description: {spaced}", f"{what} (Wireshark)", spec))
        # Round 26: a log that glues its own state name after Go's error ("... remote error:
        # tls: unknown certificate handshakeStatus13ReadClientFinished", a WuKongIM server's
        # line) still ends the alert's name: an identifier with a number in it is no word of
        # one (the number, not the case: a logger may have changed the case).
        go_end = r"\b(?!_?[A-Za-z]| (?![A-Za-z]{1,40}\d)[A-Za-z])"
        out.append(_pattern(n, "go", rf"\bremote error: {go_alert(go)}{go_end}",
                            go.lower(),
                            f"the peer sent {what} (Go crypto/tls)", spec))
        # Round 28 (holdout40): Go's alert text without the net.OpError around it ("remote
        # error: " / "local error: "), as a wrapper prints the error it unwrapped: only Go
        # prints the lower-case "tls: " before an alert's text (alert.String). Which side
        # sent it is not said, so it reads like the bare alert word. Not before a colon: Go's
        # own "tls: internal error: ..." errors are no alert. "(?-ix:" keeps the lower case
        # in the case-blind second reading too (messages._case_blind lifts "(?-i:" only): a
        # logger's upper-cased "TLS: HANDSHAKE FAILURE" may be anyone's, as Postfix's "Cannot
        # start TLS: handshake failure" is.
        out.append(_pattern(n, "go-unwrapped",
                            rf"(?<!remote error: )(?<!local error: )(?<![\w:.-])(?-ix:tls): "
                            rf"{re.escape(go)}{go_end}(?!:)",
                            go.lower(), f"{what} (Go crypto/tls, without who sent it)", spec))
        # Someone typed just the alert's name ("handshake failure", "unknown ca").
        out.append(_pattern(n, "bare", rf"(?m)^\s*(?:fatal\s+)?(?:alert\s*:?\s*)?{spaced}\s*\.?$",
                            spaced, what, spec))
        camel = _RUSTLS.get(name, _camel(name))
        out.append(_pattern(n, "rustls", rf"\balert[^\n]{{0,20}}\b(?-i:{camel})\b", camel,
                            f"the peer sent {what} (rustls)", spec))
        out.extend(_directed(n, name, go, what, spec))
    return tuple(out)


# The pattern kinds (ids "alert.N.KIND") of an alert this side sent: _directed's sent=True.
SENT_FORMS = ("go-sent", "openssl-write", "java-sent", "curl-sent", "rustls-sent",
              "gnutls-sent", "mbedtls-sent", "schannel-sent",
              # Round 24: Schannel event 36888's newer wording ("... was generated: N")
              "schannel-generated")
# Kinds that quote OpenSSL's long description on a line of their own (the info callback, curl
# -v's trace): another table's reading of the same words on that line ("certificate
# revoked" is also a verify result) is theirs, not the line's.
QUOTING_FORMS = ("openssl-write", "openssl-read", "curl-sent", "curl-read")


def _directed(n: int, name: str, go: str, what: str, spec: int) -> list[Pattern]:
    """The spellings that say who sent the alert. Sent ones turn the complaint around."""
    spaced = name.replace("_", " ")
    end = r"\b(?![ _]?[A-Za-z])"
    out = [
        # Go: the alert this side sent comes back as "local error" (crypto/tls/conn.go).
        _pattern(n, "go-sent", rf"\blocal error: {go_alert(go)}{end}",
                 go.lower(),
                 f"this side sent {what} (Go crypto/tls): it rejected the peer", spec, sent=True),
        # OpenSSL's info callback (apps/lib/s_cb.c "SSL3 alert %s:%s:%s" with
        # SSL_alert_desc_string_long, ssl/ssl_stat.c): s_client/s_server -state, -msg.
        # Programs that print their own info callback say "alert during write: fatal (x)".
        _pattern(n, "openssl-write", rf"\balert (?:during )?write: ?(?:fatal|warning)[: (]{{1,2}}"
                 rf"{spaced}{end}", spaced,
                 f"this side sent {what}: it rejected the peer", spec, sent=True),
        _pattern(n, "openssl-read", rf"\balert (?:during )?read: ?(?:fatal|warning)[: (]{{1,2}}"
                 rf"{spaced}{end}", spaced,
                 f"the peer sent {what}", spec),
        # JSSE with javax.net.debug: TransportContext.fatal() logs "Fatal (ALERT): why"
        # before sending it (sun/security/ssl/TransportContext.java).
        # It logs the same line when it rethrows an alert the peer sent ("Fatal
        # (HANDSHAKE_FAILURE): Received fatal alert: handshake_failure", JDK 17 on loopback).
        _pattern(n, "java-sent", rf"\bFatal \((?-i:{name.upper()})\)(?!: Received fatal alert)",
                 name,
                 f"this side sent {what} (Java): it rejected the peer", spec, sent=True),
        # Round 20: JSSE's received alert (sun/security/ssl/Alert.java: "Received fatal
        # alert: " + the RFC identifier). The identifier ends the alert whatever a wrapper
        # prints after it (YaCy's crawler: "... handshake_failure duration=442 for url"),
        # so only a longer identifier ("_status_response") stops it, not a next word.
        _pattern(n, "java-read", rf"\b(?-i:Received fatal alert: {name})\b(?!_)", name,
                 f"the peer sent {what} (Java)", spec),
        # curl -v over OpenSSL traces every record with its direction (lib/vtls/openssl.c
        # ssl_tls_trace / ossl_trace: "%s (%s), %s, %s (%d):" = version, IN|OUT, "TLS alert",
        # SSL_alert_desc_string_long, level << 8 | description: 557 = fatal certificate_
        # expired). Matched by the number, which does not depend on OpenSSL's wording. Round
        # 11: the line names the reason when curl's own error line does not (dev: 1 of 3
        # traces with a sent alert ended in OpenSSL's stale errno text instead).
        _curl_sent(n, what, spec),
        _pattern(n, "curl-read", rf"\(IN\), TLS alert, [^\n(]{{1,40}}\((?:{256 + n}|{512 + n})\)",
                 "tls alert", f"the peer sent {what} (curl -v)", spec),
    ]
    peer = _RUSTLS_PEER.get(name)
    if peer is not None:
        out.append(_pattern(n, "rustls-peer", rf"\bthe peer {re.escape(peer)}", peer,
                            f"the peer sent {what} (rustls)", spec))
    return out + _numbered(n, what, spec) + _named(n, name, what, spec)


def _numbered(n: int, what: str, spec: int) -> list[Pattern]:
    """Debug and event-log lines that print the alert's number with its direction."""
    return [
        # GnuTLS's record log (lib/record.c "REC[%p]: Alert[%d|%d] - %s - was received",
        # lib/alert.c "REC: Sending Alert[%d|%d] - %s"; gnutls f8971291ba0b) and its
        # programs' report of a received alert (src/cli.c "*** Received alert [%d]: %s",
        # src/serv.c check_alert "* Received alert '%d': %s.").
        _pattern(n, "gnutls-read", rf"\bAlert\[\d\|{n}\] - [^\n]{{1,80}}? - was received",
                 "was received", f"the peer sent {what} (GnuTLS)", spec),
        _pattern(n, "gnutls-report", rf"\bReceived alert (?:\[{n}\]|'{n}')", "received alert",
                 f"the peer sent {what} (GnuTLS)", spec),
        _pattern(n, "gnutls-sent", rf"\bSending Alert\[\d\|{n}\]", "sending alert[",
                 f"this side sent {what} (GnuTLS): it rejected the peer", spec, sent=True),
        # mbedTLS library/ssl_msg.c debug lines (Mbed-TLS 03334868372d): "got an alert
        # message, type: [%u:%u]", "is a fatal alert message (msg %d)"; "send alert
        # level=%u message=%u".
        _pattern(n, "mbedtls-read", rf"\bgot an alert message, type: \[\d:{n}\]"
                 rf"|\bis a fatal alert message \(msg {n}\)", "alert message",
                 f"the peer sent {what} (mbedTLS)", spec),
        _pattern(n, "mbedtls-sent", rf"\bsend alert level=\d message={n}\b",
                 "send alert level=", f"this side sent {what} (mbedTLS): it rejected the peer",
                 spec, sent=True),
        # QUIC carries a TLS alert as the transport error CRYPTO_ERROR, 0x100 + the alert
        # (RFC 9001 §4.8); quic-go prints it with who closed the connection (quic-go @
        # 2cfe6ee0b5ac internal/qerr/error_codes.go "CRYPTO_ERROR %#x", errors.go
        # "%s (%s)" with "remote" or "local"): hysteria, Caddy's HTTP/3, quic-go clients.
        # Only the peer's: a local one goes on with this side's own error (the x509 or
        # crypto/tls text it failed on), which says more than the alert it sent.
        _pattern(n, "quic-read", rf"\bCRYPTO_ERROR {0x100 + n:#x} \(remote\)", "crypto_error",
                 f"the peer sent {what} (QUIC CRYPTO_ERROR, quic-go)", spec),
        # Windows Schannel events 36887 ("A fatal alert was received from the remote
        # endpoint. The TLS protocol defined fatal alert code is %1.") and 36888 ("A fatal
        # alert was generated and sent to the remote endpoint. ... The TLS protocol defined
        # fatal error code is %1."): learn.microsoft.com Schannel events (dn786445).
        _pattern(n, "schannel-read", rf"\breceived from the remote endpoint\b[^\n]{{0,80}}?"
                 rf"\bfatal alert code is {n}\b", "received from the remote endpoint",
                 f"the peer sent {what} (Schannel event 36887)", spec),
        _pattern(n, "schannel-sent", rf"\bgenerated and sent to the remote endpoint\b"
                 rf"[^\n]{{0,160}}?\bfatal error code is {n}\b", "generated and sent",
                 f"this side sent {what} (Schannel event 36888): it rejected the peer", spec,
                 sent=True),
        # Round 24: the same events' newer wording, "The following fatal alert was
        # received: %1" (36887) and "The following fatal alert was generated: %1. The internal
        # error state is %2." (36888), harvested in upstream/schannel_events.json (Microsoft's
        # KB 2801679 and its IIS support's MSDN blog). The internal error state is
        # Schannel's own code, which Microsoft does not document: not read.
        replace(_pattern(n, "schannel-received", rf"\bThe following fatal alert was received:"
                         rf" {n}\b", "following fatal alert was received",
                         f"the peer sent {what} (Schannel event 36887)", spec),
                provenance=_SCHANNEL24),
        replace(_pattern(n, "schannel-generated", rf"\bThe following fatal alert was "
                         rf"generated: {n}\b", "following fatal alert was generated",
                         f"this machine sent {what} (Schannel event 36888): it refused the "
                         "peer", spec, sent=True), provenance=_SCHANNEL24),
    ]


def _named(n: int, name: str, what: str, spec: int) -> list[Pattern]:
    """Wordings that name the alert with a direction in a stack's own spelling."""
    camel = _RUSTLS.get(name, _camel(name))
    out = [
        # rustls <= 0.21 common_state.rs send_fatal_alert: warn!("Sending fatal alert
        # {:?}", desc) (rustls v/0.21.0 4f80c4570; later versions log nothing).
        _pattern(n, "rustls-sent", rf"\bSending fatal alert (?-i:{camel})\b",
                 "sending fatal alert", f"this side sent {what} (rustls): it rejected the peer",
                 spec, sent=True),
    ]
    dotnet = _DOTNET.get(name, _camel(name))
    if n in _DOTNET_NUMBERS:
        out.append(_pattern(n, "dotnet", rf"\bremote party sent a TLS alert: '(?-i:{dotnet})'",
                            "remote party sent a tls alert",
                            f"the peer sent {what} (.NET SslStream)", spec))
    return out


# An OpenSSL client sends certificate_expired for its own X509_V_ERR_CERT_HAS_EXPIRED
# (ssl/statem/statem_lib.c x509table), which does not say which certificate: the leaf, or
# an expired root/cross-sign the client's old store still builds to. It ranks as the
# verify text does (judgement/_common.EXPIRED_IN_PATH, 7 of 9 dev threads the client's).
_OPENSSL_CLIENT_SENT = {45: "cert_expired:.45 client_misconfiguration:.4 client_clock_wrong:.15"}


def _curl_sent(n: int, what: str, spec: int) -> Pattern:
    """curl -v's "(OUT), TLS alert, ..." line: the alert curl's OpenSSL sent."""
    pattern = _pattern(n, "curl-sent",
                       rf"\(OUT\), TLS alert, [^\n(]{{1,40}}\((?:{256 + n}|{512 + n})\)",
                       "tls alert", f"this side sent {what} (curl -v): it rejected the peer",
                       spec, sent=True)
    own = _OPENSSL_CLIENT_SENT.get(n)
    return pattern if own is None else replace(pattern, causes=causes(own))


# rustls >= 0.23.x: AlertReceived's Display is "received fatal alert: the peer <phrase>"
# (rustls/src/error/mod.rs, impl fmt::Display for AlertDescription, commit 6868ee84dd62).
_RUSTLS_PEER = {
    "unexpected_message": "received an unexpected message",
    "bad_record_mac": "failed to verify a message",
    "record_overflow": "rejected an over-length message",
    "illegal_parameter": "rejected a message because a field was incorrect or inconsistent",
    "decode_error": "failed to decode a message",
    "decrypt_error": "failed to perform a handshake cryptographic operation",
    "inappropriate_fallback": "detected an attempted version downgrade",
    "missing_extension": "required a specific extension that was not provided",
    "unsupported_extension": "rejected an unsolicited extension",
    "decryption_failed": "failed to decrypt a message",
    "decompression_failure": "failed to decompress a message",
    "no_certificate": "found no certificate",
    "export_restriction": "refused due to export restrictions",
    "no_renegotiation": "rejected an attempt at renegotiation",
    "certificate_unobtainable": "failed to retrieve its certificate",
    "bad_certificate_hash_value": "rejected the `certificate_hash` extension",
    "handshake_failure": "failed to negotiate an acceptable set of security parameters",
    "protocol_version": "did not support a suitable TLS version",
    "insufficient_security": "required a higher security level than was offered",
    "bad_certificate": "rejected the certificate as corrupt or incorrectly signed",
    "unsupported_certificate": "did not support the certificate",
    "certificate_revoked": "found the certificate to be revoked",
    "certificate_expired": "found the certificate to be expired",
    "certificate_unknown": "rejected the certificate for an unspecified reason",
    "unknown_ca": "found the certificate was not issued by a trusted CA",
    "bad_certificate_status_response": "rejected the certificate status response",
    "access_denied": "denied access",
    "certificate_required": "required a client certificate",
    "internal_error": "encountered an internal error",
    "user_canceled": "canceled the handshake",
    "unrecognized_name": "did not recognize a name in the `server_name` extension",
    "unknown_psk_identity": "did not recognize any offered PSK identity",
    "no_application_protocol": "did not support any of the offered application protocols",
    "ech_required": "required use of encrypted client hello",
}



# PATTERNS, built on first use: decoding a code or an alert number needs none.
__getattr__ = lazy_patterns(globals(), _patterns)

# Numeric forms: OpenSSL "SSL alert number 40", GnuTLS "Received alert [40]",
# Schannel/ curl "alert 40", "alert #40", "alert(40)". Decoded in ingest/messages.py.
ALERT_NUMBER_RX = re.compile(
    r"\balert(?:\s+number|\s+code\s+is)?\s*[\[#(:]?\s*(?P<num>\d{1,3})\b(?![ \t]*(?:ms|s|sec|%)(?!\w))",
    re.IGNORECASE)
