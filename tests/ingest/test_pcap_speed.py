"""The pcap shortcuts change nothing: decoding once per hello shape (hello_cache), judging
once per distinct evidence (judge_cache) and looking the verdict up before the evidence
is built (verdicts) give exactly what decoding and judging every
connection afresh gives, on every recorded capture and on a capture of many copies of
them (each copy with its own addresses, frame numbers and time stamps)."""

from __future__ import annotations

import importlib.util
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor import read_pcap
from tlsdoctor.ingest import hello_cache, pcap, pcap_tls, verdicts
from tlsdoctor.wire import decode_handshake

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = Path(__file__).parent / "captures"


def _json(path: Path, max_events: int = 1000) -> dict[str, Any]:
    data = read_pcap(path, max_events=max_events).to_json()
    data["summary"].pop("seconds")
    return data


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    spec = importlib.util.spec_from_file_location("bench_pcap", ROOT / "benchmarks" / "bench_pcap.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    path = tmp_path_factory.mktemp("speed") / "copies.pcap"
    bench.build(path, 0.5)
    return path


class _NoVerdicts(verdicts.Verdicts):
    def get(self, key: tuple[Any, ...], st: pcap_tls.ConnState) -> verdicts.Verdict | None:
        return None


def test_shortcuts_change_nothing(copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    files = [*sorted(CAPTURES.glob("*.pcap*")), copies]
    # all listed, and only the first three (the rest counted and grouped: verdicts)
    fast = {(f.name, n): _json(f, n) for f in files for n in (1000, 3)}
    # judged afresh every time (``exact`` only matters to the table)
    monkeypatch.setattr(pcap, "CachedJudge", lambda judge: lambda ev, exact=True: judge(ev))
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
