"""incomplete_chain: the server sends its certificate without the intermediate(s).

Sources: the chain (proven when AIA fetching found the missing intermediate: a loopback
HTTP server publishes it here; inferred offline when the leaf's issuer is nowhere), a
captured client's alert, error text. Folds: not for a self-signed leaf, nor behind an
inspection CA; a trust-type rule for captures.
"""

import pytest
from evidence_builders import (
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
    der,
    exchange,
    findings,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.pki.fetch import Fetcher, Scope
from tlsdoctor.testing.ca import self_signed

INCOMPLETE = Cause.INCOMPLETE_CHAIN


@pytest.mark.parametrize("send_intermediate", [False, True])
def test_offline_fails_and_works(rpki, send_intermediate):
    leaf = rpki.leaf(issuer=rpki.inter)
    sent = leaf.chain if send_intermediate else (leaf.cert,)
    ev = chain_only(analyze(sent, rpki.stores))
    if send_intermediate:
        cause_absent(ev, INCOMPLETE)
        return
    f = one(ev, INCOMPLETE, Severity.BLOCKING, Party.SERVER)
    # No AIA in the leaf: it might come straight from a private root, so less sure.
    assert f.confidence == pytest.approx(0.8) and f.facts["private_hint"] is True
    assert f.facts["missing_issuer_name"] == "tlsdoctor rules intermediate CA"
    assert root(ev).cause is INCOMPLETE


def test_aia_named_but_offline_is_surer(rpki):
    leaf = rpki.leaf(issuer=rpki.inter, aia_issuer_url="http://127.0.0.1:9/inter.der")
    f = one(chain_only(analyze((leaf.cert,), rpki.stores)), INCOMPLETE, Severity.BLOCKING,
            Party.SERVER)
    assert f.confidence == pytest.approx(0.95) and f.facts["private_hint"] is False
    assert "AIA: AIA fetching is off (offline)" in f.evidence


def test_fetched_intermediate_proves_it_and_the_fix_is_the_bundle(rpki, aia_server):
    aia_server.files["/inter.der"] = der([rpki.inter.cert])[0]
    leaf = rpki.leaf(issuer=rpki.inter, aia_issuer_url=aia_server.url("/inter.der"))
    chain = analyze((leaf.cert,), rpki.stores, fetcher=Fetcher(timeout=5, scope=Scope("127.0.0.1")))
    ev = live(exchange(certificates=der([leaf.cert])), chain=chain, chain_source="baseline",
              server_software="nginx")
    f = one(ev, INCOMPLETE, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == 1.0 and f.facts["completed_chain"] is True
    assert f.facts["missing"] == [rpki.inter.cert.subject.rfc4514_string()]
    steps = specific_steps(ev, INCOMPLETE)
    bundle = codes(steps)
    assert leaf.cert_pem.decode().strip() in bundle and rpki.inter.cert_pem.decode().strip() in bundle
    assert rpki.root.cert_pem.decode().strip() not in bundle  # never the root
    nginx = [s for s in steps if s.applies_to == "nginx"]
    assert nginx and f"ssl_certificate     /etc/ssl/{HOST}.fullchain.pem;" in nginx[0].code
    # Twin: the server sends the intermediate; nothing is fetched, nothing is missing.
    full = analyze(leaf.chain, rpki.stores, fetcher=Fetcher(timeout=5, scope=Scope("127.0.0.1")))
    cause_absent(live(exchange(), chain=full), INCOMPLETE)


def test_self_signed_leaf_is_not_incomplete(rpki):
    ev = chain_only(analyze(self_signed((HOST,)), rpki.stores))
    cause_absent(ev, INCOMPLETE)
    assert findings(ev, Cause.CERT_SELF_SIGNED)


def test_interception_ca_folds_it(rpki):
    ev = chain_only(analyze((rpki.leaf(issuer=rpki.zscaler).cert,), rpki.stores))
    cause_absent(ev, INCOMPLETE)
    assert root(ev).cause is Cause.TLS_INTERCEPTION_MITM


def test_capture_judges_it_only_when_the_client_complained(rpki):
    chain = analyze((rpki.leaf(issuer=rpki.inter).cert,), rpki.stores)
    rejected = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS12, chain=chain)
    one(rejected, INCOMPLETE, Severity.BLOCKING, Party.SERVER)
    assert root(rejected).cause is INCOMPLETE
    # A browser that fetched the intermediate itself and went on: no finding from a capture.
    cause_absent(capture(version=TLS12, chain=chain), INCOMPLETE)


def test_tls13_capture_reads_the_alert():
    ev = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS13)
    assert one(ev, INCOMPLETE, Severity.BLOCKING, Party.SERVER).confidence == pytest.approx(0.3)


def test_error_text():
    ev = text("System.Security.Authentication.AuthenticationException: The remote certificate is "
              "invalid because of errors in the certificate chain: PartialChain")
    # no host or environment words: first, below certainty (ingest/trust_context.py)
    assert root(ev).cause is INCOMPLETE and root(ev).confidence == pytest.approx(0.55)
    # OpenSSL cannot tell a missing intermediate from an unknown root: both are listed; for
    # curl's own form the chain ranks first (the real-world threads' count, patterns/curl.py)
    both = text("curl: (60) SSL certificate problem: unable to get local issuer certificate")
    assert findings(both, INCOMPLETE)[0].confidence > findings(
        both, Cause.CERT_UNTRUSTED_ROOT)[0].confidence > 0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), INCOMPLETE)
