"""The cipher-suite table agrees with the IANA registry's shape and with this machine's OpenSSL."""

from __future__ import annotations

import re
import subprocess
from functools import cache

import pytest

from tlsdoctor.wire import suites as S
from tlsdoctor.wire.suites import CIPHER_SUITES, by_name, by_openssl_name, suite, weak

# OpenSSL's "Kx=" / "Au=" words (ssl/ssl_ciph.c) -> ours.
_OSSL_KX = {"RSA": {"RSA"}, "DH": {"DHE", "DH"}, "ECDH": {"ECDHE", "ECDH"}, "PSK": {"PSK"},
            "DHEPSK": {"DHE"}, "ECDHEPSK": {"ECDHE"}, "RSAPSK": {"RSA_PSK"}, "SRP": {"SRP"},
            "any": {"ANY"}}
_OSSL_AU = {"RSA": "RSA", "DSS": "DSS", "ECDSA": "ECDSA", "None": "anon", "PSK": "PSK",
            "SRP": "SRP", "any": "ANY"}
_LINE = re.compile(r"^\s*0x([0-9A-F]{2}),0x([0-9A-F]{2}) - (\S+)\s+- (\S+)\s+(\S+)\s+Kx=(\S+)\s+"
                   r"Au=(\S+)\s+Enc=(\S+?)(?:\((\d+)\))?\s+Mac=(\S+)")


@cache
def _openssl(spec: str, ciphersuites: str | None = None) -> tuple[tuple[str, ...], ...]:
    args = ["openssl", "ciphers", "-V", "-stdname"]
    if ciphersuites:
        args += ["-ciphersuites", ciphersuites]
    out = subprocess.run([*args, spec], capture_output=True, text=True, timeout=10,
                         check=True).stdout
    rows = []
    for line in out.splitlines():
        m = _LINE.match(line)
        assert m, f"unparsed openssl line: {line!r}"
        rows.append(m.groups())
    return tuple(rows)


def _code(row: tuple[str, ...]) -> int:
    return int(row[0], 16) << 8 | int(row[1], 16)


ALL = "ALL:COMPLEMENTOFALL:@SECLEVEL=0"
TLS13_ALL = ("TLS_AES_128_GCM_SHA256:TLS_AES_256_GCM_SHA384:TLS_CHACHA20_POLY1305_SHA256:"
             "TLS_AES_128_CCM_SHA256:TLS_AES_128_CCM_8_SHA256")


def test_every_openssl_suite_is_in_the_table_with_the_same_code_and_names() -> None:
    rows = _openssl(ALL, TLS13_ALL)
    assert len(rows) >= 150  # 160 on OpenSSL 3.0.19; guards against an empty parse
    for row in rows:
        s = suite(_code(row))
        assert s is not None, row
        assert s.name == row[2], row  # -stdname is the IANA name
        assert s.openssl_name == row[3], row
        assert by_openssl_name(row[3]) is s


def test_derived_columns_match_openssl() -> None:
    for row in _openssl(ALL, TLS13_ALL):
        s = suite(_code(row))
        assert s is not None
        version, kx, au, enc, bits, mac = row[4], row[5], row[6], row[7], row[8], row[9]
        assert s.kx in _OSSL_KX[kx], (s.name, kx)
        assert s.auth == _OSSL_AU[au] or (au == "RSA" and s.kx == "RSA_PSK"), (s.name, au)
        assert s.bits == (int(bits) if bits else 0), (s.name, enc, bits)
        assert s.null == (enc == "None"), s.name
        assert s.aead == (mac == "AEAD"), s.name
        if not s.aead:
            assert s.mac == mac, (s.name, mac)
        expected_min = {"TLSv1.3": "TLS1.3", "TLSv1.2": "TLS1.2"}.get(version, "SSL3")
        assert s.min_tls == expected_min, (s.name, version)
        assert (s.protocol == "TLS1.3") == (version == "TLSv1.3")


@pytest.mark.parametrize(("spec", "flag"), [
    ("eNULL:@SECLEVEL=0", "null"),
    ("aNULL:@SECLEVEL=0", "anon"),
    ("AESGCM:CHACHA20:AESCCM:ARIAGCM:@SECLEVEL=0", "aead"),
])
def test_flags_agree_with_openssl_cipher_classes(spec: str, flag: str) -> None:
    # `openssl ciphers` always appends the TLS 1.3 suites, whatever the TLS 1.2 spec says
    in_class = {_code(r) for r in _openssl(spec) if r[4] != "TLSv1.3"}
    known = {_code(r) for r in _openssl(ALL) if r[4] != "TLSv1.3"}
    assert in_class
    for code in known:
        assert getattr(CIPHER_SUITES[code], flag) == (code in in_class), (hex(code), flag)


def test_pfs_agrees_with_openssl_ephemeral_key_exchange() -> None:
    ephemeral = {_code(r) for r in _openssl("kEDH:kEECDH:kDHEPSK:kECDHEPSK:!aNULL:@SECLEVEL=0")}
    for row in _openssl(ALL):
        s = CIPHER_SUITES[_code(row)]
        if s.anon or s.protocol == "TLS1.3":
            continue  # anonymous DH is ephemeral but unauthenticated: never "pfs" here
        assert s.pfs == (s.code in ephemeral), s.name


def test_counts() -> None:
    assert len(S.iana_suites()) == 352  # IANA registry: 350 suites + 2 SCSVs
    assert len(CIPHER_SUITES) == 364  # plus 12 well-known unregistered code points
    assert len(S.SSL2_CIPHER_KINDS) == 8
    tls13 = [s for s in CIPHER_SUITES.values() if s.protocol == "TLS1.3"]
    assert len(tls13) == 15
    assert {s.code for s in CIPHER_SUITES.values() if s.scsv} == {0x00FF, 0x5600}
    assert sum(1 for s in CIPHER_SUITES.values() if s.export) == 21  # 15 IANA + 6 EXPORT1024
    with_openssl = [s for s in CIPHER_SUITES.values() if s.openssl_name]
    assert len({s.openssl_name for s in with_openssl}) == len(with_openssl)  # unique


def test_table_invariants() -> None:
    for code, s in CIPHER_SUITES.items():
        assert s.code == code and 0 <= code <= 0xFFFF
        assert s.protocol in ("TLS", "TLS1.3")
        assert s.mode in ("AEAD", "CBC", "STREAM", "NULL")
        assert s.aead == (s.mode == "AEAD")
        assert (s.bits == 0) == (s.null or s.scsv), s.name
        assert not (s.pfs and s.kx in ("RSA", "DH", "ECDH", "PSK")), s.name
        assert s.reference, s.name
        if s.iana:
            assert s.name.startswith("TLS_"), s.name


@pytest.mark.parametrize(("code", "kx", "auth", "cipher", "bits", "mac"), [
    (0x0003, "RSA", "RSA", "RC4_40", 40, "MD5"),
    (0x000A, "RSA", "RSA", "3DES_EDE_CBC", 168, "SHA1"),
    (0x0019, "DH", "anon", "DES40_CBC", 40, "SHA1"),
    (0x0026, "KRB5", "KRB5", "DES_CBC_40", 40, "SHA1"),
    (0x0096, "RSA", "RSA", "SEED_CBC", 128, "SHA1"),
    (0xC0AA, "DHE", "PSK", "AES_128_CCM_8", 128, "AEAD"),
    (0xC0B0, "ECCPWD", "ECCPWD", "AES_128_GCM", 128, "AEAD"),
    (0xC100, "GOST", "GOST", "KUZNYECHIK_CTR", 256, "OMAC"),
    (0xC0B5, "ANY", "ANY", "NULL", 0, "SHA384"),
    (0x1307, "ANY", "ANY", "AEGIS_128L", 128, "AEAD"),
    (0xD005, "ECDHE", "PSK", "AES_128_CCM", 128, "AEAD"),
])
def test_parsed_columns_of_suites_openssl_lacks(code, kx, auth, cipher, bits, mac) -> None:
    s = CIPHER_SUITES[code]
    assert (s.kx, s.auth, s.cipher, s.bits, s.mac) == (kx, auth, cipher, bits, mac)


@pytest.mark.parametrize(("code", "fragment"), [
    (0x0000, "NULL cipher"),
    (0xC0B4, "NULL cipher"),  # TLS 1.3 integrity-only
    (0x0034, "anonymous"),
    (0x0003, "EXPORT"),
    (0x0062, "EXPORT"),
    (0xC011, "RC4"),
    (0x0009, "single DES"),
    (0x000A, "Sweet32"),
    (0x0007, "Sweet32"),  # IDEA: 64-bit block
    (0x009C, "no forward secrecy"),
    (0x008C, "no forward secrecy"),  # plain PSK
    (0xC013, "CBC with HMAC-SHA1"),
    (0x010080, "RC4"),  # SSL 2.0 kinds are classified too
    (0x0700C0, "Sweet32"),
])
def test_weak_reasons(code: int, fragment: str) -> None:
    s = suite(code)
    assert s is not None
    reason = weak(s)
    assert reason is not None and fragment in reason, (s.name, reason)


@pytest.mark.parametrize("code", [0x1301, 0x1303, 0xC02B, 0xC030, 0xCCA9, 0x009E, 0xC027,
                                  0x00FF, 0x5600])
def test_not_weak(code: int) -> None:
    assert weak(CIPHER_SUITES[code]) is None


def test_lookups() -> None:
    assert by_name("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256") is CIPHER_SUITES[0xC02F]
    assert by_name("SSL_RSA_WITH_RC4_128_MD5") is CIPHER_SUITES[0x0004]  # Java's spelling
    assert by_name("TLS_AEGIS_256_SHA384") is CIPHER_SUITES[0x1306]
    assert by_name("TLS_NOPE") is None
    assert by_openssl_name("ecdhe-rsa-aes128-gcm-sha256") is CIPHER_SUITES[0xC02F]
    assert by_openssl_name("EDH-RSA-DES-CBC3-SHA") is CIPHER_SUITES[0x0016]
    assert by_openssl_name("NOPE") is None
    assert suite(0x0A0A) is None  # GREASE (RFC 8701) is not a suite
    assert suite(0x010080) is S.SSL2_CIPHER_KINDS[0x010080]
    assert CIPHER_SUITES[0x1301].hex == "0x1301" and suite(0x0700C0).hex == "0x0700C0"


def test_table_is_read_only() -> None:
    with pytest.raises(TypeError):
        CIPHER_SUITES[1] = CIPHER_SUITES[2]  # type: ignore[index]
