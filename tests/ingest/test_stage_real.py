"""Round 13, the stage, on real programs: openssl s_server on 127.0.0.1 asking for a client
certificate (TLS 1.2 and 1.3) or sharing no suite with anyone (its ClientHello twin), and
real clients printing their traces: curl -v, openssl s_client -state -msg, gnutls-cli
--debug, java -Djavax.net.debug=ssl:handshake, Python. Each client without a certificate,
with one from a CA the server does not trust, and against the no-suite server: the twins
must come out differently wherever the program prints the step."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from ranked import top_found as _top

from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")

_JAVA = """
import javax.net.ssl.*; import java.security.cert.X509Certificate; import java.io.*;
import java.security.KeyStore;
public class StageCli { public static void main(String[] a) throws Exception {
  TrustManager[] tm = { new X509TrustManager() {
    public void checkClientTrusted(X509Certificate[] c, String s) {}
    public void checkServerTrusted(X509Certificate[] c, String s) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; } } };
  KeyManager[] km = null;
  if (a.length > 1) { KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(new FileInputStream(a[1]), "changeit".toCharArray());
    KeyManagerFactory kmf = KeyManagerFactory.getInstance("PKIX");
    kmf.init(ks, "changeit".toCharArray()); km = kmf.getKeyManagers(); }
  SSLContext ctx = SSLContext.getInstance("TLS"); ctx.init(km, tm, null);
  try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1",
       Integer.parseInt(a[0]))) {
    s.setSoTimeout(5000); s.startHandshake();
    s.getOutputStream().write("GET / HTTP/1.0\\r\\n\\r\\n".getBytes()); s.getInputStream().read();
  } } }
"""


def _run(argv: list[str], stdin: bytes = b"") -> str:
    done = subprocess.run(argv, input=stdin, capture_output=True, timeout=60, check=False)
    return (done.stdout + done.stderr).decode("utf-8", "replace")


def _run_open(argv: list[str], out: Path, hold: float = 2.0) -> str:
    """``argv`` with its stdin open for up to ``hold`` seconds, then closed (what
    ``sleep 2 | argv`` gave), ended as soon as the program exits by itself: the server's
    refusal ends s_client, so the hold is spent only when nothing refuses. Its stdout
    then its stderr, as ``_run`` gives them."""
    with out.with_suffix(".stdout").open("w+b") as o, out.with_suffix(".stderr").open("w+b") as e:
        proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=o, stderr=e)
        assert proc.stdin is not None
        try:
            proc.wait(timeout=hold)
        except subprocess.TimeoutExpired:
            proc.stdin.close()  # the end of input, as when sleep exits
            proc.wait(timeout=60)
        finally:
            proc.stdin.close()
            if proc.poll() is None:
                proc.kill()
                proc.wait()
        o.seek(0)
        e.seek(0)
        return (o.read() + e.read()).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    tmp = tmp_path_factory.mktemp("stage")
    ca = CA(name="round13 stage root")
    chain, key = ca.issue(["localhost", "127.0.0.1"]).write(tmp, stem="server")
    other = CA(name="round13 stage other root")  # a CA the server does not trust
    cert, ckey = other.issue(["stage client"]).write(tmp, stem="client")
    p12 = tmp / "client.p12"
    subprocess.run(["openssl", "pkcs12", "-export", "-in", str(cert), "-inkey", str(ckey),
                    "-out", str(p12), "-passout", "pass:changeit"], check=True,
                   capture_output=True, timeout=30)
    return {"chain": chain, "key": key, "ca": ca.write(tmp / "ca.pem"), "cert": cert,
            "ckey": ckey, "p12": p12, "tmp": tmp}


@pytest.fixture(scope="module")
def servers(pki):
    ask12 = openssl_server(pki["chain"], pki["key"], protocols=("tls1_2",), verify_ca=pki["ca"],
                           extra_args=["-no_ca_names", "-www"])
    # TLS 1.2 without CA names, so Java and Go send the untrusted certificate at all (their
    # key managers pick only one the request's CA list names); TLS 1.3 with them (GnuTLS
    # 3.7 refuses a TLS 1.3 CertificateRequest without them: "Error decoding the received
    # TLS packet")
    ask13 = openssl_server(pki["chain"], pki["key"], protocols=("tls1_3",), verify_ca=pki["ca"],
                           extra_args=["-www"])
    nosuite = openssl_server(pki["chain"], pki["key"], protocols=("tls1_2",),
                             cipher="ADH-AES128-GCM-SHA256:@SECLEVEL=0", extra_args=["-www"])
    try:
        yield {"ask12": ask12.port, "ask13": ask13.port, "nosuite": nosuite.port}
    finally:
        for s in (ask12, ask13, nosuite):
            s.stop()


def _client_cells(run, servers) -> dict[str, tuple[str, float]]:
    """(server, with certificate?) -> top finding of what the client printed."""
    return {f"{name}/{'cert' if cert else 'none'}": _top(run(port, cert))
            for name, port in servers.items() for cert in (False, True)
            if not (name == "nosuite" and cert)}


def _assert_twins(got: dict[str, tuple[str, float]]) -> None:
    for key in ("ask12/none", "ask12/cert", "ask13/none", "ask13/cert"):
        cause, conf = got[key]
        assert cause == "client_cert_required" and conf >= 0.6, (key, got)
    assert got["nosuite/none"][0] != "client_cert_required", got


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl not installed")
def test_curl_v(servers, pki):
    def run(port: int, cert: bool) -> str:
        extra = ["--cert", str(pki["cert"]), "--key", str(pki["ckey"])] if cert else []
        return _run(["curl", "-v", "-k", "--max-time", "10", *extra, f"https://127.0.0.1:{port}/"])
    _assert_twins(_client_cells(run, servers))


def test_s_client_state_msg(servers, pki):
    def run(port: int, cert: bool) -> str:
        extra = ["-cert", str(pki["cert"]), "-key", str(pki["ckey"])] if cert else []
        # stdin held open up to 2 s: TLS 1.3's refusal comes after the handshake
        return _run_open(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-state",
                          "-msg", *extra], pki["tmp"] / f"s_client-{port}-{cert}.out")
    _assert_twins(_client_cells(run, servers))


@pytest.mark.skipif(shutil.which("gnutls-cli") is None, reason="gnutls-cli not installed")
def test_gnutls_cli_debug(servers, pki):
    def run(port: int, cert: bool) -> str:
        extra = ["--x509certfile", str(pki["cert"]), "--x509keyfile", str(pki["ckey"])] if cert \
            else []
        return _run(["gnutls-cli", "--debug", "4", "--insecure", *extra, "-p", str(port),
                     "127.0.0.1"])
    _assert_twins(_client_cells(run, servers))


@pytest.mark.skipif(shutil.which("java") is None or shutil.which("javac") is None,
                    reason="java not installed")
def test_java_debug(servers, pki):
    src = pki["tmp"] / "StageCli.java"
    src.write_text(_JAVA)
    subprocess.run(["javac", "-d", str(pki["tmp"]), str(src)], check=True, timeout=120,
                   capture_output=True)

    def run(port: int, cert: bool) -> str:
        extra = [str(pki["p12"])] if cert else []
        return _run(["java", "-cp", str(pki["tmp"]), "-Djavax.net.debug=ssl:handshake",
                     "StageCli", str(port), *extra])
    _assert_twins(_client_cells(run, servers))


def test_python_prints_no_step(servers):
    """Python's ssl error names the alert, never the step: the TLS 1.2 no-certificate case
    and its ClientHello twin read alike (honestly below 0.6), and TLS 1.3's
    certificate_required names its reason itself."""
    code = ("import ssl,socket,sys\nc=ssl.create_default_context();c.check_hostname=False;"
            "c.verify_mode=ssl.CERT_NONE\ns=c.wrap_socket(socket.create_connection(("
            "'127.0.0.1',int(sys.argv[1])),timeout=5))\ns.sendall(b'GET / HTTP/1.0\\r\\n\\r\\n')"
            "\ns.recv(10)")
    out = {name: _top(_run([sys.executable, "-c", code, str(port)]))
           for name, port in servers.items()}
    assert out["ask12"] == out["nosuite"] and out["ask12"][1] < 0.6, out
    assert out["ask13"][0] == "client_cert_required", out
