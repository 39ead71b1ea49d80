"""How far the handshake got, as the printed output shows it (round 13, "the stage").

The same refusal means different things by *when* it came: a handshake_failure answering
the ClientHello is a version, suite, name or curve the server would not take; the same alert
after the server's CertificateRequest (version and suite already agreed) is the client
certificate it asked for: none was sent, or it was not accepted. Many programs print the
steps: OpenSSL's info callback and message trace (s_client -state / -msg), curl -v, JSSE's
javax.net.debug, GnuTLS's and mbedTLS's debug logs, tshark's summary lines, and OpenSSL
1.0.x's own error function names. ``read_stage`` reads them all into one ``Stage``: facts
about the handshake, with the line that shows each; ``messages`` turns a refusal plus its
stage into a statement (``stage_claims``).

Sources (exact strings the programs print):
- OpenSSL ssl/ssl_stat.c (SSL_state_string_long) @ OpenSSL_1_0_2u b8371bb22e ("SSLv3 read
  server certificate request A") and openssl-3.0.21 d2a6bf8fdd ("SSLv3/TLS read server
  certificate request"); apps/s_cb.c / apps/lib/s_cb.c msg_cb ("<<< TLS 1.2, Handshake
  [length 004a], CertificateRequest"; 1.0.x without the comma).
- OpenSSL 1.0.x: a fatal alert answering the ClientHello of the version-flexible method is
  raised in ssl/s23_clnt.c as SSL23_GET_SERVER_HELLO (OpenSSL_1_0_2u :802, OpenSSL_1_0_1u
  :757); once a version was chosen, ssl/s3_pkt.c ssl3_read_bytes raises it as
  SSL3_READ_BYTES (OpenSSL_1_0_2u :1498, 1_0_1u :1300). Function names are capitals up to
  1.0.1 ("SSL3_READ_BYTES", ssl/ssl_err.c @ OpenSSL_1_0_1u) and lower case from 1.0.2 on.
  From 1.1.0 every received alert is ssl3_read_bytes (ssl/record/rec_layer_s3.c @
  OpenSSL_1_1_1w 529ba79d5b :1563, openssl-3.0.21 :1603) whatever the step: only 1.0.x's
  names (capitals, or lower case with 1.0.2's file s3_pkt.c) date an alert. A fixed-version
  method (SSLv3_client_method, TLSv1_client_method: s_client -tls1, PHP 5's
  STREAM_CRYPTO_METHOD_TLS_CLIENT in ext/openssl/xp_ssl.c, Python's PROTOCOL_TLSv1) reads
  the ServerHello through ssl3_read_bytes too, so its SSL3_READ_BYTES dates nothing.
- curl lib/vtls/openssl.c ssl_msg_type / ossl_trace @ 5c61e168698a ("(IN), TLS handshake,
  Request CERT (13):", "(OUT), TLS handshake, CERT verify (15):").
- OpenJDK sun/security/ssl (Temurin 25 src.zip): ServerHello.java "Consuming ServerHello
  handshake message", CertificateRequest.java "Consuming CertificateRequest handshake
  message", CertificateMessage.java "No X.509 certificate for client authentication, use
  empty Certificate message instead", CertificateVerify.java "Produced CertificateVerify
  handshake message"; JDK 8 ClientHandshaker.java "*** CertificateRequest", "Warning: no
  suitable certificate found - continuing without client authentication".
- GnuTLS lib/handshake.c / lib/buffers.c debug ("HSK[%p]: %s (%d) was received", "HSK[%p]:
  %s was queued [%ld bytes]"), gnutls-cli src/cli.c ("- Server has requested a
  certificate.", "- Successfully sent %u certificate(s) to server."); seen from gnutls-bin
  3.7.9 on loopback.
- mbedTLS library/ssl_tls12_client.c, ssl_tls13_client.c, ssl_tls.c @ 03334868372d ("<= parse
  certificate request", "<= skip parse certificate request", "got a certificate request",
  "<= write certificate verify", "<= skip write certificate verify").
- OpenSSL apps/s_client.c verify_callback (apps/s_cb.c @ OpenSSL_1_0_2u b8371bb22e, and
  openssl-3.0): "depth=%d " and the certificate's subject, then "verify return:%d", for each
  certificate of the chain the server sent, as its Certificate message is checked; s_client
  prints them on stderr, so a post with its stdout sent to /dev/null still has them.
- OpenSSL 1.0.x ssl/s23_lib.c ssl23_write @ OpenSSL_1_0_2u: SSL_R_SSL_HANDSHAKE_FAILURE
  ("ssl23_write:ssl handshake failure", 140790E5) when the handshake returned 0, which
  ssl3_read_n (s3_pkt.c) returns when the peer closed the connection: a close, not an alert.
- Wireshark's TLS dissector names (epan/dissectors/packet-tls-utils.c ssl_31_handshake_type:
  "Certificate Request", "Certificate Verify"; alerts "Alert (Level: Fatal, Description:
  Handshake Failure)") as tshark prints them in its summary lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause
from .patterns import causes

__all__ = ["Stage", "read_stage", "stage_claims"]

# Facts a marker line shows. ``answered``: the server answered the ClientHello (a ServerHello,
# or a step after it); ``request``: the server asked for a client certificate; ``empty`` /
# ``sent``: the client answered with an empty or a real Certificate; ``hello``: the client's
# ClientHello (a full trace starts with it); ``done``: the handshake completed (TLS 1.3:
# the server's Finished was read).
# ``ccert``: the client wrote a Certificate message (empty or not: in a full trace, one without
# a CertificateVerify after it was empty, RFC 5246 §7.4.8, RFC 8446 §4.4.3).
_ANSWERED, _REQUEST, _EMPTY, _SENT, _HELLO, _DONE, _CCERT = (
    "answered", "request", "empty", "sent", "hello", "done", "ccert")
# ``certified``: the client checked the certificates the server sent (round 24): the
# server's Certificate arrived, so version and suite were agreed before the refusal.
_CERTIFIED = "certified"

# (stack, regex, facts). Traces that print every handshake message (so that a step they do
# not show did not happen) are listed in _FULL_TRACES by stack.
_MARKERS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    # OpenSSL info callback (s_client -state; 1.0.x "SSLv3 read server hello A")
    ("openssl-state", r"SSL_connect:(?:SSLv[23]|SSLv2/v3|SSLv3/TLS) write client hello", (_HELLO,)),
    ("openssl-state", r"SSL_connect:(?:SSLv3|SSLv3/TLS) read server hello", (_ANSWERED,)),
    ("openssl-state", r"SSL_connect:(?:SSLv3|SSLv3/TLS) read server certificate request",
     (_ANSWERED, _REQUEST)),
    ("openssl-state", r"SSL_connect:(?:SSLv3|SSLv3/TLS) write client certificate",
     (_ANSWERED, _CCERT)),
    ("openssl-state", r"SSL_connect:(?:SSLv3|SSLv3/TLS) write certificate verify",
     (_ANSWERED, _SENT)),
    ("openssl-state", r"SSL_connect:(?:SSLv3|SSLv3/TLS) read finished", (_ANSWERED, _DONE)),
    # OpenSSL message trace (s_client -msg): the Certificate's length tells an empty one
    # (TLS 1.2: 4-byte header + 3-byte empty list = 7; TLS 1.3 adds a context byte = 8)
    ("openssl-msg", r">>> (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length [0-9a-f]{4}\], ClientHello",
     (_HELLO,)),
    ("openssl-msg", r"<<< (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length [0-9a-f]{4}\], ServerHello\b",
     (_ANSWERED,)),
    ("openssl-msg", r"<<< (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length [0-9a-f]{4}\], "
     r"CertificateRequest", (_ANSWERED, _REQUEST)),
    ("openssl-msg", r">>> (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length 000[78]\], Certificate$",
     (_ANSWERED, _EMPTY)),
    ("openssl-msg", r">>> (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length [0-9a-f]{4}\], Certificate$",
     (_ANSWERED, _CCERT)),
    ("openssl-msg", r">>> (?:TLS 1\.[0-3]|SSL 3\.0),? Handshake \[length [0-9a-f]{4}\], "
     r"CertificateVerify", (_ANSWERED, _SENT)),
    ("openssl-msg", r"<<< TLS 1\.3,? Handshake \[length [0-9a-f]{4}\], Finished", (_ANSWERED, _DONE)),
    # curl -v (old curl printed no direction: "SSLv3, TLS handshake, Request CERT (13):")
    ("curl", r"\(OUT\), TLS handshake, Client hello \(1\)", (_HELLO,)),
    ("curl", r"(?:\(IN\)|SSLv3|TLSv1(?:\.[0-3])?), TLS handshake, Server hello \(2\)",
     (_ANSWERED,)),
    ("curl", r"TLS handshake, Request CERT \(13\)", (_ANSWERED, _REQUEST)),
    ("curl", r"\(OUT\), TLS handshake, Certificate \(11\):\s*\n\} \[[78] bytes data\]",
     (_ANSWERED, _EMPTY)),
    ("curl", r"\(OUT\), TLS handshake, Certificate \(11\)", (_ANSWERED, _CCERT)),
    ("curl", r"(?:\(OUT\)|SSLv3|TLSv1(?:\.[0-3])?), TLS handshake, CERT verify \(15\)",
     (_ANSWERED, _SENT)),
    ("curl", r"\(IN\), TLS handshake, Finished \(20\)", (_ANSWERED, _DONE)),
    ("curl", r"\bSSL connection using (?:TLSv1\.[0-3]|SSLv3)", (_ANSWERED, _DONE)),
    # JSSE javax.net.debug (JDK 11+ and JDK 8)
    ("java", r"Produced ClientHello handshake message|\*\*\* ClientHello, ", (_HELLO,)),
    ("java", r"Consuming ServerHello handshake message|\*\*\* ServerHello, ", (_ANSWERED,)),
    ("java", r"Consuming CertificateRequest handshake message|\*\*\* CertificateRequest\b",
     (_ANSWERED, _REQUEST)),
    ("java", r"No X\.509 certificate for client authentication, use empty Certificate|"
     r"no suitable certificate found - continuing without client authentication",
     (_ANSWERED, _REQUEST, _EMPTY)),
    ("java", r"Produced client Certificate handshake message", (_ANSWERED, _CCERT)),
    ("java", r"Produced CertificateVerify handshake message|\*\*\* CertificateVerify\b",
     (_ANSWERED, _SENT)),
    ("java", r"Consuming server Finished handshake message", (_ANSWERED, _DONE)),
    # GnuTLS debug log and gnutls-cli's own lines
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: CLIENT HELLO was queued", (_HELLO,)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: SERVER HELLO \(2\) was received", (_ANSWERED,)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: CERTIFICATE REQUEST \(13\) was received|"
     r"- Server has requested a certificate\.", (_ANSWERED, _REQUEST)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: CERTIFICATE was queued \[[78] bytes\]|"
     r"- Successfully sent 0 certificate\(s\) to server", (_ANSWERED, _EMPTY)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: CERTIFICATE was queued", (_ANSWERED, _CCERT)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: CERTIFICATE VERIFY was queued|"
     r"- Successfully sent [1-9]\d{0,2} certificate\(s\) to server", (_ANSWERED, _SENT)),
    ("gnutls", r"HSK\[[^\]\n]{1,40}\]: FINISHED \(20\) was received", (_ANSWERED, _DONE)),
    # mbedTLS debug log (a client's)
    ("mbedtls", r"<= parse server hello", (_ANSWERED,)),
    ("mbedtls", r"(?<!skip )\bparse certificate request\b(?! message)|got a certificate request",
     (_ANSWERED, _REQUEST)),
    ("mbedtls", r"(?<!skip )<= write certificate verify", (_ANSWERED, _SENT)),
    # s_client's verify callback, one "depth=N <subject>" and "verify return:N" per
    # certificate checked (a logger's prefix may stand before each: docker build's "#14 0.4")
    ("openssl-verify", r"\bdepth=\d{1,2} [^\n]{1,600}\n[^\n]{0,40}?\bverify return:\d\s*$",
     (_ANSWERED, _CERTIFIED)),
    # tshark / Wireshark summary lines
    ("tshark", r"\bServer Hello\b[^\n]{0,200}\bCertificate Request\b", (_ANSWERED, _REQUEST)),
    ("tshark", r"\bCertificate, Client Key Exchange, Certificate Verify\b", (_ANSWERED, _SENT)),
)
_FULL_TRACES = frozenset({"openssl-state", "openssl-msg", "curl", "java", "gnutls"})

# OpenSSL 1.0.x error lines: the function that raised a received alert.
_OPENSSL_FUNC = re.compile(
    r"\berror:[0-9A-Fa-f]{8}:SSL routines:(?P<func>SSL23_GET_SERVER_HELLO|ssl23_get_server_hello|"
    r"SSL3_READ_BYTES|ssl3_read_bytes):[^\n]{0,80}?\balert\b(?P<rest>[^\n]{0,200})")
_PACKED_HELLO = re.compile(r"\berror:14077[0-9A-Fa-f]{3}\b")  # 1.0.x func 119 (only 1.0.x has it)
# Words that say the client used a fixed-version method (its ServerHello read through
# ssl3_read_bytes) or a PHP stream, whose method the text does not show.
_FIXED_METHOD = re.compile(
    r"\b(?:SSLv3|TLSv1(?:_[12])?)_client_method\b|\bs_client\b[^\n]{0,200}\s-(?:ssl3|tls1(?:_[12])?)\b"
    r"|\b(?:sslv3|tlsv1(?:\.[0-2])?)://|\bSTREAM_CRYPTO_METHOD_\w{1,20}_CLIENT\b"
    r"|\bPROTOCOL_(?:SSLv3|TLSv1(?:_[12])?)\b|\bstream_socket_(?:enable_crypto|client)\(\)"
    r"|\bfsockopen\(\)|\bSSL operation failed with code\b", re.IGNORECASE)

# apps/s_client.c print_stuff: "SSL handshake has read %ju bytes and written %ju bytes"
_SCLIENT_SUMMARY = re.compile(r"^SSL handshake has read \d+ bytes", re.MULTILINE)

_COMPILED = tuple((stack, re.compile(rx, re.MULTILINE), facts) for stack, rx, facts in _MARKERS)


@dataclass(frozen=True, slots=True, kw_only=True)
class Stage:
    """How far the handshake got, from the lines that show it (each fact's first line)."""

    answered: str = ""  # the line showing the server answered the ClientHello ("" if none)
    request: str = ""  # ... that the server asked for a client certificate
    empty: str = ""  # ... that the client sent an empty Certificate
    sent: str = ""  # ... that the client sent (and signed for) a certificate
    done: str = ""  # ... that the handshake completed
    hello_only: str = ""  # ... that the failure answered the ClientHello
    certified: str = ""  # ... that the client checked the server's certificates
    full_trace: bool = False  # a trace that prints every handshake message was found
    by_function: bool = False  # ``answered`` comes from OpenSSL 1.0.x's function name only

    @property
    def evidence(self) -> str:
        """The line showing the furthest step."""
        return (self.sent or self.empty or self.request or self.done or self.certified
                or self.answered or self.hello_only)


def _line(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)].strip()


def _openssl_10(text: str) -> tuple[str, str, bool]:
    """(answered line, hello-only line, fixed method) from OpenSSL 1.0.x's function names."""
    fixed = _FIXED_METHOD.search(text) is not None
    hello = answered = ""
    for m in _OPENSSL_FUNC.finditer(text):
        func = m.group("func")
        if func.upper() == "SSL23_GET_SERVER_HELLO":
            hello = hello or _line(text, m.start())
        elif not fixed and (func == "SSL3_READ_BYTES" or "s3_pkt.c" in m.group("rest")):
            answered = answered or _line(text, m.start())
    if not hello:
        m2 = _PACKED_HELLO.search(text)
        if m2 is not None:
            hello = _line(text, m2.start())
    return answered, hello, fixed


def read_stage(text: str) -> Stage | None:
    """The steps ``text`` shows the handshake reached, or None when it shows none."""
    found: dict[str, str] = {}
    full = False
    for stack, rx, facts in _COMPILED:
        m = rx.search(text)
        if m is None:
            continue
        full = full or stack in _FULL_TRACES
        for fact in facts:
            found.setdefault(fact, _line(text, m.start()))
    answered, hello, _ = _openssl_10(text)
    by_function = bool(answered) and _ANSWERED not in found
    if answered:
        found.setdefault(_ANSWERED, answered)
    if not hello and full and _HELLO in found and _ANSWERED not in found:
        hello = found[_HELLO]  # a full trace: the ClientHello went out, nothing came back
    if _CERTIFIED in found and _SCLIENT_SUMMARY.search(text):
        # s_client's stdout summary shows what the server asked for ("Acceptable client
        # certificate CA names", "Client Certificate Types") and what was agreed: the verify
        # lines date a refusal only when they are all the post has (stdout sent elsewhere).
        del found[_CERTIFIED]
    if not found and not hello:
        return None
    if full and _CCERT in found and _SENT not in found:
        found.setdefault(_EMPTY, found[_CCERT])  # a Certificate with no CertificateVerify
    if found.get(_ANSWERED) and not by_function:
        hello = ""  # a later step is printed: whatever an error function says, it got further
    return Stage(answered=found.get(_ANSWERED, ""), request=found.get(_REQUEST, ""),
                 empty=found.get(_EMPTY, "") if _SENT not in found else "",
                 sent=found.get(_SENT, ""), done=found.get(_DONE, ""), hello_only=hello,
                 certified=found.get(_CERTIFIED, ""), full_trace=full,
                 by_function=by_function)


# --- what a refusal means at each stage ----------------------------------------------------

# Refusals read by stage: handshake_failure, the certificate alerts and a close without an
# alert ("eof"). Others (protocol_version, unrecognized_name...) name their reason whenever
# they come.
HANDSHAKE_FAILURE = 40
CERT_ALERTS = frozenset({42, 43, 44, 45, 46, 48, 49, 116})
EOF = -1

# (refusal kind, stage kind) -> (claims, meaning). Stage kinds: "empty" (the server asked,
# the client sent no certificate), "sent" (it sent one), "asked" (the server asked; what the
# client sent is not shown), "answered_10" (OpenSSL 1.0.x's function name: after the
# ServerHello; the CertificateRequest itself is not printed), "hello" (the refusal answered
# the ClientHello). Confidence reaches 0.6 only where the printed trace shows the request.
# A refusal of the ClientHello has no row: the tables' and programs' own mismatch readings
# (version, suite, name; a wrapper's context) stand, and a client certificate cannot be the
# reason, since nothing has asked for one yet (RFC 5246 §7.4.4, RFC 8446 §4.3.2).
_ROWS: dict[tuple[str, str], tuple[str, str]] = {
    ("hs", "empty"): ("client_cert_required:.8 server_misconfiguration:.2",
                      "the server asked for a client certificate, the client sent none, and "
                      "the server refused the handshake"),
    ("hs", "sent"): ("client_cert_required:.7 server_misconfiguration:.15 cert_wrong_purpose:.15",
                     "the server asked for a client certificate and refused the one the "
                     "client sent (its CA, dates or purpose)"),
    ("hs", "asked"): ("client_cert_required:.7 server_misconfiguration:.3",
                      "the server asked for a client certificate and then refused the "
                      "handshake: none was sent, or it was not accepted"),
    ("hs", "answered_10"): ("client_cert_required:.5 cipher_suite_mismatch:.2 "
                            "server_misconfiguration:.15 protocol_version_mismatch:.15",
                            "OpenSSL 1.0.x raised the alert after the ServerHello (SSL3_READ_"
                            "BYTES, not SSL23_GET_SERVER_HELLO): version and suite were agreed; "
                            "most often the server wanted a client certificate"),
    # After the server's certificates were checked (s_client's verify lines), with no
    # CertificateRequest printed: version and suite were agreed; the step left for the
    # server to refuse is most often the client certificate it asked for.
    ("hs", "certified"): ("client_cert_required:.55 server_misconfiguration:.25 "
                          "cipher_suite_mismatch:.2",
                          "the server refused the handshake after sending its certificates "
                          "(version and suite were agreed): most often it asked for a client "
                          "certificate"),
    ("eof", "certified"): ("client_cert_required:.5 middlebox_or_firewall_interference:.3 "
                           "server_misconfiguration:.2",
                           "the server closed the connection after sending its certificates "
                           "(version and suite were agreed): most often it wanted a client "
                           "certificate"),
    ("eof", "empty"): ("client_cert_required:.7 middlebox_or_firewall_interference:.15 "
                       "server_misconfiguration:.15",
                       "the server asked for a client certificate, the client sent none, and "
                       "the server closed the connection"),
    ("eof", "sent"): ("client_cert_required:.65 server_misconfiguration:.2 "
                      "middlebox_or_firewall_interference:.15",
                      "the server asked for a client certificate and closed the connection "
                      "after the client sent one: it was not accepted"),
    ("eof", "asked"): ("client_cert_required:.65 middlebox_or_firewall_interference:.2 "
                       "server_misconfiguration:.15",
                       "the server asked for a client certificate and then closed the "
                       "connection"),
}
_CERT_ALERT_FLOOR = 0.8  # a certificate alert after the request: the client's certificate


def _stage_kind(stage: Stage) -> str:
    if stage.request or stage.empty or stage.sent:
        return "empty" if stage.empty else "sent" if stage.sent else "asked"
    if stage.hello_only:
        return "hello"
    if stage.by_function:
        return "answered_10"
    if stage.certified:
        return "certified"
    return ""


def stage_claims(stage: Stage, refusal: int,
                 alert_reading: tuple[tuple[Cause, float], ...] = ()
                 ) -> tuple[tuple[tuple[Cause, float], ...], str] | None:
    """(claims, meaning) for a refusal (alert number, or EOF) at ``stage``, or None when the
    stage does not change what the refusal means. ``alert_reading``: the alert's own
    client-side reading (kept for certificate alerts, the client certificate first)."""
    kind = _stage_kind(stage)
    if not kind:
        return None
    if refusal in CERT_ALERTS and kind in ("empty", "sent", "asked"):
        rest = tuple((c, w) for c, w in alert_reading if c is not Cause.CLIENT_CERT_REQUIRED)
        top = max([_CERT_ALERT_FLOOR, *(w for c, w in alert_reading
                                        if c is Cause.CLIENT_CERT_REQUIRED)])
        return (((Cause.CLIENT_CERT_REQUIRED, top), *rest),
                "the server asked for a client certificate and rejected the client's answer "
                "with a certificate alert")
    group = "hs" if refusal == HANDSHAKE_FAILURE else "eof" if refusal == EOF else ""
    row = _ROWS.get((group, kind))
    if row is None:
        return None
    return causes(row[0]), row[1]


# A close without an alert, as the stacks print it: OpenSSL 3 "unexpected eof while
# reading", SSL_ERROR_SYSCALL, a reset, JSSE's "Remote host terminated the handshake", GnuTLS
# "The TLS connection was non-properly terminated" / "Error in the pull function", Go's and
# Beats' bare EOF, mbedTLS MBEDTLS_ERR_SSL_CONN_EOF (-0x7280), OpenSSL 1.0.x's ssl23_write
# handshake failure (a handshake that returned 0: the peer closed, s23_lib.c).
_EOF_RX = re.compile(
    r"unexpected eof while reading|\bSSL_ERROR_SYSCALL\b|\bConnection reset by peer\b"
    r"|\bRemote host (?:terminated the handshake|closed connection during handshake)\b"
    r"|\bnon-properly terminated\b|\bError in the pull function\b|(?<![\w-])EOF\b|-0x7280\b"
    r"|\bssl23_write:ssl handshake failure\b",
    re.IGNORECASE)


def closed_without_alert(text: str) -> str:
    """The line saying the peer closed the connection without an alert ("" if none)."""
    m = _EOF_RX.search(text)
    return "" if m is None else _line(text, m.start())
