"""Plaintext services: SMTP with STARTTLS diagnosed through the upgrade, and an SMTP
banner on a port where the user expected implicit TLS."""

from __future__ import annotations

import ssl

from tlsdoctor import api
from tlsdoctor.testing import faults


def _context(pki) -> ssl.SSLContext:
    chain, key = pki.write(pki.leaf("localhost"))
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(chain, key)
    return ctx


def test_smtp_starttls_with_a_trusted_certificate_is_ok(pki):
    with faults.fault_server("smtp_starttls", ssl_context=_context(pki)) as srv:
        report = api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", starttls="smtp",
                              ca_file=str(pki.root_pem), offline=True, timeout=2)
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert report.root_cause_id is None
    assert report.evidence.baseline.ok and report.target.starttls == "smtp"
    assert report.handshakes <= 10


def test_smtp_starttls_self_signed_is_the_certificate_cause():
    # The fault server's default certificate is self-signed for "localhost".
    with faults.fault_server("smtp_starttls") as srv:
        report = api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", starttls="smtp",
                              offline=True, timeout=2)
    assert report.outcome.value == "fails"
    assert report.root_cause_id == "cert_self_signed"
    assert report.root_cause.who_fixes.value == "server"
    assert report.handshakes <= 12


def test_smtp_banner_on_an_implicit_tls_port_suggests_starttls():
    with faults.fault_server("smtp_banner") as srv:
        report = api.diagnose(f"127.0.0.1:{srv.port}", offline=True, timeout=2)
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "non_tls_service_on_port"
    root = report.root_cause
    assert root.who_fixes.value == "client"
    assert root.facts["protocol"] == "smtp"
    assert "STARTTLS" in root.explanation
    assert any("--starttls smtp" in step.code for step in root.fix)
    assert any("465" in step.text for step in root.fix)
    assert report.handshakes <= 12


def test_cli_starttls_by_address_reports_the_certificate():
    # The command a user types: by address, so the self-signed "localhost" certificate is
    # both self-signed and for another name; the self-signed cause ranks first.
    import json
    import subprocess
    import sys

    with faults.fault_server("smtp_starttls") as srv:
        p = subprocess.run([sys.executable, "-m", "tlsdoctor", "diagnose",
                            f"127.0.0.1:{srv.port}", "--starttls", "smtp", "--offline",
                            "--timeout", "2", "--json"],
                           capture_output=True, text=True, timeout=30, check=False)
    data = json.loads(p.stdout)
    assert p.returncode == 2, p.stderr
    assert data["root_cause"] == "cert_self_signed"
    assert data["target"]["starttls"] == "smtp"
    assert data["probes"][0]["outcome"] == "handshake"  # the upgrade itself worked
    assert data["stats"]["handshakes"] <= 12
