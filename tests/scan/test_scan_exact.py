"""Exactness of the full scan against real servers, and what it costs in connections.

Each test compares the accepted suites per version with the server software's own list
for its configuration (``openssl ciphers -V``, ``gnutls-cli -l``), filtered to what one
RSA certificate can serve, and checks that the questions folded into enumeration hellos
(plans.Fold) are answered the same as when asked on their own: so a scan that lost a
suite, a group or a feature to save connections fails here.
"""

from __future__ import annotations

import collections
import re
import subprocess

from tlsdoctor import scan
from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.scanner import plans as P
from tlsdoctor.testing import servers
from tlsdoctor.testing.faults import fault_server

OPTS = ProbeOptions(connect_timeout=5, read_timeout=5, max_handshakes=1000)
ALL_LEGACY = ("tls1", "tls1_1", "tls1_2", "tls1_3")
_FLAG = {P.TLS10: "-tls1", P.TLS11: "-tls1_1", P.TLS12: "-tls1_2", P.TLS13: "-tls1_3"}
# OpenSSL 3.0's default TLS 1.3 groups (ssl/t1_lib.c supported_groups_default).
OPENSSL_GROUPS = {P.X25519, P.SECP256R1, P.X448, P.SECP521R1, P.SECP384R1, *P.FFDHE_GROUPS}
RSA_PSS_RSAE = {0x0804, 0x0805, 0x0806}  # what an RSA key signs a TLS 1.3 handshake with


def openssl_list(version: int, cipher: str, kx: set[str]) -> set[int]:
    """``openssl ciphers -V -s`` for one version, kept to suites an RSA key (or none)
    can serve with key exchanges in ``kx`` (no PSK/SRP callbacks, no ECDSA key)."""
    out = subprocess.run(["openssl", "ciphers", "-V", "-s", _FLAG[version], cipher],
                         capture_output=True, text=True, check=True, timeout=10).stdout
    codes = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) < 6 or "," not in parts[0]:
            continue
        fields = dict(p.split("=", 1) for p in parts if "=" in p)
        if (version == P.TLS13) != (parts[3] == "TLSv1.3"):
            continue
        if fields.get("Au") in {"RSA", "None", "any"} and fields.get("Kx") in kx | {"any"}:
            hi, lo = parts[0].split(",")
            codes.add(int(hi, 16) << 8 | int(lo, 16))
    return codes


def gnutls_list(version: int, priority: str) -> set[int]:
    """``gnutls-cli -l --priority``: suites whose key exchange an RSA key serves, by the
    minimum version the listing gives (TLS1.0 suites also run on 1.1 and 1.2)."""
    out = subprocess.run(["gnutls-cli", "-l", f"--priority={priority}"], capture_output=True,
                         text=True, check=True, timeout=10).stdout
    codes = set()
    for m in re.finditer(r"^(TLS_\S+)\s+0x([0-9a-f]{2}), 0x([0-9a-f]{2})\s+(\S+)$", out, re.M):
        name, minimum = m.group(1), m.group(4)
        if minimum == "TLS1.3":
            ok = version == P.TLS13
        else:
            ok = (version != P.TLS13 and re.match(r"TLS_(RSA|DHE_RSA|ECDHE_RSA)_", name)
                  is not None and (minimum == "TLS1.0" or version == P.TLS12))
        if ok:
            codes.add(int(m.group(2), 16) << 8 | int(m.group(3), 16))
    return codes


def labels(t) -> collections.Counter[str]:
    return collections.Counter(re.sub(r" ?#\d+$", "", p.label) for p in t.probes)


def assert_minimal(t, refused: int) -> None:
    """Every accepted version cost accepted + 1 hellos, a refused one a single hello, and
    the features / intolerance questions rode on enumeration hellos."""
    seen = labels(t)
    for p in t.protocols:
        key = P.VERSION_KEYS[p.version]
        n = sum(v for k, v in seen.items() if k.startswith(f"{key} suites"))
        assert n == (len(p.suites) + 1 if p.accepted and p.version != P.SSL2 else 1), (key, n)
    assert sum(1 for p in t.protocols if not p.accepted) == refused
    assert not {"future-version", "features+large-hello+legacy-0x0304", "legacy-0x0304",
                "large-hello", "features+alpn"} & set(seen), seen
    assert seen["tls1.2 suites #2+features+large-hello+legacy-0x0304"] == 1
    assert seen["tls1.3 suites #2+future-version"] == 1


def assert_healthy_details(t, alpn: tuple[str, ...] = ()) -> None:
    f = t.features
    assert (f.secure_renegotiation, f.extended_master_secret, f.compression) == (True, True, False)
    assert f.fallback_scsv is True and f.alpn == alpn and f.ocsp_stapling is False
    it = t.intolerance
    assert (it.future_version, it.legacy_version_0304, it.large_hello) == (False, False, False)


def test_s_server_all_suites_equal_openssl_list_in_minimal_connections(pki, s_server):
    cipher = "ALL:@SECLEVEL=0"
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=ALL_LEGACY, cipher=cipher)
    t = scan([srv.target], options=OPTS).targets[0]
    for v in (P.TLS13, P.TLS12, P.TLS11, P.TLS10):
        assert set(t.suites(v)) == openssl_list(v, cipher, {"RSA", "DH", "ECDH"}), hex(v)
    assert t.groups is not None and t.groups.complete and set(t.groups.codes) == OPENSSL_GROUPS
    sig = t.signature_algorithms
    assert sig is not None and sig.complete and set(sig.codes) == RSA_PSS_RSAE
    assert_healthy_details(t)
    assert_minimal(t, refused=2)
    # The rest: the TLS 1.3 group elimination (groups not seen by the TLS 1.3 suite
    # handshakes, then one refusal), one signature-scheme refusal, one fallback hello.
    seen = labels(t)
    groups_seen_early = len({p.group for p in t.probes if p.label.startswith("tls1.3 suites")
                             and p.group is not None})
    assert seen["tls1.3 groups"] == len(t.groups.codes) - groups_seen_early + 1
    assert seen["tls1.3 sigalgs"] == 1 and seen["fallback-scsv"] == 1
    enumeration = sum(len(t.suites(v)) + 1 for v in t.accepted_versions) + 2
    assert t.handshakes == enumeration + seen["tls1.3 groups"] + 2


def test_nginx_client_order_suites_equal_openssl_list(pki, nginx):
    chain, key = pki.write(pki.leaf(key_type="rsa2048"))
    srv = nginx(servers.Site(server_name="localhost", chain_path=chain, key_path=key,
                             protocols=ALL_LEGACY, ciphers="ALL", default=True))
    t = scan([srv.target], options=OPTS).targets[0]
    # nginx sets no DH parameters unless told (ssl_dhparam): no DHE / ADH suites.
    for v in (P.TLS13, P.TLS12, P.TLS11, P.TLS10):
        assert set(t.suites(v)) == openssl_list(v, "ALL:@SECLEVEL=0", {"RSA", "ECDH"}), hex(v)
    assert all(p.server_order is False for p in t.protocols if p.accepted)
    assert_healthy_details(t, alpn=("http/1.1",))  # nginx without http2
    assert_minimal(t, refused=2)


def test_gnutls_suites_equal_its_priority_listing(pki, gnutls):
    priority = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2:+VERS-TLS1.1:+VERS-TLS1.0"
    srv = gnutls(pki.leaf(key_type="rsa2048"), priority=priority)
    t = scan([srv.target], options=OPTS).targets[0]
    for v in (P.TLS13, P.TLS12, P.TLS11, P.TLS10):
        assert set(t.suites(v)) == gnutls_list(v, priority), hex(v)
    assert t.groups is not None and t.groups.complete
    assert set(t.groups.codes) == OPENSSL_GROUPS  # the same ten in GnuTLS 3.7's NORMAL
    assert_healthy_details(t)
    assert_minimal(t, refused=2)


def test_one_suite_per_version_folds_fall_back_to_their_own_hellos(pki, s_server):
    """The second hello of a one-suite version is the refusal: the fold it carried is
    re-asked plain, then on its own; every answer stays the same."""
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2", "tls1_3"),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256", ciphersuites="TLS_AES_256_GCM_SHA384")
    t = scan([srv.target], options=OPTS).targets[0]
    assert t.suites(P.TLS12) == (0xC02F,) and t.suites(P.TLS13) == (0x1302,)
    assert all(p.complete for p in t.protocols)
    assert_healthy_details(t)
    seen = labels(t)
    assert seen["tls1.2 suites"] == 2 and seen["tls1.3 suites"] == 2  # refusal + plain
    assert seen["features+large-hello+legacy-0x0304"] == 1 and seen["future-version"] == 1


def test_version_intolerant_box_is_named_and_suites_stay_exact(pki, s_server):
    """A box resetting hellos that list an unknown version: the future-version question
    that rode on a TLS 1.3 enumeration hello fails where the same offer without it
    succeeds, so it is intolerance, and the TLS 1.3 suites are still all found."""
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2", "tls1_3"))
    with fault_server("version_intolerant", backend=srv.address) as box:
        t = scan([box.target], options=OPTS).targets[0]
    assert set(t.suites(P.TLS13)) == {0x1301, 0x1302, 0x1303}
    assert t.intolerance.future_version is True
    assert t.intolerance.large_hello is False and t.intolerance.legacy_version_0304 is False
    seen = labels(t)
    assert seen["tls1.3 suites #2+future-version"] == 1 and "future-version" not in seen


def test_size_intolerant_box_full_scan_pins_the_large_hello(pki, s_server):
    """Hellos over 600 bytes are reset: the TLS 1.2 offers are split, so whether TLS 1.2
    is accepted is known only after the first answer (the early fallback check waits for
    it); the padded features hello that rode on a TLS 1.2 enumeration hello is reset, the
    same offer without it succeeds, and each question is then asked on its own."""
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2", "tls1_3"),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES256-SHA")
    with fault_server("size_intolerant", backend=srv.address, max_hello=600) as box:
        t = scan([box.target], options=OPTS).targets[0]
    assert set(t.suites(P.TLS12)) == {0xC02F, 0x002F, 0x0035}
    assert set(t.suites(P.TLS13)) == {0x1301, 0x1302, 0x1303}
    it = t.intolerance
    assert (it.large_hello, it.legacy_version_0304, it.future_version) == (True, False, False)
    f = t.features
    assert f.secure_renegotiation is True and f.extended_master_secret is True
    assert f.fallback_scsv is True
    seen = labels(t)
    assert {"features+alpn", "legacy-0x0304", "large-hello"} <= set(seen)
