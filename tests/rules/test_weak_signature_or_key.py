"""weak_signature_or_key: MD5/SHA-1 signatures, small RSA keys, weak curves on the path.

Sources: the chain (anchors' own signatures are not judged), the real handshake's verify
code (this client refused it for that: blocking), a captured client's alert, error text.
"""

from dataclasses import replace

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
    findings,
    live,
    local_facts,
    one,
    root,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.pki.trust import TrustStore, TrustStores
from tlsdoctor.probe.reproduce import Reproduction
from tlsdoctor.testing.ca import CA

WEAK = Cause.WEAK_SIGNATURE_OR_KEY


@pytest.fixture(scope="module")
def small_key(rpki):
    return rpki.leaf(key_type="rsa1024")


@pytest.mark.parametrize("key_type, weak", [("rsa1024", True), ("ec256", False)])
def test_small_key_is_a_risk_and_a_normal_key_is_not(rpki, small_key, key_type, weak):
    leaf = small_key if weak else rpki.leaf(key_type=key_type)
    ev = chain_only(analyze(leaf, rpki.stores))
    if not weak:
        cause_absent(ev, WEAK)
        return
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.title == f"The leaf certificate '{HOST}' has a weak key"
    assert f.facts["problems"] == ["RSA key of 1024 bits (minimum 2048)"]


@pytest.mark.parametrize("sig_hash, weak", [("sha1", True), ("sha256", False)])
def test_sha1_signature_is_a_risk(rpki, sig_hash, weak):
    ev = chain_only(analyze(rpki.leaf(sig_hash=sig_hash), rpki.stores))
    if not weak:
        cause_absent(ev, WEAK)
        return
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.title == f"The leaf certificate '{HOST}' has a weak signature"
    assert f.facts["problems"] == ["signed with SHA1"]
    assert "with SHA-256 and an ECDSA P-256 or RSA 2048+ key" in specific_steps(ev, WEAK)[0].text


def test_anchor_signature_is_not_judged_but_an_intermediates_is():
    old_root = CA(name="SHA-1 era root", sig_hash="sha1")
    stores = TrustStores(default=TrustStore("old", (old_root.cert,)))
    cause_absent(chain_only(analyze(old_root.issue((HOST,)).chain, stores)), WEAK)
    old_inter = old_root.intermediate(name="SHA-1 intermediate", sig_hash="sha1")
    ev = chain_only(analyze(old_inter.issue((HOST,)).chain, stores))
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.facts["role"] == "intermediate #1" and f.facts["position"] == 1
    assert "whose intermediates use SHA-256" in specific_steps(ev, WEAK)[0].text


def test_this_clients_refusal_makes_it_blocking(rpki, small_key):
    chain = analyze(small_key, rpki.stores)
    refused = Reproduction(ok=False, verified=True, verify_code=66,
                           error="[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: "
                                 "EE certificate key too weak (_ssl.c:1006)")
    local = replace(get_profile("openssl-3-seclevel2"), is_local=True)
    ev = live(exchange(), client=local, local=local_facts(), reproduction=refused, chain=chain,
              server_software="nginx")
    f = one(ev, WEAK, Severity.BLOCKING, Party.SERVER)
    assert f.title.endswith("(rejected at OpenSSL security level 2)")
    assert f.evidence[-1].startswith("real handshake: [SSL: CERTIFICATE_VERIFY_FAILED]")
    assert root(ev).cause is WEAK
    assert "openssl req -new -newkey ec" in codes(specific_steps(ev, WEAK))
    accepted = replace(ev, reproduction=Reproduction(ok=True, verified=True))
    one(accepted, WEAK, Severity.RISK, Party.SERVER)


def test_capture_with_visible_chain(rpki, small_key):
    one(capture(chain=analyze(small_key, rpki.stores)), WEAK, Severity.RISK, Party.SERVER)
    cause_absent(capture(chain=analyze(rpki.leaf(), rpki.stores)), WEAK)


def test_tls13_capture_reads_the_alert():
    ev = capture(alerts=(client_alert(UNSUPPORTED_CERTIFICATE),), version=TLS13)
    found = findings(ev, WEAK)
    assert len(found) == 1 and found[0].confidence == pytest.approx(0.4)
    assert found[0].who_fixes is Party.SERVER
    assert root(ev).cause is Cause.CERT_WRONG_PURPOSE  # unsupported_certificate: .6 vs .4
    cause_absent(capture(version=TLS13), WEAK)


def test_tls13_capture_refusal_is_blocking():
    ev = capture(alerts=(client_alert(UNSUPPORTED_CERTIFICATE),), version=TLS13)
    one(ev, WEAK, Severity.BLOCKING, Party.SERVER)


def test_error_text():
    ev = text("ssl.SSLCertVerificationError: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify "
              "failed: CA signature digest algorithm too weak (_ssl.c:1006)")
    assert root(ev).cause is WEAK
    cause_absent(text("curl: (60) SSL certificate problem: certificate has expired"), WEAK)
