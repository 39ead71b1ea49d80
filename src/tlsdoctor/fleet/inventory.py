"""The inventory: one endpoint a line, ``HOST[:PORT]`` plus ``diagnose`` options and #tags.

    # web front ends
    www.example.com                         #web #prod
    mail.example.com:587 --client java-8    #mail
    intranet:8443 --ca-file corp-root.pem --connect 10.0.0.5
    [2001:db8::1]:443 --no-sni

Blank lines and lines starting with ``#`` are comments; a lone ``#`` (followed by a space)
starts a comment at the end of a line; ``#word`` is a tag. Options: ``--starttls``,
``--sni``, ``--no-sni``, ``--connect``, ``--client``, ``--ca-file`` (relative to the
inventory's folder). A bad line becomes an ``InventoryProblem`` with its line number and is
skipped; the rest of the file still runs.

Only the text is checked here (host syntax, port range, option names, that a CA file can
be read); everything else is ``diagnose``'s job at run time, per endpoint.
"""

from __future__ import annotations

import re
import shlex
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO
from urllib.parse import urlsplit

from ..addresses import is_ip, labels_ok
from ..errors import InputError

MAX_LINE = 4096  # longer lines are refused, not truncated into something else
MAX_ENDPOINTS = 1_000_000
MAX_CA_FILE = 1_000_000  # bytes; a CA bundle is a few hundred kB at most
STARTTLS = ("smtp", "imap", "pop3", "ftp", "xmpp", "ldap", "postgres")

_HOST = re.compile(r"^[A-Za-z0-9_*-](?:[A-Za-z0-9_.*-]{0,251}[A-Za-z0-9_*-])?$")
_TAG = re.compile(r"^[A-Za-z0-9_.:=/@+-]{1,64}$")
_CLIENT = re.compile(r"^[A-Za-z0-9_.+-]{1,64}$")
_VALUE_OPTIONS = ("--starttls", "--sni", "--connect", "--client", "--ca-file")


@dataclass(frozen=True, slots=True, kw_only=True)
class Endpoint:
    """One inventory line: what to diagnose and how. ``key`` names it across runs."""

    host: str  # lower-case name or address, IPv6 without brackets
    port: int = 443
    sni: str | None = None  # None: diagnose's default (the host name; none for an address)
    no_sni: bool = False
    connect: str | None = None  # address to connect to; None: resolve ``host``
    starttls: str | None = None  # None: diagnose's default for the port
    client: str | None = None  # client profile name; None: this machine
    ca_file: str | None = None  # absolute path
    tags: tuple[str, ...] = ()
    line: int = 0  # where it was in the inventory (0: not from a file)

    @property
    def target(self) -> str:
        """``host:port`` as ``diagnose`` takes it."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}"

    @property
    def address(self) -> str:
        """The name or address a connection goes to (``--connect`` wins)."""
        return self.connect or self.host

    @property
    def key(self) -> str:
        """Stable identity: the target plus every option that changes the diagnosis.

        Tags are not part of it: retagging an endpoint keeps its history.
        """
        parts = [self.target]
        for flag, value in (("--sni", self.sni), ("--connect", self.connect),
                            ("--starttls", self.starttls), ("--client", self.client),
                            ("--ca-file", self.ca_file)):
            if value is not None:
                parts.append(f"{flag} {shlex.quote(value)}")
        if self.no_sni:
            parts.append("--no-sni")
        return " ".join(parts)

    def diagnose_options(self) -> dict[str, object]:
        """Keyword arguments for ``tlsdoctor.diagnose_async`` (besides the target)."""
        return {"sni": self.sni, "no_sni": self.no_sni, "connect": self.connect,
                "starttls": self.starttls, "client": self.client, "ca_file": self.ca_file}


@dataclass(frozen=True, slots=True, kw_only=True)
class InventoryProblem:
    """A line that was skipped, and why (one line of text, safe to print)."""

    line: int
    text: str  # the offending line, shortened and escaped
    reason: str

    def __str__(self) -> str:
        return f"inventory line {self.line}: {self.reason}: {self.text}"

    def to_json(self) -> dict[str, object]:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass(frozen=True, slots=True, kw_only=True)
class Inventory:
    source: str  # the path as given, or "-" for stdin
    endpoints: tuple[Endpoint, ...]
    problems: tuple[InventoryProblem, ...]


class _BadLine(ValueError):
    pass


def _shown(text: str) -> str:
    from ..safe import printable

    return printable(text.strip(), limit=120, newlines=False)


def _split_host_port(token: str) -> tuple[str, int]:
    port: int | None = None
    if "://" in token:
        parts = urlsplit(token)
        if parts.scheme.lower() != "https":
            raise _BadLine("only https:// URLs are accepted; write HOST:PORT (and --starttls)")
        host = parts.hostname or ""
        try:
            port = parts.port
        except ValueError as exc:
            raise _BadLine("bad port") from exc
    elif token.startswith("["):
        m = re.fullmatch(r"\[([0-9A-Fa-f:.]+)\](?::(\d{1,5}))?", token)
        if not m:
            raise _BadLine("bad [IPv6]:PORT")
        host, port = m.group(1), int(m.group(2)) if m.group(2) else None
    elif token.count(":") == 1:
        host, _, p = token.partition(":")
        if not p.isdigit() or len(p) > 5:
            raise _BadLine("bad port")
        port = int(p)
    else:
        host = token  # a name, or a bare IPv6 address
    host = host.lower()
    host = host[:-1] if host.endswith(".") else host  # the root's dot
    if not host or not (is_ip(host) or (_HOST.match(host) and labels_ok(host))):
        raise _BadLine("not a host name or address")
    port = 443 if port is None else port
    if not 0 < port < 65536:
        raise _BadLine("port out of range")
    return host, port


def _check_value(flag: str, value: str, base: Path) -> str:
    if flag == "--starttls":
        if value.lower() not in STARTTLS:
            raise _BadLine(f"--starttls must be one of {', '.join(STARTTLS)}")
        return value.lower()
    if flag in ("--sni", "--connect"):
        name = value[:-1] if value.endswith(".") else value
        if not (is_ip(value) or (_HOST.match(name) and labels_ok(name))):
            raise _BadLine(f"{flag} needs a host name or address")
        return value
    if flag == "--client":
        if not _CLIENT.match(value):
            raise _BadLine("--client needs a profile name (see 'tlsdoctor clients')")
        return value
    path = (base / value).resolve()  # --ca-file
    try:
        with open(path, "rb") as fh:
            if len(fh.read(MAX_CA_FILE + 1)) > MAX_CA_FILE:
                raise _BadLine("--ca-file is larger than 1 MB")
    except OSError as exc:
        raise _BadLine(f"cannot read --ca-file: {exc.strerror or exc}") from exc
    return str(path)


def parse_line(text: str, *, line: int = 0, base: Path | None = None) -> Endpoint | None:
    """One inventory line -> Endpoint, or None for a blank or comment line.

    Raises ValueError (with a one-line reason) for a bad line.
    """
    stripped = text.strip()
    if not stripped or stripped.startswith("#"):
        return None
    if len(text) > MAX_LINE:
        raise _BadLine(f"line longer than {MAX_LINE} characters")
    try:
        tokens = shlex.split(stripped)  # quotes for paths with spaces; '#' is no comment here
    except ValueError as exc:
        raise _BadLine(f"cannot split the line ({exc})") from exc
    if "#" in tokens:  # a lone '#' starts a trailing comment
        tokens = tokens[:tokens.index("#")]
    host, port = _split_host_port(tokens[0])
    options: dict[str, str | bool] = {}
    tags: list[str] = []
    base = base or Path.cwd()
    rest = iter(tokens[1:])
    for tok in rest:
        if tok.startswith("#"):
            if not _TAG.match(tok[1:]):
                raise _BadLine(f"bad tag {tok[:40]!r} (letters, digits, _.:=/@+- only)")
            tags.append(tok[1:])
            continue
        flag, eq, value = tok.partition("=")
        if flag == "--no-sni" and not eq:
            options["no_sni"] = True
            continue
        if not flag.startswith("--"):
            raise _BadLine(f"unexpected {tok[:40]!r} (one endpoint a line; options start "
                           "with --, tags with #)")
        if flag not in _VALUE_OPTIONS:
            raise _BadLine(f"unknown option {flag[:40]!r}")
        if not eq:
            value = next(rest, "")
        if not value or value.startswith("--"):
            raise _BadLine(f"{flag} needs a value")
        name = flag[2:].replace("-", "_")
        if name in options:
            raise _BadLine(f"{flag} given twice")
        options[name] = _check_value(flag, value, base)
    if options.get("no_sni") and "sni" in options:
        raise _BadLine("--sni and --no-sni contradict each other")
    return Endpoint(host=host, port=port, tags=tuple(dict.fromkeys(tags)), line=line,
                    **options)  # type: ignore[arg-type]


def parse_inventory(lines: Iterable[str], *, source: str = "-",
                    base: Path | None = None) -> Inventory:
    """Parse inventory ``lines``: good lines become endpoints, bad ones problems.

    A line naming an endpoint already seen (same key) is a problem too: the first wins.
    """
    endpoints: list[Endpoint] = []
    problems: list[InventoryProblem] = []
    seen: dict[str, int] = {}
    for number, text in enumerate(lines, start=1):
        try:
            ep = parse_line(text, line=number, base=base)
        except ValueError as exc:
            problems.append(InventoryProblem(line=number, text=_shown(text), reason=str(exc)))
            continue
        if ep is None:
            continue
        if ep.key in seen:
            problems.append(InventoryProblem(line=number, text=_shown(text),
                                             reason=f"same endpoint as line {seen[ep.key]}"))
            continue
        if len(endpoints) >= MAX_ENDPOINTS:
            problems.append(InventoryProblem(line=number, text=_shown(text),
                                             reason=f"more than {MAX_ENDPOINTS} endpoints"))
            break
        seen[ep.key] = number
        endpoints.append(ep)
    return Inventory(source=source, endpoints=tuple(endpoints), problems=tuple(problems))


def read_inventory(path: str) -> Inventory:
    """Read an inventory file (``-``: standard input). Raises InputError if unreadable."""
    if path == "-":
        return parse_inventory(_lines(sys.stdin), source="-", base=Path.cwd())
    try:
        with open(path, encoding="utf-8", errors="replace", newline="") as fh:
            return parse_inventory(_lines(fh), source=path, base=Path(path).resolve().parent)
    except OSError as exc:
        raise InputError(f"cannot read inventory {path}: {exc.strerror or exc}") from exc


def _lines(stream: TextIO) -> Iterator[str]:
    # Capped reads: one absurd line must not be read whole into memory.
    while text := stream.readline(MAX_LINE + 1):
        if len(text) > MAX_LINE and not text.endswith("\n"):
            while (more := stream.readline(65536)) and not more.endswith("\n"):
                pass  # skip the rest of it; the kept head is reported as too long
        yield text
