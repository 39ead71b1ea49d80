"""An SSL Labs-style grade for one scanned server, with the reason for every cap.

Scores follow the published SSL Labs "SSL Server Rating Guide" (2009, rev. 2009q):
protocol support 30 %, key exchange 30 %, cipher strength 40 %, numeric score to letter
A >= 80, B >= 65, C >= 50, D >= 35, E >= 20, F below. The caps are the ones SSL Labs
announced later; each Cap names its announcement (``source``) so a user sees why it is
a B and what makes it an A. A+ needs HSTS, an HTTP header a TLS scan does not probe, so
the best grade here is A.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from . import suiteinfo
from .plans import SSL2, SSL3, TLS10, TLS11, TLS12, TLS13
from .result import TargetScan, leaf_keys

LETTERS = ("A+", "A", "A-", "B", "C", "D", "E", "F")  # best first
TRUST_GRADES = ("T", "M")

_GUIDE = "SSL Labs SSL Server Rating Guide (2009q)"
_SRC_2014 = "SSL Labs: Stricter Security Requirements for 2014 (blog, 2014-01-21)"
_SRC_POODLE = "SSL Labs: POODLE, SSL 3 capped at C (blog, 2014-10/12)"
_SRC_2015 = "SSL Labs 1.17.10: RC4 and no-TLS 1.2 penalties (blog, 2015-05-22)"
_SRC_LOGJAM = "SSL Labs: Logjam / weak DH (2015)"
_SRC_FREAK = "SSL Labs: FREAK, export suites F (2015)"
_SRC_FALLBACK = "SSL Labs: TLS_FALLBACK_SCSV required for A (2015)"
_SRC_2017 = "SSL Labs Grading Changes January 2017 (64-bit block ciphers, blog)"
_SRC_2018 = "SSL Labs Grading Update: Forward Secrecy, AEAD (blog, 2018-02-02)"
_SRC_2020 = "SSL Labs Grade Change for TLS 1.0 and TLS 1.1 (blog, live 2020-01-31)"
_SRC_SHA1 = "SSL Labs: SHA-1 certificates untrusted (2017)"

# Rating guide, protocol support table.
_PROTOCOL_SCORE = {SSL2: 0, SSL3: 80, TLS10: 90, TLS11: 95, TLS12: 100, TLS13: 100}
# RSA-equivalent strength of EC groups (NIST SP 800-57 Part 1, Table 2), so ECDHE and
# ECDSA keys rank on the guide's key-exchange scale.
_GROUP_RSA_EQUIV = {0x001D: 3072, 0x0017: 3072, 0x0018: 7680, 0x0019: 15360, 0x001E: 7680,
                    0x11EC: 3072, 0x11EB: 3072, 0x11ED: 7680}


@dataclass(frozen=True, slots=True, kw_only=True)
class CertFacts:
    """What the caller's certificate analysis (pki) concluded; None means "not known"."""

    trusted: bool | None = None
    hostname_match: bool | None = None
    expired: bool | None = None
    not_yet_valid: bool | None = None
    revoked: bool | None = None
    self_signed: bool | None = None
    signature_hash: str | None = None  # of the leaf's signature: "sha256", "sha1", "md5"
    key_type: str | None = None
    key_bits: int | None = None

    @classmethod
    def from_chain_report(cls, report: Any) -> CertFacts:
        """From pki's ChainReport (read by attribute, so scan does not depend on pki)."""
        causes = {str(getattr(f, "cause", "")) for f in getattr(report, "findings", ())}
        leaf = (getattr(report, "certificates", ()) or (None,))[0]
        revocation = str(getattr(report, "revocation", ""))
        return cls(trusted=getattr(report, "verified", None),
                   hostname_match=getattr(report, "hostname_ok", None),
                   expired="cert_expired" in causes,
                   not_yet_valid="cert_not_yet_valid" in causes,
                   revoked=revocation == "revoked",
                   self_signed="cert_self_signed" in causes,
                   signature_hash=getattr(leaf, "signature_hash", None),
                   key_type=getattr(leaf, "key_type", None),
                   key_bits=getattr(leaf, "key_bits", None))

    @classmethod
    def coerce(cls, value: Any) -> CertFacts | None:
        if value is None or isinstance(value, CertFacts):
            return value
        if hasattr(value, "findings") and hasattr(value, "verified"):
            return cls.from_chain_report(value)
        known = {k: value[k] for k in cls.__slots__ if k in value}
        return cls(**known)


@dataclass(frozen=True, slots=True, kw_only=True)
class Cap:
    grade: str  # the best grade still possible: "B", "F", "T"...
    reason: str
    fix: str
    source: str

    def to_json(self) -> dict[str, str]:
        return {"grade": self.grade, "reason": self.reason, "fix": self.fix,
                "source": self.source}


@dataclass(frozen=True, slots=True, kw_only=True)
class Grade:
    grade: str  # what to show: a letter, or "T" / "M" when trust fails
    grade_ignoring_trust: str  # the letter if the certificate were trusted
    score: int  # 0..100 before caps
    scores: Mapping[str, int]  # protocol, key_exchange, cipher_strength
    caps: tuple[Cap, ...]  # every cap that applies, worst first

    @property
    def to_improve(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(c.fix for c in self.caps))

    def to_json(self) -> dict[str, Any]:
        return {"grade": self.grade, "grade_ignoring_trust": self.grade_ignoring_trust,
                "score": self.score, "scores": dict(self.scores),
                "caps": [c.to_json() for c in self.caps], "to_improve": list(self.to_improve)}


def score_letter(score: float) -> str:
    for bound, letter in ((80, "A"), (65, "B"), (50, "C"), (35, "D"), (20, "E")):
        if score >= bound:
            return letter
    return "F"


def worse(a: str, b: str) -> str:
    return a if LETTERS.index(a) >= LETTERS.index(b) else b


def _kx_score(bits: int | None) -> int:
    if bits is None:
        return 100  # nothing weak seen
    if bits < 512:
        return 20
    if bits < 1024:
        return 40
    if bits < 2048:
        return 80
    if bits < 4096:
        return 90
    return 100


def _cipher_score(code: int) -> int:
    if suiteinfo.is_null(code):
        return 0
    b = suiteinfo.bits(code)
    if suiteinfo.is_64bit_block(code) and "3DES" in suiteinfo.cipher_text(code):
        b = 168  # the guide files 3DES under "< 256 bits (e.g. 128, 168)"
    if b < 128:
        return 20
    if b < 256:
        return 80
    return 100


def _leaf_rsa_equiv(scan: TargetScan, facts: CertFacts | None) -> int | None:
    sizes = []
    if facts is not None and facts.key_bits:
        sizes.append(_rsa_equiv(facts.key_type or "rsa", facts.key_bits))
    for leaf in leaf_keys(scan.certificates):
        key = leaf.get("key") or {}
        if key.get("bits"):
            sizes.append(_rsa_equiv(str(key.get("type")), int(key["bits"])))
    return min(sizes) if sizes else None


def _rsa_equiv(ktype: str, bits: int) -> int:
    """The RSA size of equal strength; ``ktype`` in any spelling the layers use ("ec",
    "ecdsa", pki's "EC secp256r1", "Ed25519")."""
    kind = (ktype.split() or ["rsa"])[0].lower()
    if kind in ("ecdsa", "ec", "ed25519", "ed448"):
        return 3072 if bits < 384 else 7680
    return bits


AddCap = Callable[[str, str, str, str], None]  # (grade, reason, fix, source)


def grade(scan: TargetScan, cert_facts: CertFacts | Mapping[str, Any] | None = None) -> Grade:
    facts = CertFacts.coerce(cert_facts)
    leaf_equiv = _leaf_rsa_equiv(scan, facts)
    protocol, key_exchange, cipher = _scores(scan, leaf_equiv)
    score = round(protocol * 0.3 + key_exchange * 0.3 + cipher * 0.4)
    caps: list[Cap] = []

    def cap(g: str, reason: str, fix: str, source: str) -> None:
        caps.append(Cap(grade=g, reason=reason, fix=fix, source=source))

    _weakness_caps(scan, leaf_equiv, cap)
    _protocol_caps(scan, cap)
    if facts is not None:
        _certificate_caps(facts, cap)
    final = score_letter(score)
    for c in caps:
        if c.grade in LETTERS:
            final = worse(final, c.grade)
    caps.sort(key=lambda c: LETTERS.index(c.grade) if c.grade in LETTERS else -1, reverse=True)
    shown = next((c.grade for c in caps if c.grade in TRUST_GRADES), final)
    if final == "F":
        shown = "F"  # F is worse than any trust issue; SSL Labs shows it first too
    return Grade(grade=shown, grade_ignoring_trust=final, score=score,
                 scores={"protocol": protocol, "key_exchange": key_exchange,
                         "cipher_strength": cipher}, caps=tuple(caps))


def _scores(scan: TargetScan, leaf_equiv: int | None) -> tuple[int, int, int]:
    """The rating guide's protocol, key exchange and cipher strength scores (0-100)."""
    versions = set(scan.accepted_versions)
    suites = scan.all_suites
    if versions:
        ps = [_PROTOCOL_SCORE[v] for v in versions if v in _PROTOCOL_SCORE]
        protocol = (max(ps) + min(ps)) // 2
    else:
        protocol = 0
    kx_bits = []
    if scan.dh_bits is not None:
        kx_bits.append(scan.dh_bits)
    if scan.groups is not None:
        kx_bits.extend(_GROUP_RSA_EQUIV.get(g, 3072) for g in scan.groups.codes
                       if g < 0x0100 or g in _GROUP_RSA_EQUIV)
    if leaf_equiv is not None:
        kx_bits.append(leaf_equiv)  # the server key authenticates (or is) the key exchange
    key_exchange = _kx_score(min(kx_bits) if kx_bits else None)
    if any(suiteinfo.is_anon(s) for s in suites):
        key_exchange = 0
    elif any(suiteinfo.is_export(s) for s in suites):
        key_exchange = min(key_exchange, 40)
    cs = [_cipher_score(s) for s in suites]
    cipher = (max(cs) + min(cs)) // 2 if cs else 0
    return protocol, key_exchange, cipher


def _weakness_caps(scan: TargetScan, leaf_equiv: int | None, cap: AddCap) -> None:
    """Caps for broken or weak cryptography: versions, suites, DH, the certificate key."""
    versions = set(scan.accepted_versions)
    suites = scan.all_suites
    if not versions:
        cap("F", "No SSL/TLS version was accepted.", "Enable TLS 1.2 and TLS 1.3.", _GUIDE)
    if SSL2 in versions:
        cap("F", "SSL 2.0 is accepted (DROWN).", "Disable SSLv2.", _GUIDE)
    if any(suiteinfo.is_export(s) for s in suites):
        cap("F", "EXPORT cipher suites are accepted (FREAK, Logjam).",
            "Remove all EXPORT suites.", _SRC_FREAK)
    if any(suiteinfo.is_anon(s) for s in suites):
        cap("F", "Anonymous (unauthenticated) key exchange is accepted.",
            "Remove aNULL suites (add !aNULL to the cipher string).", _GUIDE)
    if any(suiteinfo.is_null(s) for s in suites):
        cap("F", "NULL cipher suites (no encryption) are accepted.",
            "Remove eNULL suites (add !eNULL to the cipher string).", _GUIDE)
    if scan.dh_bits is not None and scan.dh_bits < 1024:
        cap("F", f"DH parameters of {scan.dh_bits} bits are insecure.",
            "Use ffdhe2048 or larger, or drop DHE suites.", _SRC_LOGJAM)
    elif scan.dh_bits is not None and scan.dh_bits < 2048:
        cap("B", f"DH parameters of {scan.dh_bits} bits are weak.",
            "Use ffdhe2048 or larger, or drop DHE suites.", _SRC_LOGJAM)
    if leaf_equiv is not None and leaf_equiv < 1024:
        cap("F", f"The certificate key ({leaf_equiv} bits) is insecure.",
            "Reissue the certificate with RSA 2048+ or ECDSA P-256.", _SRC_2014)
    elif leaf_equiv is not None and leaf_equiv < 2048:
        cap("B", f"The certificate key ({leaf_equiv} bits) is weak.",
            "Reissue the certificate with RSA 2048+ or ECDSA P-256.", _SRC_2014)
    if any(suiteinfo.is_rc4(s) for s in suites):
        cap("C", "RC4 suites are accepted (RFC 7465 forbids RC4).",
            "Remove RC4 suites (!RC4).", _SRC_2015)


def _protocol_caps(scan: TargetScan, cap: AddCap) -> None:
    """Caps for outdated protocols and missing protections."""
    versions = set(scan.accepted_versions)
    suites = scan.all_suites
    if SSL3 in versions:
        cap("C", "SSL 3.0 is accepted (POODLE).", "Disable SSLv3.", _SRC_POODLE)
    if versions and TLS12 not in versions and TLS13 not in versions:
        cap("C", "TLS 1.2 is not supported.", "Enable TLS 1.2 and TLS 1.3.", _SRC_2015)
    modern64 = [s for v in (TLS11, TLS12) for s in scan.suites(v) if suiteinfo.is_64bit_block(s)]
    if modern64:
        cap("C", "64-bit block ciphers (3DES/DES/IDEA) are accepted with TLS 1.1+ (Sweet32).",
            "Remove 3DES/DES/IDEA suites.", _SRC_2017)
    if TLS10 in versions or TLS11 in versions:
        cap("B", "TLS 1.0/1.1 are accepted (deprecated by RFC 8996).",
            "Disable TLS 1.0 and TLS 1.1.", _SRC_2020)
    if suites and not any(suiteinfo.is_pfs(s) for s in suites):
        cap("B", "No suite offers forward secrecy.", "Enable ECDHE suites and prefer them.",
            _SRC_2018)
    elif _prefers_non_pfs(scan):
        cap("B", "The server prefers a suite without forward secrecy.",
            "Order ECDHE suites first, or let the client choose.", _SRC_2018)
    if suites and not any(suiteinfo.is_aead(s) for s in suites):
        cap("B", "No AEAD suite (GCM, ChaCha20-Poly1305) is supported.",
            "Enable AES-GCM or ChaCha20-Poly1305 suites (or TLS 1.3).", _SRC_2018)
    if scan.features.secure_renegotiation is False and versions - {TLS13}:
        cap("A-", "Secure renegotiation (RFC 5746) is not supported.",
            "Upgrade the TLS library; it should send renegotiation_info.", _SRC_2014)
    if scan.features.fallback_scsv is False:
        cap("A-", "TLS_FALLBACK_SCSV (RFC 7507) is not honoured, so downgrades are possible.",
            "Upgrade the TLS library, or accept only TLS 1.2+.", _SRC_FALLBACK)
    if scan.features.compression:
        cap("A-", "TLS compression is enabled (CRIME).", "Disable TLS compression.", _SRC_2014)


def _certificate_caps(facts: CertFacts, cap: AddCap) -> None:
    """Caps from the caller's certificate conclusions (trust, hostname, revocation)."""
    sig = (facts.signature_hash or "").lower()
    if facts.revoked:
        cap("F", "The certificate is revoked.", "Install a new certificate.", _GUIDE)
    if sig == "md5":
        cap("F", "The certificate is signed with MD5.", "Reissue with SHA-256.", _SRC_2014)
    if facts.trusted is False or facts.expired or facts.not_yet_valid or facts.self_signed:
        cap("T", "The certificate is not trusted (untrusted root, self-signed, expired or "
                 "not yet valid).", "Install a valid certificate from a trusted CA with its "
                                    "intermediates.", _GUIDE)
    elif sig == "sha1":
        cap("T", "The certificate is signed with SHA-1 (no longer trusted).",
            "Reissue with SHA-256.", _SRC_SHA1)
    if facts.hostname_match is False:
        cap("M", "The certificate does not cover the host name.",
            "Install a certificate whose subjectAltName lists this name.", _GUIDE)


def _prefers_non_pfs(scan: TargetScan) -> bool:
    """The server enforces its order and its favourite at the best version lacks PFS."""
    for p in scan.protocols:
        if p.accepted and p.suites and p.version != TLS13:
            return bool(p.server_order) and not suiteinfo.is_pfs(p.suites[0])
        if p.accepted and p.version == TLS13:
            return False
    return False
