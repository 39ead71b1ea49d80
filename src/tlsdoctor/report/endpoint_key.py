"""How a fleet endpoint's key is shown in a table (terminal and HTML alike)."""

from __future__ import annotations

import posixpath
import shlex


def short_endpoint(key: str) -> str:
    """The endpoint key with each ``--ca-file`` path cut to its file name (a cell's title
    and the JSON keep it whole), as ``fleet status`` shows it."""
    try:
        words = shlex.split(key)
    except ValueError:
        return key
    for i, word in enumerate(words[:-1]):
        if word == "--ca-file":
            words[i + 1] = posixpath.basename(words[i + 1])
    return " ".join(words)
