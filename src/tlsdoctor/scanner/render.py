"""Show a ScanReport: rich tables on a terminal, plain text otherwise.

Everything that came from a server (certificate fields, names, error text) goes through
``tlsdoctor.safe.printable`` and reaches rich only as ``Text`` (never parsed as markup), so
a hostile certificate cannot recolour or rewrite the report.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from ..safe import printable
from . import suiteinfo
from .plans import VERSION_NAMES
from .result import ScanReport, TargetScan, describe_cert

_GRADE_STYLE = {"A+": "bold green", "A": "bold green", "A-": "green", "B": "yellow",
                "C": "dark_orange", "D": "red", "E": "red", "F": "bold red", "T": "bold red",
                "M": "bold red"}


def render_scan(report: ScanReport, console: Console, verbose: bool = False) -> None:
    """Print ``report``; tables and colour only when ``console`` is a terminal."""
    rich = console.is_terminal
    for i, t in enumerate(report.targets):
        if i:
            console.print()
        lines = target_lines(t, verbose=verbose)
        if rich:
            _rich_target(t, console, verbose)
        else:
            for line in lines:
                console.print(line, markup=False, highlight=False, emoji=False, soft_wrap=True)
    summary = f"{len(report.targets)} target(s), {report.handshakes} handshakes, " \
              f"{report.seconds:.1f} s"
    console.print(Text(summary, style="dim" if rich else ""), highlight=False)


def _s(value: Any) -> str:
    return printable(str(value), limit=300)


def _suite_label(code: int) -> str:
    name = suiteinfo.suite_name(code)
    o = suiteinfo.openssl_name(code)
    return f"{name} ({o})" if o else name


def target_lines(t: TargetScan, *, verbose: bool = False) -> list[str]:
    """The plain-text rendering (also the content the rich tables show)."""
    out = [f"== {_s(t.target)} =="]
    if not t.accepted_versions:
        out.append(f"  not scanned: {_s(t.error) or 'no TLS version accepted'}")
        out.extend(f"  finding: {_s(f.title)}" for f in t.findings)
        return out
    if t.grade is not None:
        g = t.grade
        extra = f" (ignoring trust: {g.grade_ignoring_trust})" if g.grade != g.grade_ignoring_trust else ""
        out.append(f"Grade: {g.grade}{extra}  score {g.score}/100")
        out.extend(f"  capped at {c.grade}: {_s(c.reason)} -> {_s(c.fix)}" for c in g.caps)
        if g.grade_ignoring_trust in ("A", "A-"):
            out.append("  (A+ also needs HSTS, which a TLS scan does not check)")
    out.append("Protocols:")
    for p in t.protocols:
        state = {True: "accepted", False: "no", None: "unknown"}[p.accepted]
        order = ""
        if p.accepted and p.server_order is not None:
            order = ", server order" if p.server_order else ", client order"
        count = f", {len(p.suites)} suites" if p.accepted else ""
        note = f" [{_s(p.note)}]" if p.note else ""
        out.append(f"  {VERSION_NAMES[p.version]:8} {state}{count}{order}{note}")
    for p in t.protocols:
        if not p.accepted or not p.suites:
            continue
        shown = [c for c in p.suites if verbose or suiteinfo.weakness(c)]
        hidden = len(p.suites) - len(shown)
        out.append(f"{VERSION_NAMES[p.version]} suites"
                   + (" (server preference order)" if p.server_order else "") + ":")
        for c in shown:
            weak = suiteinfo.weakness(c)
            out.append(f"  0x{c:04X} {_suite_label(c)}" + (f"  WEAK: {weak}" if weak else ""))
        if hidden:
            out.append(f"  ... {hidden} strong suite(s) (--verbose lists them)")
    out.extend(detail_lines(t, verbose=verbose))
    return out


def detail_lines(t: TargetScan, *, verbose: bool = False) -> list[str]:
    """Everything after the protocol and suite lists."""
    out: list[str] = []
    if t.groups is not None:
        names = ", ".join(suiteinfo.group_name(g) for g in t.groups.codes) or "none"
        out.append(f"Groups ({VERSION_NAMES[t.groups.version]}): {names}"
                   + ("" if t.groups.complete else " (incomplete)"))
    if t.signature_algorithms is not None:
        names = ", ".join(suiteinfo.sigalg_name(g) for g in t.signature_algorithms.codes) or "none"
        out.append(f"Signature algorithms: {names}")
    if t.dh_bits is not None:
        out.append(f"DH parameters: {t.dh_bits} bits")
    for chain in t.certificates:
        out.append(f"Certificate chain ({chain.key_type}):")
        for der in chain.certificates[: (10 if verbose else 3)]:
            d = describe_cert(der)
            key = d.get("key") or {}
            out.append(f"  {_s(d.get('subject', '?'))}  [{key.get('type')} {key.get('bits')}]"
                       f"  until {_s(d.get('not_after', '?'))}")
    if t.sni is not None:
        sni = t.sni
        text = "SNI: "
        if sni.required:
            text += f"required (without SNI: {_s(sni.without_sni_outcome)})"
        elif sni.same_certificate is False:
            text += "another certificate is served without SNI"
        elif sni.same_certificate:
            text += "same certificate with and without SNI"
        else:
            text += f"without SNI: {_s(sni.without_sni_outcome)}"
        out.append(text)
    f = t.features
    out.append("Features: " + ", ".join(
        f"{k}={_yn(v)}" for k, v in (("secure_renegotiation", f.secure_renegotiation),
                                     ("extended_master_secret", f.extended_master_secret),
                                     ("session_ticket", f.session_ticket),
                                     ("compression", f.compression),
                                     ("fallback_scsv", f.fallback_scsv),
                                     ("ocsp_stapling", f.ocsp_stapling))))
    if f.alpn is not None:
        out.append("ALPN: " + (", ".join(_s(a) for a in f.alpn) or "none"))
    it = t.intolerance
    out.append("Intolerance: " + ", ".join(
        f"{k}={_yn(v)}" for k, v in (("future_version", it.future_version),
                                     ("legacy_0x0304", it.legacy_version_0304),
                                     ("large_hello", it.large_hello))))
    for c in t.compliance:
        state = "compliant" if c.compliant else "NOT compliant"
        out.append(f"Mozilla {c.profile} ({c.guideline_version}): {state}")
        out.extend(f"  - {printable(d.text, limit=20000)}" for d in c.deviations
                   if d.required or verbose)
    for fnd in t.findings:
        out.append(f"[{fnd.severity.value}] {_s(fnd.title)}")
        if verbose:
            out.extend(f"    {_s(e)}" for e in fnd.evidence)
    out.append(f"({t.handshakes} handshakes, {t.seconds:.2f} s)")
    return out


def _yn(v: bool | None) -> str:
    return {True: "yes", False: "no", None: "n/a"}[v]


def _rich_target(t: TargetScan, console: Console, verbose: bool) -> None:
    title = Text(f"{printable(str(t.target))}", style="bold")
    if t.grade is not None:
        title.append("  grade ")
        title.append(t.grade.grade, style=_GRADE_STYLE.get(t.grade.grade, "bold"))
        title.append(f"  (score {t.grade.score}/100)")
        if t.grade.grade != t.grade.grade_ignoring_trust:
            title.append(f" (ignoring trust: {t.grade.grade_ignoring_trust})")
    console.print(title)
    if not t.accepted_versions:
        console.print(Text(f"not scanned: {printable(t.error) or 'no TLS version accepted'}",
                           style="red"))
        return
    if t.grade is not None and t.grade.caps:
        caps = Table(title="Why this grade", show_lines=False)
        for col in ("cap", "reason", "fix"):
            caps.add_column(col)
        for cap in t.grade.caps:
            caps.add_row(Text(cap.grade, style=_GRADE_STYLE.get(cap.grade, "")),
                         Text(cap.reason), Text(cap.fix))
        console.print(caps)
    proto = Table(title="Protocols and cipher suites")
    for col in ("version", "accepted", "order", "suites"):
        proto.add_column(col)
    for p in t.protocols:
        acc = Text({True: "yes", False: "no", None: "?"}[p.accepted],
                   style="red" if p.accepted and p.version in (0x0002, 0x0300) else "")
        order = "" if p.server_order is None or not p.accepted else \
            ("server" if p.server_order else "client")
        parts: list[Text] = []
        for c in p.suites if p.accepted else ():
            weak = suiteinfo.weakness(c)
            if verbose or weak:
                parts.append(Text(_suite_label(c), style="red" if weak else ""))
        hidden = sum(1 for c in p.suites if not suiteinfo.weakness(c)) if not verbose else 0
        if p.accepted and hidden:
            parts.append(Text(f"{hidden} strong suite(s)", style="green"))
        names = Text("\n").join(parts)
        proto.add_row(Text(VERSION_NAMES[p.version]), acc, Text(order), names)
    console.print(proto)
    for line in detail_lines(t, verbose=verbose):
        style = "red" if line.startswith(("[blocking]", "[risk]")) else \
            "yellow" if line.startswith("[warning]") else ""
        console.print(Text(line, style=style), highlight=False)
