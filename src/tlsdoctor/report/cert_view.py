"""Terminal rendering of ``tlsdoctor cert``."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table

from .terminal import render_findings, safe


def render(console: Console, report: Any) -> None:
    for i, c in enumerate(report.certificates):
        # the title as Text: a str title is read as markup (a path "[/x]/leaf.pem")
        t = Table(title=safe(f"certificate {i} ({'leaf' if i == 0 else 'chain'}) from "
                             f"{report.source}"),
                  title_justify="left", show_header=False)
        t.add_column("field", style="bold")
        t.add_column("value")
        j = c.to_json()
        for key in ("subject", "issuer", "serial", "sha256", "not_before", "not_after", "key",
                    "signature_hash", "dns_names", "ip_addresses", "is_ca", "self_signed", "eku",
                    "ocsp_urls", "ca_issuer_urls", "crl_urls", "must_staple"):
            value = j.get(key)
            if isinstance(value, list):
                value = ", ".join(map(str, value)) if value else "-"
            t.add_row(key, safe(str(value)))
        console.print(t)
    for bad in report.unparsable:
        console.print(safe(f"unparsable certificate #{bad.index}: {bad.error}", "red"))
    render_findings(console, report.findings, verbose=True)
