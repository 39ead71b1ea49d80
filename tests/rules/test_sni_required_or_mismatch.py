"""sni_required_or_mismatch: the server chooses by SNI and rejects (or mis-serves) this client.

Sources: live probes (the same wide hello with another name / none / the host name; a
healthy server's default certificate for nameless clients), a capture (unrecognized_name;
a refusal of a hello without SNI), a scan (what the server does without SNI), error text.
Folds: resets are the path's doing (middlebox), not an SNI rule.
"""

import pytest
from evidence_builders import (
    GOOD12,
    GOOD13,
    HANDSHAKE_FAILURE,
    HOST,
    TLS12,
    TLS13,
    UNRECOGNIZED_NAME,
    alert,
    analyze,
    capture,
    cause_absent,
    codes,
    der,
    exchange,
    findings,
    live,
    one,
    root,
    scan,
    server_alert,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.outcome import Outcome, Transport
from tlsdoctor.probe.target import parse_target
from tlsdoctor.scanner.result import SniBehaviour

SNI = Cause.SNI_REQUIRED_OR_MISMATCH


def _name_refused(wide_ok: bool):
    base = alert(Probe.BASELINE, UNRECOGNIZED_NAME)
    wide = exchange(Probe.WIDE) if wide_ok else alert(Probe.WIDE, UNRECOGNIZED_NAME)
    no_sni = exchange(Probe.NO_SNI, sni=None)
    return live(base, wide, no_sni, server_software="nginx")


@pytest.mark.parametrize("wide_ok", [False, True])
def test_live_name_rejected_fails_and_works(wide_ok):
    ev = _name_refused(wide_ok)
    if wide_ok:
        cause_absent(ev, SNI)  # the name works with a wider offer: not the name's fault
        return
    f = one(ev, SNI, Severity.BLOCKING, Party.SERVER)
    assert f.title == f"Server rejects the name {HOST}"
    assert root(ev).cause is SNI
    assert specific_steps(ev, SNI)[0].text.startswith(f"Add {HOST} to the server_name")


def test_live_server_requires_sni_the_client_did_not_send():
    target = parse_target(HOST, no_sni=True)
    base = alert(Probe.BASELINE, HANDSHAKE_FAILURE, sni=None)
    wide = alert(Probe.WIDE, HANDSHAKE_FAILURE, sni=None)
    ev = live(base, wide, exchange(Probe.WITH_SNI, sni=HOST), host=target)
    f = one(ev, SNI, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "Server requires SNI and the client sends none"
    assert root(ev).cause is SNI
    assert f"curl --resolve {HOST}:443:{HOST} https://{HOST}:443/" in codes(specific_steps(ev, SNI))
    # Twin: naming the host does not help either, so SNI is not what it wants.
    cause_absent(live(base, wide, alert(Probe.WITH_SNI, HANDSHAKE_FAILURE), host=target), SNI)


def test_live_by_ip_address_the_alert_asks_for_a_name():
    target = parse_target("192.0.2.7")
    base = alert(Probe.BASELINE, UNRECOGNIZED_NAME, sni=None)
    ev = live(base, alert(Probe.WIDE, UNRECOGNIZED_NAME, sni=None), host=target)
    f = one(ev, SNI, Severity.BLOCKING, Party.CLIENT)
    assert f.confidence == pytest.approx(0.8)
    # The same refusal with handshake_failure says nothing about names.
    other = alert(Probe.BASELINE, HANDSHAKE_FAILURE, sni=None)
    cause_absent(live(other, alert(Probe.WIDE, HANDSHAKE_FAILURE, sni=None), host=target), SNI)


def test_reset_is_the_paths_doing_not_an_sni_rule():
    reset = exchange(Probe.BASELINE, Outcome.RESET)
    ev = live(reset, exchange(Probe.WIDE, Outcome.RESET), exchange(Probe.NEUTRAL_SNI, sni="x.test"))
    cause_absent(ev, SNI)
    assert root(ev).cause is Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE


def test_live_healthy_server_serves_another_default_certificate(rpki):
    site, default = rpki.leaf(), rpki.leaf("default.test")
    chain = analyze(site, rpki.stores)
    base = exchange(certificates=der(site))
    other = one(live(base, exchange(Probe.DEFAULT_CERT, sni=None, certificates=der(default)),
                     chain=chain), SNI, Severity.INFO, Party.SERVER)
    assert other.title == "Clients without SNI get a different (default) certificate"
    cause_absent(live(base, exchange(Probe.DEFAULT_CERT, sni=None, certificates=der(site)),
                      chain=chain), SNI)
    refused = one(live(base, alert(Probe.DEFAULT_CERT, UNRECOGNIZED_NAME, sni=None), chain=chain),
                  SNI, Severity.INFO, Party.CLIENT)
    assert refused.title == "Clients that send no SNI are rejected"


def test_capture_unrecognized_name():
    ev = capture(outcome=Outcome.ALERT, alerts=(server_alert(UNRECOGNIZED_NAME),))
    f = one(ev, SNI, Severity.BLOCKING, Party.EITHER)
    assert f"ClientHello SNI: {HOST}" in f.evidence
    assert root(ev).cause is SNI
    cause_absent(capture(), SNI)
    # A warning-level unrecognized_name on a handshake that went on is harmless.
    cause_absent(capture(alerts=(server_alert(UNRECOGNIZED_NAME, level=1),)), SNI)


def test_capture_refusal_without_sni_is_a_hint():
    refused = dict(outcome=Outcome.ALERT, alerts=(server_alert(HANDSHAKE_FAILURE),))
    f = one(capture(**refused, sni=None), SNI, Severity.BLOCKING, Party.EITHER)
    assert f.confidence == pytest.approx(0.3)
    cause_absent(capture(**refused), SNI)  # it did send SNI
    reset = capture(outcome=Outcome.RESET, transport=Transport(reset_by="server"))
    assert findings(reset, SNI)[0].confidence == pytest.approx(0.3)


def test_scan_map():
    required = SniBehaviour(name=HOST, with_sni="a", without_sni=None,
                            without_sni_outcome="alert unrecognized_name", required=True)
    one(scan({TLS13: GOOD13}, sni=required), SNI, Severity.WARNING, Party.EITHER)
    other = SniBehaviour(name=HOST, with_sni="a", without_sni="b", required=False,
                         same_certificate=False)
    one(scan({TLS13: GOOD13}, sni=other), SNI, Severity.INFO, Party.EITHER)
    same = SniBehaviour(name=HOST, with_sni="a", without_sni="a", required=False,
                        same_certificate=True)
    cause_absent(scan({TLS13: GOOD13, TLS12: GOOD12}, sni=same), SNI)


def test_error_text():
    ev = text("curl: (35) error:0A000458:SSL routines::tlsv1 unrecognized name")
    assert root(ev).cause is SNI and root(ev).confidence == 1.0
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), SNI)
