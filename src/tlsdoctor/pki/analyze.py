"""Chain analysis: from the certificates a server sent to ChainFacts (chain.py).

Two views of the same chain. ``cryptography.x509.verification`` says whether a strict
client verifies it against each trust store (``verified``, ``trusted_by``); our own path
builder (pathbuild.py) and checks (checks.py) say what is true of each certificate, so
the certificate rules (``tlsdoctor.diagnosis.rules``) can name *why* a path fails. This
module decides no cause.

Pure function of its inputs: ``now`` is a parameter, network access only through the
optional ``Fetcher`` (AIA, OCSP, CRL), and bad certificates become facts.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING

from cryptography import x509
from cryptography.x509 import verification

from . import checks
from .certinfo import CertInfo, load_der_list, short_name, to_pem, utc
from .chain import ChainFacts, Interception, MissingIssuer, PathLink, Revocation, ServedOrder
from .hostname import check_hostname, parse_ip
from .interception import match_interception
from .pathbuild import BuiltPath, PathBuilder, anchor_in
from .trust import TrustStore, TrustStores

if TYPE_CHECKING:  # loaded when a fetcher or a stapled answer is there (not for a capture)
    from .fetch import Fetcher
    from .revocation import RevocationResult

__all__ = ["ChainFacts", "analyze_chain", "leaf_out_of_date"]


def leaf_out_of_date(chain_der: Sequence[bytes], now: datetime) -> bool:
    """Whether ``analyze_chain`` will find the served leaf expired or not yet valid at
    ``now`` (its first ``validity`` entry), read from the leaf alone and the same way, so
    a caller can start what that needs before the whole chain is judged."""
    if not chain_der:
        return False
    leaf = load_der_list(chain_der[:1])[0][0]
    if not isinstance(leaf, x509.Certificate):
        return False  # analyze_chain reports it unparsable: no validity at all
    now = utc(now)
    return now > leaf.not_valid_after_utc or now < leaf.not_valid_before_utc


def analyze_chain(chain_der: Sequence[bytes], *, hostname: str | None, now: datetime,
                  stores: TrustStores, warn_days: int = 30, fetcher: Fetcher | None = None,
                  stapled_ocsp: bytes | None = None, negotiated_kx: str | None = None,
                  served_sni: bool = True) -> ChainFacts:
    """The facts of the chain as the server sent it (DER, in order). Never raises on bad input.

    ``negotiated_kx``: the key exchange/authentication of the negotiated suite ("RSA",
    "ECDHE_RSA", "ECDHE_ECDSA", "DHE_RSA", "ECDH_ECDSA", "TLS13"...), None when unknown.
    ``served_sni``: whether the client sent SNI (a default certificate explains a mismatch).
    """
    now = utc(now)
    parsed, dropped = load_der_list(chain_der)
    bad = tuple(p for p in parsed if not isinstance(p, x509.Certificate))
    served = [p for p in parsed if isinstance(p, x509.Certificate)]
    base = ChainFacts(certificates=tuple(CertInfo.of(c) for c in served), now=now,
                      warn_days=warn_days, default_store=stores.default.name,
                      store_names=stores.names(), bad_certificates=bad, dropped=dropped,
                      hostname=hostname, served_sni=served_sni,
                      trusted_by={s.name: False for s in stores}, negotiated_kx=negotiated_kx,
                      stapled=stapled_ocsp is not None)
    if not chain_der:
        return replace(base, empty=True)
    if not isinstance(parsed[0], x509.Certificate):
        return replace(base, leaf_unparsable=parsed[0])
    builder = PathBuilder(stores, fetcher)
    built = builder.build(served)
    facts = _path_facts(base, built, served, stores, hostname, fetching=fetcher is not None)
    facts = _trust(built, served, stores, hostname, facts, now)
    rev = _revocation(built, now, fetcher, stapled_ocsp)
    return replace(facts, revocation=rev, must_staple=built.steps[0].info.must_staple,
                   fetches=tuple(f"{x.url}: {x.detail}" for x in (fetcher.log if fetcher else ())))


def _path_facts(base: ChainFacts, built: BuiltPath, served: list[x509.Certificate],
                stores: TrustStores, hostname: str | None, *, fetching: bool) -> ChainFacts:
    steps, links = built.steps, built.links()
    leaf, top = steps[0], steps[-1]
    host_check = None
    if hostname:
        host_check = check_hostname(hostname, leaf.info.dns_names, leaf.info.ip_addresses,
                                    leaf.info.common_name)
    order = None if leaf.info.self_signed else checks.served_order(
        served, base.certificates, steps, base.now, stores.default.issuers_named)
    if order is not None and order.expired_cross_signs:
        order = replace(order, cross_issuer_trusted=tuple(
            i for i in order.expired_cross_signs if stores.default.has_subject(served[i].issuer)))
    suite_ku, conflicts = checks.key_usage_for_suite(steps, base.negotiated_kx)
    missing = None if built.anchored or leaf.info.self_signed else _missing(built, fetching)
    return replace(
        base, path=links, anchored=built.anchored,
        anchor_stores=tuple(s.name for s in stores if anchor_in(s, top.cert)),
        leaf_trusted_as_is=anchor_in(stores.default, leaf.cert),
        host_check=host_check, validity=checks.validity(steps, base.now, base.warn_days),
        interception=_interception(links), missing_issuer=missing,
        completed_chain_pem=_completed(built, order),
        order=order, weak=checks.weak_links(steps),
        purpose_problems=checks.purpose_problems(steps, suite_ku), key_type_conflicts=conflicts)


def _missing(built: BuiltPath, fetching: bool) -> MissingIssuer:
    step = built.steps[-1]
    info = step.info
    tried = tuple(built.fetch_errors) or (
        ("no AIA caIssuers URL in the certificate",) if not info.ca_issuer_urls else
        ("AIA fetching is off (offline)",) if not fetching else ())
    return MissingIssuer(issuer=info.issuer, issuer_name=short_name(step.cert.issuer),
                         top_is_ca=info.is_ca, has_aia=bool(info.ca_issuer_urls), tried=tried)


def _completed(built: BuiltPath, order: ServedOrder | None) -> str | None:
    """The bundle to serve: the served chain completed by AIA, or reordered."""
    steps = built.steps
    fetched = [s for s in steps if s.info.source.startswith("aia:") and not s.info.self_signed]
    if built.anchored and fetched and not steps[0].info.self_signed:
        return to_pem([s.cert for s in steps if s.served_index is not None or
                       (s.info.source.startswith("aia:") and not s.info.self_signed)])
    return order.corrected_pem if order is not None else None


def _interception(links: Sequence[PathLink]) -> Interception | None:
    for i, link in enumerate(links):
        product = match_interception(link.info.issuer)
        if product is not None:
            return Interception(product=product.product, pattern=product.pattern,
                                source=product.source, position=i,
                                key_public=product.key_public)
    return None


def _trust(built: BuiltPath, served: list[x509.Certificate], stores: TrustStores,
           hostname: str | None, facts: ChainFacts, now: datetime) -> ChainFacts:
    """``facts`` with each store's verdict on the chain as served (cryptography's verifier)."""
    steps = built.steps
    host_ok = bool(facts.hostname_ok)
    subject = _hostname_subject(steps[0].info, hostname, host_ok)
    own_ok = built.anchored and all(s.info.not_before <= now <= s.info.not_after for s in steps) \
        and all(s.served_index is not None or s.info.source.startswith("store:") for s in steps)
    trusted_by: dict[str, bool] = {}
    verify_error = None
    for store in stores:
        ok, err = _verify(store, served[0], served[1:], subject, now)
        if ok is None:  # no SAN: judge by our own path (anchor in this store, times valid)
            ok = own_ok and anchor_in(store, steps[-1].cert)
        trusted_by[store.name] = ok
        if store is stores.default and not ok:
            verify_error = err
    return replace(facts, trusted_by=trusted_by, verified=trusted_by[stores.default.name],
                   verify_error=verify_error)


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
        return False, str(exc).split(" (encountered processing")[0][:300]
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


def _revocation(built: BuiltPath, now: datetime, fetcher: Fetcher | None,
                stapled: bytes | None) -> Revocation:
    leaf = built.steps[0]
    issuer = built.steps[1].cert if len(built.steps) > 1 else None
    results = _revocation_answers(leaf.cert, issuer, now, fetcher, stapled)
    if not results:
        if issuer is None:
            status = "not checked" if leaf.info.self_signed else "unknown: issuer certificate not available"
        elif fetcher is None:
            status = "not checked"
        else:
            status = "unknown: the certificate names no OCSP responder or CRL"
        return Revocation(status=status)
    final = next((r for r in results if r.status == "revoked"), None) or \
        next((r for r in results if r.status == "good"), results[-1])
    others = tuple(f"{r.source}: {r.summary}" for r in results if r is not final)
    if final.status in ("revoked", "good"):
        return Revocation(status=final.status, source=final.source, revoked_at=final.revoked_at,
                          reason=final.reason, other_answers=others)
    return Revocation(status="unknown: " + "; ".join(f"{r.source}: {r.detail}" for r in results),
                      other_answers=others)


def _revocation_answers(cert: x509.Certificate, issuer: x509.Certificate | None, now: datetime,
                        fetcher: Fetcher | None, stapled: bytes | None) -> list[RevocationResult]:
    results: list[RevocationResult] = []
    if stapled is None and (fetcher is None or issuer is None):
        return results
    from .revocation import check_crl, check_ocsp_response, query_ocsp

    if stapled is not None:
        results.append(check_ocsp_response(stapled, cert, issuer, now, "stapled OCSP"))
    if (not results or results[-1].status == "unknown") and fetcher is not None and issuer is not None:
        r = query_ocsp(fetcher, cert, issuer, now)
        if r is not None:
            results.append(r)
        if not results or results[-1].status == "unknown":
            r = check_crl(fetcher, cert, issuer, now)
            if r is not None:
                results.append(r)
    return results
