"""cert_expiring_soon: valid now, but inside the --warn-days window.

Sources: the chain (live, capture, `cert`). No error text claims it (nothing fails yet);
an expired certificate is not also "expiring", and the clock folds it like expiry.
"""

from datetime import timedelta

import pytest
from evidence_builders import (
    HOST,
    NOW,
    analyze,
    capture,
    cause_absent,
    chain_only,
    codes,
    exchange,
    findings,
    fix_steps,
    live,
    one,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.fixes.data import generic

SOON = Cause.CERT_EXPIRING_SOON


@pytest.mark.parametrize("days_left, soon", [(10, True), (90, False)])
def test_chain_alone_warns_and_works(rpki, days_left, soon):
    ev = chain_only(analyze(rpki.leaf(not_after=NOW + timedelta(days=days_left)), rpki.stores))
    if not soon:
        cause_absent(ev, SOON)
        return
    f = one(ev, SOON, Severity.WARNING, Party.SERVER)
    assert f.title == f"The leaf certificate '{HOST}' expires in 10 days"
    assert "warning window: 30 days" in f.explanation


def test_warn_days_sets_the_window(rpki):
    leaf = rpki.leaf(not_after=timedelta(days=45))
    one(chain_only(analyze(leaf, rpki.stores, warn_days=60)), SOON, Severity.WARNING, Party.SERVER)
    cause_absent(chain_only(analyze(leaf, rpki.stores, warn_days=30)), SOON)


def test_expired_is_not_also_expiring(rpki):
    ev = chain_only(analyze(rpki.leaf(not_before=timedelta(days=-100),
                                      not_after=timedelta(days=-1)), rpki.stores))
    cause_absent(ev, SOON)
    assert findings(ev, Cause.CERT_EXPIRED)


def test_live_healthy_server_warns_and_fix_renews(rpki):
    ev = live(exchange(), chain=analyze(rpki.leaf(not_after=timedelta(days=10)), rpki.stores),
              chain_source="baseline", server_software="nginx")
    one(ev, SOON, Severity.WARNING, Party.SERVER)
    assert f"certbot renew --cert-name {HOST}" in codes(specific_steps(ev, SOON))


def test_expiring_intermediate_gets_the_renewal_line(rpki):
    inter = rpki.root.intermediate(name="short-lived intermediate", not_after=timedelta(days=5))
    ev = live(exchange(), chain=analyze(rpki.leaf(issuer=inter), rpki.stores))
    f = one(ev, SOON, Severity.RISK, Party.SERVER)  # within a week: a risk (issue 11)
    assert f.facts["position"] == 1
    assert [s.text for s in fix_steps(ev, SOON)] == [generic(SOON.value)]


def _clock_ahead(rpki):
    """At our (wrong, 95 days ahead) time the leaf is near its end; at the server's time it
    has 100 days left."""
    leaf = rpki.leaf(not_after=timedelta(days=100))
    ahead = NOW + timedelta(days=95)
    here, there = analyze(leaf, rpki.stores, now=ahead), analyze(leaf, rpki.stores, now=NOW)
    assert next(v.state for v in here.validity) == "expiring"
    assert next(v.state for v in there.validity) == "valid"
    return live(exchange(), now=ahead, chain=here, server_time=NOW, chain_at_server_time=there)


def test_clock_ahead_is_reported(rpki):
    one(_clock_ahead(rpki), Cause.CLIENT_CLOCK_WRONG, Severity.WARNING, Party.CLIENT)


def test_clock_folds_it(rpki):
    cause_absent(_clock_ahead(rpki), SOON)


def test_capture_of_a_working_connection_warns(rpki):
    ev = capture(chain=analyze(rpki.leaf(not_after=timedelta(days=10)), rpki.stores))
    one(ev, SOON, Severity.WARNING, Party.SERVER)
    cause_absent(capture(chain=analyze(rpki.leaf(), rpki.stores)), SOON)


def test_no_error_text_claims_it():
    for message in ("curl: (60) SSL certificate problem: certificate has expired",
                    "certificate will expire soon", "notAfter=Jan  1 00:00:00 2030 GMT"):
        cause_absent(text(message), SOON)


def test_expiry_in_days_ranks_above_hardening_advice(rpki):
    """Issue 11: consequences first. A leaf expiring in 5 days (a risk now) and suites
    without forward secrecy still enabled (a warning): the expiry leads."""
    from datetime import timedelta

    from evidence_builders import TLS12, exchange, live, root

    from tlsdoctor.evidence import Probe

    soon = analyze(rpki.leaf(not_after=timedelta(days=5)), rpki.stores)
    non_pfs = exchange(Probe.NON_PFS, versions=(TLS12,), version=TLS12, cipher_suite=0x002F)
    ev = live(exchange(), non_pfs, chain=soon, chain_source="baseline")
    assert root(ev).cause is Cause.CERT_EXPIRING_SOON and root(ev).severity is Severity.RISK
    later = analyze(rpki.leaf(not_after=timedelta(days=20)), rpki.stores)
    ev = live(exchange(), non_pfs, chain=later, chain_source="baseline")
    assert root(ev).cause is Cause.CERT_EXPIRING_SOON and root(ev).severity is Severity.WARNING
