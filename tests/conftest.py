"""Shared fixtures: a test PKI and real TLS servers on 127.0.0.1.

    ca          a root CA for the whole session (tlsdoctor.testing.ca.CA)
    pki         per-test helper: issue leaves, write them, the root as a --ca-file
    tmp_pki     the same object (older name)
    s_server    factory: openssl s_server, stopped at teardown
    nginx       factory: nginx with Site blocks (skips when nginx is missing)
    apache      factory: Apache httpd with one TLS VirtualHost (skips without apache2)
    haproxy     factory: HAProxy terminating TLS (skips without haproxy)
    web         factory: a server from a fixapply.WebConfig, with .apply(snippet) that
                edits its configuration as a fix says and restarts it
    gnutls      factory: gnutls-serv (skips when gnutls-serv is missing)
    py_server   factory: threaded Python ssl server

Every factory accepts a ``Leaf`` (or explicit paths) and returns a started
``Server`` that is also a context manager; anything still running is stopped when
the test ends. An autouse fixture removes the environment that changes TLS clients
(SSL_CERT_FILE/DIR, proxy variables in any case) so a developer's shell cannot
change a result.
"""

from __future__ import annotations

import contextlib
import os
import ssl
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor.testing import fixapply, servers
from tlsdoctor.testing.ca import CA, Leaf

pytest_plugins = ("pytester",)  # tests/testing/test_conftest.py runs the fixtures in a sandbox

_CLEARED_ENV = {"SSL_CERT_FILE", "SSL_CERT_DIR", "HTTPS_PROXY", "HTTP_PROXY", "ALL_PROXY",
                "NO_PROXY", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE"}


@pytest.fixture(autouse=True)
def _clean_tls_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.upper() in _CLEARED_ENV:
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def ca() -> CA:
    return CA(name="tlsdoctor test root CA")


class TmpPki:
    """A test's PKI workspace: the session CA plus a private directory."""

    def __init__(self, ca: CA, directory: Path) -> None:
        self.ca, self.dir = ca, directory
        self._root_pem: Path | None = None

    @property
    def root_pem(self) -> Path:
        """The root certificate as a PEM file (what ``--ca-file`` takes)."""
        if self._root_pem is None:
            self._root_pem = self.ca.write(self.dir / "root.pem")
        return self._root_pem

    def leaf(self, *names: str, **kw: Any) -> Leaf:
        """``ca.issue(names or ("localhost",), **kw)``."""
        return self.ca.issue(names or ("localhost",), **kw)

    def write(self, leaf: Leaf, **chain_opts: Any) -> tuple[Path, Path]:
        """Write ``leaf`` (chain + key) into this test's directory; returns both paths."""
        return leaf.write(self.dir, **chain_opts)

    def write_pem(self, name: str, data: bytes) -> Path:
        p = self.dir / name
        p.write_bytes(data)
        return p


@pytest.fixture
def pki(ca: CA, tmp_path: Path) -> TmpPki:
    return TmpPki(ca, tmp_path)


@pytest.fixture
def tmp_pki(pki: TmpPki) -> TmpPki:
    return pki


def _paths(pki: TmpPki, leaf: Leaf | None, chain_path: str | Path | None,
           key_path: str | Path | None, chain_opts: dict[str, Any]) -> tuple[Path, Path]:
    if leaf is not None:
        return pki.write(leaf, **chain_opts)
    if chain_path is None or key_path is None:
        raise TypeError("give a Leaf, or both chain_path and key_path")
    return Path(chain_path), Path(key_path)


@pytest.fixture
def _server_stack() -> Iterator[contextlib.ExitStack]:
    with contextlib.ExitStack() as stack:
        yield stack


@pytest.fixture
def s_server(pki: TmpPki, _server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``s_server(leaf=None, *, cert=None, chain_path=None, key_path=None,
    include_root=False, order="normal", extra=(), **openssl_server_options)``.

    With no certificate at all it serves a fresh ``localhost`` leaf from ``ca``.
    """
    def start(leaf: Leaf | None = None, *, cert: Leaf | None = None,
              chain_path: str | Path | None = None, key_path: str | Path | None = None,
              include_root: bool = False, order: str = "normal", extra: Sequence[Any] = (),
              **kw: Any) -> servers.Server:
        leaf = leaf or cert
        if leaf is None and chain_path is None:
            leaf = pki.leaf()
        chain, key = _paths(pki, leaf, chain_path, key_path,
                            {"include_root": include_root, "order": order, "extra": extra})
        return _server_stack.enter_context(servers.openssl_server(chain, key, **kw))
    return start


@pytest.fixture
def nginx(_server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``nginx(site, site2, ...)`` or ``nginx([sites])``; skips without nginx."""
    if not servers.have_nginx():
        pytest.skip("nginx is not installed")

    def start(*sites: servers.Site | Sequence[servers.Site], **kw: Any) -> servers.Server:
        flat: list[servers.Site] = []
        for s in sites:
            flat.extend([s] if isinstance(s, servers.Site) else s)
        return _server_stack.enter_context(servers.nginx_server(flat, **kw))
    return start


@pytest.fixture
def gnutls(pki: TmpPki, _server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``gnutls(leaf=None, *, chain_path=None, key_path=None, priority=None, ...)``."""
    if not servers.have_gnutls():
        pytest.skip("gnutls-serv is not installed")

    def start(leaf: Leaf | None = None, *, chain_path: str | Path | None = None,
              key_path: str | Path | None = None, **kw: Any) -> servers.Server:
        if leaf is None and chain_path is None:
            leaf = pki.leaf()
        chain, key = _paths(pki, leaf, chain_path, key_path, {})
        return _server_stack.enter_context(servers.gnutls_server(chain, key, **kw))
    return start


@pytest.fixture
def py_server(pki: TmpPki, _server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``py_server(ssl_context=None, *, leaf=None)``: default serves a localhost leaf."""
    def start(ssl_context: ssl.SSLContext | None = None, *, leaf: Leaf | None = None,
              **kw: Any) -> servers.Server:
        if ssl_context is None:
            chain, key = pki.write(leaf or pki.leaf())
            ssl_context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
            ssl_context.load_cert_chain(chain, key)
        return _server_stack.enter_context(servers.python_server(ssl_context, **kw))
    return start


@pytest.fixture
def apache(pki: TmpPki, _server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``apache(leaf=None, *, site_lines=(), global_lines=())``; skips without apache2."""
    if not servers.have_apache():
        pytest.skip("apache2 is not installed")

    def start(leaf: Leaf | None = None, **kw: Any) -> servers.Server:
        chain, key = pki.write(leaf or pki.leaf())
        return _server_stack.enter_context(servers.apache_server(chain, key, **kw))
    return start


@pytest.fixture
def haproxy(pki: TmpPki, _server_stack: contextlib.ExitStack) -> Callable[..., servers.Server]:
    """``haproxy(leaf=None, *, global_lines=(), bind_options=(), frontend_lines=())``."""
    if not servers.have_haproxy():
        pytest.skip("haproxy is not installed")

    def start(leaf: Leaf | None = None, **kw: Any) -> servers.Server:
        chain, key = pki.write(leaf or pki.leaf())
        return _server_stack.enter_context(servers.haproxy_server(chain, key, **kw))
    return start


class WebServer:
    """A running server and the configuration it runs; ``apply`` edits it as a fix says."""

    def __init__(self, config: fixapply.WebConfig, stack: contextlib.ExitStack,
                 workdir: Path) -> None:
        self.config, self._stack, self.workdir = config, stack, workdir
        self.server = stack.enter_context(fixapply.start(config))

    def apply(self, code: str, *, paths: dict[str, str | Path] | None = None) -> servers.Server:
        """Apply the snippet, check, restart; the new server (SnippetError/ConfigRejected
        when the snippet cannot be applied or the server refuses it)."""
        new = fixapply.apply_snippet(self.config, code, paths=paths, workdir=self.workdir)
        self.server = self._stack.enter_context(fixapply.restart(self.server, new))
        self.config = new
        return self.server


@pytest.fixture
def web(tmp_path: Path, _server_stack: contextlib.ExitStack) -> Callable[..., WebServer]:
    """``web(config)``: start a fixapply.WebConfig; skips when that software is missing."""
    have = {"nginx": servers.have_nginx, "apache": servers.have_apache,
            "haproxy": servers.have_haproxy}

    def start(config: fixapply.WebConfig) -> WebServer:
        if not have[config.software]():
            pytest.skip(f"{config.software} is not installed")
        return WebServer(config, _server_stack, tmp_path)
    return start
