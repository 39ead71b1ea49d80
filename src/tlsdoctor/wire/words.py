"""Names for code points in user-facing text (registry names, IANA suite names)."""

from __future__ import annotations

from collections.abc import Iterable

from .registry import AlertDescription, NamedGroup, SignatureScheme, name_of, version_name
from .suites import CIPHER_SUITES


def version(v: int | None) -> str:
    return "none" if v is None else version_name(v)


def versions(vs: Iterable[int]) -> str:
    names = [version(v) for v in vs]
    return ", ".join(names) if names else "none"


def suite(code: int | None) -> str:
    if code is None:
        return "none"
    s = CIPHER_SUITES.get(code)
    return s.name if s else f"0x{code:04X}"


def group(code: int | None) -> str:
    return "none" if code is None else name_of(NamedGroup, code)


def sigalg(code: int | None) -> str:
    return "none" if code is None else name_of(SignatureScheme, code)


def alert(a: tuple[int, int] | None) -> str:
    if a is None:
        return "none"
    return f"{name_of(AlertDescription, a[1])} ({a[1]})"
