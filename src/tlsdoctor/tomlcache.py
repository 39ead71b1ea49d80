"""tlsdoctor's own TOML data files (the cause table, the fix snippets...), read through a JSON
copy kept in the cache folder.

Python's TOML parser is written in Python: the cause table and the snippet table (35 KB)
cost a capture with findings ~40 M instructions, 1.4% of the 10 MB capture's CPU
(docs/pcap-speed.md, round 24), for files that change only with tlsdoctor itself. The
parsed table is kept as JSON (read by json's C scanner) keyed by the TOML file's path, size
and mtime_ns and the Python version; any other file, a missing, unreadable or damaged copy
is read from the TOML again. A table JSON cannot hold as parsed (a TOML date) is never
copied. As every cached file, the copy is read only when it and its folder are this user's
alone (``cachedir``), and nothing is written or read with ``TLSDOCTOR_CACHE_DIR=off``.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from .cachedir import cache_dir, private, write_private

__all__ = ["read_toml"]


def _key(path: Path) -> list[object]:
    st = path.stat()
    return [str(path), st.st_size, st.st_mtime_ns, sys.version]


def _copy_of(path: Path) -> Path | None:
    folder = cache_dir()
    if folder is None:
        return None
    return folder / f"toml-{hashlib.sha256(str(path).encode()).hexdigest()[:16]}.json"


def read_toml(path: Path) -> dict[str, Any]:
    """``tomllib.loads`` of the file at ``path`` (UTF-8)."""
    key = _key(path)
    copy = _copy_of(path)
    if copy is not None:
        with contextlib.suppress(OSError, ValueError):
            if copy.is_file() and private(copy) and private(copy.parent):
                doc = json.loads(copy.read_bytes())
                if isinstance(doc, dict) and doc.get("key") == key and \
                        isinstance(doc.get("table"), dict):
                    return doc["table"]  # type: ignore[no-any-return]
    import tomllib  # here: a run that finds the copy never imports the parser

    table = tomllib.loads(path.read_text("utf-8"))
    if copy is not None:
        _write(copy, key, table)
    return table


def _write(copy: Path, key: list[object], table: dict[str, Any]) -> None:
    """Keeps the copy when JSON gives the very table back (any failure: not kept)."""
    try:
        text = json.dumps({"key": key, "table": table}, ensure_ascii=False)
    except (TypeError, ValueError):  # a TOML date or time: JSON has none
        return
    if json.loads(text)["table"] != table:
        return
    write_private(copy, text.encode("utf-8"))
