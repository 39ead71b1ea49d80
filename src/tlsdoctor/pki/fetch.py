"""Bounded plain-HTTP fetches for the addresses certificates name: AIA caIssuers, OCSP, CRL.

These URLs are ``http://`` by design (RFC 5280 §4.2.2.1, RFC 6960 App. A: fetching them
over TLS could need the very chain being checked), so only ``http://`` is followed; any
other scheme, in the certificate or in a redirect, is refused. Every fetch is bounded:
3 redirects, ``max_bytes`` of body, ``timeout`` seconds in total. Results (and failures)
are cached per URL for the Fetcher's lifetime, so one diagnosis asks each URL once.

The URLs come from the server's certificates, so a hostile server chooses them (blind
SSRF: "fetch http://169.254.169.254/..." or an internal admin page; OCSP even POSTs).
Hence ``Scope`` (issue 11): every host is resolved and *every* address checked before
a connection, and the connection goes to the address that was checked (no second DNS
answer: DNS rebinding). Link-local and cloud metadata addresses are never contacted;
loopback and private addresses only when the target itself is on loopback / a private
network (an internal CA on an internal network is normal); a redirect never leaves the
classes of address the certificate's URL had (public stays public). Each refusal is a
FetchError "not fetched: why", logged like any failed fetch.
"""

from __future__ import annotations

import ipaddress
import socket
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

from cryptography import x509

from ..addresses import is_ip
from .certinfo import BadCertificate, load_any

if TYPE_CHECKING:  # http.client (and the email package it loads) only when fetching
    import http.client

MAX_REDIRECTS = 3
MIB = 1024 * 1024
USER_AGENT = "tlsdoctor (certificate chain check)"


class FetchError(Exception):
    """A fetch that did not give a usable answer; the message is shown to the user."""


# --- where fetches may go ----------------------------------------------------------------

PUBLIC, PRIVATE, LOOPBACK = "public", "private", "loopback"
LINK_LOCAL, METADATA, SPECIAL = "link-local", "cloud metadata", "non-unicast"
NEVER = frozenset({LINK_LOCAL, METADATA, SPECIAL})

# Instance metadata endpoints, which answer anyone on the machine with its credentials.
# AWS EC2 (IMDS 169.254.169.254, IPv6 fd00:ec2::254; ECS task metadata 169.254.170.2) and
# Azure IMDS / GCP / OpenStack / DigitalOcean / Oracle (169.254.169.254) are link-local
# and refused as such too; these are the ones outside 169.254.0.0/16: Alibaba Cloud
# 100.100.100.200, Azure WireServer 168.63.129.16 (a public address), Oracle Cloud's
# legacy 192.0.0.192. Sources: each provider's instance-metadata documentation.
METADATA_ADDRESSES = frozenset(ipaddress.ip_address(a) for a in (
    "169.254.169.254", "169.254.170.2", "fd00:ec2::254", "100.100.100.200", "168.63.129.16",
    "192.0.0.192"))
METADATA_NAMES = frozenset({"metadata.google.internal", "metadata.goog", "metadata",
                            "instance-data", "instance-data.ec2.internal"})
_NAT64 = ipaddress.ip_network("64:ff9b::/96")  # RFC 6052 well-known prefix
_THIS_NETWORK = ipaddress.ip_network("0.0.0.0/8")  # 0.0.0.0 reaches this host on Linux

Resolver = Callable[[str, int], Sequence[str]]


def resolve(host: str, port: int) -> tuple[str, ...]:
    """Every address ``host`` resolves to for TCP, in the resolver's order, deduplicated."""
    infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return tuple(dict.fromkeys(str(info[4][0]) for info in infos))


def address_class(address: str) -> str:
    """PUBLIC, PRIVATE, LOOPBACK, or one of the NEVER classes, for an IP address."""
    ip: ipaddress.IPv4Address | ipaddress.IPv6Address = ipaddress.ip_address(address.split("%")[0])
    if ip in METADATA_ADDRESSES:
        return METADATA
    if isinstance(ip, ipaddress.IPv6Address):
        # An IPv4 address inside IPv6 (mapped, 6to4, NAT64) goes where the IPv4 one goes.
        inner = ip.ipv4_mapped or ip.sixtofour or (
            ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF) if ip in _NAT64 else None)
        if inner is not None:
            return address_class(str(inner))
    if ip.is_loopback:
        return LOOPBACK
    if ip.is_link_local:
        return LINK_LOCAL
    if ip.is_unspecified or ip.is_multicast or ip.is_reserved or ip in _THIS_NETWORK:
        return SPECIAL
    return PUBLIC if ip.is_global else PRIVATE


_REACH = {PUBLIC: frozenset({PUBLIC}), PRIVATE: frozenset({PUBLIC, PRIVATE}),
          LOOPBACK: frozenset({PUBLIC, LOOPBACK})}


class Scope:
    """Where the target is, hence which addresses its certificates may make us contact.

    ``target``: the name or address tlsdoctor probes (None: treat it as public, the
    strictest). Resolved on first use, so a diagnosis that fetches nothing pays no lookup.
    A target on loopback may fetch from loopback, one on a private network from private
    addresses, every target from public ones; a target whose addresses fall in several
    classes gets only what all of them allow.
    """

    def __init__(self, target: str | None = None, *, resolver: Resolver = resolve) -> None:
        self.target = target
        self._resolver = resolver
        self._allowed: frozenset[str] | None = None
        self._where = "public"

    @classmethod
    def public(cls) -> Scope:
        return cls(None)

    def allowed(self) -> frozenset[str]:
        if self._allowed is None:
            classes = self._target_classes()
            allowed = frozenset({PUBLIC})
            if classes:
                allowed = frozenset.intersection(*(_REACH.get(c, frozenset({PUBLIC}))
                                                   for c in classes))
                self._where = " and ".join(sorted(_WHERE.get(c, c) for c in classes))
            self._allowed = allowed
        return self._allowed

    def describe(self) -> str:
        """"127.0.0.1, on loopback", "10.0.0.5, on a private network", "public"."""
        self.allowed()
        return f"{self.target}, {self._where}" if self.target else "public"

    def _target_classes(self) -> set[str]:
        if not self.target:
            return set()
        try:
            return {address_class(a) for a in self._resolver(self.target, 443)}
        except (OSError, UnicodeError, ValueError):
            return set()  # not resolvable here (e.g. only behind --proxy): the strictest


_WHERE = {PUBLIC: "public", PRIVATE: "on a private network", LOOPBACK: "on loopback"}


def _refusal(host: str, address: str, klass: str, allowed: frozenset[str], scope: Scope,
             redirected: bool) -> str | None:
    """Why ``address`` may not be contacted, or None when it may."""
    if klass in allowed:
        return None
    where = f"{address} is" if host == address else f"{host} resolves to {address},"
    if klass in NEVER:
        return f"{where} a {klass} address: never contacted"
    if redirected:
        return (f"redirected to {where.removesuffix(' is')}{',' if host == address else ''} "
                f"a {klass} address, outside the scope of the URL the certificate named")
    return (f"{where} a {klass} address: fetched only when the target is {_WHERE[klass]} "
            f"too (the target is {scope.describe()})")


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchLog:
    url: str
    ok: bool
    detail: str  # "200, 1234 bytes" or the error


@dataclass(slots=True)
class Fetcher:
    """HTTP GET/POST for AIA, OCSP and CRL URLs; ``offline`` refuses every fetch.

    ``scope``: where the target is (``Scope(target_address)``); the default, public,
    is the strictest. ``resolver`` is replaceable for tests.
    """

    offline: bool = False
    timeout: float = 5.0
    max_bytes: int = MIB
    cache: dict[tuple[str, str, bytes], bytes | FetchError] = field(default_factory=dict)
    log: list[FetchLog] = field(default_factory=list)
    max_fetches: int = 20  # per Fetcher: a hostile chain cannot make us crawl
    budget: float = 15.0  # seconds for all fetches together (one diagnosis stays bounded)
    spent: float = 0.0
    scope: Scope = field(default_factory=Scope.public)
    resolver: Resolver = resolve
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def get(self, url: str) -> bytes:
        return self._cached("GET", url, b"", "")

    def post(self, url: str, body: bytes, content_type: str) -> bytes:
        return self._cached("POST", url, body, content_type)

    def ca_issuers(self, url: str) -> tuple[x509.Certificate, ...]:
        """The certificate(s) published at an AIA caIssuers URL (DER, PEM or PKCS#7)."""
        data = self.get(url)
        certs = tuple(c for c in load_any(data) if not isinstance(c, BadCertificate))
        if not certs:
            raise FetchError(f"{url}: no certificate in the {len(data)} bytes received")
        return certs

    def crl(self, url: str) -> x509.CertificateRevocationList:
        data = self.get(url)
        try:
            if data.lstrip().startswith(b"-----BEGIN"):
                return x509.load_pem_x509_crl(data)
            return x509.load_der_x509_crl(data)
        except ValueError as exc:
            raise FetchError(f"{url}: not a CRL ({exc})") from None

    # --- transport -------------------------------------------------------------------

    def _cached(self, method: str, url: str, body: bytes, ctype: str) -> bytes:
        key = (method, url, body)
        with self._lock:
            hit = self.cache.get(key)
        if hit is None:
            try:
                hit = self._fetch(method, url, body, ctype)
                self.log.append(FetchLog(url=url, ok=True, detail=f"{len(hit)} bytes"))
            except FetchError as exc:
                hit = exc
                # The message names the URL first; the log entry carries the URL already.
                detail = str(exc).removeprefix(f"{url}: ")
                self.log.append(FetchLog(url=url, ok=False, detail=detail))
            with self._lock:
                self.cache[key] = hit
        if isinstance(hit, FetchError):
            raise hit
        return hit

    def _fetch(self, method: str, url: str, body: bytes, ctype: str) -> bytes:
        if self.offline:
            raise FetchError(f"{url}: not fetched (offline)")
        if len(self.log) >= self.max_fetches:
            raise FetchError(f"{url}: not fetched (more than {self.max_fetches} fetches)")
        left = self.budget - self.spent
        if left <= 0:
            raise FetchError(f"{url}: not fetched (the {self.budget:g}s fetch budget is used up)")
        start = time.monotonic()
        try:
            return self._follow(method, url, body, ctype, start + min(self.timeout, left))
        except ValueError as exc:  # urlsplit's "Invalid IPv6 URL", http.client's InvalidURL
            raise FetchError(f"{_clip(url)}: not fetched: not a usable URL ({_clip(str(exc), 80)})"
                             ) from None
        finally:
            self.spent += time.monotonic() - start

    def _follow(self, method: str, url: str, body: bytes, ctype: str, deadline: float) -> bytes:
        current = url
        allowed = self.scope.allowed()
        for hop in range(MAX_REDIRECTS + 1):
            addresses = self._admit(current, allowed, redirected=hop > 0)
            if hop == 0:  # redirects stay within the classes the certificate's URL had
                allowed = allowed & ({PUBLIC} | {address_class(a) for a in addresses})
            status, location, data = self._once(method, current, body, ctype, deadline, addresses)
            if status in (301, 302, 303, 307, 308):
                if not location:
                    raise FetchError(f"{current}: redirect without a Location")
                nxt = urljoin(current, location)
                if urlsplit(nxt).scheme.lower() != "http":
                    raise FetchError(f"{current}: redirect to a non-http URL refused ({_clip(nxt)})")
                current = nxt
                if status == 303:
                    method, body, ctype = "GET", b"", ""
                continue
            if status != 200:
                raise FetchError(f"{current}: HTTP {status}")
            return data
        raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")

    def _admit(self, url: str, allowed: frozenset[str], *, redirected: bool) -> tuple[str, ...]:
        """The addresses to connect to for ``url``, each one checked; FetchError if any may
        not be contacted (a name with one bad address among good ones is refused whole)."""
        parts = urlsplit(url)
        if parts.scheme.lower() != "http":
            raise FetchError(f"{_clip(url)}: only http:// URLs are fetched")
        host = (parts.hostname or "").rstrip(".")
        if not host:
            raise FetchError(f"{_clip(url)}: no host in URL")
        try:
            port = parts.port or 80
        except ValueError:
            raise FetchError(f"{_clip(url)}: bad port") from None
        shown = _clip(url) if not redirected else f"{_clip(url)} (a redirect)"
        if host.lower() in METADATA_NAMES:
            raise FetchError(f"{shown}: not fetched: {host} is a cloud metadata name: never contacted")
        try:
            addresses = (host,) if is_ip(host) else tuple(self.resolver(host, port))
            classes = [address_class(a) for a in addresses]
        except (OSError, UnicodeError, ValueError) as exc:
            raise FetchError(f"{shown}: not fetched: cannot resolve {_clip(host, 80)} "
                             f"({getattr(exc, 'strerror', None) or exc})") from None
        if not addresses:
            raise FetchError(f"{shown}: not fetched: {_clip(host, 80)} has no address")
        for address, klass in zip(addresses, classes, strict=True):
            why = _refusal(host, address, klass, allowed, self.scope, redirected)
            if why is not None:
                raise FetchError(f"{shown}: not fetched: {why}")
        return addresses

    def _once(self, method: str, url: str, body: bytes, ctype: str, deadline: float,
              addresses: Sequence[str]) -> tuple[int, str | None, bytes]:
        from http.client import HTTPException

        parts = urlsplit(url)
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn = _connect(parts.hostname or "", parts.port or 80, addresses, deadline, url)
        resp: http.client.HTTPResponse | None = None
        try:
            headers = {"User-Agent": USER_AGENT, "Accept": "*/*", "Connection": "close"}
            if ctype:
                headers["Content-Type"] = ctype
            conn.request(method, path, body=body or None, headers=headers)
            resp = conn.getresponse()
            length = resp.getheader("Content-Length")
            if length and length.isdigit() and int(length) > self.max_bytes:
                raise FetchError(f"{url}: response of {length} bytes exceeds the {self.max_bytes}-byte limit")
            if resp.status in (301, 302, 303, 307, 308):
                return resp.status, resp.getheader("Location"), b""
            return resp.status, None, self._body(resp, conn, url, deadline)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(f"{url}: timed out after {self.timeout:g}s") from None
        except (OSError, HTTPException) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {_clip(str(exc))}") from None
        finally:
            if resp is not None:
                resp.close()  # the response holds its own reference to the socket
            conn.close()

    def _body(self, resp: http.client.HTTPResponse, conn: http.client.HTTPConnection,
              url: str, deadline: float) -> bytes:
        chunks: list[bytes] = []
        total = 0
        while True:
            if conn.sock is not None:
                conn.sock.settimeout(_left(deadline, url))
            chunk = resp.read(min(65536, self.max_bytes + 1 - total))
            if not chunk:
                return b"".join(chunks)
            chunks.append(chunk)
            total += len(chunk)
            if total > self.max_bytes:
                raise FetchError(f"{url}: response exceeds the {self.max_bytes}-byte limit")


def _connect(host: str, port: int, addresses: Sequence[str], deadline: float,
             url: str) -> http.client.HTTPConnection:
    """HTTP to ``host`` (its name in the Host header) over a connection to the first of
    ``addresses`` that answers: the addresses that were checked, never a second lookup
    that DNS rebinding could answer differently."""
    import http.client

    error: Exception | None = None
    for address in addresses[:4]:
        conn = http.client.HTTPConnection(host, port, timeout=_left(deadline, url))
        try:
            # A connected socket set beforehand is used as is (http.client connects only
            # when ``sock`` is None).
            conn.sock = socket.create_connection((address, port), _left(deadline, url))
            return conn
        except TimeoutError:
            conn.close()
            raise FetchError(f"{url}: timed out connecting to {address}") from None
        except OSError as exc:
            conn.close()
            error = exc
    raise FetchError(f"{url}: {type(error).__name__}: {_clip(str(error))}")


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: timed out")
    return left


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
