"""Human output with rich. Every untrusted string goes in as ``Text`` (never markup),
after ``printable`` has neutralised control and bidi characters."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console
from rich.panel import Panel
from rich.text import Text

from ..causes import Severity
from ..finding import Finding, FixStep
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


def _steps(f: Finding, verbose: bool, prefer: str) -> list[FixStep]:
    """The fixes shown: all with --verbose; else the first three, and the ones for
    ``prefer`` (the program that printed an explained text), with the heading line before
    them ("Stopgap only, ...": no program, no code), so a curl user sees curl's lines."""
    if verbose:
        return list(f.fix)
    keep = set(range(min(3, len(f.fix))))
    for i, step in enumerate(f.fix):
        if prefer and step.applies_to == prefer:
            keep.add(i)
            head = i - 1
            while head >= 0 and f.fix[head].applies_to and f.fix[head].applies_to != prefer:
                head -= 1
            if head >= 0 and not f.fix[head].applies_to and not f.fix[head].code:
                keep.add(head)
    return [f.fix[i] for i in sorted(keep)]


def finding_block(f: Finding, *, verbose: bool = False, index: int | None = None,
                  prefer: str = "") -> list[tuple[Text, bool]]:
    """The finding as lines to print, each with whether it is code: code is printed
    unwrapped (soft wrap), since a command or config line broken inside a word cannot be
    pasted (issue 11); prose wraps at the terminal's width."""
    head = Text()
    if index is not None:
        head.append(f"{index}. ")
    head.append(f"[{f.severity.value}] ", style=SEVERITY_STYLE[f.severity])
    head.append(printable(f.title, newlines=False), style="bold")
    head.append(f"  ({f.cause.value})", style="dim")
    parts: list[tuple[Text, bool]] = [(head, False), (safe(f.explanation), False)]
    parts.append((Text.assemble(("Who fixes it: ", "bold"),
                                WHO.get(f.who_fixes.value, f.who_fixes.value)), False))
    steps = _steps(f, verbose, prefer)
    for step in steps:
        line = Text("  → ")
        if step.applies_to:
            line.append(f"[{printable(step.applies_to)}] ", style="dim")
        line.append(printable(step.text))
        parts.append((line, False))
        parts.extend((Text("      " + printable(c), style="green"), True)
                     for c in step.code.splitlines())
    if len(f.fix) > len(steps):
        parts.append((Text(f"  (+{len(f.fix) - len(steps)} more fixes with --verbose)",
                           style="dim"), False))
    evidence = f.evidence if verbose else f.evidence[:4]
    parts.extend((Text("  • ", style="dim") + safe(e, "dim"), False) for e in evidence)
    return parts


def print_finding(console: Console, f: Finding, *, verbose: bool = False,
                  index: int | None = None, prefer: str = "") -> None:
    for text, code in finding_block(f, verbose=verbose, index=index, prefer=prefer):
        console.print(text, soft_wrap=code)


def render_findings(console: Console, findings: Sequence[Finding], *, verbose: bool,
                    prefer: str = "") -> None:
    shown = findings if verbose else [f for f in findings if f.severity is not Severity.INFO]
    for i, f in enumerate(shown, 1):
        print_finding(console, f, verbose=verbose, index=i, prefer=prefer)
        console.print()
    hidden = len(findings) - len(shown)
    if hidden:
        console.print(Text(f"({hidden} informational finding(s) with --verbose)", style="dim"))


def verdict_panel(title: str, verdict: str, sentence: str) -> Panel:
    body = Text.assemble((verdict.upper(), VERDICT_STYLE.get(verdict, "bold")), "  ",
                         safe(sentence))
    return Panel(body, title=safe(title), expand=False)  # a str title is read as markup
