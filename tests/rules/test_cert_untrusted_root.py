"""cert_untrusted_root: the chain ends at a root the client does not trust.

Sources: the chain (a private root: either side fixes it; a public root this store lacks:
the client's store is outdated; an intermediate whose issuer nobody has), a captured
client's unknown_ca, error text. Folds: not for a self-signed leaf (cert_self_signed), not
behind an inspection CA (tls_interception_mitm).
"""

import pytest
from evidence_builders import (
    BAD_CERTIFICATE,
    HOST,
    TLS12,
    TLS13,
    UNKNOWN_CA,
    analyze,
    capture,
    cause_absent,
    chain_only,
    client_alert,
    codes,
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
from tlsdoctor.testing.ca import self_signed

UNTRUSTED = Cause.CERT_UNTRUSTED_ROOT


def _with_root(rpki, issuer):
    """Leaf plus its root, as a server with a private CA sends them: the path reaches the
    root (sending only the leaf of a root-issued certificate reads as incomplete_chain)."""
    return analyze([rpki.leaf(issuer=issuer).cert, issuer.cert], rpki.stores)


@pytest.mark.parametrize("issuer, untrusted", [("private", True), ("root", False)])
def test_private_root_fails_and_trusted_root_works(rpki, issuer, untrusted):
    ev = chain_only(_with_root(rpki, getattr(rpki, issuer)))
    if not untrusted:
        cause_absent(ev, UNTRUSTED)
        return
    # An internal CA's whole chain was sent: the clients must trust its root (issue 11).
    f = one(ev, UNTRUSTED, Severity.BLOCKING, Party.CLIENT)
    assert f.title == "Chain ends at 'Corp Internal Root CA', a root test-root does not trust"
    assert f.facts["private"] is True and f.facts["in_stores"] == []
    assert root(ev).cause is UNTRUSTED


def test_public_root_missing_here_is_the_clients_store(rpki):
    ev = chain_only(analyze(rpki.leaf(issuer=rpki.public), rpki.stores))
    f = one(ev, UNTRUSTED, Severity.BLOCKING, Party.CLIENT)
    assert f.facts["in_stores"] == ["public-roots"] and f.facts["private"] is False
    steps = specific_steps(ev, UNTRUSTED)
    assert "update-ca-certificates" in steps[0].code and steps[0].applies_to == "system"


def test_intermediate_whose_issuer_nobody_has(rpki):
    """The server sends leaf + intermediate; the intermediate's root is nowhere."""
    inter = rpki.private.intermediate(name="Corp Issuing CA 1")
    sent = analyze([rpki.leaf(issuer=inter).cert, inter.cert], rpki.stores)
    ev = chain_only(sent)
    f = one(ev, UNTRUSTED, Severity.BLOCKING, Party.EITHER)
    assert f.confidence == pytest.approx(0.7)
    assert f.facts["issuer_missing"] is True and f.facts["root_name"] == "Corp Internal Root CA"
    cause_absent(ev, Cause.INCOMPLETE_CHAIN)  # the leaf's issuer was sent
    steps = fix_steps(ev, UNTRUSTED)
    assert "internal CA" in steps[0].text
    assert any("missing intermediate" in s.text for s in steps)


def test_live_private_root_fix_carries_the_root_to_trust(rpki):
    ev = live(exchange(), chain=_with_root(rpki, rpki.private),
              chain_source="baseline", server_software="nginx")
    one(ev, UNTRUSTED, Severity.BLOCKING, Party.CLIENT)
    steps = specific_steps(ev, UNTRUSTED)
    assert rpki.private.cert_pem.decode().strip() in codes(steps)
    assert "update-ca-certificates" in codes(steps)
    assert any("publicly trusted CA" in s.text for s in steps)


def test_self_signed_leaf_is_not_an_untrusted_root(rpki):
    ev = chain_only(analyze(self_signed((HOST,)), rpki.stores))
    cause_absent(ev, UNTRUSTED)
    assert findings(ev, Cause.CERT_SELF_SIGNED)


def test_interception_ca_folds_it(rpki):
    intercepted = chain_only(_with_root(rpki, rpki.zscaler))
    cause_absent(intercepted, UNTRUSTED)
    assert root(intercepted).cause is Cause.TLS_INTERCEPTION_MITM
    # Twin: the same untrusted private root, but no inspection product's name.
    one(chain_only(_with_root(rpki, rpki.private)), UNTRUSTED,
        Severity.BLOCKING, Party.CLIENT)


def test_capture_trusts_a_client_that_did_not_complain(rpki):
    chain = _with_root(rpki, rpki.private)
    rejected = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS12, chain=chain)
    one(rejected, UNTRUSTED, Severity.BLOCKING, Party.CLIENT)
    assert root(rejected).cause is UNTRUSTED
    cause_absent(capture(version=TLS12, chain=chain), UNTRUSTED)


@pytest.mark.parametrize("description, confidence, first", [
    (UNKNOWN_CA, 0.45, True), (BAD_CERTIFICATE, 0.25, False)])
def test_tls13_capture_reads_the_alert(description, confidence, first):
    ev = capture(alerts=(client_alert(description),), version=TLS13)
    f = one(ev, UNTRUSTED, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == pytest.approx(confidence)
    assert (root(ev).cause is UNTRUSTED) is first
    cause_absent(capture(version=TLS13), UNTRUSTED)


def test_error_text():
    ev = text("curl: (60) SSL certificate problem: self-signed certificate in certificate chain")
    # curl/git's form without a host: round 15 counted every dev text of a root sent in the
    # chain with no host (12 of 15 re-signing first): interception first, a private CA
    # second, neither certain (ingest/trust_context.py ROOT_SENT)
    assert root(ev).cause is Cause.TLS_INTERCEPTION_MITM and root(ev).confidence < 0.6
    assert findings(ev, UNTRUSTED)[0].confidence == pytest.approx(0.3)
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), UNTRUSTED)


def test_internal_ca_chain_is_not_a_missing_intermediate(rpki, aia_server):
    """Issue 11: a server sends leaf + intermediate of an internal CA whose root the client
    lacks; the intermediate's AIA hands out that root. Nothing is missing on the server:
    the clients must trust the internal root (verified out of band), and no 'corrected'
    bundle identical to what is served is offered."""
    from evidence_builders import der

    from tlsdoctor.pki.fetch import Fetcher, Scope

    aia_server.files["/root.der"] = der([rpki.private.cert])[0]
    inter = rpki.private.intermediate(name="Corp Issuing CA 2",
                                      aia_issuer_url=aia_server.url("/root.der"))
    leaf = rpki.leaf(issuer=inter)
    chain = analyze((leaf.cert, inter.cert), rpki.stores, fetcher=Fetcher(timeout=5, scope=Scope("127.0.0.1")))
    assert chain.fetched_root is not None and chain.fetched_links == ()
    assert chain.completed_chain_pem is None
    ev = live(exchange(), chain=chain, chain_source="baseline", server_software="nginx")
    cause_absent(ev, Cause.INCOMPLETE_CHAIN)
    f = one(ev, UNTRUSTED, Severity.BLOCKING, Party.CLIENT)
    assert f.facts["root_fetched_from"] == aia_server.url("/root.der")
    assert any("no intermediate is missing" in e for e in f.evidence)
    first = specific_steps(ev, UNTRUSTED)[0]
    assert "fetched over plain HTTP" in first.text and "out of band" in first.text
    assert rpki.private.cert_pem.decode().strip() == first.code
    fingerprint = chain.path[-1].info.sha256
    assert ":".join(fingerprint[i:i + 2] for i in range(0, len(fingerprint), 2)) in first.text
