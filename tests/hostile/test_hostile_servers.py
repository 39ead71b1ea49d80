"""Each hostile behaviour: ``diagnose()`` returns a report in bounded time, and the CLI
exits 2 or 3 with valid JSON or one line on stderr, never a traceback (issue 7).

The API call and the CLI subprocess run against the same server at the same time, so
each behaviour costs one diagnosis of wall time. A CLI start costs about a second of
CPU (imports, trust store), so by default the CLI runs for one behaviour of each family
(``CLI_BEHAVIOURS``); ``TLSDOCTOR_HOSTILE_CLI=all`` runs it for every behaviour.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from server import ALL_BEHAVIOURS, hostile

from tlsdoctor import DiagnoseReport, api
from tlsdoctor.diagnosis.engine import Verdict

TIMEOUT = 1.0  # --timeout given to both: the bound below is many of these
BOUND = 15.0  # seconds for one whole diagnosis of a hostile server (measured: 0.1 - 4.2)
CLI_BOUND = 30.0

# What the first (baseline) probe must record: the codec saw the lie for what it is.
# "handshake" rows are lies the lenient codec records as facts (see the report).
BASELINE: dict[str, str | tuple[str, ...]] = {
    "record_length_short": "malformed", "handshake_length_huge": "malformed",
    "handshake_length_unfinished": "timeout", "handshake_length_short": "timeout",
    "extensions_length_lies": "malformed", "extension_length_lies": "malformed",
    "certificate_lengths_lie": "malformed", "unoffered_version_future": "malformed",
    "unoffered_version_sslv3": "malformed", "unoffered_suite_null": "malformed",
    "unassigned_suite": "malformed", "unoffered_extension": "handshake",
    "tls13_unoffered_group": "malformed", "tls13_zero_share": "malformed",
    "chain_100_certificates": "malformed", "chain_10_mb": "malformed",
    "ccs_flood": "malformed", "warning_alert_flood": "alert",
    # A RST may overtake the 30 bytes before them in the client's receive queue (Linux
    # drops unread data on reset): either way it is recorded, never raised.
    "rst_mid_record": ("malformed", "reset"),
    "sslv2_lengths_lie": "malformed", "empty_certificate_list": "handshake",
    "oversized_record": "malformed", "tiny_records": "malformed", "hello_requests": "malformed",
    "slow_drip": "timeout", "sslv2_server_hello": "handshake", "fake_record": "malformed",
    "close_mid_record": "malformed", "garbage": "garbage",
}
BASELINE.update({b: "handshake" for b in ALL_BEHAVIOURS if b.startswith("cert_")})


# One behaviour per family: framing lies, length lies, unoffered choices, floods, slow
# peers, huge chains, each kind of absurd certificate that reaches the renderer, SSLv2.
CLI_BEHAVIOURS = frozenset({
    "record_length_short", "handshake_length_unfinished", "certificate_lengths_lie",
    "unoffered_suite_null", "unoffered_extension", "tls13_zero_share", "chain_10_mb",
    "chain_100_certificates", "tiny_records", "slow_drip", "sslv2_server_hello", "garbage",
    "cert_hostile_subject", "cert_nul_in_names", "cert_sans_10000", "cert_negative_serial",
    "cert_extreme_dates", "cert_not_der", "fake_record",
})
ALL_CLI = os.environ.get("TLSDOCTOR_HOSTILE_CLI") == "all"


def test_every_behaviour_has_an_expectation() -> None:
    assert set(BASELINE) == set(ALL_BEHAVIOURS)
    assert set(ALL_BEHAVIOURS) >= CLI_BEHAVIOURS


def _cli(port: int) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONWARNINGS"} | {"COLUMNS": "200"}
    return subprocess.Popen(
        [sys.executable, "-m", "tlsdoctor", "diagnose", f"127.0.0.1:{port}", "--json",
         "--offline", "--timeout", str(TIMEOUT)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL, env=env)


def check_cli(proc: subprocess.Popen[bytes]) -> dict[str, object] | None:
    """Exit 2 with one JSON object and a silent stderr, or exit 3 with one error line."""
    try:
        out, err = proc.communicate(timeout=CLI_BOUND)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        pytest.fail(f"CLI still running after {CLI_BOUND} s")
    text = err.decode("utf-8", "replace")
    assert "Traceback" not in text and "internal error" not in text, text
    assert proc.returncode in (2, 3), (proc.returncode, text)
    if proc.returncode == 3:
        assert len(text.strip().splitlines()) == 1 and text.startswith("tlsdoctor: error:"), text
        return None
    assert text == "", text
    obj = json.loads(out)
    assert isinstance(obj, dict)
    return obj


@pytest.mark.parametrize("behaviour", ALL_BEHAVIOURS)
def test_hostile_server(behaviour: str) -> None:
    with hostile(behaviour) as srv:
        proc = _cli(srv.port) if ALL_CLI or behaviour in CLI_BEHAVIOURS else None
        try:
            start = time.monotonic()
            report = api.diagnose(f"127.0.0.1:{srv.port}", timeout=TIMEOUT, offline=True)
            seconds = time.monotonic() - start
            obj = check_cli(proc) if proc is not None else None
        finally:
            if proc is not None and proc.poll() is None:
                proc.kill()
                proc.communicate()
    assert isinstance(report, DiagnoseReport)
    assert seconds < BOUND, f"{behaviour}: {seconds:.1f} s"
    assert report.outcome is Verdict.FAILS
    expected = BASELINE[behaviour]
    expected = expected if isinstance(expected, tuple) else (expected,)
    assert report.evidence.baseline.outcome.value in expected, report.evidence.baseline
    data = report.to_json()
    json.loads(json.dumps(data, ensure_ascii=True))
    # A report that names no cause must at least carry the codec's reason; a TLS answer
    # that breaks the protocol is itself the finding.
    assert report.findings or report.evidence.baseline.error, data["probes"][0]
    if report.evidence.baseline.outcome.value == "malformed":
        assert report.root_cause_id is not None, data["probes"][0]
    if behaviour in ("unoffered_suite_null", "unassigned_suite"):
        assert report.root_cause_id == "server_misconfiguration"
    if obj is not None:
        assert obj["outcome"] == "fails"
        assert obj["probes"][0]["outcome"] in expected
    assert srv.errors == []
    assert 0 < srv.connections() <= 60  # bounded: no retry storm against a broken server
