"""Profiles of clients that cannot run here, against what their own source says they send.

No Java 7 or 8 runtime installs from the package registries this project uses (Java 11
and 21 do, as PyPI wheels: tests/clients/hellos), so those profiles' offers were read
from the JDK source at a recorded commit (tests/clients/sources/jdk.json: repo, path and
commit per field, and how the list follows from the file: enum order, the default list,
less what jdk.tls.disabledAlgorithms turns off). Round 20 found java-8 offering
ChaCha20 suites and x25519/x448, which no OpenJDK 8u has, java-8u31 offering RSA-PSS
schemes a 2015 JDK did not know, and java-7 (TLS 1.0 at most) sending a
signature_algorithms extension, which JSSE adds only when it offers TLS 1.2.
tests/clients/sources/chromium.json does the same for chrome-131, which carried the
installed Chromium 156's ML-DSA schemes (now the chrome-156 profile, captured).
Round 21 added java-6 (OpenJDK 6 at jdk6-b33: no EC suite, no AES-256, so no groups),
java-8u31's suites (jdk8u31-b13: RC4 still on, AES-256 off under the default limited
policy) and chrome-80's signature algorithms (Chrome 83 set none of its own, so BoringSSL's
default list went out, rsa_pkcs1_sha1 last).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tlsdoctor.clients.catalog import get_profile

_FILES = sorted((Path(__file__).parent / "sources").glob("*.json"))
FACTS = {p: fields for f in _FILES
         for p, fields in json.loads(f.read_text(encoding="utf-8"))["profiles"].items()}
CASES = [(p, f) for p, fields in FACTS.items() for f in fields]


@pytest.mark.parametrize(("profile", "field"), CASES, ids=[f"{p}-{f}" for p, f in CASES])
def test_profile_offers_what_the_jdk_source_says(profile, field):
    fact = FACTS[profile][field]
    assert " @ " in fact["source"], fact  # repo @ commit path
    want = tuple(int(v, 16) for v in fact["value"])
    assert getattr(get_profile(profile), field) == want


def test_java8_has_no_suite_or_group_that_openjdk_8u_lacks():
    p = get_profile("java-8")
    assert not {0xCCA8, 0xCCA9, 0xCCAA, 0x1303} & set(p.cipher_suites)
    assert not {0x001D, 0x001E} & set(p.groups)


def test_chrome131_offers_no_ml_dsa_and_chrome156_does():
    assert not {0x0904, 0x0905, 0x0906} & set(get_profile("chrome-131").signature_algorithms)
    assert get_profile("chrome-156").signature_algorithms[:3] == (0x0904, 0x0905, 0x0906)


AES_256 = {0x0035, 0x0039, 0x0038, 0x003D, 0x006A, 0x006B, 0x009D, 0x009F, 0x00A3,
           0xC00A, 0xC014, 0xC005, 0xC00F, 0xC024, 0xC028, 0xC026, 0xC02A,
           0xC02C, 0xC030, 0xC02E, 0xC032}


def test_java6_offers_no_ec_or_aes256_suite_and_no_groups():
    """OpenJDK 6 has no ECDSA/ECDH provider and installs the limited JCE policy."""
    p = get_profile("java-6")
    assert not any(s >> 8 == 0xC0 for s in p.cipher_suites)
    assert not AES_256 & set(p.cipher_suites)
    assert p.cipher_suites[:3] == (0x0004, 0x0005, 0x002F)  # RC4 first, as JDK 6 ordered them
    assert p.groups == ()


def test_java8u31_offers_rc4_last_and_no_aes256():
    p = get_profile("java-8u31")
    assert not AES_256 & set(p.cipher_suites)
    assert p.cipher_suites[0] == 0xC023 and p.cipher_suites[-1] == 0x0004
    assert {0xC007, 0xC011, 0x0005, 0xC002, 0xC00C, 0x0004} <= set(p.cipher_suites)


def test_old_chrome_sends_boringssl_default_sigalgs_and_asks_for_stapling():
    p = get_profile("chrome-80")
    assert p.signature_algorithms[-1] == 0x0201  # rsa_pkcs1_sha1, BoringSSL's last
    assert get_profile("chrome-131").signature_algorithms[-1] != 0x0201
    for name in ("chrome-80", "chrome-100", "chrome-124"):
        q = get_profile(name)
        assert q.status_request is True and q.extended_master_secret is True, name


TLS13_SUITES = (0x1301, 0x1302, 0x1303)
RSA_KEX = {0x009C, 0x009D, 0x002F, 0x0035, 0x003C, 0x000A, 0x0005}


def test_go_appends_tls13_suites_and_drops_rsa_kex_from_122_and_3des_from_123():
    """crypto/tls makeClientHello appends the TLS 1.3 suites after the TLS 1.2 ones;
    rsaKexCiphers left the defaults in go1.22, tdesCiphers in go1.23 (sources/go.json)."""
    for name in ("go-1.22", "go-1.23", "go-1.24"):
        p = get_profile(name)
        assert p.cipher_suites[-3:] == TLS13_SUITES, name
        assert not RSA_KEX & set(p.cipher_suites), name
        assert (p.status_request, p.extended_master_secret) == (True, True), name
        assert p.alpn == ("h2", "http/1.1"), name  # net/http's own ALPN
    assert 0xC012 in get_profile("go-1.22").cipher_suites  # ECDHE-RSA-3DES, last, until 1.23
    assert 0xC012 not in get_profile("go-1.23").cipher_suites
    assert get_profile("go-1.23").groups[0] == 0x6399  # X25519Kyber768Draft00
    assert get_profile("go-1.24").groups[0] == 0x11EC  # X25519MLKEM768


def test_go_122_and_123_servers_default_to_tls12_and_1024_bit_rsa_floor_is_124s():
    assert get_profile("go-1.22").policy.server_min_version == 0x0303
    assert get_profile("go-1.23").policy.server_min_version == 0x0303
    assert get_profile("go-1.22").policy.min_rsa_bits == 0
    assert get_profile("go-1.24").policy.min_rsa_bits == 1024


def test_firefox68_offers_dhe_and_no_rsa_gcm_and_both_esrs_staple_and_use_ems():
    """Firefox 68's prefs: dhe_rsa_aes_{128,256}_sha on, no rsa_aes_*_gcm pref yet; 78 turned
    DHE and later 3DES off and added RSA-GCM (sources/firefox.json)."""
    f68 = get_profile("firefox-68")
    assert {0x0033, 0x0039, 0x000A} <= set(f68.cipher_suites)
    assert not {0x009C, 0x009D} & set(f68.cipher_suites)
    assert f68.policy.dhe_suites is True  # the policy said so; now the offer does too
    f115 = get_profile("firefox-115")
    assert not {0x0033, 0x0039, 0x000A} & set(f115.cipher_suites)
    assert {0x009C, 0x009D} <= set(f115.cipher_suites)
    for p in (f68, f115):
        assert (p.status_request, p.extended_master_secret) == (True, True), p.name


def test_go_125_drops_sha1_schemes_126_adds_nist_hybrids_127_adds_ml_dsa():
    """Each release since 1.24 changed the offer (sources/go.json, recorded hellos), so no
    one profile stands for "1.24+": go1.25 tlssha1, go1.26 tlssecpmlkem, go1.27 ML-DSA."""
    sha1 = {0x0201, 0x0203}
    assert sha1 <= set(get_profile("go-1.24").signature_algorithms)
    for name in ("go-1.25", "go-1.26", "go-1.27"):
        assert not sha1 & set(get_profile(name).signature_algorithms), name
    assert get_profile("go-1.25").groups == get_profile("go-1.24").groups
    assert get_profile("go-1.26").groups[:3] == (0x11EC, 0x11EB, 0x11ED)
    assert get_profile("go-1.27").signature_algorithms[:3] == (0x0904, 0x0905, 0x0906)
    assert not {0x0904, 0x0905, 0x0906} & set(get_profile("go-1.26").signature_algorithms)
