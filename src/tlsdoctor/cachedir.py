"""Where tlsdoctor keeps files between runs, and whether one may be read back.

``TLSDOCTOR_CACHE_DIR`` chooses the folder (empty or ``off``: nothing is cached); the
default is ``$XDG_CACHE_HOME/tlsdoctor`` or ``~/.cache/tlsdoctor``. A cached file is read
only when it and its folder are this user's and nobody else may write them: what is read
back is trusted as this user's own earlier work. Used by the pattern tables
(``ingest.pattern_cache``) and the trust stores' index (``pki.trust_index``).
"""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir() -> Path | None:
    """The folder for cached files, or None when caching is off."""
    chosen = os.environ.get("TLSDOCTOR_CACHE_DIR")
    if chosen is not None:
        return None if chosen.strip() in ("", "off") else Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "tlsdoctor"


def private(path: Path) -> bool:
    """True when ``path`` is this user's and no one else may write it."""
    st = path.stat()
    return st.st_uid == os.geteuid() and not st.st_mode & 0o022


def write_private(path: Path, data: bytes) -> bool:
    """Writes ``data`` as ``path`` in a private cache folder, all at once: a file of this
    process's own, then renamed over ``path``, so a parallel reader sees the old file or the
    new one. False, and nothing written, when the folder is not private or a write fails (a
    read-only home, a full disk): a cache that is not kept is only slower. No ``tempfile``:
    its import costs a capture's start-up more than the write."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not private(path.parent):
            return False
        try:
            fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    except OSError:
        return False
    return True
