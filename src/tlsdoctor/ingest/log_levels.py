"""Does a server log's level hide its TLS handshake failures? Read from the log itself.

nginx writes most failed handshakes at ``info``: ``ngx_ssl_connection_error`` lowers the
client-caused OpenSSL reasons (unsupported protocol, no shared cipher, alerts the client
sent...) to NGX_LOG_INFO, and ``ngx_connection_error`` logs "peer closed connection in SSL
handshake" and "handshake rejected" at info (nginx src/event/ngx_event_openssl.c,
src/core/ngx_connection.c @ 3f6f782). Apache mod_ssl writes AH02008 "SSL library error %d
in handshake" and the OpenSSL reason under it at APLOG_INFO (httpd
modules/ssl/ssl_engine_io.c @ 0cb6804). An ``error_log`` at ``notice`` or above (nginx's
default is ``error``) or ``LogLevel warn`` therefore shows none of them.

Exim (round 23) writes a failed handshake whatever its ``log_selector``: "TLS error on
connection from ..." is log_write(0, ...) (smtp_in.c smtp_log_tls_fail). What its default
selectors leave out is the SMTP side: a connection that sent no TLS at all
(``+smtp_connection``: "SMTP connection from ... (TCP/IP connection count = N)", daemon.c)
and bytes that are not an SMTP command before STARTTLS, such as a scanner's TLS or SSLv2 hello
(``+smtp_syntax_error``, ``+smtp_protocol_error``; Exim/exim @ exim-4.96 568dbf17, doc
spec.xfpt's log_selector table). An Exim log is known by its daemon's start line ("exim %s
daemon started: pid=", daemon.c) or its TLS failure line; it gets a note naming those
selectors when no connection line shows +smtp_connection is on.

The level is not written anywhere, so it is inferred from the lines present: a log with
lines at info or debug shows handshake failures; one with lines only at notice or above
does not; a log whose lines carry no level says nothing (``could not tell``). Only the
first ``PROBE_BYTES`` of each source are searched (the level is a setting, not a trend),
each level's marker once per chunk until found, so the cost stays a few ``find`` calls.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["PROBE_BYTES", "LevelProbe", "level_notes"]

PROBE_BYTES = 8 << 20  # ~50,000 lines: at most ~0.1 s of find() per source
_VISIBLE = frozenset({"debug", "info", "trace"})
_LEVELS = ("debug", "info", "notice", "warn", "error", "crit", "alert", "emerg")
_ORDER = {name: i for i, name in enumerate(("trace", *_LEVELS))}
# nginx: "YYYY/MM/DD HH:MM:SS [level] pid#tid: " (also inside syslog lines); Apache 2.4:
# "[module:level]" (ErrorLogFormat default, "[:level]" for core messages without a module).
_NGINX_KEYS = tuple((lv, f" [{lv}] ") for lv in _LEVELS)
_APACHE_KEYS = tuple((lv, f":{lv}] ") for lv in (*_LEVELS, "trace1"))

# Exim: (what a line shows, its key, whether "exim " must stand just before the key): its
# own lines say the log is Exim's (daemon.c, smtp_in.c), the line +smtp_connection adds says
# that selector is on.
_EXIM_KEYS = (("exim", " daemon started: pid=", True),
              ("exim", "TLS error on connection from ", False),
              ("smtp_connection", "(TCP/IP connection count = ", False))
EXIM_LINE = "log_selector = +smtp_connection +smtp_syntax_error +smtp_protocol_error"
NGINX_LINE = "error_log /var/log/nginx/error.log info;"
APACHE_LINE = "LogLevel warn ssl:info"


def _nginx_date_before(chunk: Any, pos: int) -> bool:
    """``YYYY/MM/DD HH:MM:SS`` ends right before ``pos``."""
    raw = chunk[pos - 19:pos]
    if len(raw) != 19:
        return False
    head: str = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    return head[4] == head[7] == "/" and head[10] == " " and head[13] == head[16] == ":"


def _apache_bracket_before(chunk: Any, pos: int) -> bool:
    """The marker closes a "[module:level]" field that a "] " (the time stamp) precedes."""
    start = chunk.rfind(b"[" if isinstance(chunk, bytes) else "[", max(0, pos - 40), pos)
    return bool(start >= 2 and chunk[start - 2:start] in (b"] ", "] "))


@dataclass(slots=True)
class LevelProbe:
    """Log levels seen in one source, per server format ("nginx", "apache")."""

    seen: dict[str, set[str]] = field(default_factory=lambda: {"nginx": set(), "apache": set()})
    probed: int = 0
    exim: set[str] = field(default_factory=set)  # "exim" (its log), "smtp_connection"

    def feed(self, chunk: bytes | str) -> None:
        if self.probed >= PROBE_BYTES:
            return
        self.probed += len(chunk)
        binary = isinstance(chunk, bytes)
        self._feed_exim(chunk, binary)
        for fmt, keys, check in (("nginx", _NGINX_KEYS, _nginx_date_before),
                                 ("apache", _APACHE_KEYS, _apache_bracket_before)):
            seen = self.seen[fmt]
            if seen & _VISIBLE:
                continue  # handshake failures are visible: nothing more to learn
            for level, key in keys:
                name = "trace" if level.startswith("trace") else level
                if name in seen:
                    continue
                pos = chunk.find(key.encode() if binary else key)  # type: ignore[arg-type]
                if pos >= 0 and check(chunk, pos):
                    seen.add(name)

    def _feed_exim(self, chunk: bytes | str, binary: bool) -> None:
        if "smtp_connection" in self.exim:
            return  # nothing more to learn
        for what, key, named in _EXIM_KEYS:
            if what in self.exim:
                continue
            at = chunk.find(key.encode() if binary else key)  # type: ignore[arg-type]
            if at >= 0 and (not named or chunk[max(0, at - 20):at].find(
                    b"exim " if binary else "exim ") >= 0):  # type: ignore[arg-type]
                self.exim.add(what)

    def merge(self, other: LevelProbe) -> None:
        for fmt, levels in other.seen.items():
            self.seen.setdefault(fmt, set()).update(levels)
        self.exim |= other.exim
        self.probed += other.probed

    def verdict(self, fmt: str) -> str | None:
        """"visible", "hidden", or None when no line of that format carries a level."""
        seen = self.seen.get(fmt, set())
        if not seen:
            return None
        return "visible" if seen & _VISIBLE else "hidden"

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {fmt: {"levels": sorted(levels, key=_ORDER.__getitem__),
                                     "handshake_failures": self.verdict(fmt)}
                               for fmt, levels in self.seen.items() if levels}
        if "exim" in self.exim:
            out["exim"] = {"handshake_failures": "visible",
                           "smtp_connection": "smtp_connection" in self.exim}
        return out


def _config_path(source: str) -> str:
    """The error_log path to name: the file read, without rotation suffixes, when it is
    an nginx log path; otherwise Debian's default."""
    path = source
    for suffix in (".gz", ".1", ".2", ".3", ".4", ".5", ".6", ".7", ".8", ".9", ".old"):
        path = path.removesuffix(suffix)
    if path.startswith("/") and "nginx" in path and " " not in path and ";" not in path:
        return path
    return "/var/log/nginx/error.log"


def level_notes(source: str, probe: LevelProbe, failures: int, lines: int) -> list[str]:
    """What to tell the reader about ``source``'s log level (the exact line to change)."""
    notes = []
    ngx, apache = probe.verdict("nginx"), probe.verdict("apache")
    if ngx == "hidden":
        levels = ", ".join(sorted(probe.seen["nginx"], key=_ORDER.__getitem__))
        notes.append(
            f"{source}: nginx's log level hides failed TLS handshakes: its lines are at "
            f"{levels}, none at info, and nginx writes most handshake failures at info. "
            f"Set `error_log {_config_path(source)} info;` in nginx.conf and reload nginx "
            "(nginx -s reload).")
    if apache == "hidden":
        levels = ", ".join(sorted(probe.seen["apache"], key=_ORDER.__getitem__))
        notes.append(
            f"{source}: Apache's LogLevel hides failed TLS handshakes: its lines are at "
            f"{levels}, none at info, and mod_ssl writes handshake failures at info. Set "
            f"`{APACHE_LINE}` in the server or virtual host config and reload Apache.")
    if "exim" in probe.exim and "smtp_connection" not in probe.exim:
        notes.append(
            f"{source}: Exim writes every failed TLS handshake at any log_selector, but a "
            "client that connects and leaves without TLS, or sends bytes that are not SMTP "
            "before STARTTLS (a scanner's TLS or SSLv2 hello), only with "
            f"`{EXIM_LINE}` in the main section (check with exim -bV, then restart Exim).")
    if ngx is None and apache is None and failures == 0 and "exim" not in probe.exim:
        what = ("is empty" if lines == 0 else
                "has no TLS failure, and its lines carry no nginx or Apache log level")
        notes.append(
            f"{source} {what}: could not tell whether the server's log level hides failed "
            f"handshakes (nginx writes them at info: `{NGINX_LINE}`; Apache mod_ssl: "
            f"`{APACHE_LINE}`).")
    return notes
