"""Round 15, real programs: a connection re-signed by a CA named like an inspection product
(docs/explain-upstream.md "Round 15: which trust failure").

One ``openssl s_server`` on 127.0.0.1 serves a github.com leaf (with 127.0.0.1 as an IP SAN,
so a program that can only ask for the loopback address fails on trust alone) issued by an
intermediate "Zscaler Intermediate Root CA (zscaler.net)" under a root "Zscaler Root CA",
the intermediate sent: what Zscaler Internet Access presents (pki/interception.py). The
clients are run as their users run them, each failing by itself:

- programs that print the issuer they saw (``openssl s_client``'s ``depth=`` lines,
  ``gnutls-cli``'s certificate info) -> re-signed by that product, confidently (Debian's
  wget is built on GnuTLS and names no issuer; its OpenSSL build's "issued by" form is in
  tests/ingest/test_trust_inspection_audit.py);
- Go given an *older* "Zscaler Root CA" (another key: a rotated proxy root) in its store
  prints the candidate authority by name -> the product, confidently;
- programs that print no issuer (curl, Python, Node, Java) against github.com -> re-signed
  first from the host alone, below certainty.

The text fed to explain is ``$ <program> <the URL asked for>`` and the program's own output,
verbatim. Programs that are missing are skipped.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor import explain
from tlsdoctor.causes import Party
from tlsdoctor.diagnosis.causes import Cause as C
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.servers import openssl_server

HOST = "github.com"
ROOT = "Zscaler Root CA"
CONFIDENT = 0.6
_TIMEOUT = 8


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[int, Path]]:
    work = tmp_path_factory.mktemp("inspection")
    root = CA(name=ROOT)
    inter = root.intermediate(name="Zscaler Intermediate Root CA (zscaler.net)")
    leaf = inter.issue([HOST], ip_addresses=["127.0.0.1"])
    (work / "chain.pem").write_bytes(leaf.cert_pem + inter.cert_pem)
    (work / "key.pem").write_bytes(leaf.key_pem)
    CA(name=ROOT).write(work / "stale_root.pem")  # the same name, another key
    with openssl_server(work / "chain.pem", work / "key.pem", www=True) as server:
        yield server.port, work


_PY = """import socket, ssl, sys
ctx = ssl.create_default_context()
sock = socket.create_connection(("127.0.0.1", int(sys.argv[2])), timeout=8)
ctx.wrap_socket(sock, server_hostname=sys.argv[1])
"""
_NODE = """const tls = require('tls');
const [host, port] = process.argv.slice(1);
const s = tls.connect({host: '127.0.0.1', port: Number(port), servername: host},
                      () => { s.end(); });
s.setTimeout(8000, () => s.destroy(new Error('timeout')));
s.on('error', (err) => { console.error(err); process.exit(1); });
"""
_JAVA = """import javax.net.ssl.*; import java.net.*;
public class Fetch { public static void main(String[] a) throws Exception {
  Socket raw = new Socket(); raw.connect(new InetSocketAddress("127.0.0.1",
      Integer.parseInt(a[1])), 8000);
  SSLSocket s = (SSLSocket) ((SSLSocketFactory) SSLSocketFactory.getDefault())
      .createSocket(raw, a[0], 443, true);
  SSLParameters p = s.getSSLParameters(); p.setEndpointIdentificationAlgorithm("HTTPS");
  s.setSSLParameters(p); s.setSoTimeout(8000); s.startHandshake(); } }
"""
_GO = """package main
import ("crypto/tls"; "log"; "net"; "os"; "time")
func main() {
	d := &net.Dialer{Timeout: 8 * time.Second}
	c, err := tls.DialWithDialer(d, "tcp", os.Args[2], &tls.Config{ServerName: os.Args[1]})
	if err != nil { log.Fatal(err) }
	c.Close()
}
"""


def _go(work: Path) -> Path | None:
    exe = work / "go_dial"
    if not exe.exists():
        (work / "go_dial.go").write_text(_GO)
        env = {**os.environ, "GOCACHE": str(work / "gocache"), "GO111MODULE": "off",
               "GOFLAGS": "", "GOPROXY": "off"}
        p = subprocess.run(["go", "build", "-o", str(exe), str(work / "go_dial.go")], env=env,
                           check=False, capture_output=True, timeout=240)
        if p.returncode != 0:
            return None
    return exe


def _argv(client: str, port: int, work: Path) -> list[str] | None:
    if client == "openssl":
        return ["openssl", "s_client", "-connect", f"127.0.0.1:{port}", "-servername", HOST,
                "-verify_return_error"]
    if client == "gnutls-cli":
        return ["gnutls-cli", "--port", str(port), f"--sni-hostname={HOST}",
                f"--verify-hostname={HOST}", "127.0.0.1"]
    if client == "curl":
        return ["curl", "-sS", "-o", "/dev/null", "--max-time", str(_TIMEOUT),
                "--connect-to", f"{HOST}:443:127.0.0.1:{port}", f"https://{HOST}/"]
    if client == "python":
        return [sys.executable, "-c", _PY, HOST, str(port)]
    if client == "node":
        return ["node", "-e", _NODE, HOST, str(port)]
    if client == "java":
        (work / "Fetch.java").write_text(_JAVA)
        return ["java", str(work / "Fetch.java"), HOST, str(port)]
    exe = _go(work)
    return None if exe is None else [str(exe), HOST, f"127.0.0.1:{port}"]


def run(client: str, port: int, work: Path) -> str:
    binary = {"python": sys.executable}.get(client, client)
    if shutil.which(binary) is None:
        pytest.skip(f"{binary} is not installed")
    argv = _argv(client, port, work)
    if argv is None:
        pytest.skip(f"{client} could not be built here")
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")
           and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR", "NODE_EXTRA_CA_CERTS")}
    if client == "go":
        env["SSL_CERT_FILE"] = str(work / "stale_root.pem")  # a rotated proxy root
    p = subprocess.run(argv, env=env, capture_output=True, stdin=subprocess.DEVNULL,
                       timeout=_TIMEOUT + 12, check=False, cwd=work)
    out = (p.stdout + p.stderr).decode("utf-8", "replace")
    assert p.returncode != 0, out  # it failed, by itself
    return f"$ {Path(argv[0]).name} https://{HOST}/\n{out}"


# The programs whose output names the issuer (or the candidate root) they saw.
NAMES_ISSUER = ("openssl", "gnutls-cli", "go")
SILENT = ("curl", "python", "node", "java")


@pytest.mark.parametrize("client", NAMES_ISSUER)
def test_an_inspection_products_issuer_named_is_interception(lab: tuple[int, Path],
                                                            client: str) -> None:
    port, work = lab
    text = run(client, port, work)
    assert "Zscaler" in text, text  # the program itself printed the name
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert first.who_fixes is not Party.SERVER


@pytest.mark.parametrize("client", SILENT)
def test_no_issuer_printed_the_public_host_ranks_it_first(lab: tuple[int, Path],
                                                         client: str) -> None:
    port, work = lab
    text = run(client, port, work)
    r = explain(text)
    first = r.findings[0]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence < CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings], text)
    assert C.CLIENT_MISCONFIGURATION in {f.cause for f in r.findings[:3]}, text
    assert HOST in r.next, r.next


def test_the_check_the_fix_names_tells_re_signing_apart(lab: tuple[int, Path]) -> None:
    """The first step's OpenSSL one-liner, run against the same server (its host:port
    pointed at the loopback one), prints the issuer this machine is given; pasted under the
    silent client's error it turns the ranked guess into the product's reading."""
    if shutil.which("node") is None or shutil.which("openssl") is None:
        pytest.skip("node or openssl is not installed")
    port, work = lab
    text = run("node", port, work)
    code = explain(text).findings[0].fix[0].code or ""
    line = next(ln for ln in code.splitlines() if ln.startswith("openssl s_client"))
    assert f"-connect {HOST}:443 -servername {HOST}" in line, line
    line = line.replace(f"-connect {HOST}:443", f"-connect 127.0.0.1:{port}")
    p = subprocess.run(["sh", "-c", line], capture_output=True, timeout=_TIMEOUT + 6,
                       check=False, stdin=subprocess.DEVNULL)
    issuer = p.stdout.decode("utf-8", "replace")
    assert issuer.startswith("issuer=") and "Zscaler" in issuer, issuer
    r = explain(f"{text}\n$ {line}\n{issuer}")
    first = r.findings[0]
    assert first.cause is C.TLS_INTERCEPTION_MITM and first.confidence >= CONFIDENT, (
        [(f.cause, f.confidence) for f in r.findings])
