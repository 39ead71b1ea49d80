"""Round 13, real programs: an old server (TLS 1.0 only; a 1024-bit DH group) on 127.0.0.1,
refused by current clients here (curl, Python, openssl s_client, Node, Java 17, Go), and a
client pinned to newer versions than the server has. Each real error, fed to explain, must
name the version/suite/key cause and the side that must act.
"""

from __future__ import annotations

import os
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")
JAVA = """import javax.net.ssl.*;
public class C { public static void main(String[] a) throws Exception {
  SSLContext c = SSLContext.getInstance("TLS");
  c.init(null, new TrustManager[]{new X509TrustManager(){
    public void checkClientTrusted(java.security.cert.X509Certificate[] x, String s) {}
    public void checkServerTrusted(java.security.cert.X509Certificate[] x, String s) {}
    public java.security.cert.X509Certificate[] getAcceptedIssuers() {
      return new java.security.cert.X509Certificate[0]; }}}, null);
  try (SSLSocket s = (SSLSocket) c.getSocketFactory().createSocket("127.0.0.1",
      Integer.parseInt(a[0]))) { s.setSoTimeout(5000); s.startHandshake(); } } }
"""
GO = """package main
import ("crypto/tls"; "fmt"; "os")
func main() {
  c, err := tls.Dial("tcp", "127.0.0.1:"+os.Args[1], &tls.Config{InsecureSkipVerify: true})
  if err != nil { fmt.Println(err); os.Exit(1) }
  c.Close()
}
"""


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(args: list[str], cwd: Path, **kw: object) -> str:
    p = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=120,
                       stdin=subprocess.DEVNULL, check=False, **kw)  # type: ignore[call-overload]
    return str(p.stdout) + str(p.stderr)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("vers")
    _run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "k.pem",
          "-out", "c.pem", "-days", "3", "-subj", "/CN=localhost"], d)
    _run(["openssl", "dhparam", "-out", "dh1024.pem", "1024"], d)
    return d


def _server(d: Path, *extra: str) -> Iterator[int]:
    port = _port()
    p = subprocess.Popen(["openssl", "s_server", "-accept", f"127.0.0.1:{port}", "-cert",
                          "c.pem", "-key", "k.pem", "-www", "-quiet", *extra], cwd=d,
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(50):  # bounded: 5 s for the port to open
            with socket.socket() as s:
                if s.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.1)
        yield port
    finally:
        p.terminate()
        p.wait(timeout=10)


@pytest.fixture(scope="module")
def tls10(certs: Path) -> Iterator[int]:
    yield from _server(certs, "-tls1", "-cipher", "DEFAULT@SECLEVEL=0")


@pytest.fixture(scope="module")
def dh1024(certs: Path) -> Iterator[int]:
    yield from _server(certs, "-tls1_2", "-dhparam", "dh1024.pem", "-cipher",
                       "DHE-RSA-AES128-GCM-SHA256@SECLEVEL=0")


def _clients(port: int, d: Path) -> dict[str, list[str]]:
    url = f"https://127.0.0.1:{port}/"
    return {
        "curl": ["curl", "-sS", "-k", "--max-time", "10", url],
        "python3": ["python3", "-c", "import ssl, urllib.request as u; u.urlopen("
                    f"'{url}', context=ssl._create_unverified_context(), timeout=10)"],
        # -CAfile: s_client's own verify errors (it goes on after them) would come first
        "openssl": ["openssl", "s_client", "-CAfile", "c.pem", "-connect", f"127.0.0.1:{port}"],
        "node": ["node", "-e", f"require('https').get('{url}', {{rejectUnauthorized: false}},"
                 " r => {}).on('error', e => { console.log(String(e)); process.exit(1) })"],
        "java": ["java", str(d / "C.java"), str(port)],
        "go": ["go", "run", str(d / "c.go"), str(port)],
    }


def _explained(out: str) -> tuple[str, str]:
    r = explain(out)
    assert r.findings, out
    return r.findings[0].cause.value, r.findings[0].who_fixes.value


# the clients that offer only TLS 1.2+ and so get the server's protocol_version alert (curl
# and s_client offer TLS 1.0 too, then refuse its SHA-1+MD5 handshake signature themselves)
REFUSED = frozenset({"python3", "node", "java", "go"})


@pytest.mark.parametrize("client", ["curl", "python3", "openssl", "node", "java", "go"])
def test_current_client_refused_by_a_tls10_server(client: str, certs: Path, tls10: int) -> None:
    cmd = _clients(tls10, certs)[client]
    if shutil.which(cmd[0]) is None:
        pytest.skip(f"{cmd[0]} is not installed")
    (certs / "C.java").write_text(JAVA)
    (certs / "c.go").write_text(GO)
    env = {**os.environ, "GOCACHE": str(certs / "gocache"), "GOFLAGS": "-mod=mod"}
    out = _run(cmd, certs, env=env)
    if client in REFUSED:
        # these print only the alert they received (protocol_version): an old client, an old
        # server or a TLS 1.3-only one, the words do not say which...
        assert _explained(out) == ("protocol_version_mismatch", "either"), out
        # ...the words a person posts with it do
        out = "Polling the printer's web interface:\n" + out
    assert _explained(out) == ("protocol_version_mismatch", "server"), out


def test_curl_refuses_a_1024_bit_dh_server(certs: Path, dh1024: int) -> None:
    out = _run(["curl", "-sS", "-k", "--max-time", "10", f"https://127.0.0.1:{dh1024}/"], certs)
    assert "dh key too small" in out, out
    assert _explained(out) == ("weak_cipher_or_no_pfs", "server")


def test_python_refuses_a_1024_bit_dh_server(certs: Path, dh1024: int) -> None:
    out = _run(["python3", "-c", "import ssl, urllib.request as u; u.urlopen('https://"
                f"127.0.0.1:{dh1024}/', context=ssl._create_unverified_context(), timeout=10)"],
               certs)
    assert _explained(out) == ("weak_cipher_or_no_pfs", "server"), out


def test_curl_pinned_to_tls13_against_a_tls12_server(certs: Path, dh1024: int) -> None:
    cmd = ["curl", "-sS", "-k", "--tlsv1.3", "--max-time", "10", f"https://127.0.0.1:{dh1024}/"]
    out = _run(cmd, certs)
    text = "$ " + " ".join(cmd) + "\n" + out  # as a person posts it: the command, then the error
    assert _explained(text) == ("client_misconfiguration", "client"), out


def _stopgap(out: str, kind: str) -> str:
    """The code of the finding's stopgap step for ``kind`` of client, as explain gives it."""
    steps = [s for s in explain(out).findings[0].fix if s.applies_to == kind and s.code]
    assert steps, [s.text for s in explain(out).findings[0].fix]
    return steps[0].code


@pytest.mark.parametrize("server", ["tls10", "dh1024"])
def test_the_curl_stopgap_given_connects(server: str, certs: Path,
                                         request: pytest.FixtureRequest) -> None:
    """The fix is applied: curl's stopgap line from explain's answer, pointed at the same
    server (the text names no host, so the line carries a placeholder URL), gets the page."""
    port = request.getfixturevalue(server)
    url = f"https://127.0.0.1:{port}/"
    out = _run(["curl", "-sS", "-k", "--max-time", "10", url], certs)
    code = _stopgap(out, "curl")
    args = shlex.split(code)
    assert args[0] == "curl" and "--ciphers" in args, code
    args[-1] = url  # the placeholder URL
    got = subprocess.run([*args[:1], "-sS", "-k", "--max-time", "10", *args[1:]], cwd=certs,
                         capture_output=True, text=True, timeout=60, check=False)
    assert got.returncode == 0 and "s_server" in got.stdout, got.stderr


def test_the_python_stopgap_given_connects(certs: Path, dh1024: int) -> None:
    """Python's stopgap context from explain's answer ("dh key too small" names the server
    as the old side), used for the same server: the handshake completes."""
    url = f"https://127.0.0.1:{dh1024}/"
    out = _run(_clients(dh1024, certs)["python3"], certs)
    code = _stopgap(out, "python")
    program = (f"import ssl, urllib.request as u\n{code}\nctx.check_hostname = False\n"
               f"ctx.verify_mode = ssl.CERT_NONE\nprint(u.urlopen('{url}', context=ctx, "
               "timeout=10).status)")
    got = _run(["python3", "-c", program], certs)
    assert got.strip() == "200", got
