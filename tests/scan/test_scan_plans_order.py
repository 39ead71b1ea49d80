"""Fewer hellos for the same map (issue 11): server order read from the enumeration's own
choices, and TLS 1.3 groups / signature schemes seen during it not asked again."""

from __future__ import annotations

from collections.abc import Sequence

from hypothesis import given, settings
from hypothesis import strategies as st

from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult
from tlsdoctor.scanner import plans as P


def answer(plan: P.HelloPlan, server: Sequence[int], *, server_order: bool) -> ProbeResult:
    offer = Offer(versions=plan.versions, cipher_suites=plan.cipher_suites)
    common = ([s for s in server if s in plan.cipher_suites] if server_order
              else [s for s in plan.cipher_suites if s in server])
    if not common:
        return ProbeResult(label=plan.label, offer=offer, outcome=Outcome.ALERT, alert=(2, 40))
    return ProbeResult(label=plan.label, offer=offer, outcome=Outcome.HANDSHAKE,
                       version=plan.versions[0], cipher_suite=common[0])


def enumerate_all(server: Sequence[int], candidates: Sequence[int], *,
                  server_order: bool) -> tuple[P.SuiteEnumeration, int]:
    e = P.SuiteEnumeration(version=P.TLS12, candidates=tuple(candidates))
    n = 0
    while (plan := e.next_plan()) is not None:
        n += 1
        assert n < 1000
        e.feed(answer(plan, server, server_order=server_order))
    return e, n


def client_order_prediction(server: Sequence[int], candidates: Sequence[int]) -> list[int]:
    """The choices a client-order server makes from our alternating offers."""
    left = [c for c in dict.fromkeys(candidates) if c in server]
    out = []
    while left:
        pick = left[0] if len(out) % 2 == 0 else left[-1]
        out.append(pick)
        left.remove(pick)
    return out


CANDIDATES = tuple(range(1, 200))


def test_offers_alternate_direction():
    e = P.SuiteEnumeration(version=P.TLS12, candidates=(1, 2, 3, 4))
    first = e.next_plan()
    assert first is not None and first.cipher_suites == (1, 2, 3, 4)
    e.feed(answer(first, (2, 3), server_order=False))
    second = e.next_plan()
    assert second is not None and second.cipher_suites == (4, 3, 1)


def test_client_order_is_read_from_the_choices():
    e, n = enumerate_all((10, 20, 30, 40), CANDIDATES, server_order=False)
    assert sorted(e.accepted) == [10, 20, 30, 40] and n == 5
    assert e.inferred_order() is False


def test_server_order_is_proven_by_a_choice_client_order_cannot_explain():
    e, _ = enumerate_all((30, 10, 20), CANDIDATES, server_order=True)
    assert e.accepted == [30, 10, 20]
    assert e.inferred_order() is True


def test_two_suites_chosen_as_we_offered_them_need_the_order_probe():
    e, _ = enumerate_all((10, 20), CANDIDATES, server_order=True)  # 10 is also our first
    assert e.inferred_order() is None
    plan = P.preference_plan(P.TLS12, e.accepted)
    assert plan is not None and P.server_order(e.accepted, answer(plan, (10, 20),
                                                                  server_order=True)) is True


def test_an_incomplete_enumeration_infers_nothing():
    e = P.SuiteEnumeration(version=P.TLS12, candidates=(1, 2, 3, 4))
    for chosen in (1, 4):
        plan = e.next_plan()
        assert plan is not None
        e.feed(ProbeResult(label="x", offer=Offer(versions=(P.TLS12,), cipher_suites=plan.cipher_suites),
                           outcome=Outcome.HANDSHAKE, version=P.TLS12, cipher_suite=chosen))
    assert e.inferred_order() is None  # not done: a third suite may still be accepted


@settings(max_examples=300, deadline=None)
@given(server=st.lists(st.integers(1, 120), unique=True, max_size=40),
       candidates=st.lists(st.integers(1, 120), unique=True, min_size=1, max_size=120),
       server_order=st.booleans())
def test_inferred_order_is_never_wrong_except_by_exact_coincidence(server, candidates,
                                                                   server_order):
    e, n = enumerate_all(server, candidates, server_order=server_order)
    common = [s for s in server if s in candidates]
    assert n == len(common) + (0 if set(common) == set(candidates) else 1)  # still accepted + 1
    inferred = e.inferred_order()
    if len(common) < 2:
        assert inferred is None
    elif not server_order:
        assert inferred is (False if len(common) >= P.ORDER_MIN_SUITES else None)
    elif inferred is False:
        # Only a server whose own list is exactly our zig-zag looks like client order.
        assert common == client_order_prediction(server, candidates)
    else:
        assert inferred in (True, None)


def test_tls13_enumeration_offers_unseen_groups_and_schemes_first():
    e = P.SuiteEnumeration(version=P.TLS13, candidates=(0x1301, 0x1302, 0x1303), discover=True)
    server_groups, server_schemes = (P.SECP384R1, P.X25519, P.SECP256R1), (0x0804, 0x0805)
    seen = []
    while (plan := e.next_plan()) is not None:
        assert plan.groups is not None and plan.signature_algorithms is not None
        assert set(plan.groups) == set(P.TLS13_GROUPS)  # nothing left out
        assert set(plan.signature_algorithms) == set(P.SIGALGS)
        group = next(g for g in plan.groups if g in server_groups)  # client order
        scheme = next(a for a in plan.signature_algorithms if a in server_schemes)
        common = [s for s in plan.cipher_suites if s in (0x1301, 0x1302)]
        offer = Offer(versions=plan.versions, cipher_suites=plan.cipher_suites)
        if not common:
            e.feed(ProbeResult(label=plan.label, offer=offer, outcome=Outcome.ALERT,
                               alert=(2, 40)))
            continue
        seen.append(group)
        e.feed(ProbeResult(label=plan.label, offer=offer, outcome=Outcome.HANDSHAKE,
                           version=P.TLS13, cipher_suite=common[0], group=group,
                           server_signature_scheme=scheme))
    assert e.groups_found == seen and len(set(seen)) == 2  # a new group each time
    assert e.sigalgs_found == [0x0804, 0x0805]
    groups = P.groups_elimination(P.TLS13, (0x1301,), seen=e.groups_found)
    first = groups.next_plan()
    assert first is not None and first.groups is not None
    assert not set(first.groups) & set(e.groups_found)  # asked only for the others
    sigs = P.sigalgs_elimination(P.TLS13, (0x1301,), seen=e.sigalgs_found)
    nxt = sigs.next_plan()
    assert nxt is not None and nxt.signature_algorithms is not None
    assert 0x0804 not in nxt.signature_algorithms and 0x0805 not in nxt.signature_algorithms
