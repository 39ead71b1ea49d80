"""tls_interception_mitm: a TLS-inspection product re-signs the connection.

Sources: the chain (an issuer that matches a known inspection product), a captured client's
alert, error text. Blocking when this machine does not trust the inspection CA, a warning
when it does (it works, decrypted in the middle). It folds the untrusted-root and hostname
findings its certificate would otherwise cause.
"""

import pytest
from evidence_builders import (
    TLS12,
    TLS13,
    UNKNOWN_CA,
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
from tlsdoctor.pki.trust import TrustStore, TrustStores

MITM = Cause.TLS_INTERCEPTION_MITM


def _sent(rpki, issuer, *names):
    return [rpki.leaf(*names, issuer=issuer).cert, issuer.cert]


@pytest.mark.parametrize("issuer, intercepted", [("zscaler", True), ("private", False)])
def test_inspection_ca_fails_and_an_ordinary_ca_does_not(rpki, issuer, intercepted):
    ev = live(exchange(), chain=analyze(_sent(rpki, getattr(rpki, issuer)), rpki.stores),
              chain_source="baseline")
    if not intercepted:
        cause_absent(ev, MITM)
        assert root(ev).cause is Cause.CERT_UNTRUSTED_ROOT
        return
    f = one(ev, MITM, Severity.BLOCKING, Party.NETWORK)
    assert f.facts["product"] == "Zscaler Internet Access"
    assert "this machine does not trust the inspection CA" in f.explanation
    assert root(ev).cause is MITM


def test_trusted_inspection_ca_is_a_warning(rpki):
    trusting = TrustStores(default=TrustStore("corp", (rpki.zscaler.cert,)))
    ev = chain_only(analyze(_sent(rpki, rpki.zscaler), trusting))
    f = one(ev, MITM, Severity.WARNING, Party.NETWORK)
    assert "connection works but is decrypted in the middle" in f.explanation


def test_folds_untrusted_root_and_hostname(rpki):
    ev = chain_only(analyze(_sent(rpki, rpki.zscaler, "wrong.test"), rpki.stores))
    one(ev, MITM, Severity.BLOCKING, Party.NETWORK)
    cause_absent(ev, Cause.CERT_UNTRUSTED_ROOT)
    cause_absent(ev, Cause.HOSTNAME_MISMATCH)
    cause_absent(ev, Cause.INCOMPLETE_CHAIN)


def test_fix_names_the_product(rpki):
    ev = chain_only(analyze(_sent(rpki, rpki.zscaler), rpki.stores))
    steps = fix_steps(ev, MITM)
    assert steps[0].text != generic(MITM.value)
    assert "exempt this host from Zscaler Internet Access's TLS inspection" in steps[0].text


def test_capture_with_visible_chain(rpki):
    chain = analyze(_sent(rpki, rpki.zscaler), rpki.stores)
    one(capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS12, chain=chain), MITM,
        Severity.BLOCKING, Party.NETWORK)
    cause_absent(capture(version=TLS12, chain=analyze(rpki.leaf().chain, rpki.stores)), MITM)


def test_tls13_capture_alert_is_a_weak_hint():
    ev = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS13)
    f = one(ev, MITM, Severity.BLOCKING, Party.NETWORK)
    assert f.confidence == pytest.approx(0.1)
    assert root(ev).cause is Cause.CERT_UNTRUSTED_ROOT


def test_error_text():
    ev = text("Error code: MOZILLA_PKIX_ERROR_MITM_DETECTED")
    assert root(ev).cause is MITM and root(ev).confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), MITM)


def test_root_with_a_public_private_key_is_named_never_a_missing_intermediate(rpki):
    """Issue 11: a leaf from a root whose private key is public (eDellRoot, preinstalled
    on laptops) is a danger to name, not an intermediate to add."""
    from tlsdoctor.testing.ca import CA

    leaked = CA(name="eDellRoot")
    ev = chain_only(analyze((rpki.leaf(issuer=leaked).cert,), rpki.stores))
    f = root(ev)
    assert f.cause is Cause.TLS_INTERCEPTION_MITM and f.severity is Severity.BLOCKING
    assert "private key is public" in f.title and "VU#925497" in f.facts["key_public"]
    assert f.who_fixes is Party.CLIENT
    assert not findings(ev, Cause.INCOMPLETE_CHAIN) and not findings(ev, Cause.CERT_UNTRUSTED_ROOT)
    assert any("update-ca-certificates --fresh" in s.code for s in fix_steps(ev, f.cause))
