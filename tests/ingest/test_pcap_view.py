"""``tlsdoctor pcap``'s human output: many connections print grouped by server and cause,
one block per group; --json keeps every connection. The capture is made of copies of the
real recorded connections in tests/ingest/captures (benchmarks/bench_pcap.py's builder)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _builder():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("bench_pcap", ROOT / "benchmarks" / "bench_pcap.py")
    assert spec is not None and spec.loader is not None
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def many(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pcap") / "many.pcap"
    copies = _builder().build(path, 1.6)  # about 500 connections
    assert copies >= 450
    return path


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"), COLUMNS="120")
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], capture_output=True,
                          text=True, timeout=120, env=env, check=False)


def test_many_connections_print_grouped(many: Path) -> None:
    data = json.loads(_cli("pcap", str(many), "--json").stdout)
    events = data["events"]
    failed = [e for e in events if e["outcome"] == "failed"]
    assert len(events) >= 450 and len(failed) >= 250  # JSON keeps every connection
    out = _cli("pcap", str(many))
    assert out.returncode == 2
    text = out.stdout
    lines = text.splitlines()
    assert len(lines) < 200, len(lines)  # not one line (or block) per connection
    assert "Failed connections, by server and cause" in text
    groups = {(e["server"], e["findings"][0]["cause"]) for e in failed}
    for server, cause in groups:  # every group once, with its count
        count = sum(1 for e in failed if e["server"] == server and e["findings"][0]["cause"] == cause)
        head = [ln for ln in lines if ln.strip().startswith(f"{cause}  {count} connection")]
        assert head, (server, cause, count)
    servers = {e["server"] for e in failed}
    assert sum(1 for ln in lines if ln.split(" ")[0] in servers) == len(servers)
    assert "and " in text and " more" in text  # connection numbers are summarised
    assert "Who fixes it:" in text and "Example #" in text
    assert "{'" not in text  # no dict dump
