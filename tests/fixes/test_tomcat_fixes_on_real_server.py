"""The Tomcat lines of the server fixes (fixes/snippets.toml [protocols], [ciphers]) applied
to a real Tomcat 10 (JSSE, Java 17) on 127.0.0.1. One JVM (slow to start) serves one TLS
connector per broken case: TLS 1.0 only (the operator also re-enabled TLS 1.0 in Java's
jdk.tls.disabledAlgorithms, without which Java 17 cannot serve it), and static-RSA suites
beside a good one. Each connector is diagnosed with ``server_software="tomcat"``, the
step's ``<SSLHostConfig ...>`` attributes are set on that connector's SSLHostConfig (as an
operator edits server.xml), Tomcat restarts once (no SEVERE line in its log: it has no
separate configuration test), each finding is gone and curl and Python connect.
Without ``server_software`` diagnose names Tomcat from its status line (round 19).
Skips without tomcat10 or Java (.ci/run installs tomcat10).
"""

from __future__ import annotations

import re
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.tomcat_run import TomcatBase, have_tomcat, log_text, running, write_base

pytestmark = pytest.mark.skipif(not have_tomcat(), reason="tomcat10 or java missing")

_WEAK = "ECDHE-RSA-AES128-GCM-SHA256:AES128-SHA:AES256-SHA"
BROKEN = {"protocols": {"protocols": "TLSv1"},
          "ciphers": {"protocols": "TLSv1.2", "ciphers": _WEAK}}
CAUSE = {"protocols": "protocol_version_mismatch", "ciphers": "weak_cipher_or_no_pfs"}
# Java 17's list less TLSv1 and TLSv1.1 (conf/security/java.security): the operator's own
# java.security override, as deployments that still serve TLS 1.0 carry.
JAVA_SECURITY = ("jdk.tls.disabledAlgorithms=SSLv3, DTLSv1.0, RC4, DES, MD5withRSA, "
                 "DH keySize < 1024, EC keySize < 224, 3DES_EDE_CBC, anon, NULL, ECDH\n")
_ATTR = re.compile(r'(?P<name>\w+)="(?P<value>[^"]*)"')


@dataclass(frozen=True, slots=True)
class Lab:
    root: Path
    chain: Path
    key: Path
    broken: TomcatBase
    reports: dict[str, tlsdoctor.DiagnoseReport]
    unnamed: tlsdoctor.DiagnoseReport  # the ciphers connector, no server_software given


def _diagnose(port: int, root: Path, software: str | None = "tomcat") -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=5, offline=True, server_software=software)


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Lab]:
    d = tmp_path_factory.mktemp("tomcat-fix")
    ca = CA(name="Tomcat Fix Test Root")
    chain, key = ca.issue(["localhost"], key_type="rsa2048").write(d, stem="site")
    root = ca.write(d / "root.pem")
    (d / "java.security").write_text(JAVA_SECURITY)
    broken = write_base(d / "broken", cert=chain, key=key, connectors=BROKEN,
                        java_opts=f"-Djava.security.properties={d / 'java.security'}")
    with running(broken):
        reports = {name: _diagnose(port, root) for name, port in broken.ports.items()}
        unnamed = _diagnose(broken.ports["ciphers"], root, None)
    yield Lab(root=root, chain=chain, key=key, broken=broken, reports=reports, unnamed=unnamed)


def _fix_code(report: tlsdoctor.DiagnoseReport, cause: str) -> str:
    finding = next(f for f in report.findings if f.cause.value == cause)
    steps = [s for s in finding.fix if s.applies_to == "tomcat"]
    assert steps, [(s.applies_to, s.text) for s in finding.fix]
    return steps[0].code


def applied(attrs: dict[str, str], code: str) -> dict[str, str]:
    """The SSLHostConfig's attributes once the step's ``<SSLHostConfig a="..">`` is set on
    it: each attribute it names replaces the one there, the others stay."""
    element = re.search(r"<SSLHostConfig\b([^>]*)>", code)
    assert element is not None, code
    return {**attrs, **{m["name"]: m["value"] for m in _ATTR.finditer(element.group(1))}}


def _connects(port: int, root: Path) -> None:
    ctx = ssl.create_default_context(cafile=str(root))
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            ctx.wrap_socket(raw, server_hostname="localhost") as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
    curl = subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cacert",
                           str(root), "--resolve", f"localhost:{port}:127.0.0.1",
                           f"https://localhost:{port}/"], capture_output=True, text=True,
                          timeout=30)
    assert curl.returncode == 0, curl.stderr


def test_the_fixes_fix_the_real_tomcat(lab: Lab, tmp_path: Path) -> None:
    fixed_attrs = {}
    for name, report in lab.reports.items():
        assert CAUSE[name] in _causes(report), (name, report.summary())
        fixed_attrs[name] = applied(BROKEN[name], _fix_code(report, CAUSE[name]))
    fixed = write_base(tmp_path / "fixed", cert=lab.chain, key=lab.key,
                       connectors=fixed_attrs, java_opts=lab.broken.java_opts,
                       ports=lab.broken.ports)
    with running(fixed):
        said = log_text(fixed)
        assert "SEVERE" not in said, said[-3000:]
        # Tomcat skips a protocol or cipher name it does not know with a WARNING
        assert not re.search(r"(?i)WARNING.*\n?.*(cipher|protocol)", said), said[-3000:]
        for name, port in fixed.ports.items():
            after = _diagnose(port, lab.root)
            assert CAUSE[name] not in _causes(after), (name, fixed_attrs[name], after.summary())
            assert after.outcome.value in ("ok", "risky"), after.summary()
            _connects(port, lab.root)


def test_tomcat_is_named_by_its_status_line(lab: Lab) -> None:
    """Round 19: Tomcat 10 sends no Server header and no reason phrase ("HTTP/1.1 404 "):
    diagnose names it from that, and its fixes come in Tomcat's form without being asked."""
    report = lab.unnamed
    assert report.evidence.reproduction is not None
    assert report.evidence.reproduction.server_header is None
    assert report.evidence.reproduction.http_reason == ""
    assert report.evidence.server_software == "tomcat", report.summary()
    cause = CAUSE["ciphers"]
    assert _fix_code(report, cause) == _fix_code(lab.reports["ciphers"], cause)
    finding = next(f for f in report.findings if f.cause.value == cause)
    assert {s.applies_to for s in finding.fix if s.code} == {"tomcat"}
