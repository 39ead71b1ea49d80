"""Apply a fix's configuration lines to a real server, the way its operator would.

Issue 11 asks that every fix tlsdoctor gives be proven on the real server: take the
snippet (``FixStep.code`` for ``applies_to`` "nginx", "apache" or "haproxy"), put it
into that server's configuration, let the server's own parser check it, restart, and
diagnose again. This module is that operator.

A ``WebConfig`` is what a server runs, as that software's own directive lines: the
server-wide part and the TLS site (nginx ``server {}``, Apache ``<VirtualHost>``,
HAProxy ``global`` plus the bind line). ``apply_snippet`` puts each line of a snippet
where that directive belongs, replacing the same directive there (an operator edits
the existing line rather than adding a second one, which nginx refuses outright); the
site's certificate and key lines (nginx ``ssl_certificate``, Apache
``SSLCertificateFile``...) replace the server's own files.
Comments are dropped, except the "generate once: COMMAND" the snippets use, which is
carried out like any command line in the snippet. Paths a snippet names for the real
machine (``/etc/nginx/dhparam.pem``) are mapped to the test's files by the caller.
A snippet that cannot be applied as written raises ``SnippetError``; one the server
refuses raises ``servers.ConfigRejected`` from ``start``/``restart``. Either is a
finding about the snippet, which is the point.
"""

from __future__ import annotations

import re
import shlex
import subprocess
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from . import servers

__all__ = ["SnippetError", "WebConfig", "apply_snippet", "carry_out", "restart", "start"]

SOFTWARE = ("nginx", "apache", "haproxy")
# Apache directives valid only at server level (mod_ssl documentation, "Context: server
# config"); everything else a snippet names goes into the VirtualHost.
_APACHE_GLOBAL = frozenset(s.lower() for s in (
    "SSLStaplingCache", "SSLSessionCache", "SSLSessionCacheTimeout", "SSLRandomSeed",
    "SSLPassPhraseDialog", "SSLCryptoDevice", "SSLFIPS", "Mutex"))
# Directives whose identity is their first two words (each sets one named parameter).
_TWO_WORD = frozenset({"sslopensslconfcmd", "ssl_conf_command"})
_HAPROXY_SECTIONS = ("global", "defaults", "frontend", "backend", "listen")
# The directives naming the site's certificate and key: a snippet's line replaces the
# server's own (WebConfig.chain_path/key_path) instead of adding a second certificate.
_CERTIFICATE_FIELDS = {"ssl_certificate": "chain_path", "ssl_certificate_key": "key_path",
                       "sslcertificatefile": "chain_path", "sslcertificatekeyfile": "key_path"}
_GENERATE = re.compile(r"^#\s*generate(?: once)?:\s*(?P<cmd>.+)$", re.IGNORECASE)


class SnippetError(ValueError):
    """The snippet cannot be applied as written (not a configuration line, an unknown
    context, a command that is not understood); the message says which line and why."""


@dataclass(frozen=True, slots=True, kw_only=True)
class WebConfig:
    """A TLS server's configuration as its directive lines (see the module docstring)."""

    software: str  # "nginx", "apache" or "haproxy"
    chain_path: Path
    key_path: Path
    global_lines: tuple[str, ...] = ()  # nginx http {}, Apache server level, HAProxy global
    site_lines: tuple[str, ...] = ()  # nginx server {}, Apache VirtualHost, HAProxy frontend
    bind_options: tuple[str, ...] = ()  # HAProxy only: words after "bind ADDR ssl crt FILE"
    # HAProxy only: a PEM holding chain and key that the bind line's crt names instead
    # (a snippet that builds one and points crt at it); None: chain_path + key_path.
    crt_path: Path | None = None

    def __post_init__(self) -> None:
        if self.software not in SOFTWARE:
            raise ValueError(f"software must be one of {SOFTWARE}, not {self.software!r}")


def start(config: WebConfig, *, timeout: float = 10.0) -> servers.Server:
    """The server running ``config`` (its configuration test first: ConfigRejected)."""
    if config.software == "nginx":
        return servers.nginx_tls_server(config.chain_path, config.key_path,
                                        site_lines=config.site_lines,
                                        http_lines=config.global_lines, timeout=timeout)
    if config.software == "apache":
        return servers.apache_server(config.chain_path, config.key_path,
                                     site_lines=config.site_lines,
                                     global_lines=config.global_lines, timeout=timeout)
    return servers.haproxy_server(config.chain_path, config.key_path, crt_path=config.crt_path,
                                  global_lines=config.global_lines,
                                  bind_options=config.bind_options,
                                  frontend_lines=config.site_lines, timeout=timeout)


def restart(server: servers.Server, config: WebConfig, *,
            timeout: float = 10.0) -> servers.Server:
    """Stop ``server`` and start ``config`` (on a fresh port: the old one may linger in
    TIME_WAIT or be taken by a parallel test). A rejected config leaves nothing running."""
    server.stop()
    return start(config, timeout=timeout)


def apply_snippet(config: WebConfig, code: str, *,
                  paths: Mapping[str, str | Path] | None = None, workdir: Path) -> WebConfig:
    """``config`` with the snippet ``code`` applied; commands in it run in ``workdir``.

    ``paths``: placeholder -> real path, substituted in the snippet before anything else.
    """
    for placeholder, real in (paths or {}).items():
        code = code.replace(placeholder, str(real))
    if not code.strip():
        raise SnippetError("the snippet is empty")
    code = _heredocs(code, workdir)
    lines = [ln.rstrip() for ln in code.splitlines() if ln.strip()]
    # Commands only (a file to write, a response to fetch): the restart is the change.
    lines = [ln for ln in lines if not _run_if_command(ln, workdir)]
    if config.software == "haproxy":
        return _apply_haproxy(config, lines)
    glob, site = list(config.global_lines), list(config.site_lines)
    for line in lines:
        text = line.strip()
        if text.startswith("#"):
            continue
        if config.software == "nginx" and not text.endswith((";", "}")):
            raise SnippetError(f"not an nginx directive (no ';'): {text!r}")
        field = _CERTIFICATE_FIELDS.get(_key(text))
        if field is not None:  # the site's own certificate line, edited in place
            path = Path(text.rstrip(";").split()[-1])
            config = replace(config, chain_path=path) if field == "chain_path" \
                else replace(config, key_path=path)
            continue
        target = glob if (config.software == "apache"
                          and _key(text) in _APACHE_GLOBAL) else site
        _replace(target, text)
    return replace(config, global_lines=tuple(glob), site_lines=tuple(site))


def _key(line: str) -> str:
    words = line.strip().rstrip(";").split()
    if not words:
        return ""
    first = words[0].lower()
    return f"{first} {words[1].lower()}" if first in _TWO_WORD and len(words) > 1 else first


def _replace(lines: list[str], new: str) -> None:
    """Drop the lines setting the same directive, then add ``new`` at the end."""
    key = _key(new)
    lines[:] = [ln for ln in lines if _key(ln) != key]
    lines.append(new)


def _apply_haproxy(config: WebConfig, lines: Sequence[str]) -> WebConfig:
    glob, front = list(config.global_lines), list(config.site_lines)
    bind = list(config.bind_options)
    section: str | None = None
    for line in lines:
        text = line.strip()
        if text.startswith("#"):
            continue
        head = text.split()[0].lower()
        if not line[:1].isspace() and head in _HAPROXY_SECTIONS:
            section = head
            continue
        if head == "bind":
            _merge_bind(bind, text.split()[1:])
            crt = dict(_bind_items(text.split()[1:])).get("crt")
            if crt and Path(crt).is_file():  # a file the snippet's own command wrote
                config = replace(config, crt_path=Path(crt))
            continue
        if section == "global":
            _replace(glob, text)
        elif section == "frontend":
            _replace(front, text)
        else:
            raise SnippetError(f"HAProxy line outside a known section: {text!r}")
    return replace(config, global_lines=tuple(glob), site_lines=tuple(front),
                   bind_options=tuple(bind))


# Bind-line keywords that take a value (HAProxy configuration manual, 5.1 "Bind options").
_BIND_WITH_VALUE = frozenset({"ssl-min-ver", "ssl-max-ver", "ciphers", "ciphersuites",
                              "curves", "ecdhe", "alpn", "npn", "ca-file", "crl-file",
                              "verify", "crt", "crt-list", "sigalgs", "client-sigalgs"})


def _bind_items(words: Sequence[str]) -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = []
    i = 0
    while i < len(words):
        if words[i] in _BIND_WITH_VALUE and i + 1 < len(words):
            items.append((words[i], words[i + 1]))
            i += 2
        else:
            items.append((words[i], None))
            i += 1
    return items


def _merge_bind(bind: list[str], words: Sequence[str]) -> None:
    """Options of a snippet's bind line replace the same options on ours; the address,
    ``ssl`` and ``crt`` of ours stay (they are the server's own)."""
    given = list(words)
    if given and (":" in given[0] or given[0][:1].isdigit()):
        given = given[1:]  # the snippet's own address
    ours = _bind_items(bind)
    for word, value in _bind_items(given):
        if word in ("ssl", "crt", "..."):
            continue
        ours = [(w, v) for w, v in ours if w != word]
        ours.append((word, value))
    bind[:] = [x for w, v in ours for x in ((w,) if v is None else (w, v))]


# --- commands a snippet tells the operator to run -------------------------------------

# First words of the command lines a snippet may hold (no nginx, Apache or HAProxy
# directive starts with these).
_COMMANDS = ("openssl", "sed", "cat")
_HEREDOC = re.compile(r"^cat > (?P<file>\S+) <<'(?P<tag>\w+)'\n(?P<body>.*?)\n(?P=tag)$",
                      re.S | re.M)


def _heredocs(code: str, workdir: Path) -> str:
    """Write each ``cat > FILE <<'EOF' ... EOF`` block (files inside ``workdir`` only);
    the snippet without them."""
    def write(m: re.Match[str]) -> str:
        path = Path(m.group("file"))
        if not path.resolve().is_relative_to(workdir.resolve()):
            raise SnippetError(f"cannot write {path}: not a file of this test (map its path)")
        path.write_text(m.group("body") + "\n", encoding="ascii")
        return ""
    return _HEREDOC.sub(write, code)


def _run_if_command(line: str, workdir: Path) -> bool:
    """Carry out a command line of the snippet (also "# generate once: ..."); True if
    the line was one. ``openssl dhparam``, ``openssl ocsp``, ``sed -i`` and ``cat``
    are understood."""
    text = line.strip()
    m = _GENERATE.match(text)
    if m:
        text = m.group("cmd").strip()
    elif text.startswith("#") or text.split()[0] not in _COMMANDS:
        return False
    words = shlex.split(text.partition(">>")[0])
    if words[:2] == ["openssl", "dhparam"]:
        _dhparam(text, workdir)
    elif words[:2] == ["openssl", "ocsp"]:
        _ocsp(words, workdir)
    elif words[:2] == ["sed", "-i"]:
        _sed(words, workdir)
    elif words[0] == "cat":
        _cat(shlex.split(text), workdir)
    else:
        raise SnippetError(f"cannot carry out the command in: {line.strip()!r}")
    return True


def carry_out(line: str, workdir: Path) -> bool:
    """The snippet's command ``line`` carried out (as for nginx, Apache and HAProxy), for the
    tests that apply other software's lines; True if it was a command."""
    return _run_if_command(line, workdir)


def _ocsp(words: Sequence[str], workdir: Path) -> None:
    """``openssl ocsp ... -respout FILE``, run for real (the responder is the test's own,
    on loopback), writing inside ``workdir`` only."""
    out = Path(words[words.index("-respout") + 1]) if "-respout" in words else None
    if out is None or not out.resolve().is_relative_to(workdir.resolve()):
        raise SnippetError(f"cannot carry out {' '.join(words)!r}: -respout is not a file of "
                           "this test")
    subprocess.run(list(words), cwd=workdir, check=True, capture_output=True, timeout=30)


def _cat(words: Sequence[str], workdir: Path) -> None:
    """``cat A B > C`` (C made of A and B) or ``cat A >> C`` (A appended to C), all files
    of this test (``workdir``)."""
    op = next((w for w in (">", ">>") if w in words), None)
    if op is None or words.index(op) != len(words) - 2:
        raise SnippetError(f"cannot carry out {' '.join(words)!r}: expected 'cat FILE... > "
                           "FILE' or 'cat FILE... >> FILE'")
    sources, target = [Path(w) for w in words[1:-2]], Path(words[-1])
    files = [*sources, target]
    if not sources or any(not f.resolve().is_relative_to(workdir.resolve()) for f in files) \
            or any(not f.is_file() for f in sources) or (op == ">>" and not target.is_file()):
        raise SnippetError(f"cannot carry out {' '.join(words)!r}: not files of this test "
                           "(map the snippet's paths to them)")
    kept = target.read_bytes().rstrip(b"\n") + b"\n" if op == ">>" else b""
    target.write_bytes(kept + b"".join(f.read_bytes().rstrip(b"\n") + b"\n" for f in sources))


def _sed(words: Sequence[str], workdir: Path) -> None:
    """``sed -i EXPR FILE...``, run for real, on files inside ``workdir`` only (the
    snippet's paths must have been mapped to the test's files)."""
    files = [Path(w) for w in words[3:]]
    outside = [f for f in files if not f.exists()
               or not f.resolve().is_relative_to(workdir.resolve())]
    if not files or outside:
        raise SnippetError(f"cannot carry out {' '.join(words)!r}: not a file of this test: "
                           f"{', '.join(map(str, outside)) or '(none given)'}")
    subprocess.run(list(words), cwd=workdir, check=True, capture_output=True, timeout=30)


def _dhparam(command: str, workdir: Path) -> None:
    """``openssl dhparam [-out FILE] BITS``, ``openssl dhparam BITS > FILE`` or ``... >> FILE``.

    Generating a new 2048-bit safe prime takes seconds to minutes; the RFC 7919 group of
    the same size (``openssl genpkey -genparam ... group:ffdhe2048``) is what it stands
    for here: a 2048-bit safe-prime group in the same PEM form, written the same way.
    """
    append = ">>" in command
    cmd, _, target = command.partition(">>" if append else ">")
    words = shlex.split(cmd)
    bits = next((w for w in words[2:] if w.isdigit()), None)
    out = target.strip() or (words[words.index("-out") + 1] if "-out" in words else "")
    if bits not in ("2048", "3072", "4096") or not out:
        raise SnippetError(f"cannot carry out {command!r}: expected 'openssl dhparam "
                           f"-out FILE 2048|3072|4096' or 'openssl dhparam 2048 >[>] FILE'")
    path = Path(out) if Path(out).is_absolute() else workdir / out
    if not path.resolve().is_relative_to(workdir.resolve()):
        raise SnippetError(f"cannot carry out {command!r}: {path} is not a file of this test "
                           "(map the snippet's path to one)")
    generated = subprocess.run(
        ["openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
         f"group:ffdhe{bits}"], capture_output=True, timeout=30, check=True).stdout
    if append:
        with path.open("ab") as fh:
            fh.write(generated)
    else:
        path.write_bytes(generated)
