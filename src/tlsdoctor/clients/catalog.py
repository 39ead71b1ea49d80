"""The built-in client profiles, loaded from ``profiles.json`` beside this module.

The data file holds what each client *offers* (versions, cipher suites in order, groups,
signature algorithms, SNI, ALPN: named lists, each with its source) and what it
*accepts* (a verification policy per client family, every fact with its source; a
policy may build on another and override some facts). This module only reads and
checks the file: a malformed entry is a bug in the package, reported by name.
"""

from __future__ import annotations

import json
from dataclasses import fields
from functools import cache
from importlib import resources
from typing import Any

from ..errors import UsageError
from .local import local_profile
from .profile import VERSION_NAMES, ClientProfile, VerifyPolicy

_VERSION_CODES = {name: code for code, name in VERSION_NAMES.items()}
_POLICY_TYPES = {f.name: f.type for f in fields(VerifyPolicy) if f.name != "sources"}
_MAX_POLICY_DEPTH = 4  # a policy builds on at most this many others


class CatalogError(ValueError):
    """profiles.json is malformed (a packaging bug, not a user error)."""


def _codes(value: Any, lists: dict[str, Any], where: str) -> tuple[int, ...]:
    """A list of hex code points, or the name of a shared list."""
    if isinstance(value, str):
        if value not in lists:
            raise CatalogError(f"{where}: unknown list {value!r}")
        value = lists[value]["values"]
    if not isinstance(value, list):
        raise CatalogError(f"{where}: expected a list of code points")
    return tuple(int(v, 16) for v in value)


def _version(name: Any, where: str) -> int:
    if name not in _VERSION_CODES:
        raise CatalogError(f"{where}: unknown version {name!r}")
    return _VERSION_CODES[name]


def _facts(policies: dict[str, Any], name: str) -> dict[str, dict[str, Any]]:
    """A policy's facts with those of the policies it builds on (nearest wins)."""
    chain: list[dict[str, Any]] = []
    current: str | None = name
    while current is not None and len(chain) <= _MAX_POLICY_DEPTH:
        if current not in policies:
            raise CatalogError(f"unknown policy {current!r}")
        chain.append(policies[current])
        current = policies[current].get("base")
    merged: dict[str, dict[str, Any]] = {}
    for policy in reversed(chain):
        merged.update(policy["facts"])
    return merged


def _policy(policies: dict[str, Any], name: str) -> VerifyPolicy:
    values: dict[str, Any] = {}
    sources = []
    for key, fact in sorted(_facts(policies, name).items()):
        if key not in _POLICY_TYPES or not fact.get("source"):
            raise CatalogError(f"policy {name}: {key!r} is not a known fact with a source")
        value = fact["value"]
        if key in ("min_version", "server_min_version"):
            value = _version(value, f"policy {name}")
        elif isinstance(value, list):
            value = tuple(value)
        values[key] = value
        sources.append((key, str(fact["source"])))
    return VerifyPolicy(**values, sources=tuple(sources))


def _flag(entry: dict[str, Any], key: str) -> bool | None:
    value = entry.get(key)
    if value is not None and not isinstance(value, bool):
        raise CatalogError(f"{entry['name']}: {key} must be true, false or absent")
    return value


def _profile(entry: dict[str, Any], lists: dict[str, Any],
             policies: dict[str, VerifyPolicy]) -> ClientProfile:
    name = entry["name"]
    policy = policies[entry["policy"]]
    versions = tuple(_version(v, name) for v in entry["versions"])
    rsa, dh = policy.min_rsa_bits, policy.min_dh_bits
    hashes = policy.refused_signature_hashes
    suites = _codes(entry["cipher_suites"], lists, name)
    no_aes = _codes(entry.get("cipher_suites_no_aes", []), lists, name)
    if no_aes and sorted(no_aes) != sorted(suites):
        raise CatalogError(f"{name}: cipher_suites_no_aes must reorder cipher_suites")
    return ClientProfile(
        name=name, title=entry["title"], family=entry["family"], trust=entry["trust"],
        fix_kind=entry["fix_kind"],
        versions=versions, cipher_suites=suites, cipher_suites_no_aes=no_aes,
        groups=_codes(entry["groups"], lists, name),
        signature_algorithms=_codes(entry["signature_algorithms"], lists, name),
        sni=bool(entry.get("sni", True)), alpn=tuple(entry.get("alpn", ())),
        status_request=_flag(entry, "status_request"),
        extended_master_secret=_flag(entry, "extended_master_secret"),
        sources=tuple(entry["sources"]), policy=policy,
        verified_against=entry.get("verified_against"),
        # The flat fields older rules read, from the same policy.
        min_rsa_bits=rsa if rsa is not None else 1024,
        min_dh_bits=dh if dh is not None else 1024,
        sha1_certs=hashes is not None and "sha1" not in hashes)


def load_catalog(text: str) -> tuple[ClientProfile, ...]:
    """Profiles from the JSON text of a profiles file (raises CatalogError)."""
    try:
        data = json.loads(text)
        lists, raw_policies = data["lists"], data["policies"]
        policies = {name: _policy(raw_policies, name) for name in raw_policies}
        return tuple(_profile(entry, lists, policies) for entry in data["profiles"])
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, CatalogError):
            raise
        raise CatalogError(f"profiles.json: {type(exc).__name__}: {exc}") from exc


@cache
def _catalog() -> tuple[ClientProfile, ...]:
    text = (resources.files("tlsdoctor.clients") / "profiles.json").read_text(encoding="utf-8")
    return (local_profile(), *load_catalog(text))


def all_profiles() -> tuple[ClientProfile, ...]:
    """The built-in profiles, then those captured with ``tlsdoctor listen --save``."""
    from .saved import load_saved

    return _catalog() + load_saved()


def get_profile(name: str) -> ClientProfile:
    key = name.strip().lower()
    for p in all_profiles():
        if p.name == key:
            return p
    close = [p.name for p in _catalog() if key.split("-")[0] in p.name]
    hint = f"; did you mean {', '.join(close[:5])}?" if close else "; see 'tlsdoctor clients'"
    raise UsageError(f"unknown client profile {name!r}{hint}")
