"""Terminal rendering of ``diagnose``: the verdict first, then who fixes it and how,
then the evidence; probes, certificates and the handshake ladder on request."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..causes import Severity
from ..safe import printable
from ..wire import words
from .ladder import ladder
from .terminal import SEVERITY_STYLE, render_findings, safe, verdict_panel

if TYPE_CHECKING:
    from ..clients.profile import ClientProfile
    from .diagnose import DiagnoseReport


def render(console: Console, report: DiagnoseReport, *, verbose: bool = False,
           trace: bool = False) -> None:
    console.print(verdict_panel(f"tlsdoctor diagnose {report.target}", report.outcome.value,
                                report.summary()))
    render_findings(console, report.findings, verbose=verbose)
    _groups(console, report)
    if trace:
        console.print(ladder(report.evidence.baseline))
    if verbose:
        _probes(console, report)
        _certificates(console, report)
    stats = Text(f"{report.handshakes} handshakes, {report.seconds:.2f} s", style="dim")
    console.print(stats)


def _groups(console: Console, report: DiagnoseReport) -> None:
    """Which key exchange groups the server took, when it had to ask for one
    (HelloRetryRequest): the line that says why a client without that group fails."""
    chosen, retried = report.groups_seen()
    if not retried:
        return
    console.print(Text(f"Key exchange groups the server accepted: "
                       f"{', '.join(words.group(g) for g in chosen)} (it asked for "
                       f"{', '.join(words.group(g) for g in retried)} by HelloRetryRequest)",
                       style="dim"))


def _probes(console: Console, report: DiagnoseReport) -> None:
    t = Table(title="Probes", title_justify="left")
    for col in ("probe", "offered", "SNI", "result", "version", "suite", "alert"):
        t.add_column(col)
    for p in report.evidence.probes:
        t.add_row(p.label, words.versions(p.offer.versions), safe(p.offer.sni or "-"),
                  p.outcome.value, words.version(p.version) if p.version else "-",
                  words.suite(p.cipher_suite) if p.cipher_suite is not None else "-",
                  words.alert(p.alert) if p.alert else "-")
    console.print(t)


def _certificates(console: Console, report: DiagnoseReport) -> None:
    chain = report.evidence.chain
    if chain is None:
        return
    t = Table(title=f"Certificates (from probe '{report.evidence.chain_source}')", title_justify="left")
    for col in ("#", "subject", "issuer", "valid until", "key", "sha256"):
        t.add_column(col)
    for i, c in enumerate(chain.certificates):
        j = c.to_json()
        t.add_row(str(i), safe(str(j.get("subject", ""))), safe(str(j.get("issuer", ""))),
                  safe(str(j.get("not_after", ""))), safe(str(j.get("key", j.get("key_type", "")))),
                  safe(str(j.get("sha256", ""))[:16] + "…"))
    console.print(t)
    if chain.trusted_by:
        marks = ", ".join(f"{printable(name)} {'✓' if ok else '✗'}" for name, ok in chain.trusted_by.items())
        console.print(Text.assemble(("Trusted by: ", "bold"), marks))


def render_clients(console: Console, profiles: Sequence[ClientProfile]) -> None:
    t = Table(title=f"{len(profiles)} client profiles (use with --client NAME)", title_justify="left")
    for col in ("name", "client", "versions", "suites", "trust", "checked against"):
        t.add_column(col)
    for p in profiles:
        t.add_row(p.name, printable(p.title), words.versions(p.versions), str(len(p.cipher_suites)),
                  p.trust, printable(p.verified_against) if p.verified_against
                  else {"captured": "captured with listen"}.get(p.family, "documented, not tested"))
    console.print(t)


def render_matrix(console: Console, matrix: object) -> None:
    rows = getattr(matrix, "rows", ())
    t = Table(title="Which clients can connect", title_justify="left")
    for col in ("client", "result", "why"):
        t.add_column(col)
    for row in rows:
        style = SEVERITY_STYLE[Severity.BLOCKING] if not row.ok else "green"
        t.add_row(printable(row.client.title), Text("connects" if row.ok else "fails", style=style),
                  safe(row.reason))
    console.print(t)
