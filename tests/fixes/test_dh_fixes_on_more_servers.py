"""The DH step (fixes/snippets.toml [dh], round 19) for lighttpd, Tomcat and Caddy, proven on
the real servers on 127.0.0.1.

lighttpd 1.4.69 (OpenSSL 3) sizes the DH group to the certificate's key: a 1024-bit RSA key
with DHE suites gives a 1024-bit group. The step's own openssl line makes the new key and CSR,
the test CA signs exactly what the CSR asks (standing in for the operator's CA), the step's
ssl.pemfile/ssl.privkey lines replace the old ones, ``lighttpd -tt`` parses the file, and
after a restart the DH finding is gone and curl connects.

Tomcat 10.1 (JSSE, Java 17) sizes it by jdk.tls.ephemeralDHKeySize, which catalina.sh
passes in JSSE_OPTS: an operator's setenv.sh with 1024 gives a 1024-bit group to every client
that offers no RFC 7919 group (a TLS 1.2-only OpenSSL hello; diagnose with ``edge-18``). The
step's JSSE_OPTS line replaces that line in setenv.sh, ``sh -n`` and ``catalina.sh
configtest`` pass, and after a restart the finding is gone and ``curl --tls-max 1.2``, which
refused the 1024-bit group before ("dh key too small"), connects.

Caddy has no DHE at all (Go's crypto/tls): its step says so and gives no line; the real Caddy
refuses a DHE suite name in ``caddy validate`` and a DHE-only client.

Skips each part without its program (.ci/run installs lighttpd, tomcat10 and caddy).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import load_pem_private_key

import tlsdoctor
from tlsdoctor.fixes import server
from tlsdoctor.testing import caddy_run, lighttpd_run, tomcat_run
from tlsdoctor.testing.ca import CA

_CURL = pytest.mark.skipif(shutil.which("curl") is None, reason="curl missing")
_DHE = "DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0"
_JAVA_DHE = "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256:TLS_DHE_RSA_WITH_AES_256_GCM_SHA384"


def _diagnose(port: int, root: Path, software: str | None,
              client: str | None = None) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1", ca_file=str(root),
                              timeout=5, offline=True, server_software=software, client=client)


def _dh_findings(report: tlsdoctor.DiagnoseReport) -> list[tlsdoctor.Finding]:
    return [f for f in report.findings
            if f.cause.value == "weak_cipher_or_no_pfs" and f.facts.get("kind") == "dh"]


def _step(report: tlsdoctor.DiagnoseReport, software: str) -> tlsdoctor.FixStep:
    found = _dh_findings(report)
    assert found, report.summary()
    steps = [s for s in found[0].fix if s.applies_to == software]
    assert steps, [(s.applies_to, s.text) for s in found[0].fix]
    return steps[0]


def _curl(port: int, root: Path, *opts: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "-o", "/dev/null", "--max-time", "10", *opts,
                           "--cacert", str(root), "--resolve", f"localhost:{port}:127.0.0.1",
                           f"https://localhost:{port}/"], capture_output=True, text=True,
                          timeout=30, check=False)


def _temp_key(port: int) -> str:
    """What a TLS 1.2-only OpenSSL client (no RFC 7919 groups offered) is given."""
    out = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2",
                          "-cipher", "DHE:@SECLEVEL=0"], input="", capture_output=True,
                         text=True, timeout=30, check=False)
    return next((ln.strip() for ln in out.stdout.splitlines() if "Temp Key" in ln), "")


@pytest.mark.skipif(not lighttpd_run.have_lighttpd(), reason="lighttpd missing")
@_CURL
def test_lighttpd_dh_step_applied(tmp_path: Path) -> None:
    ca = CA(name="lighttpd DH Test Root")
    root = ca.write(tmp_path / "root.pem")
    chain, key = ca.issue(["localhost"], key_type="rsa1024").write(tmp_path, stem="weak")
    ssl_lines = (f'ssl.openssl.ssl-conf-cmd = ("CipherString" => "{_DHE}")',)
    broken = lighttpd_run.write_conf(tmp_path, pemfile=chain, privkey=key,
                                     ssl_lines="\n".join(ssl_lines))
    with lighttpd_run.running(broken):
        assert _temp_key(broken.port) == "Server Temp Key: DH, 1024 bits"
        before = _diagnose(broken.port, root, "lighttpd")
    step = _step(before, "lighttpd")
    assert "sizes the DH group to the certificate's key" in step.text, step.text

    work = tmp_path / "etc-lighttpd"
    work.mkdir()
    code = step.code.replace("/etc/lighttpd/", f"{work}/").replace("HOST", "localhost")
    conf_lines = list(ssl_lines)
    for line in code.splitlines():
        if line.startswith("openssl "):
            subprocess.run(line, shell=True, check=True, capture_output=True, timeout=60)
        elif line.startswith("ssl."):
            conf_lines.append(line)
    csr = x509.load_pem_x509_csr((work / "server.csr").read_bytes())
    names = csr.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
    new_key = load_pem_private_key((work / "server.key").read_bytes(), None)
    assert new_key.key_size == 2048  # type: ignore[union-attr]
    issued = ca.issue(tuple(names.get_values_for_type(x509.DNSName)),
                      key=new_key)  # type: ignore[arg-type]
    (work / "server.pem").write_bytes(issued.cert_pem)  # the CA's certificate, as sent back

    fixed = lighttpd_run.write_conf(tmp_path, pemfile=chain, privkey=key, port=broken.port,
                                    ssl_lines="\n".join(conf_lines))
    ok, said = lighttpd_run.check(fixed)
    assert ok, said
    assert f'ssl.pemfile = "{work}/server.pem"' in fixed.path.read_text()
    with lighttpd_run.running(fixed):
        assert _temp_key(fixed.port) == "Server Temp Key: DH, 2048 bits"
        after = _diagnose(fixed.port, root, "lighttpd")
        curl = _curl(fixed.port, root)
    assert not _dh_findings(after), after.summary()
    assert curl.returncode == 0, curl.stderr


@pytest.mark.skipif(not lighttpd_run.have_lighttpd(), reason="lighttpd missing")
def test_lighttpd_172_dh_lines_are_labelled_and_load_on_the_real_lighttpd(tmp_path: Path) -> None:
    """Round 20: the step gives both versions' lines, each with the versions it is for; the
    1.4.72+ ones commented (on 1.4.69 they parse and change nothing: round 19). Uncommented,
    the genpkey line run and its DHParameters key merged into the one ssl-conf-cmd array,
    the real lighttpd (Debian's 1.4.69, no 1.4.72 here) loads the file: ``lighttpd -tt``
    passes, and fails for a file that is not there (so the file is read)."""
    code = server.dh("lighttpd")[0].code
    assert "1.4.56 to 1.4.71" in code and "1.4.72 and later" in code, code
    later = code.split("1.4.72 and later", 1)[1].splitlines()[1:]
    assert later and all(ln.startswith("#   ") for ln in later), later
    work = tmp_path / "etc-lighttpd"
    work.mkdir()
    lines = [ln[4:].replace("/etc/lighttpd/", f"{work}/") for ln in later]
    subprocess.run(lines[0], shell=True, check=True, capture_output=True, timeout=60)
    key = re.search(r'\("DHParameters" => "([^"]+)"\)', lines[1])
    assert key and lines[0].startswith("openssl genpkey") and Path(key[1]).is_file(), lines
    ca = CA(name="lighttpd DH 1.4.72 lines")
    chain, tls_key = ca.issue(["localhost"]).write(tmp_path, stem="site")
    for path, ok in ((key[1], True), (f"{work}/missing.pem", False)):
        merged = f'ssl.openssl.ssl-conf-cmd = ("CipherString" => "{_DHE}", ' \
                 f'"DHParameters" => "{path}")'
        conf = lighttpd_run.write_conf(tmp_path, pemfile=chain, privkey=tls_key,
                                       ssl_lines=merged)
        passed, said = lighttpd_run.check(conf)
        assert passed is ok, said


def _setenv_edited(old: str, code: str) -> str:
    """setenv.sh with the step's assignment in place of the one to the same variable."""
    lines = old.splitlines()
    for line in code.splitlines():
        if line.startswith("#") or "=" not in line:
            continue
        name = line.split("=", 1)[0]
        lines = [line if ln.split("=", 1)[0] == name else ln for ln in lines]
    return "\n".join(lines) + "\n"


@pytest.mark.skipif(not tomcat_run.have_tomcat(), reason="tomcat10 or java missing")
@_CURL
def test_tomcat_dh_step_applied(tmp_path: Path) -> None:
    ca = CA(name="Tomcat DH Test Root")
    root = ca.write(tmp_path / "root.pem")
    chain, key = ca.issue(["localhost"], key_type="rsa2048").write(tmp_path, stem="site")
    connectors = {"dh": {"protocols": "TLSv1.2", "ciphers": _JAVA_DHE}}
    old = 'CATALINA_OPTS="-Xss1m"\nJSSE_OPTS="-Djdk.tls.ephemeralDHKeySize=1024"\n'
    broken = tomcat_run.write_base(tmp_path / "base", cert=chain, key=key,
                                   connectors=connectors, setenv=old)
    port = broken.ports["dh"]
    with tomcat_run.running(broken):
        assert _temp_key(port) == "Server Temp Key: DH, 1024 bits"
        refused = _curl(port, root, "--tls-max", "1.2")
        before = _diagnose(port, root, "tomcat", client="edge-18")
    assert refused.returncode != 0 and "dh key too small" in refused.stderr, refused.stderr
    step = _step(before, "tomcat")
    assert "JSSE_OPTS" in step.text, step.text

    setenv = _setenv_edited(old, step.code)
    assert setenv == 'CATALINA_OPTS="-Xss1m"\nJSSE_OPTS="-Djdk.tls.ephemeralDHKeySize=2048"\n'
    fixed = tomcat_run.write_base(tmp_path / "base", cert=chain, key=key,
                                  connectors=connectors, ports=broken.ports, setenv=setenv)
    syntax = subprocess.run(["sh", "-n", str(fixed.directory / "bin" / "setenv.sh")],
                            capture_output=True, text=True, timeout=10, check=False)
    assert syntax.returncode == 0, syntax.stderr
    ok, said = tomcat_run.configtest(fixed)
    assert ok, said[-3000:]
    with tomcat_run.running(fixed):
        assert _temp_key(port) == "Server Temp Key: DH, 2048 bits"
        after = _diagnose(port, root, "tomcat", client="edge-18")
        curl = _curl(port, root, "--tls-max", "1.2")
    assert not _dh_findings(after), after.summary()
    assert curl.returncode == 0, curl.stderr


@pytest.mark.skipif(not caddy_run.have_caddy(), reason="caddy missing")
def test_caddy_has_no_dhe_and_its_step_says_so(tmp_path: Path) -> None:
    (step,) = server.dh("caddy")
    assert step.applies_to == "caddy" and not step.code, step
    assert "Caddy has no DHE at all" in step.text
    ca = CA(name="Caddy DH Test Root")
    chain, key = ca.issue(["localhost"], key_type="rsa2048").write(tmp_path, stem="site")
    named = caddy_run.write_caddyfile(tmp_path, cert=chain, key=key,
                                      tls_lines=("ciphers TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",))
    ok, said = caddy_run.check(named)
    assert not ok and "Wrong cipher suite name or cipher suite not supported" in said, said
    plain = caddy_run.write_caddyfile(tmp_path, cert=chain, key=key, port=named.port)
    with caddy_run.running(plain):
        assert _temp_key(plain.port) == ""  # no DHE suite in common: no handshake
