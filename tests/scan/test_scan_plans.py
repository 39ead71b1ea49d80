"""The enumeration state machines, fed ProbeResults as a server would answer."""

from __future__ import annotations

from collections.abc import Sequence

from tlsdoctor.probe.outcome import Offer, Outcome, ProbeResult
from tlsdoctor.scanner import plans as P


def answer(plan: P.HelloPlan, server: Sequence[int], *, version: int | None = None,
           server_order: bool = True) -> ProbeResult:
    """A server with preference list ``server``: picks its favourite (or the client's) of
    the offer, or refuses with handshake_failure."""
    offer = Offer(versions=plan.versions, cipher_suites=plan.cipher_suites)
    common = [s for s in server if s in plan.cipher_suites]
    if not server_order:
        common = [s for s in plan.cipher_suites if s in server]
    if not common:
        return ProbeResult(label=plan.label, offer=offer, outcome=Outcome.ALERT, alert=(2, 40))
    return ProbeResult(label=plan.label, offer=offer, outcome=Outcome.HANDSHAKE,
                       version=version or plan.versions[0], cipher_suite=common[0])


def run(e: P.SuiteEnumeration, server: Sequence[int], **kw: object) -> int:
    n = 0
    while (plan := e.next_plan()) is not None:
        n += 1
        assert n < 1000
        e.feed(answer(plan, server, **kw))  # type: ignore[arg-type]
    return n


CANDIDATES = tuple(range(0x0001, 0x0140))


def test_enumeration_finds_exactly_the_accepted_suites_in_accepted_plus_one():
    server = (0x0035, 0x002F, 0x000A, 0x0005)
    e = P.SuiteEnumeration(version=P.TLS12, candidates=CANDIDATES)
    n = run(e, server)
    assert e.accepted == list(server)  # server order is kept
    assert e.accepted_version is True
    assert n == len(server) + 1
    assert e.done and not e.anomaly


def test_enumeration_of_refused_version_costs_one_connection():
    e = P.SuiteEnumeration(version=P.SSL3, candidates=CANDIDATES)
    assert run(e, ()) == 1
    assert e.accepted_version is False and e.accepted == []


def test_server_choosing_an_unoffered_suite_is_an_anomaly_not_a_loop():
    e = P.SuiteEnumeration(version=P.TLS12, candidates=(1, 2, 3))
    plan = e.next_plan()
    assert plan is not None
    e.feed(ProbeResult(label="x", offer=Offer(versions=(P.TLS12,), cipher_suites=(1, 2, 3)),
                       outcome=Outcome.HANDSHAKE, version=P.TLS12, cipher_suite=0xC02F))
    assert e.next_plan() is None
    assert "not offered" in e.anomaly


def test_size_intolerant_path_gets_one_split_then_finds_suites():
    """A box that resets hellos with more than 40 suites: after one reset the offer is
    split into chunks, and the accepted suites are still found."""
    server = (0x0035, 0x002F)
    e = P.SuiteEnumeration(version=P.TLS12, candidates=CANDIDATES)
    n = 0
    while (plan := e.next_plan()) is not None:
        n += 1
        assert n < 100
        e.allow_split = True
        if len(plan.cipher_suites) > P.SPLIT_SIZE:
            e.feed(ProbeResult(label=plan.label, offer=Offer(versions=plan.versions,
                               cipher_suites=plan.cipher_suites), outcome=Outcome.RESET))
        else:
            e.feed(answer(plan, server))
    assert sorted(e.accepted) == sorted(server)
    assert e.accepted_version is True


def test_network_failure_is_not_a_refusal():
    e = P.SuiteEnumeration(version=P.TLS12, candidates=(1, 2), allow_split=False)
    e.next_plan()
    e.feed(ProbeResult(label="x", offer=Offer(versions=(P.TLS12,), cipher_suites=(1, 2)),
                       outcome=Outcome.CONNECT_TIMEOUT))
    assert e.accepted_version is None
    assert "stopped early" in e.anomaly


def test_preference_probe_tells_server_order_from_client_order():
    found = [3, 2, 1]
    plan = P.preference_plan(P.TLS12, found)
    assert plan is not None and plan.cipher_suites == (1, 2, 3)
    assert P.server_order(found, answer(plan, found)) is True
    assert P.server_order(found, answer(plan, found, server_order=False)) is False
    assert P.preference_plan(P.TLS12, [7]) is None


def test_group_elimination_reads_hello_retry_and_key_share():
    """TLS 1.3: a server that supports X25519MLKEM768 asks for it by HelloRetryRequest."""
    server = (P.X25519MLKEM768, P.X25519, P.SECP256R1)
    e = P.groups_elimination(P.TLS13, (0x1301,))
    n = 0
    while (plan := e.next_plan()) is not None:
        n += 1
        assert plan.groups is not None
        common = [g for g in server if g in plan.groups]
        offer = Offer(versions=plan.versions, cipher_suites=plan.cipher_suites)
        if not common:
            e.feed(ProbeResult(label=plan.label, offer=offer, outcome=Outcome.ALERT,
                               alert=(2, 40)))
        elif plan.key_share and common[0] in plan.key_share:
            e.feed(ProbeResult(label=plan.label, offer=offer, outcome=Outcome.HANDSHAKE,
                               group=common[0]))
        else:
            # No usable key share for its favourite: RFC 8446 §4.1.4 HelloRetryRequest.
            e.feed(ProbeResult(label=plan.label, offer=offer, outcome=Outcome.HELLO_RETRY,
                               hello_retry_group=common[0]))
    assert set(e.found) == set(server)
    assert e.complete
    assert n == len(server) + 1


def test_group_elimination_sends_key_share_only_for_offered_groups():
    e = P.groups_elimination(P.TLS13, (0x1301,))
    plan = e.next_plan()
    assert plan is not None and plan.groups is not None and plan.key_share is not None
    assert set(plan.key_share) <= set(plan.groups)
    e.found.extend(g for g in P.TLS13_GROUPS if g in P.KEY_SHARE_CAPABLE)
    plan = e.next_plan()
    assert plan is not None and plan.key_share == ()  # empty key_share: RFC 8446 §4.2.8


def test_sigalg_elimination_stops_when_server_does_not_say():
    e = P.sigalgs_elimination(P.TLS12, (0xC02F,))
    plan = e.next_plan()
    assert plan is not None
    e.feed(ProbeResult(label="x", offer=Offer(versions=(P.TLS12,), cipher_suites=(0xC02F,)),
                       outcome=Outcome.HANDSHAKE))
    assert e.next_plan() is None and not e.complete


def test_cert_plans_split_by_key_type():
    plans = P.cert_plans([P.TLS13, P.TLS12], {P.TLS13: (0x1301,), P.TLS12: (0xC02B, 0xC02F)},
                         ecdsa_suites=(0xC02B,), rsa_suites=(0xC02F,))
    assert [p.label for p in plans] == ["cert ecdsa", "cert rsa"]
    assert plans[0].cipher_suites == (0x1301, 0xC02B)
    assert set(plans[0].signature_algorithms or ()) <= set(P.ECDSA_SIGALGS)
    assert set(plans[1].signature_algorithms or ()) <= set(P.RSA_SIGALGS)


def test_sslv2_server_hello_lists_its_kinds():
    e = P.SuiteEnumeration(version=P.SSL2, candidates=(0x010080, 0x0700C0))
    plan = e.next_plan()
    assert plan is not None
    e.feed(ProbeResult(label="sslv2", offer=Offer(versions=(P.SSL2,),
                                                  cipher_suites=plan.cipher_suites),
                       outcome=Outcome.HANDSHAKE, version=P.SSL2,
                       extra={"sslv2_cipher_kinds": (0x0700C0,)}))
    assert e.accepted_version is True and e.accepted == [0x0700C0]
    assert e.next_plan() is None


from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402


@settings(max_examples=200, deadline=None)
@given(server=st.lists(st.integers(1, 400), unique=True, max_size=60),
       candidates=st.lists(st.integers(1, 400), unique=True, min_size=1, max_size=300),
       server_order=st.booleans())
def test_enumeration_invariants(server, candidates, server_order):
    """Whatever the server's list: exactly the common suites, in accepted + 1 hellos."""
    e = P.SuiteEnumeration(version=P.TLS12, candidates=tuple(candidates))
    n = run(e, server, server_order=server_order)
    common = [s for s in server if s in candidates]
    if server_order:
        assert e.accepted == common
    else:
        assert sorted(e.accepted) == sorted(common)
    # One refusal ends it, unless every candidate was accepted (nothing left to offer).
    assert n == len(common) + (0 if set(common) == set(candidates) else 1)
    assert e.accepted_version is bool(common)


def test_server_that_resets_unknown_versions_costs_one_extra_hello():
    e = P.SuiteEnumeration(version=P.TLS10, candidates=CANDIDATES)
    n = 0
    while (plan := e.next_plan()) is not None:
        n += 1
        e.feed(ProbeResult(label=plan.label, offer=Offer(versions=plan.versions,
                           cipher_suites=plan.cipher_suites), outcome=Outcome.RESET))
    assert n == 2
    assert e.accepted_version is False and e.accepted == []


FOLD = P.Fold(label="extra", changes={"padding_to": 2048})


def run_folded(e: P.SuiteEnumeration, server: Sequence[int], *,
               refuse_fold: bool = False) -> list[P.HelloPlan]:
    """Like ``run``, with a server that (optionally) resets any hello carrying the fold."""
    sent = []
    while (plan := e.next_plan()) is not None:
        sent.append(plan)
        assert len(sent) < 1000
        if refuse_fold and plan.padding_to:
            e.feed(ProbeResult(label=plan.label, offer=Offer(versions=plan.versions,
                                                             cipher_suites=plan.cipher_suites),
                               outcome=Outcome.RESET))
        else:
            e.feed(answer(plan, server))
    return sent


def test_fold_rides_on_the_second_hello_and_costs_nothing():
    server = (0x0035, 0x002F, 0x000A)
    e = P.SuiteEnumeration(version=P.TLS12, candidates=CANDIDATES, fold=FOLD)
    sent = run_folded(e, server)
    assert [p.padding_to for p in sent] == [0, 2048, 0, 0]  # only the second carries it
    assert sent[1].label.endswith("+extra")
    assert e.accepted == list(server) and len(sent) == len(server) + 1
    assert e.fold_state is P.FoldState.ANSWERED and e.fold_answer() is not None
    assert (sent[1].cipher_suites, 0x002F) not in e.picks  # not used to infer the order


def test_a_fold_that_breaks_the_hello_is_asked_again_plain_and_named():
    server = (0x0035, 0x002F, 0x000A)
    e = P.SuiteEnumeration(version=P.TLS12, candidates=CANDIDATES, fold=FOLD)
    sent = run_folded(e, server, refuse_fold=True)
    assert e.accepted == list(server)  # the reset said nothing about the suites
    assert len(sent) == len(server) + 2  # the failed fold, then the same offer plain
    assert sent[1].cipher_suites == sent[2].cipher_suites and not sent[2].padding_to
    assert e.fold_state is P.FoldState.BROKE
    assert e.fold_answer() is not None and e.fold_answer().outcome is Outcome.RESET


def test_a_fold_on_the_final_refusal_is_left_for_its_own_hello():
    e = P.SuiteEnumeration(version=P.TLS12, candidates=CANDIDATES, fold=FOLD)
    sent = run_folded(e, (0x0035,))
    assert e.accepted == [0x0035] and e.accepted_version is True and e.done
    assert len(sent) == 3  # the refusal carrying the fold, then the same refusal plain
    assert e.fold_state is P.FoldState.UNANSWERED and e.fold_answer() is None


def test_a_refused_version_never_sends_the_fold():
    e = P.SuiteEnumeration(version=P.TLS13, candidates=CANDIDATES, fold=FOLD)
    sent = run_folded(e, ())
    assert len(sent) == 1 and not sent[0].padding_to
    assert e.fold_state is P.FoldState.WAITING and e.fold_answer() is None
