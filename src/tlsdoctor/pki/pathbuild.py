"""Build the path from a leaf to its anchor, the way a patient client would.

Order of preference at each step: a default-store root (the shortest trusted path, as
with a cross-signed root the server still sends), then a served issuer, the other
stores' roots, and last the issuer fetched from the certificate's AIA caIssuers URL.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .certinfo import CertInfo, aia_urls, sha256_hex, short_name, signed_by, to_pem
from .chain import PathLink
from .trust import TrustStore, TrustStores

if TYPE_CHECKING:  # loaded only when there is a fetcher
    from .fetch import Fetcher

MAX_PATH = 10  # RFC 5280 sets no limit; real chains are 2-4 deep, loops must stop
_SPKI = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One certificate of a built path, and where it came from."""
    cert: x509.Certificate
    info: CertInfo
    served_index: int | None


@dataclass(slots=True)
class BuiltPath:
    """A path from the leaf up, whether it reached an anchor, and what fetching said."""
    steps: list[Step]
    anchored: bool  # ends at a self-signed certificate or a store root
    fetch_errors: list[str] = field(default_factory=list)

    def links(self) -> tuple[PathLink, ...]:
        return tuple(PathLink(info=s.info, pem=to_pem([s.cert]), served_index=s.served_index,
                              role=_role(i, s)) for i, s in enumerate(self.steps))


def _role(i: int, step: Step) -> str:
    if i == 0:
        return "leaf"
    if step.info.self_signed or step.info.source.startswith("store:"):
        return "root"
    return f"intermediate #{i}"


def same_key(a: x509.Certificate, b: x509.Certificate) -> bool:
    try:
        return a.public_key().public_bytes(*_SPKI) == b.public_key().public_bytes(*_SPKI)
    except Exception:
        return False


def anchor_in(store: TrustStore, cert: x509.Certificate) -> bool:
    """The store holds this certificate, or a root with its subject and key (re-issued root)."""
    if store.contains(cert):
        return True
    return any(same_key(r, cert) for r in store.issuers_named(cert.subject))


def _issuer_in_store(store: TrustStore, cert: x509.Certificate) -> x509.Certificate | None:
    for root in store.issuers_named(cert.issuer):
        if signed_by(cert, root):
            return root
    return None


def _served_issuer(cur: x509.Certificate, served: list[x509.Certificate],
                   used: set[int]) -> int | None:
    for i, c in enumerate(served):
        if i not in used and c.subject == cur.issuer and signed_by(cur, c):
            return i
    return None


def _fingerprint(cert: x509.Certificate) -> str:
    return sha256_hex(cert.public_bytes(serialization.Encoding.DER))


class PathBuilder:
    def __init__(self, stores: TrustStores, fetcher: Fetcher | None) -> None:
        self.stores, self.fetcher = stores, fetcher
        self.fetch_errors: list[str] = []

    def build(self, served: list[x509.Certificate]) -> BuiltPath:
        leaf = served[0]
        steps = [Step(cert=leaf, info=CertInfo.of(leaf), served_index=0)]
        used, seen = {0}, {_fingerprint(leaf)}
        while len(steps) < MAX_PATH:
            cur = steps[-1].cert
            if cur.subject == cur.issuer and signed_by(cur, cur):
                return BuiltPath(steps, True, self.fetch_errors)
            nxt = self._next(cur, served, used)
            if nxt is None:
                return BuiltPath(steps, False, self.fetch_errors)
            steps.append(nxt)
            if nxt.info.source.startswith("store:"):
                return BuiltPath(steps, True, self.fetch_errors)
            if nxt.served_index is not None:
                used.add(nxt.served_index)
            else:  # fetched: stop on a loop of AIA pointers
                fp = _fingerprint(nxt.cert)
                if fp in seen:
                    steps.pop()
                    return BuiltPath(steps, False, self.fetch_errors)
                seen.add(fp)
        return BuiltPath(steps, False, self.fetch_errors)

    def _next(self, cur: x509.Certificate, served: list[x509.Certificate],
              used: set[int]) -> Step | None:
        default = self.stores.default
        root = _issuer_in_store(default, cur)
        if root is not None:
            return Step(cert=root, info=CertInfo.of(root, source=f"store:{default.name}"),
                        served_index=None)
        index = _served_issuer(cur, served, used)
        if index is not None:
            return Step(cert=served[index], info=CertInfo.of(served[index]), served_index=index)
        for store in self.stores.others:
            root = _issuer_in_store(store, cur)
            if root is not None:
                return Step(cert=root, info=CertInfo.of(root, source=f"store:{store.name}"),
                            served_index=None)
        fetched = self._aia_issuer(cur)
        if fetched is None:
            return None
        return Step(cert=fetched[0], info=CertInfo.of(fetched[0], source=f"aia:{fetched[1]}"),
                    served_index=None)

    def _aia_issuer(self, cur: x509.Certificate) -> tuple[x509.Certificate, str] | None:
        if self.fetcher is None:
            return None
        from .fetch import FetchError

        for url in aia_urls(cur, ocsp=False)[:2]:
            try:
                certs = self.fetcher.ca_issuers(url)
            except FetchError as exc:
                self.fetch_errors.append(str(exc))
                continue
            for c in certs:
                if signed_by(cur, c):
                    return c, url
            self.fetch_errors.append(f"{url}: the certificate there did not sign "
                                     f"'{short_name(cur.subject)}'")
        return None
