"""Round 14, real programs: "the bytes were not TLS, or the connection died".

On 127.0.0.1: a TLS server (openssl s_server -www), a plain HTTP CONNECT proxy (a small
Python proxy in a thread, in the two ways real proxies treat a ClientHello: close at once,
or answer an HTTP 400) and a plain HTTP server. The classic mistake, the proxy written
``https://`` (curl -v, Python requests, Go), and a TLS client against the plain port (curl,
gnutls-cli); each real error is fed to explain. The proxy fix explain gives (the URL with
``http://``) is applied and the same request then gets the page.
"""

from __future__ import annotations

import http.server
import os
import select
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause, Party
from tlsdoctor.testing.servers import openssl_server

pytestmark = pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl")
CM, NTS = Cause.CLIENT_MISCONFIGURATION, Cause.NON_TLS_SERVICE_ON_PORT
_LIMIT = 20.0  # seconds any client may run
GO = """package main
import ("crypto/tls"; "crypto/x509"; "fmt"; "net/http"; "net/url"; "os")
func main() {
  pem, _ := os.ReadFile(os.Args[2])
  pool := x509.NewCertPool(); pool.AppendCertsFromPEM(pem)
  // ProxyFromEnvironment skips loopback hosts: the proxy of the environment, for every host
  p, _ := url.Parse(os.Getenv("HTTPS_PROXY"))
  c := &http.Client{Transport: &http.Transport{Proxy: http.ProxyURL(p),
    TLSClientConfig: &tls.Config{RootCAs: pool}}}
  r, err := c.Get(os.Args[1])
  if err != nil { fmt.Println(err); os.Exit(1) }
  fmt.Println(r.Status)
}
"""


def _tunnel(c: socket.socket, u: socket.socket) -> None:
    for _ in range(2000):  # bounded: each turn waits at most 5 s
        ready, _, _ = select.select([c, u], [], [], 5)
        if not ready:
            return
        for s in ready:
            data = s.recv(65536)
            if not data:
                return
            (u if s is c else c).sendall(data)


def _serve_proxy(c: socket.socket, answer: bool) -> None:
    """One client of a plain HTTP proxy: CONNECT to 127.0.0.1 only; anything that is not an
    HTTP request line (a TLS ClientHello) is answered 400 (``answer``) or closed."""
    try:
        c.settimeout(5)
        first = c.recv(1)
        if not first.isalpha():
            c.recv(65536)  # the rest of the ClientHello: read, so the close is a FIN, not an RST
            if answer:
                c.sendall(b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n"
                          b"Connection: close\r\n\r\n")
            return
        data = first
        while b"\r\n\r\n" not in data and len(data) < 16384:
            more = c.recv(4096)
            if not more:
                return
            data += more
        verb, target = data.split(b" ", 2)[:2]
        host, port = target.rsplit(b":", 1)
        if verb != b"CONNECT" or host not in (b"localhost", b"127.0.0.1"):
            c.sendall(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")
            return
        with socket.create_connection(("127.0.0.1", int(port)), timeout=5) as u:
            c.sendall(b"HTTP/1.1 200 Connection established\r\n\r\n")
            _tunnel(c, u)
    except (OSError, ValueError):
        pass
    finally:
        c.close()


class _Proxy:
    def __init__(self, *, answer: bool) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = int(self.sock.getsockname()[1])
        self.answer = answer
        threading.Thread(target=self._loop, daemon=True).start()

    def _loop(self) -> None:
        for _ in range(500):  # bounded
            try:
                c, _ = self.sock.accept()
            except OSError:
                return
            threading.Thread(target=_serve_proxy, args=(c, self.answer), daemon=True).start()

    def close(self) -> None:
        self.sock.close()


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    d = tmp_path_factory.mktemp("notls")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout",
                    "k.pem", "-out", "c.pem", "-days", "3", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1"], cwd=d,
                   capture_output=True, timeout=60, check=True)
    # testing.servers picks the port and retries when another server took it meanwhile
    # (a loaded CI run once had the plain server bind the port chosen for s_server first)
    server = openssl_server(d / "c.pem", d / "k.pem", www=True)
    plain = http.server.ThreadingHTTPServer(("127.0.0.1", 0), http.server.SimpleHTTPRequestHandler)
    threading.Thread(target=plain.serve_forever, daemon=True).start()
    closing, answering = _Proxy(answer=False), _Proxy(answer=True)
    try:
        yield {"dir": d, "tls": server.port, "plain": plain.server_address[1],
               "closing": closing.port, "answering": answering.port}
    finally:
        server.stop()
        plain.shutdown()
        plain.server_close()
        closing.close()
        answering.close()


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str]:
    full = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
    p = subprocess.run(args, cwd=cwd, env={**full, **(env or {})}, capture_output=True,
                       text=True, timeout=_LIMIT + 100, stdin=subprocess.DEVNULL, check=False)
    return p.returncode, p.stdout + p.stderr


def _top(text: str) -> tuple[Cause, float, Party | None, str]:
    r = explain(text)
    assert r.findings, text
    f = r.findings[0]
    steps = "\n".join(s.code for s in f.fix)
    return f.cause, float(f.confidence or 0), f.who_fixes, steps


def _proxy_env(port: int, scheme: str) -> dict[str, str]:
    url = f"{scheme}://127.0.0.1:{port}"
    return {"https_proxy": url, "HTTPS_PROXY": url, "no_proxy": "", "NO_PROXY": ""}


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl")
@pytest.mark.parametrize("proxy", ["closing", "answering"])
def test_curl_https_proxy_url_for_a_plain_proxy(lab: dict, proxy: str) -> None:
    d, port = lab["dir"], lab[proxy]
    url = f"https://localhost:{lab['tls']}/"
    rc, out = _run(["curl", "-sSv", "--max-time", str(_LIMIT), "--cacert", "c.pem", url], d,
                   _proxy_env(port, "https"))
    assert rc == 35, out
    cause, conf, party, steps = _top(out)
    assert (cause, party) == (CM, Party.CLIENT) and conf >= 0.6, out
    assert f"https_proxy=http://127.0.0.1:{port}" in steps
    # the fix as explain gives it: the same request, the proxy written with http://
    rc, page = _run(["curl", "-sS", "--max-time", str(_LIMIT), "--cacert", "c.pem", url], d,
                    _proxy_env(port, "http"))
    assert rc == 0 and "s_server" in page, page


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl")
def test_curl_error_line_alone_is_not_confident(lab: dict) -> None:
    """Without -v only curl's last line is posted: a loopback peer, no proxy named. A local
    proxy and a local server that hangs up print the same line: a guess below 0.6."""
    _, out = _run(["curl", "-sS", "--max-time", str(_LIMIT), "--cacert", "c.pem",
                   f"https://localhost:{lab['tls']}/"], lab["dir"],
                  _proxy_env(lab["closing"], "https"))
    line = next(ln for ln in out.splitlines() if ln.startswith("curl: (35)"))
    r = explain(line)
    assert r.findings and r.findings[0].confidence < 0.6, line


def test_python_requests_https_proxy_url(lab: dict) -> None:
    pytest.importorskip("requests")
    code = ("import sys, requests\n"
            "try:\n"
            f"    r = requests.get('https://localhost:{lab['tls']}/', timeout={_LIMIT},"
            " verify='c.pem')\n"
            "    print(r.status_code)\n"
            "except Exception as e:\n"
            "    print(repr(e)); sys.exit(1)\n")
    for proxy in ("answering", "closing"):
        rc, out = _run(["python3", "-c", code], lab["dir"], _proxy_env(lab[proxy], "https"))
        assert rc == 1, out
        cause, conf, party, _ = _top(out)
        assert (cause, party) == (CM, Party.CLIENT) and conf >= 0.6, out
    rc, out = _run(["python3", "-c", code], lab["dir"], _proxy_env(lab["answering"], "http"))
    assert rc == 0 and "200" in out, out


@pytest.mark.skipif(shutil.which("go") is None, reason="no go")
def test_go_https_proxy_url(lab: dict, tmp_path: Path) -> None:
    (tmp_path / "main.go").write_text(GO)
    env = {"GOCACHE": str(tmp_path / "cache"), "GOPATH": str(tmp_path / "gopath"),
           "GOFLAGS": "-mod=mod", "GO111MODULE": "off"}
    rc, out = _run(["go", "build", "-o", "get", "main.go"], tmp_path, env)
    assert rc == 0, out
    url, ca = f"https://localhost:{lab['tls']}/", str(Path(lab["dir"]) / "c.pem")
    rc, out = _run([str(tmp_path / "get"), url, ca], tmp_path, _proxy_env(lab["closing"], "https"))
    assert rc == 1, out
    cause, conf, party, _ = _top(out)
    assert (cause, party) == (CM, Party.CLIENT) and conf >= 0.6, out
    rc, out = _run([str(tmp_path / "get"), url, ca], tmp_path, _proxy_env(lab["closing"], "http"))
    assert rc == 0 and "200" in out, out


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl")
def test_curl_tls_to_a_plain_port(lab: dict) -> None:
    _, out = _run(["curl", "-sS", "--max-time", str(_LIMIT),
                   f"https://127.0.0.1:{lab['plain']}/"], lab["dir"])
    assert "wrong version number" in out, out
    assert _top(out)[0] is NTS


@pytest.mark.skipif(shutil.which("gnutls-cli") is None, reason="no gnutls-cli")
def test_gnutls_cli_tls_to_a_plain_port(lab: dict) -> None:
    _, out = _run(["gnutls-cli", "--insecure", "-p", str(lab["plain"]), "127.0.0.1"], lab["dir"])
    assert "unexpected TLS packet" in out, out
    assert _top(out)[0] is NTS


@pytest.mark.skipif(shutil.which("curl") is None, reason="no curl")
def test_twin_https_url_on_port_80_form(lab: dict) -> None:
    """curl's real wrong-version error with the URL it was given on a plaintext port number:
    the port says plain text, the client's scheme/port is the fix (the port is named, not
    bound: 80 needs root; the error line is curl's own against the plain server)."""
    _, out = _run(["curl", "-sS", "--max-time", str(_LIMIT),
                   f"https://127.0.0.1:{lab['plain']}/"], lab["dir"])
    text = "$ curl https://intranet.example:80/\n" + out
    cause, conf, party, _ = _top(text)
    assert (cause, party) == (NTS, Party.CLIENT) and conf >= 0.6
