"""cert_wrong_purpose: the certificate may not authenticate a TLS server.

Sources: the chain (EKU without serverAuth, a CA certificate as leaf, CA constraints the
path breaks, keyUsage that forbids the negotiated key exchange), a captured client's
unsupported_certificate alert, error text.
"""

import pytest
from evidence_builders import (
    HOST,
    TLS13,
    UNSUPPORTED_CERTIFICATE,
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

PURPOSE = Cause.CERT_WRONG_PURPOSE


@pytest.mark.parametrize("eku, wrong", [(("clientAuth",), True), (("serverAuth",), False),
                                        ((), False)])
def test_eku_fails_and_works(rpki, eku, wrong):
    ev = chain_only(analyze(rpki.leaf(eku=eku), rpki.stores))
    if not wrong:
        cause_absent(ev, PURPOSE)  # serverAuth, or no EKU at all (any purpose)
        return
    f = one(ev, PURPOSE, Severity.BLOCKING, Party.SERVER)
    assert f.facts["problems"] == ["its extendedKeyUsage is clientAuth, without serverAuth"]
    assert root(ev).cause is PURPOSE


def test_ca_certificate_as_leaf(rpki):
    f = one(chain_only(analyze(rpki.leaf(is_ca=True), rpki.stores)), PURPOSE,
            Severity.BLOCKING, Party.SERVER)
    assert f.facts["leaf_is_ca"] is True


def test_path_constraints(rpki):
    constrained = rpki.root.intermediate(name="only-corp CA", permitted_dns=("corp.test",))
    ev = chain_only(analyze(constrained.issue((HOST,)).chain, rpki.stores))
    f = one(ev, PURPOSE, Severity.BLOCKING, Party.SERVER)
    assert f"may not issue for '{HOST}'" in " ".join(f.facts["problems"])
    cause_absent(chain_only(analyze(constrained.issue(("www.corp.test",)).chain, rpki.stores,
                                    hostname="www.corp.test")), PURPOSE)


def test_key_usage_against_the_negotiated_suite(rpki):
    """An RSA certificate without keyEncipherment cannot do static RSA key exchange."""
    leaf = rpki.leaf(key_type="rsa2048", key_usage=("digital_signature",))
    static = live(exchange(), chain=analyze(leaf, rpki.stores, negotiated_kx="RSA_RSA"))
    f = one(static, PURPOSE, Severity.BLOCKING, Party.SERVER)
    assert "keyEncipherment" in f.facts["problems"][0]
    ecdhe = live(exchange(), chain=analyze(leaf, rpki.stores, negotiated_kx="ECDHE_RSA"))
    cause_absent(ecdhe, PURPOSE)


def test_live_fix_reissues_as_a_server_certificate(rpki):
    ev = live(exchange(), chain=analyze(rpki.leaf(eku=("clientAuth",)), rpki.stores),
              server_software="nginx")
    steps = specific_steps(ev, PURPOSE)
    assert "EKU serverAuth" in steps[0].text
    assert "extendedKeyUsage=serverAuth" in codes(steps) and f"/CN={HOST}" in codes(steps)


def test_capture_with_visible_chain(rpki):
    ev = capture(alerts=(client_alert(UNSUPPORTED_CERTIFICATE),),
                 chain=analyze(rpki.leaf(eku=("clientAuth",)), rpki.stores))
    one(ev, PURPOSE, Severity.BLOCKING, Party.SERVER)
    cause_absent(capture(chain=analyze(rpki.leaf(), rpki.stores)), PURPOSE)


def test_tls13_capture_reads_the_alert():
    ev = capture(alerts=(client_alert(UNSUPPORTED_CERTIFICATE),), version=TLS13)
    assert one(ev, PURPOSE, Severity.BLOCKING, Party.SERVER).confidence == pytest.approx(0.6)
    assert root(ev).cause is PURPOSE
    cause_absent(capture(version=TLS13), PURPOSE)


def test_error_text():
    ev = text("curl: (60) SSL certificate problem: unsuitable certificate purpose")
    assert root(ev).cause is PURPOSE and root(ev).confidence == 1.0
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), PURPOSE)


@pytest.mark.parametrize(("profile", "accepted"), [("wget-1.21", True), ("erlang-25", True),
                                                   ("gnutls-3.7", False), ("curl-8", False)])
def test_ca_as_leaf_for_a_client_that_checks_neither_ca_flag_nor_key_usage(rpki, profile,
                                                                          accepted):
    """Round 18: wget (GnuTLS in compatibility mode) and Erlang ssl connect to a server that
    sends its CA certificate (keyCertSign, cRLSign) as the leaf: a risk for them, a failure
    for gnutls-cli and OpenSSL (profiles.json ca_as_leaf_cause; tests/clients checks both)."""
    from tlsdoctor.clients.catalog import get_profile

    leaf = rpki.leaf(is_ca=True, key_usage=("key_cert_sign", "crl_sign"), eku=())
    ev = chain_only(analyze(leaf, rpki.stores), client=get_profile(profile))
    f = one(ev, PURPOSE, Severity.RISK if accepted else Severity.BLOCKING, Party.SERVER)
    assert any("checks neither the leaf's CA flag" in e for e in f.evidence) is accepted
    # an EKU without serverAuth is still refused by every client
    ev = chain_only(analyze(rpki.leaf(is_ca=True, eku=("clientAuth",)), rpki.stores),
                    client=get_profile(profile))
    one(ev, PURPOSE, Severity.BLOCKING, Party.SERVER)
