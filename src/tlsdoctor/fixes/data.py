"""The snippet table (snippets.toml): config lines per server software, with sources; and the
one reader of this package's data files."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any

from ..finding import FixStep

# Server software tlsdoctor writes config for, in the order shown when none is known.
SERVERS = ("nginx", "apache", "haproxy", "caddy", "postfix", "dovecot", "tomcat", "iis", "lighttpd",
           "redis", "postgresql")
_SHOWN_WHEN_UNKNOWN = 3


@cache
def toml_file(name: str) -> dict[str, Any]:
    """One of this package's data files (snippets.toml, clients.toml, stopgaps.toml), read once."""
    return tomllib.loads(resources.files(__package__).joinpath(name).read_text("utf-8"))


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
    chosen = ([software] if software in rows else []) if software else names[:_SHOWN_WHEN_UNKNOWN]
    what = text or rows.get("text", "")
    values = {"mozilla_ciphers": mozilla_ciphers(), **fields}
    return tuple(FixStep(text=notes.get(n, f"{what} ({n}):").format(**values),
                         code=rows[n].format(**values), applies_to=n) for n in chosen)


def known_software(name: str | None) -> bool:
    return name in SERVERS
