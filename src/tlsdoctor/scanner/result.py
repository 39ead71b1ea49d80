"""What a scan found: frozen records per target, and their one JSON mapping.

``None`` always means "not probed" (or "could not tell"), never "no". The JSON shape
is documented in docs/scan-json.md; ``to_json`` here is the only place that builds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from ..finding import Finding, finding_to_json
from ..probe.outcome import ProbeResult
from ..probe.target import Target
from ..safe import printable
from .plans import VERSION_KEYS, VERSION_NAMES
from .suiteinfo import group_name, sigalg_name, suite_json

if TYPE_CHECKING:
    from .grade import Grade
    from .mozilla import Compliance

SCHEMA = "tlsdoctor.scanner/1"


@dataclass(frozen=True, slots=True, kw_only=True)
class ProtocolScan:
    version: int
    accepted: bool | None  # None: the network never let us tell
    suites: tuple[int, ...] = ()  # server preference order when ``server_order``
    server_order: bool | None = None  # None: fewer than two suites, or unclear
    complete: bool = True  # False: enumeration stopped early (see ``note``)
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"version": VERSION_NAMES.get(self.version, hex(self.version)),
                "key": VERSION_KEYS.get(self.version, hex(self.version)),
                "code": self.version, "accepted": self.accepted,
                "server_order": self.server_order, "complete": self.complete,
                "note": self.note, "suites": [suite_json(c) for c in self.suites]}


@dataclass(frozen=True, slots=True, kw_only=True)
class Enumerated:
    """Groups or signature schemes the server accepts, at ``version``."""

    version: int
    codes: tuple[int, ...]
    complete: bool  # ended with a refusal, so nothing is missing

    def to_json(self, namer: Any) -> dict[str, Any]:
        return {"version": VERSION_NAMES.get(self.version), "complete": self.complete,
                "accepted": [{"code": c, "name": namer(c)} for c in self.codes]}


@dataclass(frozen=True, slots=True, kw_only=True)
class CertChain:
    key_type: str  # what the probe asked for: "ecdsa", "rsa", or "default"
    label: str  # the probe that received it
    certificates: tuple[bytes, ...]  # DER as sent, leaf first

    @property
    def leaf_sha256(self) -> str | None:
        return hashlib.sha256(self.certificates[0]).hexdigest() if self.certificates else None

    def to_json(self) -> dict[str, Any]:
        return {"key_type": self.key_type, "probe": self.label,
                "chain": [describe_cert(d) for d in self.certificates[:10]]}


@dataclass(frozen=True, slots=True, kw_only=True)
class SniBehaviour:
    name: str | None  # the SNI sent (None: the target is an IP and none was given)
    with_sni: str | None  # leaf SHA-256 with SNI; None: handshake failed or not probed
    without_sni: str | None  # leaf SHA-256 without SNI
    without_sni_outcome: str = ""  # e.g. "alert unrecognized_name" when refused
    required: bool | None = None  # refuses hellos without SNI
    same_certificate: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "required": self.required,
                "same_certificate": self.same_certificate,
                "with_sni_leaf_sha256": self.with_sni, "without_sni_leaf_sha256": self.without_sni,
                "without_sni_outcome": self.without_sni_outcome}


@dataclass(frozen=True, slots=True, kw_only=True)
class Features:
    secure_renegotiation: bool | None = None
    extended_master_secret: bool | None = None
    session_ticket: bool | None = None
    compression: bool | None = None  # True: the server chose a compression method (CRIME)
    fallback_scsv: bool | None = None  # True: inappropriate_fallback on a downgraded retry
    alpn: tuple[str, ...] | None = None  # protocols the server selected when offered
    ocsp_stapling: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return {"secure_renegotiation": self.secure_renegotiation,
                "extended_master_secret": self.extended_master_secret,
                "session_ticket": self.session_ticket, "compression": self.compression,
                "fallback_scsv": self.fallback_scsv,
                "alpn": list(self.alpn) if self.alpn is not None else None,
                "ocsp_stapling": self.ocsp_stapling}


@dataclass(frozen=True, slots=True, kw_only=True)
class Intolerance:
    """True means the server (or the path) failed that hello although it should not."""

    future_version: bool | None = None  # 0x0305 in supported_versions
    legacy_version_0304: bool | None = None  # ClientHello.legacy_version 0x0304, no extension
    large_hello: bool | None = None  # a hello padded beyond one TCP segment
    notes: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"future_version": self.future_version,
                "legacy_version_0304": self.legacy_version_0304,
                "large_hello": self.large_hello, "notes": list(self.notes)}


@dataclass(frozen=True, slots=True, kw_only=True)
class TargetScan:
    target: Target
    reachable: bool = True
    error: str = ""  # why nothing could be scanned (DNS, refused, not TLS...)
    protocols: tuple[ProtocolScan, ...] = ()
    groups: Enumerated | None = None
    signature_algorithms: Enumerated | None = None
    dh_bits: int | None = None  # smallest finite-field DH group seen (DHE suites)
    certificates: tuple[CertChain, ...] = ()
    sni: SniBehaviour | None = None
    features: Features = field(default_factory=Features)
    intolerance: Intolerance = field(default_factory=Intolerance)
    compliance: tuple[Compliance, ...] = ()
    grade: Grade | None = None
    findings: tuple[Finding, ...] = ()
    probes: tuple[ProbeResult, ...] = ()
    handshakes: int = 0
    seconds: float = 0.0

    @property
    def accepted_versions(self) -> tuple[int, ...]:
        return tuple(p.version for p in self.protocols if p.accepted)

    def suites(self, version: int) -> tuple[int, ...]:
        for p in self.protocols:
            if p.version == version:
                return p.suites
        return ()

    @property
    def all_suites(self) -> tuple[int, ...]:
        return tuple(dict.fromkeys(s for p in self.protocols if p.accepted for s in p.suites))

    def to_json(self) -> dict[str, Any]:
        return {
            "target": self.target.to_json(), "reachable": self.reachable,
            "error": printable(self.error),
            "protocols": [p.to_json() for p in self.protocols],
            "groups": self.groups.to_json(group_name) if self.groups else None,
            "hybrid_pq": _hybrid(self.groups),
            "signature_algorithms": (self.signature_algorithms.to_json(sigalg_name)
                                     if self.signature_algorithms else None),
            "dh_bits": self.dh_bits,
            "certificates": [c.to_json() for c in self.certificates],
            "sni": self.sni.to_json() if self.sni else None,
            "features": self.features.to_json(),
            "intolerance": self.intolerance.to_json(),
            "compliance": {c.profile: c.to_json() for c in self.compliance},
            "grade": self.grade.to_json() if self.grade else None,
            "findings": [finding_to_json(f) for f in self.findings],
            "probes": [{"label": p.label, "outcome": p.outcome.value} for p in self.probes],
            "stats": {"handshakes": self.handshakes, "seconds": round(self.seconds, 3)},
        }


def _hybrid(groups: Enumerated | None) -> bool | None:
    from .plans import HYBRID_PQ_GROUPS

    if groups is None:
        return None
    if any(g in HYBRID_PQ_GROUPS for g in groups.codes):
        return True
    return False if groups.complete else None


@dataclass(frozen=True, slots=True, kw_only=True)
class ScanReport:
    targets: tuple[TargetScan, ...]
    handshakes: int
    seconds: float

    @property
    def exit_code(self) -> int:
        """As monitoring reads it (SPEC): 0 all good, 1 risks or warnings, 2 a target
        could not be scanned at all (unreachable, not TLS, nothing accepted)."""
        if any(not t.accepted_versions for t in self.targets):
            return 2
        for t in self.targets:
            if t.grade is not None and t.grade.grade not in ("A+", "A"):
                return 1
            if any(f.severity.value in ("blocking", "risk", "warning") for f in t.findings):
                return 1
        return 0

    def to_json(self) -> dict[str, Any]:
        return {"schema": SCHEMA, "targets": [t.to_json() for t in self.targets],
                "stats": {"handshakes": self.handshakes, "seconds": round(self.seconds, 3)},
                "exit_code": self.exit_code}


def describe_cert(der: bytes) -> dict[str, Any]:
    """A few display facts of one certificate; never raises on a broken one."""
    out: dict[str, Any] = {"sha256": hashlib.sha256(der).hexdigest(), "size": len(der)}
    try:
        from cryptography import x509
        from cryptography.hazmat.primitives.asymmetric import dsa, ec, ed448, ed25519, rsa

        cert = x509.load_der_x509_certificate(der)
        out["subject"] = printable(cert.subject.rfc4514_string(), limit=300)
        out["issuer"] = printable(cert.issuer.rfc4514_string(), limit=300)
        out["not_after"] = cert.not_valid_after_utc.isoformat()
        out["not_before"] = cert.not_valid_before_utc.isoformat()
        out["signature_oid"] = cert.signature_algorithm_oid.dotted_string
        out["lifetime_days"] = (cert.not_valid_after_utc - cert.not_valid_before_utc).days
        algo = cert.signature_hash_algorithm
        out["signature_hash"] = algo.name if algo is not None else None
        key = cert.public_key()
        if isinstance(key, rsa.RSAPublicKey):
            out["key"] = {"type": "rsa", "bits": key.key_size}
        elif isinstance(key, ec.EllipticCurvePublicKey):
            out["key"] = {"type": "ecdsa", "bits": key.key_size, "curve": key.curve.name}
        elif isinstance(key, ed25519.Ed25519PublicKey):
            out["key"] = {"type": "ed25519", "bits": 256}
        elif isinstance(key, ed448.Ed448PublicKey):
            out["key"] = {"type": "ed448", "bits": 456}
        elif isinstance(key, dsa.DSAPublicKey):
            out["key"] = {"type": "dsa", "bits": key.key_size}
        else:
            out["key"] = {"type": "other", "bits": None}
    except Exception as exc:  # any parse failure of untrusted DER is a fact, not a crash
        out["error"] = printable(f"unparseable certificate: {type(exc).__name__}", limit=200)
    return out


def leaf_keys(chains: Sequence[CertChain]) -> list[Mapping[str, Any]]:
    """Distinct leaf key facts (type, bits, curve, signature hash) of the chains seen."""
    seen: dict[str, Mapping[str, Any]] = {}
    for c in chains:
        if c.certificates and c.leaf_sha256 not in seen:
            d = describe_cert(c.certificates[0])
            seen[c.leaf_sha256 or ""] = d
    return list(seen.values())
