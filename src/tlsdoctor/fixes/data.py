"""The snippet table (snippets.toml): config lines per server software, with sources; and the
one reader of this package's data files."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..finding import FixStep
from ..tomlcache import read_toml

# This package's data files, read from beside this module: importlib.resources costs ~5 ms
# of imports (tempfile, zipfile, ...) in every command that judges (docs/pcap-speed.md).
_HERE = Path(__file__).parent

# Server software tlsdoctor writes config for, in the order shown when none is known.
SERVERS = ("nginx", "apache", "haproxy", "caddy", "postfix", "dovecot", "tomcat", "iis", "lighttpd",
           "redis", "postgresql",
           # Round 20: lines for programs whose own words explain recognised but printed web
           # servers' lines for (Exim's from its documentation only, not applied here).
           "squid", "openvpn", "stunnel", "mosquitto", "exim")
_SHOWN_WHEN_UNKNOWN = 3


@cache
def toml_file(name: str) -> dict[str, Any]:
    """One of this package's data files (snippets.toml, clients.toml, stopgaps.toml), read once."""
    # Called, not imported: importing the fixes does not read a file (docs/pcap-speed.md,
    # round 22); the parsed copy spares the TOML parser (round 24).
    return read_toml(_HERE / name)


def table() -> dict[str, Any]:
    return toml_file("snippets.toml")


def mozilla_ciphers() -> str:
    return str(table()["mozilla"]["ciphers"])


def generic(cause: str) -> str:
    return str(table()["generic"][cause])


def per_server(section: str, software: str | None, *, text: str | None = None,
               **fields: str) -> tuple[FixStep, ...]:
    """One step per server software for a section of snippets.toml: only ``software``'s
    when it is known (none if the table has no line for it), else the first few."""
    rows = table()[section]
    notes = table().get(f"{section}_notes", {})
    names = [n for n in SERVERS if n in rows]
    what = text or rows.get("text", "")
    if software and software not in rows:
        return _no_lines(section, software, what)
    chosen = [software] if software else names[:_SHOWN_WHEN_UNKNOWN]
    values = {"mozilla_ciphers": mozilla_ciphers(), **fields}
    return tuple(FixStep(text=notes.get(n, f"{what} ({n}):").format(**values),
                         code=rows[n].format(**values), applies_to=n) for n in chosen)


def _no_lines(section: str, software: str, what: str) -> tuple[FixStep, ...]:
    """A program tlsdoctor knows by its words but has no ``section`` lines for: the change in
    words and the openssl check, never another program's lines (round 20: Squid's and
    OpenVPN's own logs printed nginx's, Apache's and HAProxy's)."""
    check = table()["checks"].get(section)
    if check is None:
        return ()
    return (FixStep(text=f"{what.rstrip('.')}: tlsdoctor has no config lines for {software} yet. "
                         f"Make this change in {software}'s own TLS settings (its manual names "
                         "them), restart it, then check from a client:",
                    code=check, applies_to=software),)


def known_software(name: str | None) -> bool:
    return name in SERVERS
