"""nginx with ``ssl_reject_handshake on`` as the default server and one named site:
clients without SNI (by IP, --no-sni, an SNI-less client profile) are told to send it;
the name itself works."""

from __future__ import annotations

import pytest

from tlsdoctor import api
from tlsdoctor.testing import servers

SITE = "www.site.test"


@pytest.fixture
def reject_default(pki, nginx):
    chain, key = pki.write(pki.leaf(SITE))
    return nginx(servers.Site(server_name="_", default=True, reject_handshake=True),
                 servers.Site(server_name=SITE, chain_path=chain, key_path=key))


def run(target: str, pki, **kw):
    kw.setdefault("ca_file", str(pki.root_pem))
    return api.diagnose(target, offline=True, timeout=2, **kw)


def _assert_send_sni(report) -> None:
    assert report.outcome.value == "fails" and report.exit_code == 2
    assert report.root_cause_id == "sni_required_or_mismatch", \
        [(f.cause.value, f.title) for f in report.findings]
    assert report.root_cause.who_fixes.value == "client"
    assert "SNI" in report.root_cause.title
    # The server is not broken for everyone: no second blocking finding blames it.
    assert "server_misconfiguration" not in {f.cause.value for f in report.findings}
    assert report.handshakes <= 12


def test_by_ip_address(pki, reject_default):
    report = run(f"127.0.0.1:{reject_default.port}", pki)
    _assert_send_sni(report)
    assert any("unrecognized_name" in line for line in report.root_cause.evidence)


def test_by_name_without_sni(pki, reject_default):
    report = run(f"{SITE}:{reject_default.port}", pki, connect="127.0.0.1", no_sni=True)
    _assert_send_sni(report)
    assert any(SITE in line and "completed" in line for line in report.root_cause.evidence)


def test_client_profile_without_sni(pki, reject_default):
    # Internet Explorer 8 on Windows XP sends no server_name (SChannel on XP).
    report = run(f"{SITE}:{reject_default.port}", pki, connect="127.0.0.1", client="ie-8-xp")
    _assert_send_sni(report)


def test_by_name_is_ok(pki, reject_default):
    report = run(f"{SITE}:{reject_default.port}", pki, connect="127.0.0.1")
    assert report.outcome.value == "ok", [f.title for f in report.findings]
    assert report.root_cause_id is None
    assert report.handshakes <= 10
    # The healthy run still notes, as info, that nameless clients are turned away.
    assert any(f.cause.value == "sni_required_or_mismatch" and f.severity.value == "info"
               for f in report.findings)


@pytest.fixture
def default_site(pki, nginx):
    """Two name-based sites; the default one has another name's certificate."""
    default_chain, default_key = pki.write(pki.leaf("default.site.test"))
    chain, key = pki.write(pki.leaf(SITE))
    return nginx(servers.Site(server_name="default.site.test", default=True,
                              chain_path=default_chain, key_path=default_key),
                 servers.Site(server_name=SITE, chain_path=chain, key_path=key))


def test_no_sni_gets_the_default_certificate(pki, default_site):
    """Issue 11: not a wrong certificate to reissue; the client must send SNI."""
    report = run(f"{SITE}:{default_site.port}", pki, connect="127.0.0.1", no_sni=True)
    assert report.outcome.value == "fails"
    root = report.root_cause
    assert root is not None and root.cause.value == "sni_required_or_mismatch", \
        [(f.cause.value, f.title) for f in report.findings]
    assert root.who_fixes.value == "client" and "default certificate" in root.title
    assert "hostname_mismatch" not in {f.cause.value for f in report.findings}
    resolve = next(s.code for s in root.fix if "--resolve" in s.code)
    assert f"{SITE}:{default_site.port}:127.0.0.1" in resolve  # NAME:PORT:ADDRESS
    assert any("default site" in s.text for s in root.fix)  # the server-side alternative
    # Twin: the same server with SNI is fine.
    assert run(f"{SITE}:{default_site.port}", pki, connect="127.0.0.1").outcome.value in (
        "ok", "risky")
