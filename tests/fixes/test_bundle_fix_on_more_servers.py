"""The chain fix (fixes/snippets.toml [bundle], new in round 18 for these five) applied to
real Postfix, Dovecot, lighttpd, Caddy and Tomcat on 127.0.0.1. Each serves a leaf without
its intermediate (the leaf names the intermediate's URL in AIA, here a loopback HTTP
server); diagnose finds ``incomplete_chain``, fetches the intermediate and prints the
bundle to save and that software's lines. The test saves the bundle where the step says,
writes the lines into the server's configuration as an operator would, the server's own
check passes, the server restarts; then the finding is gone and ``openssl s_client``
(with STARTTLS for the mail servers) verifies the chain with only the root trusted.
Each software skips when it is missing (.ci/run installs them).
"""

from __future__ import annotations

import contextlib
import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.serialization import Encoding

import tlsdoctor
from tlsdoctor.testing import caddy_run, dovecot_run, lighttpd_run, postfix_smtpd, tomcat_run
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.issuer_http import serve_issuer

SOFTWARE = ("postfix", "dovecot", "lighttpd", "caddy", "tomcat")
STARTTLS = {"postfix": "smtp", "dovecot": "imap"}
HAVE = {"postfix": postfix_smtpd.available, "dovecot": dovecot_run.have_dovecot,
        "lighttpd": lighttpd_run.have_lighttpd, "caddy": caddy_run.have_caddy,
        "tomcat": tomcat_run.have_tomcat}


@pytest.fixture(scope="module")
def aia() -> Iterator[tuple[dict[str, bytes], str]]:
    """A loopback HTTP server answering GET with the issuer's DER (one path)."""
    with serve_issuer() as got:
        yield got


def _settings(code: str) -> list[str]:
    return [ln.strip() for ln in code.splitlines() if ln.strip() and not ln.startswith("#")]


@contextlib.contextmanager
def serving(software: str, tmp: Path, chain: Path, key: Path,
            code: str | None = None) -> Iterator[int]:
    """``software`` serving ``chain``/``key``, or what the step's ``code`` names instead
    (its lines written as the operator would); yields the port."""
    tmp.mkdir(parents=True, exist_ok=True)
    if software in ("postfix", "dovecot"):
        start = postfix_smtpd.server if software == "postfix" else dovecot_run.server
        srv = start(chain, key, _settings(code or ""))
        try:
            yield srv.port
        finally:
            srv.stop()
    elif software == "lighttpd":
        conf = lighttpd_run.write_conf(tmp, pemfile=chain, privkey=key, ssl_lines=code or "")
        ok, said = lighttpd_run.check(conf)
        assert ok, said
        with lighttpd_run.running(conf):
            yield conf.port
    elif software == "caddy":
        if code:  # the site's "tls CERT KEY" line, as printed
            m = re.fullmatch(r"tls (\S+) (\S+)", code.strip())
            assert m is not None, code
            chain, key = Path(m[1]), Path(m[2])
        site = caddy_run.write_caddyfile(tmp, cert=chain, key=key)
        ok, said = caddy_run.check(site)
        assert ok, said
        with caddy_run.running(site):
            yield site.port
    else:
        if code:  # the Certificate element's two attributes, as printed
            attrs = dict(re.findall(r'(\w+)="([^"]*)"', code))
            chain, key = Path(attrs["certificateFile"]), Path(attrs["certificateKeyFile"])
        base = tomcat_run.write_base(tmp, cert=chain, key=key, connectors={"tls": {}})
        with tomcat_run.running(base):
            assert "SEVERE" not in tomcat_run.log_text(base), tomcat_run.log_text(base)[-2000:]
            yield base.ports["tls"]


def _diagnose(software: str, port: int, root: Path) -> tlsdoctor.DiagnoseReport:
    # Online: the missing intermediate is fetched over AIA (loopback, the target's scope).
    return tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=5, starttls=STARTTLS.get(software),
                              server_software=software)


def _verified(software: str, port: int, root: Path) -> subprocess.CompletedProcess[str]:
    starttls = ["-starttls", STARTTLS[software]] if software in STARTTLS else []
    return subprocess.run(
        ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", *starttls, "-servername",
         "localhost", "-verify_return_error", "-verify_hostname", "localhost", "-CAfile",
         str(root), "-brief"], input="", capture_output=True, text=True, timeout=30)


@pytest.mark.parametrize("software", SOFTWARE)
def test_the_bundle_fix_fixes_the_real_server(software: str, aia: tuple[dict[str, bytes], str],
                                              tmp_path: Path) -> None:
    if not HAVE[software]():
        pytest.skip(f"{software} is not installed (or, for Postfix, not running as root)")
    served, url = aia
    root = CA(name=f"Bundle Fix {software} Root")
    inter = root.intermediate(name=f"Bundle Fix {software} Issuing CA")
    served["body"] = inter.cert.public_bytes(Encoding.DER)
    leaf = inter.issue(("localhost",), key_type="rsa2048", aia_issuer_url=url)
    chain, key = leaf.write(tmp_path, stem="site")
    chain.write_bytes(leaf.cert_pem)  # the misconfiguration: the leaf alone
    root_pem = root.write(tmp_path / "root.pem")

    with serving(software, tmp_path / "broken", chain, key) as port:
        assert _verified(software, port, root_pem).returncode != 0
        before = _diagnose(software, port, root_pem)
    finding = next(f for f in before.findings if f.cause.value == "incomplete_chain")
    save, *lines = finding.fix
    assert save.code.count("BEGIN CERTIFICATE") == 2  # leaf + intermediate, no root
    step = next(s for s in lines if s.applies_to == software)
    bundle_path = next(w for w in save.text.split() if w.startswith("/etc/ssl/")).rstrip(":")
    bundle = tmp_path / "fullchain.pem"
    bundle.write_text(save.code + "\n")  # "Save the corrected chain as ..."
    code = step.code.replace(bundle_path, str(bundle)).replace(
        "/etc/ssl/private/localhost.key", str(key))

    with serving(software, tmp_path / "fixed", chain, key, code) as port:
        after = _diagnose(software, port, root_pem)
        assert "incomplete_chain" not in {f.cause.value for f in after.findings}, (
            code, after.summary())
        assert after.outcome.value in ("ok", "risky"), after.summary()
        client = _verified(software, port, root_pem)
        assert client.returncode == 0 and "Verification: OK" in client.stderr, client.stderr
