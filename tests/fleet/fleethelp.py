"""Helpers shared by the fleet tests: the CLI's environment, reports compared modulo clock."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

SRC = str(Path(__file__).resolve().parents[2] / "src")


def cli_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HTTP", "HTTPS", "ALL_PROXY"))}
    env["PYTHONPATH"] = SRC + os.pathsep + env.get("PYTHONPATH", "")
    env.update(extra)
    return env


# The HTTP answer after a handshake is awaited a few handshake times (probe/reproduce.py): on
# a loaded machine it can come after the wait in one run and within it in the other.
_CLOCK_KEYS = {"seconds", "seconds_ago", "time", "http_date", "checked_at", "http_status",
               "http_text", "server_header"}


def _drop_clock(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _drop_clock(v) for k, v in value.items() if k not in _CLOCK_KEYS}
    if isinstance(value, list):
        return [_drop_clock(v) for v in value]
    return value


def comparable(report: dict[str, Any]) -> dict[str, Any]:
    """A report without what differs between two runs of the same diagnosis: durations,
    clock readings (the server's Date, how long ago a certificate expired, the minute the
    chain was judged), the HTTP answer awaited after the handshake, and the order
    of concurrent probes (listed as they finish: the probes, and evidence lines naming
    them)."""
    out: dict[str, Any] = _drop_clock(report)
    out["probes"] = out["probes"][:1] + sorted(out["probes"][1:], key=lambda p: p["label"])
    for f in out["findings"] + ((out.get("chain") or {}).get("findings") or []):
        # "now: 2026-12-05 13:41 UTC" is the clock when the chain was judged
        f["evidence"] = sorted(e for e in f["evidence"] if not e.startswith("now: "))
    return out
