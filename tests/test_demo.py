"""``tlsdoctor demo``, the README's first command, run as a user runs it: a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys

RUNS = 3  # issue 11: the demo failed about one run in three (a reused directory name)


def _demo(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tlsdoctor", *args],
                          capture_output=True, text=True, timeout=180,
                          env={**os.environ, "COLUMNS": "200"})


def test_the_whole_demo_passes_several_runs_in_a_row():
    for run in range(RUNS):
        r = _demo("--debug", "demo", "--json")
        assert r.returncode == 0, (run, r.stderr[-3000:])
        assert "Traceback" not in r.stderr and "FileExistsError" not in r.stderr
        data = json.loads(r.stdout)
        names = [s["scenario"] for s in data["scenarios"]]
        assert len(names) == 10 and len(set(names)) == 10
        assert data["all_expected"] is True
        for s in data["scenarios"]:
            assert s["found"] == s["expected"], s


def test_demo_only_runs_the_named_scenario():
    r = _demo("demo", "--only", "tls1.0-only", "--json")
    assert r.returncode == 0, r.stderr
    (only,) = json.loads(r.stdout)["scenarios"]
    assert only["scenario"] == "tls1.0-only" and only["found"] == "protocol_version_mismatch"


def test_demo_only_with_an_unknown_name_is_a_usage_error_listing_the_names():
    r = _demo("demo", "--only", "nosuch")
    assert r.returncode == 3 and r.stdout == ""
    (line,) = r.stderr.strip().splitlines()
    assert line.startswith("tlsdoctor: error:") and "'nosuch'" in line
    for name in ("healthy", "expired", "tls1.0-only", "reset"):
        assert name in line
