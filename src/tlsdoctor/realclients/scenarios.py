"""The servers every real client and every profile is tried against, one per scenario.

Each scenario is one thing wrong (or nothing) with a server on 127.0.0.1, named the way
a user would meet it. All of them run at once for one session (``running_scenarios``),
so a real client can try every URL from one process. Every intermediate CA is unique to
its scenario: browsers remember intermediates they have seen (Firefox keeps them in its
certificate database, Chromium fetches them through AIA), and one scenario must not
complete another's chain.

The host name is ``site.localhost``: it has a dot, so every client sends SNI for it
(Java sends no SNI for a name without a dot), and nothing resolves it but the rules each
driver gives its client (127.0.0.1).
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from typing import Any

from ..testing import ca as testca
from ..testing import faults, servers

HOST_NAME = "site.localhost"


@dataclass(frozen=True, slots=True, kw_only=True)
class Scenario:
    """One test server: what is wrong with it and the cause it should lead to."""

    name: str
    story: str
    expect: str | None  # the server's problem as a cause id (None: healthy)


@dataclass(frozen=True, slots=True, kw_only=True)
class LiveScenario:
    """A running scenario: where to reach it."""

    scenario: Scenario
    host: str  # the name a client asks for (SNI, certificate name)
    port: int

    @property
    def name(self) -> str:
        return self.scenario.name

    @property
    def url(self) -> str:
        return f"https://{self.host}:{self.port}/"


class _Published:
    """A tiny HTTP server on 127.0.0.1 for AIA issuers and CRLs (bounded, loopback only)."""

    def __init__(self) -> None:
        files: dict[str, bytes] = {}
        self.files = files

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = files.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, format: str, *args: Any) -> None:
                return  # quiet: the harness reports outcomes, not requests

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.timeout = 5
        self.port = int(self.httpd.server_address[1])
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       name=f"tlsdoctor-aia-{self.port}")

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def __enter__(self) -> _Published:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


def dh_params(bits: int) -> Path:
    """A shipped DH parameter file (generated once with ``openssl dhparam``)."""
    return Path(str(resources.files("tlsdoctor.testing") / "data" / f"dh{bits}.pem"))


@dataclass(slots=True)
class _Workshop:
    """What scenario starters share: the trusted root, a directory, the AIA server."""

    root: testca.CA
    directory: Path
    published: _Published
    stack: contextlib.ExitStack

    def write(self, name: str, leaf: testca.Leaf, *, send_chain: bool = True) -> tuple[Path, Path]:
        d = self.directory / name
        chain, key = leaf.write(d)
        if not send_chain:  # what a misconfigured server sends: the leaf alone
            chain.write_bytes(leaf.cert_pem)
        return chain, key

    def serve(self, name: str, leaf: testca.Leaf, *, send_chain: bool = True,
              **kw: Any) -> int:
        chain, key = self.write(name, leaf, send_chain=send_chain)
        srv = self.stack.enter_context(servers.openssl_server(chain, key, www=True, **kw))
        return srv.port

    def intermediate(self, name: str, **kw: Any) -> testca.CA:
        return self.root.intermediate(name=f"tlsdoctor {name} intermediate", **kw)


Starter = Callable[[_Workshop], int]

# The server's own OpenSSL (Debian: security level 2) refuses to load SHA-1 signed or
# RSA-1024 certificates ("ca md too weak", "ee key too small"); a weak server allows them.
_WEAK_OK = "DEFAULT:@SECLEVEL=0"


def _leaf(w: _Workshop, **kw: Any) -> testca.Leaf:
    return w.root.issue((HOST_NAME,), **kw)


def _healthy(w: _Workshop) -> int:
    return w.serve("healthy", _leaf(w))


def _expired(w: _Workshop) -> int:
    return w.serve("expired", _leaf(w, not_before=timedelta(days=-400),
                                     not_after=timedelta(days=-3)))


def _not_yet_valid(w: _Workshop) -> int:
    return w.serve("not-yet-valid", _leaf(w, not_before=timedelta(days=3),
                                           not_after=timedelta(days=300)))


def _wrong_host(w: _Workshop) -> int:
    return w.serve("wrong-host", w.root.issue(("www.example.test",)))


def _self_signed(w: _Workshop) -> int:
    return w.serve("self-signed", testca.self_signed((HOST_NAME,)))


def _untrusted_root(w: _Workshop) -> int:
    private = testca.CA(name="tlsdoctor private root nobody trusts")
    return w.serve("untrusted-root", private.issue((HOST_NAME,)))


def _missing_intermediate(w: _Workshop) -> int:
    inter = w.intermediate("unpublished")
    return w.serve("missing-intermediate", inter.issue((HOST_NAME,)), send_chain=False)


def _missing_intermediate_aia(w: _Workshop) -> int:
    inter = w.intermediate("published")
    from cryptography.hazmat.primitives.serialization import Encoding

    w.published.files["/published-intermediate.der"] = inter.cert.public_bytes(Encoding.DER)
    leaf = inter.issue((HOST_NAME,),
                       aia_issuer_url=w.published.url("/published-intermediate.der"))
    return w.serve("missing-intermediate-aia", leaf, send_chain=False)


def _tls10_only(w: _Workshop) -> int:
    return w.serve("tls1.0-only", _leaf(w), protocols=("tls1",), cipher="ALL:@SECLEVEL=0")


def _no_common_suite(w: _Workshop) -> int:
    # Camellia only: a suite no current client offers by default.
    return w.serve("no-common-suite", _leaf(w, key_type="rsa2048"), protocols=("tls1_2",),
                   cipher="CAMELLIA256-SHA:CAMELLIA128-SHA:@SECLEVEL=0")


def _client_cert(w: _Workshop) -> int:
    other = testca.CA(name="tlsdoctor client-certificate CA")
    ca_path = other.write(w.directory / "client-ca.pem")
    return w.serve("client-cert", _leaf(w), verify_ca=ca_path)


def _sni_required(w: _Workshop) -> int:
    if not servers.have_nginx():
        raise ScenarioUnavailable("nginx is not installed")
    chain, key = w.write("sni-required", _leaf(w))
    srv = w.stack.enter_context(servers.nginx_server([
        servers.Site(server_name="_", default=True, reject_handshake=True),
        servers.Site(server_name=HOST_NAME, chain_path=chain, key_path=key)]))
    return srv.port


def _sha1_leaf(w: _Workshop) -> int:
    return w.serve("sha1-leaf", _leaf(w, sig_hash="sha1"), cipher=_WEAK_OK)


def _sha1_intermediate(w: _Workshop) -> int:
    inter = w.intermediate("sha1-signed", sig_hash="sha1")
    return w.serve("sha1-intermediate", inter.issue((HOST_NAME,)), cipher=_WEAK_OK)


def _rsa1024_leaf(w: _Workshop) -> int:
    return w.serve("rsa1024-leaf", _leaf(w, key_type="rsa1024"), cipher=_WEAK_OK)


def _dh(bits: int) -> Starter:
    def start(w: _Workshop) -> int:
        # DHE only, TLS 1.2 only; the server itself must allow small DH (@SECLEVEL=0).
        return w.serve(f"dh{bits}", _leaf(w, key_type="rsa2048"), protocols=("tls1_2",),
                       cipher="DHE-RSA-AES128-GCM-SHA256:DHE-RSA-AES256-GCM-SHA384:@SECLEVEL=0",
                       dhparam=dh_params(bits))
    return start


def _cn_only(w: _Workshop) -> int:
    return w.serve("cn-only", _leaf(w, cn_only=True))


def _revoked_crl(w: _Workshop) -> int:
    leaf = _leaf(w, crl_url=w.published.url("/root.crl"))
    w.published.files["/root.crl"] = w.root.crl([leaf])
    return w.serve("revoked-crl", leaf)


def _must_staple(w: _Workshop) -> int:
    return w.serve("must-staple", _leaf(w, must_staple=True))


def _ca_as_leaf(w: _Workshop) -> int:
    # The server was given a CA certificate (CA:TRUE, keyCertSign + cRLSign, no EKU, no
    # SAN: what a CA certificate looks like) named after the site, instead of a leaf.
    leaf = w.root.issue((HOST_NAME,), is_ca=True, key_usage=("key_cert_sign", "crl_sign"),
                        eku=(), cn_only=True)
    return w.serve("ca-as-leaf", leaf)


def _huge_certificate(w: _Workshop) -> int:
    # ~200 KB Certificate message: 8,000 extra names (each 22 bytes + 2 of DER).
    names = (HOST_NAME, *(f"n{i:05d}.bulk.example.test" for i in range(8000)))
    return w.serve("huge-certificate", w.root.issue(names))


def _ecdsa_rsa_suites(w: _Workshop) -> int:
    return w.serve("ecdsa-cert-rsa-suites", _leaf(w, key_type="ec256"), protocols=("tls1_2",),
                   cipher="ECDHE-RSA-AES128-GCM-SHA256:ECDHE-RSA-AES256-GCM-SHA384")


def _plain_http(w: _Workshop) -> int:
    return w.stack.enter_context(faults.fault_server("http", lifetime=900.0)).port


class ScenarioUnavailable(RuntimeError):
    """A scenario needs a server program this machine lacks."""


SCENARIOS: tuple[tuple[Scenario, Starter], ...] = tuple(
    (Scenario(name=n, story=s, expect=e), f) for n, s, e, f in (
        ("healthy", "a correctly configured TLS 1.2/1.3 server", None, _healthy),
        ("expired", "the certificate expired 3 days ago", "cert_expired", _expired),
        ("not-yet-valid", "the certificate starts in 3 days", "cert_not_yet_valid", _not_yet_valid),
        ("wrong-host", "the certificate is for www.example.test", "hostname_mismatch", _wrong_host),
        ("self-signed", "a self-signed certificate", "cert_self_signed", _self_signed),
        ("untrusted-root", "issued by a private root the client does not trust",
         "cert_untrusted_root", _untrusted_root),
        ("missing-intermediate", "the intermediate is not sent and not published",
         "incomplete_chain", _missing_intermediate),
        ("missing-intermediate-aia", "the intermediate is not sent; the leaf's AIA names it",
         "incomplete_chain", _missing_intermediate_aia),
        ("tls1.0-only", "an old server that speaks only TLS 1.0", "protocol_version_mismatch",
         _tls10_only),
        ("no-common-suite", "TLS 1.2 with Camellia suites only", "cipher_suite_mismatch",
         _no_common_suite),
        ("client-cert", "mutual TLS: a client certificate is required", "client_cert_required",
         _client_cert),
        ("sni-required", "nginx rejects handshakes without the site's name", None, _sni_required),
        ("sha1-leaf", "the leaf is signed with SHA-1", "weak_signature_or_key", _sha1_leaf),
        ("sha1-intermediate", "the intermediate is signed with SHA-1", "weak_signature_or_key",
         _sha1_intermediate),
        ("rsa1024-leaf", "the leaf has a 1024-bit RSA key", "weak_signature_or_key", _rsa1024_leaf),
        ("dh1024", "DHE only, with a 1024-bit group", "weak_cipher_or_no_pfs", _dh(1024)),
        ("dh2047", "DHE only, with a 2047-bit prime", "weak_cipher_or_no_pfs", _dh(2047)),
        ("cn-only", "the name is only in the subject CN (no SAN)", "hostname_mismatch", _cn_only),
        ("revoked-crl", "revoked, published only in a CRL", "cert_revoked", _revoked_crl),
        ("must-staple", "must-staple certificate, no OCSP stapled", "ocsp_must_staple_missing",
         _must_staple),
        ("ca-as-leaf", "the server sends its CA certificate as the leaf", "cert_wrong_purpose",
         _ca_as_leaf),
        ("huge-certificate", "a ~200 KB certificate (8,000 names)", "server_misconfiguration",
         _huge_certificate),
        ("ecdsa-cert-rsa-suites", "an ECDSA certificate with ECDHE-RSA suites only",
         "server_misconfiguration", _ecdsa_rsa_suites),
        ("plain-http", "https:// pointed at a plain HTTP port", "non_tls_service_on_port",
         _plain_http),
    ))

SCENARIO_NAMES = tuple(s.name for s, _ in SCENARIOS)


@contextlib.contextmanager
def running_scenarios(directory: Path, *, only: tuple[str, ...] = (),
                      root: testca.CA | None = None
                      ) -> Iterator[tuple[Path, tuple[LiveScenario, ...]]]:
    """Start every scenario (or ``only`` these); yields (root CA PEM, live scenarios).

    ``root`` is the CA clients trust (a new one by default), so several sets of the
    same scenarios can share one trust setup. Scenarios whose server program is missing
    are left out. Everything started is stopped on exit.
    """
    root = root or testca.CA(name="tlsdoctor real-clients root")
    directory.mkdir(parents=True, exist_ok=True)
    ca_file = root.write(directory / "root.pem")
    with contextlib.ExitStack() as stack:
        published = stack.enter_context(_Published())
        w = _Workshop(root=root, directory=directory, published=published, stack=stack)
        live = []
        for scenario, start in SCENARIOS:
            if only and scenario.name not in only:
                continue
            with contextlib.suppress(ScenarioUnavailable):
                live.append(LiveScenario(scenario=scenario, host=HOST_NAME, port=start(w)))
        yield ca_file, tuple(live)
