"""Client certificates enforced after the handshake (issue 11): nginx ``ssl_verify_client``
completes the TLS handshake and refuses each request with HTTP 400 "No required SSL
certificate was sent". The real request fails, so the diagnosis must too; an optional
client certificate stays information."""

from __future__ import annotations

from typing import Any

from tlsdoctor import api
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Site


def _site(pki: Any, tmp_path: Any, *, optional: bool) -> Site:
    chain, key = pki.write(pki.leaf())
    client_ca = CA(name="tlsdoctor nginx client CA").write(tmp_path / "client-ca.pem")
    if optional:
        return Site(server_name="localhost", chain_path=chain, key_path=key, default=True,
                    extra=f"ssl_client_certificate {client_ca};\nssl_verify_client optional;")
    return Site(server_name="localhost", chain_path=chain, key_path=key, default=True,
                client_ca=client_ca)


def _diagnose(srv: Any, pki: Any) -> Any:
    return api.diagnose(f"localhost:{srv.port}", connect="127.0.0.1",
                        ca_file=str(pki.root_pem), timeout=5, offline=True)


def test_nginx_requires_the_certificate_after_the_handshake(pki, nginx, tmp_path):
    with nginx(_site(pki, tmp_path, optional=False)) as srv:
        report = _diagnose(srv, pki)
    assert report.outcome.value == "fails" and report.exit_code == 2
    root = report.root_cause
    assert root is not None and root.cause.value == "client_cert_required"
    assert root.severity.value == "blocking" and root.who_fixes.value == "client"
    assert root.facts["enforced_after_handshake"] is True
    assert "tlsdoctor nginx client CA" in " ".join(root.facts["acceptable_cas"])
    assert any("400" in e and "certificate" in e.lower() for e in root.evidence)
    assert any("--cert" in s.code for s in root.fix)


def test_optional_client_certificate_stays_information(pki, nginx, tmp_path):
    with nginx(_site(pki, tmp_path, optional=True)) as srv:
        report = _diagnose(srv, pki)
    assert report.outcome.value in ("ok", "risky")
    info = [f for f in report.findings if f.cause.value == "client_cert_required"]
    assert info and info[0].severity.value == "info"
