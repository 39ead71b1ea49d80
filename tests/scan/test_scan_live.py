"""scan() against real openssl s_server instances on loopback."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest

from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.probe.budget import ProbeOptions
from tlsdoctor.probe.target import parse_target
from tlsdoctor.scan import plans as P
from tlsdoctor.scan import scan
from tlsdoctor.scan.engine import ScanProgress

OPTS = ProbeOptions(connect_timeout=3, read_timeout=3)
# IANA codes of the OpenSSL names used below.
ECDHE_RSA_AES128_GCM, AES256_SHA, ADH_AES128_SHA = 0xC02F, 0x0035, 0x0034
INTERMEDIATE = ("ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256:"
                "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:"
                "ECDHE-ECDSA-CHACHA20-POLY1305:ECDHE-RSA-CHACHA20-POLY1305")


def test_weak_server_exact_suites_order_grade_and_budget(pki, s_server):
    leaf = pki.leaf(key_type="rsa2048", not_after=timedelta(days=60))
    srv = s_server(leaf, protocols=("tls1_2",), serverpref=True,
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES256-SHA:ADH-AES128-SHA:@SECLEVEL=0")
    report = scan([srv.target], options=OPTS, checks=("suites", "order"))
    t = report.targets[0]
    assert t.accepted_versions == (P.TLS12,)
    assert t.suites(P.TLS12) == (ECDHE_RSA_AES128_GCM, AES256_SHA, ADH_AES128_SHA)
    tls12 = next(p for p in t.protocols if p.version == P.TLS12)
    assert tls12.server_order is True and tls12.complete
    # 3 accepted + 1 refusal + 1 order probe for TLS 1.2; one refusal per other version.
    assert t.handshakes == 3 + 1 + 1 + 5
    assert report.handshakes == t.handshakes
    assert t.grade is not None and t.grade.grade == "F"
    assert any("Anonymous" in c.reason for c in t.grade.caps)
    assert t.dh_bits is not None  # the anonymous DH suite showed the server's DH group
    inter = next(c for c in t.compliance if c.profile == "intermediate")
    assert not inter.compliant
    removed = " ".join(i for d in inter.deviations if d.kind == "suites" for i in d.items)
    assert "ADH-AES128-SHA" in removed and "AES256-SHA" in removed
    assert "ECDHE-RSA-AES128-GCM-SHA256" not in removed
    assert Cause.WEAK_CIPHER_OR_NO_PFS in {f.cause for f in t.findings}


def test_client_order_server_is_detected(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",), serverpref=False,
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")
    t = scan(srv.target, options=OPTS, checks=("suites", "order")).targets[0]
    tls12 = next(p for p in t.protocols if p.version == P.TLS12)
    assert set(tls12.suites) == {0xC02F, 0xC030}
    assert tls12.server_order is False


def test_mozilla_intermediate_server_full_scan(pki, s_server):
    leaf = pki.leaf(key_type="ec256", not_after=timedelta(days=80))
    srv = s_server(leaf, protocols=("tls1_2", "tls1_3"), cipher=INTERMEDIATE,
                   groups="X25519:P-256:P-384")
    events: list[ScanProgress] = []
    report = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")],
                  options=OPTS, progress=events.append)
    t = report.targets[0]
    assert t.accepted_versions == (P.TLS13, P.TLS12)
    assert set(t.suites(P.TLS13)) == {0x1301, 0x1302, 0x1303}
    assert set(t.suites(P.TLS12)) == {0xC02B, 0xC02C, 0xCCA9}  # ECDSA key: ECDSA suites only
    assert t.groups is not None and set(t.groups.codes) == {P.X25519, P.SECP256R1, P.SECP384R1}
    assert t.groups.complete
    assert t.certificates and t.certificates[0].certificates
    assert t.features.fallback_scsv is True
    assert t.intolerance.future_version is False
    assert t.intolerance.large_hello is False
    inter = next(c for c in t.compliance if c.profile == "intermediate")
    assert inter.compliant, [d.text for d in inter.deviations if d.required]
    assert t.grade is not None and t.grade.grade == "A", t.grade.caps
    assert events and events[-1].done and events[-1].handshakes == t.handshakes
    data = json.loads(json.dumps(report.to_json()))
    assert data["stats"]["handshakes"] == t.handshakes


def test_old_versions_found_and_graded(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1", "tls1_1", "tls1_2"),
                   cipher="ECDHE-RSA-AES128-SHA:ECDHE-RSA-AES128-GCM-SHA256")
    t = scan(srv.target, options=OPTS,
             checks=("suites", "order", "fallback")).targets[0]
    assert t.accepted_versions == (P.TLS12, P.TLS11, P.TLS10)
    assert t.suites(P.TLS10) == (0xC013,)  # GCM is TLS 1.2 only
    assert t.features.fallback_scsv is True
    assert t.grade is not None and t.grade.grade == "B"
    assert Cause.OBSOLETE_PROTOCOL_ENABLED in {f.cause for f in t.findings}


def test_sni_dependent_certificate(pki, s_server):
    default = pki.leaf("default.test", key_type="rsa2048")
    named = pki.leaf("localhost", key_type="rsa2048")
    chain2, key2 = pki.write(named)
    srv = s_server(default, protocols=("tls1_2",), servername="localhost", cert2=chain2,
                   key2=key2)
    t = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")], options=OPTS,
             checks=("sni",)).targets[0]
    assert t.sni is not None
    assert t.sni.same_certificate is False and t.sni.required is False


def test_several_targets_concurrently_and_a_dead_one(pki, s_server):
    from tlsdoctor.testing.servers import free_port

    a = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_3",))
    b = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                 cipher="ECDHE-RSA-AES128-GCM-SHA256")
    dead = f"127.0.0.1:{free_port()}"
    report = scan([a.target, b.target, dead], options=OPTS, checks=("suites",))
    ta, tb, td = report.targets
    assert ta.accepted_versions == (P.TLS13,)
    assert tb.accepted_versions == (P.TLS12,) and tb.suites(P.TLS12) == (0xC02F,)
    assert not td.reachable and td.grade is None
    assert {f.cause for f in td.findings} == {Cause.NAME_RESOLUTION_OR_UNREACHABLE}
    assert report.handshakes == ta.handshakes + tb.handshakes + td.handshakes


def test_bad_arguments_are_typed_errors_without_network():
    from tlsdoctor.errors import TargetError, UsageError

    with pytest.raises(UsageError):
        scan("127.0.0.1:1", checks=("nope",))
    with pytest.raises(UsageError):
        scan([])
    with pytest.raises(TargetError):
        scan("bad host name:99999")


def test_features_alpn_and_intolerance_on_a_healthy_server(pki, s_server):
    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2", "tls1_3"),
                   extra_args=("-alpn", "h2,http/1.1"))
    t = scan(srv.target, options=OPTS, checks=("features", "intolerance")).targets[0]
    f = t.features
    assert f.alpn == ("h2", "http/1.1")
    assert f.secure_renegotiation is True and f.extended_master_secret is True
    assert f.compression is False and f.ocsp_stapling is False
    it = t.intolerance
    assert (it.future_version, it.legacy_version_0304, it.large_hello) == (False, False, False)
    assert Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE not in {x.cause for x in t.findings}


def test_size_intolerant_middlebox_is_worked_around_and_reported(pki, s_server):
    """A box resetting hellos over 600 bytes: the big enumeration offers are split, every
    suite is still found, and the large-hello probe names the problem."""
    from tlsdoctor.testing.faults import fault_server

    srv = s_server(pki.leaf(key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA")
    with fault_server("size_intolerant", backend=srv.address, max_hello=600) as box:
        t = scan([box.target], options=OPTS,
                 checks=("suites", "intolerance")).targets[0]
    assert t.accepted_versions == (P.TLS12,)
    assert set(t.suites(P.TLS12)) == {0xC02F, 0x002F}
    assert t.intolerance.large_hello is True
    assert Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE in {x.cause for x in t.findings}


def test_sni_required_server(pki, nginx):
    from tlsdoctor.testing.servers import Site

    chain, key = pki.write(pki.leaf("localhost", key_type="rsa2048"))
    srv = nginx(Site(server_name="localhost", chain_path=chain, key_path=key),
                Site(server_name="_", default=True, reject_handshake=True))
    t = scan([parse_target(f"localhost:{srv.port}", connect="127.0.0.1")], options=OPTS,
             checks=("sni",)).targets[0]
    assert t.sni is not None and t.sni.required is True
    assert "unrecognized_name" in t.sni.without_sni_outcome
    assert Cause.SNI_REQUIRED_OR_MISMATCH in {x.cause for x in t.findings}


@pytest.mark.parametrize("kind, cause", [
    ("http", Cause.NON_TLS_SERVICE_ON_PORT),
    ("rst_after_hello", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("silence", Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE),
    ("alert", Cause.PROTOCOL_VERSION_MISMATCH),
])
def test_hostile_and_dead_ports_end_quickly_with_a_finding(kind, cause):
    """Plaintext, silence, resets, alerts only: no exception, bounded time, the cause."""
    import time

    from tlsdoctor.testing.faults import fault_server

    # No backoff here: this is about classification, not about pacing (tests/probe).
    fast = ProbeOptions(connect_timeout=1, read_timeout=0.5, backoff_after=1000)
    with fault_server(kind) as box:
        start = time.monotonic()
        t = scan([box.target], options=fast).targets[0]
        assert time.monotonic() - start < 3
    assert t.accepted_versions == ()
    assert t.grade is None and t.error
    assert {f.cause for f in t.findings} == {cause}
    # One hello per version, plus one small retry where a big hello was reset.
    assert t.handshakes <= 10
