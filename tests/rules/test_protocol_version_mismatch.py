"""protocol_version_mismatch: no TLS/SSL version both sides accept.

Sources: live probes (the client's hello refused, a variant with other versions accepted;
who fixes it depends on which side is behind), a capture (the server's protocol_version
alert, or a ServerHello version the client refuses), a scan (nothing accepted), error text.
"""

from dataclasses import replace

import pytest
from evidence_builders import (
    HANDSHAKE_FAILURE,
    INTERNAL_ERROR,
    PROTOCOL_VERSION,
    TLS10,
    TLS11,
    TLS12,
    TLS13,
    alert,
    capture,
    cause_absent,
    client_alert,
    codes,
    curl,
    exchange,
    findings,
    fix_steps,
    live,
    one,
    root,
    scan,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome

VERSION = Cause.PROTOCOL_VERSION_MISMATCH


def _refused_then(floor_version: int, client=None):
    """The client's hello gets protocol_version; the version-floor probe gets a handshake."""
    client = client or curl()
    base = alert(Probe.BASELINE, PROTOCOL_VERSION, versions=client.versions)
    floor = exchange(Probe.VERSION_FLOOR, versions=(TLS11, TLS10), version=floor_version,
                     cipher_suite=0xC013)
    return live(base, floor, client=client, server_software="nginx")


@pytest.mark.parametrize("server_version, mismatch", [(TLS10, True), (TLS12, False)])
def test_live_old_server_fails_and_a_common_version_works(server_version, mismatch):
    ev = _refused_then(server_version)
    if not mismatch:
        cause_absent(ev, VERSION)  # they share TLS 1.2: some other cause refused the hello
        return
    f = one(ev, VERSION, Severity.BLOCKING, Party.SERVER)
    assert f.title == ("Server accepts only TLS 1.0 or older; the client requires TLS 1.2 "
                       "or newer")
    assert f.facts["server_version"] == "TLS 1.0" and f.facts["server_older"] is True
    assert root(ev).cause is VERSION
    nginx = [s for s in specific_steps(ev, VERSION) if s.applies_to == "nginx"]
    assert nginx[0].code == "ssl_protocols TLSv1.2 TLSv1.3;"


def test_live_old_client_is_the_clients_to_fix():
    old = get_profile("ie-11-win7")  # TLS 1.2 at most
    base = alert(Probe.BASELINE, PROTOCOL_VERSION, versions=old.versions)
    wide = exchange(Probe.WIDE, versions=(TLS13, TLS12), version=TLS13)
    ev = live(base, wide, client=old)
    f = one(ev, VERSION, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "Server requires TLS 1.3; the client offers only TLS 1.2, TLS 1.1, TLS 1.0"
    assert "Upgrade" in specific_steps(ev, VERSION)[0].text


def test_live_both_modern_but_apart_is_either_side():
    tls13_only = replace(curl(), versions=(TLS13,))
    ev = _refused_then(TLS12, client=tls13_only)
    one(ev, VERSION, Severity.BLOCKING, Party.EITHER)


def test_live_healthy_baseline_is_nothing():
    cause_absent(live(exchange(), exchange(Probe.WIDE)), VERSION)


def test_capture_tls10_serverhello_refused_by_the_client():
    """curl (TLS 1.2+) against a TLS 1.0-only server: the ServerHello says TLS 1.0, curl
    sends protocol_version. The capture must say what diagnose says (issue 10)."""
    ev = capture(versions=(TLS13, TLS12), version=TLS10, cipher_suite=0xC013,
                 alerts=(client_alert(PROTOCOL_VERSION, after="ServerHello"),))
    f = one(ev, VERSION, Severity.BLOCKING, Party.SERVER)
    assert f.title == "Server speaks only TLS 1.0; the client requires TLS 1.2 or newer"
    assert root(ev).cause is VERSION
    cause_absent(ev, Cause.SERVER_MISCONFIGURATION)  # what pcap used to answer
    cause_absent(capture(versions=(TLS13, TLS12), version=TLS12), VERSION)


def test_capture_server_refuses_the_offered_versions():
    ev = capture(outcome=Outcome.ALERT, versions=(TLS13,),
                 alerts=(server_alert(PROTOCOL_VERSION),), seen_versions=frozenset({TLS12}))
    f = one(ev, VERSION, Severity.BLOCKING, Party.EITHER)
    assert any("negotiated only TLS 1.2" in line for line in f.evidence)
    assert root(ev).cause is VERSION


def test_capture_internal_error_to_a_legacy_hello_from_a_modern_server():
    """Review 28, a real capture (openssl s_client -tls1_1 against OpenSSL 3.0.19's
    s_server, beside a TLS 1.3 connection that worked): the server answers a hello of TLS
    1.1 and older with internal_error. pcap said server_misconfiguration ("cannot work for
    any client"), which the capture's own other connection contradicts; diagnose says
    "Server requires TLS 1.2; the client offers only TLS 1.0" for the same server."""
    legacy = dict(outcome=Outcome.ALERT, versions=(TLS11, TLS10),
                  alerts=(server_alert(INTERNAL_ERROR),))
    ev = capture(**legacy, seen_versions=frozenset({TLS13}))
    f = one(ev, VERSION, Severity.BLOCKING, Party.EITHER)
    assert any("negotiated only TLS 1.3" in line for line in f.evidence)
    assert root(ev).cause is VERSION
    cause_absent(ev, Cause.SERVER_MISCONFIGURATION)
    # Twins: nothing else seen of the server, or the same versions negotiated elsewhere:
    # internal_error stays the server's own failure.
    for seen in (frozenset(), frozenset({TLS11})):
        twin = capture(**legacy, seen_versions=seen)
        cause_absent(twin, VERSION)
        assert root(twin).cause is Cause.SERVER_MISCONFIGURATION


def test_capture_bare_handshake_failure_is_a_weak_hint():
    bare = dict(outcome=Outcome.ALERT, versions=(TLS13, TLS12),
                alerts=(server_alert(HANDSHAKE_FAILURE),))
    hint = one(capture(**bare), VERSION, Severity.BLOCKING, Party.EITHER)
    assert hint.confidence == pytest.approx(0.3)
    overlap = one(capture(**bare, seen_versions=frozenset({TLS12})), VERSION,
                  Severity.BLOCKING, Party.EITHER)
    assert overlap.confidence == pytest.approx(0.1)  # the versions do overlap elsewhere
    assert root(capture(**bare)).cause is Cause.CIPHER_SUITE_MISMATCH


def test_scan_that_accepted_nothing():
    refused = [alert(f"v{v:x}", PROTOCOL_VERSION, versions=(v,)) for v in (TLS13, TLS12, TLS10)]
    ev = scan({}, probes=refused, error="no protocol version accepted")
    f = one(ev, VERSION, Severity.BLOCKING, Party.EITHER)
    assert f.title == "The server accepted none of the versions and suites offered"
    cause_absent(scan({TLS12: (0xC02F,)}, probes=refused), VERSION)
    assert fix_steps(ev, VERSION)  # the protocols line for a few servers
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in codes(fix_steps(ev, VERSION))


def test_error_text():
    ev = text("curl: (35) OpenSSL/3.0.11: error:0A00042E:SSL routines::tlsv1 alert protocol version")
    assert root(ev).cause is VERSION and root(ev).confidence == 1.0
    # "no shared cipher" ranks the version below the suites since round 22 (an old client
    # against TLS 1.2-only suites), never first.
    shared = text("error:0A0000C1:SSL routines::no shared cipher")
    assert root(shared).cause is not VERSION and findings(shared, VERSION)[0].confidence < 0.6
