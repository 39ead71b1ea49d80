"""Terminal rendering of ``tlsdoctor clients --verify``: one table per real client,
predicted vs real for every scenario. Every client-produced string is escaped."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .terminal import safe


def _real(pair: dict[str, Any]) -> str:
    real = pair["real"]
    return "connects" if real["connected"] else f"fails: {real['error'][:160]}"


def _predicted(pair: dict[str, Any]) -> str:
    p = pair["predicted"]
    return str(p["outcome"]) + (f" ({p['root_cause']})" if p["root_cause"] else "")


def render_verify(console: Console, data: dict[str, Any]) -> None:
    """``data`` is ``VerifyReport.to_json()``."""
    for run in data["clients"]:
        if run["skipped"]:
            console.print(Text.assemble(run["client"], ": not checked (",
                                        safe(run["skipped"]), ")", style="yellow"))
            continue
        for profile in run["profiles"]:
            pairs = [p for p in data["pairs"]
                     if p["client"] == run["client"] and p["profile"] == profile]
            agree = sum(p["agrees"] for p in pairs)
            title = Text.assemble(profile, " vs ", safe(run["version"]),
                                  f": {agree}/{len(pairs)} agree")
            t = Table(title=title, title_justify="left")
            for col in ("scenario", "real client", "tlsdoctor predicts", ""):
                t.add_column(col)
            for p in pairs:
                t.add_row(p["scenario"], safe(_real(p)), safe(_predicted(p)),
                          Text("✓", style="green") if p["agrees"] else Text("✗", style="red"))
            console.print(t)
    s = data["summary"]
    console.print(f"{s['agree']} of {s['total']} (client, scenario) pairs agree; "
                  f"{data['stats']['seconds']:.1f} s")
