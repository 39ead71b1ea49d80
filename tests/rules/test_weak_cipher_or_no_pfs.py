"""weak_cipher_or_no_pfs: weak suites accepted, no forward secrecy, or a small DH group.

Sources: live probes (the insecure-suites probe accepted; a baseline without forward
secrecy; the non-PFS probe; a small DH prime, blocking when this client refused it),
a capture (the suite a client got), a scan's map (accepted suites, DH size, compression),
error text.
"""

from dataclasses import replace

import pytest
from evidence_builders import (
    ECDHE_RSA_AES128_GCM,
    GOOD12,
    GOOD13,
    HANDSHAKE_FAILURE,
    TLS12,
    TLS13,
    alert,
    capture,
    cause_absent,
    exchange,
    findings,
    live,
    local_facts,
    one,
    root,
    scan,
    specific_steps,
    text,
)

from tlsdoctor.causes import Cause, Party, Severity
from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.evidence import Probe
from tlsdoctor.probe.reproduce import Reproduction
from tlsdoctor.scanner.result import Features

WEAK = Cause.WEAK_CIPHER_OR_NO_PFS
RSA_3DES, RSA_RC4, RSA_AES128_GCM, DHE_RSA_AES128_GCM = 0x000A, 0x0005, 0x009C, 0x009E


def _nginx_lines(ev):
    return [s.code for s in specific_steps(ev, WEAK) if s.applies_to == "nginx"]


@pytest.mark.parametrize("accepted", [True, False])
def test_insecure_suite_probe(accepted):
    insecure = (exchange(Probe.INSECURE, versions=(TLS12,), version=TLS12, cipher_suite=RSA_3DES)
                if accepted else alert(Probe.INSECURE, HANDSHAKE_FAILURE, versions=(TLS12,)))
    ev = live(exchange(), insecure, server_software="nginx")
    if not accepted:
        cause_absent(ev, WEAK)
        return
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.title == "Server accepts the insecure suite TLS_RSA_WITH_3DES_EDE_CBC_SHA"
    assert _nginx_lines(ev)[0].startswith("ssl_ciphers ECDHE-ECDSA-AES128-GCM-SHA256:")


@pytest.mark.parametrize("suite, pfs", [(RSA_AES128_GCM, False), (ECDHE_RSA_AES128_GCM, True)])
def test_baseline_without_forward_secrecy(suite, pfs):
    ev = live(exchange(versions=(TLS12,), version=TLS12, cipher_suite=suite))
    if pfs:
        cause_absent(ev, WEAK)
        return
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.title == "Without forward secrecy by preference: TLS_RSA_WITH_AES_128_GCM_SHA256"


def test_non_pfs_suites_on_offer_are_a_warning():
    non_pfs = exchange(Probe.NON_PFS, versions=(TLS12,), version=TLS12, cipher_suite=RSA_AES128_GCM)
    one(live(exchange(), non_pfs), WEAK, Severity.WARNING, Party.SERVER)
    refused = alert(Probe.NON_PFS, HANDSHAKE_FAILURE, versions=(TLS12,))
    cause_absent(live(exchange(), refused), WEAK)


def _dhe(bits: int):
    return exchange(Probe.DHE, versions=(TLS12,), version=TLS12, cipher_suite=DHE_RSA_AES128_GCM,
                    dh_bits=bits)


@pytest.mark.parametrize("bits, weak", [(1024, True), (2048, False)])
def test_small_dh_group(bits, weak):
    ev = live(exchange(), _dhe(bits), server_software="nginx")
    if not weak:
        cause_absent(ev, WEAK)
        return
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.title == "Server's DH group is 1024 bits" and f.facts["kind"] == "dh"
    assert any("ssl_dhparam" in line for line in _nginx_lines(ev))


def test_smallest_dh_group_counts_when_this_hello_got_an_ffdhe_one():
    """Round 19: a server that honours RFC 7919 (JSSE) gives this client's hello the
    ffdhe2048 it lists and the DHE probe (listing none) its own 1024-bit group: the
    finding names 1024 bits, a risk (this client, with 2048, connects)."""
    base = exchange(versions=(TLS12,), version=TLS12, cipher_suite=DHE_RSA_AES128_GCM,
                    dh_bits=2048, groups=(0x001D, 0x0100))
    ev = live(base, _dhe(1024), client=get_profile("curl-8"))
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.facts["dh_bits"] == 1024, f
    assert any("own hello got a 2048-bit group" in e for e in f.evidence), f.evidence


def test_small_dh_refused_by_this_client_blocks():
    local = replace(get_profile("openssl-3-seclevel2"), is_local=True)  # min_dh_bits 2048
    refused = Reproduction(ok=False, verified=True,
                           error="[SSL: DH_KEY_TOO_SMALL] dh key too small (_ssl.c:1006)")
    ev = live(exchange(versions=(TLS12,), version=TLS12, cipher_suite=DHE_RSA_AES128_GCM,
                       dh_bits=1024), client=local, local=local_facts(), reproduction=refused)
    f = one(ev, WEAK, Severity.BLOCKING, Party.SERVER)
    assert f.title == "Server's DH group is 1024 bits; OpenSSL security level 2 rejects it"
    assert root(ev).cause is WEAK
    one(replace(ev, reproduction=Reproduction(ok=True, verified=True)), WEAK, Severity.RISK,
        Party.SERVER)


def test_capture_of_a_weak_suite():
    f = one(capture(versions=(TLS12,), version=TLS12, cipher_suite=RSA_RC4), WEAK, Severity.RISK,
            Party.SERVER)
    assert f.facts["cipher_suite"] == "TLS_RSA_WITH_RC4_128_SHA"
    cause_absent(capture(versions=(TLS12,), version=TLS12, cipher_suite=ECDHE_RSA_AES128_GCM),
                 WEAK)
    cause_absent(capture(versions=(TLS13,), version=TLS13), WEAK)


def test_scan_map():
    ev = scan({TLS13: GOOD13, TLS12: (*GOOD12, RSA_RC4)}, dh_bits=1024)
    f = one(ev, WEAK, Severity.RISK, Party.SERVER)
    assert f.facts["weak_suites"] == ["TLS_RSA_WITH_RC4_128_SHA"] and f.facts["dh_bits"] == 1024
    cause_absent(scan({TLS13: GOOD13, TLS12: GOOD12}), WEAK)


def test_scan_compression():
    crime = scan({TLS12: GOOD12}, features=Features(compression=True))
    f = [x for x in findings(crime, WEAK) if x.facts.get("kind") == "compression"]
    assert len(f) == 1 and f[0].title == "TLS compression is enabled (CRIME)"
    assert f[0].severity is Severity.RISK
    cause_absent(scan({TLS12: GOOD12}, features=Features(compression=False)), WEAK)


def test_error_text():
    ev = text("ssl.SSLError: [SSL: DH_KEY_TOO_SMALL] dh key too small (_ssl.c:1006)")
    assert root(ev).cause is WEAK and root(ev).confidence == pytest.approx(0.9)
    cause_absent(text("error:0A0000C1:SSL routines::no shared cipher"), WEAK)


def _prime(bits: int, *, safe: bool) -> bytes:
    import subprocess

    args = ["openssl", "prime", "-generate", "-bits", str(bits)] + (["-safe"] if safe else [])
    n = int(subprocess.run(args, capture_output=True, text=True, check=True, timeout=120).stdout)
    return n.to_bytes((bits + 7) // 8, "big")


def test_dh_group_weak_for_its_structure_not_its_size():
    """Issue 11: a 2048-bit p that is not a safe prime (small subgroups) or not a prime at
    all is unsafe whatever its size; a standard group of that size is fine."""
    not_safe = _prime(2048, safe=False)
    halves = int.from_bytes(_prime(1024, safe=False), "big") * int.from_bytes(
        _prime(1024, safe=False), "big")
    composite = halves.to_bytes(256, "big")
    for p, words in ((not_safe, "not a safe prime"), (composite, "not a prime")):
        ev = live(exchange(versions=(TLS12,), version=TLS12, cipher_suite=DHE_RSA_AES128_GCM,
                           dh_bits=2048, dh_prime=p))
        f = one(ev, WEAK, Severity.RISK, Party.SERVER)
        assert words in f.title and f.facts["kind"] == "dh"
    cause_absent(live(exchange(versions=(TLS12,), version=TLS12,
                               cipher_suite=DHE_RSA_AES128_GCM, dh_bits=2048,
                               dh_prime=_ffdhe2048())), WEAK)


def _ffdhe2048() -> bytes:
    """RFC 7919's group as OpenSSL itself encodes it (not a copy of the RFC's digits)."""
    import subprocess

    from cryptography.hazmat.primitives.serialization import load_pem_parameters

    pem = subprocess.run(["openssl", "genpkey", "-genparam", "-algorithm", "DH", "-pkeyopt",
                          "group:ffdhe2048"], capture_output=True, check=True, timeout=30).stdout
    numbers = load_pem_parameters(pem).parameter_numbers()  # type: ignore[union-attr]
    return int(numbers.p).to_bytes(256, "big")
