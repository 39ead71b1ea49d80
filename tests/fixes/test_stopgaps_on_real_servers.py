"""The client stopgaps (fixes/stopgaps.toml), applied literally to real old servers.

Two openssl s_server on 127.0.0.1: TLS 1.0 only, and TLS 1.2 with only a 1024-bit DH group.
Each real client (curl, Python, openssl s_client, Node, Java 17, Go, wget, gnutls-cli) first
connects as it is; where it refuses, its error goes to ``explain`` (and, for the TLS 1.0
server, ``diagnose --client``), and the code of that client's stopgap step, as the library
gives it, is run: the client connects. A snippet is run as given; the test only points its
placeholder host at the server and gives the client the test root (by its environment or a
trust flag), as a person would. Where a client here takes the server as it is (GnuTLS 3.7
takes TLS 1.0 and a 1024-bit group; Node 20 and Java 17 take the 1024-bit group), the step
the table gives must not break it. Loopback only, every run bounded in time.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.api import explain
from tlsdoctor.causes import Cause
from tlsdoctor.fixes.client import stopgaps
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")

TOOLS = {"curl": "curl", "python": "python3", "openssl": "openssl", "node": "node",
         "java": "java", "go": "go", "wget": "wget", "gnutls": "gnutls-cli"}
NEED = {"tls10": "version", "dh1024": "dh"}
# Measured here (Debian 12: OpenSSL 3.0 at level 2, Node 20's own OpenSSL at level 1 with
# minDHSize 1024, JDK 17, Go 1.19, GnuTLS 3.7.9): the clients that refuse each server as they are.
REFUSES = {("tls10", t) for t in ("curl", "python", "openssl", "node", "java", "go")} | {
    ("dh1024", t) for t in ("curl", "python", "openssl", "go")}
# diagnose --client NAME for each kind (the TLS 1.0 server: a probed protocol_version_mismatch)
PROFILES = {"curl": "curl-8", "python": "python-3", "node": "node-20", "java": "java-17",
            "go": "go-1.22", "wget": "wget-1.21"}
# Someone posting the error says what they were doing: the words name the old side.
CONTEXT = "Polling the printer's web interface:\n"
# Java checks the test root from a trust store (JAVA_TOOL_OPTIONS, _env), as a deployment would.
JAVA = """public class Get { public static void main(String[] a) throws Exception {
    var c = (javax.net.ssl.HttpsURLConnection) new java.net.URL(a[0]).openConnection();
    c.setConnectTimeout(10000); c.setReadTimeout(10000); c.connect(); c.disconnect(); } }
"""
GO = """package main
import ("crypto/tls"; "fmt"; "os")
func main() {
  cfg := CONFIG
  c, err := tls.Dial("tcp", "localhost:"+os.Args[1], cfg)
  if err != nil { fmt.Println(err); os.Exit(1) }
  c.Close()
}
"""
NODE = """const tls = require('tls');
const host = 'localhost', port = PORT;
const s = CONNECT;
s.on('secureConnect', () => { s.end(); process.exit(0) });
s.on('error', e => { console.error(e); process.exit(1) });  // as Node prints it
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("stopgap")
    root = CA(name="Stopgap Test Root")
    root.write(d / "root.pem")
    root.issue(["localhost"], key_type="rsa2048").write(d, stem="site")  # site.chain/key.pem
    (d / "Get.java").write_text(JAVA)
    if shutil.which("keytool") is not None:
        subprocess.run(["keytool", "-importcert", "-noprompt", "-alias", "root", "-file",
                        str(d / "root.pem"), "-keystore", str(d / "trust.p12"), "-storetype",
                        "PKCS12", "-storepass", "changeit"], capture_output=True, timeout=60,
                       check=True)
    return d


@pytest.fixture(scope="module")
def servers(site: Path) -> Iterator[dict[str, int]]:
    dh = resources.files("tlsdoctor.testing").joinpath("data/dh1024.pem")
    with openssl_server(site / "site.chain.pem", site / "site.key.pem", protocols=("tls1",),
                        cipher="DEFAULT", www=True) as old, \
            openssl_server(site / "site.chain.pem", site / "site.key.pem", protocols=("tls1_2",),
                           cipher="DHE-RSA-AES128-GCM-SHA256:@SECLEVEL=0", dhparam=str(dh),
                           www=True) as small_dh:
        yield {"tls10": old.port, "dh1024": small_dh.port}


def _env(d: Path) -> dict[str, str]:
    root = str(d / "root.pem")
    return {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(d),
            "SSL_CERT_FILE": root, "CURL_CA_BUNDLE": root, "NODE_EXTRA_CA_CERTS": root,
            "GOCACHE": str(d / "gocache"), "GOPATH": str(d / "gopath"), "GOFLAGS": "-mod=mod",
            "GOPROXY": "off", "JAVA_TOOL_OPTIONS": f"-Djavax.net.ssl.trustStore={d / 'trust.p12'} "
            "-Djavax.net.ssl.trustStorePassword=changeit"}


def _argv(tag: str, code: str, port: int, d: Path) -> list[str]:
    """The command that runs ``code`` (a stopgap's, or "" for the client as it is) against
    localhost:``port``; the snippet's words are kept, its placeholder host is pointed here."""
    url = f"https://localhost:{port}/"
    args = shlex.split(code) if tag in ("curl", "openssl", "wget", "gnutls") and code else []
    if tag == "curl":
        rest = args[1:-1] if args else []
        return ["curl", "-sS", "-o", "/dev/null", "--max-time", "10", *rest, url]
    if tag == "openssl":
        args = args or ["openssl", "s_client", "-connect", "HOST:443"]
        args[args.index("-connect") + 1] = f"localhost:{port}"
        return args
    if tag == "wget":
        return ["wget", "-q", "-O", "/dev/null", "-t", "1", "-T", "10",
                f"--ca-certificate={d / 'root.pem'}", *args[1:-1], url]
    if tag == "gnutls":
        args = args or ["gnutls-cli", "HOST", "-p", "443"]
        at = args.index("-p")
        args[at - 1:at + 2] = ["localhost", "-p", str(port)]
        return [*args, "--x509cafile", str(d / "root.pem")]
    if tag == "python":
        return ["python3", "-c", "import ssl, urllib.request as u\n"
                + (code or "ctx = ssl.create_default_context()")
                + f"\nu.urlopen('{url}', context=ctx, timeout=10)"]
    if tag == "node":
        program = NODE.replace("PORT", str(port)).replace(
            "CONNECT", code or "tls.connect({ host, port })")
        return ["node", "-e", program]
    if tag == "go":
        (d / f"go{port}").mkdir(exist_ok=True)
        main = d / f"go{port}" / "main.go"
        main.write_text(GO.replace("CONFIG", code or "&tls.Config{}"))
        return ["go", "run", str(main), str(port)]
    # java: the snippet's lines, its java line running the test program instead of app.jar
    script = code.replace("-jar app.jar", f"Get.java {url}") if code else f"java Get.java {url}"
    return ["bash", "-c", script]


def _run(tag: str, code: str, port: int, d: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_argv(tag, code, port, d), cwd=d, env=_env(d), input="",
                          capture_output=True, text=True, timeout=180, check=False)


def _step_code(steps: tuple[tlsdoctor.FixStep, ...], tag: str) -> str:
    return next((s.code for s in steps if s.applies_to == tag and s.code), "")


def _given(server: str, tag: str, error: str, port: int) -> str:
    """The stopgap code explain gives for the client's real error; for the TLS 1.0 server
    also diagnose --client's, which must be the same row of the same table."""
    found = explain(CONTEXT + error).findings
    assert found and found[0].who_fixes.value == "server", error
    given = _step_code(found[0].fix, tag)
    if server == "tls10" and tag in PROFILES:
        report = tlsdoctor.diagnose(f"localhost:{port}", connect="127.0.0.1",
                                    client=PROFILES[tag], timeout=5)
        f = next(f for f in report.findings if f.cause is Cause.PROTOCOL_VERSION_MISMATCH)
        probed = _step_code(f.fix, tag)
        assert probed and probed == given.replace("https://HOST/", f"https://localhost:{port}/"
                                                  ).replace("HOST:443", f"localhost:{port}")
    return given


@pytest.mark.parametrize("server", ["tls10", "dh1024"])
@pytest.mark.parametrize("tag", list(TOOLS))
def test_the_stopgap_given_makes_the_client_connect(tag: str, server: str, site: Path,
                                                    servers: dict[str, int]) -> None:
    if shutil.which(TOOLS[tag]) is None:
        pytest.skip(f"{TOOLS[tag]} is not installed")
    port = servers[server]
    before = _run(tag, "", port, site)
    error = before.stdout + before.stderr
    if (server, tag) in REFUSES:
        assert before.returncode != 0, "the client connects as it is: the test proves nothing"
        code = _given(server, tag, error, port) if (server, tag) != ("dh1024", "go") else ""
    else:
        assert before.returncode == 0, error[-800:]
        code = _step_code(stopgaps(NEED[server], f"https://localhost:{port}/", only=tag), tag)
    if not code:  # no setting to give: the row says why, and who must act
        row = stopgaps(NEED[server], "https://HOST/", only=tag)
        assert (server, tag) in {("dh1024", t) for t in ("go", "java", "wget", "gnutls")}
        assert not row or "server" in row[0].text, row
        return
    after = _run(tag, code, port, site)
    assert after.returncode == 0, (code, after.stdout[-800:], after.stderr[-800:])


def test_go_cannot_take_a_dh_only_server_and_is_told_so() -> None:
    """Go's crypto/tls has no DHE suites: its row has no code and sends the fix to the
    server (the Go run against the DH server above fails as it is)."""
    (row,) = stopgaps("dh", "https://HOST/", only="go")
    assert not row.code and "no DHE" in row.text and "server" in row.text


@pytest.mark.parametrize("need", ["version", "suite", "dh", "key", "sig"])
def test_no_stopgap_lowers_the_whole_machine(need: str) -> None:
    """Every row is for one connection or one program: none edits the system's OpenSSL, the
    crypto policy, the JDK's own java.security or a process-wide default."""
    for step in stopgaps(need, "https://HOST/"):
        for machine_wide in ("update-crypto-policies", "/etc/ssl", "openssl.cnf", "$JAVA_HOME",
                             "DEFAULT_MIN_VERSION", "--tls-cipher-list", "--tls-min-v"):
            assert machine_wide not in step.code, (step.applies_to, step.code)
