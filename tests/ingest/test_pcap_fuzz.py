"""Hostile captures: whatever the bytes, read_pcap returns a report or raises InputError."""

from __future__ import annotations

import io
import json
import time
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tlsdoctor import read_pcap
from tlsdoctor.errors import InputError
from tlsdoctor.ingest.pcap import PcapReport

CAPTURES = Path(__file__).parent / "captures"
SEEDS = [(CAPTURES / n).read_bytes() for n in
         ("client_cert.pcap", "tls13_ok.pcapng", "smtp_starttls.pcap", "expired.pcap")]


def _read(data: bytes) -> None:
    started = time.monotonic()
    try:
        report = read_pcap(io.BytesIO(data), max_connections=50)
    except InputError as exc:
        assert "\n" not in str(exc)
        return
    assert isinstance(report, PcapReport)
    json.dumps(report.to_json())  # always serialisable
    assert time.monotonic() - started < 5


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(SEEDS), edits=st.lists(
    st.tuples(st.floats(0, 1), st.integers(0, 255)), min_size=1, max_size=20))
def test_bit_flips_in_real_captures(seed: bytes, edits: list[tuple[float, int]]) -> None:
    data = bytearray(seed)
    for where, value in edits:
        data[min(int(where * len(data)), len(data) - 1)] = value
    _read(bytes(data))


@settings(max_examples=100, deadline=None)
@given(seed=st.sampled_from(SEEDS), cut=st.floats(0, 1))
def test_truncated_anywhere(seed: bytes, cut: float) -> None:
    _read(seed[: int(cut * len(seed))])


@settings(max_examples=100, deadline=None)
@given(body=st.binary(max_size=2000), seed=st.sampled_from(SEEDS))
def test_random_bytes_after_a_real_header(body: bytes, seed: bytes) -> None:
    header = seed[:24] if seed[:4] != b"\x0a\x0d\x0d\x0a" else seed[:28]
    _read(header + body)


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=512))
def test_arbitrary_bytes(data: bytes) -> None:
    _read(data)
