"""cert_not_yet_valid: a certificate on the path starts in the future.

Sources: the chain (any source that saw it), error text; the clock folds it (valid at the
server's time: client_clock_wrong). A captured client's alert for it is certificate_expired
(OpenSSL sends that for both), which the capture's visible dates tell apart.
"""

from datetime import UTC, datetime, timedelta

import pytest
from evidence_builders import (
    CERTIFICATE_EXPIRED,
    HOST,
    NOW,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    exchange,
    findings,
    fix_steps,
    live,
    one,
    root,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.fixes.data import generic

LATE = Cause.CERT_NOT_YET_VALID


@pytest.mark.parametrize("starts_in, early", [(timedelta(days=2), True),
                                              (timedelta(days=-2), False)])
def test_chain_alone_fails_and_works(rpki, starts_in, early):
    # judged at the time the leaf is made (NOW is the import time: a long run drifts past it)
    ev = chain_only(analyze(rpki.leaf(not_before=starts_in), rpki.stores,
                            now=datetime.now(UTC).replace(microsecond=0)))
    if not early:
        cause_absent(ev, LATE)
        return
    f = one(ev, LATE, Severity.BLOCKING, Party.SERVER)
    assert f.title.startswith(f"The leaf certificate '{HOST}' is valid only in ")
    assert f.facts["position"] == 0 and 0 < f.facts["seconds_until"] <= 2 * 86400 + 600
    assert root(ev).cause is LATE
    cause_absent(ev, Cause.CERT_EXPIRED)


def test_live_not_yet_valid_gets_the_causes_fix_line(rpki):
    chain = analyze(rpki.leaf(not_before=timedelta(days=2)), rpki.stores)
    ev = live(exchange(), chain=chain, chain_source="baseline", server_software="nginx")
    one(ev, LATE, Severity.BLOCKING, Party.SERVER)
    steps = fix_steps(ev, LATE)
    # No fixer of its own: the cause's line says what to do (install a valid one, or
    # check the issuing system's clock), never an unrelated step.
    assert [s.text for s in steps] == [generic(LATE.value)]
    assert "valid now" in steps[0].text


def test_clock_behind_folds_it(rpki):
    """Our clock is behind: the fresh certificate looks early here, fine at the server."""
    leaf = rpki.leaf(not_before=timedelta(hours=-2))
    behind = NOW - timedelta(hours=12)
    here, there = analyze(leaf, rpki.stores, now=behind), analyze(leaf, rpki.stores, now=NOW)
    folded = live(exchange(), now=behind, chain=here, server_time=NOW, chain_at_server_time=there)
    cause_absent(folded, LATE)
    clock = one(folded, Cause.CLIENT_CLOCK_WRONG, Severity.BLOCKING, Party.CLIENT)
    assert "behind" in clock.title
    unfolded = live(exchange(), now=behind, chain=here)  # no server time seen
    one(unfolded, LATE, Severity.BLOCKING, Party.SERVER)


def test_capture_with_visible_chain(rpki):
    alerts = (client_alert(CERTIFICATE_EXPIRED),)
    early = capture(alerts=alerts, chain=analyze(rpki.leaf(not_before=timedelta(days=2)),
                                                 rpki.stores))
    assert root(early).cause is LATE
    one(early, LATE, Severity.BLOCKING, Party.SERVER)
    cause_absent(early, Cause.CERT_EXPIRED)  # the alert's name, not the dates
    fine = capture(chain=analyze(rpki.leaf(), rpki.stores))
    cause_absent(fine, LATE)


def test_error_text():
    """The words alone: the clock first, the certificate second, the party of each its own
    (ingest/patterns/judgement/_common.NOT_YET); round 19: the confidences are the rates of
    the dev threads with this reading (diagnosis/base_rates.json), below certainty."""
    ev = text("curl: (60) SSL certificate problem: certificate is not yet valid")
    f = findings(ev, LATE)[0]
    clock = root(ev)
    assert clock.cause is Cause.CLIENT_CLOCK_WRONG and clock.confidence < 0.6
    assert clock.confidence > f.confidence > 0 and f.who_fixes is Party.SERVER
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), LATE)
