"""Client profiles captured with ``tlsdoctor listen --save NAME``, kept as JSON files.

Directory: $TLSDOCTOR_HOME/clients, else ~/.config/tlsdoctor/clients.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from ..errors import InputError, UsageError
from .profile import ClientProfile

_NAME = re.compile(r"^[a-z0-9][a-z0-9._-]{0,63}$")


def profile_dir() -> Path:
    home = os.environ.get("TLSDOCTOR_HOME")
    base = Path(home) if home else Path.home() / ".config" / "tlsdoctor"
    return base / "clients"


def check_name(name: str) -> str:
    """A name a profile can be saved as (a file name in profile_dir()), or UsageError."""
    if not _NAME.match(name):
        raise UsageError(f"profile name must be lower-case letters, digits, '.', '_' or '-': {name!r}")
    return name


def save_profile(profile: ClientProfile) -> Path:
    check_name(profile.name)
    d = profile_dir()
    d.mkdir(parents=True, exist_ok=True)
    path = d / f"{profile.name}.json"
    data = {"name": profile.name, "title": profile.title, "versions": list(profile.versions),
            "cipher_suites": list(profile.cipher_suites), "groups": list(profile.groups),
            "signature_algorithms": list(profile.signature_algorithms), "sni": profile.sni,
            "alpn": list(profile.alpn), "sources": list(profile.sources)}
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")
    return path


def load_saved() -> tuple[ClientProfile, ...]:
    d = profile_dir()
    if not d.is_dir():
        return ()
    out = []
    for path in sorted(d.glob("*.json"))[:500]:
        try:
            out.append(_load(path))
        except InputError:
            continue  # a broken file does not break the catalogue; `clients` still lists the rest
    return tuple(out)


def _ints(value: object) -> tuple[int, ...]:
    if not isinstance(value, list) or len(value) > 1000:
        raise InputError("bad list")
    return tuple(int(v) & 0xFFFF for v in value if isinstance(v, int))


def _load(path: Path) -> ClientProfile:
    try:
        data = json.loads(path.read_text(encoding="utf-8")[:1_000_000])
        return ClientProfile(
            name=str(data["name"]), title=str(data.get("title", data["name"]))[:200],
            versions=_ints(data["versions"]), cipher_suites=_ints(data["cipher_suites"]),
            groups=_ints(data.get("groups", [])),
            signature_algorithms=_ints(data.get("signature_algorithms", [])),
            sni=bool(data.get("sni", True)),
            alpn=tuple(str(a)[:32] for a in data.get("alpn", [])[:16]),
            trust="system", family="captured",
            sources=tuple(str(s)[:300] for s in data.get("sources", [])[:8]) or (f"captured: {path}",))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise InputError(f"{path}: not a saved client profile ({exc})") from exc
