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
