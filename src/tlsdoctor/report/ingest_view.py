"""Terminal rendering for explain, logs and pcap: the summaries from each result's
``to_json()`` (so the human view shows what the JSON carries), the findings as judged."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..causes import Severity
from ..safe import printable
from .terminal import render_findings, safe

_SIDE = {"server": "Printed by a server: the alerts it quotes were sent by the client.",
          "client": "Printed by a client: the alerts it quotes were sent by the server."}


def render_explain(console: Console, result: Any) -> None:
    d = result.to_json()
    if not d.get("recognized"):
        console.print(Text("Not recognised as a TLS/SSL error message.", style="bold yellow"))
        console.print(safe("tlsdoctor will not guess. Run the diagnosis against the server instead:"))
        console.print(safe("  " + str(d.get("next") or "tlsdoctor diagnose HOST[:PORT]"), "green"))
        return
    head = Text.assemble(("Recognised", "bold green"), f" ({printable(str(d.get('source')))}): ",
                         printable(str(d.get("meaning", ""))))
    console.print(head)
    side = getattr(result, "side", "")
    if side in _SIDE:  # not in the JSON (shared/SPEC.md fixes its keys); the meaning says it
        console.print(Text(_SIDE[side], style="dim"))
    console.print()
    findings = list(result.findings)
    if len(findings) > 1:
        console.print(Text(f"{len(findings)} possible causes, most likely first:", style="bold"))
    render_findings(console, findings, verbose=True)
    if d.get("next"):
        console.print(Text.assemble(("Confirm with: ", "bold"), (printable(str(d["next"])), "green")))


def _summary_table(title: str, summary: dict[str, Any]) -> Table:
    t = Table(title=title, title_justify="left")
    t.add_column("what")
    t.add_column("value")
    for key, value in summary.items():
        if isinstance(value, dict):
            value = ", ".join(f"{k}: {v}" for k, v in list(value.items())[:12])
        elif isinstance(value, list):
            value = ", ".join(map(str, value[:12]))
        t.add_row(printable(str(key)), safe(str(value)))
    return t


def _events_table(title: str, events: list[dict[str, Any]], limit: int = 30) -> Table:
    t = Table(title=title, title_justify="left")
    for col in ("#", "when / where", "what", "cause"):
        t.add_column(col)
    for i, ev in enumerate(events[:limit], 1):
        where = ev.get("time") or ev.get("start") or ev.get("line") or ""
        peer = ev.get("client") or ev.get("client_address") or ev.get("server") or ""
        what = ev.get("message") or ev.get("text") or ev.get("summary") or ev.get("history") or ""
        causes = ", ".join(f.get("cause", "") for f in ev.get("findings", ()))
        t.add_row(str(i), safe(f"{where} {peer}".strip()), safe(str(what)[:140]), causes or "-")
    return t


def render_logs(console: Console, report: Any) -> None:
    d = report.to_json()
    console.print(_summary_table("Log summary", d.get("summary", {})))
    events = d.get("events", [])
    if events:
        console.print(_events_table(f"TLS failures ({len(events)} shown)", events))
    else:
        console.print(Text("No TLS handshake failures found.", style="green"))


def render_pcap(console: Console, report: Any) -> None:
    d = report.to_json()
    console.print(_summary_table("Capture summary", d.get("summary", {})))
    events = d.get("events", [])
    console.print(_events_table(f"TLS connections ({len(events)})", events))
    for ev in report.events:
        failed = [f for f in ev.findings if f.severity is Severity.BLOCKING]
        if failed:
            console.print(Text(f"connection {ev.id}:", style="bold"))
            render_findings(console, failed[:2], verbose=False)
