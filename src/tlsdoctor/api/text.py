"""``explain`` and ``logs``: error text and log lines, judged like any other evidence."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO

from ..errors import TargetError, UsageError
from ..evidence import Evidence, Statement
from ..finding import Finding
from ..fixes.data import known_software
from ..ingest import logs
from ..ingest.messages import MAX_INPUT, lead, next_command, text_evidence
from ..ingest.patterns import SERVER_SOURCES
from ..ingest.posting import unwrap
from ..ingest.result import ExplainResult
from ..ingest.side import server_program
from ..probe.target import Target, parse_target
from .judge import judge


def explain(text: str | bytes) -> ExplainResult:
    """Explain an error message (any number of lines) printed by a TLS client or server.

    Never raises on odd input: bytes are decoded leniently, huge input is cut at
    ``MAX_INPUT`` characters, and text nothing recognises gives ``recognized=False``.
    """
    if isinstance(text, bytes | bytearray):
        text = bytes(text[:MAX_INPUT * 4]).decode("utf-8", "replace")
    if not isinstance(text, str):
        raise UsageError("explain() takes the message as str or bytes")
    now = datetime.now(UTC)
    # The text as its program printed it: the wrappings it was posted in undone (round 13)
    printed = unwrap(text[:MAX_INPUT])
    ev, matches = text_evidence(printed, now=now, posted=True)
    cmd = next_command(printed, matches)
    if not matches:
        return ExplainResult(input=text, recognized=False, source="", meaning="",
                             findings=(), next=cmd, matches=())
    source, meaning = lead(matches, printed)
    side = _side(ev.statements)
    program = _software(printed, source, side)
    findings = judge(Evidence(now=now, source=ev.source, target=_named(cmd),
                              statements=ev.statements, server_software=program))
    return ExplainResult(input=text, recognized=True, source=source, meaning=meaning,
                         findings=findings, next=cmd, matches=tuple(matches), side=side,
                         program=program or "")


def _software(printed: str, source: str, side: str) -> str | None:
    """The server software whose lines the fixes give: the log framing's, else the program
    whose own server-side words these are, when tlsdoctor has lines for it (round 20: nginx's,
    Apache's, Postfix's and Dovecot's own logs printed nginx's, Apache's and HAProxy's lines).
    A client program's words (Postfix's smtp client) name no server software. Round 20 (lines
    for the programs that had none): any server program the tables know is named, so that
    one without lines gets the step in words, not web servers' lines; OpenVPN is both peers."""
    framed = server_program(printed)
    if framed is not None:
        return framed
    if source in PEER_PROGRAMS:
        return source  # both peers are this program: its lines fit whichever side printed it
    if source in ONE_SERVER:
        return ONE_SERVER[source]  # its server's words, or a client of that server only
    if side != "server":
        return None
    return source if known_software(source) or source in SERVER_PROGRAMS else None


# Round 20: the server programs whose own words the tables read besides the ones tlsdoctor has
# lines for (fixes.data.SERVERS, asked by known_software): SERVER_SOURCES, and the ones read
# as either side. Named to the fixes, a program without lines gets the step in words and its
# openssl check (fixes/data.per_server), never nginx's, Apache's and HAProxy's lines.
SERVER_PROGRAMS = SERVER_SOURCES | frozenset({
    "mongodb", "zabbix", "keycloak", "icinga2", "elasticsearch"})
# Round 21: tables whose every text is one server program's own, or its clients' that talk
# to no other server (libpq, redis-cli and hiredis, an FTP client quoting ProFTPD's reply):
# whichever side printed them, the server is that program (named as fixes.data names it).
ONE_SERVER = {"postgres": "postgresql", "redis": "redis", "proftpd": "proftpd"}
# Programs that are both peers of their own connections (OpenVPN's peer-to-peer and
# client/server modes alike): their words name their own config, whichever side printed them.
# Round 21: stunnel too (a TLS wrapper in client and server mode alike, its version, cipher
# and certificate settings in one stunnel.conf), as its log framing already named it.
PEER_PROGRAMS = frozenset({"openvpn", "stunnel"})


def _side(statements: tuple[Statement, ...]) -> str:
    """Who printed the text: "client", "server" or "unknown"."""
    side = statements[0].side
    return "unknown" if side == "either" else side


def _named(command: str) -> Target | None:
    """The server the next command names (validated there), as a target for the fixes."""
    host = command.rsplit(" ", 1)[-1]
    if host == "HOST":
        return None
    try:
        return parse_target(host)
    except (TargetError, UsageError):
        return None


def judge_text(ev: Evidence) -> tuple[Finding, ...]:
    """``judge`` for one log line (a module-level function: log workers pickle it)."""
    return judge(ev)


def read_logs(sources: Iterable[str | Path | IO[Any]] | str | Path | TextIO, *,
              since: datetime | None = None, max_events: int = 1000,
              workers: int | None = None) -> logs.LogReport:
    """Read server logs and summarise their TLS handshake failures (see ingest.logs)."""
    return logs.read_logs(sources, judge=judge_text, since=since, max_events=max_events,
                          workers=workers)
