"""Terminal rendering for explain, logs and pcap: the summaries from each result's
``to_json()`` (so the human view shows what the JSON carries), the findings as judged."""

from __future__ import annotations

import re
from typing import Any

from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from ..safe import printable
from .terminal import WHO, print_finding, safe

_SIDE = {"server": ("Printed by a server", "the alerts it quotes were sent by the client"),
         "client": ("Printed by a client", "the alerts it quotes were sent by the server"),
         "unknown": ("Nothing in it says whether a client or a server printed it", "")}
_ALERT = re.compile(r"\balert", re.IGNORECASE)


def _side_note(side: str, text: str) -> str:
    """Who printed it; which way its alerts went only when it quotes one."""
    who, alerts = _SIDE[side]
    return f"{who}: {alerts}." if alerts and _ALERT.search(text) else f"{who}."


def render_explain(console: Console, result: Any, *, verbose: bool = False) -> None:
    """Without ``verbose`` each cause shows its first fixes and those for the program that
    printed the text; the other programs' lines wait for --verbose."""
    d = result.to_json()
    if not d.get("recognized"):
        console.print(Text("Not recognised as a TLS/SSL error message.", style="bold yellow"))
        console.print(safe("tlsdoctor will not guess. Run the diagnosis against the server instead:"))
        console.print(safe("  " + str(d.get("next") or "tlsdoctor diagnose HOST[:PORT]"), "green"))
        return
    # Round 27: "" is words many programs print, with none of one program's own around them
    who = printable(str(d.get("source") or "")) or "no program named"
    head = Text.assemble(("Recognised", "bold green"), f" ({who}): ",
                         printable(str(d.get("meaning", ""))))
    console.print(head)
    side = getattr(result, "side", "")
    both = printable(str(next((f.facts.get("who_printed") for f in result.findings
                               if f.facts.get("who_printed")), "")))
    if both:  # an alert read both ways: which side reads it how, and what tells them apart
        console.print(Text(both[:1].upper() + both[1:] + ".", style="dim"))
    elif side in _SIDE:  # not in the JSON (shared/SPEC.md fixes its keys)
        console.print(Text(_side_note(side, str(d.get("input", ""))), style="dim"))
    console.print()
    findings = list(result.findings)
    others = sum(f.facts.get("failure") == "another" for f in findings)
    if others:  # round 28: a text with more than one failure (api/text._other_failures)
        console.print(Text(f"The text holds {others + 1} failures: the first one's cause, then "
                           f"the other failure{'s' if others > 1 else ''}' cause"
                           f"{'s' if others > 1 else ''}, then the first one's other possible "
                           "causes:", style="bold"))
    elif len(findings) > 1:
        console.print(Text(f"{len(findings)} possible causes, most likely first:", style="bold"))
    prefer = str(getattr(result, "program", "") or d.get("source") or "")
    for i, f in enumerate(findings, 1):  # every cause, informational ones too: it is a ranking
        print_finding(console, f, verbose=verbose, index=i, prefer=prefer)
        console.print()
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


def _bar(n: int, most: int, width: int = 30) -> str:
    return "█" * max(1, round(width * n / most)) if most else ""


def _causes_text(causes: dict[str, int], limit: int = 3) -> str:
    items = list(causes.items())
    text = ", ".join(f"{c} {n}" for c, n in items[:limit])
    return text + (f", +{len(items) - limit} more" if len(items) > limit else "")


def _fix_lines(steps: list[dict[str, Any]]) -> list[Text | Padding]:
    """The first fix step in full (its config lines too), and how many more there are."""
    if not steps:
        return []
    step = steps[0]
    out: list[Text | Padding] = [
        Text.assemble(("    Fix: ", "bold"), printable(str(step.get("text", "")), newlines=False))]
    code = str(step.get("code") or "")
    if code:
        out.append(Text("\n".join("      " + printable(c, newlines=False)
                                  for c in code.splitlines()), style="green"))
    if len(steps) > 1:
        out.append(Text(f"    (+{len(steps) - 1} more fix steps in --json)", style="dim"))
    return out


def _cause_block(i: int, row: dict[str, Any]) -> list[Text | Padding]:
    who = WHO.get(str(row.get("who_fixes")), "unknown (the line gives no reason)")
    head = Text.assemble(f"{i}. ", (printable(str(row["cause"])), "bold red"),
                         f"  {row['count']} failure{'s' if row['count'] != 1 else ''} "
                         f"({row['share'] * 100:.0f}%)")
    out: list[Text | Padding] = [
        head, Text("    " + printable(str(row.get("title", "")), newlines=False)),
        Text.assemble(("    Who fixes it: ", "bold"), who)]
    out.extend(_fix_lines(list(row.get("fix") or [])))
    ex = row.get("example")
    if ex:
        where = [f"{ex['source']} line {ex['line']}"]
        where += [str(ex[k]) for k in ("time",) if ex.get(k)]
        where += [f"{label} {ex[k]}" for k, label in (("client", "client"), ("sni", "SNI"),
                                                      ("server", "server")) if ex.get(k)]
        out.append(Text.assemble(("    Example: ", "bold"), printable(", ".join(where),
                                                                     newlines=False)))
        # The whole line, wrapped, never cut: it is what the person will search for.
        out.append(Padding(Text(printable(str(ex["message"]), limit=1 << 20, newlines=False),
                                style="dim", overflow="fold"), (0, 0, 0, 6)))
    return out


def _keyed_table(title: str, rows: list[dict[str, Any]], what: str) -> Table:
    t = Table(title=title, title_justify="left", box=None, pad_edge=False)
    for col, justify in ((what, "left"), ("failures", "right"), ("causes", "left")):
        t.add_column(col, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        t.add_row(safe(str(row["name"])), str(row["failures"]), safe(_causes_text(row["causes"])))
    return t


def render_logs(console: Console, report: Any) -> None:
    """A summary a person reads: per cause (who fixes it, the fix, one full example line),
    per party, client, SNI and time; every line is in ``--json``."""
    d = report.to_json()
    s = d["summary"]
    span = f" between {s['first_seen']} and {s['last_seen']}" if s.get("first_seen") else ""
    sources = ", ".join(printable(str(x)) for x in s["sources"])
    if not s["failures"]:
        console.print(Text.assemble(("No TLS handshake failures", "bold green"),
                                    f" in {s['lines']:,} lines of {sources}."))
    else:
        console.print(Text.assemble((f"{s['failures']:,} TLS handshake failures", "bold red"),
                                    f" in {s['lines']:,} lines of {sources}{span}."))
        console.print()
        console.print(Text("By cause, most frequent first", style="bold underline"))
        for i, row in enumerate(s["causes"], 1):
            for line in _cause_block(i, row):
                console.print(line)
        console.print()
        parties = ", ".join(f"{WHO.get(k, k)}: {n}" for k, n in s["by_party"].items())
        console.print(Text.assemble(("Who fixes them: ", "bold"), parties))
        _render_keys(console, s)
        _render_timeline(console, s)
    for note in s.get("notes", ()):
        console.print(Text.assemble(("Note: ", "bold yellow"), printable(str(note), newlines=False)))
    if s.get("events_dropped"):
        console.print(Text(f"{s['events_kept']} failure lines kept in --json, "
                           f"{s['events_dropped']} more counted only.", style="dim"))


def _render_keys(console: Console, s: dict[str, Any]) -> None:
    if s["clients"]:
        more = s["distinct_clients"] - len(s["clients"])
        console.print(_keyed_table(f"Clients ({s['distinct_clients']} addresses"
                                   + (f", top {len(s['clients'])}" if more > 0 else "") + ")",
                                   s["clients"], "client"))
    if s["snis"]:
        console.print(_keyed_table("Server names the clients asked for (SNI)", s["snis"], "SNI"))
    elif s["by_format"].get("nginx"):
        console.print(Text("SNI: nginx writes the name a client asked for only at debug level, "
                           "so these lines do not show it.", style="dim"))
    if s["by_server"]:
        servers = ", ".join(f"{k} {n}" for k, n in list(s["by_server"].items())[:8])
        console.print(Text.assemble(("Logged by (server name or listener): ", "bold"),
                                    printable(servers, newlines=False)))


def _render_timeline(console: Console, s: dict[str, Any]) -> None:
    rows = s["timeline"]
    if len(rows) < 2:
        return
    most = max(r["count"] for r in rows)
    t = Table(title=f"Over time (per {s['timeline_unit']})", title_justify="left", box=None)
    t.add_column("from")
    t.add_column("failures", justify="right")
    t.add_column("")
    shown = rows if len(rows) <= 40 else rows[-40:]
    for r in shown:
        t.add_row(safe(str(r["start"])), str(r["count"]), Text(_bar(r["count"], most), style="red"))
    console.print(t)
    if len(shown) < len(rows):
        console.print(Text(f"(last {len(shown)} of {len(rows)} periods; all in --json)",
                           style="dim"))


_MAX_SERVERS = 20  # server groups printed; the rest are counted
_MAX_CAUSES = 6  # causes printed per server
_IDS_SHOWN = 6  # connection numbers listed per group


def _ids(ids: list[int], count: int) -> str:
    shown = [f"#{i}" for i in ids[:_IDS_SHOWN]]
    more = count - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")


def _group_block(cause: str, group: dict[str, Any]) -> list[Text | Padding]:
    """One cause at one server: how many connections, the finding once, one example."""
    example = group.get("example") or {}
    f = example.get("finding")
    n = int(group.get("connections", 0))
    out: list[Text | Padding] = [Text.assemble(
        "  ", (printable(cause), "bold red" if example.get("outcome") == "failed" else "yellow"),
        f"  {n} connection{'s' if n != 1 else ''}: {_ids(list(group.get('ids', [])), n)}")]
    if f:
        who = str(f.get("who_fixes", ""))
        out.append(Text("    " + printable(str(f.get("title", "")), newlines=False)))
        out.append(Text.assemble(("    Who fixes it: ", "bold"), WHO.get(who, printable(who))))
        out.extend(_fix_lines(list(f.get("fix", []))))
        for line in list(f.get("evidence", []))[:2]:
            out.append(Padding(Text("• " + printable(str(line), newlines=False), style="dim"),
                               (0, 0, 0, 4)))
    out.append(Padding(Text.assemble(("Example ", "bold"), f"#{example.get('id')}: ",
                                     printable(str(example.get("summary", "")),
                                               newlines=False)), (0, 0, 0, 4)))
    return out


def _render_groups(console: Console, title: str, groups: dict[str, Any],
                   totals: dict[str, dict[str, int]]) -> None:
    """``groups``: the summary's groups of one outcome, ranked already (most grouped
    connections first)."""
    if not groups:
        return
    console.print()
    console.print(Text(title, style="bold underline"))
    ranked = list(groups.items())
    for server, group in ranked[:_MAX_SERVERS]:
        names = list(group.get("sni", []))
        more_names = len(names) - 5 + (1 if group.get("sni_left_out") else 0)
        seen = sum(totals.get(server, {}).values())
        head = Text.assemble((printable(server), "bold"))
        if names:
            head.append(" (SNI " + printable(", ".join(names[:5]), newlines=False)
                        + (f" +{more_names}" if len(names) > 5 else "") + ")")
        if seen:
            head.append(f": {seen} TLS connection{'s' if seen != 1 else ''} in the capture")
        console.print(head)
        order = list(group.get("causes", {}).items())
        for cause, block in order[:_MAX_CAUSES]:
            for line in _group_block(cause, block):
                console.print(line)
        if len(order) > _MAX_CAUSES:
            console.print(Text(f"  +{len(order) - _MAX_CAUSES} more causes in --json",
                               style="dim"))
    if len(ranked) > _MAX_SERVERS:
        console.print(Text(f"+{len(ranked) - _MAX_SERVERS} more servers in --json", style="dim"))


def render_pcap(console: Console, report: Any) -> None:
    """Grouped by server and cause (one block per group, however many connections it
    holds); the connections listed, with their history, are in --json and --html."""
    s = report.summary
    hs, cap = s["handshakes"], s["capture"]
    events = list(report.events)
    servers = s.get("servers", {})
    parts = [f"{hs.get(k, 0)} {k}" for k in ("ok", "failed", "incomplete", "unknown") if hs.get(k)]
    head = Text.assemble(
        (f"{s['tls_connections']} TLS connection{'s' if s['tls_connections'] != 1 else ''}",
         "bold red" if hs.get("failed") else "bold green"),
        f" to {len(servers)} server{'s' if len(servers) != 1 else ''}"
        + (f" ({', '.join(parts)})" if parts else "")
        + f" in {cap['packets']:,} packets ({cap['format']}"
        + (f", {cap['first_packet']} to {cap['last_packet']}" if cap.get("first_packet") else "")
        + ").")
    console.print(head)
    if s["non_tls_connections"]:
        console.print(Text(f"{s['non_tls_connections']} other TCP connections carried no TLS.",
                           style="dim"))
    if s["causes"]:
        causes = ", ".join(f"{c} {n}" for c, n in s["causes"].items())
        console.print(Text.assemble(("Failed handshakes by cause: ", "bold"), printable(causes)))
    groups = s.get("groups", {})
    _render_groups(console, "Failed connections, by server and cause",
                   groups.get("failed", {}), servers)
    _render_groups(console, "Working connections with risks, by server",
                   groups.get("ok", {}), servers)
    waiting = [f"{hs[k]} {k}" for k in ("incomplete", "unknown") if hs.get(k)]
    if waiting:
        console.print()
        console.print(Text("Not judged: " + ", ".join(waiting) + " (the capture does not hold "
                           "the whole handshake; details in --json).", style="dim"))
    for note in s.get("notes", ()):
        console.print(Text.assemble(("Note: ", "bold yellow"), printable(str(note), newlines=False)))
    if events:
        left_out = s.get("events_left_out", 0)
        console.print(Text("Every connection with its history: --json or --html FILE."
                           if not left_out else
                           f"The first {len(events)} connections with their history: --json "
                           f"or --html FILE ({left_out} more counted and grouped only).",
                           style="dim"))
