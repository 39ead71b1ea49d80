"""Exim: its TLS wording (src/src/tls-openssl.c, tls-gnu.c, tls.c), from upstream, and the
shapes of its inbound connection's lines around a library's words (round 23, read from the
real Exim 4.96 GnuTLS build's mainlog: tests/ingest/corpus/server_logs/matrix/exim-*.log).

"TLS error on connection from HOST (what): why" is written only about an inbound connection
(smtp_in.c smtp_log_tls_fail; Exim as a client writes "H=name [ip] TLS error on connection
..."), so each line here is a server's. A GnuTLS build names an alert the client sent by
GnuTLS's own name for it (tls-gnu.c tls_error_gnu: gnutls_alert_get_name, after "rxd alert: "
since 4.97): the client's complaint, about the server's certificate most often.
"""

from __future__ import annotations

import re

from . import REASON, SPECIFIC, Pattern, causes, table
from .alerts import ALERTS
from .harvested import upstream_patterns

_EXIM = "Exim/exim @ exim-4.96 568dbf17 (src/src/smtp_in.c, tls-gnu.c)"
_GNUTLS_ALERTS = "gnutls/gnutls@f8971291ba0b21b5caaeffecdb66210fb01cc7a2 lib/alert.c sup_alerts"
_INBOUND = r"\bTLS error on connection from [^\n]{0,400}"

# GnuTLS's alert names (lib/alert.c sup_alerts) -> the alert's number.
GNUTLS_ALERT_NAMES: dict[str, int] = {
    "Unexpected message": 10, "Bad record MAC": 20, "Decryption failed": 21,
    "Record overflow": 22, "Decompression failed": 30, "Handshake failed": 40,
    "No certificate (SSL 3.0)": 41, "Certificate is bad": 42,
    "Certificate is not supported": 43, "Certificate was revoked": 44,
    "Certificate is expired": 45, "Unknown certificate": 46, "Illegal parameter": 47,
    "CA is unknown": 48, "Access was denied": 49, "Decode error": 50, "Decrypt error": 51,
    "Export restriction": 60, "Error in protocol version": 70, "Insufficient security": 71,
    "Internal error": 80, "Inappropriate fallback": 86,
    "No renegotiation is allowed": 100, "An extension was expected but was not seen": 109,
    "An unsupported extension was sent": 110,
    "Could not retrieve the specified certificate": 111,
    "The server name sent was not recognized": 112,
    "The SRP/PSK username is missing or not known": 115,
    "No supported application protocol could be negotiated": 120,
    "Certificate is required": 116,
}


def _received() -> tuple[Pattern, ...]:
    """One pattern per alert a client can send, in Exim's line: read as a server reads a
    received alert (patterns/alerts.py ALERTS: the server's reading where it differs)."""
    out = []
    for name, n in GNUTLS_ALERT_NAMES.items():
        row = ALERTS.get(n)
        if row is None:
            continue
        spec = row[3] if row[3] is not None else row[2]
        if not spec:
            continue
        out.append(Pattern(
            source="exim", side="server", spec=row[4], needle=name.lower(),
            rx=_INBOUND + r"\(gnutls_handshake\): (?:rxd alert: )?" + re.escape(name)
            + r"(?![\w ])",
            meaning=f"Exim: the client sent the alert {row[0]} ({n}) during the handshake",
            causes=causes(spec), provenance=f"{_EXIM}; {_GNUTLS_ALERTS}",
            id=f"exim.gnutls_alert.{n}"))
    return tuple(out)


_HAND = table("exim", _EXIM, [
    # tls-gnu.c tls_server_start: the handshake succeeded, then verify_certificate refused
    # the client's certificate ("certificate invalid", or "certificate revoked"), with
    # tls_verify_hosts (required) or tls_try_verify_hosts not covering the host.
    (_INBOUND + r"\(certificate verification failed\): ",
     "Exim: the client's certificate did not verify (tls_verify_certificates)",
     "client_cert_required:1", REASON),
    # The client closed the connection in the handshake with no alert (GnuTLS
    # GNUTLS_E_PREMATURE_TERMINATION): a TCP health check or port scan on the smtps port, a
    # client that gave up. No fault is named.
    (_INBOUND + r"\(gnutls_handshake\): The TLS connection was non-properly terminated\.",
     "Exim: the client closed the connection during the TLS handshake, without an alert "
     "(no fault named)", "", SPECIFIC),
    # An HTTP client on the SMTP port: its request line and headers are unknown commands
    # (smtp_in.c: "SMTP call from %s dropped: too many unrecognized commands (last was
    # \"%s\")", after smtp_max_unknown_commands, 3 by default).
    (r"\bSMTP call from [^\n]{1,400} dropped: too many unrecognized commands \(last was "
     r"\"(?:(?:GET|POST|HEAD|PUT|OPTIONS|CONNECT) \S{0,300} HTTP/\d|(?:Accept|Host|User-Agent|"
     r"Connection|Accept-Encoding|Accept-Language|Content-Type|Content-Length): )",
     "Exim: the client sent an HTTP request to the mail port", "client_misconfiguration:1",
     REASON, _EXIM, "too many unrecognized commands"),
    # With log_selector +smtp_syntax_error (not a default): a TLS record (\026\003) or an
    # SSLv2 hello (\200) read as an SMTP command before STARTTLS, its bytes printed in octal
    # (smtp_in.c synprot_error, "SMTP syntax error in \"%s\" %s %s"; string_printing): a
    # client speaking implicit TLS (port 465's way) to the STARTTLS port, or a scanner. Seen
    # on the real Exim: 'SMTP syntax error in "\200\037\001?..." H=[127.0.0.1] NUL
    # character(s) present (shown as '?')'.
    (r"\bSMTP syntax error in \"(?:\\026\\003|\\200)[^\n]{0,600}\" H=",
     "Exim: the client began a TLS handshake without STARTTLS (implicit TLS to a STARTTLS "
     "port, or a scanner)", "client_misconfiguration:.7 protocol_version_mismatch:.3", REASON,
     _EXIM, "smtp syntax error in"),
], side="server")

PATTERNS = (upstream_patterns("exim", "Exim", side="server", as_source="exim") + _received()
            + _HAND)
