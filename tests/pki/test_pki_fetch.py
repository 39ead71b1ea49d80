"""AIA chain completion and the fetcher's bounds, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding, pkcs7
from pkihelp import LOOPBACK, Route, analyze, analyze_chain, causes

from tlsdoctor.diagnosis.causes import Cause
from tlsdoctor.pki.fetch import Fetcher, FetchError


@pytest.mark.parametrize("form", ["der", "pkcs7"])
def test_aia_completes_the_chain(ca, inter, stores, http_srv, form) -> None:
    if form == "der":
        body = inter.cert.public_bytes(Encoding.DER)
    else:
        body = pkcs7.serialize_certificates([inter.cert], Encoding.DER)
    http_srv.routes["/issuer.cer"] = Route(body=body, content_type="application/pkix-cert")
    leaf = inter.issue(["localhost"], aia_issuer_url=http_srv.url("/issuer.cer"))
    r = analyze([leaf.cert], stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
    assert x509.load_pem_x509_certificates(r.completed_chain_pem.encode()) == [leaf.cert, inter.cert]
    assert r.path[1].source == f"aia:{http_srv.url('/issuer.cer')}"
    f = r.findings[0]
    assert f.facts["completed_chain"] is True
    assert f.fix[0].code.startswith("-----BEGIN CERTIFICATE-----")
    assert {s.applies_to for s in f.fix} >= {"nginx", "apache", "haproxy"}
    assert any("ssl_certificate " in s.code for s in f.fix)
    assert any("SSLCertificateFile" in s.code for s in f.fix)
    assert any(" crt " in s.code for s in f.fix)
    assert r.verified is False  # the chain as served still fails strict clients
    # healthy twin: the full chain needs no fetch at all
    fetcher = Fetcher(scope=LOOPBACK, timeout=3)
    before = len(http_srv.hits)
    assert causes(analyze(leaf.chain, stores, fetcher=fetcher)) == []
    assert len(http_srv.hits) == before


def test_aia_unreachable_is_reported(inter, stores, http_srv) -> None:
    leaf = inter.issue(["localhost"], aia_issuer_url=http_srv.url("/missing.cer"))
    r = analyze([leaf.cert], stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
    assert r.completed_chain_pem is None
    assert any("HTTP 404" in e for e in r.findings[0].evidence)


def test_fetch_cache_asks_once(http_srv) -> None:
    http_srv.routes["/a"] = Route(body=b"hello")
    f = Fetcher(scope=LOOPBACK, timeout=3)
    assert f.get(http_srv.url("/a")) == b"hello"
    assert f.get(http_srv.url("/a")) == b"hello"
    assert http_srv.hits == ["/a"]


def test_redirects_followed_and_bounded(http_srv) -> None:
    http_srv.routes["/r1"] = Route(status=302, location="/r2")
    http_srv.routes["/r2"] = Route(body=b"ok")
    assert Fetcher(scope=LOOPBACK, timeout=3).get(http_srv.url("/r1")) == b"ok"
    http_srv.routes["/loop"] = Route(status=301, location="/loop")
    with pytest.raises(FetchError, match="more than 3 redirects"):
        Fetcher(scope=LOOPBACK, timeout=3).get(http_srv.url("/loop"))
    assert http_srv.hits.count("/loop") == 4  # the first request and 3 redirects, no more


@pytest.mark.parametrize("target", ["https://127.0.0.1:1/x", "file:///etc/passwd",
                                    "ftp://127.0.0.1/x", "ldap://127.0.0.1/cn=x"])
def test_non_http_redirects_and_urls_refused(http_srv, target) -> None:
    http_srv.routes["/go"] = Route(status=302, location=target)
    with pytest.raises(FetchError, match="non-http"):
        Fetcher(scope=LOOPBACK, timeout=3).get(http_srv.url("/go"))
    with pytest.raises(FetchError, match="only http://"):
        Fetcher(scope=LOOPBACK, timeout=3).get(target)


def test_huge_response_bounded(http_srv) -> None:
    http_srv.routes["/huge"] = Route(stream_bytes=8 * 1024 * 1024)  # no Content-Length
    http_srv.routes["/big"] = Route(body=b"x" * 300_000)
    start = time.monotonic()
    with pytest.raises(FetchError, match="exceeds"):
        Fetcher(scope=LOOPBACK, timeout=3, max_bytes=256 * 1024).get(http_srv.url("/huge"))
    with pytest.raises(FetchError, match="exceeds"):  # refused on Content-Length alone
        Fetcher(scope=LOOPBACK, timeout=3, max_bytes=256 * 1024).get(http_srv.url("/big"))
    assert time.monotonic() - start < 3


def test_slow_server_times_out(http_srv) -> None:
    http_srv.routes["/slow"] = Route(body=b"late", delay=3)
    start = time.monotonic()
    with pytest.raises(FetchError, match="timed out"):
        Fetcher(scope=LOOPBACK, timeout=0.5).get(http_srv.url("/slow"))
    assert time.monotonic() - start < 1.5


def test_offline_fetches_nothing(inter, stores, http_srv) -> None:
    http_srv.routes["/issuer.cer"] = Route(body=inter.cert.public_bytes(Encoding.DER))
    leaf = inter.issue(["localhost"], aia_issuer_url=http_srv.url("/issuer.cer"))
    r = analyze([leaf.cert], stores, fetcher=Fetcher(offline=True))
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
    assert http_srv.hits == []
    assert any("offline" in e for e in r.findings[0].evidence)


def test_refused_connection(stores) -> None:
    import socket
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()  # nothing listens there now
    with pytest.raises(FetchError, match="ConnectionRefused"):
        Fetcher(scope=LOOPBACK, timeout=2).get(f"http://127.0.0.1:{port}/x")


def test_completed_bundle_fixes_the_real_server(inter, stores, http_srv, pki, s_server, served) -> None:
    """AIA completion end to end: the bundle we hand over, installed, makes the server healthy."""
    http_srv.routes["/int.cer"] = Route(body=inter.cert.public_bytes(Encoding.DER))
    leaf = inter.issue(["localhost"], aia_issuer_url=http_srv.url("/int.cer"))
    key = pki.write_pem("leaf.key", leaf.key_pem)
    broken = s_server(chain_path=pki.write_pem("leaf-only.pem", leaf.cert_pem), key_path=key)
    chain, _ = served(broken)
    r = analyze_chain(chain, hostname="localhost", now=datetime.now(UTC), stores=stores,
                      fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
    bundle = r.write_bundle(pki.dir / "fullchain.pem")
    fixed = s_server(chain_path=bundle, key_path=key)
    chain2, _ = served(fixed)
    r2 = analyze_chain(chain2, hostname="localhost", now=datetime.now(UTC), stores=stores,
                       fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r2) == [] and r2.verified


def test_total_fetch_budget(http_srv) -> None:
    for p in ("/s1", "/s2", "/s3"):
        http_srv.routes[p] = Route(body=b"late", delay=2)
    f = Fetcher(scope=LOOPBACK, timeout=0.3, budget=0.5)
    start = time.monotonic()
    for p in ("/s1", "/s2"):
        with pytest.raises(FetchError, match="timed out"):
            f.get(http_srv.url(p))
    with pytest.raises(FetchError, match="budget is used up"):
        f.get(http_srv.url("/s3"))
    assert time.monotonic() - start < 1.2
    assert "/s3" not in http_srv.hits


# Review 28: the URLs are the server's to choose; one urlsplit cannot parse ("Invalid IPv6
# URL") was a ValueError out of the fetcher, an internal error of diagnose and cert.
@pytest.mark.parametrize("url", ["http://[::1/x", "http://[zz]/x", "http://[::1]x:80/"])
def test_unparseable_urls_are_fetch_errors(url: str) -> None:
    with pytest.raises(FetchError):
        Fetcher(scope=LOOPBACK, timeout=3).get(url)


def test_a_redirect_to_an_unparseable_url_is_a_fetch_error(http_srv) -> None:
    http_srv.routes["/go"] = Route(status=302, location="http://[::1/x")
    with pytest.raises(FetchError):
        Fetcher(scope=LOOPBACK, timeout=3).get(http_srv.url("/go"))


def test_an_unparseable_aia_url_is_an_incomplete_chain(inter, stores) -> None:
    leaf = inter.issue(["localhost"], aia_issuer_url="http://[::1/issuer.cer")
    r = analyze([leaf.cert], stores, fetcher=Fetcher(scope=LOOPBACK, timeout=3))
    assert causes(r) == [Cause.INCOMPLETE_CHAIN]
