"""bad_chain_order_or_extra: what the server sends is misordered, duplicated, unrelated,
unparsable, or includes the root (the last alone is info: it costs bytes, nothing breaks).

Sources: the chain as sent (live, capture, `cert`), error text.
"""

import pytest
from evidence_builders import (
    HOST,
    analyze,
    capture,
    cause_absent,
    chain_only,
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

ORDER = Cause.BAD_CHAIN_ORDER_OR_EXTRA


@pytest.fixture(scope="module")
def two_deep(rpki):
    """leaf <- issuing CA <- policy CA <- root."""
    policy = rpki.root.intermediate(name="policy CA")
    issuing = policy.intermediate(name="issuing CA")
    return rpki.leaf(issuer=issuing), issuing, policy


@pytest.mark.parametrize("include_root, extra", [(True, True), (False, False)])
def test_root_sent_is_info_and_the_right_chain_is_nothing(rpki, include_root, extra):
    leaf = rpki.leaf(issuer=rpki.inter)
    sent = (*leaf.chain, rpki.root.cert) if include_root else leaf.chain
    ev = chain_only(analyze(sent, rpki.stores))
    if not extra:
        cause_absent(ev, ORDER)
        return
    f = one(ev, ORDER, Severity.INFO, Party.SERVER)
    assert f.title == "Server sends the root certificate"
    assert any("the root 'tlsdoctor test root CA' is sent" in p for p in f.facts["problems"])


def test_wrong_order_warns_and_the_fix_is_the_reordered_bundle(rpki, two_deep):
    leaf, issuing, policy = two_deep
    ev = live(exchange(), chain=analyze((leaf.cert, policy.cert, issuing.cert), rpki.stores),
              chain_source="baseline", server_software="nginx")
    f = one(ev, ORDER, Severity.WARNING, Party.SERVER)
    assert any(p.startswith("sent in the wrong order") for p in f.facts["problems"])
    steps = specific_steps(ev, ORDER)
    right = "".join(c.cert_pem.decode() for c in (leaf, issuing, policy)).strip()
    assert steps[0].code == right
    assert any(s.applies_to == "nginx" and f"/etc/ssl/{HOST}.fullchain.pem" in s.code
               for s in steps)
    in_order = live(exchange(), chain=analyze((leaf.cert, issuing.cert, policy.cert), rpki.stores))
    cause_absent(in_order, ORDER)


def test_duplicate_and_unrelated_certificates(rpki):
    leaf = rpki.leaf(issuer=rpki.inter)
    stranger = rpki.public.issue(("unrelated.test",)).cert
    dup = one(chain_only(analyze((*leaf.chain, rpki.inter.cert), rpki.stores)), ORDER,
              Severity.WARNING, Party.SERVER)
    assert any("is sent 2 times" in p for p in dup.facts["problems"])
    extra = one(chain_only(analyze((*leaf.chain, stranger), rpki.stores)), ORDER,
                Severity.WARNING, Party.SERVER)
    assert any("not part of the chain (unrelated certificate)" in p
               for p in extra.facts["problems"])


def test_unparsable_extra_certificate(rpki):
    leaf = rpki.leaf()
    garbage = b"\x30\x82\x00\x05junk!"
    ev = chain_only(analyze((leaf.cert, garbage), rpki.stores))
    f = one(ev, ORDER, Severity.WARNING, Party.SERVER)
    assert f.title == "Server sends certificates that cannot be parsed"
    assert f.facts["unparsable"] == 1 and f.evidence[0].startswith(f"certificate #1: {len(garbage)} bytes")
    # Nothing to reorder: the generic line, not a bundle built from nothing.
    assert [s.text for s in fix_steps(ev, ORDER)] == [generic(ORDER.value)]


def test_unparsable_leaf_is_a_server_misconfiguration_instead(rpki):
    ev = chain_only(analyze((b"\x30\x03abc", rpki.inter.cert), rpki.stores))
    cause_absent(ev, ORDER)
    assert root(ev).cause is Cause.SERVER_MISCONFIGURATION


def test_capture_of_a_working_connection_shows_it(rpki):
    leaf = rpki.leaf(issuer=rpki.inter)
    ev = capture(chain=analyze((*leaf.chain, rpki.root.cert), rpki.stores))
    one(ev, ORDER, Severity.INFO, Party.SERVER)
    cause_absent(capture(chain=analyze(leaf.chain, rpki.stores)), ORDER)


def test_error_text():
    ev = text("verify error:num=30:authority and subject key identifier mismatch")
    assert root(ev).cause is ORDER and root(ev).confidence == pytest.approx(0.7)
    assert findings(ev, Cause.INCOMPLETE_CHAIN)
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), ORDER)
