"""cachedir.write_private: the one writer of the caches (pattern tables, trust index, TOML
copies): a private file put in place whole, nothing written where others may write."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from tlsdoctor.cachedir import private, write_private


def test_writes_a_private_file_whole_and_leaves_no_temporary(tmp_path: Path) -> None:
    path = tmp_path / "cache" / "index.json"
    assert write_private(path, b"one")
    assert write_private(path, b"two")  # replaces the earlier file
    assert path.read_bytes() == b"two"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600 and private(path.parent)
    assert sorted(os.listdir(path.parent)) == ["index.json"]


def test_writes_nothing_in_a_folder_others_may_write(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    assert not write_private(shared / "index.json", b"planted?")
    assert os.listdir(shared) == []


def test_a_folder_that_cannot_be_made_is_no_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_bytes(b"")
    assert not write_private(blocker / "sub" / "index.json", b"x")
