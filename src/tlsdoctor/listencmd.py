"""``tlsdoctor listen``: capture the user's real client, describe it, save it, diagnose with it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .clients.profile import ClientProfile
from .errors import UsageError
from .probe.listen import CapturedHello, listen
from .report.terminal import safe
from .safe import printable
from .wire import words
from .wire.registry import is_grease

_SCSV = (0x00FF, 0x5600)


def profile_from_capture(c: CapturedHello, name: str) -> ClientProfile:
    """The captured ClientHello as a profile (GREASE and signalling values dropped)."""
    versions = tuple(sorted((v for v in c.versions if not is_grease(v) and 0x0300 <= v <= 0x0304),
                            reverse=True))
    if c.kind == "sslv2":
        versions = (0x0002,)
    return ClientProfile(
        name=name, title=f"captured client '{name}' ({c.ja4 or c.ja3_md5 or c.kind})",
        versions=versions, cipher_suites=tuple(s for s in c.cipher_suites
                                               if not is_grease(s) and s not in _SCSV),
        groups=tuple(g for g in c.groups if not is_grease(g)),
        signature_algorithms=c.signature_algorithms, sni=c.sni is not None,
        alpn=c.alpn, trust="system", family="captured",
        sources=(f"captured by tlsdoctor listen from {c.peer}", f"JA3 {c.ja3_md5}", f"JA4 {c.ja4}"))


def _table(c: CapturedHello) -> Table:
    t = Table(title=f"ClientHello from {printable(c.peer)}", title_justify="left", show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value")
    rows = [("kind", c.kind), ("versions", words.versions(v for v in c.versions if not is_grease(v))),
            ("SNI", c.sni or "(none)"), ("ALPN", ", ".join(c.alpn) or "-"),
            ("cipher suites", f"{len(c.cipher_suites)}: " + ", ".join(
                words.suite(s) for s in c.cipher_suites[:12] if not is_grease(s))
             + (" …" if len(c.cipher_suites) > 12 else "")),
            ("groups", ", ".join(words.group(g) for g in c.groups if not is_grease(g)) or "-"),
            ("extensions", ", ".join(str(e) for e in c.extensions)), ("GREASE", str(c.grease)),
            ("JA3", f"{c.ja3_md5}"), ("JA4", c.ja4), ("error", c.error or "-")]
    for k, v in rows:
        t.add_row(k, safe(str(v)))
    return t


def run_listen(*, host: str, port: int, count: int, timeout: float, save: str | None,
               against: str | None, as_json: bool, console: Console) -> None:
    if not 0 <= port < 65536:
        raise UsageError("--port must be 0..65535")
    if not 0 < timeout <= 3600:
        raise UsageError("--timeout must be between 0 and 3600 seconds")

    def ready(p: int) -> None:
        if not as_json:
            console.print(Text(f"Listening on {host}:{p}: point the failing client at "
                               f"https://{host}:{p}/ (waiting {timeout:.0f} s)…", style="bold"))

    try:
        captures = asyncio.run(listen(host, port, count=count, timeout=timeout, on_ready=ready))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    out: dict[str, Any] = {"captures": [c.to_json() for c in captures]}
    if not captures:
        raise UsageError(f"no client connected within {timeout:.0f} s")
    profile = profile_from_capture(captures[0], save or "captured")
    if save:
        from .clients.saved import save_profile

        out["saved"] = str(save_profile(profile))
    report = None
    if against:
        from .api import diagnose

        report = diagnose(against, client=profile)
        out["diagnosis"] = report.to_json()
    if as_json:
        print(json.dumps(out, indent=2, ensure_ascii=True))
        return
    for c in captures:
        console.print(_table(c))
    if save:
        console.print(Text(f"Saved as profile '{save}': use --client {save}", style="green"))
    if report is not None:
        from .report import diagnose_view

        diagnose_view.render(console, report)
