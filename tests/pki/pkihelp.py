"""Helpers for tlsdoctor.pki tests (imported by the test modules; fixtures are in conftest)."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives.serialization import Encoding
from cryptography.x509 import ocsp

from tlsdoctor.api.judge import judge
from tlsdoctor.evidence import Evidence, Source
from tlsdoctor.finding import Finding
from tlsdoctor.pki import analyze as _analyze
from tlsdoctor.pki.chain import ChainFacts
from tlsdoctor.pki.fetch import Fetcher, Scope
from tlsdoctor.pki.trust import TrustStores
from tlsdoctor.probe.target import Target
from tlsdoctor.testing.ca import CA, Leaf


def der(certs: Any) -> list[bytes]:
    return [c.public_bytes(Encoding.DER) for c in certs]


def judged(chain: ChainFacts, hostname: str | None = None) -> tuple[Finding, ...]:
    """The findings the one judgement makes of a chain alone (as ``tlsdoctor cert`` does)."""
    target = Target(host=hostname, sni=hostname) if hostname else None
    return judge(Evidence(now=chain.now, source=Source.CHAIN, target=target, chain=chain))


class Judged:
    """pki's facts about a chain, plus the findings the judgement makes of them."""

    def __init__(self, facts: ChainFacts) -> None:
        self.facts = facts
        self.findings = judged(facts, facts.hostname)

    @property
    def path(self) -> tuple[Any, ...]:
        return tuple(p.info for p in self.facts.path)

    @property
    def revocation(self) -> str:
        return self.facts.revocation.status

    def __getattr__(self, name: str) -> Any:
        return getattr(self.facts, name)


def analyze_chain(chain_der: Any, **kw: Any) -> Judged:
    """pki.analyze.analyze_chain, judged."""
    return Judged(_analyze.analyze_chain(chain_der, **kw))


def analyze(chain: Any, stores: TrustStores, *, hostname: str | None = "localhost",
            **kw: Any) -> Judged:
    """analyze_chain on a Leaf's chain or a list of certificates, at the current time."""
    certs = chain.chain if isinstance(chain, Leaf) else chain
    kw.setdefault("now", datetime.now(UTC))
    return analyze_chain(der(certs), hostname=hostname, stores=stores, **kw)


def causes(report: Judged) -> list[str]:
    return [str(f.cause) for f in report.findings]


class OcspResponder:
    """A minimal RFC 6960 responder for ``issuer``: answers for the certificates added,
    "unauthorized" for any other, "malformedRequest" for bytes that are no request."""

    def __init__(self, issuer: CA) -> None:
        self.issuer = issuer
        self.known: dict[int, tuple[x509.Certificate, str]] = {}

    def add(self, leaf: Leaf, status: str) -> None:
        self.known[leaf.serial] = (leaf.cert, status)

    def __call__(self, body: bytes) -> bytes:
        try:
            req = ocsp.load_der_ocsp_request(body)
        except ValueError:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.MALFORMED_REQUEST).public_bytes(Encoding.DER)
        entry = self.known.get(req.serial_number)
        if entry is None:
            return ocsp.OCSPResponseBuilder.build_unsuccessful(
                ocsp.OCSPResponseStatus.UNAUTHORIZED).public_bytes(Encoding.DER)
        return self.issuer.ocsp_response(entry[0], entry[1])  # type: ignore[arg-type]


# The HTTP servers of these tests listen on loopback: fetch as for a target on loopback.
LOOPBACK = Scope("127.0.0.1")


def fetcher(timeout: float = 3.0, **kw: Any) -> Fetcher:
    return Fetcher(scope=LOOPBACK, timeout=timeout, **kw)


def elapsed(start: float) -> float:
    return time.monotonic() - start


@dataclass
class Route:
    body: bytes = b""
    status: int = 200
    location: str | None = None
    content_type: str = "application/octet-stream"
    stream_bytes: int = 0  # send this many bytes without Content-Length
    delay: float = 0.0  # pause (bounded) before answering
    ocsp: Callable[[bytes], bytes] | None = None  # POST handler


@dataclass
class HttpServer:
    port: int
    routes: dict[str, Route] = field(default_factory=dict)
    hits: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"
