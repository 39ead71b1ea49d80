"""client_clock_wrong: this machine's clock, not the certificate, is out of date.

Sources: live (the local clock against the server's HTTP Date; blocking when only our
clock makes valid certificates look expired or early, folding cert_expired and
cert_not_yet_valid), a capture (the client says certificate_expired about certificates
that were valid at capture time), error text (always second to the certificate itself).
"""

from datetime import timedelta

import pytest
from evidence_builders import (
    CERTIFICATE_EXPIRED,
    NOW,
    TLS12,
    TLS13,
    analyze,
    capture,
    cause_absent,
    client_alert,
    codes,
    exchange,
    findings,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity

CLOCK = Cause.CLIENT_CLOCK_WRONG


def _ahead_by(rpki, days: int, server_time):
    """This machine thinks it is ``days`` later; the leaf is good for another 300 days."""
    leaf = rpki.leaf(not_after=timedelta(days=300))
    ours = NOW + timedelta(days=days)
    return live(exchange(), now=ours, chain=analyze(leaf, rpki.stores, now=ours),
                server_time=server_time,
                chain_at_server_time=analyze(leaf, rpki.stores, now=server_time))


@pytest.mark.parametrize("server_time_is_real", [True, False])
def test_live_clock_ahead_fails_and_agreeing_clocks_work(rpki, server_time_is_real):
    ours = NOW + timedelta(days=400)
    ev = _ahead_by(rpki, 400, NOW if server_time_is_real else ours)
    if not server_time_is_real:
        cause_absent(ev, CLOCK)  # both clocks agree: the certificate really is expired
        assert root(ev).cause is Cause.CERT_EXPIRED
        return
    f = one(ev, CLOCK, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "This machine's clock is 400.0 days ahead of the server's"
    assert "explains: the leaf certificate is expired at this machine's time" in f.evidence
    assert root(ev).cause is CLOCK
    cause_absent(ev, Cause.CERT_EXPIRED)
    steps = specific_steps(ev, CLOCK)
    assert "timedatectl set-ntp true" in codes(steps)


def test_live_skew_without_certificate_trouble_is_a_warning(rpki):
    f = one(_ahead_by(rpki, 0, NOW - timedelta(hours=2)), CLOCK, Severity.WARNING, Party.CLIENT)
    assert f.title == "This machine's clock is 2.0 hours ahead of the server's"
    cause_absent(_ahead_by(rpki, 0, NOW - timedelta(minutes=10)), CLOCK)


def test_live_without_the_servers_time_nothing_is_said(rpki):
    leaf = rpki.leaf(not_after=timedelta(days=300))
    ours = NOW + timedelta(days=400)
    ev = live(exchange(), now=ours, chain=analyze(leaf, rpki.stores, now=ours))
    cause_absent(ev, CLOCK)
    assert root(ev).cause is Cause.CERT_EXPIRED


@pytest.mark.parametrize("expired, clock", [(False, True), (True, False)])
def test_capture_client_rejects_valid_certificates(rpki, expired, clock):
    leaf = rpki.leaf(not_before=timedelta(days=-100),
                     not_after=timedelta(days=-1 if expired else 300))
    ev = capture(version=TLS12, alerts=(client_alert(CERTIFICATE_EXPIRED),),
                 chain=analyze(leaf, rpki.stores))
    if not clock:
        cause_absent(ev, CLOCK)  # the certificate really expired
        assert root(ev).cause is Cause.CERT_EXPIRED
        return
    f = one(ev, CLOCK, Severity.BLOCKING, Party.CLIENT)
    assert f.confidence == pytest.approx(0.7)
    assert root(ev).cause is CLOCK


def test_tls13_capture_alert_alone_is_a_hint():
    ev = capture(version=TLS13, alerts=(client_alert(CERTIFICATE_EXPIRED),))
    f = one(ev, CLOCK, Severity.BLOCKING, Party.CLIENT)
    assert f.confidence == pytest.approx(0.2)
    assert root(ev).cause is Cause.CERT_EXPIRED
    cause_absent(capture(version=TLS13), CLOCK)


def test_error_text_not_yet_valid_ranks_the_clock_first_below_certainty():
    """Clients behind real time are common, certificates dated ahead rare: the clock first
    at 0.55, the certificate second (ingest/patterns/judgement/_common.NOT_YET)."""
    ev = text("curl: (60) SSL certificate problem: certificate is not yet valid")
    f = findings(ev, CLOCK)
    assert f and f[0].confidence == pytest.approx(0.55)
    assert root(ev).cause is CLOCK
    assert "tell_apart" in f[0].facts
    # twins: expiry keeps the certificate first; no date words, no clock
    expired = text("curl: (60) SSL certificate problem: certificate has expired")
    assert root(expired).cause is Cause.CERT_EXPIRED
    assert findings(expired, CLOCK)[0].confidence < 0.15  # round 19: no dev thread of it
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), CLOCK)
