"""Scan-side views of the wire registries: names and weakness classes of code points.

The facts themselves live in ``tlsdoctor.wire.suites`` / ``wire.registry`` (with their
sources); this module only asks them the questions grading and compliance need, and
names unknown code points by their number instead of failing.
"""

from __future__ import annotations

from enum import IntEnum
from functools import cache
from typing import Any

from ..wire import suites as _suites
from ..wire.hello import SIGNALLING_SUITES


def info(code: int) -> Any | None:
    """The wire CipherSuite for ``code`` (None: not in the IANA table)."""
    return _suites.suite(code)


def suite_name(code: int) -> str:
    s = info(code)
    return s.name if s is not None else f"UNKNOWN_0x{code:04X}"


def openssl_name(code: int) -> str | None:
    s = info(code)
    return s.openssl_name if s is not None else None


def cipher_text(code: int) -> str:
    s = info(code)
    return str(s.cipher).upper() if s is not None else ""


def is_rc4(code: int) -> bool:
    return "RC4" in cipher_text(code)


def is_64bit_block(code: int) -> bool:
    """3DES, DES, IDEA, RC2: 64-bit blocks (Sweet32, CVE-2016-2183)."""
    c = cipher_text(code)
    return any(k in c for k in ("3DES", "DES", "IDEA", "RC2"))


def is_export(code: int) -> bool:
    s = info(code)
    return bool(s is not None and s.export)


def is_null(code: int) -> bool:
    s = info(code)
    return bool(s is not None and s.null)


def is_anon(code: int) -> bool:
    s = info(code)
    return bool(s is not None and s.anon)


def is_pfs(code: int) -> bool:
    s = info(code)
    return bool(s is not None and s.pfs)


def is_aead(code: int) -> bool:
    s = info(code)
    return bool(s is not None and s.aead)


def bits(code: int) -> int:
    s = info(code)
    return int(s.bits or 0) if s is not None else 0


def kx(code: int) -> str:
    s = info(code)
    return str(s.kx) if s is not None else ""


def auth(code: int) -> str:
    s = info(code)
    return str(s.auth) if s is not None else ""


def weakness(code: int) -> str | None:
    """The wire table's reason this suite is weak (None: not weak)."""
    s = info(code)
    if s is None:
        return None
    reason = _suites.weak(s)
    return str(reason) if reason else None


@cache  # the registry is fixed data: a scan asks six times, a fleet thousands
def suites_for(protocol: str) -> tuple[int, ...]:
    """Candidate codes: ``"TLS1.3"``, ``"TLS"`` (SSLv3..TLS 1.2) or ``"SSL2"`` (3-byte
    cipher kinds); SCSVs excluded."""
    if protocol == "SSL2":
        return tuple(sorted(_suites.SSL2_CIPHER_KINDS))
    out = []
    for code, s in _suites.CIPHER_SUITES.items():
        if code in SIGNALLING_SUITES or s.protocol != protocol:
            continue
        out.append(s)
    # Strongest first: a server that follows the client's order then names its best
    # suites first, and the list reads as a user expects.
    out.sort(key=lambda s: (not s.aead, not s.pfs, bool(s.export or s.null or s.anon),
                            -(s.bits or 0), s.code))
    return tuple(s.code for s in out)


def suite_json(code: int) -> dict[str, Any]:
    s = info(code)
    if s is None:
        return {"code": f"0x{code:04X}", "name": suite_name(code), "openssl_name": None,
                "kx": None, "bits": None, "pfs": None, "aead": None, "weak": None}
    return {"code": f"0x{code:04X}", "name": s.name, "openssl_name": s.openssl_name,
            "kx": s.kx, "auth": s.auth, "cipher": s.cipher, "bits": s.bits, "pfs": bool(s.pfs),
            "aead": bool(s.aead), "weak": weakness(code)}


@cache
def _enum(names: tuple[str, ...]) -> type[IntEnum] | None:
    try:
        from ..wire import registry
    except ImportError:
        return None
    for n in names:
        e = getattr(registry, n, None)
        if isinstance(e, type) and issubclass(e, IntEnum):
            return e
    return None


def _name(names: tuple[str, ...], code: int) -> str:
    e = _enum(names)
    if e is not None:
        try:
            return e(code).name
        except ValueError:
            pass
    return f"0x{code:04X}"


def group_name(code: int) -> str:
    # Display names by IANA (TLS Supported Groups); the registry enum is the source.
    return _name(("NamedGroup", "Group", "SupportedGroup"), code)


def alert_name(code: int) -> str:
    return _name(("AlertDescription",), code)


def sigalg_name(code: int) -> str:
    return _name(("SignatureScheme", "SigAlg", "SignatureAlgorithm"), code)
