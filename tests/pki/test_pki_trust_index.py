"""The trust stores' index on disk (pki/trust_index.py): a speed-up only. The stores read
through it are the stores read from their files, whatever state the index is in: absent,
current, stale after a store file changed, corrupt, writable by others, or turned off."""

from __future__ import annotations

import base64
import json
import os
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from test_pki_trust import _jks

from tlsdoctor.pki import trust, trust_index


def _fresh() -> None:
    """As a new process: nothing parsed or indexed in memory."""
    for f in (trust._load_cached, trust._read_pem_cached, trust._read_java_cached,
              trust._checked_root, trust._parsed):
        f.cache_clear()
    trust._FPS.clear()
    trust._SUBJECTS.clear()
    trust_index.reset()


def _picture(stores: trust.TrustStores) -> list[Any]:
    """Everything a judgement reads of the stores: roots in order, the indexes by subject
    and fingerprint."""
    return [(s.name, s.source, [c.public_bytes(Encoding.DER) for c in s.roots],
             sorted(s._by_subject), {k: [c.public_bytes(Encoding.DER) for c in v]
                                     for k, v in s._by_subject.items()}, sorted(s._fingerprints))
            for s in stores]


@pytest.fixture
def setup(ca, inter, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Any]:
    bundle = tmp_path / "bundle.pem"
    bundle.write_bytes(ca.cert_pem + b"junk between\n" + inter.cert_pem)
    hashed = tmp_path / "hashed"
    hashed.mkdir()
    (hashed / "abcdef01.0").write_bytes(inter.cert_pem)
    monkeypatch.setenv("SSL_CERT_FILE", str(bundle))
    monkeypatch.setenv("SSL_CERT_DIR", str(hashed))
    cache = tmp_path / "cache"
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", "off")
    _fresh()
    plain = _picture(trust.load_trust_stores())  # read from the files, no index
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", str(cache))
    _fresh()
    yield {"bundle": bundle, "cache": cache, "index": cache / trust_index.NAME, "plain": plain}
    _fresh()


def _no_file_reading(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_args: object) -> None:
        raise AssertionError("a store file was read although the index knows it")
    monkeypatch.setattr(trust, "_roots_from_pem", refuse)
    monkeypatch.setattr(trust, "_java_roots", refuse)


def test_a_second_run_reads_the_index_and_gets_the_same_stores(setup, monkeypatch) -> None:
    assert _picture(trust.load_trust_stores()) == setup["plain"]  # built, then written
    assert setup["index"].is_file()
    assert setup["index"].stat().st_mode & 0o077 == 0
    _fresh()
    with monkeypatch.context() as m:
        _no_file_reading(m)
        assert _picture(trust.load_trust_stores()) == setup["plain"]
    # The roots' subjects came from the index: the same bytes the certificates give.
    for store in trust.load_trust_stores():
        for c in store.roots:
            assert trust._subject(c) == c.subject.public_bytes()


def test_a_changed_store_file_is_read_again(setup, ca, inter, monkeypatch) -> None:
    trust.load_trust_stores()
    bundle: Path = setup["bundle"]
    other = ca.issue(("index.example",)).cert.public_bytes(Encoding.PEM)
    bundle.write_bytes(inter.cert_pem + other)  # another content, size and mtime
    st = bundle.stat()
    os.utime(bundle, ns=(st.st_atime_ns, st.st_mtime_ns + 10**9))
    _fresh()
    got = trust.load_trust_stores()
    assert [c.public_bytes(Encoding.PEM) for c in got.default.roots][:2] == [inter.cert_pem, other]
    # The same size and content, only the modification time: read again too.
    os.utime(bundle, ns=(st.st_atime_ns, st.st_mtime_ns + 2 * 10**9))
    _fresh()
    read: list[bytes] = []
    real = trust._roots_from_pem
    monkeypatch.setattr(trust, "_roots_from_pem", lambda data: read.append(data) or real(data))
    assert _picture(trust.load_trust_stores()) == _picture(got)
    assert read == [bundle.read_bytes()]
    # The stale entries of the bundle were dropped when the index was written again.
    keys = json.loads(setup["index"].read_text())["files"]
    assert sum(str(bundle) in k for k in keys) == 1


@pytest.mark.parametrize("damage", [
    b"", b"not json", b"{", b"[]", b'{"stamp": 1}',
    "bad base64", "a DER that does not load", "a row out of range", "another stamp"])
def test_a_damaged_index_is_ignored_and_written_again(setup, monkeypatch, damage) -> None:
    trust.load_trust_stores()
    path: Path = setup["index"]
    if isinstance(damage, bytes):
        path.write_bytes(damage)
    else:
        doc = json.loads(path.read_text())
        if damage == "bad base64":
            doc["certs"][0] = "@@@" + doc["certs"][0]
        elif damage == "a DER that does not load":
            doc["certs"] = ["MAMCAQE=" for _ in doc["certs"]]  # SEQUENCE { INTEGER 1 }
        elif damage == "a row out of range":
            next(iter(doc["files"].values()))[0][0] = 10**6
        else:
            doc["stamp"][1] = "Python 2.7"
        path.write_text(json.dumps(doc))
    path.chmod(0o600)
    _fresh()
    assert _picture(trust.load_trust_stores()) == setup["plain"]
    _fresh()  # rewritten whole: a run after it reads nothing but the index
    with monkeypatch.context() as m:
        _no_file_reading(m)
        assert _picture(trust.load_trust_stores()) == setup["plain"]


def test_an_index_others_may_write_is_not_read(setup, ca) -> None:
    """The index is trusted as this user's own reading: one that another user could have
    written (here: it names a root the store files do not hold) is not read."""
    trust.load_trust_stores()
    path: Path = setup["index"]
    doc = json.loads(path.read_text())
    planted = ca.issue(("planted.example",)).cert
    doc["certs"] = [base64.b64encode(planted.public_bytes(Encoding.DER)).decode()
                    for _ in doc["certs"]]
    planted_doc = json.dumps(doc)
    path.write_text(planted_doc)
    path.chmod(0o666)
    _fresh()
    assert _picture(trust.load_trust_stores()) == setup["plain"]
    assert path.stat().st_mode & 0o777 == 0o600  # written again from the files
    path.write_text(planted_doc)  # this user's alone: read, as the user's own reading
    _fresh()
    assert planted in trust.load_trust_stores().default.roots


def test_nothing_is_read_or_written_when_the_cache_is_off(setup, monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("TLSDOCTOR_CACHE_DIR", "off")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    read: list[bytes] = []
    real = trust._roots_from_pem
    monkeypatch.setattr(trust, "_roots_from_pem", lambda data: read.append(data) or real(data))
    runs = []
    for _ in range(2):
        _fresh()
        assert _picture(trust.load_trust_stores()) == setup["plain"]
        runs.append(len(read))
    assert runs[0] >= 2 and runs[1] == 2 * runs[0]  # the bundle, the hashed file...: each run
    assert not any(p.exists() for p in (setup["cache"], tmp_path / "xdg", tmp_path / "home"))


def test_a_java_store_goes_through_the_index(setup, ca, inter, tmp_path, monkeypatch) -> None:
    jks = tmp_path / "cacerts"
    jks.write_bytes(_jks([ca.cert, inter.cert]))
    assert trust.read_java_store(str(jks)) == (ca.cert, inter.cert)
    trust_index.save()
    _fresh()
    with monkeypatch.context() as m:
        _no_file_reading(m)
        got = trust.read_java_store(str(jks))
    assert [c.public_bytes(Encoding.DER) for c in got] == \
        [c.public_bytes(Encoding.DER) for c in (ca.cert, inter.cert)]
