"""Real programs whose trust is their own setting, failing on 127.0.0.1 (round 13):
fetchmail 6.4 (``sslcertfile`` replaces the system's CAs) and nginx (``proxy_ssl_verify``
trusts only ``proxy_ssl_trusted_certificate``), against ``openssl s_server`` serving a
private chain (root -> intermediate -> leaf). Their verbatim output must read as the class
says: the wrong CA file -> the program's own setting (or the private root it names); a leaf
sent without its intermediate -> the server's chain."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause as C
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import Site, have_nginx, nginx_server, openssl_server


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("owntrust")
    root = CA(name="Owntrust Root CA")
    leaf = root.intermediate("Owntrust Intermediate CA").issue(("localhost",),
                                                              ip_addresses=("127.0.0.1",))
    (d / "full.pem").write_bytes(leaf.chain_pem())
    (d / "leaf.pem").write_bytes(leaf.cert_pem)
    (d / "key.pem").write_bytes(leaf.key_pem)
    (d / "root.pem").write_bytes(root.cert_pem)
    (d / "other.pem").write_bytes(CA(name="Someone Else Root CA").cert_pem)
    return d


def _fetchmail(pki: Path, chain: str, trust: str, work: Path) -> str:
    with openssl_server(pki / chain, pki / "key.pem") as server:
        rc = work / "fetchmailrc"
        rc.write_text(f'poll localhost protocol IMAP service {server.port} user "u" '
                      f'password "p" ssl sslcertck sslcertfile "{pki / trust}"\n')
        rc.chmod(0o600)
        env = {**os.environ, "FETCHMAILHOME": str(work), "HOME": str(work)}
        # -t 3: after a good handshake the server sends no IMAP greeting; give up soon
        run = subprocess.run(["fetchmail", "-f", str(rc), "--nosyslog", "--check", "-t", "3"],
                             capture_output=True, text=True, timeout=20, env=env, check=False)
    return run.stdout + run.stderr


@pytest.mark.skipif(shutil.which("fetchmail") is None, reason="fetchmail is not installed")
@pytest.mark.parametrize(("chain", "trust", "want", "party", "setting"), [
    # the chain is complete, sslcertfile holds another CA: fetchmail names the root it
    # did not find (a private one)
    ("full.pem", "other.pem", C.CERT_UNTRUSTED_ROOT, "client", "sslcertfile"),
    # sslcertfile holds the right root, the server sends its leaf alone: fetchmail names
    # the intermediate it did not get
    ("leaf.pem", "root.pem", C.INCOMPLETE_CHAIN, "server", None),
])
def test_fetchmail(pki: Path, tmp_path: Path, chain: str, trust: str, want: C, party: str,
                   setting: str | None) -> None:
    text = _fetchmail(pki, chain, trust, tmp_path)
    assert "Server certificate verification error" in text, text
    r = explain(text)
    top = r.findings[0]
    assert (top.cause, str(top.who_fixes)) == (want, party), (text, r.findings)
    assert top.confidence < 0.6
    if setting:
        assert any(setting in (s.code or "") for s in top.fix), top.fix


@pytest.mark.skipif(shutil.which("fetchmail") is None, reason="fetchmail is not installed")
def test_fetchmail_with_the_right_file_verifies(pki: Path, tmp_path: Path) -> None:
    # the control: the same server and file verify, so the failures above are the faults
    text = _fetchmail(pki, "full.pem", "root.pem", tmp_path)
    assert "verification error" not in text, text


def _nginx_upstream(pki: Path, chain: str, trust: str) -> str:
    return _proxied(pki, chain, f"proxy_ssl_trusted_certificate {pki / trust};")[1]


def _proxied(pki: Path, chain: str, trust_line: str) -> tuple[str, str]:
    """(the page curl got through nginx, nginx's upstream log lines) with ``trust_line``
    in the proxying location."""
    with openssl_server(pki / chain, pki / "key.pem", www=True) as upstream:
        extra = (f"location /up {{ proxy_pass https://127.0.0.1:{upstream.port}/; "
                 f"proxy_ssl_verify on; proxy_ssl_name localhost; {trust_line} }}")
        site = Site(server_name="localhost", chain_path=pki / "full.pem",
                    key_path=pki / "key.pem", default=True, extra=extra)
        with nginx_server([site]) as proxy:
            page = subprocess.run(["curl", "-sk", "--max-time", "5",
                                   f"https://127.0.0.1:{proxy.port}/up"],
                                  capture_output=True, text=True, timeout=10, check=False)
            log = proxy.log()
    return page.stdout, "\n".join(ln for ln in log.splitlines() if "upstream" in ln)


@pytest.mark.skipif(not have_nginx(), reason="nginx is not installed")
def test_nginx_upstream_with_another_ca_file(pki: Path) -> None:
    text = _nginx_upstream(pki, "full.pem", "other.pem")
    assert "(20:unable to get local issuer certificate)" in text, text
    top = explain(text).findings[0]
    assert (top.cause, str(top.who_fixes)) == (C.CLIENT_MISCONFIGURATION, "client")
    assert 0.45 <= top.confidence < 0.6
    assert any("proxy_ssl_trusted_certificate" in (s.code or "") for s in top.fix)


@pytest.mark.skipif(not have_nginx(), reason="nginx is not installed")
def test_nginx_upstream_sending_its_leaf_alone(pki: Path) -> None:
    text = _nginx_upstream(pki, "leaf.pem", "root.pem")
    assert "(21:unable to verify the first certificate)" in text, text
    r = explain(text)
    assert r.findings[0].cause is C.INCOMPLETE_CHAIN
    assert r.findings[0].confidence < 0.6
    assert r.findings[1].cause is C.CLIENT_MISCONFIGURATION


@pytest.mark.skipif(not have_nginx(), reason="nginx is not installed")
def test_nginx_upstream_fixed_by_the_line_given(pki: Path) -> None:
    """The fix is applied: the proxy_ssl_trusted_certificate line from explain's answer,
    its file pointed at the private CA that issued the upstream's certificate (what the
    step says to do for a private server), in the real nginx: the page comes through."""
    text = _nginx_upstream(pki, "full.pem", "other.pem")
    codes = [s.code for s in explain(text).findings[0].fix if s.code]
    line = next(ln for c in codes for ln in c.splitlines()
                if ln.startswith("proxy_ssl_trusted_certificate "))
    fixed = line.split(";", 1)[0].replace("/etc/ssl/certs/ca-certificates.crt",
                                          str(pki / "root.pem")) + ";"
    assert fixed != line.split("#", 1)[0].strip(), line
    page, log = _proxied(pki, "full.pem", fixed)
    assert "s_server" in page and "verify error" not in log, (page, log)
