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
import re
import sys
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO

from ..diagnosis.causes import Cause
from ..diagnosis.finding import Finding
from ..errors import InputError, UsageError
from ..fixes.catalog import make_finding
from ..report.safe import printable
from .messages import find_matches, findings_from
from .patterns import SERVER_SOURCES
from .result import finding_to_json

__all__ = ["LogEvent", "LogReport", "read_logs"]

CHUNK = 1 << 20
MAX_LINE = 64 * 1024  # longer lines are counted and skipped
MAX_KEYS = 10_000  # distinct clients / SNI names counted individually; the rest is "other"
_CACHE_MAX = 20_000
_UNCLASSIFIED = "unclassified"

# Every TLS failure line of the supported servers contains one of these (checked against
# the pattern tables of nginx, apache, haproxy, postfix, dovecot and the client sources).
_KEYS_B = (b"SSL", b"TLS", b"andshak", b"ertificate", b"HTTPS", b"x509", b"alert", b"SNI")
_KEYS_S = tuple(k.decode() for k in _KEYS_B)

_MONTHS = {m: i + 1 for i, m in enumerate(
    ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"))}

# --- line formats --------------------------------------------------------------------------

# nginx: "2026/11/23 10:16:15 [info] 14527#14527: *7 message, client: 1.2.3.4, server: x"
_NGINX = re.compile(r"(\d{4})/(\d\d)/(\d\d) (\d\d:\d\d:\d\d) \[(\w{1,8})\] \d{1,10}#\d{1,10}: "
                    r"(?:\*\d{1,20} )?(.*)")
# Apache 2.4: "[Mon Nov 23 10:11:12.123456 2026] [ssl:info] [pid 1:tid 2] [client 1.2.3.4:5] msg"
_APACHE = re.compile(r"\[\w{3} (\w{3}) {1,2}(\d{1,2}) (\d\d:\d\d:\d\d)(?:\.\d{1,9})? (\d{4})\] "
                     r"\[([\w:]{1,40})\] (?:\[pid [^\]]{1,60}\] )?(?:\[client ([^\]]{1,80})\] )?(.*)")
# syslog / journalctl -o short: "Nov 23 10:11:12 host prog[123]: msg"
_SYSLOG = re.compile(r"(\w{3}) {1,2}(\d{1,2}) (\d\d:\d\d:\d\d) (\S{1,255}) ([^\s\[:]{1,64})"
                     r"(?:\[\d{1,10}\])?: (.*)")
# RFC 5424-ish / journalctl -o short-iso: "2026-11-23T10:11:12+0000 host prog[1]: msg"
_ISO = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:[.,]\d{1,9})?(?:Z|[+-]\d\d:?\d\d)? "
                  r"(\S{1,255}) ([^\s\[:]{1,64})(?:\[\d{1,10}\])?: (.*)")
_ISO_BARE = re.compile(r"(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)")

_NGINX_CLIENT = re.compile(r", client: ([^,\s]{1,80})")
_NGINX_SERVER = re.compile(r", server: ([^,\s]{1,255})")
_NGINX_HOST = re.compile(r", host: \"([^\"\s]{1,255})\"")
_APACHE_SNI = re.compile(r"\(server ([^\s:)]{1,255})(?::\d{1,5})?\)|provided via SNI[^\n]{0,20}?"
                         r"|Hostname (\S{1,255}) provided via SNI")
_HAPROXY = re.compile(r"([0-9a-fA-F:.]{3,45}):\d{1,5} \[[^\]]{1,40}\] (\S{1,100})")
_BRACKET_IP = re.compile(r"\[([0-9a-fA-F:.]{3,45})\]")
_RIP = re.compile(r"\brip=([0-9a-fA-F:.]{3,45})")
_IP_ONLY = re.compile(r"^[0-9a-fA-F:.]{3,45}$")


@dataclass(frozen=True, slots=True, kw_only=True)
class LogEvent:
    """One log line that reports a TLS failure.

    ``time`` is ISO 8601 as the log wrote it (local time of the server, no zone applied;
    syslog lines carry no year, the current UTC year is assumed); None when the line has
    no timestamp. ``client``/``sni`` are None when the format does not log them.
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

    def to_json(self) -> dict[str, Any]:
        return {"source": self.source, "line": self.line, "time": self.time,
                "format": self.format, "client": self.client, "sni": self.sni,
                "message": self.message, "meaning": self.meaning,
                "cause": self.findings[0].cause.value if self.findings else None,
                "findings": [finding_to_json(f) for f in self.findings]}


@dataclass(frozen=True, slots=True, kw_only=True)
class LogReport:
    """Summary of TLS failures across the logs read, plus the first ``max_events`` events.

    ``timeline`` is ((bucket start, count), ...) per ``timeline_unit`` ("minute", "hour" or
    "day", chosen so the timeline stays short). ``top_fix`` is the fix for the most
    frequent cause (None when nothing failed).
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

    def to_json(self) -> dict[str, Any]:
        """Exactly what ``tlsdoctor logs --json`` prints: {"summary": {...}, "events": [...]}."""
        return {
            "summary": {
                "sources": list(self.sources), "lines": self.lines, "bytes": self.bytes,
                "candidate_lines": self.candidates, "failures": self.failures,
                "by_cause": dict(self.by_cause), "by_client": dict(self.by_client),
                "by_sni": dict(self.by_sni), "by_format": dict(self.by_format),
                "first_seen": self.first_seen, "last_seen": self.last_seen,
                "timeline_unit": self.timeline_unit,
                "timeline": [{"start": t, "count": n} for t, n in self.timeline],
                "top_fix": dict(self.top_fix) if self.top_fix else None,
                "events_kept": len(self.events), "events_dropped": self.events_dropped,
                "skipped_before_since": self.skipped_before_since,
                "overlong_lines": self.overlong_lines,
                "clients_truncated": self.clients_truncated, "notes": list(self.notes),
            },
            "events": [e.to_json() for e in self.events],
        }


# --- parsing one candidate line ------------------------------------------------------------

@dataclass(slots=True)
class _Parsed:
    time: str | None
    format: str
    client: str | None
    sni: str | None
    message: str


def _syslog_format(prog: str) -> str:
    p = prog.lower()
    for name in ("haproxy", "postfix", "dovecot", "nginx"):
        if name in p:
            return name
    if "httpd" in p or "apache" in p:
        return "apache"
    return "syslog"


def _parse(line: str, year: int) -> _Parsed:
    m = _NGINX.match(line)
    if m:
        y, mo, d, t, _level, msg = m.groups()
        c = _NGINX_CLIENT.search(msg)
        s = _NGINX_SERVER.search(msg)
        h = _NGINX_HOST.search(msg)
        sni = None
        # nginx names the virtual server (chosen by SNI) once it knows it; before that
        # "server:" is the listen address. The Host header is the next best name.
        for cand in (s.group(1) if s else None, h.group(1) if h else None):
            if cand:
                name = cand.rsplit(":", 1)[0] if cand.count(":") == 1 else cand
                if not _IP_ONLY.match(name):
                    sni = name
                    break
        return _Parsed(f"{y}-{mo}-{d}T{t}", "nginx", c.group(1) if c else None, sni,
                       msg.split(", client: ", 1)[0])
    m = _APACHE.match(line)
    if m:
        mon, d, t, y, _mod, client, msg = m.groups()
        sni = None
        sm = _APACHE_SNI.search(msg)
        if sm:
            sni = sm.group(1) or sm.group(2)
        if client:
            client = client.rsplit(":", 1)[0] if client.count(":") == 1 else client
        return _Parsed(f"{y}-{_MONTHS.get(mon, 1):02d}-{int(d):02d}T{t}", "apache", client, sni,
                       msg)
    m = _SYSLOG.match(line)
    if m:
        mon, d, t, _host, prog, msg = m.groups()
        if mon not in _MONTHS:
            return _generic(line)
        when = f"{year}-{_MONTHS[mon]:02d}-{int(d):02d}T{t}"
        return _inner(when, _syslog_format(prog), msg)
    m = _ISO.match(line)
    if m:
        day, t, _host, prog, msg = m.groups()
        return _inner(f"{day}T{t}", _syslog_format(prog), msg)
    if line.startswith("MESSAGE="):  # journalctl -o export
        return _inner(None, "journald", line[8:])
    return _generic(line)


def _inner(when: str | None, fmt: str, msg: str) -> _Parsed:
    """Client and SNI from the message part of a syslog/journald line."""
    client = None
    if fmt == "haproxy":
        h = _HAPROXY.match(msg)
        if h:
            client = h.group(1)
    elif fmt == "dovecot":
        r = _RIP.search(msg)
        client = r.group(1) if r else None
    elif fmt == "postfix":
        b = _BRACKET_IP.search(msg)
        client = b.group(1) if b else None
    elif fmt == "nginx":
        c = _NGINX_CLIENT.search(msg)
        client = c.group(1) if c else None
        msg = msg.split(", client: ", 1)[0]
    return _Parsed(when, fmt, client, None, msg)


def _generic(line: str) -> _Parsed:
    m = _ISO_BARE.match(line)
    return _Parsed(f"{m.group(1)}T{m.group(2)}" if m else None, "text", None, None, line)


# --- classification (cached) ---------------------------------------------------------------

_Classified = tuple[str, tuple[Finding, ...], bool]  # meaning, findings, is a TLS failure


def _classify(message: str, fmt: str) -> _Classified:
    server_side = True if fmt in SERVER_SOURCES else None
    matches = find_matches(message, server_side=server_side)
    if not matches:
        return "", (), False
    findings = findings_from(matches, "tlsdoctor diagnose HOST")
    with_causes = [m for m in matches if m.causes]
    is_failure = bool(findings) or any(m.source in SERVER_SOURCES for m in matches)
    lead = max(with_causes or matches, key=lambda m: m.spec)
    return lead.meaning, findings, is_failure


# --- reading -------------------------------------------------------------------------------

def _open(src: str | Path | IO[Any]) -> tuple[str, IO[Any], bool]:
    """(name, stream, close it?) for a path, "-" (stdin) or an open stream."""
    if isinstance(src, str | Path):
        name = str(src)
        if name == "-":
            return "-", _maybe_gzip(sys.stdin.buffer), False
        try:
            f = open(name, "rb")  # noqa: SIM115 - closed by the caller
        except OSError as exc:
            raise InputError(f"cannot read {name}: {exc.strerror or exc}") from exc
        if Path(name).is_dir():
            f.close()
            raise InputError(f"cannot read {name}: is a directory")
        return name, _maybe_gzip(f), True
    name = str(getattr(src, "name", "<stream>"))
    if isinstance(src, io.TextIOBase):
        return name, src, False
    return name, _maybe_gzip(src), False


def _maybe_gzip(f: IO[bytes]) -> IO[bytes]:
    """The stream itself, or a gzip reader when it starts with the gzip magic (RFC 1952)."""
    peek = getattr(f, "peek", None)
    head = peek(2)[:2] if peek is not None else b""
    if head == b"\x1f\x8b":
        return gzip.GzipFile(fileobj=f, mode="rb")  # type: ignore[return-value]
    return f


def _candidate_lines(stream: IO[Any], stats: _Stats) -> Iterator[tuple[int, str]]:
    """(line number, text) of each line containing a key, read in bounded chunks."""
    binary = not isinstance(stream, io.TextIOBase)
    keys: tuple[Any, ...] = _KEYS_B if binary else _KEYS_S
    nl: Any = b"\n" if binary else "\n"
    rest: Any = b"" if binary else ""
    line_no = 0  # lines before the current chunk
    skipping = False  # inside an overlong line: drop until its end
    while True:
        try:
            block = stream.read(CHUNK)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            stats.notes.append(f"read stopped early: {exc}")
            block = b"" if binary else ""
        if not block:
            if rest and not skipping:
                chunk, rest = rest + nl, rest[:0]
            else:
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
        starts: set[int] = set()
        for key in keys:
            pos = chunk.find(key)
            while pos >= 0:
                start = chunk.rfind(nl, 0, pos) + 1
                starts.add(start)
                end = chunk.find(nl, pos)
                pos = chunk.find(key, end)
        last, count = 0, line_no
        for start in sorted(starts):
            count += chunk.count(nl, last, start)
            last = start
            end = chunk.find(nl, start)
            raw = chunk[start:end]
            if len(raw) > MAX_LINE:
                stats.overlong += 1
                continue
            text = raw.decode("utf-8", "replace") if binary else raw
            yield count + 1, text.rstrip("\r")
        line_no += chunk.count(nl)
        stats.lines = line_no
        if not block:
            break
    stats.lines = line_no


@dataclass(slots=True)
class _Stats:
    bytes: int = 0
    lines: int = 0
    overlong: int = 0
    notes: list[str] = field(default_factory=list)


class _Capped(Counter[str]):
    """A Counter that stops adding new keys after ``MAX_KEYS`` (counted under "other")."""

    truncated = False

    def add(self, key: str) -> None:
        if key in self or len(self) < MAX_KEYS:
            self[key] += 1
        else:
            self["other"] += 1
            self.truncated = True


def read_logs(sources: Iterable[str | Path | IO[Any]] | str | Path | TextIO, *,
              since: datetime | None = None, max_events: int = 1000) -> LogReport:
    """Read server logs and summarise their TLS handshake failures.

    ``sources``: paths ("-" is stdin; gzip is detected by content) or open streams, read
    one after the other. ``since``: ignore lines stamped earlier (compared with the time
    as written in the log; lines without a time are kept). Raises InputError for a file
    that cannot be opened, UsageError for a bad argument; never for a bad line.
    """
    if isinstance(sources, str | Path) or isinstance(sources, io.IOBase):
        sources = [sources]  # type: ignore[list-item]
    if max_events < 0:
        raise UsageError("max_events must be >= 0")
    since_s = None
    if since is not None:
        if since.tzinfo is not None:
            since = since.astimezone(UTC).replace(tzinfo=None)
        since_s = since.strftime("%Y-%m-%dT%H:%M:%S")
    year = (since or datetime.now(UTC)).year
    stats = _Stats()
    cache: dict[tuple[str, str], _Classified] = {}
    by_cause: Counter[str] = Counter()
    by_client, by_sni = _Capped(), _Capped()
    by_format: Counter[str] = Counter()
    minutes: Counter[str] = Counter()
    events: list[LogEvent] = []
    dropped = skipped = candidates = failures = 0
    first = last = None
    names: list[str] = []
    for src in sources:
        name, stream, close = _open(src)
        names.append(name)
        try:
            for line_no, text in _candidate_lines(stream, stats):
                candidates += 1
                p = _parse(text, year)
                if since_s is not None and p.time is not None and p.time < since_s:
                    skipped += 1
                    continue
                # Cache on the message without the client address: the same failure from
                # a thousand clients is classified once.
                key = (p.format, p.message.replace(p.client, "") if p.client else p.message)
                got = cache.get(key)
                if got is None:
                    if len(cache) >= _CACHE_MAX:
                        cache.clear()
                    got = cache[key] = _classify(p.message, p.format)
                meaning, findings, is_failure = got
                if not is_failure:
                    continue
                failures += 1
                cause = findings[0].cause.value if findings else _UNCLASSIFIED
                by_cause[cause] += 1
                by_format[p.format] += 1
                if p.client:
                    by_client.add(p.client)
                if p.sni:
                    by_sni.add(p.sni)
                if p.time is not None:
                    if first is None or p.time < first:
                        first = p.time
                    if last is None or p.time > last:
                        last = p.time
                    if len(minutes) < 200_000 or p.time[:16] in minutes:
                        minutes[p.time[:16]] += 1
                if len(events) < max_events:
                    events.append(LogEvent(
                        source=name, line=line_no, time=p.time, format=p.format,
                        client=printable(p.client, limit=80) if p.client else None,
                        sni=printable(p.sni, limit=255) if p.sni else None,
                        message=printable(text, limit=1000), meaning=meaning,
                        findings=findings))
                else:
                    dropped += 1
        finally:
            if close:
                stream.close()
    unit, timeline = _timeline(minutes)
    return LogReport(
        sources=tuple(names), lines=stats.lines, bytes=stats.bytes, candidates=candidates,
        failures=failures, by_cause=dict(by_cause.most_common()),
        by_client=dict(by_client.most_common(50)), by_sni=dict(by_sni.most_common(50)),
        by_format=dict(by_format.most_common()), first_seen=first, last_seen=last,
        timeline_unit=unit, timeline=timeline, top_fix=_top_fix(by_cause),
        events=tuple(events), events_dropped=dropped, skipped_before_since=skipped,
        overlong_lines=stats.overlong,
        clients_truncated=by_client.truncated or by_sni.truncated, notes=tuple(stats.notes))


def _timeline(minutes: Counter[str]) -> tuple[str, tuple[tuple[str, int], ...]]:
    """Per-minute counts, merged into hours or days until at most 120 buckets remain."""
    for unit, width in (("minute", 16), ("hour", 13), ("day", 10)):
        buckets: Counter[str] = Counter()
        for k, n in minutes.items():
            buckets[k[:width]] += n
        if len(buckets) <= 120 or unit == "day":
            suffix = {"minute": "", "hour": ":00", "day": ""}[unit]
            return unit, tuple((k + suffix, n) for k, n in sorted(buckets.items()))
    return "day", ()


def _top_fix(by_cause: Counter[str]) -> dict[str, Any] | None:
    for cause, count in by_cause.most_common():
        if cause == _UNCLASSIFIED:
            continue
        f = make_finding(Cause(cause))
        return {"cause": cause, "count": count, "title": f.title,
                "who_fixes": f.who_fixes.value,
                "fix": [{"text": s.text, "code": s.code, "applies_to": s.applies_to}
                        for s in f.fix]}
    return None
