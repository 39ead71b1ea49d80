"""Grade, Mozilla compliance, findings, JSON and rendering over scans built by hand."""

from __future__ import annotations

import io
import json
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from rich.console import Console

from tlsdoctor.api.scan import scan_findings
from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.probe.target import parse_target
from tlsdoctor.scanner import plans as P
from tlsdoctor.scanner.grade import CertFacts, grade
from tlsdoctor.scanner.mozilla import check, check_all
from tlsdoctor.scanner.render import render_scan
from tlsdoctor.scanner.result import (
    CertChain,
    Enumerated,
    Features,
    ProtocolScan,
    ScanReport,
    SniBehaviour,
    TargetScan,
)
from tlsdoctor.testing.ca import CA

TLS13_GOOD = (0x1301, 0x1302, 0x1303)
TLS12_GOOD = (0xC02B, 0xC02F, 0xC02C, 0xC030, 0xCCA9, 0xCCA8)


@pytest.fixture(scope="module")
def rsa_chain() -> tuple[bytes, ...]:
    leaf = CA().issue(("localhost",), key_type="rsa2048", not_after=timedelta(days=80))
    return tuple(c.public_bytes(Encoding.DER) for c in leaf.chain)


@pytest.fixture(scope="module")
def ecdsa_chain() -> tuple[bytes, ...]:
    leaf = CA().issue(("localhost",), key_type="ec256", not_after=timedelta(days=80))
    return tuple(c.public_bytes(Encoding.DER) for c in leaf.chain)


def make(versions: dict[int, tuple[int, ...]], *, chain: tuple[bytes, ...] = (),
         server_order: bool | None = None, dh_bits: int | None = None,
         groups: tuple[int, ...] = (P.X25519MLKEM768, P.X25519, P.SECP256R1, P.SECP384R1),
         features: Features | None = None, sni: SniBehaviour | None = None) -> TargetScan:
    protocols = tuple(ProtocolScan(version=v, accepted=v in versions,
                                   suites=versions.get(v, ()), server_order=server_order)
                      for v in P.VERSIONS)
    return TargetScan(target=parse_target("localhost:443"), protocols=protocols,
                      groups=Enumerated(version=P.TLS13, codes=groups, complete=True),
                      dh_bits=dh_bits,
                      certificates=(CertChain(key_type="default", label="t",
                                              certificates=chain),) if chain else (),
                      features=features or Features(secure_renegotiation=True,
                                                    fallback_scsv=True),
                      sni=sni)


def test_good_server_gets_a_and_is_mozilla_intermediate(rsa_chain):
    scan = make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain)
    g = grade(scan)
    assert g.grade == "A", g.caps
    assert g.caps == ()
    inter = check(scan, "intermediate")
    assert inter.compliant, [d.text for d in inter.deviations if d.required]
    modern = check(scan, "modern")
    assert not modern.compliant
    texts = " ".join(d.text for d in modern.deviations if d.required)
    assert "Disable TLS 1.2" in texts
    assert "rsa key" in texts  # modern allows only ECDSA certificates


def test_ecdsa_tls13_only_is_mozilla_modern(ecdsa_chain):
    scan = make({P.TLS13: TLS13_GOOD}, chain=ecdsa_chain)
    assert check(scan, "modern").compliant
    inter = check(scan, "intermediate")
    assert not inter.compliant
    assert any(d.action == "enable" and d.items == ("TLS 1.2",) for d in inter.deviations)


@pytest.mark.parametrize("versions, dh, letter, words", [
    ({P.TLS12: TLS12_GOOD, P.TLS10: (0xC013,)}, None, "B", "TLS 1.0/1.1"),
    ({P.TLS12: (*TLS12_GOOD, 0x0005)}, None, "C", "RC4"),
    ({P.TLS12: (*TLS12_GOOD, 0x000A)}, None, "C", "64-bit block"),
    ({P.TLS12: TLS12_GOOD, P.SSL3: (0x002F,)}, None, "C", "SSL 3.0"),
    ({P.TLS12: TLS12_GOOD, P.SSL2: (0x010080,)}, None, "F", "SSL 2.0"),
    ({P.TLS12: (*TLS12_GOOD, 0x0003)}, None, "F", "EXPORT"),
    ({P.TLS12: (*TLS12_GOOD, 0x0001)}, None, "F", "NULL"),
    ({P.TLS10: (0xC013, 0x002F)}, None, "C", "TLS 1.2 is not supported"),
    ({P.TLS12: (0x002F, 0x009C)}, None, "B", "forward secrecy"),
    ({P.TLS12: (0xC013, 0xC014)}, None, "B", "AEAD"),
    ({P.TLS12: (*TLS12_GOOD, 0x009E)}, 1024, "B", "DH parameters of 1024"),
    ({P.TLS12: (*TLS12_GOOD, 0x009E)}, 512, "F", "DH parameters of 512"),
])
def test_each_cap_names_its_reason(rsa_chain, versions, dh, letter, words):
    g = grade(make(versions, chain=rsa_chain, dh_bits=dh))
    assert g.grade == letter, [c.reason for c in g.caps]
    assert any(words in c.reason and c.grade == letter for c in g.caps), g.caps
    assert all(c.fix and c.source for c in g.caps)


def test_missing_fallback_scsv_gives_a_minus(rsa_chain):
    scan = make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain,
                features=Features(secure_renegotiation=True, fallback_scsv=False))
    assert grade(scan).grade == "A-"


@pytest.mark.parametrize("facts, shown", [
    (CertFacts(trusted=False), "T"),
    ({"hostname_match": False}, "M"),
    ({"signature_hash": "md5"}, "F"),
])
def test_certificate_facts_give_trust_grades(rsa_chain, facts, shown):
    g = grade(make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain), facts)
    assert g.grade == shown
    if shown in ("T", "M"):
        assert g.grade_ignoring_trust == "A"


def test_server_order_preferring_non_pfs_is_capped(rsa_chain):
    scan = make({P.TLS12: (0x009C, *TLS12_GOOD)}, chain=rsa_chain, server_order=True)
    g = grade(scan)
    assert g.grade == "B" and any("prefers" in c.reason for c in g.caps)


def test_mozilla_lists_exact_suites_and_groups_to_remove(rsa_chain):
    scan = make({P.TLS13: (*TLS13_GOOD, 0x1304), P.TLS12: (*TLS12_GOOD, 0x002F, 0x009E)},
                chain=rsa_chain, dh_bits=1024, groups=(P.X25519, 0x0015))
    inter = check(scan, "intermediate")
    suites = next(d for d in inter.deviations if d.kind == "suites")
    assert any("TLS_RSA_WITH_AES_128_CBC_SHA" in i for i in suites.items)
    assert not any("ECDHE_RSA_WITH_AES_128_GCM" in i for i in suites.items)
    t13 = next(d for d in inter.deviations if d.kind == "tls13_suites")
    assert t13.items and "TLS_AES_128_CCM_SHA256" in t13.items[0]
    groups = next(d for d in inter.deviations if d.kind == "groups" and d.required)
    assert len(groups.items) == 1 and groups.items[0] != "x25519"
    assert any(d.kind == "dh" for d in inter.deviations)
    assert "ssl_protocols TLSv1.2 TLSv1.3;" in inter.config["nginx"]
    assert "ECDHE-RSA-AES128-GCM-SHA256" in inter.config["openssl_cipher_string"]


def test_findings_use_cause_ids(rsa_chain):
    scan = make({P.TLS12: (*TLS12_GOOD, 0x000A), P.TLS10: (0x002F,)}, chain=rsa_chain,
                sni=SniBehaviour(name="localhost", with_sni="a", without_sni=None,
                                 without_sni_outcome="alert 112", required=True))
    causes = {f.cause for f in scan_findings(scan)}
    assert {Cause.OBSOLETE_PROTOCOL_ENABLED, Cause.WEAK_CIPHER_OR_NO_PFS,
            Cause.SNI_REQUIRED_OR_MISMATCH} <= causes
    good = make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain)
    assert not [f for f in scan_findings(good) if f.severity.value != "info"]


def test_json_is_serialisable_and_complete(rsa_chain):
    scan = make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain)
    from dataclasses import replace
    scan = replace(scan, compliance=check_all(scan), grade=grade(scan),
                   findings=scan_findings(scan), handshakes=12, seconds=0.5)
    data = json.loads(json.dumps(ScanReport(targets=(scan,), handshakes=12,
                                            seconds=0.5).to_json()))
    assert data["schema"] == "tlsdoctor.scanner/1"
    assert data["stats"] == {"handshakes": 12, "seconds": 0.5}
    t = data["targets"][0]
    assert t["grade"]["grade"] == "A"
    assert t["hybrid_pq"] is True
    tls12 = next(p for p in t["protocols"] if p["key"] == "tls1.2")
    assert tls12["accepted"] is True
    assert [s["code"] for s in tls12["suites"]] == [f"0x{c:04X}" for c in TLS12_GOOD]
    assert set(t["compliance"]) == {"modern", "intermediate"}
    assert t["certificates"][0]["chain"][0]["key"] == {"type": "rsa", "bits": 2048}


def _hostile_chain() -> tuple[bytes, ...]:
    leaf = CA().issue(("localhost",), subject_cn="evil\x1b[31mRED\x1b]0;title\x07[bold]x[/bold]",
                      not_after=timedelta(days=30))
    return tuple(c.public_bytes(Encoding.DER) for c in leaf.chain)


@pytest.mark.parametrize("terminal", [False, True])
def test_render_escapes_server_strings(terminal):
    scan = make({P.TLS12: (*TLS12_GOOD, 0x000A), P.TLS10: (0x002F,)}, chain=_hostile_chain())
    from dataclasses import replace
    scan = replace(scan, compliance=check_all(scan), grade=grade(scan),
                   findings=scan_findings(scan))
    buf = io.StringIO()
    console = Console(file=buf, force_terminal=terminal, width=160, color_system=None)
    render_scan(ScanReport(targets=(scan,), handshakes=3, seconds=0.1), console, verbose=True)
    out = buf.getvalue()
    assert "\x1b[31m" not in out and "\x07" not in out
    assert "\\x1b" in out or terminal  # plain text shows the certificate with visible escapes
    assert "C" in out and "TLS 1.0" in out
    if not terminal:
        assert "Grade: C" in out
        assert "[bold]x[/bold]" in out  # markup in a certificate is shown, not applied


def test_cert_facts_from_a_chain_report_shape(rsa_chain):
    from types import SimpleNamespace

    report = SimpleNamespace(findings=(SimpleNamespace(cause=Cause.CERT_EXPIRED),),
                             verified=False, hostname_ok=True, revocation="not checked",
                             certificates=(SimpleNamespace(signature_hash="sha256",
                                                           key_type="rsa", key_bits=2048),))
    facts = CertFacts.coerce(report)
    assert facts is not None and facts.expired and facts.trusted is False
    g = grade(make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=rsa_chain), report)
    assert g.grade == "T" and g.grade_ignoring_trust == "A"


@pytest.mark.parametrize("key_type", ["ec", "EC secp256r1", "ecdsa", "Ed25519"])
def test_an_ec_leaf_is_strong_in_any_spelling_of_its_key_type(ecdsa_chain, key_type):
    # pki names keys "EC secp256r1"; a 256-bit EC key is worth RSA 3072, never an F.
    scan = make({P.TLS13: TLS13_GOOD, P.TLS12: TLS12_GOOD}, chain=ecdsa_chain)
    g = grade(scan, CertFacts(key_type=key_type, key_bits=256))
    assert g.grade == "A", [c.reason for c in g.caps]
