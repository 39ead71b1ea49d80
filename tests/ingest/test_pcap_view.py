"""``tlsdoctor pcap``'s human output: many connections print grouped by server and cause,
one block per group; --json lists the first connections (max_events), and its summary
groups all of them. The capture is made of copies of the
real recorded connections in tests/ingest/captures (benchmarks/bench_pcap.py's builder)."""

from __future__ import annotations

import html
import io
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pcap") / "many.pcap"
    copies = bench_pcap().build(path, 1.6)  # about 500 connections
    assert copies >= 450
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False)


def test_many_connections_print_grouped(many: Path) -> None:
    data = json.loads(_cli("pcap", str(many), "--json").stdout)
    events = data["events"]
    failed = [e for e in events if e["outcome"] == "failed"]
    assert len(events) >= 450 and len(failed) >= 250  # JSON lists the first 1,000 connections
    out = _cli("pcap", str(many))
    assert out.returncode == 2
    text = out.stdout
    lines = text.splitlines()
    assert len(lines) < 200, len(lines)  # not one line (or block) per connection
    assert "Failed connections, by server and cause" in text
    groups = {(e["server"], e["findings"][0]["cause"]) for e in failed}
    for server, cause in groups:  # every group once, with its count
        count = sum(1 for e in failed if e["server"] == server and e["findings"][0]["cause"] == cause)
        head = [ln for ln in lines if ln.strip().startswith(f"{cause}  {count} connection")]
        assert head, (server, cause, count)
    servers = {e["server"] for e in failed}
    assert sum(1 for ln in lines if ln.split(" ")[0] in servers) == len(servers)
    assert "and " in text and " more" in text  # connection numbers are summarised
    assert "Who fixes it:" in text and "Example #" in text
    assert "{'" not in text  # no dict dump


def _text(report: Any) -> str:
    from rich.console import Console

    from tlsdoctor.report.ingest_view import render_pcap

    out = io.StringIO()
    render_pcap(Console(file=out, width=120, highlight=False, soft_wrap=False), report)
    return out.getvalue()


def _members(events: list[dict[str, Any]], outcome: str, server: str,
             cause: str) -> list[dict[str, Any]]:
    """The connections a group stands for, recounted from every listed connection."""
    out = []
    for e in events:
        if e["outcome"] != outcome or e["server"] != server:
            continue
        causes = ({e["findings"][0]["cause"] if e["findings"] else "unclassified"}
                  if outcome == "failed" else {f["cause"] for f in e["findings"]})
        if cause in causes:
            out.append(e)
    return out


def test_few_listed_connections_say_the_same(many: Path) -> None:
    """Memory does not follow the number of connections: only the first ``max_events``
    are listed, and the summary's groups, counts and severities, the terminal output and
    the exit status say the same as when every connection is listed."""
    from tlsdoctor import read_pcap
    from tlsdoctor.cli import events_exit_code
    from tlsdoctor.report.html import render_pcap as html_page

    full, few = read_pcap(many), read_pcap(many, max_events=20)
    data, small = full.to_json(), few.to_json()
    total = data["summary"]["tls_connections"]
    assert data["summary"]["events_listed"] == len(data["events"]) == total > 400
    assert data["summary"]["events_left_out"] == 0
    assert small["summary"]["events_listed"] == len(small["events"]) == 20
    assert small["summary"]["events_left_out"] == total - 20
    assert small["events"] == data["events"][:20]  # the first connections of the capture
    assert any(f"{total - 20} more TLS connections" in n for n in small["summary"]["notes"])
    for key in ("groups", "severities", "causes", "servers", "sni", "handshakes"):
        assert small["summary"][key] == data["summary"][key], key
    # Each group recounted from every connection: count, first numbers, example.
    events = data["events"]
    groups = data["summary"]["groups"]
    assert groups["failed"]
    for outcome, servers in groups.items():
        for server, srv in servers.items():
            for cause, group in srv["causes"].items():
                members = _members(events, outcome, server, cause)
                assert group["connections"] == len(members) > 0
                assert group["ids"] == [e["id"] for e in members][:6]
                first = members[0]
                assert group["example"]["id"] == first["id"]
                assert group["example"]["summary"] == first["summary"]
                assert group["example"]["finding"] in first["findings"]
    # The grouped terminal output is the same but for the note and the last line.
    full_lines, few_lines = _text(full).splitlines(), _text(few).splitlines()
    note = [ln for ln in few_lines if "(max_events=20)" in ln]
    assert len(note) == 1 and note[0].startswith("Note: ")
    assert full_lines[:-1] == [ln for ln in few_lines[:-1] if ln not in note]
    assert "first 20 connections" in few_lines[-1] and f"{total - 20} more" in few_lines[-1]
    # A failure among the connections left out still fails the run and the page.
    assert events_exit_code({"events": [], "summary": small["summary"]}) == 2
    page = html_page({"events": [], "summary": small["summary"]})
    for cause in data["summary"]["causes"]:
        title = next(f["title"] for e in events for f in e["findings"] if f["cause"] == cause)
        assert title in html.unescape(page)


def test_max_events_option_lists_that_many(many: Path) -> None:
    """``--max-events`` sets how many connections are listed in detail; the summary still
    counts every one; a negative number is a usage error, not a traceback."""
    data = json.loads(_cli("pcap", str(many), "--json", "--max-events", "7").stdout)
    total = data["summary"]["tls_connections"]
    assert len(data["events"]) == data["summary"]["events_listed"] == 7
    assert data["summary"]["events_left_out"] == total - 7 > 400
    bad = _cli("pcap", str(many), "--max-events", "-1")
    assert bad.returncode == 3 and "Traceback" not in bad.stderr
    assert "--max-events" in bad.stderr
