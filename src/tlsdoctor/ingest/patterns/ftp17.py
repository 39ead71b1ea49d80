"""Round 17: FTP over TLS (harvested by scripts/harvest/ftp17.py into upstream/<source>.json,
judged in judgement/<source>.py): vsftpd, ProFTPD's mod_tls, Pure-FTPd, FileZilla Server,
the FileZilla client, WinSCP and lftp's FTPS login errors.

Beyond each entry's own words, the forms these programs print them in:
- an FTP reply's text after its code ("522 SSL connection failed; session reuse required:
  ..."), the way a client shows it ("Response:\\t522 ...", curl's "< 522 ...");
- the FileZilla client's short lines only after its log's level word ("Error:\\tRemote
  certificate not trusted."): alone, "Failed to verify peer certificate" is any program's;
- ProFTPD's client-side view of its session-reuse refusal: mod_tls fails the data
  connection with EPERM, which the client sees as "425 Unable to build data connection:
  Operation not permitted" (mod_tls's TLSLog says why; the reply alone ranks reuse first).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from . import SPECIFIC, Pattern, causes
from .alerts import received_in_shape
from .harvested import Entry, entries, judge, text_regex, upstream_patterns


def _reply_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """An FTP reply's text after its three-digit code (and a client's "Response:" lead)."""
    code = entry.get("code")
    got = text_regex(entry.text, context=False)
    if entry.kind == "reply" and code and got is not None:
        yield ("reply", rf"\b{int(code)}[ -]{got[0]}", got[1])


# FileZilla's message log: "Status:", "Error:", "Response:" then a tab (or the spaces a
# copy from its window gives).
_FZ_LEAD = r"\b(?:Error|Status|Trace|Fehler|Erreur|Error de|Errore):\s{1,12}"


def _filezilla_forms(entry: Entry) -> Iterator[tuple[str, str, str]]:
    got = text_regex(entry.text, context=False)
    if got is not None:
        yield ("log", _FZ_LEAD + got[0], got[1])


def _filezilla() -> tuple[Pattern, ...]:
    """FileZilla's lines after its level word; a bare line only when it is a sentence of
    six words or more (its own, wherever it stands)."""
    out = upstream_patterns("filezilla", "FileZilla", side="client",
                            extra_forms=_filezilla_forms)
    return tuple(p for p in out if p.id.endswith((".log", ".after")) or ".log." in p.id
                 or ".after." in p.id or len(p.needle.split()) >= 6)


_OWN_PAIR = frozenset({"client_misconfiguration", "server_misconfiguration"})


def _server(source: str, label: str) -> tuple[Pattern, ...]:
    """A server's table: its log lines as a server's; its replies read where a client
    shows them too. A reading that weighs only the two sides' settings (a PROT or AUTH
    sequence the server refuses, the session-reuse rule) stands in the server's own log:
    it is about the client's commands, not a file the server could not load."""
    replies = {e.id for e in entries(source) if e.kind == "reply"}
    own = {}
    for e in entries(source):
        v = judge(e)
        if v is not None and v.kind == "causes" and {
                c.split(":")[0] for c in v.causes.split()} == _OWN_PAIR:
            own[e.id] = v.causes
    # A text of three words or fewer ("SSL connection failed", "Negotiation failed") is
    # any program's words bare: it is read only after its reply code (round 17).
    short = {e.id for e in entries(source) if len(e.text.split()) <= 3 and "%" not in e.text}
    return tuple(replace(p, side="either") if p.upstream in replies else p
                 for p in upstream_patterns(source, label, side="server",
                                            extra_forms=_reply_forms, server_readings=own)
                 if not (p.upstream in short and p.id.endswith(".text")))


_FZ_ALERT = next(e for e in entries("filezilla") if e.id.startswith("Received TLS alert from"))


def _filezilla_alerts() -> tuple[Pattern, ...]:
    """FileZilla's "Received TLS alert from the server: <GnuTLS's name> (<number>)": the
    server's complaint, read by its number as the alert table reads a received alert."""
    return received_in_shape(
        "filezilla", r"\bReceived TLS alert from the server: [^\n]{{1,80}} \({n}\)",
        "FileZilla: the server sent the TLS alert {name} ({n})",
        provenance=_FZ_ALERT.provenance, needle="received tls alert from the server",
        upstream=_FZ_ALERT.id)


def _line_alone(entry: Entry) -> Iterator[tuple[str, str, str]]:
    """A message that ends its line, as WinSCP's error dialog shows it (a log's prefix may
    come before it; other programs' sentences go on after the same words)."""
    got = text_regex(entry.text, context=False)
    if got is not None and not entry.id.startswith("CERT_ERR_"):
        yield ("line", rf"(?m){got[0]}\.?[ \t]*$", got[1])


def _winscp() -> tuple[Pattern, ...]:
    """WinSCP's certificate verdicts only after its "Summary: " (they are OpenSSL's verify
    texts in other words, six words long at most: "Self-signed certificate in certificate
    chain." alone is OpenSSL's own); its short messages ("Peer certificate rejected.", which
    ejabberd and IAIK print inside longer lines) only where they end the line."""
    return tuple(p for p in upstream_patterns("winscp", "WinSCP", side="client",
                                              extra_forms=_line_alone)
                 if (p.id.endswith(".after") if p.upstream.startswith("CERT_ERR_")
                     else p.id.endswith(".line") or len(p.needle.split()) >= 5))


# vsftpd's protocol log (log_ftp_protocol=YES) writes each command it read, unprintable bytes
# as "?" (logging.c vsf_log_do_log_to_file: str_replace_unprintable, dagwieers/vsftpd 3.0.2)
# or as "\x16" (str_replace_unprintable_with_hex, InfrastructureServices/vsftpd 3.0.3): a
# command that starts with three of them is a TLS ClientHello (0x16 0x03 0x0N) on its
# plain-FTP port, a client set for implicit FTPS (ftps://, port 990) at an explicit server.
_TLS_ON_PLAIN = Pattern(
    source="vsftpd",
    rx=r'\bFTP command: Client "[^"\n]{1,80}", "(?:\?{3}|\\x16\\x03\\x0[0-4])',
    meaning="vsftpd read a TLS handshake where an FTP command belongs: the client speaks "
            "implicit FTPS (ftps://, port 990) to this explicit-FTPS port, which wants plain "
            "FTP first and then AUTH TLS",
    causes=causes("non_tls_service_on_port:.6 client_misconfiguration:.4"),
    provenance="dagwieers/vsftpd logging.c @ ce2fa4288b92 (3.0.2: unprintable bytes as '?'); "
               "InfrastructureServices/vsftpd str.c @ e81c284128f0 (3.0.3: as \\xNN)",
    spec=SPECIFIC, needle="ftp command: client", id="vsftpd.tls_on_plain_port",
    upstream="", side="server")

_FZ_CONNECT = next(e for e in entries("filezilla")
                   if e.id.startswith('Connection attempt failed with "%s".'))

# FileZilla's connect operation failing on an abort or a reset (libfilezilla's socket error
# names: "ECONNABORTED - Connection aborted", "ECONNRESET - Connection reset by peer"): the
# connection was made and then closed, by the peer or by FileZilla's TLS layer giving up, so
# not an unreachable host. A TLS error printed before it speaks at the same tier and leads.
_FZ_CLOSED = Pattern(
    source="filezilla",
    rx=_FZ_LEAD + r'Connection attempt failed with "(?:ECONNABORTED|ECONNRESET)\b',
    meaning="FileZilla: the connection was made, then closed while connecting (FTP greeting, "
            "AUTH TLS or the TLS handshake)",
    causes=causes("middlebox_or_firewall_interference:.5 protocol_version_mismatch:.2 "
                  "sni_required_or_mismatch:.15 client_cert_required:.15"),
    provenance=_FZ_CONNECT.provenance + "; the error names: libfilezilla socket_errors.cpp",
    spec=SPECIFIC, needle="connection attempt failed with", id="filezilla.connect_closed",
    upstream=_FZ_CONNECT.id, side="client")

_PROFTPD_EPERM = next(e for e in entries("proftpd")
                      if e.id.startswith("client did not reuse TLS session, rejecting"))

PATTERNS = (_server("vsftpd", "vsftpd")
            + _server("proftpd", "ProFTPD mod_tls")
            + _server("pure_ftpd", "Pure-FTPd")
            + _server("filezilla_server", "FileZilla Server")
            + _filezilla()
            + (_TLS_ON_PLAIN, _FZ_CLOSED)
            + _filezilla_alerts()
            + _winscp()
            + upstream_patterns("lftp_ftps", "lftp", side="client")
            + (Pattern(
                source="proftpd",
                rx=r"\b425 Unable to build data connection: Operation not permitted\b",
                meaning="ProFTPD refused the TLS data connection (mod_tls fails it with "
                        "EPERM): most often the client did not resume the control "
                        "connection's TLS session there, which mod_tls requires unless "
                        "TLSOptions NoSessionReuseRequired (its TLSLog says \"client did not "
                        "reuse TLS session, rejecting data connection\")",
                causes=causes("client_misconfiguration:.5 server_misconfiguration:.3 "
                              "middlebox_or_firewall_interference:.2"),
                provenance=f"{_PROFTPD_EPERM.provenance}; proftpd/proftpd src/data.c "
                           "(\"Unable to build data connection: %s\", strerror)",
                spec=SPECIFIC, needle="unable to build data connection: operation not "
                                      "permitted",
                id="proftpd.reuse_eperm", upstream=_PROFTPD_EPERM.id, side="client"),))

