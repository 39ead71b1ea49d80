"""Chain analysis: from the certificates a server sent to named certificate causes with fixes.

Two views of the same chain. ``cryptography.x509.verification`` says whether a strict
client verifies it against each trust store (``verified``, ``trusted_by``); our own path
builder and checks say *why* not, one cause per problem, folded so that one fault is
reported once: an expired intermediate is ``cert_expired`` (not also untrusted), a
self-signed leaf is not also ``cert_untrusted_root``, a missing intermediate is
``incomplete_chain``, an interception CA is ``tls_interception_mitm``.

Pure function of its inputs: ``now`` is a parameter, network access only through the
optional ``Fetcher`` (AIA, OCSP, CRL), and bad certificates become findings.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.x509 import verification

from ..diagnosis.causes import Cause, Party, Severity
from ..diagnosis.finding import Finding, FixStep, finding_to_json
from ..fixes.catalog import make_finding
from . import fixsteps
from .certinfo import (
    BadCertificate,
    CertInfo,
    load_der_list,
    sha256_hex,
    short_name,
    signed_by,
    to_pem,
    utc,
)
from .fetch import Fetcher, FetchError
from .hostname import check_hostname, parse_ip
from .interception import match_interception
from .revocation import RevocationResult, check_crl, check_ocsp_response, query_ocsp
from .trust import TrustStore, TrustStores

MAX_PATH = 10  # RFC 5280 sets no limit; real chains are 2-4 deep, loops must stop
_WEAK_HASHES = ("md2", "md4", "md5", "sha1")
# Curves below 256 bits are refused by current clients (CA/B BR §6.1.5 allows P-256/384/521).
_OK_CURVES = ("secp256r1", "secp384r1", "secp521r1")


@dataclass(frozen=True, slots=True, kw_only=True)
class PathCert:
    cert: x509.Certificate
    info: CertInfo
    served_index: int | None  # position in what the server sent; None: store or AIA


@dataclass(frozen=True, slots=True, kw_only=True)
class ChainReport:
    """What the chain analysis found. ``None`` fields mean "could not be determined"."""

    certificates: tuple[CertInfo, ...]  # as served, in order (unparsable ones left out)
    findings: tuple[Finding, ...]
    verified: bool  # a strict client verifies the served chain against the default store at ``now``
    path: tuple[CertInfo, ...]  # leaf -> ... -> anchor as built (sources in CertInfo.source)
    trusted_by: Mapping[str, bool]  # store name -> the served chain verifies there
    completed_chain_pem: str | None  # leaf + intermediates, in order, no root; None: not needed/possible
    validity_window: tuple[datetime, datetime] | None  # latest notBefore, earliest notAfter on the path
    revocation: str  # "good", "revoked", "unknown: reason", "not checked"
    hostname: str | None = None
    hostname_ok: bool | None = None  # None: no hostname given
    verify_error: str | None = None  # cryptography's reason when the default store does not verify
    bad_certificates: tuple[BadCertificate, ...] = ()
    fetches: tuple[str, ...] = ()  # AIA/OCSP/CRL URLs fetched, with their result
    default_store: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "certificates": [c.to_json() for c in self.certificates],
            "path": [c.to_json() for c in self.path],
            "verified": self.verified,
            "trusted_by": dict(self.trusted_by),
            "default_store": self.default_store,
            "hostname": self.hostname,
            "hostname_ok": self.hostname_ok,
            "verify_error": self.verify_error,
            "validity_window": ([self.validity_window[0].isoformat(),
                                 self.validity_window[1].isoformat()]
                                if self.validity_window else None),
            "revocation": self.revocation,
            "completed_chain_pem": self.completed_chain_pem,
            "bad_certificates": [{"index": b.index, "size": b.size, "sha256": b.sha256,
                                  "error": b.error} for b in self.bad_certificates],
            "fetches": list(self.fetches),
            "findings": [finding_to_json(f) for f in self.findings],
        }

    def write_bundle(self, path: str | Path) -> Path | None:
        """Write the corrected chain (when there is one) to ``path``; returns the path."""
        if not self.completed_chain_pem:
            return None
        p = Path(path)
        p.write_text(self.completed_chain_pem, encoding="ascii")
        return p


def ago(delta: timedelta) -> str:
    """"3 days", "5 hours", "12 minutes": how long, in the largest sensible unit."""
    secs = abs(delta.total_seconds())
    if secs >= 2 * 86400:
        return f"{int(secs // 86400)} days"
    if secs >= 86400:
        return "1 day"
    if secs >= 7200:
        return f"{int(secs // 3600)} hours"
    if secs >= 120:
        return f"{int(secs // 60)} minutes"
    return f"{int(secs)} seconds"


def _cert_facts(info: CertInfo) -> dict[str, Any]:
    return {"subject": info.subject, "issuer": info.issuer, "serial": info.serial,
            "sha256": info.sha256, "not_before": info.not_before.isoformat(),
            "not_after": info.not_after.isoformat()}


def _cert_evidence(info: CertInfo, role: str) -> str:
    return (f"{role}: subject {info.subject}; issuer {info.issuer}; serial {info.serial}; "
            f"SHA-256 {info.sha256}; valid {info.not_before:%Y-%m-%d %H:%M} to "
            f"{info.not_after:%Y-%m-%d %H:%M} UTC")


def _role(i: int, pc: PathCert, n: int) -> str:
    if i == 0:
        return "leaf"
    if pc.info.self_signed or pc.info.source.startswith("store:"):
        return "root"
    return f"intermediate #{i}"


def _same_key(a: x509.Certificate, b: x509.Certificate) -> bool:
    fmt = (serialization.Encoding.DER, serialization.PublicFormat.SubjectPublicKeyInfo)
    try:
        return a.public_key().public_bytes(*fmt) == b.public_key().public_bytes(*fmt)
    except Exception:
        return False


def _anchor_in(store: TrustStore, cert: x509.Certificate) -> bool:
    """The store holds this certificate, or a root with its subject and key (re-issued root)."""
    if store.contains(cert):
        return True
    return any(_same_key(r, cert) for r in store.issuers_named(cert.subject))


def _issuer_in_store(store: TrustStore, cert: x509.Certificate) -> x509.Certificate | None:
    for root in store.issuers_named(cert.issuer):
        if signed_by(cert, root):
            return root
    return None


class _Builder:
    """Collects findings while walking one chain."""

    def __init__(self, now: datetime, stores: TrustStores, fetcher: Fetcher | None) -> None:
        self.now, self.stores, self.fetcher = now, stores, fetcher
        self.findings: list[Finding] = []
        self.fetch_errors: list[str] = []

    def add(self, cause: Cause, **kw: Any) -> None:
        self.findings.append(make_finding(cause, **kw))

    def build_path(self, served: list[x509.Certificate]) -> tuple[list[PathCert], bool]:
        """Leaf to anchor: a default-store root first (the shortest trusted path, as with a
        cross-signed root the server still sends), then served issuers, the other stores'
        roots, and AIA. Returns the path and whether it ends at a self-signed certificate
        or a store root.
        """
        leaf = served[0]
        path = [PathCert(cert=leaf, info=CertInfo.of(leaf), served_index=0)]
        used = {0}
        seen = {sha256_hex(leaf.public_bytes(serialization.Encoding.DER))}
        while len(path) < MAX_PATH:
            cur = path[-1].cert
            if cur.subject == cur.issuer and signed_by(cur, cur):
                return path, True
            root = _issuer_in_store(self.stores.default, cur)
            if root is not None:
                path.append(PathCert(cert=root, served_index=None,
                                     info=CertInfo.of(root, source=f"store:{self.stores.default.name}")))
                return path, True
            nxt = self._served_issuer(cur, served, used)
            if nxt is not None:
                used.add(nxt)
                path.append(PathCert(cert=served[nxt], info=CertInfo.of(served[nxt]),
                                     served_index=nxt))
                continue
            for store in self.stores.others:
                root = _issuer_in_store(store, cur)
                if root is not None:
                    path.append(PathCert(cert=root, info=CertInfo.of(root, source=f"store:{store.name}"),
                                         served_index=None))
                    return path, True
            fetched = self._aia_issuer(cur)
            if fetched is None:
                return path, False
            fp = sha256_hex(fetched[0].public_bytes(serialization.Encoding.DER))
            if fp in seen:
                return path, False
            seen.add(fp)
            path.append(PathCert(cert=fetched[0], info=CertInfo.of(fetched[0], source=f"aia:{fetched[1]}"),
                                 served_index=None))
        return path, False

    @staticmethod
    def _served_issuer(cur: x509.Certificate, served: list[x509.Certificate],
                       used: set[int]) -> int | None:
        for i, c in enumerate(served):
            if i not in used and c.subject == cur.issuer and signed_by(cur, c):
                return i
        return None

    def _aia_issuer(self, cur: x509.Certificate) -> tuple[x509.Certificate, str] | None:
        if self.fetcher is None:
            return None
        from .certinfo import aia_urls
        for url in aia_urls(cur, ocsp=False)[:2]:
            try:
                certs = self.fetcher.ca_issuers(url)
            except FetchError as exc:
                self.fetch_errors.append(str(exc))
                continue
            for c in certs:
                if signed_by(cur, c):
                    return c, url
            self.fetch_errors.append(f"{url}: the certificate there did not sign '{short_name(cur.subject)}'")
        return None


def _verify(store: TrustStore, leaf: x509.Certificate, intermediates: Sequence[x509.Certificate],
            subject: str | None, now: datetime) -> tuple[bool | None, str | None]:
    """cryptography's verdict (None when it cannot judge: no SAN to verify against)."""
    vstore = store.verification_store()
    if vstore is None:
        return False, "empty trust store"
    if subject is None:
        return None, None
    ip = parse_ip(subject)
    name: verification.Subject = (x509.IPAddress(ip) if ip is not None else x509.DNSName(subject))
    # Leaf extension problems (EKU, CA flag) are named by our own checks; the library judges
    # the path: signatures, validity, CA constraints, algorithms.
    ee = verification.ExtensionPolicy.permit_all().require_present(
        x509.SubjectAlternativeName, verification.Criticality.AGNOSTIC, None)
    try:
        verifier = (verification.PolicyBuilder().store(vstore).time(now).max_chain_depth(8)
                    .extension_policies(ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
                                        ee_policy=ee)
                    .build_server_verifier(name))
        verifier.verify(leaf, list(intermediates))
        return True, None
    except verification.VerificationError as exc:
        msg = str(exc)
        return False, msg.split(" (encountered processing")[0][:300]
    except Exception as exc:  # odd certificates the verifier refuses to even consider
        return False, f"{type(exc).__name__}: {str(exc)[:200]}"


def _hostname_subject(leaf_info: CertInfo, hostname: str | None, ok: bool) -> str | None:
    if hostname and ok:
        return hostname
    for n in leaf_info.dns_names:
        if "*" not in n:
            return n
    for n in leaf_info.dns_names:
        return "x" + n.lstrip("*")  # a name the wildcard covers
    return leaf_info.ip_addresses[0] if leaf_info.ip_addresses else None


def analyze_chain(chain_der: Sequence[bytes], *, hostname: str | None, now: datetime,
                  stores: TrustStores, warn_days: int = 30, fetcher: Fetcher | None = None,
                  stapled_ocsp: bytes | None = None, negotiated_kx: str | None = None,
                  served_sni: bool = True) -> ChainReport:
    """Analyse the chain as the server sent it (DER, in order). Never raises on bad input.

    ``negotiated_kx``: the key exchange/authentication of the negotiated suite ("RSA",
    "ECDHE_RSA", "ECDHE_ECDSA", "DHE_RSA", "ECDH_ECDSA", "TLS13"...), None when unknown.
    ``served_sni``: whether the client sent SNI (a default certificate explains a mismatch).
    """
    now = utc(now)
    b = _Builder(now, stores, fetcher)
    parsed, dropped = load_der_list(chain_der)
    bad = tuple(p for p in parsed if isinstance(p, BadCertificate))
    served = [p for p in parsed if isinstance(p, x509.Certificate)]
    served_infos = tuple(CertInfo.of(c) for c in served)
    empty = ChainReport(certificates=served_infos, findings=(), verified=False, path=(),
                        trusted_by={s.name: False for s in stores}, completed_chain_pem=None,
                        validity_window=None, revocation="not checked", hostname=hostname,
                        bad_certificates=bad, default_store=stores.default.name)
    if not chain_der:
        b.add(Cause.SERVER_MISCONFIGURATION, title="Server sent no certificate",
              explanation="The server's Certificate message is empty: it has no usable certificate configured.")
        return _replace(empty, findings=tuple(b.findings))
    if not isinstance(parsed[0], x509.Certificate):
        b.add(Cause.SERVER_MISCONFIGURATION, title="Server's certificate cannot be parsed",
              explanation="The first certificate the server sent is not valid DER X.509, so no client can use it.",
              evidence=(f"certificate #0: {parsed[0].size} bytes, SHA-256 {parsed[0].sha256}: {parsed[0].error}",),
              facts={"index": 0, "error": parsed[0].error})
        return _replace(empty, findings=tuple(b.findings))

    path, anchored = b.build_path(served)
    leaf = path[0]
    infos = [p.info for p in path]
    n = len(path)

    # --- hostname --------------------------------------------------------------------
    host_check = None
    if hostname:
        host_check = check_hostname(hostname, leaf.info.dns_names, leaf.info.ip_addresses,
                                    leaf.info.common_name)
    host_ok = host_check.matches if host_check else None

    # --- trust per store: cryptography on the chain as served -------------------------
    subject = _hostname_subject(leaf.info, hostname, bool(host_ok))
    trusted_by: dict[str, bool] = {}
    verify_error = None
    own_ok = anchored and all(p.info.not_before <= now <= p.info.not_after for p in path) and \
        all(p.served_index is not None or p.info.source.startswith("store:") for p in path)
    for store in stores:
        ok, err = _verify(store, served[0], served[1:], subject, now)
        if ok is None:  # no SAN: judge by our own path (anchor in this store, times valid)
            ok = own_ok and _anchor_in(store, path[-1].cert)
        trusted_by[store.name] = ok
        if store is stores.default and not ok:
            verify_error = err
    verified = trusted_by[stores.default.name]

    # --- interception ---------------------------------------------------------------
    product = None
    for p in path:
        product = match_interception(p.info.issuer)
        if product:
            trust_note = ("this machine trusts the inspection CA, so the connection works but is "
                          "decrypted in the middle" if verified else
                          "this machine does not trust the inspection CA")
            b.add(Cause.TLS_INTERCEPTION_MITM,
                  severity=Severity.WARNING if verified else Severity.BLOCKING,
                  explanation=f"The certificate chain was issued by {product.product}, a TLS-inspection "
                              f"product between this client and the server; {trust_note}.",
                  evidence=(_cert_evidence(p.info, "issued by an inspection CA"),
                            f"issuer matches '{product.pattern}' ({product.product}; source: {product.source})"),
                  facts={**_cert_facts(p.info), "product": product.product})
            break

    # --- unparsable extras ----------------------------------------------------------
    if bad or dropped:
        ev = [f"certificate #{x.index}: {x.size} bytes, SHA-256 {x.sha256}: {x.error}" for x in bad]
        if dropped:
            ev.append(f"{dropped} more certificates ignored (more than the limit)")
        b.add(Cause.BAD_CHAIN_ORDER_OR_EXTRA, title="Server sends certificates that cannot be parsed",
              explanation="Some of the certificates the server sends are not valid X.509; strict clients fail.",
              severity=Severity.WARNING, evidence=ev, facts={"unparsable": len(bad)})

    # --- validity -------------------------------------------------------------------
    for i, p in enumerate(path):
        role = _role(i, p, n)
        info = p.info
        if now > info.not_after:
            b.add(Cause.CERT_EXPIRED,
                  title=f"The {role} certificate '{info.common_name}' expired {ago(now - info.not_after)} ago",
                  explanation=f"The {role} certificate {info.label} was valid until "
                              f"{info.not_after:%Y-%m-%d %H:%M} UTC; clients refuse expired certificates."
                              + (" Renew it." if i == 0 else " Install the CA's current intermediate/root." ),
                  evidence=(_cert_evidence(info, role), f"now: {now:%Y-%m-%d %H:%M} UTC"),
                  fix=(fixsteps.renew_steps(_names(leaf.info), leaf.info.key_type) if i == 0 else
                       (FixStep(text=f"Download the current version of '{info.common_name}' from your CA "
                                     "and replace the expired one in the chain file."),
                        *fixsteps.bundle_steps(None, fixsteps.file_stem(leaf.info.common_name)))),
                  facts={**_cert_facts(info), "position": i, "role": role,
                         "seconds_ago": int((now - info.not_after).total_seconds())})
        elif now < info.not_before:
            b.add(Cause.CERT_NOT_YET_VALID,
                  title=f"The {role} certificate '{info.common_name}' is valid only in {ago(info.not_before - now)}",
                  explanation=f"The {role} certificate {info.label} starts on "
                              f"{info.not_before:%Y-%m-%d %H:%M} UTC. Either it was installed too early, "
                              "or a clock is wrong (this machine's or the issuer's).",
                  evidence=(_cert_evidence(info, role), f"now: {now:%Y-%m-%d %H:%M} UTC"),
                  facts={**_cert_facts(info), "position": i, "role": role,
                         "seconds_until": int((info.not_before - now).total_seconds())})
        elif info.not_after - now < timedelta(days=warn_days):
            left = info.not_after - now
            b.add(Cause.CERT_EXPIRING_SOON,
                  title=f"The {role} certificate '{info.common_name}' expires in {ago(left)}",
                  explanation=f"The {role} certificate {info.label} expires on "
                              f"{info.not_after:%Y-%m-%d %H:%M} UTC (warning window: {warn_days} days).",
                  evidence=(_cert_evidence(info, role),),
                  fix=fixsteps.renew_steps(_names(leaf.info), leaf.info.key_type) if i == 0 else None,
                  facts={**_cert_facts(info), "position": i, "role": role,
                         "seconds_left": int(left.total_seconds())})
    window = (max(p.info.not_before for p in path), min(p.info.not_after for p in path))

    # --- self-signed / untrusted / incomplete ---------------------------------------
    completed: str | None = None
    stem = fixsteps.file_stem(leaf.info.common_name)
    leaf_self = leaf.info.self_signed
    top = path[-1]
    in_default = _anchor_in(stores.default, top.cert)
    if leaf_self:
        if not _anchor_in(stores.default, leaf.cert):
            b.add(Cause.CERT_SELF_SIGNED,
                  explanation=f"The server's certificate {leaf.info.label} is signed by its own key: "
                              "no CA vouches for it, so clients reject it unless they were told to "
                              "trust exactly this certificate.",
                  evidence=(_cert_evidence(leaf.info, "leaf (self-signed)"),),
                  fix=(*fixsteps.renew_steps(_names(leaf.info), leaf.info.key_type),
                       FixStep(text="Or, for a private service, make each client trust this exact certificate:"),
                       *fixsteps.client_trust_steps(leaf.info.common_name, to_pem([leaf.cert]))),
                  facts=_cert_facts(leaf.info))
    elif product is None:
        fetched = [p for p in path if p.info.source.startswith("aia:")]
        if not anchored:
            _missing_issuer(b, path, stores, stem)
        elif fetched:
            completed = to_pem([p.cert for p in path if p.served_index is not None or
                                (p.info.source.startswith("aia:") and not p.info.self_signed)])
            names = ", ".join(f"'{p.info.common_name}'" for p in fetched)
            b.add(Cause.INCOMPLETE_CHAIN,
                  explanation=f"The server sends its certificate without the intermediate(s) {names}. "
                              "Browsers may fetch them (AIA), but most other clients (curl, Python, "
                              "Java, Go, mobile apps) fail with 'unable to get local issuer certificate'.",
                  evidence=(*(_cert_evidence(p.info, f"missing intermediate, fetched from {p.info.source[4:]}")
                              for p in fetched),),
                  fix=fixsteps.bundle_steps(completed, stem),
                  facts={"missing": [p.info.subject for p in fetched],
                         "completed_chain": True})
            if not in_default:  # a second, independent problem: the root is not trusted either
                _untrusted_root(b, top, stores, stem, _names(leaf.info))
        elif not in_default:
            _untrusted_root(b, top, stores, stem, _names(leaf.info))

    # --- order, duplicates, extras, root sent ---------------------------------------
    if not leaf_self:
        order_completed = _chain_order(b, served, served_infos, path, stem)
        if order_completed and completed is None:
            completed = order_completed

    # --- weak signature or key ------------------------------------------------------
    for i, p in enumerate(path):
        role = _role(i, p, n)
        problems = []
        anchor = p.info.self_signed or p.info.source.startswith("store:")
        if p.info.signature_hash in _WEAK_HASHES and not anchor:
            problems.append(f"signed with {p.info.signature_hash.upper()}")
        kt, bits = p.info.key_type, p.info.key_bits
        if kt == "RSA" and bits < 2048:
            problems.append(f"RSA key of {bits} bits (minimum 2048)")
        elif kt == "DSA":
            problems.append(f"DSA key ({bits} bits; DSA is no longer accepted for TLS certificates)")
        elif kt.startswith("EC ") and kt[3:] not in _OK_CURVES:
            problems.append(f"elliptic curve {kt[3:]} ({bits} bits; use P-256 or P-384)")
        if problems:
            b.add(Cause.WEAK_SIGNATURE_OR_KEY,
                  title=f"The {role} certificate '{p.info.common_name}' has a weak "
                        + ("signature" if problems[0].startswith("signed") else "key"),
                  explanation=f"The {role} certificate {p.info.label} is " + " and has ".join(problems)
                              + ". Current clients reject or distrust it (OpenSSL security level 2 "
                              "refuses RSA < 2048 and SHA-1 signatures).",
                  evidence=(_cert_evidence(p.info, role), *problems),
                  fix=fixsteps.reissue_steps(_names(leaf.info), "with SHA-256 and an ECDSA P-256 or RSA 2048+ key")
                  if i == 0 else (FixStep(text="Get a chain from your CA whose intermediates use "
                                               "SHA-256 and 2048+-bit keys."),),
                  facts={**_cert_facts(p.info), "problems": problems, "role": role})

    # --- purpose --------------------------------------------------------------------
    _purpose(b, path, negotiated_kx)

    # --- hostname --------------------------------------------------------------------
    if host_check is not None and not host_check.matches and product is None:
        covered = [*leaf.info.dns_names, *(f"IP:{a}" for a in leaf.info.ip_addresses)]
        ev = [f"asked for: {hostname}",
              "certificate covers: " + (", ".join(covered[:20]) if covered else
                                        f"no subjectAltName (CN: {leaf.info.common_name})"),
              *host_check.reasons]
        if not served_sni:
            ev.append("the client sent no SNI: the server may have served its default certificate "
                      "(see sni_required_or_mismatch)")
        fix: list[FixStep] = []
        if host_check.suggestion:
            fix.append(FixStep(text=f"Connect to https://{host_check.suggestion}/ (covered by the "
                                    "certificate), or redirect there."))
        want = [host_check.hostname, *leaf.info.dns_names]
        fix.extend(fixsteps.reissue_steps(list(dict.fromkeys(want)),
                                          f"with '{host_check.hostname}' in its subjectAltName"))
        b.add(Cause.HOSTNAME_MISMATCH,
              title=(f"Certificate has no subjectAltName; '{hostname}' is only in the CN, which clients ignore"
                     if host_check.cn_only and leaf.info.common_name and
                     leaf.info.common_name.lower() == host_check.hostname
                     else f"Certificate does not cover '{hostname}'"),
              evidence=ev, fix=fix,
              facts={**_cert_facts(leaf.info), "hostname": hostname,
                     "dns_names": list(leaf.info.dns_names),
                     "ip_addresses": list(leaf.info.ip_addresses),
                     "suggestion": host_check.suggestion, "cn_only": host_check.cn_only})

    # --- revocation -----------------------------------------------------------------
    issuer = path[1].cert if n > 1 else None
    rev = _revocation(b, leaf, issuer, now, fetcher, stapled_ocsp)

    # --- must-staple ----------------------------------------------------------------
    if leaf.info.must_staple and stapled_ocsp is None:
        b.add(Cause.OCSP_MUST_STAPLE_MISSING,
              explanation=f"The certificate {leaf.info.label} carries the TLS Feature extension "
                          "(RFC 7633, 'must-staple'), but the server sent no OCSP response in the "
                          "handshake; Firefox and other clients that honour it refuse the connection.",
              evidence=(_cert_evidence(leaf.info, "leaf"), "TLS Feature: status_request",
                        "stapled OCSP response: none"),
              fix=fixsteps.stapling_steps(), facts=_cert_facts(leaf.info))

    return ChainReport(certificates=served_infos, findings=tuple(b.findings), verified=verified,
                       path=tuple(infos), trusted_by=trusted_by, completed_chain_pem=completed,
                       validity_window=window, revocation=rev, hostname=hostname,
                       hostname_ok=host_ok, verify_error=verify_error, bad_certificates=bad,
                       fetches=tuple(f"{x.url}: {x.detail}" for x in (fetcher.log if fetcher else ())),
                       default_store=stores.default.name)


def _replace(r: ChainReport, **kw: Any) -> ChainReport:
    from dataclasses import replace
    return replace(r, **kw)


def _names(info: CertInfo) -> list[str]:
    return list(info.dns_names) or ([info.common_name] if info.common_name else [])


def _missing_issuer(b: _Builder, path: list[PathCert], stores: TrustStores, stem: str) -> None:
    """The path stops at a certificate whose issuer is nowhere: missing intermediate or unknown root."""
    top = path[-1]
    issuer_name = top.info.issuer
    tried = (b.fetch_errors or (["no AIA caIssuers URL in the certificate"]
                                if not top.info.ca_issuer_urls else
                                ["AIA fetching is off (offline)"] if b.fetcher is None else []))
    ev = [_cert_evidence(top.info, "last certificate sent"),
          f"its issuer '{issuer_name}' was not sent by the server and is in no trust store",
          *(f"AIA: {t}" for t in tried)]
    if not top.info.is_ca:
        # Public CAs never issue from the root and always name their issuer in AIA (CA/B BR
        # §7.1.2.7), so an unknown issuer of a leaf is most likely a missing intermediate;
        # without AIA it may also be a private root that issued the leaf directly.
        private_hint = not top.info.ca_issuer_urls
        b.add(Cause.INCOMPLETE_CHAIN, confidence=0.8 if private_hint else 0.95,
              explanation=f"The server sends its certificate {top.info.label} without the "
                          f"certificate that issued it ('{issuer_name}'), and it could not be "
                          "fetched. Clients cannot build a path to a trusted root."
                          + (f" If '{short_name(top.cert.issuer)}' is a private root CA, the "
                             "clients must trust it instead." if private_hint else ""),
              evidence=ev,
              fix=(*fixsteps.bundle_steps(None, stem),
                   *((FixStep(text=f"If '{short_name(top.cert.issuer)}' is your own root CA, "
                                   "trust it on each client:"),
                      *fixsteps.client_trust_steps(short_name(top.cert.issuer), None))
                     if private_hint else ())),
              facts={"missing_issuer": issuer_name, "completed_chain": False})
        return
    # An intermediate whose issuer is unknown: most often a private root the client lacks,
    # possibly a second intermediate that is missing; say both, with less certainty.
    b.add(Cause.CERT_UNTRUSTED_ROOT, who_fixes=Party.EITHER, confidence=0.7,
          title=f"Chain leads to '{short_name(top.cert.issuer)}', which this client does not have",
          explanation=f"The chain ends at {top.info.label}, issued by '{issuer_name}'. That issuer "
                      "is not sent by the server and is in none of the trust stores here: it is a "
                      "private (internal) root CA, or an intermediate the server fails to send.",
          evidence=(*ev, "trust stores checked: " + ", ".join(stores.names())),
          fix=(FixStep(text="If this is an internal CA, trust its root on the client:"),
               *fixsteps.client_trust_steps(short_name(top.cert.issuer), None),
               FixStep(text="If the site is public, the server must send the missing intermediate(s):"),
               *fixsteps.bundle_steps(None, stem)),
          facts={"root": issuer_name, "in_stores": [], "private": True})


def _untrusted_root(b: _Builder, top: PathCert, stores: TrustStores, stem: str,
                    names: list[str]) -> None:
    elsewhere = [s.name for s in stores.others if _anchor_in(s, top.cert)]
    info = top.info
    if elsewhere:
        who, kind = Party.CLIENT, (f"It is a public CA, trusted by {', '.join(elsewhere)}, but missing "
                                   f"from {stores.default.name}: this machine's trust store is outdated "
                                   "or was replaced.")
        fix: tuple[FixStep, ...] = (
            FixStep(text="Update this machine's CA bundle:",
                    code="sudo apt-get install --only-upgrade ca-certificates && sudo update-ca-certificates",
                    applies_to="system"),
            *fixsteps.client_trust_steps(info.common_name, to_pem([top.cert])))
    else:
        who, kind = Party.EITHER, ("It is in none of the trust stores checked, so it is a private "
                                   "(internal) CA: clients must be told to trust it, or the server "
                                   "needs a certificate from a public CA.")
        fix = (*fixsteps.client_trust_steps(info.common_name, to_pem([top.cert])),
               FixStep(text="For a public site, replace the certificate with one from a publicly trusted CA:"),
               *fixsteps.renew_steps(names or [stem]))
    b.add(Cause.CERT_UNTRUSTED_ROOT, who_fixes=who,
          title=f"Chain ends at '{info.common_name}', a root {stores.default.name} does not trust",
          explanation=f"The chain leads to the root {info.label}. {kind}",
          evidence=(_cert_evidence(info, "root"),
                    f"not in: {stores.default.name}",
                    "trusted by: " + (", ".join(elsewhere) if elsewhere else "none of " + ", ".join(stores.names()))),
          fix=fix, facts={**_cert_facts(info), "root": info.subject, "in_stores": elsewhere,
                          "private": not elsewhere})


def _chain_order(b: _Builder, served: list[x509.Certificate], infos: tuple[CertInfo, ...],
                 path: list[PathCert], stem: str) -> str | None:
    """Misordered, duplicate, unrelated or root certificates in what the server sent."""
    problems: list[str] = []
    only_root = True
    fps = [i.sha256 for i in infos]
    dups = {fp for fp in fps if fps.count(fp) > 1}
    for fp in dups:
        i = fps.index(fp)
        problems.append(f"'{infos[i].common_name}' is sent {fps.count(fp)} times")
        only_root = False
    order = [p.served_index for p in path if p.served_index is not None]
    if order != sorted(order):
        expected = " -> ".join(f"'{p.info.common_name}'" for p in path if p.served_index is not None)
        sent = " -> ".join(f"'{i.common_name}'" for i in infos)
        problems.append(f"sent in the wrong order: {sent}; expected {expected}")
        only_root = False
    in_path = {p.served_index for p in path}
    top = path[-1]
    root_sent = top.served_index is not None and top.info.self_signed and len(path) > 1
    for i, info in enumerate(infos):
        if i in in_path or info.sha256 in dups:
            continue
        if served[i].subject == top.cert.subject and _same_key(served[i], top.cert):
            # The anchor itself, or a cross-signed copy that older clients need (as Let's
            # Encrypt served ISRG Root X1 signed by DST Root CA X3): only the former is noise.
            root_sent = root_sent or info.self_signed
            continue
        problems.append(f"'{info.common_name}' (#{i}) is not part of the chain (unrelated certificate)")
        only_root = False
    if root_sent:
        problems.append(f"the root '{top.info.common_name}' is sent; clients ignore it, it only costs bytes")
    if not problems:
        return None
    corrected = [p.cert for p in path if p.served_index is not None and not p.info.self_signed]
    pem = to_pem(corrected) if corrected else None
    b.add(Cause.BAD_CHAIN_ORDER_OR_EXTRA,
          severity=Severity.INFO if only_root else Severity.WARNING,
          title="Server sends the root certificate" if only_root else None,
          explanation="The server should send exactly: its certificate, then each intermediate "
                      "in order, without the root. " + _sentence("; ".join(problems)),
          evidence=(f"sent: {' -> '.join(repr(i.common_name) for i in infos)}", *problems),
          fix=fixsteps.bundle_steps(pem, stem),
          facts={"problems": problems, "sent": [i.subject for i in infos]})
    return pem


def _sentence(text: str) -> str:
    return (text[:1].upper() + text[1:] + ".") if text else ""


def _purpose(b: _Builder, path: list[PathCert], negotiated_kx: str | None) -> None:
    leaf = path[0]
    problems: list[str] = []
    misconf: list[str] = []
    eku = leaf.info.eku
    if eku is not None and "serverAuth" not in eku and "anyExtendedKeyUsage" not in eku:
        problems.append(f"its extendedKeyUsage is {', '.join(eku) or 'empty'}, without serverAuth")
    if leaf.info.is_ca and not leaf.info.self_signed:
        problems.append("it is marked CA:TRUE (basicConstraints); a server certificate must not be a CA")
    ku = _key_usage(leaf.cert)
    if ku is not None and not (ku.digital_signature or ku.key_encipherment or ku.key_agreement):
        problems.append("its keyUsage allows neither digitalSignature nor keyEncipherment")
    if negotiated_kx:
        kx = negotiated_kx.upper().replace("-", "_")
        parts = kx.split("_")
        key = leaf.info.key_type
        if parts[0] == "RSA" or kx in ("RSA", "TLS_RSA"):
            if key != "RSA":
                misconf.append(f"the negotiated suite uses RSA key transport but the certificate key is {key}")
            elif ku is not None and not ku.key_encipherment:
                problems.append("the negotiated RSA key exchange needs keyUsage keyEncipherment, which it lacks")
        elif parts[0] in ("ECDHE", "DHE", "TLS13", "TLS1.3"):
            auth = parts[1] if len(parts) > 1 else ""
            if (auth == "RSA" and key != "RSA") or (auth == "ECDSA" and not key.startswith("EC")):
                misconf.append(f"the negotiated suite authenticates with {auth} but the certificate key is {key}")
            elif ku is not None and not ku.digital_signature:
                problems.append(f"the negotiated {parts[0]} key exchange needs keyUsage digitalSignature, which it lacks")
        elif parts[0] in ("ECDH", "DH") and ku is not None and not ku.key_agreement:
            problems.append(f"the negotiated static {parts[0]} key exchange needs keyUsage keyAgreement")
    # CA constraints along the path: basicConstraints, keyCertSign, EKU chaining, pathLen,
    # name constraints (RFC 5280 §4.2.1.9, §4.2.1.10; Mozilla enforces EKU on intermediates).
    for i, p in enumerate(path[1:], start=1):
        name = f"'{p.info.common_name}'"
        if not p.info.is_ca:
            problems.append(f"the issuer {name} is not a CA (basicConstraints CA:FALSE or absent)")
            continue
        cku = _key_usage(p.cert)
        if cku is not None and not cku.key_cert_sign:
            problems.append(f"the issuer {name} lacks keyUsage keyCertSign")
        if p.info.eku is not None and "serverAuth" not in p.info.eku and \
                "anyExtendedKeyUsage" not in p.info.eku:
            problems.append(f"the intermediate {name} is restricted (EKU) to {', '.join(p.info.eku)}")
        bc = _basic_constraints(p.cert)
        below = sum(1 for q in path[1:i] if not q.info.self_signed)
        if bc is not None and bc.path_length is not None and below > bc.path_length:
            problems.append(f"the CA {name} allows {bc.path_length} intermediate(s) below it "
                            f"(pathLenConstraint) but the chain has {below}")
        nc = _name_constraints(p.cert)
        if nc is not None:
            for dns in leaf.info.dns_names:
                if not _nc_allows(nc, dns):
                    problems.append(f"the CA {name} is name-constrained and may not issue for '{dns}'")
    if misconf:
        b.add(Cause.SERVER_MISCONFIGURATION,
              title="The certificate's key type does not fit the negotiated cipher suite",
              explanation="The server negotiated a suite that its certificate cannot authenticate: "
                          + "; ".join(misconf) + ". Configure a cipher list for the key type, or a certificate of each type.",
              evidence=(_cert_evidence(leaf.info, "leaf"), f"negotiated: {negotiated_kx}", *misconf),
              facts={**_cert_facts(leaf.info), "negotiated_kx": negotiated_kx})
    if problems:
        b.add(Cause.CERT_WRONG_PURPOSE,
              explanation=f"The certificate {leaf.info.label} cannot be used to authenticate a TLS "
                          "server: " + "; ".join(problems) + ".",
              evidence=(_cert_evidence(leaf.info, "leaf"), *problems),
              fix=fixsteps.reissue_steps(_names(leaf.info), "as a TLS server certificate "
                                         "(EKU serverAuth, keyUsage digitalSignature, CA:FALSE)"),
              facts={**_cert_facts(leaf.info), "problems": problems})


def _key_usage(cert: x509.Certificate) -> x509.KeyUsage | None:
    from .certinfo import ext
    value: x509.KeyUsage | None = ext(cert, x509.KeyUsage)
    return value


def _basic_constraints(cert: x509.Certificate) -> x509.BasicConstraints | None:
    from .certinfo import ext
    value: x509.BasicConstraints | None = ext(cert, x509.BasicConstraints)
    return value


def _name_constraints(cert: x509.Certificate) -> x509.NameConstraints | None:
    from .certinfo import ext
    value: x509.NameConstraints | None = ext(cert, x509.NameConstraints)
    return value


def _dns_within(name: str, base: str) -> bool:
    name, base = name.lower().lstrip("*.").rstrip("."), base.lower().lstrip(".").rstrip(".")
    return name == base or name.endswith("." + base)


def _nc_allows(nc: x509.NameConstraints, dns: str) -> bool:
    permitted = [str(g.value) for g in nc.permitted_subtrees or () if isinstance(g, x509.DNSName)]
    excluded = [str(g.value) for g in nc.excluded_subtrees or () if isinstance(g, x509.DNSName)]
    if any(_dns_within(dns, e) for e in excluded):
        return False
    return not permitted or any(_dns_within(dns, p) for p in permitted)


def _revocation(b: _Builder, leaf: PathCert, issuer: x509.Certificate | None, now: datetime,
                fetcher: Fetcher | None, stapled: bytes | None) -> str:
    results: list[RevocationResult] = []
    if stapled is not None:
        results.append(check_ocsp_response(stapled, leaf.cert, issuer, now, "stapled OCSP"))
    if (not results or results[-1].status == "unknown") and fetcher is not None and issuer is not None:
        r = query_ocsp(fetcher, leaf.cert, issuer, now)
        if r is not None:
            results.append(r)
        if not results or results[-1].status == "unknown":
            r = check_crl(fetcher, leaf.cert, issuer, now)
            if r is not None:
                results.append(r)
    if not results:
        if issuer is None:
            return "not checked" if leaf.info.self_signed else "unknown: issuer certificate not available"
        if fetcher is None:
            return "not checked"
        return "unknown: the certificate names no OCSP responder or CRL"
    final = next((r for r in results if r.status == "revoked"), None) or \
        next((r for r in results if r.status == "good"), results[-1])
    if final.status == "revoked":
        when = f" on {final.revoked_at:%Y-%m-%d %H:%M} UTC" if final.revoked_at else ""
        why = f" (reason: {final.reason})" if final.reason else ""
        b.add(Cause.CERT_REVOKED,
              explanation=f"The issuing CA has revoked the certificate {leaf.info.label}{when}{why}, "
                          f"according to {final.source}. Clients that check revocation refuse it.",
              evidence=(_cert_evidence(leaf.info, "leaf"), f"{final.source}: revoked{when}{why}",
                        *(f"{r.source}: {r.summary}" for r in results if r is not final)),
              fix=(FixStep(text="Find out why it was revoked (key compromise?); if so, generate a new key."),
                   *fixsteps.renew_steps(_names(leaf.info), leaf.info.key_type)),
              facts={**_cert_facts(leaf.info), "source": final.source,
                     "revoked_at": final.revoked_at.isoformat() if final.revoked_at else None,
                     "reason": final.reason})
        return "revoked"
    if final.status == "good":
        return "good"
    return "unknown: " + "; ".join(f"{r.source}: {r.detail}" for r in results)
