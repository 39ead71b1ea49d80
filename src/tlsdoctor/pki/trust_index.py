"""The trust stores' roots as read before: an index on disk, kept between runs.

Reading the stores was ~4% of a 10 MB capture's CPU (docs/pcap-speed.md, round 24): every
run decoded the system bundle, its hashed directory, certifi's bundle and a JDK's
cacerts, checked each root and built its subject's Name, for files that rarely change.
The index keeps, for each store file read, the DER of every root it gave and that root's
subject DER; a run whose files all match reads the index and only parses the DERs
(cryptography's parser), with no PEM, JKS or checking work.

Only a speed-up. A file is keyed by how it was read (PEM or Java store), its path, device,
inode, size and mtime_ns; the whole index by the Python and cryptography versions and
the reading code's own files. A file that changed gets another key and is read anew; an
index that cannot be read or parsed, or that holds a DER that does not load, is ignored
and written again; with ``TLSDOCTOR_CACHE_DIR=off`` nothing is read or written. As the
pattern cache, it is read only when it and its folder are this user's alone
(``cachedir.private``): its roots are trusted as this user's own reading of the same files.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

from ..cachedir import cache_dir, private, write_private

FORMAT = 1
MAX_FILES = 2048  # store files remembered; the oldest entries go first
_HERE = Path(__file__).resolve().parent
# One index per installed copy of tlsdoctor (as the pattern cache's files): two checkouts
# used in turn do not take each other's index for a stale one and rewrite it every run.
NAME = f"trust-index-{hashlib.sha256(str(_HERE).encode()).hexdigest()[:12]}.json"
_CODE = (_HERE / "trust.py", _HERE / "certinfo.py", Path(__file__).resolve())

# (DER, subject DER) of each root a store file gave, in the file's order.
Roots = tuple[tuple[bytes, bytes], ...]

_state: dict[str, Any] = {}  # "known": key -> Roots from disk, "added": keys read this run


def _stamp() -> list[str]:
    """What the index was made with: another interpreter, cryptography or reading code
    makes every entry unknown."""
    import cryptography

    parts = [str(FORMAT), sys.version, cryptography.__version__]
    for path in _CODE:
        with contextlib.suppress(OSError):
            st = path.stat()
            parts.append(f"{path}\0{st.st_size}\0{st.st_mtime_ns}")
    return parts


def file_key(kind: str, key: tuple[object, ...]) -> str:
    return "\0".join([kind, *map(str, key)])


def _file_of(key: str) -> str:
    """How and which file (``file_key``'s first two parts), whatever its stat says."""
    return "\0".join(key.split("\0", 2)[:2])


def _path() -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / NAME


def _read() -> dict[str, Roots]:
    """The entries on disk, or none when there is no usable index."""
    path = _path()
    try:
        if path is None or not (path.is_file() and private(path) and private(path.parent)):
            return {}
        doc = json.loads(path.read_bytes())
        if not isinstance(doc, dict) or doc.get("stamp") != _stamp():
            return {}
        # strict: only the alphabet, padding at the end (b64decode's validate is a regex)
        ders = [binascii.a2b_base64(d, strict_mode=True) for d in doc["certs"]]
        known: dict[str, Roots] = {}
        for key, rows in doc["files"].items():
            known[str(key)] = tuple((ders[i], binascii.a2b_base64(s, strict_mode=True))
                                    for i, s in rows)
        return known
    except (OSError, ValueError, TypeError, KeyError, IndexError, binascii.Error):
        return {}


def active() -> bool:
    """Whether an index is kept at all (``TLSDOCTOR_CACHE_DIR`` is not ``off``)."""
    return _path() is not None


def lookup(key: str) -> Roots | None:
    """The roots the file keyed ``key`` gave before, or None when the index does not know."""
    if "known" not in _state:
        _state["known"], _state["added"] = _read(), {}
    got: Roots | None = _state["known"].get(key)
    return got


def remember(key: str, roots: Roots) -> None:
    """What the file keyed ``key`` gave when read now (written by ``save``)."""
    lookup(key)  # the index on disk first, so that saving keeps its entries
    _state["known"][key] = roots
    _state["added"][key] = True


def save() -> None:
    """Writes the index when this run read a file it did not know (atomically; any
    failure leaves the index as it was: it only saves time)."""
    if not _state.get("added") or (path := _path()) is None:
        return
    added, _state["added"] = _state["added"], {}
    known: dict[str, Roots] = _state["known"]
    # A file read anew replaces its earlier entries (the file changed since).
    renewed = {_file_of(k) for k in added}
    kept = [(k, v) for k, v in known.items() if k in added or _file_of(k) not in renewed]
    files = dict(kept[-MAX_FILES:])
    ders: dict[bytes, int] = {}
    rows = {k: [[ders.setdefault(der, len(ders)), base64.b64encode(subject).decode()]
                 for der, subject in roots] for k, roots in files.items()}
    doc = {"stamp": _stamp(), "certs": [base64.b64encode(d).decode() for d in ders],
           "files": rows}
    write_private(path, json.dumps(doc, separators=(",", ":")).encode())


def reset() -> None:
    """Forget what was read (the next lookup reads the index again): for tests."""
    _state.clear()
