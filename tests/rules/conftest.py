"""Fixtures for the rule tests: certificate authorities and trust stores, made once.

    rpki        RulePki: the session root (trusted by the default store "test-root"), an
                intermediate under it, a "public" root only another store trusts, a
                private root no store has, and an inspection product's CA (Zscaler)
    aia_server  a plain HTTP server on 127.0.0.1 publishing certificates for AIA fetches

Evidence builders and judgement helpers are plain functions in evidence_builders.py.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from evidence_builders import HOST

from tlsdoctor.pki.trust import TrustStore, TrustStores
from tlsdoctor.testing.ca import CA, Leaf

DEFAULT_STORE, PUBLIC_STORE = "test-root", "public-roots"


@dataclass(frozen=True, slots=True, kw_only=True)
class RulePki:
    root: CA  # in the default store
    inter: CA  # an intermediate under ``root``
    public: CA  # a root only the second store holds ("public CA missing here")
    private: CA  # a root in no store (an internal CA)
    zscaler: CA  # issuer name of a TLS-inspection product (pki.interception)
    stores: TrustStores

    def leaf(self, *names: str, issuer: CA | None = None, **kw: Any) -> Leaf:
        """A leaf for ``names`` (default example.test) from ``issuer`` (default root)."""
        return (issuer or self.root).issue(names or (HOST,), **kw)


@pytest.fixture(scope="session")
def rpki(ca: CA) -> RulePki:
    public = CA(name="tlsdoctor public test root")
    stores = TrustStores(default=TrustStore(DEFAULT_STORE, (ca.cert,)),
                         others=(TrustStore(PUBLIC_STORE, (public.cert,)),))
    return RulePki(root=ca, inter=ca.intermediate(name="tlsdoctor rules intermediate CA"),
                   public=public, private=CA(name="Corp Internal Root CA"),
                   zscaler=CA(name="Zscaler Root CA"), stores=stores)


@dataclass
class AiaServer:
    port: int
    files: dict[str, bytes]

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def aia_server() -> Iterator[AiaServer]:
    """Serves ``files`` (path -> bytes) over HTTP on loopback; 404 for anything else."""
    state = AiaServer(port=0, files={})

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, format: str, *args: Any) -> None:  # quiet test output
            pass

        def do_GET(self) -> None:
            body = state.files.get(self.path)
            self.send_response(200 if body is not None else 404)
            self.send_header("Content-Type", "application/pkix-cert")
            self.send_header("Content-Length", str(len(body or b"")))
            self.end_headers()
            self.wfile.write(body or b"")

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    state.port = httpd.server_address[1]
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                              daemon=True)
    thread.start()
    try:
        yield state
    finally:
        httpd.shutdown()
        httpd.server_close()
        thread.join(timeout=5)
