"""Issue 12, the server side: real servers on loopback fail real handshakes from real
clients (``tlsdoctor.testing.serverlogs``), and what each server wrote must be judged
right: ``explain`` on the cell's own lines names the fault's cause and party from the
server's side, and ``read_logs`` on the whole log file groups the cell's event under the
same cause. A cell the server's log level hides must make ``logs`` say so and give the
line to change.

Two halves: ``test_recorded_cell`` feeds the recorded corpus
(tests/ingest/corpus/server_logs/matrix/, written by scripts/record_server_logs.py) with
no server, so the wording stays pinned where a server is missing; ``test_live_server``
runs each installed server now (one test per server: it starts, runs every fault, stops).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor import api, read_logs
from tlsdoctor.ingest.logs import LogReport
from tlsdoctor.testing import serverkinds, serverlogs
from tlsdoctor.testing.serverlogs import FAULT_BY_NAME, Fault

MATRIX = Path(__file__).parent / "corpus" / "server_logs" / "matrix"

# Cells whose log line honestly does not say which cause it is: the causes any reading of
# the line allows, and explain must then say so with confidence below 0.6. Why, per cell:
# HAProxy 2.6 logs every one of these as "frontend/bind: SSL handshake failure"
# (CO_ER_SSL_HANDSHAKE; its connection-error line has a fixed format, and
# error-log-format with %[ssl_fc_err_str] is 2.7+): the same words for seven faults, so
# any of their causes is an honest top reading, none of them confidently.
_HAPROXY_ANY = frozenset({"cipher_suite_mismatch", "protocol_version_mismatch",
                          "sni_required_or_mismatch", "cert_untrusted_root", "incomplete_chain",
                          "client_cert_required", "non_tls_service_on_port"})
AMBIGUOUS: dict[tuple[str, str], frozenset[str]] = {
    ("haproxy", fault): _HAPROXY_ANY
    for fault in ("old_protocol", "no_shared_cipher", "unknown_sni", "no_sni",
                  "client_rejects_server", "no_client_cert", "plain_http", "sslv2_hello")}

# Cells where the server may read nothing of what the client sent, by timing alone: the
# words that show it did, per cell. Postfix's smtpd logs "improper command pipelining after
# CONNECT" only when the client's bytes arrive before its 220 greeting goes out; an SSLv2
# hello has no line end, so when the greeting wins (a loaded machine) smtpd reads no
# command and logs the connect and close of a client that said nothing: then the cell is
# judged as that (no cause may be named), as the log honestly shows.
RACY: dict[tuple[str, str], str] = {("postfix", "sslv2_hello"): "pipelining"}

# Servers run at their default log level, which hides handshake failures: when such a
# server logs nothing about a fault, logs must say the level hides them and give the line
# to change (these words must be in it).
HIDDEN_NOTE = {"nginx-default": "error_log", "apache-default": "LogLevel"}

@dataclass(frozen=True, slots=True, kw_only=True)
class Verdict:
    right: bool
    why: str


def _top(r: api.ExplainResult) -> tuple[str | None, str | None, float]:
    if not r.findings:
        return None, None, 0.0
    f = r.findings[0]
    return f.cause.value, f.who_fixes.value, f.confidence


def _range_events(report: LogReport, first: int, last: int) -> list[tuple[str | None, str]]:
    return [(e.findings[0].cause.value if e.findings else None, e.message)
            for e in report.events if first <= e.line <= last]


def judge_explain(server: str, fault: Fault, text: str) -> Verdict:
    """``explain`` on what the server logged for ``fault`` (non-empty text)."""
    r = api.explain(text)
    cause, party, confidence = _top(r)
    if fault.noise:
        ok = cause is None
        return Verdict(right=ok, why="" if ok else f"noise given a cause: {cause}")
    ambiguous = AMBIGUOUS.get((server, fault.name))
    allowed = ambiguous or fault.causes
    problems = []
    if cause not in allowed:
        problems.append(f"explain: cause {cause} (want {sorted(allowed)})")
    elif ambiguous and confidence >= 0.6:
        problems.append(f"explain: ambiguous line, yet confidence {confidence:.2f}")
    if cause is not None and not ambiguous and party not in fault.parties:
        problems.append(f"explain: party {party} (want {sorted(fault.parties)})")
    if r.side != "server":
        problems.append(f"explain: side {r.side!r} (a server's log)")
    return Verdict(right=not problems, why="; ".join(problems))


def judge_logs(server: str, fault: Fault, report: LogReport, first: int,
               last: int) -> Verdict:
    """``read_logs`` on the whole log: the cell's lines are one event of the right cause."""
    events = _range_events(report, first, last)
    causes = {c for c, _ in events}
    if fault.noise:
        ok = causes <= {None}
        return Verdict(right=ok, why="" if ok else f"logs: noise counted as {causes}")
    allowed = AMBIGUOUS.get((server, fault.name)) or fault.causes
    problems = []
    if len(events) != 1:  # one handshake, one failure however many lines it took
        problems.append(f"logs: {len(events)} events for one handshake")
    elif not (causes - {None}) or not (causes - {None}) <= allowed:
        problems.append(f"logs: causes {sorted(map(str, causes))} (want {sorted(allowed)})")
    return Verdict(right=not problems, why="; ".join(problems))


def judge_hidden(word: str, report: LogReport) -> Verdict:
    ok = any("info" in n and word in n for n in report.notes)
    return Verdict(right=ok, why="" if ok else
                   f"logs: nothing logged, and no note names the level to set: {report.notes}")


def judge_cell(server: str, fault_name: str, text: str, log_path: Path, first: int,
               last: int) -> Verdict:
    """Is this cell right? explain on its lines, logs on the whole file (see module doc)."""
    fault = FAULT_BY_NAME[fault_name]
    seen = RACY.get((server, fault_name))
    if seen is not None and seen not in text:
        fault = FAULT_BY_NAME["connect_close"]
    report = read_logs([log_path])
    if not text.strip():
        if fault.noise:
            return Verdict(right=True, why="")
        if server in HIDDEN_NOTE:
            return judge_hidden(HIDDEN_NOTE[server], report)
        return Verdict(right=False, why="the server logged nothing about it")
    verdicts = [judge_explain(server, fault, text),
                judge_logs(server, fault, report, first, last)]
    return Verdict(right=all(v.right for v in verdicts),
                   why="; ".join(v.why for v in verdicts if v.why))


# --- the recorded corpus (no server needed) -------------------------------------------------

def _recorded() -> Iterator[tuple[str, str, dict[str, object]]]:
    index = MATRIX / "cells.json"
    if not index.is_file():
        return
    for cell in json.loads(index.read_text())["cells"]:
        yield cell["server"], cell["fault"], cell


RECORDED = list(_recorded())


def test_corpus_is_recorded() -> None:
    servers = {s for s, _, _ in RECORDED}
    assert {"nginx-info", "nginx-default", "apache-info", "apache-default", "haproxy",
            "postgres", "gnutls-serv", "s_server", "dovecot", "postfix"} <= servers, servers


@pytest.mark.parametrize("server,fault,cell", RECORDED,
                         ids=[f"{s}-{f}" for s, f, _ in RECORDED])
def test_recorded_cell(server: str, fault: str, cell: dict[str, object]) -> None:
    log = MATRIX / str(cell["log"])
    lines = log.read_text(encoding="utf-8").splitlines(keepends=True)
    first, last = int(str(cell["first_line"])), int(str(cell["last_line"]))
    text = "".join(lines[first - 1:last])
    v = judge_cell(server, fault, text, log, first, last)
    assert v.right, f"{server} / {fault}: {v.why}\n{text}"


# --- live: each server now --------------------------------------------------------------------

@pytest.mark.timeout(120)
@pytest.mark.parametrize("server", sorted(serverkinds.KINDS))
def test_live_server(server: str, tmp_path: Path) -> None:
    if not serverkinds.available(server):
        pytest.skip(f"{server} is not installed (or cannot run here: Postfix needs root)")
    pki = serverlogs.make_pki(tmp_path / "pki")
    cells = serverlogs.run_server(server, serverkinds.KINDS[server][1](pki), pki,
                                  tmp_path / "logs")
    assert len(cells) >= 6, cells
    wrong = []
    for c in cells:
        v = judge_cell(server, c.fault, c.text, c.log_path, c.first_line, c.last_line)
        if not v.right:
            wrong.append(f"{c.fault}: {v.why}\n    {c.text.strip()}")
    assert not wrong, f"{server} ({cells[0].version}):\n" + "\n".join(wrong)
