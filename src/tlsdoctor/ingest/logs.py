"""``logs``: TLS handshake failures in server logs -> counted, classified, summarised.

Reads nginx error.log, Apache error_log (mod_ssl), HAProxy, Postfix/Dovecot maillog and
journald text exports (short, short-iso, export's MESSAGE= lines), plain, gzip or stdin.

The hot path is built for gigabytes: files are read in 1 MiB binary chunks and only
lines containing one of a few byte strings (``SSL``, ``TLS``, ``andshak``...) are
decoded at all; those are found with ``bytes.find``, so the other lines cost no Python
work. Candidate lines are split into (time, client, SNI, message) by one format regex,
and the message is classified with the ``explain`` pattern table through a bounded
cache keyed by the message with the client address removed (log lines repeat). Memory
is constant: at most ``max_events`` events are kept, per-client/SNI counters are capped,
and an overlong line is skipped, not buffered.
"""

from __future__ import annotations

import gzip
import io
import itertools
import multiprocessing
import os
import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO

from ..errors import InputError, UsageError
from ..evidence import Evidence
from ..finding import Finding, fix_to_json
from ..safe import printable
from .log_levels import LevelProbe, level_notes
from .messages import lead, text_evidence
from .patterns import SERVER_SOURCES
from .result import finding_to_json
from .side import server_words

__all__ = ["LogEvent", "LogReport", "read_logs"]

CHUNK = 1 << 20
MAX_LINE = 64 * 1024  # longer lines are counted and skipped
MAX_KEYS = 10_000  # distinct clients / SNI names counted individually; the rest is "other"
_CACHE_MAX = 20_000
_NO_DIGITS = str.maketrans("", "", "0123456789")
# A line nothing recognised may only stand for its digit-less shape when no pattern reads
# a number in it (packed error codes, alert numbers, verify results, exit codes...).
_NUMBER_SENSITIVE = ("err", "alert", "num=", "code", "Code", "curl: (", "net_error", "0x8",
                     "status", "Status")
_KEYED_FORMATS = frozenset({"nginx", "apache", "postfix", "dovecot", "haproxy", "exim"})
_UNCLASSIFIED = "unclassified"

# Every TLS failure line of the supported servers contains one of these: nginx, HAProxy,
# Postfix and Dovecot always say "SSL" or "TLS" (tests/ingest/test_logs.py checks the
# server pattern tables), nginx's plain-HTTP line says "HTTPS port", and every mod_ssl
# line carries its "[ssl:" module tag. Each key costs a bytes.find pass over the data (0.2 to
# 1 ms per MB here; one regex for several keys costs more: docs/ARCHITECTURE.md), so few.
# gnutls-serv's "Error in handshake: ..." and PostgreSQL's server lines about a client
# certificate or a first packet that is not its protocol say neither.
# Postfix's smtpd says neither when a client sends a TLS hello or an HTTP request to the
# STARTTLS port: "improper command pipelining after CONNECT from ...: <the bytes>" (sent
# before the banner), "non-SMTP command from ...: GET / HTTP/1.1"; nor when it checks a
# client's certificate: "certificate verification failed for ...: untrusted issuer ...".
# Exim says neither when an HTTP client's lines are unknown SMTP commands: "SMTP call from
# ... dropped: too many unrecognized commands (last was ...)", and with +smtp_syntax_error a
# TLS or SSLv2 hello before STARTTLS: 'SMTP syntax error in "\200\037...'.
# nginx's line for a TLS hello on a plain-HTTP port says neither: "client sent invalid method
# while reading client request line, ... request: "<the hello>"", the hello escaped or (1.22)
# its own bytes, 0x16 0x03 first (src/http/ngx_http_request.c, ngx_http_log_error_handler).
_KEYS_B = (b"SSL", b"TLS", b"HTTPS", b"[ssl:", b"andshake", b"client certificate",
           b"startup packet", b"pipelining after CONNECT", b"non-SMTP command",
           b"verification failed", b"too many unrecognized", b'error in "\\',
           b'request: "\x16\x03', b'request: "\\x16\\x03')
_KEYS_S = tuple(k.decode() for k in _KEYS_B)

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))}

# --- line formats --------------------------------------------------------------------------

# Apache 2.4: "[Mon Nov 23 10:11:12.123456 2026] [ssl:info] [pid 1:tid 2] [client 1.2.3.4:5] msg"
_APACHE = re.compile(r"\[\w{3} (\w{3}) {1,2}(\d{1,2}) (\d\d:\d\d:\d\d)(?:\.\d{1,9})? (\d{4})\] "
                     r"\[([\w:]{1,40})\] (?:\[pid ([^\]]{1,60})\] )?(?:\[client ([^\]]{1,80})\] )?(.*)")
_ISO_BARE = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)")

# mod_ssl names the client's SNI in AH02032 ("Hostname %s provided via SNI", error) and
# AH02043/AH02044 ("... for servername %s found", debug); "(server %s)" in AH01964/AH02008
# is the virtual host's id (sc->vhost_id), not what the client asked for
# (httpd modules/ssl/ssl_engine_kernel.c, ssl_engine_io.c, mod_ssl.c @ 0cb6804).
_APACHE_SNI = re.compile(r"\bHostname (\S{1,255}) provided via SNI\b"
                         r"|\bfor servername (\S{1,255}) found\b")
_APACHE_VHOST = re.compile(r"\(server ([^\s)]{1,300})\)")
# Per-connection details that never change what a line means: addresses, ports, ids,
# process and session numbers, durations. Removed from the classification cache key only
# (the message itself is classified as written), so error codes and alert numbers stay.
_VOLATILE = re.compile(r"\b\d{1,3}(?:\.\d{1,3}){3}(?::\d{1,5})?\b|\[[0-9a-fA-F:.]{2,45}\]"
                       r"|\b(?:m?pid|session|conn(?:_id)?|id|port|user|method)[=:]<?[^,>\s]{0,128}>?"
                       r"|\bin \d{1,6} secs\b|[#*]\d{1,20}\b")


@dataclass(frozen=True, slots=True, kw_only=True)
class LogEvent:
    """One log line that reports a TLS failure.

    ``time`` is ISO 8601 as the log wrote it (local time of the server, no zone applied;
    syslog lines carry no year: the twelve months up to now are assumed, or from
    ``since`` on when given, ``syslog_years``); None when the line has
    no timestamp. ``client``/``sni`` are None when the format does not log them: ``sni``
    is the name the client asked for (nginx writes it only at debug level, Apache in
    AH02032/AH02043/AH02044), ``server`` the server's own name for the site or listener
    that logged the line (nginx's ``server:``, Apache's vhost id), which is not the SNI.
    ``message`` is the whole line (printable, never cut short of ``MAX_LINE``).
    """

    source: str
    line: int
    time: str | None
    format: str
    client: str | None
    sni: str | None
    message: str
    meaning: str
    findings: tuple[Finding, ...]
    server: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "time": self.time,
                "format": self.format, "client": self.client, "sni": self.sni,
                "server": self.server, "message": self.message, "meaning": self.meaning,
                "cause": self.findings[0].cause.value if self.findings else None,
                "findings": [finding_to_json(f) for f in self.findings]}


@dataclass(frozen=True, slots=True, kw_only=True)
class LogReport:
    """Summary of TLS failures across the logs read, plus the first ``max_events`` events.

    ``timeline`` is ((bucket start, count), ...) per ``timeline_unit`` ("minute", "hour" or
    "day", chosen so the timeline stays short). ``top_fix`` is the fix for the most
    frequent cause (None when nothing failed). ``causes`` has one row per cause, most
    frequent first: count, who fixes it, the fix and the first line that showed it
    (``example``); ``clients``/``snis`` the top rows with their causes. ``by_party``
    counts failures by who fixes their root cause ("unknown" when unclassified).
    ``closed_without_tls`` counts connections closed before any TLS byte (not failures).
    ``log_levels``: per source, the levels its lines show and whether that level lets
    handshake failures through ("visible"/"hidden"; see ingest.log_levels).
    """

    sources: tuple[str, ...]
    lines: int
    bytes: int
    candidates: int
    failures: int
    by_cause: Mapping[str, int]
    by_client: Mapping[str, int]
    by_sni: Mapping[str, int]
    by_format: Mapping[str, int]
    distinct_clients: int  # client addresses seen (up to MAX_KEYS, then "other")
    first_seen: str | None
    last_seen: str | None
    timeline_unit: str
    timeline: tuple[tuple[str, int], ...]
    top_fix: Mapping[str, Any] | None
    events: tuple[LogEvent, ...]
    events_dropped: int
    skipped_before_since: int
    overlong_lines: int
    clients_truncated: bool = False
    notes: tuple[str, ...] = field(default=())
    by_party: Mapping[str, int] = field(default_factory=dict)
    by_server: Mapping[str, int] = field(default_factory=dict)
    causes: tuple[Mapping[str, Any], ...] = ()
    clients: tuple[Mapping[str, Any], ...] = ()
    snis: tuple[Mapping[str, Any], ...] = ()
    closed_without_tls: int = 0
    log_levels: Mapping[str, Any] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        """Exactly what ``tlsdoctor logs --json`` prints: {"summary": {...}, "events": [...]}."""
        return {
            "summary": {
                "sources": list(self.sources), "lines": self.lines, "bytes": self.bytes,
                "candidate_lines": self.candidates, "failures": self.failures,
                "by_cause": dict(self.by_cause), "by_party": dict(self.by_party),
                "by_client": dict(self.by_client), "by_sni": dict(self.by_sni),
                "by_server": dict(self.by_server), "by_format": dict(self.by_format),
                "distinct_clients": self.distinct_clients,
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "timeline_unit": self.timeline_unit,
                "timeline": [{"start": t, "count": n} for t, n in self.timeline],
                "top_fix": dict(self.top_fix) if self.top_fix else None,
                "causes": [dict(c) for c in self.causes],
                "clients": [dict(c) for c in self.clients],
                "snis": [dict(c) for c in self.snis],
                "closed_without_tls": self.closed_without_tls,
                "log_levels": dict(self.log_levels),
                "events_kept": len(self.events), "events_dropped": self.events_dropped,
                "skipped_before_since": self.skipped_before_since,
                "overlong_lines": self.overlong_lines,
                "clients_truncated": self.clients_truncated, "notes": list(self.notes),
            },
            "events": [e.to_json() for e in self.events],
        }


# --- parsing one candidate line ------------------------------------------------------------
# Fixed-position slicing and str.find instead of regexes where the format allows: this runs
# once per candidate line, the cost that decides throughput on big logs.

@dataclass(slots=True)
class _Parsed:
    time: str | None
    format: str
    client: str | None
    sni: str | None
    message: str
    key: str  # the message without per-connection details: the classification cache key
    server: str | None = None  # the server's own name for the site (nginx server:, vhost id)
    level: str | None = None  # the line's log level as written ("info", "crit"...)
    conn: str | None = None  # nginx's connection number ("*42"): ties lines of one connection


_PROG_FORMAT: dict[str, str] = {}


def _syslog_format(prog: str) -> str:
    fmt = _PROG_FORMAT.get(prog)
    if fmt is None:
        p = prog.lower()
        fmt = next((n for n in ("haproxy", "postfix", "dovecot", "nginx", "exim") if n in p),
                   "")
        if not fmt:
            fmt = "apache" if "httpd" in p or "apache" in p else "syslog"
        if len(_PROG_FORMAT) < 1000:
            _PROG_FORMAT[prog] = fmt
    return fmt


def syslog_years(*, since: datetime | None, now: datetime) -> dict[str, int]:
    """The year of each month of a syslog stamp ("Dec 30 23:59:01", no year): the twelve
    months up to ``now`` (a rotated log read in January holds last December), or from
    ``since`` on when given (a read of an older log)."""
    if since is not None:
        return {m: since.year + (n < since.month) for m, n in _MONTHS.items()}
    return {m: now.year - (n > now.month) for m, n in _MONTHS.items()}


def _parse(line: str, years: Mapping[str, int]) -> _Parsed:
    n = len(line)
    if n > 20 and line[4] == "/" and line[7] == "/" and line[10] == " ":
        p = _nginx(line, 20)
        if p is not None:
            p.time = f"{line[0:4]}-{line[5:7]}-{line[8:10]}T{line[11:19]}"
            return p
    elif n > 16 and line[3] == " " and line[9] == ":" and line[:3] in _MONTHS:
        day = line[4:6].strip()
        when = f"{years[line[:3]]}-{_MONTHS[line[:3]]:02d}-{int(day) if day.isdigit() else 1:02d}T{line[7:15]}"
        return _syslog_rest(line, 16, when)
    elif n > 20 and line[4] == "-" and line[7] == "-" and line[10] in "T ":
        when = f"{line[:10]}T{line[11:19]}"
        exim = _exim(line, when) if line[10] == " " else None
        if exim is not None:
            return exim
        sp = line.find(" ", 11)
        if sp > 0:
            return _syslog_rest(line, sp + 1, when)
    elif line.startswith("["):
        m = _APACHE.match(line)
        if m:
            mon, d, t, y, mod, pid, client, msg = m.groups()
            sm = _APACHE_SNI.search(msg)
            vm = _APACHE_VHOST.search(msg)
            # "pid|client:port" ties the lines mod_ssl writes about one connection (_MOD_SSL)
            conn = f"{pid}|{client or ''}" if pid else None
            if client and client.count(":") == 1:
                client = client.rsplit(":", 1)[0]
            key = msg.replace(client, "") if client else msg
            return _Parsed(f"{y}-{_MONTHS.get(mon, 1):02d}-{int(d):02d}T{t}", "apache", client,
                           (sm.group(1) or sm.group(2)) if sm else None, msg, key,
                           server=vm.group(1) if vm else None, level=mod.rpartition(":")[2],
                           conn=conn)
    elif line.startswith("MESSAGE="):  # journalctl -o export
        return _message("journald", None, line[8:])
    m = _ISO_BARE.match(line)
    return _Parsed(f"{m.group(1)}T{m.group(2)}" if m else None, "text", None, None, line, line)


def _nginx(line: str, start: int) -> _Parsed | None:
    """nginx's own error.log line from ``start`` (the "[level]" after the timestamp):
    ``[level] pid#tid: *conn message, client: a, server: s, ...``."""
    i = line.find("] ", start - 1)
    j = line.find(": ", i) if i >= 0 else -1
    if j < 0:
        return None
    ms, conn = j + 2, None
    if line.startswith("*", ms):  # the connection number
        sp = line.find(" ", ms)
        if sp > 0:
            conn, ms = line[ms:sp], sp + 1
    p = _nginx_message(line[ms:])
    p.level = line[start + 1:i] if line.startswith("[", start) else None
    p.conn = conn
    return p


def _nginx_message(msg: str) -> _Parsed:
    """The message and its ", client: ..., server: ..." context (ngx_http_log_error).

    ``server:`` is the listen address during the handshake and the server block's name
    after it (chosen by SNI or by the Host header): never the client's SNI, which nginx
    writes only at debug level ("SSL server name: ..."; see _Acc.feed)."""
    ci = msg.find(", client: ")
    if ci < 0:
        return _Parsed(None, "nginx", None, None, msg, msg)
    ce = msg.find(",", ci + 10)
    client = msg[ci + 10:ce if ce > 0 else len(msg)]
    server = None
    rest = msg[ce:] if ce > 0 else ""
    si = rest.find(", server: ")
    if si >= 0:
        se = rest.find(",", si + 10)
        server = rest[si + 10:se if se > 0 else len(rest)] or None
    text = msg[:ci]
    ri = rest.find(', request: "')
    if ri >= 0 and rest.startswith(_HELLO_HEADS, ri + 12):
        # The request line is a TLS hello (a TLS client on a plain-HTTP port): its first
        # bytes, the record header, are what the line says (patterns/nginx.py).
        text += rest[ri:ri + 20]
    return _Parsed(None, "nginx", client, None, text, text, server=server)


# A TLS handshake record's first bytes, as nginx writes a request line that is one: the
# bytes themselves (1.22) or escaped.
_HELLO_HEADS = ("\x16\x03", "\\x16\\x03")


# Exim's mainlog (round 23): "YYYY-MM-DD HH:MM:SS[.mmm][ +zone] [[pid] ]message" (src/log.c
# log_write, tod.c tod_log; .mmm with log_selector +millisec, the pid with +pid). An inbound
# connection's TLS failure is "TLS error on connection from HOST (what): why" (smtp_in.c
# smtp_log_tls_fail, tls-gnu.c record_io_error), a client speaking no SMTP "SMTP call from
# HOST dropped: too many unrecognized commands (last was ...)", with +smtp_syntax_error
# 'SMTP syntax error in "BYTES" H=HOST ...' (synprot_error, host_and_ident); HOST is host.c's
# sender_fullhost: "[ip]" or "[ip]:port", after "name " and/or "(helo) " when known, then
# " I=[ip]:port" with +incoming_interface (Exim/exim @ exim-4.96 568dbf17).
_EXIM_HEADS = ("TLS error on connection from ", "SMTP call from ", 'SMTP syntax error in "')
_EXIM_HOST = re.compile(r"(?:[^\s()\[\]]{1,255} )?(?:\([^()\n]{0,255}\) )?\[([0-9A-Fa-f:.]{2,45})\]"
                        r"(?::\d{1,5})?(?: I=\[[0-9A-Fa-f:.]{2,45}\]:\d{1,5})?")


def _exim(line: str, when: str | None) -> _Parsed | None:
    """Exim's own line about an inbound connection, from its timestamp; None if not one."""
    for head in _EXIM_HEADS:
        i = line.find(head, 0, 100)  # after the longest stamp and pid
        if i >= 0:
            break
    else:
        return None
    return _exim_message(line[i:], head, when)


def _exim_message(msg: str, head: str, when: str | None) -> _Parsed:
    at = len(head)
    if head.endswith('"'):  # the command's bytes, then " H=HOST"
        at = msg.rfind('" H=') + 4
        if at < 4:
            return _Parsed(when, "exim", None, None, msg, msg)
    m = _EXIM_HOST.match(msg, at)
    if m is None:
        return _Parsed(when, "exim", None, None, msg, msg)
    return _Parsed(when, "exim", m.group(1), None, msg, msg[:at] + msg[m.end():])


def _syslog_rest(line: str, host_at: int, when: str) -> _Parsed:
    """``host prog[pid]: message`` after a syslog timestamp."""
    hs = line.find(" ", host_at)
    k = line.find(": ", hs + 1) if hs > 0 else -1
    if k < 0:
        return _Parsed(when, "syslog", None, None, line, line)
    prog = line[hs + 1:k]
    b = prog.find("[")
    if b > 0:
        prog = prog[:b]
    p = _message(_syslog_format(prog), when, line[k + 2:])
    if p.format == "postfix" and b > 0:
        p.conn = line[hs + 1:k]  # "postfix/smtpd[pid]": its connection (_SMTPD)
    return p


def _message(fmt: str, when: str | None, msg: str) -> _Parsed:
    """Client and cache key from the message part of a syslog/journald line."""
    client = None
    key = msg
    if fmt == "nginx":
        # nginx writing to syslog/journald may keep its own "YYYY/MM/DD ..." prefix
        inner = _nginx(msg, 20) if len(msg) > 20 and msg[4] == "/" else None
        p = inner or _nginx_message(msg)
        p.time = when
        return p
    if fmt == "postfix":
        b = msg.find("[")
        e = msg.find("]", b) if b >= 0 else -1
        if e > 0:
            client = msg[b + 1:e]
            key = msg[:msg.rfind(" ", 0, b) + 1] + msg[e:]  # drop "name[address]"
    elif fmt == "dovecot":
        r = msg.find("rip=")
        if r >= 0:
            re_ = msg.find(",", r)
            client = msg[r + 4:re_ if re_ > 0 else len(msg)]
        u = msg.find("user=<")
        lip = msg.find("lip=", u) if u >= 0 else -1
        if lip > 0:
            le = msg.find(", ", lip)
            key = msg[:u] + (msg[le + 2:] if le > 0 else "")
        s = key.find(", session=<")
        if s >= 0:
            key = key[:s]
    elif fmt == "exim":
        head = next((h for h in _EXIM_HEADS if msg.startswith(h)), None)
        if head is not None:
            return _exim_message(msg, head, when)
        # Exim's other lines say no side: "H=mx [ip] TLS error on connection (...)" is Exim
        # delivering, a client (tls-gnu.c record_io_error), as its mainlog's same line reads
        fmt = "syslog"
    elif fmt == "haproxy":
        sp = msg.find(" ")
        c = msg.rfind(":", 0, sp) if sp > 0 else -1
        if c > 0 and msg.startswith("[", sp + 1):
            client = msg[:c]
            e = msg.find("] ", sp)
            key = msg[e + 2:] if e > 0 else msg
    return _Parsed(when, fmt, client, None, msg, key)


# --- classification (cached) ---------------------------------------------------------------

# What a candidate line turned out to be.
QUIET, FAILURE, NO_TLS = 0, 1, 2
_Classified = tuple[str, tuple[Finding, ...], int]  # meaning, findings, QUIET/FAILURE/NO_TLS
# The judgement (tlsdoctor.api.judge): the evidence of one line -> ranked findings with fixes.
# Passed in, not imported: logs are evidence, read below the judgement layer.
Judge = Callable[[Evidence], tuple[Finding, ...]]

# Lines about a connection that carried no TLS at all, so no handshake failed: nginx's
# ngx_http_ssl_handshake logs "client closed connection" (action "SSL handshaking") when
# the client closed before sending a single byte (recv(MSG_PEEK) returned 0; nginx
# src/http/ngx_http_request.c @ 3f6f782): a TCP health check, a port scan, a browser's
# unused preconnection. Counted apart, never given a cause.
# HAProxy's CO_ER_SSL_EMPTY ("Connection closed during SSL handshake", src/connection.c)
# is the same: the connection ended with nothing received (CO_ER_SSL_ABORT, "Connection
# error during SSL handshake", is the one with bytes).
# Dovecot's login process says "TLS handshaking: Connection closed" when the client left
# without a TLS error or alert (src/login-common/client-common.c; an SSL_accept() failure
# would be quoted instead).
# Exim's GnuTLS build says "(gnutls_handshake): The TLS connection was non-properly
# terminated." when the client closed with no alert (GNUTLS_E_PREMATURE_TERMINATION;
# patterns/exim.py): on its smtps port, every TCP health check.
_NO_TLS = ("client closed connection while SSL handshaking",
           "Connection closed during SSL handshake", "TLS handshaking: Connection closed, session=",
           "(gnutls_handshake): The TLS connection was non-properly terminated.")
_NO_TLS_MEANING = ("the client opened a TCP connection and closed it without sending a "
                   "byte of TLS, or without any TLS error or alert (health checks, port "
                   "scans, unused browser preconnections)")
# nginx at debug level names the client's SNI once per connection (ngx_http_ssl_servername,
# src/http/ngx_http_request.c; ngx_stream_ssl_preread_module.c): "SSL server name: "x"".
_SNI_LINES = ('SSL server name: "', 'SSL preread server name: "')
_SNI_MARK = b'server name: "'
MAX_CONNS = 50_000  # nginx connections whose SNI is remembered (the oldest go first)


def _classify(message: str, fmt: str, judge: Judge, *, server_text: bool = False) -> _Classified:
    """``server_text``: an earlier line of the same source had words only a server's own
    output has (s_server's, gnutls-serv's...), so this one is the server's too."""
    if any(w in message for w in _NO_TLS):
        return _NO_TLS_MEANING, (), NO_TLS
    server_side = True if fmt in SERVER_SOURCES or server_text else None
    ev, matches = text_evidence(message, now=datetime.now(UTC), server_side=server_side)
    if not matches:
        return "", (), QUIET
    if server_side:  # the log names the server software: fixes in its own config lines
        ev = replace(ev, server_software=fmt)
    findings = judge(ev)
    failure = bool(findings) or any(m.source in SERVER_SOURCES for m in matches)
    # the log's own format names the program whose words these are (HAProxy's "SSL
    # handshake failure" is OpenSSL's reason text too): its reading, not the library's
    printer = fmt if fmt in SERVER_SOURCES else ""
    return lead(matches, message, printer=printer)[1], findings, FAILURE if failure else QUIET


def _sni_of(p: _Parsed) -> str | None:
    """The name in an nginx "SSL server name: "x"" debug line, else None."""
    for head in _SNI_LINES:
        if p.message.startswith(head):
            end = p.message.find('"', len(head))
            name = p.message[len(head):end if end > 0 else None]
            return name[:255] or None
    return None


class _SideWatch:
    """Whether a source's own words said it is a server's output (see _Acc.feed)."""

    __slots__ = ("left", "server")
    LOOK = 2000  # candidate lines looked at before giving up

    def __init__(self) -> None:
        self.server, self.left = False, self.LOOK

    def see(self, p: _Parsed, text: str) -> None:
        if self.server or self.left <= 0 or p.format != "text":
            return  # syslog and journald lines name their program: each line its own side
        self.left -= 1
        self.server = server_words(text)


# PostgreSQL writes a message's HINT and DETAIL as lines of their own under the same
# prefix (default log_line_prefix '%m [%p] ', src/backend/utils/error/elog.c): the detail of
# the line before, not another failure.
_DETAIL_LINE = re.compile(r"\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d{1,6})? \S{1,10} \[\d{1,10}\] "
                      r"(?:HINT|DETAIL|CONTEXT):  "
                      # Node prints an error object's fields on lines of their own under
                      # it (util.inspect: "  code: 'ERR_SSL_...'"): its detail too.
                      r"| {2}(?:library|function|reason|code|errno|syscall|opensslErrorStack)"
                      r": ")


# --- one connection written as several lines -----------------------------------------------
# mod_ssl and Postfix's smtpd each write one failed handshake as several lines. One mechanism
# (_Connections) holds the lines of one connection, keyed per server format, and counts the
# connection once, at its end signal, on its most telling line; what differs per server (how
# a line is keyed, which line joins a held connection, what ends one) is a _Grouping below.

# One failure line: source name, line number, the line, its parts, meaning, findings.
_Failure = tuple[str, int, str, _Parsed, str, tuple[Finding, ...]]


class _Conn:
    """The lines held for one connection."""

    __slots__ = ("client", "decided", "lines")

    def __init__(self, first: _Failure) -> None:
        self.lines = [first]
        self.client = first[3].client  # the first client its lines named (None: none yet)
        self.decided = False  # counted already (a _Grouping with ``repeats`` keeps it)

    def add(self, failure: _Failure) -> None:
        self.lines.append(failure)
        if self.client is None:
            self.client = failure[3].client


@dataclass(frozen=True, slots=True, kw_only=True)
class _Grouping:
    """How one server writes the lines of one connection (the per-format part)."""

    key: Callable[[_Parsed], str]  # the connection a line is about (from _Parsed.conn)
    joins: Callable[[_Conn, _Failure], bool]  # the line continues that held connection
    ends: Callable[[_Failure], bool]  # the connection's end signal: count it now
    held_max: int  # connections held at once; the oldest is counted first
    # Lines other than the first and the one that ends the connection repeat its failure:
    # they are dropped, and so are the lines of a counted connection until another starts.
    repeats: bool = False


def _most_telling(lines: list[_Failure]) -> _Failure:
    """The line with the most confident finding (the first on a tie; a line without one
    ranks last), with the client, server and SNI it lacks taken from the first line that
    names them."""
    best = lines[0]
    if len(lines) == 1:
        return best
    top = best[5][0].confidence if best[5] else -1.0
    for line in lines:
        if line[5] and line[5][0].confidence > top:
            best, top = line, line[5][0].confidence
    p = best[3]
    p.client = p.client or next((f[3].client for f in lines if f[3].client), None)
    p.server = p.server or next((f[3].server for f in lines if f[3].server), None)
    p.sni = p.sni or next((f[3].sni for f in lines if f[3].sni), None)
    return best


class _Connections:
    """The failure lines of one server format, counted once per connection."""

    __slots__ = ("acc", "held", "rule")

    def __init__(self, acc: _Acc, rule: _Grouping) -> None:
        self.acc, self.rule = acc, rule
        self.held: dict[str, _Conn] = {}  # oldest first

    def take(self, failure: _Failure) -> None:
        rule, held = self.rule, self.held
        key = rule.key(failure[3])
        conn = held.get(key)
        if conn is not None and not rule.joins(conn, failure):
            self._count(key)  # another connection of the same key begins
            conn = None
        if conn is None:
            if len(held) >= rule.held_max:
                self._count(next(iter(held)))
            conn = held[key] = _Conn(failure)
        elif conn.decided or (rule.repeats and not failure[5]):
            return  # a line repeating a failure that is (or will be) counted
        else:
            conn.add(failure)
        if rule.ends(failure):
            self._count(key, forget=not rule.repeats)

    def _count(self, key: str, *, forget: bool = True) -> None:
        conn = self.held.pop(key) if forget else self.held[key]
        if not conn.decided:
            conn.decided = True
            self.acc._failure(*_most_telling(conn.lines))

    def flush(self) -> None:
        for key in list(self.held):
            self._count(key)


# mod_ssl writes a failed handshake as the client's line (AH02008 "SSL library error 1 in
# handshake", AH01996, AH02276...) and then "SSL Library Error: <OpenSSL's reason>" lines
# without a client field (ssl_log_ssl_error, httpd modules/ssl/ssl_engine_log.c), all under
# the [pid:tid] of the thread serving the connection; _parse writes their _Parsed.conn as
# "<pid field>|<client field>" (the client with its port). A connection waits for the line
# with a reason; its other lines repeat it. One at a time: a line of another thread counts
# the held connection.
def _mod_ssl_joins(conn: _Conn, failure: _Failure) -> bool:
    """A line without a client field is the thread's connection's; one naming a client
    (address and port) is that client's."""
    peer = (failure[3].conn or "").partition("|")[2]
    return not peer or peer == (conn.lines[0][3].conn or "").partition("|")[2]


_MOD_SSL = _Grouping(key=lambda p: (p.conn or "").partition("|")[0], joins=_mod_ssl_joins,
                     ends=lambda f: bool(f[5]), held_max=1, repeats=True)

# Postfix's smtpd writes one failed STARTTLS handshake as several lines of one process
# ("SSL_accept error from", "TLS library problem: <OpenSSL's reason>", "lost connection
# after STARTTLS from"; with a client certificate required, "certificate verification failed"
# then "NOQUEUE: abort: TLS from"), keyed "postfix/smtpd[pid]" by _syslog_rest. A smtpd
# process serves one client at a time, so nearby lines of one process about the same client
# are one session until it ends ("lost connection after") or another handshake begins; it
# is counted on its most telling line (the reason, not the generic "SSL_accept error").
_SMTPD_NEAR = 12  # lines: further apart, the same process is serving another connection


def _smtpd_joins(conn: _Conn, failure: _Failure) -> bool:
    if failure[1] - conn.lines[-1][1] > _SMTPD_NEAR:
        return False
    msg, client = failure[3].message, failure[3].client
    if ("SSL_accept error from" in msg or "certificate verification failed for" in msg
            or "improper command pipelining" in msg):
        return False  # a handshake begins
    return not client or conn.client is None or conn.client == client


_SMTPD = _Grouping(key=lambda p: p.conn or "", joins=_smtpd_joins,
                   ends=lambda f: "lost connection after" in f[3].message, held_max=1000)

# Per _Parsed.format, for its lines that carry a connection key (_Parsed.conn).
_GROUPINGS = {"apache": _MOD_SSL, "postfix": _SMTPD}


# --- reading -------------------------------------------------------------------------------

def _open(src: str | Path | IO[Any]) -> tuple[str, IO[Any], tuple[IO[Any], ...]]:
    """(name, stream, what to close) for a path, "-" (stdin) or an open stream.

    Streams the caller passed in (and stdin) are left open.
    """
    if isinstance(src, str | Path):
        name = str(src)
        if name == "-":
            return "-", _maybe_gzip(sys.stdin.buffer), ()
        if Path(name).is_dir():
            raise InputError(f"cannot read {name}: is a directory")
        try:
            f = open(name, "rb")  # noqa: SIM115 - closed by read_logs
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
        z = _maybe_gzip(f)
        return name, z, (z, f) if z is not f else (f,)
    name = str(getattr(src, "name", "<stream>"))
    if isinstance(src, io.TextIOBase):
        return name, src, ()
    z = _maybe_gzip(src)
    return name, z, (z,) if z is not src else ()


def _maybe_gzip(f: IO[bytes]) -> IO[bytes]:
    """The stream itself, or a gzip reader when it starts with the gzip magic (RFC 1952)."""
    peek = getattr(f, "peek", None)
    if peek is not None:
        head = peek(2)[:2]
    elif f.seekable():  # BytesIO and friends: look, then step back
        pos = f.tell()
        head = f.read(2)
        f.seek(pos)
    else:
        head = b""
    if head == b"\x1f\x8b":
        return _Gunzip(f)  # type: ignore[return-value]
    return f


# What a damaged gzip stream raises: cut short (EOFError), a bad header or CRC
# (gzip.BadGzipFile, an OSError), corrupt deflate data (zlib.error).
_READ_ERRORS = (OSError, EOFError, zlib.error)


class _Gunzip:
    """A gzip reader whose ``read(n)`` returns the bytes decompressed before an error and
    raises it on the next call, as zcat prints a damaged file's lines before its error:
    GzipFile.read(n) drops up to n bytes already decompressed with the error (a rotated
    log cut short read as 0 lines)."""

    def __init__(self, f: IO[bytes]) -> None:
        self._z = gzip.GzipFile(fileobj=f, mode="rb")
        self._error: BaseException | None = None

    def read(self, n: int = -1) -> bytes:
        if self._error is not None:
            error, self._error = self._error, None
            raise error
        parts: list[bytes] = []
        got = 0
        while n < 0 or got < n:
            try:
                block = self._z.read1(n - got if n >= 0 else -1)
            except _READ_ERRORS as exc:
                if not parts:
                    raise
                self._error = exc
                break
            if not block:
                break
            parts.append(block)
            got += len(block)
        return b"".join(parts)

    def close(self) -> None:
        self._z.close()


# Binary inputs named by their magic numbers, with what to run instead.
_MAGIC = ((b"\x28\xb5\x2f\xfd", "zstd-compressed: read it with `zstdcat {name} | tlsdoctor logs -`"),
          (b"\xfd7zXZ\x00", "xz-compressed: read it with `xzcat {name} | tlsdoctor logs -`"),
          (b"BZh", "bzip2-compressed: read it with `bzcat {name} | tlsdoctor logs -`"),
          (b"LPKSHHRH", "a systemd journal file: export it with "
                        "`journalctl --file {name} -o short-iso | tlsdoctor logs -`"),
          (b"\xd4\xc3\xb2\xa1", "a packet capture: use `tlsdoctor pcap {name}`"),
          (b"\xa1\xb2\xc3\xd4", "a packet capture: use `tlsdoctor pcap {name}`"),
          (b"\x0a\x0d\x0d\x0a", "a packet capture (pcapng): use `tlsdoctor pcap {name}`"),
          (b"\xff\xfe", "UTF-16 text: convert it with `iconv -f UTF-16 -t UTF-8 {name} | "
                        "tlsdoctor logs -`"),
          (b"\xfe\xff", "UTF-16 text: convert it with `iconv -f UTF-16 -t UTF-8 {name} | "
                        "tlsdoctor logs -`"))
# C0 controls other than TAB, LF, CR and ESC (colour codes), and DEL: rare in text logs.
_CONTROL = bytes(b for b in range(32) if b not in (9, 10, 13, 27)) + b"\x7f"
SNIFF = 64 * 1024


_TEXT_HEAD = 24  # bytes; random data starts so by chance about once in 10^10 lines


def _printed_head(line: bytes) -> bool:
    """The line starts as a log line does: ``_TEXT_HEAD`` bytes of printable ASCII."""
    head = line[:_TEXT_HEAD]
    return len(head) == _TEXT_HEAD and all(32 <= b < 127 for b in head)


def check_text(head: bytes, name: str) -> None:
    """Raise InputError when the first bytes of an input are not a text log.

    Judged per line: a real log may hold a line of a client's binary garbage (nginx
    copies a bad request line, NUL bytes included), so the input is binary only when
    most lines of the sample are: any NUL, or more than 10% control bytes, after a start
    that is not a printed log line's (``_TEXT_HEAD`` printable ASCII bytes: the time stamp
    and level a server writes before the bytes it copies; nginx's "client sent invalid
    method ... request: "<a TLS ClientHello>"" on a plain-HTTP port is such a line)."""
    for magic, what in _MAGIC:
        if head.startswith(magic) and (magic != b"BZh" or head[3:4].isdigit()):
            raise InputError(f"{name} is not a text log: it is {what.format(name=name)}")
    sample = head[:SNIFF]
    lines = [ln for ln in sample.split(b"\n") if ln]
    if len(sample) == SNIFF and len(lines) > 1:
        lines.pop()  # cut in the middle
    binary = sum(1 for ln in lines if not _printed_head(ln) and (
        b"\0" in ln or (len(ln) - len(ln.translate(None, _CONTROL))) * 10 > len(ln)))
    if lines and binary * 2 > len(lines):
        raise InputError(f"{name} is not a text log: {binary} of the first {len(lines)} lines "
                         "are binary data")


def _next_block(stream: IO[Any], limit: int | None) -> tuple[Any, int | None]:
    """The next chunk of ``stream``, and what is left of ``limit`` (None: no limit)."""
    if limit is None:
        return stream.read(CHUNK), None
    block = stream.read(min(CHUNK, limit)) if limit > 0 else b""
    return block, limit - len(block)


def _candidate_lines(stream: IO[Any], stats: _Stats, limit: int | None = None,
                     name: str | None = None) -> Iterator[list[tuple[int, Any]]]:
    """Per chunk, the (line number, raw line) of each line containing a key.

    Raw lines are bytes for binary streams (decoded later, only if needed) and str for
    text streams. ``limit``: read at most that many bytes (a slice of a file). ``name``:
    check that the stream starts as text (InputError otherwise); None for later slices.
    """
    binary = not isinstance(stream, io.TextIOBase)
    keys: tuple[Any, ...] = _KEYS_B if binary else _KEYS_S
    nl: Any = b"\n" if binary else "\n"
    rest: Any = b"" if binary else ""
    line_no = 0  # lines before the current chunk
    skipping = False  # inside an overlong line: drop until its end
    label = name  # ``name`` is cleared once the start is checked
    while True:
        try:
            block, limit = _next_block(stream, limit)
        except _READ_ERRORS as exc:
            if label is not None and stats.bytes == 0:  # not a byte of it: unreadable
                raise InputError(f"cannot read {label}: {exc}") from exc
            stats.notes.append(f"read stopped early: {exc}")
            block = b"" if binary else ""
        if name is not None and binary:
            check_text(block, name)
            name = None
        stats.levels.feed(block)
        if not block:
            if rest and not skipping:
                chunk, rest = rest + nl, rest[:0]
            else:
                line_no += skipping  # an overlong last line without its newline
                break
        else:
            stats.bytes += len(block)
            cut = block.rfind(nl)
            if cut < 0:
                rest += block
                if len(rest) > MAX_LINE:
                    if not skipping:
                        stats.overlong += 1
                    rest, skipping = rest[:0], True
                continue
            chunk = rest + block[:cut + 1]
            rest = block[cut + 1:]
            if skipping:  # the overlong line ends at the first newline of this chunk
                first = chunk.find(nl)
                line_no += 1
                chunk = chunk[first + 1:]
                skipping = False
            if len(rest) > MAX_LINE:
                stats.overlong += 1
                rest, skipping = rest[:0], True
        ends: dict[int, int] = {}  # start -> end of each line holding a key
        for key in keys:
            pos = chunk.find(key)
            while pos >= 0:
                end = chunk.find(nl, pos)
                ends[chunk.rfind(nl, 0, pos) + 1] = end
                pos = chunk.find(key, end)
        last, count = 0, line_no  # lines before ``last``
        found: list[tuple[int, Any]] = []
        for start in sorted(ends):
            count += chunk.count(nl, last, start)
            last = start
            end = ends[start]
            if end - start > MAX_LINE:
                stats.overlong += 1
                continue
            found.append((count + 1, chunk[start:end]))
        if found:
            stats.candidates += len(found)
            yield found
        line_no = stats.lines = count + chunk.count(nl, last)
        if not block:
            break
    stats.lines = line_no


@dataclass(slots=True)
class _Stats:
    bytes: int = 0
    lines: int = 0
    candidates: int = 0
    overlong: int = 0
    notes: list[str] = field(default_factory=list)
    levels: LevelProbe = field(default_factory=LevelProbe)


class _Acc:
    """Running totals of one read (or one slice of a file, in a worker process)."""

    def __init__(self, *, since_s: str | None, years: Mapping[str, int], max_events: int,
                 judge: Judge) -> None:
        self.since_s, self.years, self.max_events, self.judge = since_s, years, max_events, judge
        self.first_finding: dict[str, Finding] = {}  # per cause, for the summary's top fix
        self.examples: dict[str, LogEvent] = {}  # per cause, the first line that showed it
        self.lines = self.bytes = self.overlong = self.no_tls = 0
        self.candidates = self.failures = self.dropped = self.skipped = 0
        self.truncated = False
        self.first: str | None = None
        self.last: str | None = None
        self.by_cause: dict[str, int] = {}
        self.by_party: dict[str, int] = {}
        # client / SNI / server name -> cause -> failures
        self.by_client: dict[str, dict[str, int]] = {}
        self.by_sni: dict[str, dict[str, int]] = {}
        self.by_server: dict[str, dict[str, int]] = {}
        self.by_format: dict[str, int] = {}
        self.minutes: dict[str, int] = {}
        self.events: list[LogEvent] = []
        self.notes: list[str] = []
        self.levels: dict[str, LevelProbe] = {}  # per source

    def feed(self, name: str, stream: IO[Any], limit: int | None = None, *,
             sniff: bool = True) -> None:
        """The hot loop: classify and count each candidate line of ``stream``."""
        stats = _Stats()
        cache: dict[tuple[str, Any], _Classified] = {}
        since_s, years = self.since_s, self.years
        quiet: set[Any] = set()  # shapes of lines known to say nothing about TLS failures
        sni_of_conn: dict[str, str] = {}  # nginx "*N" -> the SNI its debug line named
        hello_conns: set[str] = set()  # nginx "*N" whose request line was a TLS hello
        # A program's own output (plain text lines: s_server, gnutls-serv) whose lines say
        # they are a server's makes its other lines the server's too, so a quoted alert is
        # the client's complaint. Looked for in the first lines only.
        side = _SideWatch()
        groups = {fmt: _Connections(self, rule) for fmt, rule in _GROUPINGS.items()}
        for line_no, raw in itertools.chain.from_iterable(
                _candidate_lines(stream, stats, limit, name if sniff else None)):
            # Most candidate lines on a busy server are successes ("TLS connection
            # established", logins over TLS). Their shape (the line without digits) is
            # remembered, so each repeat costs one translate and one set lookup.
            # nginx's debug lines naming the SNI differ by name only: never "quiet".
            if isinstance(raw, bytes):
                shape = raw.translate(None, b"0123456789")
                if shape in quiet and _SNI_MARK not in raw:
                    continue
                text = raw.decode("utf-8", "replace").rstrip("\r")
            else:
                shape = raw.translate(_NO_DIGITS)
                if shape in quiet and _SNI_MARK.decode() not in raw:
                    continue
                text = raw.rstrip("\r")
            p = _parse(text, years)
            t = p.time
            if since_s is not None and t is not None and t < since_s:
                self.skipped += 1
                continue
            if p.conn is not None:
                if p.message.startswith(_SNI_LINES):
                    named = _sni_of(p)
                    if named is not None:
                        if len(sni_of_conn) >= MAX_CONNS:
                            del sni_of_conn[next(iter(sni_of_conn))]
                        sni_of_conn[p.conn] = named
                        continue
                if sni_of_conn:
                    p.sni = sni_of_conn.get(p.conn, p.sni)
                if ', request: "' in p.message:  # a TLS hello on a plain-HTTP port
                    if p.conn in hello_conns:  # its next line (the client's reset on the
                        continue  # 400 nginx answered): the same connection, counted
                    if len(hello_conns) >= MAX_CONNS:
                        hello_conns.clear()
                    hello_conns.add(p.conn)
            side.see(p, text)
            meaning, findings, kind = self._classified(p, text, shape, cache,
                                                       side.server and p.format == "text")
            if kind == FAILURE and _DETAIL_LINE.match(text):
                continue  # the detail of the failure counted on the line before
            if kind == FAILURE:
                group = groups.get(p.format) if p.conn is not None else None
                if group is not None:  # one connection, several lines
                    group.take((name, self.lines + line_no, text, p, meaning, findings))
                else:
                    self._failure(name, self.lines + line_no, text, p, meaning, findings)
            elif kind == NO_TLS:
                self.no_tls += 1
            elif not meaning and not any(m in text for m in _NUMBER_SENSITIVE):
                if len(quiet) >= _CACHE_MAX:
                    quiet.clear()
                quiet.add(shape)
        for group in groups.values():
            group.flush()
        self.lines += stats.lines
        self.bytes += stats.bytes
        self.candidates += stats.candidates
        self.overlong += stats.overlong
        self.notes.extend(stats.notes)
        self.levels.setdefault(name, LevelProbe()).merge(stats.levels)

    def _classified(self, p: _Parsed, text: str, shape: Any,
                    cache: dict[tuple[str, Any], _Classified],
                    server_text: bool = False) -> _Classified:
        """The line's classification, through the cache.

        The cache key is the message without per-connection details (client address,
        session id): the same failure from many clients is classified once. Known formats
        already cut the per-connection fields out of ``key``; a line in which no pattern
        reads a number is its digit-less shape; other lines lose addresses, ids and
        durations by regex (the slowest, so the last resort)."""
        fmt = f"{p.format}@server" if server_text else p.format
        if p.format in _KEYED_FORMATS:
            ck: tuple[str, Any] = (fmt, p.key)
        elif not any(m in text for m in _NUMBER_SENSITIVE):
            ck = (fmt, shape)
        else:
            ck = (fmt, _VOLATILE.sub("#", p.key))
        got = cache.get(ck)
        if got is None:
            if len(cache) >= _CACHE_MAX:
                cache.clear()
            got = cache[ck] = _classify(p.message, p.format, self.judge,
                                        server_text=server_text)
        return got

    def _failure(self, name: str, line: int, text: str, p: _Parsed, meaning: str,
                 findings: tuple[Finding, ...]) -> None:
        """Count one failure line in every summary, and keep it as an event if room."""
        self.failures += 1
        cause = findings[0].cause.value if findings else _UNCLASSIFIED
        party = findings[0].who_fixes.value if findings else "unknown"
        self.by_cause[cause] = self.by_cause.get(cause, 0) + 1
        self.by_party[party] = self.by_party.get(party, 0) + 1
        if findings and cause not in self.first_finding:
            self.first_finding[cause] = findings[0]
        self.by_format[p.format] = self.by_format.get(p.format, 0) + 1
        for table, key in ((self.by_client, p.client), (self.by_sni, p.sni),
                           (self.by_server, p.server)):
            if key:
                row = table.get(key)
                if row is not None:  # the common case, inline: this runs per failure
                    row[cause] = row.get(cause, 0) + 1
                else:
                    self._count(table, key, cause, 1)
        t = p.time
        if t is not None:
            if self.first is None or t < self.first:
                self.first = t
            if self.last is None or t > self.last:
                self.last = t
            bucket, minutes = t[:16], self.minutes
            if bucket in minutes:
                minutes[bucket] += 1
            elif len(minutes) < 200_000:
                minutes[bucket] = 1
        keep = len(self.events) < self.max_events
        if keep or cause not in self.examples:
            ev = LogEvent(
                source=name, line=line, time=t, format=p.format,
                client=printable(p.client, limit=80) if p.client else None,
                sni=printable(p.sni, limit=255) if p.sni else None,
                server=printable(p.server, limit=300) if p.server else None,
                message=printable(text, limit=MAX_LINE), meaning=meaning, findings=findings)
            self.examples.setdefault(cause, ev)
            if keep:
                self.events.append(ev)
        if not keep:
            self.dropped += 1

    def _count(self, table: dict[str, dict[str, int]], key: str, cause: str, n: int) -> None:
        if key not in table and len(table) >= MAX_KEYS:
            key = "other"
            self.truncated = True
        row = table.setdefault(key, {})
        row[cause] = row.get(cause, 0) + n

    def merge(self, other: _Acc) -> None:
        """Append ``other`` (the next slice of the same input) to this one."""
        offset = self.lines
        room = max(0, self.max_events - len(self.events))
        self.events.extend(replace(e, line=e.line + offset) for e in other.events[:room])
        self.dropped += other.dropped + max(0, len(other.events) - room)
        for name in ("lines", "bytes", "overlong", "candidates", "failures", "skipped",
                     "no_tls"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.truncated = self.truncated or other.truncated
        for mine, theirs in ((self.by_cause, other.by_cause), (self.by_format, other.by_format),
                             (self.minutes, other.minutes), (self.by_party, other.by_party)):
            for k, n in theirs.items():
                mine[k] = mine.get(k, 0) + n
        for table, rows in ((self.by_client, other.by_client), (self.by_sni, other.by_sni),
                            (self.by_server, other.by_server)):
            for k, row in rows.items():
                for cause, n in row.items():
                    self._count(table, k, cause, n)
        for t in (other.first, other.last):
            if t is not None:
                self.first = t if self.first is None or t < self.first else self.first
                self.last = t if self.last is None or t > self.last else self.last
        self.notes.extend(other.notes)
        for cause, f in other.first_finding.items():
            self.first_finding.setdefault(cause, f)
        for cause, e in other.examples.items():
            self.examples.setdefault(cause, replace(e, line=e.line + offset))
        for src, probe in other.levels.items():
            self.levels.setdefault(src, LevelProbe()).merge(probe)

    def report(self, names: list[str]) -> LogReport:
        unit, timeline = _timeline(self.minutes)
        notes = list(self.notes)
        if self.overlong:
            n = self.overlong
            notes.append(f"{n} line{'s' if n != 1 else ''} longer than {MAX_LINE // 1024} KiB "
                         f"{'were' if n != 1 else 'was'} skipped, not read")
        if self.no_tls:
            n = self.no_tls
            notes.append(f"{n} connection{'s were' if n != 1 else ' was'} closed by the client "
                         "before it sent any TLS (health checks, port scans, unused browser "
                         "preconnections): not handshake failures, not counted as failures")
        for src in names:
            probe = self.levels.get(src)
            if probe is not None:
                notes.extend(level_notes(src, probe, self.failures, self.lines))
        return LogReport(
            sources=tuple(names), lines=self.lines, bytes=self.bytes,
            candidates=self.candidates, failures=self.failures, by_cause=_top(self.by_cause),
            by_party=_top(self.by_party), by_client=_totals(self.by_client, 50),
            by_sni=_totals(self.by_sni, 50), by_server=_totals(self.by_server, 50),
            by_format=_top(self.by_format), distinct_clients=len(self.by_client),
            first_seen=self.first, last_seen=self.last, timeline_unit=unit,
            timeline=timeline, top_fix=_top_fix(self.by_cause, self.first_finding),
            causes=_cause_rows(self.by_cause, self.first_finding, self.examples),
            clients=_rows(self.by_client, 20), snis=_rows(self.by_sni, 20),
            events=tuple(self.events),
            events_dropped=self.dropped, skipped_before_since=self.skipped,
            overlong_lines=self.overlong, clients_truncated=self.truncated,
            closed_without_tls=self.no_tls,
            log_levels={src: p.to_json() for src, p in self.levels.items() if p.to_json()},
            notes=tuple(notes))


# Files at least this big are read by WORKERS processes, one slice each: the pattern work is
# pure Python, so a second core nearly halves the time of a gigabyte.
PARALLEL_MIN = 64 << 20
WORKERS = min(2, os.cpu_count() or 1)


def _slices(path: Path, size: int, n: int) -> list[tuple[int, int]]:
    """``n`` byte ranges of ``path`` that start and end at line boundaries."""
    cuts = [0]
    with open(path, "rb") as f:
        for i in range(1, n):
            f.seek(max(cuts[-1], size * i // n))
            f.readline()
            cuts.append(min(f.tell(), size))
    cuts.append(size)
    return [(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _read_slice(path: str, start: int, end: int, since_s: str | None,
                years: Mapping[str, int], max_events: int, judge: Judge) -> _Acc:
    """Worker: one slice of a plain file (runs in a child process)."""
    acc = _Acc(since_s=since_s, years=years, max_events=max_events, judge=judge)
    with open(path, "rb") as f:
        f.seek(start)
        acc.feed(path, f, end - start, sniff=start == 0)
    return acc


def _plain_size(src: object) -> int:
    """Size of a regular, uncompressed file worth splitting; 0 otherwise."""
    if not isinstance(src, str | Path) or str(src) == "-":
        return 0
    try:
        p = Path(src)
        if not p.is_file():
            return 0
        size = p.stat().st_size
        with open(p, "rb") as f:
            if f.read(2) == b"\x1f\x8b":
                return 0
        return size
    except OSError:
        return 0


def read_logs(sources: Iterable[str | Path | IO[Any]] | str | Path | TextIO, *, judge: Judge,
              since: datetime | None = None, max_events: int = 1000,
              workers: int | None = None) -> LogReport:
    """Read server logs and summarise their TLS handshake failures.

    ``sources``: paths ("-" is stdin; gzip is detected by content) or open streams, read
    one after the other. ``since``: ignore lines stamped earlier (compared with the time
    as written in the log; lines without a time are kept). ``workers``: processes for big
    plain files (default: up to 2; 1 reads everything in this process). ``judge`` turns
    one line's evidence into findings (a module-level function: workers pickle it; the
    public ``tlsdoctor.read_logs`` passes ``tlsdoctor.api``'s). Raises InputError
    for a file that cannot be opened, UsageError for a bad argument; never for a bad line.
    """
    if isinstance(sources, str | Path | io.IOBase):
        sources = [sources]
    if max_events < 0:
        raise UsageError("max_events must be >= 0")
    if workers is not None and workers < 1:
        raise UsageError("workers must be >= 1")
    since_s = None
    if since is not None:
        if since.tzinfo is not None:
            since = since.astimezone(UTC).replace(tzinfo=None)
        since_s = since.strftime("%Y-%m-%dT%H:%M:%S")
    years = syslog_years(since=since, now=datetime.now(UTC))
    nworkers = WORKERS if workers is None else workers
    acc = _Acc(since_s=since_s, years=years, max_events=max_events, judge=judge)
    names: list[str] = []
    for src in sources:
        size = _plain_size(src) if nworkers > 1 else 0
        if size >= PARALLEL_MIN:
            names.append(str(src))
            _read_parallel(acc, Path(src), size, nworkers)  # type: ignore[arg-type]
            continue
        name, stream, to_close = _open(src)
        names.append(name)
        try:
            acc.feed(name, stream)
        finally:
            for f in to_close:
                f.close()
    return acc.report(names)


def _read_parallel(acc: _Acc, path: Path, size: int, n: int) -> None:
    # "spawn": a fresh interpreter per worker, safe whatever threads the caller runs.
    ctx = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=n, mp_context=ctx) as pool:
        futures = [pool.submit(_read_slice, str(path), a, b, acc.since_s, acc.years,
                               acc.max_events, acc.judge) for a, b in _slices(path, size, n)]
        for fut in futures:
            acc.merge(fut.result())


def _top(counts: dict[str, int], n: int | None = None) -> dict[str, int]:
    return dict(Counter(counts).most_common(n))


def _totals(table: dict[str, dict[str, int]], n: int) -> dict[str, int]:
    return _top({k: sum(row.values()) for k, row in table.items()}, n)


def _rows(table: dict[str, dict[str, int]], n: int) -> tuple[dict[str, Any], ...]:
    """The ``n`` keys with most failures, each with its causes, most frequent first."""
    return tuple({"name": k, "failures": total, "causes": _top(table[k])}
                 for k, total in _totals(table, n).items())


def _cause_rows(by_cause: dict[str, int], first: dict[str, Finding],
                examples: dict[str, LogEvent]) -> tuple[dict[str, Any], ...]:
    total = sum(by_cause.values()) or 1
    rows = []
    for cause, count in Counter(by_cause).most_common():
        f = first.get(cause)
        ex = examples.get(cause)
        rows.append({
            "cause": cause, "count": count, "share": round(count / total, 4),
            "title": f.title if f else "the server logged a failure without a reason tlsdoctor "
                                         "can read",
            "who_fixes": f.who_fixes.value if f else "unknown",
            "fix": [fix_to_json(s) for s in f.fix] if f else [],
            "example": None if ex is None else {
                "source": ex.source, "line": ex.line, "time": ex.time, "client": ex.client,
                "sni": ex.sni, "server": ex.server, "message": ex.message,
                "meaning": ex.meaning}})
    return tuple(rows)


def _timeline(minutes: dict[str, int]) -> tuple[str, tuple[tuple[str, int], ...]]:
    """Per-minute counts, merged into hours or days until at most 120 buckets remain."""
    for unit, width in (("minute", 16), ("hour", 13), ("day", 10)):
        buckets: Counter[str] = Counter()
        for k, n in minutes.items():
            buckets[k[:width]] += n
        if len(buckets) <= 120 or unit == "day":
            suffix = {"minute": "", "hour": ":00", "day": ""}[unit]
            return unit, tuple((k + suffix, n) for k, n in sorted(buckets.items()))
    return "day", ()


def _top_fix(by_cause: dict[str, int], first: dict[str, Finding]) -> dict[str, Any] | None:
    for cause, count in Counter(by_cause).most_common():
        f = first.get(cause)
        if f is None:
            continue
        return {"cause": cause, "count": count, "title": f.title,
                "who_fixes": f.who_fixes.value, "fix": [fix_to_json(s) for s in f.fix]}
    return None
