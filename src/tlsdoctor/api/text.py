"""``explain`` and ``logs``: error text and log lines, judged like any other evidence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path
from typing import IO, Any, TextIO

from ..errors import TargetError, UsageError
from ..evidence import Evidence, Statement
from ..finding import Finding
from ..fixes.data import known_software
from ..ingest import logs
from ..ingest.messages import MAX_INPUT, READINGS, lead, next_command, text_evidence
from ..ingest.patterns import SERVER_SOURCES, SPECIFIC
from ..ingest.posting import unwrap
from ..ingest.result import ExplainResult
from ..ingest.side import server_program
from ..probe.target import Target, parse_target
from ..safe import printable
from .judge import judge


def explain(text: str | bytes) -> ExplainResult:
    """Explain an error message (any number of lines) printed by a TLS client or server.

    Never raises on odd input: bytes are decoded leniently, huge input is cut at
    ``MAX_INPUT`` characters, and text nothing recognises gives ``recognized=False``.
    A text holding another failure besides the first (another peer's, or one its lines
    do not share) lists that failure's cause second (``_other_failures``, round 28).
    """
    if isinstance(text, bytes | bytearray):
        text = bytes(text[:MAX_INPUT * 4]).decode("utf-8", "replace")
    if not isinstance(text, str):
        raise UsageError("explain() takes the message as str or bytes")
    result = _explain_once(text)
    if len(result.findings) == 0 or len(result.matches) < 2:
        return result
    others = _other_failures(result)
    if not others:
        return result
    again = {f.cause for f in others}
    theirs = {f.facts["failure_line"] for f in others}
    first = result.findings[0]
    own = tuple(e for e in first.evidence if printable(e.strip(), limit=300) not in theirs)
    findings = (replace(first, evidence=own or first.evidence), *others,
                *(f for f in result.findings[1:] if f.cause not in again))
    return replace(result, findings=findings)


def _explain_once(text: str) -> ExplainResult:
    """``explain`` of the whole text as one failure: every statement judged together."""
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


# Round 28: a text with two failures in it (two connections, two peers: a script's output
# for two URLs, a log with two servers' errors) was judged as one, and only the most
# specific statement's cause was reported. Each line that carries a failure of its own is
# read alone; it is another failure when it names another peer than the first failure's
# line, or when the two lines are of one form (_frame) and neither line's reading claims the
# other's cause at all (one handshake told twice shares its causes: curl's "* SSL
# certificate problem: X" and its "curl: (60) ... X"). Only a
# definite reading (not a ranking below MIN_OTHER) of a program's own words (not
# tlsdoctor's readings alone) counts, at the tables' SPECIFIC tier or above unless the peer
# differs. The first failure's cause stays first; each other failure follows it, marked
# ``facts["failure"] == "another"`` with its line.
MAX_OTHER_LINES = 12  # lines read alone (each one explain of its own)
MAX_OTHERS = 3
MIN_OTHER = 0.55


def _frame(line: str) -> str:
    """A line's first word, digits and brackets aside ("curl:", "warning:", "ERROR:", a log's
    date): two failures told apart by their causes alone are two lines of one form, each
    its program's whole error (two "curl: (N)" lines); a curl verbose "* ..." line and its
    "curl: (N)", an exception and its "Caused by:", a page's sentence and its code are
    parts of one failure's report."""
    word = line.strip().split(maxsplit=1)[0] if line.strip() else ""
    return re.sub(r"\d+", "0", word.strip("[](){}<>*#|")).lower()


def _peer(command: str) -> str | None:
    host = command.rsplit(" ", 1)[-1]
    return None if host == "HOST" else host


def _own_line(first: Finding, lines: list[str]) -> tuple[str, ExplainResult]:
    """The first failure's own line, read alone: the first line of its evidence whose own
    reading puts its cause first (a line of another failure can claim it too, lower)."""
    shown = list(first.evidence[:MAX_OTHER_LINES]) or lines[:1]
    for line in shown:
        alone = _explain_once(line)
        if alone.findings and alone.findings[0].cause is first.cause:
            return line, alone
    return shown[0], _explain_once(shown[0])


def _other_failures(result: ExplainResult) -> tuple[Finding, ...]:
    first = result.findings[0]
    lines = list(dict.fromkeys(m.evidence for m in result.matches if m.evidence.strip()))
    if len(lines) < 2:
        return ()
    line, alone = _own_line(first, lines)
    claimed = {f.cause for f in alone.findings} | {first.cause}
    peer = _peer(alone.next)
    causes = {first.cause}
    out: list[Finding] = []
    for other in lines[:MAX_OTHER_LINES]:
        if other.strip() in line or line.strip() in other:
            continue  # the first failure's own line, or a part of it
        read = _explain_once(other)
        if not read.findings or all(m.source in READINGS for m in read.matches):
            continue
        top = read.findings[0]
        if top.cause in causes or top.confidence < MIN_OTHER:
            continue
        there = _peer(read.next)
        elsewhere = peer is not None and there is not None and there != peer
        apart = (top.cause not in claimed and first.cause not in {f.cause for f in read.findings}
                 and max(m.spec for m in read.matches) >= SPECIFIC
                 and _frame(other) == _frame(line))
        if not (elsewhere or apart):
            continue
        causes.add(top.cause)
        out.append(replace(top, title=f"Another failure in the text: {top.title}",
                           facts={**top.facts, "failure": "another",
                                  "failure_line": printable(other.strip(), limit=300),
                                  "failure_apart": "another peer" if elsewhere
                                  else "another cause"}))
        if len(out) == MAX_OTHERS:
            break
    return tuple(out)


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
