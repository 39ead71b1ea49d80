"""The OCSP stapling fix, proven on the real server (issue 11).

A must-staple certificate whose OCSP responder runs on loopback is served by nginx, Apache
and HAProxy with stapling off: ``ocsp_must_staple_missing``. tlsdoctor's stapling snippet
for that software (the finding's own fix step) is applied as an operator
would; once the server has fetched a response (stapling servers fetch on the first
handshakes), the finding must be gone and real clients connect.

Both shapes of chain: a leaf issued by an intermediate that is served (as public CAs
issue), and a leaf issued straight by a private root, served alone, which each software
needs told where the issuer is. The staple must verify for a client that checks it
(curl --cert-status, which finds the OCSP signer only among the certificates sent).
"""

from __future__ import annotations

import contextlib
import socket
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from diagnosed import causes as _causes

import tlsdoctor
from tlsdoctor.testing.ca import CA, Leaf
from tlsdoctor.testing.fixapply import SnippetError, WebConfig
from tlsdoctor.testing.servers import ConfigRejected, Server


class Responder:
    """An OCSP responder on 127.0.0.1 answering "good" for one leaf (GET and POST)."""

    def __init__(self) -> None:
        self.issuer: CA | None = None
        self.leaf: Leaf | None = None
        self.hits = 0
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, format: str, *args: Any) -> None:
                pass

            def _answer(self) -> None:
                outer.hits += 1
                assert outer.issuer is not None and outer.leaf is not None
                body = outer.issuer.ocsp_response(outer.leaf, "good")
                self.send_response(200)
                self.send_header("Content-Type", "application/ocsp-response")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_POST(self) -> None:
                self.rfile.read(min(int(self.headers.get("Content-Length") or 0), 65536))
                self._answer()

            def do_GET(self) -> None:
                self._answer()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/"
        self.thread = threading.Thread(target=self.httpd.serve_forever,
                                       kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(5)


@pytest.fixture
def responder() -> Iterator[Responder]:
    r = Responder()
    try:
        yield r
    finally:
        r.close()


def _staples(srv: Server) -> bool:
    out = subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{srv.port}",
                          "-servername", "localhost", "-status"], input=b"",
                         capture_output=True, timeout=15)
    return b"OCSP Response Status: successful" in out.stdout


def _wait_for_staple(srv: Server, seconds: float = 8.0) -> bool:
    """Stapling servers fetch the response on the first handshakes, in the background:
    ask (bounded in count and time) until one comes stapled."""
    deadline = time.monotonic() + seconds
    for _ in range(40):
        if _staples(srv):
            return True
        if time.monotonic() > deadline:
            return False
        time.sleep(0.2)  # the server's own fetch is under way; nothing to wait on
    return False


@pytest.mark.parametrize("issued_by", ["intermediate", "root"])
@pytest.mark.parametrize("software", ["nginx", "apache", "haproxy"])
def test_the_stapling_fix_staples(software: str, issued_by: str, pki, web, responder,
                                  tmp_path) -> None:
    """With an intermediate the served chain holds the issuer. A leaf issued by the root
    is served alone, and the OCSP answer (signed by the root, carrying no certificate)
    then needs the root where each software looks: served by nginx (its signer lookup),
    in Apache's SSLCACertificateFile, in HAProxy's crt file (snippets.toml
    [stapling_issuer] has the servers' sources)."""
    issuer = pki.ca.intermediate(name="tlsdoctor stapling intermediate") \
        if issued_by == "intermediate" else pki.ca
    leaf = issuer.issue(("localhost",), key_type="rsa2048", must_staple=True,
                        ocsp_url=responder.url)
    responder.issuer, responder.leaf = issuer, leaf
    chain, key = pki.write(leaf)
    srv = web(WebConfig(software=software, chain_path=chain, key_path=key))
    root = str(pki.root_pem)
    before = tlsdoctor.diagnose(f"localhost:{srv.server.port}", connect="127.0.0.1",
                                ca_file=root, timeout=3, offline=True)
    assert "ocsp_must_staple_missing" in _causes(before), before.summary()

    finding = next(f for f in before.findings if f.cause.value == "ocsp_must_staple_missing")
    # What an operator runs: the general steps with code (save the issuers), then this
    # software's (the files the snippet names map to the test's own).
    code = "\n".join(s.code for s in finding.fix if s.code and s.applies_to in ("", software))
    try:
        fixed = srv.apply(code, paths={"/var/run/ocsp": tmp_path / "ocsp-cache",
                                       "/etc/haproxy/site.pem": chain,
                                       "/etc/ssl/localhost.fullchain.pem": chain,
                                       "/etc/ssl/": f"{tmp_path}/"})
    except (SnippetError, ConfigRejected) as exc:
        pytest.fail(f"the {software} stapling snippet cannot be applied: {exc}")
    assert _wait_for_staple(fixed), f"{software} does not staple after the fix: {fixed.log()[-800:]}"
    after = tlsdoctor.diagnose(f"localhost:{fixed.port}", connect="127.0.0.1", ca_file=root,
                               timeout=3, offline=True)
    assert "ocsp_must_staple_missing" not in _causes(after), after.summary()
    # The root served on purpose is worth an info at most, whose fix keeps it there.
    for extra in (f for f in after.findings if f.cause.value == "bad_chain_order_or_extra"):
        assert extra.severity.value == "info" and not any(s.code for s in extra.fix), extra
    curl = subprocess.run(
        ["curl", "-sS", "-o", "/dev/null", "--max-time", "10", "--cert-status", "--cacert", root,
         "--resolve", f"localhost:{fixed.port}:127.0.0.1", f"https://localhost:{fixed.port}/"],
        capture_output=True, text=True, timeout=20)
    assert curl.returncode == 0, curl.stderr
    ctx = ssl.create_default_context(cafile=root)
    with socket.create_connection(fixed.address, timeout=5) as raw, \
            contextlib.closing(ctx.wrap_socket(raw, server_hostname="localhost")) as tls:
        assert tls.version() in ("TLSv1.2", "TLSv1.3")
