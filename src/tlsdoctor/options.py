"""Checks of what the user gave (files, names, numbers) before any work starts.

Shared by the API functions and the CLI, so both refuse a bad argument the same way:
one ``UsageError`` whose message names the option and says what is wrong. A leaf
utility: it imports only ``errors``, ``addresses`` and the standard library (the lists
of accepted names come from the caller).
"""

from __future__ import annotations

import math
import os
import re
import stat
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from .addresses import is_ip, labels_ok
from .errors import UsageError

MAX_CA_FILE = 16 * 1024 * 1024  # a whole system bundle is ~200 KiB
MAX_TARGETS_FILE = 4 * 1024 * 1024  # ~100,000 lines: a list of hosts, not a data dump
_PEM_CERT = b"-----BEGIN CERTIFICATE-----"
_PEM_TRUSTED = b"-----BEGIN TRUSTED CERTIFICATE-----"  # OpenSSL's "trusted" form, also loaded

# Names people write for the servers whose config lines tlsdoctor gives.
SERVER_ALIASES = {"apache2": "apache", "httpd": "apache", "apache-httpd": "apache",
                  "openresty": "nginx", "microsoft-iis": "iis", "tomcat9": "tomcat"}


def number(value: float, *, option: str, low: float, high: float, unit: str = "",
           low_inclusive: bool = False) -> float:
    """``value`` within (low, high] (or [low, high]); NaN and infinities are refused."""
    ok = (isinstance(value, int | float) and math.isfinite(value) and value <= high
          and (value >= low if low_inclusive else value > low))
    if not ok:
        span = (f"between {low:g} and {high:g}{unit}" if low_inclusive else
                f"more than {low:g} and at most {high:g}{unit}")
        raise UsageError(f"{option} must be {span}, not {value!r}")
    return value


def timeout(value: float, option: str = "--timeout") -> float:
    return number(value, option=option, low=0, high=300, unit=" seconds")


def delay(value: float, option: str = "--delay") -> float:
    return number(value, option=option, low=0, high=60, unit=" seconds", low_inclusive=True)


def name(value: str | None, option: str) -> str | None:
    """A host name or address given as an option (--sni, --connect): no blanks, no controls."""
    if value is None:
        return None
    if not value or len(value) > 253 or any(c.isspace() or not c.isprintable() for c in value):
        raise UsageError(f"{option} needs a host name or address, not {value[:80]!r}")
    return value


_NAME = re.compile(r"[A-Za-z0-9_.-]+")


def connect(value: str | None) -> str | None:
    """--connect: an address ("[::1]" as "::1", as URLs write it) or a name a resolver can
    look up. Anything else went to the resolver and came back as the HOST's "does not
    resolve" finding."""
    value = name(value, "--connect")
    if value is None:
        return None
    if value.startswith("[") and value.endswith("]") and is_ip(value[1:-1]):
        return value[1:-1]
    bare = value[:-1] if value.endswith(".") else value
    if not (is_ip(value) or (_NAME.fullmatch(bare) and labels_ok(bare))):
        raise UsageError(f"--connect needs a host name or address, not {value[:80]!r}")
    return value


def sni(value: str | None, no_sni: bool) -> str | None:
    if value is not None and no_sni:
        raise UsageError("--sni and --no-sni contradict each other: give one of them")
    return name(value, "--sni")


def server_software(value: str | None, known: Iterable[str]) -> str | None:
    """The --server name as tlsdoctor's snippets know it ("Apache2" -> "apache")."""
    if value is None:
        return None
    key = value.strip().lower()
    key = SERVER_ALIASES.get(key, key)
    names = tuple(known)
    if key not in names:
        raise UsageError(f"--server {value[:40]!r} is not a server tlsdoctor has config lines "
                         f"for; choose from: {', '.join(names)}")
    return key


def _regular_file(path: str, option: str) -> os.stat_result:
    """stat() of an existing regular file (or pipe, for ``<(...)``), else a UsageError."""
    prefix = f"{option} {path}" if option else path
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise UsageError(f"{prefix}: no such file") from None
    except OSError as exc:
        raise UsageError(f"{prefix}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(st.st_mode):
        raise UsageError(f"{prefix}: is a directory, not a file")
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise UsageError(f"{prefix}: not a regular file (a device or socket)")
    return st


def _read_capped(path: str, option: str, cap: int) -> bytes:
    prefix = f"{option} {path}" if option else path
    try:
        with open(path, "rb") as fh:
            data = fh.read(cap + 1)
    except OSError as exc:
        raise UsageError(f"{prefix}: cannot read it: {exc.strerror or exc}") from None
    if len(data) > cap:
        raise UsageError(f"{prefix}: larger than {cap // (1024 * 1024)} MiB")
    return data


def ca_file(path: str | os.PathLike[str] | None) -> str | None:
    """A readable PEM file holding at least one certificate (what OpenSSL's cafile takes)."""
    if path is None:
        return None
    text = os.fspath(path)
    if not text:
        raise UsageError("--ca-file needs a file name")
    st = _regular_file(text, "--ca-file")
    if stat.S_ISFIFO(st.st_mode):  # the check reads it dry before OpenSSL gets to it
        raise UsageError(f"--ca-file {text}: a pipe is read only once and the CA file is read "
                         "again for each check; save it to a file first")
    _check_ca_file(text, st.st_size, st.st_mtime_ns)
    return text


@lru_cache(maxsize=16)
def _check_ca_file(path: str, _size: int, _mtime: int) -> None:
    """Cached per file version: ``--all-clients`` checks the same file once per profile."""
    data = _read_capped(path, "--ca-file", MAX_CA_FILE)
    if _PEM_CERT not in data and _PEM_TRUSTED not in data:
        hint = ("it looks like DER: convert it with 'openssl x509 -inform der -in FILE "
                "-out FILE.pem'" if data[:1] == b"\x30" else "expected -----BEGIN CERTIFICATE-----")
        raise UsageError(f"--ca-file {path}: no PEM certificate in it ({hint})")
    import ssl  # here: ~8 ms of every command's start-up otherwise (pcap never needs it)

    try:
        ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT).load_verify_locations(cafile=path)
    except (ssl.SSLError, OSError, ValueError) as exc:
        why = getattr(exc, "reason", None) or str(exc)
        raise UsageError(f"--ca-file {path}: OpenSSL cannot load it ({why})") from None


def output_file(path: str | os.PathLike[str], option: str) -> Path:
    """A file we may create: its directory exists and is writable; it is not a directory."""
    p = Path(path)
    if p.is_dir():
        raise UsageError(f"{option} {p}: is a directory; give a file name")
    parent = p.parent if str(p.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{option} {p}: the directory {parent} does not exist")
    if not os.access(parent, os.W_OK) or (p.exists() and not os.access(p, os.W_OK)):
        raise UsageError(f"{option} {p}: not writable")
    return p


def targets_file(path: str) -> list[str]:
    """One target a line; blank lines and ``#`` comments ignored, a comment after a
    target too (a fleet inventory's ``HOST #tag``; a URL's ``/#fragment`` has no blank
    before its ``#`` and stays)."""
    _regular_file(path, "--targets")
    text = _read_capped(path, "--targets", MAX_TARGETS_FILE).decode("utf-8", "replace")
    lines = (_TRAILING_COMMENT.sub("", ln).strip() for ln in text.splitlines())
    return [ln for ln in lines if ln and not ln.startswith("#")]


_TRAILING_COMMENT = re.compile(r"\s+#.*$")


def input_file(path: str) -> str:
    """A file a command reads (logs, pcap, cert): exists, not a directory or a device.

    ``-`` (stdin) and pipes pass; reading itself still reports unreadable files.
    """
    if path != "-":
        _regular_file(path, "")
    return path
