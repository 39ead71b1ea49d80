"""The pcap shortcuts change nothing: decoding once per hello shape (hello_cache), judging
once per distinct evidence (judge_cache) and looking the verdict up before the evidence
is built (verdicts) give exactly what decoding and judging every
connection afresh gives, on every recorded capture and on a capture of many copies of
them (each copy with its own addresses, frame numbers and time stamps)."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap
from pcap_split import record_splits

from tlsdoctor import read_pcap
from tlsdoctor.errors import InputError
from tlsdoctor.ingest import hello_cache, pcap, pcap_jobs, pcap_tls, verdicts
from tlsdoctor.wire import decode_handshake

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"


def _json(path: Path, max_events: int = 1000) -> dict[str, Any]:
    data = read_pcap(path, max_events=max_events).to_json()
    data["summary"].pop("seconds")
    return data


def _built(tmp_path_factory: pytest.TempPathFactory, name: str, mb: float) -> Path:
    """A handshake-heavy capture of ``mb`` MB made by the benchmark's own builder."""
    bench = bench_pcap()
    path = tmp_path_factory.mktemp(name) / f"{name}.pcap"
    bench.build(path, mb)
    return path


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory, "copies", 0.5)


class _Afresh:
    """Every connection judged afresh: no table, its own frame numbers in the words."""

    def __init__(self, judge: Any) -> None:
        self.judge = judge

    def __call__(self, ev: Any, *, exact: bool = True) -> Any:
        return self.judge(ev)

    def shape(self, ev: Any) -> tuple[Any, None]:
        return self.judge(ev), None


class _NoVerdicts(verdicts.Verdicts):
    def get(self, key: tuple[Any, ...], st: pcap_tls.ConnState) -> verdicts.Verdict | None:
        return None


def test_shortcuts_change_nothing(copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [*sorted(CAPTURES.glob("*.pcap*")), copies]
    # all listed, and only the first three (the rest counted and grouped: verdicts)
    fast = {(f.name, n): _json(f, n) for f in files for n in (1000, 3)}
    # judged afresh every time (``exact`` only matters to the table)
    monkeypatch.setattr(pcap, "CachedJudge", _Afresh)
    monkeypatch.setattr(pcap, "Verdicts", _NoVerdicts)  # every connection's Exchange built
    monkeypatch.setattr(pcap_tls, "decode_cached",
                        lambda t, body, version: decode_handshake(t, body, version=version))
    for f in files:
        for n in (1000, 3):
            slow = _json(f, n)
            assert json.dumps(fast[f.name, n], sort_keys=True) == json.dumps(slow, sort_keys=True), f.name
    # the copies really exercise the tables: many alerts with their own frame numbers
    alerts = [a["packet"] for e in fast["copies.pcap", 1000]["events"] for a in e["alerts"]]
    assert len(alerts) > 50 and len(set(alerts)) == len(alerts)


def test_frame_numbers_are_written_back_per_connection(copies: Path) -> None:
    for e in _json(copies)["events"]:
        for f in e["findings"]:
            text = json.dumps(f)
            assert "7000000000" not in text  # no placeholder leaks
        packets = {str(a["packet"]) for a in e["alerts"]} | {str(h["packet"])
                                                             for h in e["history"]}
        for f in e["findings"]:
            for line in f["evidence"]:
                for number in re.findall(r"\(packet (\d+)\)", line):
                    assert number in packets, (line, packets)


def test_hello_shape_key_ignores_only_per_connection_bytes() -> None:
    import os

    from tlsdoctor.wire.hello import ClientHelloSpec, encode_client_hello

    def body(sni: str, *, suites: tuple[int, ...] = (0x1301, 0xC02F)) -> bytes:
        spec = ClientHelloSpec(sni=sni, cipher_suites=suites, versions=(0x0304, 0x0303),
                               key_share_groups=(0x001D,))
        return encode_client_hello(spec, random=os.urandom(32), session_id=os.urandom(32),
                                   key_shares={0x001D: os.urandom(32)})[4:]

    a, again = body("a.example"), body("a.example")
    assert a != again  # other random, session id and key share
    assert hello_cache._hello_key(1, a) == hello_cache._hello_key(1, again) is not None
    assert hello_cache._hello_key(1, a) != hello_cache._hello_key(1, body("b.example"))
    assert hello_cache._hello_key(1, a) != hello_cache._hello_key(1, body("a.example",
                                                                          suites=(0x1301,)))
    assert hello_cache._hello_key(1, a[:-1]) is None  # framing that does not add up: decoder


# Link layers the raw-bytes fast path reads besides plain Ethernet: (link type, the
# frame rebuilt from an Ethernet II / IPv4 frame).
_LINKS = {
    "sll": (113, lambda eth: b"\x00\x00\x03\x04\x00\x06" + eth[6:12] + b"\x00\x00\x08\x00" + eth[14:]),
    "sll2": (276, lambda eth: b"\x08\x00\x00\x00\x00\x00\x00\x01\x00\x01\x00\x06" + eth[6:12]
             + b"\x00\x00" + eth[14:]),
    "raw": (101, lambda eth: eth[14:]),
    "vlan": (1, lambda eth: eth[:12] + b"\x81\x00\x00\x05\x08\x00" + eth[14:]),
    "null": (0, lambda eth: b"\x02\x00\x00\x00" + eth[14:]),
}


def _relinked(src: Path, dst: Path, linktype: int, frame: Any) -> None:
    import struct

    from tlsdoctor.ingest.pcap_file import FrameSource

    out = bytearray(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
    with src.open("rb") as f:
        for fr in FrameSource(f, max_bytes=1 << 30):
            data = frame(fr.data)
            sec = int(fr.ts)
            out += struct.pack("<IIII", sec, round((fr.ts - sec) * 1e6), len(data), len(data))
            out += data
    dst.write_bytes(bytes(out))


def test_fast_path_of_other_link_layers_changes_nothing(copies: Path, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    files = []
    for name, (linktype, frame) in _LINKS.items():
        files.append(tmp_path / f"{name}.pcap")
        _relinked(copies, files[-1], linktype, frame)
    decoded = []  # frames decoded in full
    full = pcap._packet
    monkeypatch.setattr(pcap, "_packet", lambda an, sc, number, *rest: (
        decoded.append(number), full(an, sc, number, *rest))[1])
    fast = {f.name: _json(f, 3) for f in files}
    packets = sum(d["summary"]["capture"]["packets"] for d in fast.values())
    assert len(decoded) < packets / 4  # most frames took the fast path
    # every frame decoded in full: no raw-bytes aliases, no fast path
    monkeypatch.setattr(pcap, "plain_ipv4_at", lambda linktype, data: -1)
    for f in files:
        assert json.dumps(fast[f.name], sort_keys=True) == json.dumps(_json(f, 3), sort_keys=True)
        assert fast[f.name]["summary"]["tls_connections"] > 100


def _ecdhe_ske(point: bytes = b"\x04" + bytes(64), signature: bytes = bytes(70)) -> bytes:
    # RFC 8422 §5.4: named_curve (3), secp256r1 (23), the point, TLS 1.2 scheme, signature
    return (b"\x03\x00\x17" + bytes([len(point)]) + point + b"\x04\x03"
            + len(signature).to_bytes(2, "big") + signature)


def test_server_key_exchange_named_without_decoding_only_when_it_decodes() -> None:
    from tlsdoctor.wire.buffer import DecodeError
    from tlsdoctor.wire.messages import decode_server_key_exchange

    good = _ecdhe_ske()
    assert pcap_tls._ecdhe_ske_fits(good, True)
    assert decode_server_key_exchange(good).named_curve == 23
    for bad in (good + b"\x00", good[:-1], good[:3], b"\x01" + good[1:]):
        assert not pcap_tls._ecdhe_ske_fits(bad, True)
        with pytest.raises(DecodeError):
            decode_server_key_exchange(bad)
    # TLS 1.0/1.1: no signature scheme
    old = b"\x03\x00\x17\x01\x04\x00\x02\xab\xcd"
    assert pcap_tls._ecdhe_ske_fits(old, False) and not pcap_tls._ecdhe_ske_fits(old, True)
    assert decode_server_key_exchange(old, version=0x0301).signature == b"\xab\xcd"


def test_control_events_are_the_dataclass() -> None:
    from tlsdoctor.ingest.tcp import ControlEvent, _event

    made = _event(1.5, 7, True, "SYN", 64)
    assert made == ControlEvent(ts=1.5, number=7, from_a=True, kind="SYN", ttl=64)
    assert hash(made) == hash(ControlEvent(ts=1.5, number=7, from_a=True, kind="SYN", ttl=64))
    with pytest.raises(AttributeError):
        made.kind = "FIN"  # type: ignore[misc]


# --- two readers (pcap_jobs): the same report as one pass ---------------------------------


def _split_json(path: Path, max_events: int, monkeypatch: pytest.MonkeyPatch) -> str:
    """The report read by 2 processes, failing the test if pcap_jobs fell back to one pass."""
    used = record_splits(monkeypatch)
    data = read_pcap(path, max_events=max_events, jobs=2).to_json()
    assert used == [True], path.name
    data["summary"].pop("seconds")
    return json.dumps(data, indent=2)


@pytest.fixture(scope="module")
def six_mb(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _built(tmp_path_factory, "six", 6)


def test_two_readers_give_the_one_pass_report(six_mb: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # Fixtures with connections judged at the end (cipher_mismatch), STARTTLS, unanswered
    # SYNs and resets, lost segments, notes, IPv6 and Linux SLL; the built file has
    # thousands of connections, so both readers list, group and number many.
    files = [*sorted(CAPTURES.glob("*.pcap*")), six_mb]
    for f in files:
        for n in (10**9, 1000, 5):
            one = read_pcap(f, max_events=n, jobs=1).to_json()
            one["summary"].pop("seconds")
            assert _split_json(f, n, monkeypatch) == json.dumps(one, indent=2), (f.name, n)
            monkeypatch.undo()
    # both readers had many connections of their own
    events = read_pcap(six_mb, max_events=10**9, jobs=1).events
    ends = [(e.client.rpartition(":"), e.server.rpartition(":")) for e in events]
    shares = Counter(pcap.share_of(c[0], s[0], int(c[2]), int(s[2]), 2) for c, s in ends)
    assert len(events) > 1000 and min(shares[0], shares[1]) > len(events) / 4


def test_two_readers_fall_back_to_one_pass_at_a_bound(six_mb: Path) -> None:
    # Few open connections allowed: which ones are dropped depends on the whole capture,
    # so the split is not used and the report is still the one-pass one.
    from tlsdoctor.api.judge import judge

    assert pcap_jobs.read_split(six_mb, 2, judge, 3, 10**12, 5) is None
    one = read_pcap(six_mb, max_connections=3, max_events=5, jobs=1).to_json()
    two = read_pcap(six_mb, max_connections=3, max_events=5, jobs=2).to_json()
    one["summary"].pop("seconds")
    two["summary"].pop("seconds")
    assert one == two and one["summary"]["notes"]


def test_readers_chosen(tmp_path: Path, six_mb: Path) -> None:
    small = CAPTURES / "tls13_ok.pcap"
    assert pcap_jobs.jobs_for(small, None) == 1  # under SPLIT_BYTES
    assert pcap_jobs.jobs_for(small, 2) == 2
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    assert pcap_jobs.jobs_for(fifo, 2) == 1  # not a regular file: one pass
    assert pcap_jobs.jobs_for(tmp_path / "missing", 2) == 1
    with pytest.raises(InputError):
        read_pcap(small, jobs=0)
