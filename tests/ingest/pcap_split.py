"""Whether a read went through pcap_jobs' two readers or fell back to one pass."""

from __future__ import annotations

from typing import Any

import pytest

from tlsdoctor.ingest import pcap, pcap_jobs


def record_splits(monkeypatch: pytest.MonkeyPatch) -> list[bool]:
    """From now on, each ``read_split`` call appends True when the readers gave the report
    and False when it fell back to one pass (None)."""
    split = pcap_jobs.read_split
    used: list[bool] = []

    def read_split(*args: Any, **kwargs: Any) -> pcap.PcapReport | None:
        got = split(*args, **kwargs)
        used.append(got is not None)
        return got

    monkeypatch.setattr(pcap_jobs, "read_split", read_split)
    return used
