"""``tlsdoctor listen``: capture the user's real client, describe it, save it, diagnose with it."""

from __future__ import annotations

import asyncio
import json
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from .addresses import host_port
from .clients.profile import ClientProfile
from .errors import InputError, UsageError
from .ingest.hello_match import ClientGuess, Match, guess_client
from .probe.listen import CapturedHello, listen
from .report.terminal import safe
from .safe import printable
from .wire import words
from .wire.hello import SIGNALLING_SUITES
from .wire.registry import (
    ECPointFormat,
    ExtensionType,
    NamedGroup,
    SignatureScheme,
    is_grease,
    name_of,
    version_name,
)


def profile_from_capture(c: CapturedHello, name: str) -> ClientProfile:
    """The captured ClientHello as a profile (GREASE and signalling values dropped)."""
    versions = tuple(sorted((v for v in c.versions if not is_grease(v) and 0x0300 <= v <= 0x0304),
                            reverse=True))
    if c.kind == "sslv2":
        versions = (0x0002,)
    return ClientProfile(
        name=name, title=f"captured client '{name}' ({c.ja4 or c.ja3_md5 or c.kind})",
        versions=versions, cipher_suites=tuple(s for s in c.cipher_suites
                                               if not is_grease(s) and s not in SIGNALLING_SUITES),
        groups=tuple(g for g in c.groups if not is_grease(g)),
        signature_algorithms=c.signature_algorithms, sni=c.sni is not None,
        alpn=c.alpn, trust="system", family="captured",
        sources=(f"captured by tlsdoctor listen from {c.peer}", f"JA3 {c.ja3_md5}", f"JA4 {c.ja4}"))


def names(c: CapturedHello) -> dict[str, list[str]]:
    """The hello's code points by name, in the order sent (GREASE as grease(0x..))."""
    return {"versions": [version_name(v) if not is_grease(v) else f"grease(0x{v:04x})"
                         for v in c.versions],
            "cipher_suites": [words.suite(s) if not is_grease(s) else f"grease(0x{s:04x})"
                              for s in c.cipher_suites],
            "groups": [name_of(NamedGroup, g) for g in c.groups],
            "signature_algorithms": [name_of(SignatureScheme, a) for a in c.signature_algorithms],
            "extensions": [name_of(ExtensionType, e) for e in c.extensions],
            "ec_point_formats": [name_of(ECPointFormat, f) for f in c.ec_point_formats]}


def identify(c: CapturedHello) -> ClientGuess | None:
    """The nearest client profile and TLS library (None: no ClientHello to compare)."""
    if not c.ok or not c.cipher_suites:
        return None
    return guess_client(versions=c.versions, cipher_suites=c.cipher_suites, groups=c.groups,
                        signature_algorithms=c.signature_algorithms, extensions=c.extensions,
                        alpn=c.alpn, grease=c.grease)


def capture_json(c: CapturedHello) -> dict[str, Any]:
    """One capture as ``listen --json`` prints it: the hello, its names, who sent it."""
    guess = identify(c)
    return {**c.to_json(), "names": names(c), "client": guess.to_json() if guess else None}


def _listed(values: list[str], limit: int) -> str:
    """All names up to ``limit``; past it, the count, the first ``limit`` and how many more
    (every one is in --json)."""
    if not values:
        return "-"
    if len(values) <= limit:
        return ", ".join(values)
    return f"{len(values)}: {', '.join(values[:limit])}, … (+{len(values) - limit} in --json)"


def _guess_line(best: Match | None, second: Match | None, what: str) -> str:
    if best is None:
        return "-"
    text = f"{best.title}, {what} {best.score:.0%}"
    if second is not None:
        tie = " (a tie: the lists do not tell them apart)" if abs(best.score - second.score) < 0.005 else ""
        text += f"; runner-up {second.title} {second.score:.0%}{tie}"
    return text


def _table(c: CapturedHello) -> Table:
    # the title as Text: a str title is read as markup (an IPv6 peer "[fd00::1]:5000")
    t = Table(title=Text(f"ClientHello from {printable(c.peer)}"), title_justify="left",
              show_header=False)
    t.add_column("field", style="bold")
    t.add_column("value", overflow="fold")
    n = names(c)
    guess = identify(c)
    rows = [("kind", c.kind)]
    if guess is not None:
        rows += [("looks like", _guess_line(guess.profile, guess.profile_runner_up, "similarity")),
                 ("TLS library", _guess_line(guess.library, guess.library_runner_up, "score"))]
    rows += [("versions", ", ".join(n["versions"]) or "-"),
             ("SNI", c.sni or "(none)"), ("ALPN", ", ".join(c.alpn) or "-"),
             ("cipher suites", _listed(n["cipher_suites"], 16)),
             ("groups", _listed(n["groups"], 16)),
             ("signature algorithms", _listed(n["signature_algorithms"], 16)),
             ("extensions", _listed(n["extensions"], 40)), ("GREASE", str(c.grease)),
             ("JA3", f"{c.ja3_md5}"), ("JA4", c.ja4), ("error", c.error or "-")]
    for k, v in rows:
        t.add_row(k, safe(str(v)))
    return t


def run_listen(*, host: str, port: int, count: int, timeout: float, save: str | None,
               against: str | None, as_json: bool, console: Console) -> None:
    if not 0 <= port < 65536:
        raise UsageError("--port must be 0..65535")
    if not 0 < timeout <= 3600:
        raise UsageError("--timeout must be more than 0 and at most 3600 seconds")
    # Every argument checked before the wait: a bad one found after a client came cost the
    # wait and the capture.
    if save:
        from .clients.saved import check_name

        check_name(save)
    if against:
        from .probe.target import parse_target

        parse_target(against)
    if host.startswith("[") and host.endswith("]"):  # "[::1]", as URLs write it
        host = host[1:-1]
    where = {"port": port}
    seen: list[CapturedHello] = []  # every connection, those that sent nothing too

    def ready(p: int) -> None:
        where["port"] = p
        if not as_json:
            console.print(Text(f"Listening on {host_port(host, p)}: point the failing client "
                               f"at https://{host_port(host, p)}/ (waiting {timeout:.0f} s)…",
                               style="bold"))

    try:
        captures = asyncio.run(listen(host, port, count=count, timeout=timeout, on_ready=ready,
                                      on_capture=seen.append))
    except OSError as exc:
        raise UsageError(f"cannot listen on {host_port(host, port)}: {exc.strerror or exc}") from exc
    if not captures:
        raise InputError(_no_client(host, where["port"], timeout, len(seen)))
    out: dict[str, Any] = {"captures": [capture_json(c) for c in captures]}
    if len(captures) < count:
        out["note"] = (f"{len(captures)} of {count} clients came within {timeout:.0f} s")
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
    if "note" in out:
        console.print(Text(out["note"], style="yellow"))
    if save:
        console.print(Text(f"Saved as profile '{save}': use --client {save}", style="green"))
    if report is not None:
        from .report import diagnose_view

        diagnose_view.render(console, report)


def _no_client(host: str, port: int, timeout: float, empty: int) -> str:
    """The one-line error when no ClientHello came."""
    where = host_port(host, port)
    if empty:
        return (f"{empty} connection{'s' if empty != 1 else ''} to {where} sent nothing "
                f"within {timeout:.0f} s (a port check?): no ClientHello to describe")
    return (f"no client connected to {where} within {timeout:.0f} s: point the client "
            f"at https://{where}/ (from a machine that can reach that address) or "
            "give it longer with --timeout")
