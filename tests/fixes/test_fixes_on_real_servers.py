"""Every server fix, proven on the real server (issue 11, "Prove every fix on the real
server"): a misconfigured nginx, Apache or HAProxy is diagnosed (``--server`` naming it),
the fix step tlsdoctor's finding gives for that software is applied to its configuration
as an operator would (``tlsdoctor.testing.fixapply``), the server's parser checks it, the
server restarts, and then the finding is gone and real clients (curl, Python ssl)
connect with certificate verification on.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing.fixapply import WebConfig
from tlsdoctor.testing.servers import Server

# How each software is misconfigured, in its own directives (what tlsdoctor is pointed at).
TLS10_ONLY = {
    "nginx": dict(site_lines=("ssl_protocols TLSv1;", "ssl_ciphers DEFAULT:@SECLEVEL=0;")),
    "apache": dict(site_lines=("SSLProtocol TLSv1", "SSLCipherSuite DEFAULT:@SECLEVEL=0")),
    "haproxy": dict(global_lines=("ssl-default-bind-options ssl-min-ver TLSv1.0 ssl-max-ver TLSv1.0",
                                  "ssl-default-bind-ciphers DEFAULT:@SECLEVEL=0")),
}
# Static-RSA suites (no forward secrecy) next to a good one: works, but risky.
_WEAK = "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES256-SHA"
WEAK_SUITES = {
    "nginx": dict(site_lines=("ssl_protocols TLSv1.2;", f"ssl_ciphers {_WEAK};")),
    "apache": dict(site_lines=("SSLProtocol TLSv1.2", f"SSLCipherSuite {_WEAK}")),
    "haproxy": dict(global_lines=("ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2",
                                  f"ssl-default-bind-ciphers {_WEAK}")),
}
# DHE only, with a 1024-bit group (this machine's OpenSSL refuses it: "dh key too small"),
# configured where each software takes it: nginx ssl_dhparam; Apache and HAProxy read a
# DH PARAMETERS block appended to the certificate file (mod_ssl since 2.4.7, HAProxy's crt;
# HAProxy 2.6 on OpenSSL 3 cannot make a 1024-bit group from tune.ssl.default-dh-param).
_DHE = "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0"


@pytest.fixture(scope="module")
def dh1024_pem(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    path = tmp_path_factory.mktemp("dh") / "dh1024.pem"
    subprocess.run(["openssl", "dhparam", "-out", str(path), "1024"], check=True,
                   capture_output=True, timeout=120)
    return path.read_bytes()


def dh1024(tmp: Path, chain: Path, dh: bytes) -> dict[str, dict[str, tuple[str, ...]]]:
    path = tmp / "dh1024.pem"
    path.write_bytes(dh)
    with chain.open("ab") as fh:  # read by Apache and HAProxy only (nginx: ssl_dhparam)
        fh.write(dh)
    return {
        "nginx": dict(site_lines=("ssl_protocols TLSv1.2;", f"ssl_ciphers {_DHE};",
                                  f"ssl_dhparam {path};")),
        "apache": dict(site_lines=("SSLProtocol TLSv1.2", f"SSLCipherSuite {_DHE}")),
        "haproxy": dict(global_lines=("ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2",
                                      f"ssl-default-bind-ciphers {_DHE}")),
    }


# An ECDSA certificate with a cipher list that only has RSA-authenticated suites: no
# TLS 1.2 client can connect (TLS 1.3 off, as on servers configured for 1.2 only).
_RSA_ONLY = "ECDHE-RSA-AES128-GCM-SHA256:AES128-GCM-SHA256"
RSA_SUITES_EC_KEY = {
    "nginx": dict(site_lines=("ssl_protocols TLSv1.2;", f"ssl_ciphers {_RSA_ONLY};")),
    "apache": dict(site_lines=("SSLProtocol TLSv1.2", f"SSLCipherSuite {_RSA_ONLY}")),
    "haproxy": dict(global_lines=("ssl-default-bind-options ssl-min-ver TLSv1.2 ssl-max-ver TLSv1.2",
                                  f"ssl-default-bind-ciphers {_RSA_ONLY}")),
}


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    broken: Callable[[Path, Path, bytes], dict[str, dict[str, tuple[str, ...]]]]
    cause: str  # the finding the broken server shows, and the fixed one must not
    cause_for: tuple[tuple[str, str], ...] = ()  # (software, cause) where it differs
    key_type: str = "rsa2048"

    def cause_of(self, software: str) -> str:
        return dict(self.cause_for).get(software, self.cause)


CASES = [
    Case("protocols", lambda *_: TLS10_ONLY, "protocol_version_mismatch"),
    Case("ciphers", lambda *_: WEAK_SUITES, "weak_cipher_or_no_pfs"),
    # HAProxy 2.6 on OpenSSL 3 refuses to load a 1024-bit group ("unable to load the DH
    # parameter"): with DHE suites only, it then refuses every client.
    Case("dh", dh1024, "weak_cipher_or_no_pfs",
         cause_for=(("haproxy", "server_misconfiguration"),)),
    Case("ecdsa-key-rsa-suites", lambda *_: RSA_SUITES_EC_KEY, "server_misconfiguration",
         key_type="ec256"),
]
# Files a snippet names on the real machine; the test's own stand in for them.
NEW_FILES = ("/etc/nginx/dhparam.pem", "/etc/ssl/dhparam.pem")
CERT_FILES = ("/path/to/cert.pem", "/etc/haproxy/site.pem")


def _diagnose(srv: Server, root: Path, software: str | None = None) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=3, offline=True, server_software=software)


def _fix_step(report: tlsdoctor.DiagnoseReport, cause: str, software: str) -> tlsdoctor.FixStep:
    """The first step for ``software`` of the finding for ``cause``: what a user would apply."""
    finding = next(f for f in report.findings if f.cause.value == cause)
    steps = [s for s in finding.fix if s.applies_to == software]
    assert steps, (software, [(s.applies_to, s.text) for s in finding.fix])
    assert not [s for s in finding.fix if s.applies_to not in ("", software)
                and s.applies_to in ("nginx", "apache", "haproxy")], "--server shows one software"
    return steps[0]


def _python_connects(srv: Server, root: Path) -> str:
    ctx = ssl.create_default_context(cafile=str(root))
    with socket.create_connection(srv.address, timeout=5) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        return str(tls.version())


def _curl_connects(srv: Server, root: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
         "--cacert", str(root), "--resolve", f"localhost:{srv.port}:127.0.0.1",
         f"https://localhost:{srv.port}/"], capture_output=True, text=True, timeout=20)


@pytest.mark.parametrize("software", ["nginx", "apache", "haproxy"])
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_the_fix_fixes_the_real_server(case: Case, software: str, pki, web, tmp_path,
                                       dh1024_pem) -> None:
    leaf = pki.leaf("localhost", key_type=case.key_type)
    chain, key = pki.write(leaf)
    broken = case.broken(tmp_path, chain, dh1024_pem)[software]
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key, **broken))
    before = _diagnose(srv.server, pki.root_pem, software)
    cause = case.cause_of(software)
    assert cause in _causes(before), (software, before.summary())

    step = _fix_step(before, cause, software)
    paths: dict[str, str | Path] = {p: tmp_path / Path(p).name for p in NEW_FILES}
    paths.update({p: chain for p in CERT_FILES})
    fixed = srv.apply(step.code, paths=paths)

    after = _diagnose(fixed, pki.root_pem)
    assert not {cause, case.cause} & _causes(after), (software, step.code, after.summary())
    assert after.outcome.value in ("ok", "risky")
    assert _python_connects(fixed, pki.root_pem) in ("TLSv1.2", "TLSv1.3")
    if shutil.which("curl"):
        curl = _curl_connects(fixed, pki.root_pem)
        assert curl.returncode == 0, curl.stderr
