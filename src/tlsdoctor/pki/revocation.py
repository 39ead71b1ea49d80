"""Revocation: is the leaf revoked, per a stapled OCSP response, the OCSP responder, or the CRL?

OCSP per RFC 6960: the response must be signed by the issuer itself or by a responder
certificate the issuer signed with the id-kp-OCSPSigning EKU (§4.2.2.2), and be current
(thisUpdate <= now <= nextUpdate, with a few minutes of clock skew). CRLs per RFC 5280
§5/§6.3: signed by the issuer, nextUpdate not passed. An answer we cannot check is
"unknown: <why>", never "good".
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from datetime import datetime, timedelta

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, padding, rsa
from cryptography.x509 import ocsp

from .. import der
from .certinfo import aia_urls, crl_urls, eku_names, signed_by
from .fetch import Fetcher, FetchError

SKEW = timedelta(minutes=5)


@dataclass(frozen=True, slots=True, kw_only=True)
class RevocationResult:
    status: str  # "good", "revoked", "unknown"
    source: str  # "stapled OCSP", "OCSP http://...", "CRL http://..."
    detail: str = ""
    revoked_at: datetime | None = None
    reason: str | None = None

    @property
    def summary(self) -> str:
        if self.status == "unknown":
            return f"unknown: {self.detail or self.source}"
        return self.status


def _verify_sig(signer: x509.Certificate, signature: bytes, data: bytes,
                algo: hashes.HashAlgorithm | None) -> bool:
    key = signer.public_key()
    try:
        if isinstance(key, rsa.RSAPublicKey) and algo is not None:
            key.verify(signature, data, padding.PKCS1v15(), algo)
        elif isinstance(key, ec.EllipticCurvePublicKey) and algo is not None:
            key.verify(signature, data, ec.ECDSA(algo))
        elif isinstance(key, ed25519.Ed25519PublicKey | ed448.Ed448PublicKey):
            key.verify(signature, data)  # EdDSA: no separate hash (RFC 8410)
        else:
            return False
        return True
    except Exception:
        return False


def _responder_ok(resp: ocsp.OCSPResponse, issuer: x509.Certificate) -> tuple[bool, str]:
    """Whether the response is signed by the issuer or a delegated responder of it."""
    algo = resp.signature_hash_algorithm
    if _verify_sig(issuer, resp.signature, resp.tbs_response_bytes, algo):
        return True, "signed by the issuer"
    for cert in resp.certificates:
        if not signed_by(cert, issuer):
            continue
        if "OCSPSigning" not in (eku_names(cert) or ()):
            continue
        if _verify_sig(cert, resp.signature, resp.tbs_response_bytes, algo):
            return True, "signed by a delegated responder"
    return False, "the OCSP response signature does not verify against the issuer or a delegated responder"


def check_ocsp_response(der: bytes, cert: x509.Certificate, issuer: x509.Certificate | None,
                        now: datetime, source: str) -> RevocationResult:
    """Interpret one DER OCSPResponse for ``cert``."""
    try:
        resp = ocsp.load_der_ocsp_response(der)
    except ValueError as exc:
        return RevocationResult(status="unknown", source=source, detail=f"unparsable OCSP response ({exc})")
    if resp.response_status != ocsp.OCSPResponseStatus.SUCCESSFUL:
        return RevocationResult(status="unknown", source=source,
                                detail=f"OCSP responder said {resp.response_status.name.lower()}")
    if issuer is None:
        return RevocationResult(status="unknown", source=source,
                                detail="issuer certificate not available to check the OCSP response")
    ok, why = _responder_ok(resp, issuer)
    if not ok:
        return RevocationResult(status="unknown", source=source, detail=why)
    try:
        singles = list(resp.responses)
    except Exception:
        singles = []
    for single in singles:
        if single.serial_number != cert.serial_number:
            continue
        try:
            expected = _issuer_hashes(issuer, single.hash_algorithm)
        except Exception:
            expected = None
        if expected and (single.issuer_name_hash, single.issuer_key_hash) != expected:
            continue
        this_update = single.this_update_utc
        next_update = single.next_update_utc
        if this_update > now + SKEW:
            return RevocationResult(status="unknown", source=source,
                                    detail=f"OCSP response is from the future (thisUpdate {this_update:%Y-%m-%d %H:%M} UTC)")
        if next_update is not None and next_update < now - SKEW:
            return RevocationResult(status="unknown", source=source,
                                    detail=f"OCSP response is stale (nextUpdate {next_update:%Y-%m-%d %H:%M} UTC)")
        status = single.certificate_status
        if status == ocsp.OCSPCertStatus.GOOD:
            return RevocationResult(status="good", source=source)
        if status == ocsp.OCSPCertStatus.REVOKED:
            reason = single.revocation_reason.name if single.revocation_reason else None
            return RevocationResult(status="revoked", source=source,
                                    revoked_at=single.revocation_time_utc, reason=reason)
        return RevocationResult(status="unknown", source=source,
                                detail="the OCSP responder does not know this certificate")
    return RevocationResult(status="unknown", source=source,
                            detail="the OCSP response is about another certificate")


def _issuer_hashes(issuer: x509.Certificate, algo: hashes.HashAlgorithm) -> tuple[bytes, bytes]:
    """(issuerNameHash, issuerKeyHash) per RFC 6960 §4.1.1."""
    h = hashes.Hash(algo)
    h.update(issuer.subject.public_bytes())
    name_hash = h.finalize()
    spki = issuer.public_key().public_bytes(serialization.Encoding.DER,
                                            serialization.PublicFormat.SubjectPublicKeyInfo)
    # The key hash covers the subjectPublicKey BIT STRING value, not the whole SPKI.
    key_bits = _spki_bits(spki)
    h = hashes.Hash(algo)
    h.update(key_bits)
    return name_hash, h.finalize()


def _spki_bits(spki: bytes) -> bytes:
    """The subjectPublicKey bits of a DER SubjectPublicKeyInfo (skip algorithm, unused-bits byte)."""
    _, body, _ = der.value(spki)
    _, _, after_alg = der.value(body)
    _, bits, _ = der.value(body, after_alg)
    return bits[1:]


def query_ocsp(fetcher: Fetcher, cert: x509.Certificate, issuer: x509.Certificate,
               now: datetime) -> RevocationResult | None:
    """Ask the responder named in the certificate's AIA; None when it names none."""
    urls = aia_urls(cert, ocsp=True)
    if not urls:
        return None
    url = urls[0]
    try:
        req = ocsp.OCSPRequestBuilder().add_certificate(cert, issuer, hashes.SHA1()).build()
        body = req.public_bytes(serialization.Encoding.DER)
    except Exception as exc:
        return RevocationResult(status="unknown", source=f"OCSP {url}", detail=f"cannot build request ({exc})")
    try:
        der = fetcher.post(url, body, "application/ocsp-request")
    except FetchError as exc:
        return RevocationResult(status="unknown", source=f"OCSP {url}", detail=f"responder unreachable: {exc}")
    return check_ocsp_response(der, cert, issuer, now, f"OCSP {url}")


def check_crl(fetcher: Fetcher, cert: x509.Certificate, issuer: x509.Certificate,
              now: datetime) -> RevocationResult | None:
    """Download the first http CRL distribution point; None when there is none."""
    urls = [u for u in crl_urls(cert) if u.lower().startswith("http://")]
    if not urls:
        return None
    url = urls[0]
    source = f"CRL {url}"
    try:
        crl = fetcher.crl(url)
    except FetchError as exc:
        return RevocationResult(status="unknown", source=source, detail=f"CRL unreachable: {exc}")
    if crl.issuer != issuer.subject:
        return RevocationResult(status="unknown", source=source, detail="the CRL is from another issuer")
    try:
        valid = crl.is_signature_valid(issuer.public_key())  # type: ignore[arg-type]
    except Exception:
        valid = False
    if not valid:
        return RevocationResult(status="unknown", source=source, detail="the CRL signature does not verify")
    nxt = crl.next_update_utc
    if nxt is not None and nxt < now - SKEW:
        return RevocationResult(status="unknown", source=source,
                                detail=f"the CRL is stale (nextUpdate {nxt:%Y-%m-%d %H:%M} UTC)")
    entry = crl.get_revoked_certificate_by_serial_number(cert.serial_number)
    if entry is None:
        return RevocationResult(status="good", source=source)
    reason = None
    with contextlib.suppress(Exception):
        reason = entry.extensions.get_extension_for_class(x509.CRLReason).value.reason.name
    return RevocationResult(status="revoked", source=source, revoked_at=entry.revocation_date_utc,
                            reason=reason)

