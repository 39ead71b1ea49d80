"""Built pattern tables kept on disk between runs.

Building the ~10,000 patterns from the harvested tables, judging every entry and filing the
trigram index costs about a second of CPU, paid by every ``explain`` and ``logs`` run before
it reads a line; loading the built tables back costs a few tens of milliseconds. A file is
keyed by the package's own files (path, size, modification time), the Python version and the
tables' name, so an edit, an upgrade or another interpreter builds anew.

Only a file this user owns, in a folder this user owns, that nobody else can write, is
loaded: unpickling runs code. ``TLSDOCTOR_CACHE_DIR`` chooses the folder (empty or ``off``:
no cache); the default is ``$XDG_CACHE_HOME/tlsdoctor`` or ``~/.cache/tlsdoctor``
(``tlsdoctor.cachedir``, shared with the trust stores' index). Any failure to read or
write falls back to building in memory: the cache only saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from ..cachedir import cache_dir, write_private
from ..cachedir import private as _private

T = TypeVar("T")
PACKAGE = Path(__file__).resolve().parents[1]  # src/tlsdoctor: the files the tables come from
_SUFFIXES = (".py", ".json", ".toml")


def source_key(root: Path = PACKAGE) -> str:
    """A digest of every source and data file under ``root`` (relative path, size, mtime)
    and of this interpreter's version: any change to them gives another key."""
    h = hashlib.sha256(sys.version.encode())
    for folder, dirs, files in os.walk(root):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(_SUFFIXES):
                path = os.path.join(folder, name)
                st = os.stat(path)
                rel = os.path.relpath(path, root)
                h.update(f"{rel}\0{st.st_size}\0{st.st_mtime_ns}\n".encode())
    return h.hexdigest()[:24]


def _load(path: Path) -> Any:
    if not (path.is_file() and _private(path) and _private(path.parent)):
        return None
    with path.open("rb") as f:
        return pickle.load(f)


def _store(folder: Path, path: Path, value: Any) -> None:
    if not write_private(path, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)):
        return
    stem = path.name.rsplit("-", 1)[0]
    for old in folder.glob(f"{stem}-*.pickle"):  # earlier builds of the same tables
        if old != path:
            old.unlink(missing_ok=True)


def load_or_build(name: str, build: Callable[[], T], check: Callable[[Any], bool]) -> T:
    """The tables called ``name``: loaded from the cache when a file for today's sources
    exists and passes ``check``, otherwise built (and stored for the next run)."""
    folder = cache_dir()
    if folder is None:
        return build()
    # One stem per install and tables: a new build replaces only its own older files.
    tag = hashlib.sha256(f"{PACKAGE}\0{name}".encode()).hexdigest()[:12]
    try:
        path = folder / f"tables-{tag}-{source_key()}.pickle"
        cached = _load(path)
    except (OSError, pickle.PickleError, EOFError, AttributeError, ImportError, ValueError,
            TypeError, IndexError):
        return build()
    if cached is not None and check(cached):
        return cached  # type: ignore[no-any-return]
    value = build()
    # A read-only home or a full disk: the tables were built, only not kept.
    with contextlib.suppress(OSError, pickle.PickleError):
        _store(folder, path, value)
    return value
