"""cert_revoked: the issuing CA says the certificate must no longer be trusted.

Sources: the chain's revocation facts (a stapled OCSP answer here: no network), a captured
client's certificate_revoked alert (also when the chain is visible, since revocation needs
the CA's answer at the time), and error text.
"""

import pytest
from evidence_builders import (
    CERTIFICATE_REVOKED,
    HOST,
    TLS12,
    TLS13,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    codes,
    exchange,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity

REVOKED = Cause.CERT_REVOKED


def _stapled(rpki, status: str):
    leaf = rpki.leaf()
    return analyze(leaf, rpki.stores, stapled_ocsp=rpki.root.ocsp_response(leaf, status))


@pytest.mark.parametrize("status, revoked", [("revoked", True), ("good", False)])
def test_stapled_answer_fails_and_works(rpki, status, revoked):
    chain = _stapled(rpki, status)
    ev = live(exchange(), chain=chain, chain_source="baseline")
    if not revoked:
        assert chain.revocation.status == "good"
        cause_absent(ev, REVOKED)
        return
    f = one(ev, REVOKED, Severity.BLOCKING, Party.SERVER)
    assert f.facts["source"] == "stapled OCSP" and f.facts["revoked_at"]
    assert "stapled OCSP: revoked on " in f.evidence[1]
    assert root(ev).cause is REVOKED


def test_chain_alone_and_its_fix(rpki):
    ev = chain_only(_stapled(rpki, "revoked"))
    one(ev, REVOKED, Severity.BLOCKING, Party.SERVER)
    steps = specific_steps(ev, REVOKED)
    assert "why it was revoked" in steps[0].text
    assert f"certbot renew --cert-name {HOST}" in codes(steps)
    cause_absent(chain_only(_stapled(rpki, "good")), REVOKED)


def test_unchecked_revocation_is_no_finding(rpki):
    chain = analyze(rpki.leaf(), rpki.stores)  # offline, nothing stapled
    assert chain.revocation.status == "not checked"
    cause_absent(chain_only(chain), REVOKED)


@pytest.mark.parametrize("alerts, revoked", [((client_alert(CERTIFICATE_REVOKED),), True),
                                             ((), False)])
def test_tls13_capture_reads_the_alert(alerts, revoked):
    ev = capture(alerts=alerts, version=TLS13)
    if not revoked:
        cause_absent(ev, REVOKED)
        return
    f = one(ev, REVOKED, Severity.BLOCKING, Party.SERVER)
    assert "client sent fatal alert certificate_revoked (44)" in f.evidence[0]
    assert "encrypted (TLS 1.3)" in f.evidence[1]


def test_capture_with_visible_chain_still_trusts_the_alert(rpki):
    """The chain is in the capture (TLS 1.2) but revocation cannot be judged offline: the
    client's certificate_revoked alert decides."""
    chain = analyze(rpki.leaf(), rpki.stores)
    ev = capture(alerts=(client_alert(CERTIFICATE_REVOKED),), version=TLS12, chain=chain)
    assert root(ev).cause is REVOKED
    one(ev, REVOKED, Severity.BLOCKING, Party.SERVER)
    cause_absent(capture(version=TLS12, chain=chain), REVOKED)


def test_error_text():
    ev = text("curl: (60) SSL certificate problem: certificate revoked")
    f = root(ev)
    assert f.cause is REVOKED and f.confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), REVOKED)
