"""Fixtures for tlsdoctor.pki tests: trust stores around the session CA, a plain HTTP
server for AIA/OCSP/CRL on 127.0.0.1, and the chain a real server sends (via the prober).

    stores      TrustStores: default = the session root only; others = this machine's
    inter       an intermediate CA under the session root (session scope)
    http_srv    HttpServer: route paths to bytes, redirects, huge or slow answers, OCSP
    served      served(server, sni="localhost") -> (chain DER tuple, stapled OCSP or None)
"""

from __future__ import annotations

import asyncio
import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from pkihelp import HttpServer

from tlsdoctor.pki.trust import TrustStore, TrustStores, load_trust_stores
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA


@pytest.fixture(scope="session")
def inter(ca: CA) -> CA:
    return ca.intermediate(name="tlsdoctor test intermediate CA")


@pytest.fixture(scope="session")
def stores(ca: CA) -> TrustStores:
    machine = load_trust_stores()
    return TrustStores(default=TrustStore(name="test-root", roots=(ca.cert,)),
                       others=machine.others)


def _handler(state: HttpServer, stop: threading.Event) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # keep test output clean
            pass

        def _answer(self, body_in: bytes) -> None:
            state.hits.append(self.path)
            route = state.routes.get(self.path)
            if route is None:
                self.send_response(404)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            if route.delay:
                stop.wait(min(route.delay, 5.0))
            if route.location is not None:
                self.send_response(route.status)
                self.send_header("Location", route.location)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = route.ocsp(body_in) if route.ocsp else route.body
            self.send_response(route.status)
            self.send_header("Content-Type", route.content_type)
            if route.stream_bytes:
                self.end_headers()
                chunk = b"\x00" * 65536
                with contextlib.suppress(OSError):  # the client hangs up at its limit
                    for _ in range(route.stream_bytes // len(chunk)):
                        self.wfile.write(chunk)
                return
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._answer(b"")

        def do_POST(self) -> None:
            n = int(self.headers.get("Content-Length") or 0)
            self._answer(self.rfile.read(min(n, 65536)))

    return Handler


@pytest.fixture
def http_srv() -> Iterator[HttpServer]:
    stop = threading.Event()
    state = HttpServer(port=0)
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(state, stop))
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    t = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    t.start()
    try:
        yield state
    finally:
        stop.set()
        httpd.shutdown()
        httpd.server_close()
        t.join(timeout=5)


@pytest.fixture
def served() -> Callable[..., tuple[tuple[bytes, ...], bytes | None]]:
    """The chain (and OCSP staple) a real server sends, as the prober receives it."""
    from tlsdoctor.doctor import wide_spec
    from tlsdoctor.probe.budget import ProbeOptions, Prober
    from tlsdoctor.probe.handshake import run_probe
    from tlsdoctor.probe.outcome import Outcome
    from tlsdoctor.probe.target import parse_target

    def get(server: servers.Server, sni: str | None = "localhost") -> tuple[tuple[bytes, ...], bytes | None]:
        target = parse_target(f"{sni or '127.0.0.1'}:{server.port}", connect="127.0.0.1")
        spec = replace(wide_spec(sni), ocsp_stapling=True)
        opts = ProbeOptions(connect_timeout=5, read_timeout=5)
        result = asyncio.run(run_probe(Prober(opts), target, spec, label="pki-test"))
        assert result.outcome is Outcome.HANDSHAKE, (result.outcome, result.error, server.log)
        return result.certificates, result.ocsp_staple
    return get
