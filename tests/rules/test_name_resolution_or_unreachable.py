"""name_resolution_or_unreachable: the name does not resolve, no route, or nothing listens.

Sources: live probes (the baseline's DNS failure, refusal, unreachable network), a scan
(nothing reachable), error text. A silent drop is the path's (middlebox), not this.
"""

import pytest
from evidence_builders import (
    GOOD13,
    HOST,
    TLS13,
    capture,
    cause_absent,
    codes,
    exchange,
    live,
    one,
    root,
    scan,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome

UNREACHABLE = Cause.NAME_RESOLUTION_OR_UNREACHABLE


def _baseline(outcome: Outcome, error: str = ""):
    return live(exchange(Probe.BASELINE, outcome, error=error))


@pytest.mark.parametrize("outcome", [Outcome.DNS_FAILURE, Outcome.HANDSHAKE])
def test_dns_failure_fails_and_a_handshake_works(outcome):
    ev = _baseline(outcome, "[Errno -2] Name or service not known")
    if outcome is Outcome.HANDSHAKE:
        cause_absent(ev, UNREACHABLE)
        return
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.CLIENT)
    assert f.title == f"{HOST} does not resolve" and f.facts["kind"] == "dns"
    assert root(ev).cause is UNREACHABLE
    assert f"getent hosts {HOST}" in codes(specific_steps(ev, UNREACHABLE))


def test_refused_is_the_servers_to_fix():
    ev = _baseline(Outcome.REFUSED)
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.SERVER)
    assert f.title == f"Nothing listens on {HOST} port 443 (connection refused)"
    assert "ss -ltnp | grep ':443 '" in codes(specific_steps(ev, UNREACHABLE))


def test_no_route():
    f = one(_baseline(Outcome.UNREACHABLE, "[Errno 101] Network is unreachable"), UNREACHABLE,
            Severity.BLOCKING, Party.NETWORK)
    assert f.title == f"No route to {HOST}"


def test_silent_drop_is_the_path_not_this():
    ev = _baseline(Outcome.CONNECT_TIMEOUT)
    cause_absent(ev, UNREACHABLE)
    assert root(ev).cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


def test_capture_never_claims_it():
    # A capture holds a connection that was made: resolution and routing worked.
    cause_absent(capture(outcome=Outcome.TIMEOUT), UNREACHABLE)


def test_scan_that_reached_nothing():
    failed = [exchange(f"v{v:x}", Outcome.DNS_FAILURE, versions=(v,)) for v in (TLS13, 0x0303)]
    ev = scan({}, probes=failed, error=f"{HOST}: name does not resolve")
    # The same answer as a live diagnosis of a name that does not resolve (issue 10).
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.CLIENT)
    assert f.facts["kind"] == "dns" and "does not resolve" in f.title
    cause_absent(scan({TLS13: GOOD13}, probes=failed), UNREACHABLE)
    timed_out = [exchange("v304", Outcome.CONNECT_TIMEOUT, versions=(TLS13,))]
    cause_absent(scan({}, probes=timed_out), UNREACHABLE)


def test_scan_of_a_refused_port_answers_like_a_live_diagnosis():
    refused = [exchange(f"v{v:x}", Outcome.REFUSED, versions=(v,)) for v in (TLS13, 0x0303)]
    ev = scan({}, probes=refused, error=f"{HOST}:443: connection refused")
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.SERVER)
    assert f.facts.get("kind") == "refused"
    assert "ss -ltnp" in codes(specific_steps(ev, UNREACHABLE))


def test_error_text():
    ev = text(f"curl: (6) Could not resolve host: {HOST}")
    assert root(ev).cause is UNREACHABLE and root(ev).confidence == 1.0
    assert root(text(f"curl: (7) Failed to connect to {HOST} port 443 after 0 ms: Connection "
                     "refused")).cause is UNREACHABLE
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), UNREACHABLE)


def test_dns_failure_names_the_connect_address_that_failed():
    # Round 27 review: with --connect, the name looked up is the connect address; the
    # finding said "127.0.0.1 does not resolve" (the HOST) for `--connect db.internal`.
    from tlsdoctor.probe.target import parse_target

    t = parse_target("127.0.0.1:8443", connect="db.internal")
    ev = live(exchange(Probe.BASELINE, Outcome.DNS_FAILURE, error="[Errno -2] Name or service "
                       "not known"), host=t)
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "db.internal does not resolve"
    assert "DNS lookup of db.internal failed" in f.evidence[0]
    assert "getent hosts db.internal" in codes(specific_steps(ev, UNREACHABLE))


def test_evidence_writes_an_ipv6_address_in_brackets():
    # Round 27 review: "connect to ::1:8443: connection refused" (address and port run together)
    from tlsdoctor.probe.target import parse_target

    ev = live(exchange(Probe.BASELINE, Outcome.REFUSED), host=parse_target("[::1]:8443"))
    f = one(ev, UNREACHABLE, Severity.BLOCKING, Party.SERVER)
    assert f.evidence[0] == "connect to [::1]:8443: connection refused"
