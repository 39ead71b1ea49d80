"""Round 15 with real programs on 127.0.0.1: Java 17 (JSSE) refused with a bare
handshake_failure, read by what the client shows (ingest/jsse_context.py).

Servers: a Python ssl server that refuses a hello without the name it serves with
handshake_failure (the way Cloudflare's edge answers a hello without SNI), s_server taking one
suite Java 17 lacks (CAMELLIA256-SHA), s_server requiring a client certificate. Client: one
Java program, compiled once, driving HttpsURLConnection (the URL's host decides the name) or an
SSLEngine created without a host; run with and without -Djavax.net.debug=ssl:handshake and
-Djsse.enableSNIExtension=false. The host names resolve through -Djdk.net.hosts.file.
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from ranked import top_found as _top

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not installed")
_HAVE_JAVA = shutil.which("java") is not None and shutil.which("javac") is not None
needs_java = pytest.mark.skipif(not _HAVE_JAVA, reason="java not installed")

SNI, CCR, CSM = "sni_required_or_mismatch", "client_cert_required", "cipher_suite_mismatch"
_DEBUG = "-Djavax.net.debug=ssl:handshake"
_SNI_OFF = "-Djsse.enableSNIExtension=false"

_JAVA = """
import javax.net.ssl.*; import java.nio.ByteBuffer; import java.nio.channels.SocketChannel;
import java.net.InetSocketAddress; import java.security.cert.X509Certificate;
public class R15Cli { public static void main(String[] a) throws Exception {
  TrustManager[] tm = { new X509TrustManager() {
    public void checkClientTrusted(X509Certificate[] c, String s) {}
    public void checkServerTrusted(X509Certificate[] c, String s) {}
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; } } };
  SSLContext c = SSLContext.getInstance("TLS"); c.init(null, tm, null);
  int port = Integer.parseInt(a[2]);
  if (a[0].equals("url")) {
    HttpsURLConnection.setDefaultSSLSocketFactory(c.getSocketFactory());
    HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true);
    HttpsURLConnection u = (HttpsURLConnection) new java.net.URL(
        "https://" + a[1] + ":" + port + "/").openConnection();
    u.setConnectTimeout(5000); u.setReadTimeout(5000); u.getResponseCode(); return; }
  SSLEngine e = c.createSSLEngine();  // no peer host: the engine sends no server name
  e.setUseClientMode(true);
  try (SocketChannel ch = SocketChannel.open(new InetSocketAddress("127.0.0.1", port))) {
    ch.socket().setSoTimeout(5000);
    ByteBuffer app = ByteBuffer.allocate(1 << 16), net = ByteBuffer.allocate(1 << 17),
               in = ByteBuffer.allocate(1 << 17), out = ByteBuffer.allocate(1 << 16);
    e.beginHandshake();
    for (int i = 0; i < 50; i++) {
      SSLEngineResult.HandshakeStatus hs = e.getHandshakeStatus();
      if (hs == SSLEngineResult.HandshakeStatus.NEED_WRAP) {
        net.clear(); e.wrap(app, net); net.flip(); while (net.hasRemaining()) ch.write(net);
      } else if (hs == SSLEngineResult.HandshakeStatus.NEED_UNWRAP) {
        if (ch.read(in) < 0) throw new java.io.EOFException("closed");
        in.flip(); e.unwrap(in, out); in.compact();
      } else if (hs == SSLEngineResult.HandshakeStatus.NEED_TASK) {
        e.getDelegatedTask().run();
      } else return;
    } } } }
"""


class _NamedOnly:
    """A Python ssl server serving app.test only: a hello without that name is refused with
    handshake_failure from the SNI callback. Bounded: at most 40 connections, 5 s each."""

    def __init__(self, chain: Path, key: Path) -> None:
        self.ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        self.ctx.load_cert_chain(chain, key)
        self.ctx.sni_callback = lambda _s, name, _c: (
            None if name == "app.test" else ssl.ALERT_DESCRIPTION_HANDSHAKE_FAILURE)
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(1.0)
        self.port = self.sock.getsockname()[1]
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        served = 0
        while not self.stop.is_set() and served < 40:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            served += 1
            conn.settimeout(5.0)
            try:
                self.ctx.wrap_socket(conn, server_side=True).close()
            except (OSError, ssl.SSLError):
                conn.close()

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    tmp = tmp_path_factory.mktemp("refusal15")
    ca = CA(name="round15 refusal root")
    chain, key = ca.issue(["app.test", "app", "localhost"]).write(tmp, stem="server")
    ca_file = ca.write(tmp / "ca.pem")
    (tmp / "hosts").write_text("127.0.0.1 app.test\n127.0.0.1 app\n")
    if _HAVE_JAVA:
        (tmp / "R15Cli.java").write_text(_JAVA)
        built = subprocess.run(["javac", "-d", str(tmp), str(tmp / "R15Cli.java")],
                               capture_output=True, timeout=120, check=False)
        assert built.returncode == 0, built.stderr
    named = _NamedOnly(Path(chain), Path(key))
    servers = {
        "suite": openssl_server(chain, key, protocols=("tls1_2",),
                                cipher="CAMELLIA256-SHA:@SECLEVEL=0", extra_args=["-www"]),
        "ask": openssl_server(chain, key, protocols=("tls1_2",), verify_ca=ca_file,
                              extra_args=["-www"]),
    }
    try:
        yield {"tmp": tmp, "named": named.port, **{k: s.port for k, s in servers.items()}}
    finally:
        named.close()
        for s in servers.values():
            s.stop()


def _java(lab: dict[str, object], mode: str, host: str, port: object, *opts: str) -> str:
    tmp = lab["tmp"]
    argv = ["java", f"-Djdk.net.hosts.file={Path(str(tmp)) / 'hosts'}", *opts, "-cp", str(tmp),
            "R15Cli", mode, host, str(port)]
    done = subprocess.run(argv, capture_output=True, timeout=90, check=False,
                          stdin=subprocess.DEVNULL)
    return (done.stdout + done.stderr).decode("utf-8", "replace")


@needs_java
def test_the_twin_with_the_name_passes(lab):
    """app.test (a dotted name) is sent by HttpsURLConnection: the handshake passes (the
    Python server then closes without an HTTP answer, which is no TLS failure)."""
    out = _java(lab, "url", "app.test", lab["named"])
    assert "handshake_failure" not in out and "SSLHandshakeException" not in out, out


@needs_java
def test_an_engine_without_the_host_sends_no_name(lab):
    bare = _java(lab, "engine", "app.test", lab["named"])
    assert "Received fatal alert: handshake_failure" in bare and "SSLEngineImpl" in bare, bare
    cause, conf = _top(bare)
    assert cause == SNI and conf < 0.6, bare[-400:]
    traced = _java(lab, "engine", "app.test", lab["named"], _DEBUG)
    assert "Unable to indicate server name" in traced
    cause, conf = _top(traced)
    assert cause == SNI and conf < 0.6


@needs_java
@pytest.mark.parametrize(("host", "opts", "posted"), [
    ("app", (), "GET https://app:{port}/"),                   # a name without a dot
    ("127.0.0.1", (), "GET https://127.0.0.1:{port}/"),       # an IP literal
    ("app.test", (_SNI_OFF,), f"$ java {_SNI_OFF} -jar client.jar"),  # the extension off
])
def test_jsse_sends_no_name(lab, host, opts, posted):
    """The same refusal: the bare output reads as a current JDK's (the client certificate
    first, below 0.6); posted with the URL or the setting, or traced, the name first."""
    port = lab["named"]
    bare = _java(lab, "url", host, port, *opts)
    assert "Received fatal alert: handshake_failure" in bare, bare
    cause, conf = _top(bare)
    assert cause == CCR and conf < 0.6
    cause, conf = _top(posted.format(port=port) + "\n" + bare)
    assert cause == SNI and conf < 0.6, bare[-400:]
    traced = _java(lab, "url", host, port, *opts, _DEBUG)
    assert '"server_name (0)"' not in traced.split("Produced ClientHello", 1)[1][:4000]
    cause, conf = _top(traced)
    assert cause == SNI and conf < 0.6


@needs_java
def test_a_suite_java_lacks(lab):
    """s_server with CAMELLIA256-SHA only: bare, a current JDK's prior (client certificate,
    suites listed); traced, the hello with the name and TLS 1.3/1.2 refused before any
    reply: suites first."""
    bare = _java(lab, "url", "app.test", lab["suite"])
    assert "Received fatal alert: handshake_failure" in bare, bare
    names = [f.cause.value for f in explain(bare).findings]
    assert names[0] == CCR and CSM in names
    traced = _java(lab, "url", "app.test", lab["suite"], _DEBUG)
    assert '"server_name (0)"' in traced
    cause, conf = _top(traced)
    assert cause == CSM and conf < 0.6


@needs_java
def test_a_client_certificate_server(lab):
    """s_server -Verify 1 (TLS 1.2) refuses the empty Certificate: bare, the client
    certificate first below 0.6; traced, the stage (>= 0.6) as in round 14."""
    bare = _java(lab, "url", "app.test", lab["ask"])
    cause, conf = _top(bare)
    assert cause == CCR and conf < 0.6, bare[-400:]
    cause, conf = _top(_java(lab, "url", "app.test", lab["ask"], _DEBUG))
    assert cause == CCR and conf >= 0.6


_WOLF = r"""
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>
int main(int argc, char **argv) {  /* port [server name]: the name only if given */
  char buf[WOLFSSL_MAX_ERROR_SZ]; struct sockaddr_in sa; int fd, err;
  WOLFSSL_CTX *ctx; WOLFSSL *ssl;
  memset(&sa, 0, sizeof sa); sa.sin_family = AF_INET; sa.sin_port = htons(atoi(argv[1]));
  inet_pton(AF_INET, "127.0.0.1", &sa.sin_addr);
  fd = socket(AF_INET, SOCK_STREAM, 0);
  if (connect(fd, (struct sockaddr *)&sa, sizeof sa) != 0) { perror("connect"); return 2; }
  wolfSSL_Init();
  ctx = wolfSSL_CTX_new(wolfSSLv23_client_method());
  wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
  ssl = wolfSSL_new(ctx);
  if (argc > 2) wolfSSL_UseSNI(ssl, WOLFSSL_SNI_HOST_NAME, argv[2], (unsigned short)strlen(argv[2]));
  wolfSSL_set_fd(ssl, fd);
  if (wolfSSL_connect(ssl) != WOLFSSL_SUCCESS) {
    err = wolfSSL_get_error(ssl, 0);
    printf("wolfSSL_connect error %d, %s\n", err, wolfSSL_ERR_error_string(err, buf));
    return 1; }
  printf("connected\n"); wolfSSL_shutdown(ssl); close(fd); return 0; }
"""


@pytest.mark.skipif(shutil.which("gcc") is None or not Path("/usr/include/wolfssl/ssl.h").exists(),
                    reason="gcc or libwolfssl-dev not installed")
def test_wolfssl_client_without_the_name(lab):
    """A wolfSSL client that does not call wolfSSL_UseSNI (as builds without HAVE_SNI cannot):
    the server needing the name refuses, wolfSSL prints -313 (5.x: "received alert fatal
    error"): the name first, below 0.6; the twin that sets the name connects. Against the
    one-suite server it names the name first too (the prior), below 0.6, suites listed."""
    tmp = Path(str(lab["tmp"]))
    (tmp / "wc.c").write_text(_WOLF)
    built = subprocess.run(["gcc", "-o", str(tmp / "wc"), str(tmp / "wc.c"), "-lwolfssl"],
                           capture_output=True, timeout=120, check=False)
    assert built.returncode == 0, built.stderr

    def run(port: object, *name: str) -> str:
        done = subprocess.run([str(tmp / "wc"), str(port), *name], capture_output=True,
                              timeout=30, check=False, stdin=subprocess.DEVNULL)
        return (done.stdout + done.stderr).decode("utf-8", "replace")

    assert "connected" in run(lab["named"], "app.test")
    out = run(lab["named"])
    assert "-313" in out, out
    cause, conf = _top(out)
    assert cause == SNI and conf < 0.6, out
    suite = run(lab["suite"], "app.test")
    assert "-313" in suite, suite
    found = explain(suite).findings
    names = [f.cause.value for f in found]
    assert found[0].confidence < 0.6 and CSM in names


_PY_CLIENTS = {
    # the module function (no server_hostname at all; deprecated, gone in 3.12)
    "module": "import socket, ssl, sys\nsock = socket.create_connection(('127.0.0.1', "
              "int(sys.argv[1])), timeout=5)\ns = ssl.wrap_socket(sock)\n",
    # a context without the name (check_hostname off, as such code has it)
    "context": "import socket, ssl, sys\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
               "ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nsock = "
               "socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)\n"
               "s = ctx.wrap_socket(sock)\n",
    # the twin: the same context with the name
    "named": "import socket, ssl, sys\nctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)\n"
             "ctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\nsock = "
             "socket.create_connection(('127.0.0.1', int(sys.argv[1])), timeout=5)\n"
             "s = ctx.wrap_socket(sock, server_hostname='app.test')\n",
}


@pytest.mark.parametrize("form", ["module", "context"])
def test_python_wrap_socket_without_the_name(lab, form):
    """Python 3's traceback prints the calling line: ssl.wrap_socket(sock) or a context's
    wrap_socket(sock) sends no name, the server needing one refuses: the name first, below
    0.6; the twin with server_hostname passes."""
    if form == "module" and sys.version_info >= (3, 12):
        pytest.skip("ssl.wrap_socket was removed in Python 3.12")
    tmp = Path(str(lab["tmp"]))
    for name, code in _PY_CLIENTS.items():
        (tmp / f"py_{name}.py").write_text(code)

    def run(name: str) -> tuple[int, str]:
        done = subprocess.run([sys.executable, str(tmp / f"py_{name}.py"), str(lab["named"])],
                              capture_output=True, timeout=60, check=False,
                              stdin=subprocess.DEVNULL)
        return done.returncode, (done.stdout + done.stderr).decode("utf-8", "replace")

    assert run("named")[0] == 0
    code, out = run(form)
    assert code != 0 and "wrap_socket(sock)" in out and "HANDSHAKE_FAILURE" in out, out
    cause, conf = _top(out)
    assert cause == SNI and conf < 0.6, out[-400:]
