"""Erlang/OTP ssl (and what wraps it: hackney, httpc, Elixir's Mint/Finch, RabbitMQ).

OTP prints who sent an alert (lib/ssl/src/ssl_alert.erl own_alert_txt/alert_txt):
"TLS client: In state certify at ssl_handshake.erl:2111 generated CLIENT ALERT: Fatal -
Unknown CA" is this client's own verdict on the server's certificate, "received SERVER
ALERT: Fatal - Handshake Failure" the server's complaint about this client. The alert
texts are harvested (upstream/erlang.json); their causes are alerts.py's, turned around
for a complaint about the server. Certificate checks say their reason as a term,
``{bad_cert, Reason}`` (public_key's path validation and ssl's host-name check: the
reasons documented for ssl:connect/3 and public_key:pkix_path_validation/3, OTP 22-27).
"""

from __future__ import annotations

import re

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, causes, table
from .alerts import ALERTS
from .harvested import entries
from .judgement._common import TIMEOUT_CAUSES

# ssl_alert.hrl macro names -> the RFC names alerts.py keys its table by.
_RFC_NAME = {"UNRECOGNISED_NAME": "unrecognized_name",
             "DECRYPTION_FAILED_RESERVED": "decryption_failed",
             "NO_CERTIFICATE_RESERVED": "no_certificate"}
_BY_NAME = {row[0]: n for n, row in ALERTS.items()}
# The bare line names the alert's sender: a CLIENT ALERT is about the server.
_BARE = {"bare-client": "about-server", "bare-server": "about-client"}
_WHO = {"about-server": "the client rejected the server",
        "own-verdict": "this Erlang client's path validation rejected the server",
        "about-client": "the server refused this client"}


# Round 10 (the client matrix, OTP 25 on loopback): what ssl's own path validation sends
# (ssl_handshake.erl path_validation_alert/1) says less than the alert's name. public_key's
# validate_time/3 reports a certificate outside its validity period as cert_expired on
# either side of it (notBefore in the future too), and Bad Certificate is a self-signed
# peer, an issuer or signature that does not verify (a chain out of order, a re-signing
# proxy) or a name outside the CA's constraints; OTP's host-name failure is a Handshake
# Failure with {bad_cert,hostname_check_failed}, never this alert. Rankings, below 0.6.
_DATES = "cert_expired:.5 cert_not_yet_valid:.3 client_clock_wrong:.2"
_OWN_VERDICT = {
    "CERTIFICATE_EXPIRED": _DATES,
    "BAD_CERTIFICATE": ("cert_self_signed:.4 bad_chain_order_or_extra:.3 "
                        "tls_interception_mitm:.15 cert_wrong_purpose:.15"),
    # Round 18 (a wild sample): Unknown CA that this client generated is its path validation
    # finding no anchor among the CAs the application gave ssl (cacerts/cacertfile: most
    # wrappers pass certifi's bundle). Of the four threads of the sample and dev whose
    # resolution establishes a cause, three were fixed on the client (an outdated certifi
    # bundle or OTP release: mix deps.update certifi, a newer base image; wild18 cases
    # elixir-erlang-ssl, elixir-httpoison), one was a server without its intermediate (dev
    # elixir-mint-b3e1056f). The client's trust material first, below certainty.
    "UNKNOWN_CA": ("client_misconfiguration:.4 cert_untrusted_root:.25 incomplete_chain:.2 "
                   "tls_interception_mitm:.15"),
}


def _alert_patterns() -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    for e in entries("erlang"):
        n = _BY_NAME.get(_RFC_NAME.get(e.id, e.id.lower()))
        if n is None:
            continue
        _, _, client_cs, server_cs, spec = ALERTS[n]
        about_server = server_cs if server_cs is not None else client_cs
        text = re.escape(e.text)
        end = r"\b(?![ _]?[A-Za-z])"
        # A complaint about the server's certificate or hello: this client generated it,
        # or (on a server's log) the client sent it.
        # An alert this Erlang client generated about a certificate is its own path
        # validation's (_OWN_VERDICT); one it received from a client (a server's log) may
        # come from any client stack, so keeps the alert's common reading.
        own = _OWN_VERDICT.get(e.id)
        directed = (((("own-verdict", rf"\bgenerated CLIENT ALERT: (?:Fatal|Warning) - {text}{end}",
                       own),
                      ("about-server", rf"\breceived CLIENT ALERT: (?:Fatal|Warning) - {text}{end}",
                       about_server))) if own is not None else
                    (("about-server", rf"\b(?:generated|received) CLIENT ALERT: (?:Fatal|Warning)"
                                      rf" - {text}{end}", about_server),))
        for kind, rx, cs in (
                *directed,
                ("about-client", rf"\b(?:generated|received) SERVER ALERT: (?:Fatal|Warning) - "
                                 rf"{text}{end}", client_cs),
                # The line alone, as RabbitMQ and other OTP loggers print it: the role in
                # it is still the alert's sender; one tier below the directed form.
                ("bare-client", rf"(?<![A-Za-z] )\bCLIENT ALERT: (?:Fatal|Warning) - "
                                rf"{text}{end}", about_server),
                ("bare-server", rf"(?<![A-Za-z] )\bSERVER ALERT: (?:Fatal|Warning) - "
                                rf"{text}{end}", client_cs)):
            out.append(Pattern(
                # Erlang says who sent it: one tier above the same alert's undirected
                # names ({tls_alert,{unknown_ca,...}} around it).
                source="erlang", rx=rf"(?-i:{rx})", causes=causes(cs),
                spec=spec if kind.startswith("bare") else spec + 1,
                meaning=f"Erlang ssl: alert {e.text} ({_WHO[_BARE.get(kind, kind)]})",
                provenance=e.provenance, needle=e.text.lower(), id=f"erlang.up.{e.id}.{kind}", upstream=e.id, side="client"))
    return tuple(out)


# OTP <= 20 named alerts in lower case, with no sender: ssl_alert.erl's description_txt/1
# ("unknown ca", "certificate unknown"), in alert_txt/1's error_logger line "SSL: certify:
# ssl_handshake.erl:1606:Fatal error: unknown ca" (Elixir prints the state as an atom,
# ":certify") and in the error term reason_code/2 returned, {tls_alert, "unknown ca"}
# (erlang/otp lib/ssl/src/ssl_alert.erl, the OTP 19/20 version, (c) 2007-2016, read through
# the search index). The lower-case texts are today's (upstream/erlang.json) lowered. Hex
# and Mix print them (round 18's second wild sample: four hexpm/hex threads unread). The
# side that logged the line is not named; most posted ones are a client's own verdict, so
# each reads as a complaint about the server, one tier below the directed forms.
_OLD_PROV = "erlang/otp lib/ssl/src/ssl_alert.erl (OTP 19/20 description_txt/1, alert_txt/1)"
_OWN_PROV = ("; lib/ssl/src/ssl_handshake.erl (OTP 19/20, (c) 2013-2016: path_validation_alert/1 "
             "makes the alert with ?ALERT_REC, {?FILE, ?LINE} of ssl_handshake.erl); "
             "lib/ssl/src/ssl_alert.erl decode/3 (a received alert's place)")


def _old_alert_patterns() -> tuple[Pattern, ...]:
    out = []
    for e in entries("erlang"):
        n = _BY_NAME.get(_RFC_NAME.get(e.id, e.id.lower()))
        if n is None:
            continue
        _, _, client_cs, server_cs, spec = ALERTS[n]
        old = re.escape(e.text.lower())
        rx = (rf"\bSSL: :?\w{{1,40}}: \w{{1,40}}\.erl:\d{{1,6}}:Fatal error: {old}\b|"
              rf"\{{\s*:?tls_alert\s*,\s*['\"]{old}['\"]")
        out.append(Pattern(
            source="erlang", rx=rx, causes=causes(server_cs if server_cs is not None
                                                  else client_cs),
            spec=spec, meaning=f"Erlang ssl (OTP <= 20): alert {e.text.lower()}",
            provenance=_OLD_PROV, needle=e.text.lower(), id=f"erlang.old.{e.id}",
            upstream=e.id))
        own = _OWN_VERDICT.get(e.id) if e.id == "CERTIFICATE_EXPIRED" else None
        if own is not None:
            # The alert's place says who made it (round 28, holdout40): ?ALERT_REC records
            # {?FILE, ?LINE} where the alert was made. One decoded from the peer carries
            # ssl_alert.erl's (decode/3); ssl_handshake.erl's is this side's own path
            # validation (path_validation_alert/1: {bad_cert, cert_expired} ->
            # ?CERTIFICATE_EXPIRED, which covers both dates, as the directed form reads it
            # above), one tier above the line's other forms. Only this alert: the others'
            # old forms keep reading as a complaint about the server (test_round18_wild18b).
            out.append(Pattern(
                source="erlang",
                rx=rf"\bSSL: :?\w{{1,40}}: ssl_handshake\.erl:\d{{1,6}}:Fatal error: {old}\b",
                causes=causes(own), spec=spec + 1,
                meaning=f"Erlang ssl (OTP <= 20): this side's own path validation sent alert "
                        f"{e.text.lower()}",
                provenance=_OLD_PROV + _OWN_PROV, needle=e.text.lower(),
                id=f"erlang.old.{e.id}.own", upstream=e.id, side="client"))
    return tuple(out)


_BAD_CERT: dict[str, tuple[str, str]] = {
    "hostname_check_failed": ("the certificate is not for the host name asked for",
                              "hostname_mismatch:1"),
    "unknown_ca": ("no chain to a CA this side trusts",
                   "cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
                   "tls_interception_mitm:.15"),
    "selfsigned_peer": ("the peer's certificate is self-signed",
                        "cert_self_signed:.9 tls_interception_mitm:.1"),
    "cert_expired": ("a certificate of the path is outside its validity period (expired, "
                     "or not valid yet: OTP names both cert_expired)", _DATES),
    "invalid_issuer": ("a certificate's issuer does not match the next one in the chain",
                       "bad_chain_order_or_extra:.6 incomplete_chain:.4"),
    "invalid_signature": ("a signature in the chain does not verify",
                          "bad_chain_order_or_extra:.5 tls_interception_mitm:.3 "
                          "weak_signature_or_key:.2"),
    "name_not_permitted": ("a name outside the CA's name constraints", "cert_wrong_purpose:1"),
    "missing_basic_constraint": ("an intermediate without CA:TRUE", "cert_wrong_purpose:1"),
    # Round 26 (holdout33): pubkey_cert.erl validate_extensions raises it for a certificate
    # of the path, not the last, whose keyUsage lacks keyCertSign, while the path is built,
    # before the host name is checked (erlang/otp @ 1a5dd04e0958681a72984eba6b3cf026aaec0155
    # lib/public_key/src/pubkey_cert.erl): a certificate the server sends by default, to a
    # client that gave no SNI (benoitc/hackney#612), reads the same as a wrongly issued one.
    "invalid_key_usage": ("a certificate's key usage does not allow this use (raised before "
                          "the host name is checked: possibly not the certificate meant for "
                          "this name, as servers send by default to clients without SNI)",
                          "cert_wrong_purpose:.5 sni_required_or_mismatch:.2 "
                          "server_misconfiguration:.15 bad_chain_order_or_extra:.15"),
    "invalid_ext_key_usage": ("the extended key usage does not allow this use",
                              "cert_wrong_purpose:1"),
    "unknown_critical_extension": ("an unknown critical extension", "cert_wrong_purpose:1"),
    "revocation_status_undetermined": ("revocation could not be checked",
                                       "client_misconfiguration:.5 "
                                       "middlebox_or_firewall_interference:.5"),
    "revoked": ("the certificate is revoked", "cert_revoked:1"),
}
_OWN_ATOMS = ("hostname_check_failed", "selfsigned_peer", "invalid_issuer",
              "missing_basic_constraint", "invalid_ext_key_usage",
              "revocation_status_undetermined", "unknown_critical_extension")
_PROV = ("erlang/otp lib/ssl (ssl:connect/3 errors), lib/public_key "
         "(pkix_path_validation/3 reasons)")

PATTERNS = _alert_patterns() + _old_alert_patterns() + table("erlang", _PROV, [
    *[(rf"\{{\s*bad_cert\s*,\s*\{{?\s*(?-i:{atom})\b", f"Erlang ssl: {meaning}", cs, REASON,
       _PROV, atom) for atom, (meaning, cs) in _BAD_CERT.items()],
    # Erlang and Elixir pretty-print the term over several lines ("{bad_cert,\n
    # {hostname_check_failed, ..."): the reasons no alert shares are read on their own,
    # as the first element of a tuple.
    *[(rf"\{{\s*(?-i:{atom})\s*[,}}]", f"Erlang ssl: {meaning}", cs, REASON, _PROV, atom)
      for atom, (meaning, cs) in _BAD_CERT.items() if atom in _OWN_ATOMS],
    # Round 10: a first record whose type byte is no TLS record type: the port speaks
    # another protocol (72 is "H" of an HTTP answer).
    (r"\{\s*unsupported_record_type\s*,\s*\d{1,3}\s*\}", "Erlang ssl: the server's first "
     "bytes are not a TLS record (another protocol answers on this port)",
     "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15", REASON + 1,
     "erlang/otp lib/ssl/src/tls_record.erl (unsupported_record_type)"),
    # ssl:connect/4's timeout (or httpc's {failed_connect, [..., {inet, [inet], timeout}]}):
    # the TCP connect or the handshake did not finish in time.
    (r"\{\s*error\s*,\s*timeout\s*\}|\{\s*inet\s*,\s*\[[\w,\s]{0,20}\]\s*,\s*timeout\s*\}",
     "Erlang ssl: the connection or its TLS handshake did not finish within the timeout",
     TIMEOUT_CAUSES, CATEGORY,
     "erlang/otp lib/ssl (ssl:connect/4 {error, timeout}), lib/inets httpc (failed_connect)"),
    # The peer closed the TCP connection during the handshake, without an alert.
    (r"\{\s*error\s*,\s*closed\s*\}|\{\s*inet\s*,\s*\[[\w,\s]{0,20}\]\s*,\s*closed\s*\}",
     "Erlang ssl: the server closed the connection during the handshake without an alert",
     "middlebox_or_firewall_interference:.4 sni_required_or_mismatch:.2 "
     "protocol_version_mismatch:.2 client_cert_required:.2", GENERIC,
     "erlang/otp lib/ssl (ssl:connect/4 {error, closed}), lib/inets httpc (failed_connect)"),
    # An ssl option the program passed is wrong ({error,{options,{...}}}: ssl.erl's option
    # checks): the client's own setting.
    (r"\{\s*error\s*,\s*\{\s*options\s*,", "Erlang ssl: an ssl option this program passed "
     "is not valid", "client_misconfiguration:1", REASON),
    # OTP <= 21's error_logger line for an alert it generated: "SSL: certify:
    # tls_connection.erl:688:Fatal error: handshake failure - malformed_handshake_data".
    (r"\bSSL: \w{1,40}: \w{1,40}\.erl:\d{1,6}:Fatal error: (?-i:handshake failure)\b",
     "Erlang ssl (OTP <= 21): this side ended the handshake with handshake_failure",
     "cipher_suite_mismatch:.35 client_misconfiguration:.3 protocol_version_mismatch:.2 "
     "middlebox_or_firewall_interference:.15", CATEGORY, _PROV, ":fatal error: "),
    # Round 18 (a second wild sample): Hex (Mix's package client) checks hex.pm's chain
    # against the CA bundle it ships (lib/hex/http/ca-bundle.crt, hexpm/hex @ f049e906d38b),
    # not the system's store, so a corporate root installed in the OS does not help: an
    # Unknown CA against hex.pm was a re-signing proxy in three threads (hexpm/hex#137,
    # #283, openai/codex-universal#129: "corporate network", "behind firewall", an envoy
    # mitmproxy CA), the client's bundle in one, against a self-hosted mirror, not hex.pm
    # (hexpm/hex#1016), which this row leaves to the alert's own reading.
    (r"(?:\b(?:repo|builds)\.hex\.pm\b|\bmix (?:deps\.get|local\.hex|hex\.\w{1,12})\b)"
     r"[\s\S]{0,600}?\b(?:Fatal error: unknown ca|Fatal - Unknown CA|unknown_ca|tls_alert, ?['\"]unknown ca)\b|"
     r"\b(?:Fatal error: unknown ca|Fatal - Unknown CA|unknown_ca|tls_alert, ?['\"]unknown ca)\b[\s\S]{0,600}?"
     r"\b(?:repo|builds)\.hex\.pm\b",
     "Hex (mix): hex.pm's chain did not lead to a CA in the bundle Hex ships: most often a "
     "proxy re-signing the connection (Hex does not use the system's store: give it the "
     "proxy's root with HEX_CACERTS_PATH), else an outdated Hex",
     "tls_interception_mitm:.45 client_misconfiguration:.35 cert_untrusted_root:.2",
     REASON + 1, "hexpm/hex lib/hex/http (ca-bundle.crt)", "unknown"),
    (r"\{\s*tls_alert\s*,\s*\{\s*(?-i:handshake_failure)\b",
     "Erlang ssl: the handshake failed (handshake_failure)",
     "cipher_suite_mismatch:.35 protocol_version_mismatch:.25 client_misconfiguration:.2 "
     "sni_required_or_mismatch:.2", CATEGORY, _PROV, "handshake_failure"),
], spec=SPECIFIC)
