"""The benchmark's capture builder for the pcap tests: benchmarks/bench_pcap.py (not part of
a package) loaded as a module, so a test makes its handshake-heavy capture the way the
benchmark does (``bench_pcap().build(path, mb)``) or reads its recorded connections."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

_BENCH = Path(__file__).resolve().parents[2] / "benchmarks" / "bench_pcap.py"


def bench_pcap() -> Any:
    """benchmarks/bench_pcap.py as a module."""
    spec = importlib.util.spec_from_file_location("bench_pcap", _BENCH)
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    return bench
