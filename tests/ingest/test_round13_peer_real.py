"""Round 13 (ex-peer) on real programs: nginx with `ssl_verify_client on` on loopback,
curl as the client, and what each side printed fed to explain (docs/explain-upstream.md,
"Round 13: the peer's certificate and the verifier's own material")."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tlsdoctor.api import explain
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Site, have_nginx, nginx_server

pytestmark = [pytest.mark.skipif(not have_nginx(), reason="nginx not installed"),
              pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")]


def _curl(port: int, *extra: str) -> str:
    done = subprocess.run(
        ["curl", "-sS", "-k", "--max-time", "10", "--resolve", f"mtls.test:{port}:127.0.0.1",
         *extra, f"https://mtls.test:{port}/"],
        stdin=subprocess.DEVNULL, capture_output=True, timeout=20, check=False)
    return (done.stdout + done.stderr).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def mtls(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("mtls")
    ca = CA(name="round13 mtls root")
    chain, key = ca.issue(["mtls.test"]).write(tmp, stem="server")
    ca_pem = ca.write(tmp / "ca.pem")
    # the thread's mistake: a client certificate made for servers only (EKU serverAuth)
    wrong_cert, wrong_key = ca.issue(["client"], eku=("serverAuth",)).write(tmp, stem="wrong")
    with nginx_server([Site(server_name="mtls.test", chain_path=chain, key_path=key,
                            client_ca=ca_pem, default=True)]) as srv:
        yield srv, wrong_cert, wrong_key


def test_nginx_page_without_a_client_certificate(mtls):
    srv, _, _ = mtls
    page = _curl(srv.port)
    assert "No required SSL certificate was sent" in page  # what nginx really answers
    result = explain(page)
    assert result.findings[0].cause is C.CLIENT_CERT_REQUIRED
    assert result.findings[0].confidence >= 0.9


def test_nginx_page_for_a_certificate_of_the_wrong_purpose(mtls):
    srv, cert, key = mtls
    page = _curl(srv.port, "--cert", str(cert), "--key", str(key))
    assert "The SSL certificate error" in page
    got = [f.cause for f in explain(page).findings]
    assert got[0] is C.CLIENT_CERT_REQUIRED and C.CERT_WRONG_PURPOSE in got
    # nginx's error log (info) names the reason the page leaves out: X509_V_ERR_INVALID_PURPOSE
    # (26), "unsupported certificate purpose" before OpenSSL 3.0, "unsuitable" since
    log = srv.log()
    line = next(ln for ln in log.splitlines() if "certificate verify error: (26:" in ln)
    causes = [f.cause for f in explain(line).findings]
    assert causes[0] in (C.CLIENT_CERT_REQUIRED, C.CERT_WRONG_PURPOSE)
