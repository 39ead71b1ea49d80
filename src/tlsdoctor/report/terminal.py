"""Human output with rich. Every untrusted string goes in as ``Text`` (never markup),
after ``printable`` has neutralised control and bidi characters."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from ..causes import Severity
from ..finding import Finding
from ..safe import printable

SEVERITY_STYLE = {Severity.BLOCKING: "bold red", Severity.RISK: "bold yellow",
                  Severity.WARNING: "yellow", Severity.INFO: "cyan"}
VERDICT_STYLE = {"ok": "bold green", "risky": "bold yellow", "fails": "bold red",
                 "unknown": "bold magenta"}
WHO = {"client": "the client (your side)", "server": "the server's operator",
       "network": "the network in between (firewall, proxy)", "either": "either side"}


def safe(text: str, style: str = "") -> Text:
    # One line per string: a newline inside a certificate field must not start a
    # forged line of the report (issue 7).
    return Text(printable(text, newlines=False), style=style)


def finding_block(f: Finding, *, verbose: bool = False, index: int | None = None) -> Group:
    head = Text()
    if index is not None:
        head.append(f"{index}. ")
    head.append(f"[{f.severity.value}] ", style=SEVERITY_STYLE[f.severity])
    head.append(printable(f.title, newlines=False), style="bold")
    head.append(f"  ({f.cause.value})", style="dim")
    parts: list[Text | Table] = [head, safe(f.explanation)]
    parts.append(Text.assemble(("Who fixes it: ", "bold"), WHO.get(f.who_fixes.value, f.who_fixes.value)))
    steps = f.fix if verbose else f.fix[:3]
    for step in steps:
        line = Text("  → ")
        if step.applies_to:
            line.append(f"[{printable(step.applies_to)}] ", style="dim")
        line.append(printable(step.text))
        parts.append(line)
        if step.code:
            parts.append(Text("\n".join("      " + printable(c) for c in step.code.splitlines()),
                              style="green"))
    if len(f.fix) > len(steps):
        parts.append(Text(f"  (+{len(f.fix) - len(steps)} more fixes with --verbose)", style="dim"))
    evidence = f.evidence if verbose else f.evidence[:4]
    for e in evidence:
        parts.append(Text("  • ", style="dim") + safe(e, "dim"))
    return Group(*parts)


def render_findings(console: Console, findings: Sequence[Finding], *, verbose: bool) -> None:
    shown = findings if verbose else [f for f in findings if f.severity is not Severity.INFO]
    for i, f in enumerate(shown, 1):
        console.print(finding_block(f, verbose=verbose, index=i))
        console.print()
    hidden = len(findings) - len(shown)
    if hidden:
        console.print(Text(f"({hidden} informational finding(s) with --verbose)", style="dim"))


def verdict_panel(title: str, verdict: str, sentence: str) -> Panel:
    body = Text.assemble((verdict.upper(), VERDICT_STYLE.get(verdict, "bold")), "  ",
                         safe(sentence))
    return Panel(body, title=printable(title), expand=False)
