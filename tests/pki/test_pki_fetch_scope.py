"""Hostile certificates steering tlsdoctor's AIA/OCSP/CRL requests (issue 11 item 11, SSRF).

Only loopback is ever contacted: a "public" or "private" target is simulated with the
Fetcher's scope, and a listening socket that records every connection proves that a
refused URL was never connected to. Addresses that cannot be served here (169.254.x,
10.x) are refused before any connection, which the refusal's wording and its speed show.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator

import pytest
from cryptography.hazmat.primitives.serialization import Encoding
from pkihelp import LOOPBACK, Route, analyze

from tlsdoctor.pki.fetch import (
    LINK_LOCAL,
    METADATA,
    PRIVATE,
    PUBLIC,
    SPECIAL,
    Fetcher,
    FetchError,
    Scope,
    address_class,
)
from tlsdoctor.pki.fetch import (
    LOOPBACK as LOOPBACK_CLASS,
)
from tlsdoctor.testing.ca import CA


class Recorder:
    """A TCP listener on 127.0.0.1 that records every connection and answers HTTP 200."""

    def __init__(self) -> None:
        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.sock.settimeout(0.1)
        self.port = self.sock.getsockname()[1]
        self.connects: list[bytes] = []  # the request head each connection sent
        self.body = b"recorded"
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, daemon=True)
        self._thread.start()

    def url(self, path: str = "/x", host: str = "127.0.0.1") -> str:
        return f"http://{host}:{self.port}{path}"

    def _serve(self) -> None:
        for _ in range(200):  # bounded: a test makes a handful of connections at most
            if self._stop.is_set():
                return
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            with conn:
                conn.settimeout(2)
                head = b""
                with contextlib.suppress(OSError):
                    while b"\r\n\r\n" not in head and len(head) < 65536:
                        chunk = conn.recv(4096)
                        if not chunk:
                            break
                        head += chunk
                self.connects.append(head)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.0 200 OK\r\nContent-Length: %d\r\n\r\n%s"
                                 % (len(self.body), self.body))

    def close(self) -> None:
        self._stop.set()
        self.sock.close()
        self._thread.join(2)


@pytest.fixture
def recorder() -> Iterator[Recorder]:
    r = Recorder()
    try:
        yield r
    finally:
        r.close()


def refused(fetcher: Fetcher, url: str, *words: str) -> str:
    start = time.monotonic()
    with pytest.raises(FetchError) as info:
        fetcher.get(url)
    text = str(info.value)
    assert "not fetched" in text, text
    for w in words:
        assert w in text, (w, text)
    assert time.monotonic() - start < 0.5  # refused before any connection attempt
    assert fetcher.log[-1].ok is False and "not fetched" in fetcher.log[-1].detail
    return text


# --- the policy ------------------------------------------------------------------------

@pytest.mark.parametrize("address, klass", [
    ("8.8.8.8", PUBLIC), ("2001:4860:4860::8888", PUBLIC),
    ("10.0.0.1", PRIVATE), ("172.16.5.4", PRIVATE), ("192.168.1.1", PRIVATE),
    ("100.64.1.1", PRIVATE), ("fd12:3456::1", PRIVATE),
    ("127.0.0.1", LOOPBACK_CLASS), ("127.8.8.8", LOOPBACK_CLASS), ("::1", LOOPBACK_CLASS),
    ("169.254.169.254", METADATA), ("169.254.170.2", METADATA), ("fd00:ec2::254", METADATA),
    ("100.100.100.200", METADATA), ("168.63.129.16", METADATA),
    ("169.254.1.1", LINK_LOCAL), ("fe80::1", LINK_LOCAL), ("fe80::1%lo", LINK_LOCAL),
    # IPv4 inside IPv6 goes where the IPv4 address goes
    ("::ffff:169.254.169.254", METADATA), ("::ffff:127.0.0.1", LOOPBACK_CLASS),
    ("64:ff9b::a9fe:a9fe", METADATA), ("2002:a9fe:a9fe::1", METADATA),
    ("::ffff:10.1.1.1", PRIVATE),
    ("0.0.0.0", SPECIAL), ("0.1.2.3", SPECIAL), ("::", SPECIAL), ("224.0.0.1", SPECIAL),
    ("255.255.255.255", SPECIAL), ("ff02::1", SPECIAL),
])
def test_address_classes(address, klass):
    assert address_class(address) == klass


@pytest.mark.parametrize("target, allowed", [
    (None, {PUBLIC}),
    ("8.8.8.8", {PUBLIC}),
    ("10.1.2.3", {PUBLIC, PRIVATE}),  # an internal CA on an internal network is normal
    ("127.0.0.1", {PUBLIC, LOOPBACK_CLASS}),
    ("localhost", {PUBLIC, LOOPBACK_CLASS}),
    ("169.254.10.10", {PUBLIC}),
    ("name.invalid", {PUBLIC}),  # not resolvable: the strictest
])
def test_scope_follows_the_target(target, allowed):
    assert Scope(target).allowed() == allowed


def test_a_target_with_addresses_in_several_classes_gets_what_all_allow():
    both = Scope("dual.test", resolver=lambda host, port: ("127.0.0.1", "10.0.0.7"))
    assert both.allowed() == {PUBLIC}


# --- refusals, and proof that nothing was contacted -------------------------------------

def test_public_target_never_contacts_loopback_or_private(recorder):
    f = Fetcher(scope=Scope.public(), timeout=2)
    refused(f, recorder.url(), "127.0.0.1", "loopback", "the target is public")
    refused(f, recorder.url(host="localhost"), "localhost resolves to", "loopback")
    refused(f, "http://10.20.30.40/ca.crt", "10.20.30.40", "private")
    assert recorder.connects == []


def test_private_target_may_not_reach_loopback(recorder):
    f = Fetcher(scope=Scope("10.1.2.3"), timeout=2)
    refused(f, recorder.url(), "loopback", "10.1.2.3, on a private network")
    assert recorder.connects == []


@pytest.mark.parametrize("scope", [Scope.public(), Scope("10.1.2.3"), Scope("127.0.0.1")],
                         ids=["public", "private", "loopback"])
@pytest.mark.parametrize("url, words", [
    ("http://169.254.169.254/latest/meta-data/iam/security-credentials/", ("cloud metadata",)),
    ("http://[fd00:ec2::254]/latest/meta-data/", ("cloud metadata",)),
    ("http://100.100.100.200/latest/meta-data/", ("cloud metadata",)),
    ("http://169.254.1.2/", ("link-local",)),
    ("http://[fe80::1]/", ("link-local",)),
    ("http://[::ffff:169.254.169.254]/", ("cloud metadata",)),
    ("http://0.0.0.0:1/", ("non-unicast",)),
])
def test_metadata_and_link_local_are_never_contacted(scope, url, words):
    refused(Fetcher(scope=scope, timeout=2), url, "never contacted", *words)


def test_metadata_names_are_refused_without_even_a_lookup():
    lookups: list[str] = []

    def resolver(host: str, port: int) -> tuple[str, ...]:
        lookups.append(host)
        return ("127.0.0.1",)

    f = Fetcher(scope=LOOPBACK, timeout=2, resolver=resolver)
    refused(f, "http://metadata.google.internal/computeMetadata/v1/", "metadata name")
    refused(f, "http://Metadata.Google.Internal./x", "metadata name")
    refused(f, "http://169.254.169.254/x", "never contacted")  # an address is not looked up
    assert lookups == []


def test_a_name_with_one_forbidden_address_among_good_ones_is_refused_whole(recorder):
    f = Fetcher(scope=LOOPBACK, timeout=2,
                resolver=lambda host, port: ("127.0.0.1", "169.254.169.254"))
    refused(f, recorder.url(host="aia.test"), "169.254.169.254", "never contacted")
    assert recorder.connects == []


def test_the_connection_goes_to_the_checked_address(recorder):
    """DNS rebinding: one lookup per fetch; the second answer (metadata) is never used."""
    answers = iter([("127.0.0.1",), ("169.254.169.254",), ("169.254.169.254",)])
    lookups: list[str] = []

    def rebinding(host: str, port: int) -> tuple[str, ...]:
        lookups.append(host)
        return next(answers)

    f = Fetcher(scope=LOOPBACK, timeout=2, resolver=rebinding)
    assert f.get(recorder.url("/ca.crt", host="rebind.test")) == b"recorded"
    assert lookups == ["rebind.test"]
    (head,) = recorder.connects
    assert head.startswith(b"GET /ca.crt ") and f"Host: rebind.test:{recorder.port}".encode() in head


# --- redirects --------------------------------------------------------------------------

@pytest.mark.parametrize("location, words", [
    ("http://169.254.169.254/latest/meta-data/", ("a redirect", "cloud metadata", "never contacted")),
    ("http://10.0.0.1/admin", ("a redirect", "private", "outside the scope")),
    ("http://[fe80::1]/", ("a redirect", "link-local")),
])
def test_redirects_cannot_leave_the_scope(http_srv, location, words):
    http_srv.routes["/go"] = Route(status=302, location=location)
    f = Fetcher(scope=LOOPBACK, timeout=2)
    refused(f, http_srv.url("/go"), *words)
    assert http_srv.hits == ["/go"]


def test_a_redirect_within_the_scope_is_followed(http_srv, recorder):
    http_srv.routes["/go"] = Route(status=302, location=recorder.url("/there", host="localhost"))
    assert Fetcher(scope=LOOPBACK, timeout=2).get(http_srv.url("/go")) == b"recorded"
    assert len(recorder.connects) == 1


def test_a_public_url_cannot_redirect_into_the_targets_own_network(recorder):
    """The scope narrows to the certificate URL's own class after the first hop: a public
    URL's redirect to loopback is refused even though the target (loopback) may reach
    loopback. (No public server can be run here, so the narrowed hop is checked directly.)"""
    f = Fetcher(scope=LOOPBACK, timeout=2)
    with pytest.raises(FetchError, match="outside the scope of the URL the certificate named"):
        f._admit(recorder.url(), frozenset({PUBLIC}), redirected=True)
    assert recorder.connects == []


# --- through the chain analysis: AIA, OCSP and CRL of a hostile certificate -------------

def test_hostile_aia_ocsp_crl_are_refused_and_shown(inter, stores, recorder):
    hostile = inter.issue(["localhost"], aia_issuer_url="http://169.254.169.254/latest/meta-data/",
                          ocsp_url=recorder.url("/ocsp"), crl_url="http://10.9.8.7/crl")
    f = Fetcher(scope=Scope.public(), timeout=2)
    start = time.monotonic()
    leaf_only = analyze([hostile.cert], stores, fetcher=f)  # AIA needed: the intermediate is missing
    full = analyze(hostile.chain, stores, fetcher=f)  # revocation: OCSP, then the CRL
    assert time.monotonic() - start < 2
    assert recorder.connects == []  # the OCSP POST never left
    shown = " ".join(leaf_only.fetches + full.fetches)
    assert "169.254.169.254" in shown and "never contacted" in shown
    assert "/ocsp: not fetched" in shown and "loopback" in shown
    assert "10.9.8.7" in shown and "private" in shown
    assert full.revocation.startswith("unknown")
    assert leaf_only.to_json()["fetches"] == list(leaf_only.fetches)


def test_an_intermediate_fetched_over_aia_cannot_steer_the_next_fetch(ca, stores, http_srv,
                                                                      recorder):
    """The AIA URL of an intermediate tlsdoctor fetched itself is checked like the first:
    here it names a metadata address, and the chase stops there, visibly."""
    outer = ca.intermediate(name="tlsdoctor outer CA")
    inner = CA(name="tlsdoctor inner CA", parent=outer,
               aia_issuer_url="http://169.254.169.254/outer.cer")
    http_srv.routes["/inner.der"] = Route(body=inner.cert.public_bytes(Encoding.DER))
    leaf = inner.issue(["localhost"], aia_issuer_url=http_srv.url("/inner.der"))
    f = Fetcher(scope=LOOPBACK, timeout=2)
    r = analyze([leaf.cert], stores, fetcher=f)
    assert http_srv.hits == ["/inner.der"]
    assert [x.url for x in f.log] == [http_srv.url("/inner.der"), "http://169.254.169.254/outer.cer"]
    assert f.log[0].ok and not f.log[1].ok
    assert any("169.254.169.254" in x and "never contacted" in x for x in r.fetches)


# --- end to end: diagnose a real server whose certificate is hostile ---------------------

def test_diagnose_shows_the_refusal_and_contacts_nothing_else(pki, s_server, recorder):
    inter = pki.ca.intermediate(name="tlsdoctor hostile issuing CA")
    leaf = inter.issue(("localhost",), aia_issuer_url="http://169.254.169.254/latest/meta-data/",
                       ocsp_url="http://[fd00:ec2::254]/", crl_url="http://10.0.0.1/x.crl")
    chain, key = pki.write(leaf)
    chain.write_bytes(leaf.cert_pem)  # the leaf alone: tlsdoctor would chase the AIA URL
    srv = s_server(chain_path=chain, key_path=key)
    r = subprocess.run([sys.executable, "-m", "tlsdoctor", "diagnose", f"localhost:{srv.port}",
                        "--connect", "127.0.0.1", "--ca-file", str(pki.root_pem), "--timeout",
                        "3", "--json"], capture_output=True, text=True, timeout=60,
                       env={**os.environ})
    data = json.loads(r.stdout)
    assert r.returncode == 2, r.stderr
    fetches = " ".join(data["chain"]["fetches"])
    assert "http://169.254.169.254/latest/meta-data/: not fetched" in fetches
    assert "never contacted" in fetches
    assert data["findings"][0]["cause"] == "incomplete_chain"
    assert any("not fetched" in e for e in data["findings"][0]["evidence"])
    assert recorder.connects == []
