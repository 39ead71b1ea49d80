"""Bounded plain-HTTP fetches for the addresses certificates name: AIA caIssuers, OCSP, CRL.

These URLs are ``http://`` by design (RFC 5280 §4.2.2.1, RFC 6960 App. A: fetching them
over TLS could need the very chain being checked), so only ``http://`` is followed; any
other scheme, in the certificate or in a redirect, is refused. Every fetch is bounded:
3 redirects, ``max_bytes`` of body, ``timeout`` seconds in total. Results (and failures)
are cached per URL for the Fetcher's lifetime, so one diagnosis asks each URL once.
"""

from __future__ import annotations

import http.client
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from cryptography import x509

from .certinfo import BadCertificate, load_any

MAX_REDIRECTS = 3
MIB = 1024 * 1024
USER_AGENT = "tlsdoctor (certificate chain check)"


class FetchError(Exception):
    """A fetch that did not give a usable answer; the message is shown to the user."""


@dataclass(frozen=True, slots=True, kw_only=True)
class FetchLog:
    url: str
    ok: bool
    detail: str  # "200, 1234 bytes" or the error


@dataclass(slots=True)
class Fetcher:
    """HTTP GET/POST for AIA, OCSP and CRL URLs; ``offline`` refuses every fetch."""

    offline: bool = False
    timeout: float = 5.0
    max_bytes: int = MIB
    cache: dict[tuple[str, str, bytes], bytes | FetchError] = field(default_factory=dict)
    log: list[FetchLog] = field(default_factory=list)
    max_fetches: int = 20  # per Fetcher: a hostile chain cannot make us crawl
    budget: float = 15.0  # seconds for all fetches together (one diagnosis stays bounded)
    spent: float = 0.0
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
                self.log.append(FetchLog(url=url, ok=False, detail=str(exc)))
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
        finally:
            self.spent += time.monotonic() - start

    def _follow(self, method: str, url: str, body: bytes, ctype: str, deadline: float) -> bytes:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            status, location, data = self._once(method, current, body, ctype, deadline)
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

    def _once(self, method: str, url: str, body: bytes, ctype: str,
              deadline: float) -> tuple[int, str | None, bytes]:
        parts = urlsplit(url)
        if parts.scheme.lower() != "http":
            raise FetchError(f"{_clip(url)}: only http:// URLs are fetched")
        if not parts.hostname:
            raise FetchError(f"{_clip(url)}: no host in URL")
        try:
            port = parts.port or 80
        except ValueError:
            raise FetchError(f"{_clip(url)}: bad port") from None
        path = parts.path or "/"
        if parts.query:
            path += "?" + parts.query
        conn = http.client.HTTPConnection(parts.hostname, port, timeout=_left(deadline, url))
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
            chunks: list[bytes] = []
            total = 0
            while True:
                if conn.sock is not None:
                    conn.sock.settimeout(_left(deadline, url))
                chunk = resp.read(min(65536, self.max_bytes + 1 - total))
                if not chunk:
                    break
                chunks.append(chunk)
                total += len(chunk)
                if total > self.max_bytes:
                    raise FetchError(f"{url}: response exceeds the {self.max_bytes}-byte limit")
            return resp.status, None, b"".join(chunks)
        except FetchError:
            raise
        except TimeoutError:
            raise FetchError(f"{url}: timed out after {self.timeout:g}s") from None
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {_clip(str(exc))}") from None
        finally:
            if resp is not None:
                resp.close()  # the response holds its own reference to the socket
            conn.close()


def _left(deadline: float, url: str) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise FetchError(f"{url}: timed out")
    return left


def _clip(text: str, limit: int = 200) -> str:
    return text if len(text) <= limit else text[:limit] + "…"
