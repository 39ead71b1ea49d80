"""Safe file names from untrusted certificate names."""

from __future__ import annotations

import re

_SAFE_FILE = re.compile(r"[^A-Za-z0-9_.-]+")


def file_stem(name: str, default: str = "server") -> str:
    """A filename-safe stem from a certificate name (untrusted text)."""
    stem = _SAFE_FILE.sub("_", name.replace("*", "wildcard")).strip("._")[:60]
    return stem or default
