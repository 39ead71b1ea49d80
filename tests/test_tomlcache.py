"""tlsdoctor's TOML data files read through a parsed JSON copy (tomlcache.py, docs/pcap-speed.md
round 24): the same table as ``tomllib`` gives, whatever state the copy is in."""

from __future__ import annotations

import json
import os
import sys
import tomllib
from pathlib import Path

import pytest

from tlsdoctor import tomlcache

PACKAGE = Path(tomlcache.__file__).parent
TABLE = """\
[a]
text = "x \\"quoted\\" é"
n = 3
f = 1.5
yes = true
list = [1, 2.0, "three", [false]]
[a.inner]
k = 'v'
"""


@pytest.fixture
def files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", str(tmp_path / "cache"))
    data = tmp_path / "table.toml"
    data.write_text(TABLE, encoding="utf-8")
    return data, tmp_path / "cache"


def _parser_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "tomllib", None)  # importing it raises ImportError


def test_the_copy_gives_the_same_table_and_spares_the_parser(files, monkeypatch) -> None:
    data, cache = files
    want = tomllib.loads(TABLE)
    got = tomlcache.read_toml(data)
    assert got == want and json.dumps(got) == json.dumps(want)  # same types, same order
    (copy,) = cache.glob("toml-*.json")
    assert copy.stat().st_mode & 0o077 == 0
    with monkeypatch.context() as m:
        _parser_refused(m)
        again = tomlcache.read_toml(data)
    assert again == want and json.dumps(again) == json.dumps(want)


def test_every_data_file_of_the_package_reads_the_same_through_its_copy(files, monkeypatch) -> None:
    for path in sorted(PACKAGE.rglob("*.toml")):
        want = tomllib.loads(path.read_text("utf-8"))
        assert tomlcache.read_toml(path) == want, path
        with monkeypatch.context() as m:
            _parser_refused(m)
            assert tomlcache.read_toml(path) == want, path


def test_a_changed_file_is_parsed_again(files) -> None:
    data, _cache = files
    tomlcache.read_toml(data)
    data.write_text(TABLE.replace("n = 3", "n = 4"), encoding="utf-8")
    st = data.stat()
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    assert tomlcache.read_toml(data)["a"]["n"] == 4
    # The same size, another modification time only: parsed again too.
    data.write_text(TABLE.replace("n = 3", "n = 5"), encoding="utf-8")
    os.utime(data, ns=(st.st_atime_ns, st.st_mtime_ns + 2 * 10**9))
    assert tomlcache.read_toml(data)["a"]["n"] == 5


@pytest.mark.parametrize("damage", ["", "not json", "[]", '{"key": 1}', "damaged table",
                                    "others may write it"])
def test_a_damaged_copy_is_not_used(files, damage) -> None:
    data, cache = files
    tomlcache.read_toml(data)
    (copy,) = cache.glob("toml-*.json")
    if damage == "damaged table":
        doc = json.loads(copy.read_text())
        doc["table"]["a"]["n"] = 99
        doc["key"][2] += 1  # the key of another version of the file
        copy.write_text(json.dumps(doc))
    elif damage == "others may write it":
        doc = json.loads(copy.read_text())
        doc["table"]["a"]["n"] = 99  # a table the file does not hold
        copy.write_text(json.dumps(doc))
        copy.chmod(0o666)
    else:
        copy.write_text(damage)
    assert tomlcache.read_toml(data) == tomllib.loads(TABLE)


def test_a_table_json_cannot_hold_is_not_copied(files) -> None:
    data, cache = files
    data.write_text('when = 1979-05-27T07:32:00Z\nx = nan\n', encoding="utf-8")
    got = tomlcache.read_toml(data)
    assert got["when"].year == 1979
    assert not list(cache.glob("toml-*.json"))


def test_nothing_is_written_or_read_when_the_cache_is_off(files, monkeypatch, tmp_path) -> None:
    data, cache = files
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert tomlcache.read_toml(data) == tomllib.loads(TABLE)
    with monkeypatch.context() as m:
        _parser_refused(m)
        with pytest.raises(ImportError):
            tomlcache.read_toml(data)  # no copy: the parser is needed
    assert not any(p.exists() for p in (cache, tmp_path / "xdg", tmp_path / "home"))
