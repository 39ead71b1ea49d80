"""Round 14, the bare refusal alert, on real programs on 127.0.0.1: each server refuses the
handshake the way the class says, each client prints what it prints, explain reads it.

Servers: openssl s_server asking for a client certificate (TLS 1.2, -Verify 1), nginx whose
default server has ``ssl_reject_handshake on`` beside a named one, a Go 1.19 server whose
GetCertificate returns an error for names it does not know (crypto/tls sends internal_error),
s_server with one suite, s_server TLS 1.3 only. Clients: curl, openssl s_client, Python,
Node, gnutls-cli, Java 17 (javax.net.debug off and on). A cell asserts the class's answer:
the bare alert stays below 0.6 with its prior first; a context the text carries (the posted
command's --cert, an IP literal URL, a --ciphers list) moves the right candidate first."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from ranked import top_found as _top

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import (
    Site,
    free_port,
    have_nginx,
    nginx_server,
    openssl_server,
    wait_ready,
)

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")

SNI, CCR, CSM = "sni_required_or_mismatch", "client_cert_required", "cipher_suite_mismatch"
PVM = "protocol_version_mismatch"

_GO = """package main
import ("crypto/tls"; "errors"; "net/http"; "os")
func main() {
  cert, err := tls.LoadX509KeyPair(os.Args[2], os.Args[3]); if err != nil { panic(err) }
  srv := &http.Server{Addr: "127.0.0.1:" + os.Args[1], TLSConfig: &tls.Config{
    GetCertificate: func(h *tls.ClientHelloInfo) (*tls.Certificate, error) {
      if h.ServerName == "app.test" { return &cert, nil }
      return nil, errors.New("no certificate for " + h.ServerName) }}}
  srv.ListenAndServeTLS("", "")
}
"""

_JAVA = """
import javax.net.ssl.*; import java.security.cert.X509Certificate;
public class RefusalCli { public static void main(String[] a) throws Exception {
  TrustManager[] tm = { new X509TrustManager() {
    public void checkClientTrusted(X509Certificate[] c, String s) {}
    public void checkServerTrusted(X509Certificate[] c, String s) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; } } };
  SSLContext ctx = SSLContext.getInstance("TLS"); ctx.init(null, tm, null);
  try (SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1",
       Integer.parseInt(a[0]))) {
    SSLParameters p = s.getSSLParameters();
    p.setServerNames(java.util.List.of(new SNIHostName(a[1]))); s.setSSLParameters(p);
    s.setSoTimeout(5000); s.startHandshake();
  } } }
"""

_PY = ("import socket, ssl, sys\nctx = ssl.create_default_context()\nctx.check_hostname = False\n"
       "ctx.verify_mode = ssl.CERT_NONE\ns = socket.create_connection(('127.0.0.1', "
       "int(sys.argv[1])), timeout=5)\nctx.wrap_socket(s, server_hostname=sys.argv[2])\n")
_NODE = ("const tls = require('tls'); const s = tls.connect({host: '127.0.0.1', port: "
         "+process.argv[1], servername: process.argv[2], rejectUnauthorized: false}, () => "
         "s.end()); s.on('error', e => { console.log(e.message); process.exit(1); });")


def _run(argv: list[str], env: dict[str, str] | None = None) -> str:
    done = subprocess.run(argv, capture_output=True, timeout=90, check=False, env=env,
                          stdin=subprocess.DEVNULL)
    return (done.stdout + done.stderr).decode("utf-8", "replace")


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    tmp = tmp_path_factory.mktemp("refusal")
    ca = CA(name="round14 refusal root")
    chain, key = ca.issue(["app.test", "localhost"]).write(tmp, stem="server")
    other = CA(name="round14 other root")
    cert, ckey = other.issue(["refusal client"]).write(tmp, stem="client")
    ca_file = ca.write(tmp / "ca.pem")
    servers = {
        "ask": openssl_server(chain, key, protocols=("tls1_2",), verify_ca=ca_file,
                              extra_args=["-www"]),
        "suite": openssl_server(chain, key, protocols=("tls1_2",),
                                cipher="AES256-SHA:@SECLEVEL=0", extra_args=["-www"]),
        "tls13": openssl_server(chain, key, protocols=("tls1_3",), extra_args=["-www"]),
    }
    try:
        yield {"tmp": tmp, "ca": ca_file, "chain": chain, "key": key, "cert": cert, "ckey": ckey,
               **{k: s.port for k, s in servers.items()}}
    finally:
        for s in servers.values():
            s.stop()


def _clients(lab: dict[str, object]) -> dict[str, object]:
    """client -> function (port, server name) -> what it printed."""
    tmp = lab["tmp"]
    assert isinstance(tmp, Path)
    # s_client is given the CA: its own non-fatal verify lines would outrank the refusal
    out: dict[str, object] = {
        "s_client": lambda port, name: _run(["openssl", "s_client", "-connect",
                                             f"127.0.0.1:{port}", "-servername", name,
                                             "-CAfile", str(lab["ca"])]),
    }
    if shutil.which("curl"):
        out["curl"] = lambda port, name: _run(["curl", "-sS", "-k", "--max-time", "10",
                                               "--resolve", f"{name}:{port}:127.0.0.1",
                                               f"https://{name}:{port}/"])
    out["python"] = lambda port, name: _run(["python3", "-c", _PY, str(port), name])
    if shutil.which("node"):
        out["node"] = lambda port, name: _run(["node", "-e", _NODE, str(port), name])
    if shutil.which("gnutls-cli"):
        out["gnutls"] = lambda port, name: _run(["gnutls-cli", "--insecure", "-p", str(port),
                                                 "--sni-hostname", name, "127.0.0.1"])
    if shutil.which("java"):
        (tmp / "RefusalCli.java").write_text(_JAVA)
        out["java"] = lambda port, name: _run(["java", str(tmp / "RefusalCli.java"), str(port),
                                               name])
    return out


def test_client_certificate_server(lab):
    """TLS 1.2 s_server -Verify 1 refuses a client that sent none with handshake_failure:
    bare, the prior (suites) below 0.6, the client certificate among the candidates; the
    posted command with --cert/-cert (a certificate from another CA) puts it first."""
    port = lab["ask"]
    for client, run in _clients(lab).items():
        text = run(port, "app.test")
        cause, conf = _top(text)
        names = [f.cause.value for f in explain(text).findings]
        if client == "gnutls":  # "- Successfully sent 0 certificate(s)": the stage is printed
            assert cause == CCR and conf >= 0.6, text[-300:]
        elif client == "s_client":  # its own output names the client certificate asked for
            assert "client certificate" in text.lower() and cause == CCR and conf < 0.6
        elif client == "java":  # JDK 17's frames: a current JDK, the client certificate first
            assert cause == CCR and conf < 0.6, text[-300:]  # (round 15, jsse_context.py)
        else:  # the bare alert: the prior, below 0.6, the client certificate a candidate
            assert cause == CSM and conf < 0.6 and CCR in names, (client, cause, text[-300:])
    posted = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername",
                   "app.test", "-CAfile", str(lab["ca"]), "-cert", str(lab["cert"]), "-key", str(lab["ckey"])])
    cmd = f"$ openssl s_client -connect app.test:{port} -cert client.pem -key client.key\n"
    assert _top(cmd + posted)[0] == CCR
    if shutil.which("curl"):
        out = _run(["curl", "-sS", "-k", "--resolve", f"app.test:{port}:127.0.0.1", "--cert",
                    str(lab["cert"]), "--key", str(lab["ckey"]), f"https://app.test:{port}/"])
        got = _top(f"$ curl --cert client.pem --key client.key https://app.test:{port}/\n{out}")
        assert got[0] == CCR, (got, out)  # unknown_ca: the alert names its reason


def test_one_suite_server(lab):
    """s_server with AES256-SHA only against a client's own ECDHE list: handshake_failure;
    with the command posted (--ciphers), suites first and the client's own list named."""
    port = lab["suite"]
    if shutil.which("curl") is None:
        pytest.skip("curl not installed")
    out = _run(["curl", "-sS", "-k", "--tls-max", "1.2", "--ciphers", "ECDHE-RSA-AES128-GCM-SHA256",
                "--resolve", f"app.test:{port}:127.0.0.1", f"https://app.test:{port}/"])
    assert "handshake failure" in out, out
    r = explain(f"$ curl --ciphers ECDHE-RSA-AES128-GCM-SHA256 https://app.test:{port}/\n{out}")
    top = r.findings[0]
    assert top.cause.value == CSM and top.who_fixes.value == "client", out
    # bare: the prior (round 19: its confidence the dev threads' rate, below certainty)
    cause, conf = _top(out)
    assert cause == CSM and conf < 0.6


def test_tls13_only_server_is_the_version_class(lab):
    """A TLS 1.3-only server answers a TLS 1.2 client with protocol_version, which names its
    reason: the version reading, not this class."""
    port = lab["tls13"]
    out = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-tls1_2"])
    assert "protocol version" in out, out
    r = explain(out)
    assert r.findings[0].cause.value == PVM
    assert not any(m.source == "refusal" for m in r.matches)


@pytest.mark.skipif(not have_nginx(), reason="nginx not installed")
def test_nginx_reject_handshake_default(lab):
    """nginx: default server ssl_reject_handshake on, named server app.test. A client that
    names app.test passes; one that connects by IP (no SNI) or names another host is
    refused, and explain reads the name first."""
    sites = [Site(server_name="_", reject_handshake=True, default=True),
             Site(server_name="app.test", chain_path=lab["chain"], key_path=lab["key"])]
    with nginx_server(sites) as srv:
        ok = _run(["openssl", "s_client", "-connect", f"127.0.0.1:{srv.port}", "-servername",
                   "app.test"])
        assert "Verify return code" in ok  # the twin: the name passes
        for client, run in _clients(lab).items():
            text = run(srv.port, "other.test")
            assert _top(text)[0] == SNI, (client, text[-300:])
        if shutil.which("curl"):
            out = _run(["curl", "-sS", "-k", f"https://127.0.0.1:{srv.port}/"])
            assert _top(f"$ curl -k https://127.0.0.1:{srv.port}/\n{out}")[0] == SNI, out


@pytest.mark.skipif(shutil.which("go") is None, reason="go not installed")
def test_go_server_without_a_certificate_for_the_name(lab):
    """Go 1.19's crypto/tls sends internal_error when GetCertificate fails (Caddy, autocert):
    every client's received internal_error reads the name first, below 0.6."""
    tmp = lab["tmp"]
    (tmp / "srv.go").write_text(_GO)
    env = dict(os.environ, GOCACHE=str(tmp / "gocache"), GOPATH=str(tmp / "gopath"),
               GO111MODULE="off", GOFLAGS="", GOPROXY="off")
    built = subprocess.run(["go", "build", "-o", str(tmp / "srv"), str(tmp / "srv.go")],
                           capture_output=True, timeout=240, env=env, check=False)
    assert built.returncode == 0, built.stderr
    port = free_port()
    proc = subprocess.Popen([str(tmp / "srv"), str(port), str(lab["chain"]), str(lab["key"])],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_ready("127.0.0.1", port)
        seen = 0
        for client, run in _clients(lab).items():
            text = run(port, "other.test")
            if "internal" not in text.lower():
                continue  # GnuTLS prints the alert by name only with --debug
            seen += 1
            cause, conf = _top(text)
            assert cause == SNI and conf < 0.6, (client, text[-300:])
        assert seen >= 3
    finally:
        proc.kill()
        proc.wait(timeout=10)


@pytest.mark.skipif(shutil.which("java") is None, reason="java not installed")
def test_java_debug_on_and_off(lab):
    """Java 17 against the client-certificate server: without javax.net.debug the bare alert
    (JDK 9+ frames: the client certificate first, below 0.6 - round 15); with it the trace
    shows the CertificateRequest (the stage reader)."""
    tmp = lab["tmp"]
    (tmp / "RefusalCli.java").write_text(_JAVA)
    argv = ["java", str(tmp / "RefusalCli.java"), str(lab["ask"]), "app.test"]
    bare = _run(argv)
    assert "handshake_failure" in bare, bare
    assert _top(bare) == (CCR, 0.4)
    # posted with the keystore it was started with (a JSSE key manager whose certificate no
    # CA in the request names sends an empty Certificate: the same printed alert)
    posted = f"$ java -Djavax.net.ssl.keyStore=client.p12 -jar app.jar\n{bare}"
    cause, conf = _top(posted)
    assert cause == CCR and conf < 0.6
    traced = _run(["java", "-Djavax.net.debug=ssl:handshake", *argv[1:]])
    cause, conf = _top(traced)
    assert cause == CCR and conf >= 0.6
