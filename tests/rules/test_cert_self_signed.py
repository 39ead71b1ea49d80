"""cert_self_signed: the server's own certificate is signed by its own key.

Sources: the chain (trust is judged by our stores; a captured client that did not complain
trusted it), a captured client's alert when the certificate is hidden, error text. Folds:
a self-signed leaf is not also an untrusted root, nor an incomplete chain; a self-signed
leaf the store holds as-is is trusted.
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
    exchange,
    findings,
    live,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.pki.trust import TrustStore, TrustStores
from tlsdoctor.testing.ca import self_signed

SELF = Cause.CERT_SELF_SIGNED


@pytest.mark.parametrize("own_key", [True, False])
def test_chain_alone_fails_and_works(rpki, own_key):
    leaf = self_signed((HOST,)) if own_key else rpki.leaf()
    ev = chain_only(analyze(leaf, rpki.stores))
    if not own_key:
        cause_absent(ev, SELF)
        return
    f = one(ev, SELF, Severity.BLOCKING, Party.SERVER)
    assert f.facts["common_name"] == HOST
    assert root(ev).cause is SELF


def test_self_signed_leaf_is_not_also_an_untrusted_root_or_incomplete_chain():
    stores = TrustStores(default=TrustStore("empty", ()))
    ev = chain_only(analyze(self_signed((HOST,)), stores))
    assert [f.cause for f in findings(ev, SELF)] == [SELF]
    cause_absent(ev, Cause.CERT_UNTRUSTED_ROOT)
    cause_absent(ev, Cause.INCOMPLETE_CHAIN)
    cause_absent(ev, Cause.BAD_CHAIN_ORDER_OR_EXTRA)


def test_store_that_holds_the_leaf_itself_trusts_it():
    leaf = self_signed((HOST,))
    pinned = TrustStores(default=TrustStore("pinned", (leaf.cert,)))
    cause_absent(chain_only(analyze(leaf, pinned)), SELF)


def test_live_fix_offers_a_real_certificate_or_trusting_this_one(rpki):
    leaf = self_signed((HOST,))
    ev = live(exchange(), chain=analyze(leaf, rpki.stores), chain_source="baseline",
              server_software="nginx")
    one(ev, SELF, Severity.BLOCKING, Party.SERVER)
    steps = specific_steps(ev, SELF)
    assert f"certbot renew --cert-name {HOST}" in codes(steps)
    assert leaf.cert_pem.decode().strip() in codes(steps)  # the exact certificate to trust
    assert any(s.applies_to == "curl" and "--cacert" in s.code for s in steps)


def test_capture_judges_trust_only_when_the_client_complained(rpki):
    chain = analyze(self_signed((HOST,)), rpki.stores)
    rejected = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS12, chain=chain)
    one(rejected, SELF, Severity.BLOCKING, Party.SERVER)
    # The same chain, and the client went on: it trusts the certificate (pinned, private
    # store); our stores' opinion is no finding.
    cause_absent(capture(version=TLS12, chain=chain), SELF)


def test_tls13_capture_reads_the_alert():
    ev = capture(alerts=(client_alert(UNKNOWN_CA),), version=TLS13)
    f = one(ev, SELF, Severity.BLOCKING, Party.SERVER)
    assert f.confidence == pytest.approx(0.15)  # unknown_ca says "untrusted", not which way
    assert root(ev).cause is Cause.CERT_UNTRUSTED_ROOT


def test_error_text():
    ev = text("curl: (60) SSL certificate problem: self-signed certificate")
    # no host or environment words: whose self-signed certificate (the server's, or a device
    # on the path) is open, so it ranks first below certainty (ingest/trust_context.py)
    assert root(ev).cause is SELF and root(ev).confidence == pytest.approx(0.55)
    private = text("curl: (60) SSL certificate problem: self-signed certificate\n"
                   "* Connected to 192.168.1.20 (192.168.1.20) port 8443")
    assert root(private).cause is SELF and root(private).confidence == pytest.approx(0.85)
    cause_absent(text("curl: (60) SSL certificate problem: self-signed certificate in "
                      "certificate chain"), SELF)
