"""Network and path causes against real loopback servers: a filtering proxy that resets
by SNI, a version/size-intolerant middlebox, silence, a silent close, a refused port and
a name that cannot resolve. Each failing setup has the exact cause, who fixes it and the
outcome; the filters also have their healthy twin (an allowed name, a small hello)."""

from __future__ import annotations

import pytest

from tlsdoctor import api
from tlsdoctor.testing import faults, servers

NAMES = ("localhost", "blocked.example", "allowed.example")


def run(name: str, port: int, pki, **kw):
    kw.setdefault("ca_file", str(pki.root_pem))
    kw.setdefault("offline", True)
    kw.setdefault("timeout", 2.0)
    return api.diagnose(f"{name}:{port}", connect="127.0.0.1", **kw)


def causes(report) -> list[str]:
    return [f.cause.value for f in report.findings]


@pytest.fixture
def backend(pki, s_server):
    """A healthy TLS 1.2/1.3 server whose certificate covers every name used here."""
    return s_server(pki.leaf(*NAMES))


def test_sni_blocked_on_the_path(pki, backend):
    with faults.fault_server("sni_filter", backend=backend.address,
                             blocked=("blocked.example",)) as proxy:
        report = run("blocked.example", proxy.port, pki)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "middlebox_or_firewall_interference", causes(report)
    root = report.root_cause
    assert root.who_fixes.value == "network"
    assert "blocked.example" in root.title
    assert root.facts["blocked_sni"] == "blocked.example"
    # The proof: another name got through the same path.
    assert any("handshake completed" in line for line in root.evidence)
    assert report.handshakes <= 12


def test_sni_allowed_through_the_same_filter_is_ok(pki, backend):
    with faults.fault_server("sni_filter", backend=backend.address,
                             blocked=("blocked.example",)) as proxy:
        report = run("allowed.example", proxy.port, pki)
    assert report.outcome.value == "ok", causes(report)
    assert report.root_cause_id is None
    assert report.handshakes <= 10


@pytest.mark.parametrize("params", [
    {"max_hello": 255, "reject_tls13": False},  # an old load balancer: big hellos die
    {"max_hello": None, "reject_tls13": True},  # a box that resets anything offering 1.3
])
def test_intolerant_middlebox(pki, backend, params):
    with faults.fault_server("size_intolerant", backend=backend.address, **params) as box:
        report = run("localhost", box.port, pki)
    assert report.outcome.value == "fails"
    assert report.root_cause_id == "middlebox_or_firewall_interference", causes(report)
    root = report.root_cause
    assert root.who_fixes.value == "network"
    assert "rejects modern or large" in root.title
    assert any("minimal TLS 1.2 ClientHello" in line and "accepted" in line
               for line in root.evidence)
    assert report.handshakes <= 12


def test_small_hello_through_an_intolerant_box_works(pki, backend):
    # The healthy twin: the box passes what fits, so a client whose hello is small
    # (here: a TLS 1.0-1.2 profile without TLS 1.3) connects.
    with faults.fault_server("size_intolerant", backend=backend.address,
                             max_hello=None, reject_tls13=True) as box:
        report = run("localhost", box.port, pki, client="java-8u31")
    assert report.root_cause_id is None, causes(report)
    assert report.outcome.value in ("ok", "risky")
    assert not [f for f in report.findings if f.severity.value == "blocking"]


def test_silent_drop_after_client_hello(pki):
    with faults.fault_server("silence", conn_timeout=5.0) as srv:
        report = run("localhost", srv.port, pki, timeout=0.5)
    assert report.outcome.value == "fails"
    assert report.root_cause_id == "middlebox_or_firewall_interference", causes(report)
    assert report.root_cause.who_fixes.value == "network"
    assert "silence" in report.root_cause.title
    assert report.handshakes <= 12
    # Variants run side by side: two read timeouts, not one per probe.
    assert report.seconds < 4 * 0.5 + 0.5


def test_close_without_answer(pki):
    with faults.fault_server("close_after_hello") as srv:
        report = run("localhost", srv.port, pki)
    assert report.outcome.value == "fails"
    assert report.root_cause_id == "middlebox_or_firewall_interference", causes(report)
    assert report.root_cause.who_fixes.value == "either"
    assert "closed without an answer" in report.root_cause.title
    assert report.handshakes <= 12


def test_refused_port(pki):
    report = run("localhost", servers.free_port(), pki)
    # A refusal is the host itself saying nothing listens (issue 11): not the path.
    assert report.root_cause_id == "name_resolution_or_unreachable"
    assert "refused" in report.root_cause.title
    assert report.root_cause.who_fixes.value == "server"
    assert any("ss -ltnp" in s.code for s in report.root_cause.fix)
    assert report.exit_code == 2
    assert report.handshakes <= 12


def test_unresolvable_name():
    # ".invalid" never resolves (RFC 2606 §2): no network needed to prove DNS failure.
    report = api.diagnose("no-such-host.invalid:443", offline=True, timeout=2)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "name_resolution_or_unreachable"
    assert report.root_cause.who_fixes.value == "client"
    assert "no-such-host.invalid" in report.root_cause.title
    assert report.handshakes <= 12
