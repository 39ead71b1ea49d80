"""``scan`` against hostile servers: a report, never an exception (issue 7).

Regression: a server answering TLS hellos with an SSLv2 SERVER-HELLO made the scan
build a TLS hello from 3-byte SSLv2 cipher kinds, and scan() raised UsageError
("65664 does not fit in 2 byte(s)"); the CLI printed that as a bad-argument error.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from server import hostile

from tlsdoctor import scan
from tlsdoctor.probe.budget import ProbeOptions

SCANNED = ("sslv2_server_hello", "sslv2_lengths_lie", "chain_10_mb", "cert_sans_10000",
           "tiny_records", "unoffered_suite_null", "tls13_zero_share", "record_length_short")


@pytest.mark.parametrize("behaviour", SCANNED)
def test_scan_hostile_server(behaviour: str) -> None:
    with hostile(behaviour) as srv:
        report = scan(f"127.0.0.1:{srv.port}", options=ProbeOptions(
            connect_timeout=1, read_timeout=1, max_handshakes=40))
        assert srv.errors == []
    assert 0 < report.handshakes <= 40
    json.loads(json.dumps(report.to_json(), ensure_ascii=True))


def test_scan_cli_sslv2_answer() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"}
    with hostile("sslv2_server_hello") as srv:
        p = subprocess.run([sys.executable, "-m", "tlsdoctor", "scan", f"127.0.0.1:{srv.port}",
                            "--json", "--timeout", "1"], capture_output=True, timeout=60, env=env)
    assert b"Traceback" not in p.stderr and b"cannot build" not in p.stderr, p.stderr
    assert p.returncode != 3, p.stderr
    assert json.loads(p.stdout)["targets"][0]["reachable"] is True
