"""ChainFacts: what is true of a chain as a server sent it. Facts only, never causes.

``analyze_chain`` (analyze.py) fills these; the certificate rules in
``tlsdoctor.diagnosis.rules`` decide what they mean for a client. ``None`` means "could
not be determined" (no hostname given, no issuer to check revocation with...).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from .certinfo import BadCertificate, CertInfo
from .hostname import HostnameCheck


@dataclass(frozen=True, slots=True, kw_only=True)
class PathLink:
    """One certificate on the path from the leaf to its anchor."""

    info: CertInfo
    pem: str  # the certificate itself, for bundles and trust instructions
    served_index: int | None  # position in what the server sent; None: a store or AIA
    role: str  # "leaf", "intermediate #1", "root"

    @property
    def from_store(self) -> bool:
        return self.info.source.startswith("store:")

    @property
    def from_aia(self) -> bool:
        return self.info.source.startswith("aia:")

    @property
    def is_anchor(self) -> bool:
        """Self-signed or a trust-store root: its own signature is not judged."""
        return self.info.self_signed or self.from_store


@dataclass(frozen=True, slots=True, kw_only=True)
class Validity:
    """Where ``now`` falls in one path certificate's validity period."""

    position: int  # index on the path
    state: str  # "expired", "not_yet_valid", "expiring", "valid"
    seconds: int  # how far past notAfter / before notBefore / until notAfter


@dataclass(frozen=True, slots=True, kw_only=True)
class MissingIssuer:
    """The path stops at a certificate whose issuer is neither sent, stored nor fetched."""

    issuer: str  # its issuer's DN
    issuer_name: str  # the CN (how people call it)
    top_is_ca: bool  # the last certificate found is a CA (an intermediate), not the leaf
    has_aia: bool  # it names a caIssuers URL
    tried: tuple[str, ...]  # what fetching it said ("AIA fetching is off"...)


@dataclass(frozen=True, slots=True, kw_only=True)
class ServedOrder:
    """How what the server sent differs from leaf, intermediates in order, no root."""

    problems: tuple[str, ...]
    only_root_sent: bool  # the one problem is that the root is included
    corrected_pem: str | None  # the right bundle from what was sent; None: nothing to send
    # Served positions of stale cross-signed copies of the anchor (off the built path;
    # expired, or issued by a root that expired)...
    expired_cross_signs: tuple[int, ...] = ()
    # ...and those whose own issuer (the old root) the default store still holds: a client
    # that follows the chain as sent reaches that root through the expired copy.
    cross_issuer_trusted: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class WeakLink:
    """A certificate on the path with weak cryptography (its position and what is weak)."""
    position: int
    problems: tuple[str, ...]  # "signed with SHA1", "RSA key of 1024 bits (minimum 2048)"


@dataclass(frozen=True, slots=True, kw_only=True)
class Interception:
    """The path shows a TLS inspection product's CA: which product, and where on the path."""
    product: str
    pattern: str
    source: str
    position: int  # the path certificate issued by the inspection CA
    key_public: str = ""  # where the root's private key was published ("" when it was not)


@dataclass(frozen=True, slots=True, kw_only=True)
class Revocation:
    """What OCSP and CRLs said about the leaf certificate."""
    status: str  # "good", "revoked", "unknown: reason", "not checked"
    source: str = ""  # which answer decided ("stapled OCSP", "CRL http://...")
    revoked_at: datetime | None = None
    reason: str | None = None
    other_answers: tuple[str, ...] = ()  # the other sources consulted, summarised


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainFacts:
    """The chain as sent, the path built from it, and every check's outcome."""

    certificates: tuple[CertInfo, ...]  # as served, in order (unparsable ones left out)
    now: datetime
    warn_days: int
    default_store: str
    store_names: tuple[str, ...]
    bad_certificates: tuple[BadCertificate, ...] = ()
    dropped: int = 0  # certificates past the parsing limit
    empty: bool = False  # the server's Certificate message held nothing
    leaf_unparsable: BadCertificate | None = None
    path: tuple[PathLink, ...] = ()  # leaf -> ... -> anchor as built
    anchored: bool = False  # the path ends at a self-signed certificate or a store root
    anchor_stores: tuple[str, ...] = ()  # stores holding the path's anchor
    leaf_trusted_as_is: bool = False  # a self-signed leaf the default store holds itself
    trusted_by: Mapping[str, bool] | None = None  # store -> the served chain verifies there
    verified: bool = False  # verifies against the default store at ``now``
    verify_error: str | None = None
    hostname: str | None = None
    host_check: HostnameCheck | None = None
    served_sni: bool = True  # the client sent SNI (a default certificate explains a mismatch)
    validity: tuple[Validity, ...] = ()
    interception: Interception | None = None
    missing_issuer: MissingIssuer | None = None
    completed_chain_pem: str | None = None  # leaf + intermediates, no root; None: not needed
    order: ServedOrder | None = None
    weak: tuple[WeakLink, ...] = ()
    purpose_problems: tuple[str, ...] = ()  # EKU, keyUsage, CA flag, path constraints
    key_type_conflicts: tuple[str, ...] = ()  # negotiated suite vs the certificate's key
    negotiated_kx: str | None = None
    revocation: Revocation = Revocation(status="not checked")
    must_staple: bool = False
    stapled: bool = False
    fetches: tuple[str, ...] = ()  # AIA/OCSP/CRL URLs fetched (or refused), with the result

    @property
    def leaf(self) -> PathLink | None:
        return self.path[0] if self.path else None

    @property
    def top(self) -> PathLink | None:
        return self.path[-1] if self.path else None

    @property
    def fetched_links(self) -> tuple[PathLink, ...]:
        """Intermediates the server should have sent, fetched over AIA (a root fetched
        over AIA is no missing intermediate: servers need not send the root)."""
        return tuple(p for p in self.path if p.from_aia and not p.info.self_signed)

    @property
    def fetched_root(self) -> PathLink | None:
        """The path's root when it was only found over AIA (a private CA's, typically)."""
        top = self.top
        return top if top is not None and top.from_aia and top.info.self_signed else None

    @property
    def anchor_in_default(self) -> bool:
        return self.default_store in self.anchor_stores

    @property
    def validity_window(self) -> tuple[datetime, datetime] | None:
        """Latest notBefore and earliest notAfter on the path."""
        if not self.path:
            return None
        return (max(p.info.not_before for p in self.path),
                min(p.info.not_after for p in self.path))

    @property
    def hostname_ok(self) -> bool | None:
        return self.host_check.matches if self.host_check is not None else None

    def to_json(self) -> dict[str, Any]:
        window = self.validity_window
        return {
            "certificates": [c.to_json() for c in self.certificates],
            "path": [p.info.to_json() for p in self.path],
            "verified": self.verified,
            "trusted_by": dict(self.trusted_by or {}),
            "default_store": self.default_store,
            "hostname": self.hostname,
            "hostname_ok": self.hostname_ok,
            "verify_error": self.verify_error,
            "validity_window": [window[0].isoformat(), window[1].isoformat()] if window else None,
            "revocation": self.revocation.status,
            "completed_chain_pem": self.completed_chain_pem,
            "bad_certificates": [{"index": b.index, "size": b.size, "sha256": b.sha256,
                                  "error": b.error} for b in self.bad_certificates],
            "fetches": list(self.fetches),
        }

    def write_bundle(self, path: str | Path) -> Path | None:
        """Write the corrected chain (when there is one) to ``path``; returns the path."""
        if not self.completed_chain_pem:
            return None
        p = Path(path)
        p.write_text(self.completed_chain_pem, encoding="ascii")
        return p
