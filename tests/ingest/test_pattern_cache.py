"""The built pattern tables are kept on disk (ingest/pattern_cache.py): a second run loads
what the first built, an edited source builds anew, and a file another user could have
written is never unpickled."""

from __future__ import annotations

import os
import pickle
import subprocess
import sys
from pathlib import Path

import pytest

from tlsdoctor.ingest import pattern_cache

SRC = Path(pattern_cache.__file__).resolve().parents[2]


def _run_twice_counting_builds(cache: Path) -> list[str]:
    """Two fresh interpreters read the same error text; each prints how often it built the
    tables from the harvested sources and the top cause it found."""
    code = (
        "from tlsdoctor.ingest.patterns import harvested\n"
        "calls = []\n"
        "real = harvested.upstream_patterns\n"
        "harvested.upstream_patterns = lambda *a, **k: calls.append(1) or real(*a, **k)\n"
        "from tlsdoctor.api import explain\n"
        "r = explain('curl: (60) SSL certificate problem: certificate has expired')\n"
        "print(bool(calls), r.findings[0].cause.value)\n")
    env = {**os.environ, "PYTHONPATH": str(SRC), "TLSDOCTOR_CACHE_DIR": str(cache)}
    return [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                           text=True, check=True, timeout=120).stdout.strip()
            for _ in range(2)]


def test_a_second_run_loads_the_tables_the_first_built(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    first, second = _run_twice_counting_builds(cache)
    assert first == "True cert_expired", first  # built from the harvested tables
    assert second == "False cert_expired", second  # loaded: nothing harvested was rebuilt
    assert len(list(cache.glob("tables-*.pickle"))) == 1
    assert cache.stat().st_mode & 0o077 == 0


def test_the_key_changes_with_any_source_file(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("x = 1\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.json").write_text("{}")
    before = pattern_cache.source_key(tmp_path)
    assert pattern_cache.source_key(tmp_path) == before
    (tmp_path / "sub" / "b.json").write_text('{"a": 1}')
    assert pattern_cache.source_key(tmp_path) != before
    (tmp_path / "notes.txt").write_text("not a source")
    changed = pattern_cache.source_key(tmp_path)
    assert pattern_cache.source_key(tmp_path) == changed


def _cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, value: object) -> Path:
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", str(tmp_path))
    pattern_cache.load_or_build("t", lambda: value, lambda v: True)
    (path,) = tmp_path.glob("tables-*.pickle")
    return path


def test_a_file_others_can_write_is_not_loaded(tmp_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    path = _cached(tmp_path, monkeypatch, ("stored",))
    assert pattern_cache.load_or_build("t", lambda: ("built",), lambda v: True) == ("stored",)
    path.chmod(0o666)
    assert pattern_cache.load_or_build("t", lambda: ("built",), lambda v: True) == ("built",)


def test_a_broken_or_foreign_file_is_rebuilt(tmp_path: Path,
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    path = _cached(tmp_path, monkeypatch, ("stored",))
    path.write_bytes(b"\x80\x05garbage")
    assert pattern_cache.load_or_build("t", lambda: ("built",), lambda v: True) == ("built",)
    path.write_bytes(pickle.dumps(["another", "shape"]))
    got = pattern_cache.load_or_build("t", lambda: ("built",), lambda v: isinstance(v, tuple))
    assert got == ("built",)


def test_no_cache_and_an_unwritable_folder_still_build(tmp_path: Path,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", "off")
    assert pattern_cache.cache_dir() is None
    assert pattern_cache.load_or_build("t", lambda: (1,), lambda v: True) == (1,)
    blocker = tmp_path / "file"
    blocker.write_text("a file where the folder should be")
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", str(blocker / "cache"))
    assert pattern_cache.load_or_build("t", lambda: (2,), lambda v: True) == (2,)
