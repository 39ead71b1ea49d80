"""This machine's OpenSSL configuration lines that change what every client does.

OpenSSL reads ``OPENSSL_CONF`` (else its built-in default, ``OPENSSLDIR/openssl.cnf``) at
start-up; the ``[system_default_sect]`` style section reached through ``ssl_conf`` holds
``MinProtocol``, ``MaxProtocol``, ``CipherString`` (with ``@SECLEVEL``) and
``Ciphersuites`` (openssl doc/man5/config.pod, doc/man3/SSL_CONF_cmd.pod). The lines are
kept with their file and number, so a finding can say exactly which line to change.
"""

from __future__ import annotations

import os
import re
import ssl
from dataclasses import dataclass
from pathlib import Path

# The directives of SSL_CONF_cmd that narrow what a client offers or accepts.
_KEYS = ("MinProtocol", "MaxProtocol", "CipherString", "Ciphersuites", "Protocol")
_LINE = re.compile(r"^\s*(" + "|".join(_KEYS) + r")\s*=\s*(.+?)\s*$", re.IGNORECASE)
_MAX_BYTES = 256 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class ConfLine:
    path: str
    number: int
    key: str  # as spelt in SSL_CONF_cmd, e.g. "MaxProtocol"
    value: str

    def __str__(self) -> str:
        return f"{self.path}:{self.number}: {self.key} = {self.value}"


def config_path() -> str | None:
    """The file OpenSSL reads: OPENSSL_CONF, else OPENSSLDIR/openssl.cnf (None: neither)."""
    env = os.environ.get("OPENSSL_CONF")
    if env:
        return env
    openssldir = Path(ssl.get_default_verify_paths().openssl_capath or "/usr/lib/ssl/certs").parent
    default = openssldir / "openssl.cnf"
    return str(default) if default.is_file() else None


def narrowing_lines(path: str | None = None) -> tuple[ConfLine, ...]:
    """Every MinProtocol/MaxProtocol/CipherString/Ciphersuites line of the config (and of
    the files it includes with ``.include``), in order; () when unreadable."""
    path = path or config_path()
    if path is None:
        return ()
    return tuple(_read(Path(path), depth=0))


def _read(path: Path, depth: int) -> list[ConfLine]:
    try:
        text = path.read_bytes()[:_MAX_BYTES].decode("utf-8", "replace")
    except OSError:
        return []
    out: list[ConfLine] = []
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0]
        inc = re.match(r"^\s*\.include\s*=?\s*(\S+)", line)
        if inc and depth < 3:
            out.extend(_read(path.parent / inc.group(1), depth + 1))
            continue
        m = _LINE.match(line)
        if m:
            key = next(k for k in _KEYS if k.lower() == m.group(1).lower())
            out.append(ConfLine(path=str(path), number=number, key=key, value=m.group(2)))
    return out
