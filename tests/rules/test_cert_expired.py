"""cert_expired: a certificate on the path is past its notAfter.

Sources the rule reads: the chain (live, capture, `cert`), a captured client's
certificate_expired alert when the certificates are not visible, and error text. The clock
folds it: valid at the server's time but not at ours is client_clock_wrong.
"""

from datetime import timedelta

import pytest
from evidence_builders import (
    CERTIFICATE_EXPIRED,
    HOST,
    NOW,
    TLS13,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    codes,
    der,
    exchange,
    findings,
    fix_steps,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.fixes.data import generic

EXPIRED = Cause.CERT_EXPIRED


def _leaf(rpki, days_left: int):
    # Absolute times from NOW (the time the chain is judged at), so "3 days ago" is exact.
    return rpki.leaf(not_before=NOW - timedelta(days=400), not_after=NOW + timedelta(days=days_left))


@pytest.mark.parametrize("days_left, expired", [(-3, True), (90, False)])
def test_chain_alone_fails_and_works(rpki, days_left, expired):
    ev = chain_only(analyze(_leaf(rpki, days_left), rpki.stores))
    if not expired:
        cause_absent(ev, EXPIRED)
        return
    f = one(ev, EXPIRED, Severity.BLOCKING, Party.SERVER)
    assert f.title == f"The leaf certificate '{HOST}' expired 3 days ago"
    assert f.facts["position"] == 0 and f.facts["role"] == "leaf"
    assert root(ev).cause is EXPIRED


def test_expired_intermediate_is_named_as_such(rpki):
    old = rpki.root.intermediate(name="old intermediate", not_before=timedelta(days=-800),
                                 not_after=timedelta(days=-1))
    fresh = rpki.root.intermediate(name="fresh intermediate")
    for inter, expired in ((old, True), (fresh, False)):
        ev = chain_only(analyze(rpki.leaf(issuer=inter), rpki.stores))
        if not expired:
            cause_absent(ev, EXPIRED)
            continue
        f = one(ev, EXPIRED, Severity.BLOCKING, Party.SERVER)
        assert f.facts["role"] == "intermediate #1" and f.facts["position"] == 1
        assert "intermediate" in f.title and "old intermediate" in f.title
        steps = specific_steps(ev, EXPIRED)
        assert "Download the current version" in steps[0].text


def test_live_expired_leaf_blocks_and_fix_renews_it(rpki):
    leaf = _leaf(rpki, -3)
    ev = live(exchange(certificates=der(leaf)), chain=analyze(leaf, rpki.stores),
              chain_source="baseline", server_software="nginx")
    one(ev, EXPIRED, Severity.BLOCKING, Party.SERVER)
    steps = specific_steps(ev, EXPIRED)
    assert f"certbot renew --cert-name {HOST}" in codes(steps)


def test_clock_folds_expiry(rpki):
    """Expired at this machine's (wrong) time, valid at the server's: the clock is blamed."""
    leaf = rpki.leaf(not_before=timedelta(days=-10), not_after=timedelta(days=300))
    ahead = NOW + timedelta(days=400)
    here = analyze(leaf, rpki.stores, now=ahead)
    there = analyze(leaf, rpki.stores, now=NOW)
    folded = live(exchange(), now=ahead, chain=here, server_time=NOW, chain_at_server_time=there)
    cause_absent(folded, EXPIRED)
    assert root(folded).cause is Cause.CLIENT_CLOCK_WRONG
    # Twin: the server's clock agrees with ours, so the certificate really is expired.
    agreed = live(exchange(), now=ahead, chain=here, server_time=ahead,
                  chain_at_server_time=here)
    one(agreed, EXPIRED, Severity.BLOCKING, Party.SERVER)
    cause_absent(agreed, Cause.CLIENT_CLOCK_WRONG)


@pytest.mark.parametrize("alerts, expired", [((client_alert(CERTIFICATE_EXPIRED),), True),
                                             ((), False)])
def test_tls13_capture_reads_the_clients_alert(alerts, expired):
    """TLS 1.3 encrypts the certificates: the client's alert is all there is."""
    ev = capture(alerts=alerts, version=TLS13)
    if not expired:
        cause_absent(ev, EXPIRED)
        return
    f = one(ev, EXPIRED, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == pytest.approx(0.8)
    assert "client sent fatal alert certificate_expired" in f.evidence[0]


def test_capture_with_visible_expired_chain(rpki):
    alerts = (client_alert(CERTIFICATE_EXPIRED),)
    expired = capture(alerts=alerts, chain=analyze(_leaf(rpki, -3), rpki.stores))
    f = one(expired, EXPIRED, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == 1.0 and f.facts["role"] == "leaf"
    valid = capture(chain=analyze(_leaf(rpki, 90), rpki.stores))
    cause_absent(valid, EXPIRED)
    # A client that does not check dates connected anyway: what blocks others is a risk here.
    ignored = capture(chain=analyze(_leaf(rpki, -3), rpki.stores))
    one(ignored, EXPIRED, Severity.RISK, Party.SERVER)


def test_error_text_names_it_with_the_clock_as_runner_up():
    ev = text("curl: (60) SSL certificate problem: certificate has expired")
    # Which certificate expired is not said (the leaf, or a root an old client store still
    # builds to: round 4's dev count), so it leads below certainty, the client's store next,
    # the clock last (round 19: the dev threads of this reading set the confidences).
    assert root(ev).cause is EXPIRED and root(ev).confidence < 0.6
    store = findings(ev, Cause.CLIENT_MISCONFIGURATION)
    clock = findings(ev, Cause.CLIENT_CLOCK_WRONG)
    assert store and clock and root(ev).confidence > store[0].confidence > clock[0].confidence
    # A wording that names the server's own certificate stays certain.
    named = text("curl: (60) server certificate expiration date has passed")
    assert root(named).cause is EXPIRED and root(named).confidence == pytest.approx(0.85)
    cause_absent(text("curl: (60) SSL certificate problem: certificate is not yet valid"), EXPIRED)
    # Words alone name no certificate: the fix is the cause's line, not commands with
    # invented names.
    assert [s.text for s in fix_steps(ev, EXPIRED)] == [generic(EXPIRED.value)]
