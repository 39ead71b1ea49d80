"""Brief fuzzing of every parser (issue 7): random and mutated input returns, or raises
the parser's documented error; never anything else, and never slowly.

The targets and seeds live in ``fuzz/targets.py`` and are shared with the long runs
(``fuzz/README.md``). Here each target gets a short hypothesis run so the suite stays
fast; the wire decoders' own fuzz test is ``tests/wire/test_wire_fuzz.py``.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fuzz"))

from mutate import mutated
from targets import TARGETS, seeds

PER_INPUT = 2.0  # seconds: far above the slowest input seen (~50 ms), far below a hang
# Examples per target and strategy; analysis targets are slower, so fewer.
EXAMPLES = {"chain_analysis": 40, "pcap_capture": 60, "logs_lines": 60, "cert_summary": 80,
            "pcap_readers": 60}
_SETTINGS = {"deadline": None, "database": None, "derandomize": False,
             "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large]}


def _run(name: str, data: bytes) -> None:
    start = time.monotonic()
    TARGETS[name](data)
    assert time.monotonic() - start < PER_INPUT, f"{name}: {len(data)} bytes took too long"


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_seeds_parse(name: str) -> None:
    for s in seeds(name):
        _run(name, s)


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_random_input(name: str) -> None:
    @settings(max_examples=EXAMPLES.get(name, 120), **_SETTINGS)  # type: ignore[arg-type]
    @given(st.binary(max_size=2048))
    def check(data: bytes) -> None:
        _run(name, data)
    check()


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_mutated_input(name: str) -> None:
    @settings(max_examples=EXAMPLES.get(name, 150), **_SETTINGS)  # type: ignore[arg-type]
    @given(mutated(seeds(name)))
    def check(data: bytes) -> None:
        _run(name, data)
    check()
