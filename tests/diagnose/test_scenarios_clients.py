"""``--client NAME`` profiles and the all-clients matrix against real servers."""

from __future__ import annotations

import pytest

from tlsdoctor import api
from tlsdoctor.api.clients import all_clients


def run(srv, pki, **kw):
    return api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                        ca_file=str(pki.root_pem), offline=True, timeout=2, **kw)


@pytest.fixture
def modern(s_server):
    """TLS 1.2 and 1.3 only (s_server's defaults here)."""
    return s_server(protocols=("tls1_2", "tls1_3"))


def test_java7_against_a_tls12_server_is_a_client_version_problem(pki, modern):
    report = run(modern, pki, client="java-7")
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "protocol_version_mismatch"
    root = report.root_cause
    assert root.who_fixes.value == "client"
    # The server's oldest version, not whatever the wide probe happened to get.
    assert "requires TLS 1.2" in root.title and "TLS 1.0" in root.title
    assert root.facts["server_version"] == "TLS 1.2"
    assert report.handshakes <= 12


def test_java11_against_the_same_server_is_ok(pki, modern):
    report = run(modern, pki, client="java-11")
    assert report.root_cause_id is None
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert report.handshakes <= 10


def test_all_clients_matrix(pki, modern):
    matrix = all_clients(f"localhost:{modern.port}", connect="127.0.0.1",
                         ca_file=str(pki.root_pem), offline=True, timeout=2)
    rows = {r.client.name: r for r in matrix.rows}
    assert len(rows) >= 40
    for name in ("java-7", "ie-8-xp", "android-4.4"):
        row = rows[name]
        assert not row.ok and row.cause == "protocol_version_mismatch"
        assert "requires TLS 1.2" in row.reason  # a real reason, never "No connection"
    for name in ("chrome-131", "firefox-132", "java-17", "curl-8"):
        assert rows[name].ok and rows[name].reason.startswith("TLS 1.")
    assert all(r.reason for r in matrix.rows)
    assert matrix.exit_code == 2
    # Working clients cost one probe each; failing ones a short isolation.
    assert matrix.handshakes <= 2 * len(rows)
    assert matrix.to_json()["stats"]["handshakes"] == matrix.handshakes
