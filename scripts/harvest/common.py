"""Reading upstream files and recording where every string came from.

An origin is one upstream tree at one commit: a git mirror brought by the search tool's
``fetch`` (``/work/.mirror/owner+name/repo``), a saved excerpt of a file read through the
search index (``/work/.mirror/_files/owner+name`` with a ``COMMIT`` file), or the source a
Debian package or installed program ships (Go, the JDK's src.zip, Node's built-in modules,
Firefox's omni.ja, mingw-w64's headers), recorded with its version.
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

MIRROR = Path("/work/.mirror")


@dataclass
class Origin:
    repo: str  # upstream owner/name
    ref: str  # tag, branch or version
    commit: str  # commit id, or the version when the source is a package
    read_from: str  # where the files were read here (a git dir, a directory, a package)
    _git: Path | None = None
    _dir: Path | None = None
    _files: dict[str, str] = field(default_factory=dict)

    def read(self, path: str) -> str:
        if path in self._files:
            return self._files[path]
        if self._git is not None:
            out = subprocess.run(["git", f"--git-dir={self._git}", "show", f"{self.commit}:{path}"],
                                 capture_output=True, check=True)
            return out.stdout.decode("utf-8", "replace")
        assert self._dir is not None
        return (self._dir / path).read_text("utf-8", "replace")

    def exists(self, path: str) -> bool:
        if path in self._files:
            return True
        if self._git is not None:
            r = subprocess.run(["git", f"--git-dir={self._git}", "cat-file", "-e",
                                f"{self.commit}:{path}"], capture_output=True)
            return r.returncode == 0
        return self._dir is not None and (self._dir / path).is_file()

    def ls(self, folder: str) -> list[str]:
        if self._git is not None:
            out = subprocess.run(["git", f"--git-dir={self._git}", "ls-tree", "-r", "--name-only",
                                  self.commit, folder], capture_output=True, text=True, check=True)
            return out.stdout.split()
        if self._files:
            return sorted(p for p in self._files if p.startswith(folder))
        assert self._dir is not None
        base = self._dir / folder
        return sorted(str(p.relative_to(self._dir)) for p in base.rglob("*") if p.is_file())

    def describe(self) -> dict[str, str]:
        return {"repo": self.repo, "ref": self.ref, "commit": self.commit,
                "read_from": self.read_from}


def git_origin(repo: str, ref: str = "HEAD", mirror: str | None = None) -> Origin:
    """``repo`` at ``ref`` from its fetched mirror (or a fork's mirror with the same commits)."""
    gitdir = MIRROR / (mirror or repo.replace("/", "+")) / "repo"
    commit = subprocess.run(["git", f"--git-dir={gitdir}", "rev-parse", f"{ref}^{{commit}}"],
                            capture_output=True, text=True, check=True).stdout.strip()
    src = f"mirror of {mirror.replace('+', '/')} (same commits)" if mirror else "mirror"
    return Origin(repo=repo, ref=ref, commit=commit, read_from=src, _git=gitdir)


def dir_origin(repo: str, ref: str, commit: str, root: Path, read_from: str) -> Origin:
    return Origin(repo=repo, ref=ref, commit=commit, read_from=read_from, _dir=root)


def files_origin(repo: str, ref: str, commit: str, files: dict[str, str],
                 read_from: str) -> Origin:
    return Origin(repo=repo, ref=ref, commit=commit, read_from=read_from, _files=files)


def excerpt_origin(repo: str) -> Origin:
    """A file read through the search index and saved as an excerpt (commit in COMMIT)."""
    root = MIRROR / "_files" / repo.replace("/", "+")
    commit = (root / "COMMIT").read_text().strip()
    return dir_origin(repo, "index", commit, root, "excerpt read through the search index")


class Harvest:
    """The entries of one source, each with the origin it was read from."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.origins: list[Origin] = []
        self.entries: dict[tuple[str, str], dict[str, object]] = {}

    def add(self, origin: Origin, path: str, ident: str, text: str, kind: str,
            **extra: object) -> None:
        text = text.strip("\n")
        if not text.strip():
            return
        if origin not in self.origins:
            self.origins.append(origin)
        key = (ident, text)
        seen = {"ref": origin.ref, "commit": origin.commit, "path": path}
        if key in self.entries:
            refs = self.entries[key]["seen"]
            assert isinstance(refs, list)
            if seen not in refs:
                refs.append(seen)
            return
        self.entries[key] = {"id": ident, "text": text, "kind": kind, "repo": origin.repo,
                             "seen": [seen], **extra}

    def to_json(self) -> dict[str, object]:
        return {"source": self.source, "origins": [o.describe() for o in self.origins],
                "entries": list(self.entries.values())}


# --- C string literals ---------------------------------------------------------------------

_LIT = re.compile(r'"((?:[^"\\\n]|\\.)*)"')
_ESC = {"n": "\n", "t": "\t", '"': '"', "\\": "\\", "'": "'", "r": "\r", "0": ""}


def unescape(s: str) -> str:
    return re.sub(r"\\(.)", lambda m: _ESC.get(m.group(1), m.group(1)), s)


_NEXT = re.compile(r'\s*(?:"((?:[^"\\\n]|\\.)*)"|([A-Z][A-Z0-9_]{2,40})(?=\s*"))')


def first_string(args: str) -> str:
    """The first string argument of a C call (adjacent literals joined), unescaped.

    A format macro between literals (``"%" PRIu64 " bytes"``) stands for a conversion.
    """
    m = _LIT.search(args)
    if not m:
        return ""
    parts, pos = [m.group(1)], m.end()
    while (nxt := _NEXT.match(args, pos)) is not None:
        parts.append(nxt.group(1) if nxt.group(1) is not None else "d")
        pos = nxt.end()
    return unescape("".join(parts))


def call_strings(src: str, funcs: tuple[str, ...]) -> list[tuple[str, str]]:
    """(function, first string argument) of every call to one of ``funcs`` in C source."""
    out = []
    rx = re.compile(r"\b(" + "|".join(map(re.escape, funcs)) + r")\s*\(")
    for m in rx.finditer(src):
        end = src.find(";", m.end())
        args = src[m.end(): end if end > 0 else m.end() + 2000][:3000]
        text = first_string(args)
        if text:
            out.append((m.group(1), text))
    return out
