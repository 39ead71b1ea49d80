"""Round 15 of pcap speed (docs/pcap-speed.md): connections judged at the end are
deferred from the verdict table without their Exchange, and made whole only when needed.
``test_pcap_speed.test_shortcuts_change_nothing`` compares the output with every table
switched off; this checks that the shortcut is really taken, and when it is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bench_builder import bench_pcap

from tlsdoctor import read_pcap
from tlsdoctor.ingest import pcap

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A handshake-heavy capture made by the benchmark's own builder (a ninth of its
    connections are handshake failures judged against the whole capture)."""
    bench = bench_pcap()
    path = tmp_path_factory.mktemp("copies15") / "copies.pcap"
    bench.build(path, 0.5)
    return path


def _deferred_seen(monkeypatch: pytest.MonkeyPatch) -> list[tuple[int, int, int]]:
    """(deferred, deferred without their Exchange, made whole) per judge_deferred call."""
    seen: list[tuple[int, int, int]] = []
    judge_deferred = pcap._Analysis.judge_deferred
    unfold = pcap._Deferred.unfold
    made = [0]

    def counting_unfold(self: Any) -> Any:
        made[0] += self.pending is None
        return unfold(self)

    def spy(self: Any) -> None:
        light = sum(d.pending is None for d in self.deferred)
        total, made[0] = len(self.deferred), 0
        judge_deferred(self)
        seen.append((total, light, made[0]))

    monkeypatch.setattr(pcap._Deferred, "unfold", counting_unfold)
    monkeypatch.setattr(pcap._Analysis, "judge_deferred", spy)
    return seen


def test_repeated_deferred_connections_skip_their_exchange(copies: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _deferred_seen(monkeypatch)
    report = read_pcap(copies, max_events=3, jobs=1)
    [(total, light, made)] = seen
    assert total > 10 and light >= total - 3  # all but the first of each key (one server)
    # made whole: only those that became a group's example (each a first of its group)
    assert made < light and made <= len(report.summary["groups"]["failed"]) * 3


def test_listed_connections_are_never_deferred_without_their_exchange(
        copies: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    seen = _deferred_seen(monkeypatch)
    read_pcap(copies, max_events=10**6, jobs=1)  # every connection listed
    [(total, light, _made)] = seen
    assert total > 10 and light == 0
