"""diagnose() against real servers on 127.0.0.1: each broken setup gets the right root
cause, who fixes it and the outcome; each has a healthy twin."""

from __future__ import annotations

import ssl
from datetime import UTC, datetime, timedelta

import pytest

from tlsdoctor import api
from tlsdoctor.testing import faults, servers
from tlsdoctor.testing.ca import CA, self_signed

NOW = datetime.now(UTC)


def run(srv, pki, **kw):
    kw.setdefault("ca_file", str(pki.root_pem))
    kw.setdefault("offline", True)
    kw.setdefault("timeout", 3.0)
    return api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", **kw)


def test_healthy_server_is_ok(pki, s_server):
    report = run(s_server(), pki)
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert report.root_cause_id is None
    assert report.exit_code == 0
    assert report.handshakes <= 10


@pytest.mark.parametrize("make_leaf, cause", [
    (lambda ca: ca.issue(("localhost",), not_before=NOW - timedelta(days=90),
                         not_after=NOW - timedelta(days=2)), "cert_expired"),
    (lambda ca: ca.issue(("localhost",), not_before=NOW + timedelta(days=2),
                         not_after=NOW + timedelta(days=90)), "cert_not_yet_valid"),
    (lambda ca: ca.issue(("www.example.test",)), "hostname_mismatch"),
    (lambda ca: self_signed(("localhost",)), "cert_self_signed"),
    (lambda ca: ca.issue(("localhost",), not_after=NOW + timedelta(days=5)), "cert_expiring_soon"),
])
def test_certificate_causes(pki, s_server, make_leaf, cause):
    report = run(s_server(make_leaf(pki.ca)), pki)
    assert report.root_cause_id == cause, [f.cause.value for f in report.findings]
    assert report.root_cause.who_fixes.value == "server"
    assert report.handshakes <= 12


def test_untrusted_root_without_ca_file(pki, s_server):
    # An internal CA: the server sends leaf + intermediate; the root is not in this
    # machine's store (and no --ca-file names it).
    leaf = pki.ca.intermediate(name="tlsdoctor internal issuing CA").issue(("localhost",))
    srv = s_server(leaf)
    report = api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", offline=True, timeout=3)
    assert report.root_cause_id == "cert_untrusted_root"
    assert report.outcome.value == "fails"


def test_missing_intermediate(pki, s_server, tmp_path):
    inter = pki.ca.intermediate(name="tlsdoctor test issuing CA")
    leaf = inter.issue(("localhost",))
    chain, key = leaf.write(tmp_path)
    chain.write_bytes(leaf.cert_pem)  # what a misconfigured server sends: the leaf alone
    report = run(s_server(chain_path=chain, key_path=key), pki)
    assert report.root_cause_id == "incomplete_chain"


def test_tls10_only_server_is_a_version_mismatch(pki, s_server):
    report = run(s_server(protocols=("tls1",), cipher="ALL:@SECLEVEL=0"), pki)
    assert report.root_cause_id == "protocol_version_mismatch"
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert "TLS 1.0" in report.root_cause.title
    assert report.handshakes <= 12


def test_no_common_cipher_suite(pki, s_server):
    leaf = pki.leaf(key_type="rsa2048")
    report = run(s_server(leaf, protocols=("tls1_2",), cipher="AES128-SHA:@SECLEVEL=0"), pki)
    assert report.root_cause_id == "cipher_suite_mismatch"
    assert "TLS_RSA_WITH_AES_128_CBC_SHA" in report.root_cause.title


def test_client_certificate_required(pki, s_server, tmp_path):
    client_ca = CA(name="tlsdoctor client CA")
    ca_path = client_ca.write(tmp_path / "client-ca.pem")
    report = run(s_server(verify_ca=ca_path), pki)
    assert report.root_cause_id == "client_cert_required"
    assert "tlsdoctor client CA" in " ".join(report.root_cause.evidence)


def test_old_protocols_and_weak_suites_are_risks(pki, s_server):
    srv = s_server(protocols=("tls1", "tls1_1", "tls1_2"),
                   cipher="ECDHE-ECDSA-AES128-GCM-SHA256:AECDH-AES128-SHA:"
                          "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0")
    report = run(srv, pki)
    causes = {f.cause.value for f in report.findings}
    assert report.outcome.value == "risky" and report.exit_code == 1
    assert {"obsolete_protocol_enabled", "weak_cipher_or_no_pfs"} <= causes
    assert report.handshakes <= 10


def test_sni_name_rejected(pki, s_server, tmp_path):
    other = pki.leaf("other.test")
    c2, k2 = other.write(tmp_path, stem="other")
    srv = s_server(pki.leaf("default.test"), servername="other.test", cert2=c2, key2=k2,
                   servername_fatal=True)
    report = run(srv, pki)
    assert report.root_cause_id == "sni_required_or_mismatch"


def test_plaintext_http_port():
    with faults.fault_server("http") as srv:
        report = api.diagnose(f"127.0.0.1:{srv.port}", offline=True, timeout=3)
    assert report.root_cause_id == "non_tls_service_on_port"
    assert report.root_cause.facts["protocol"] == "http"
    assert report.handshakes <= 2


def test_reset_after_client_hello_is_the_path():
    with faults.fault_server("rst_after_hello") as srv:
        report = api.diagnose(f"127.0.0.1:{srv.port}", offline=True, timeout=3)
    assert report.root_cause_id == "middlebox_or_firewall_interference"
    assert report.root_cause.who_fixes.value == "network"
    assert report.handshakes <= 12


def test_refused_port():
    port = servers.free_port()
    report = api.diagnose(f"127.0.0.1:{port}", offline=True, timeout=3)
    # A refusal is the host itself saying nothing listens (issue 11): not the path.
    assert report.root_cause_id == "name_resolution_or_unreachable"
    assert "refused" in report.root_cause.title
    assert report.root_cause.who_fixes.value == "server"
    assert any("ss -ltnp" in s.code for s in report.root_cause.fix)


def test_wrong_local_clock_is_not_an_expired_certificate(pki):
    leaf = pki.leaf(not_before=NOW - timedelta(days=10), not_after=NOW + timedelta(days=60))
    chain, key = pki.write(leaf)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    with servers.python_server(ctx) as srv:
        skewed = run(srv, pki, now=NOW + timedelta(days=400))
        right = run(srv, pki)
    assert skewed.root_cause_id == "client_clock_wrong"
    assert "cert_expired" not in {f.cause.value for f in skewed.findings}
    assert right.root_cause_id is None and right.outcome.value == "ok"


def test_json_shape(pki, s_server):
    import json

    data = json.loads(json.dumps(run(s_server(), pki).to_json()))
    assert {"target", "outcome", "findings", "server", "certificates", "client", "stats"} <= set(data)
    assert data["stats"]["handshakes"] >= 1 and data["certificates"]
