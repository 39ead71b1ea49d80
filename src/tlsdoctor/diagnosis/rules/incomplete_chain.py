"""incomplete_chain: intermediates missing from what the server sends."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts
from ...wire.registry import AlertDescription
from ..catalog import make_finding
from . import rule
from ._capture import alert_only, captured, cert_complaint
from ._chain import cert_evidence, issued_chain
from ._keyfit import key_name, other_certificate
from ._policy import client_name, policy
from ._text import stated

# A client's alerts about the server's certificate that may mean it found no issuer: the
# issuer's own (unknown_ca), and the ones some clients send for every check (Go and GnuTLS
# bad_certificate, JSSE certificate_unknown) or OpenSSL for a name or a weak key.
_ANY_CHECK = frozenset({AlertDescription.bad_certificate, AlertDescription.certificate_unknown})


@rule
def incomplete_chain(ev: Evidence) -> Finding | None:
    """The server sends its certificate without the intermediate(s) that lead to a root:
    proven when the missing ones were fetched over AIA, inferred when the leaf's issuer is
    nowhere to be found (public CAs never issue from the root itself)."""
    said = stated(ev, Cause.INCOMPLETE_CHAIN) or alert_only(ev, Cause.INCOMPLETE_CHAIN)
    if said is not None:
        return said
    chain = issued_chain(ev)
    if chain is None:
        return None
    if chain.missing_issuer is not None and not chain.missing_issuer.top_is_ca:
        return _issuer_not_found(ev, chain)
    fetched = chain.fetched_links
    if not chain.anchored or not fetched:
        return None
    names = ", ".join(f"'{p.info.common_name}'" for p in fetched)
    pol = policy(ev)
    fetches = pol is not None and pol.aia_fetching is True
    dual = _dual(ev, chain)
    return make_finding(
        Cause.INCOMPLETE_CHAIN, severity=Severity.RISK if fetches else None,
        title=(f"Server does not send the intermediate certificate(s); {client_name(ev)} "
               "fetches them itself, most other clients fail" if fetches else None),
        explanation=f"The server sends its certificate without the intermediate(s) {names}. "
                    "Browsers may fetch them (AIA), but most other clients (curl, Python, "
                    "Java, Go, mobile apps) fail with 'unable to get local issuer certificate'."
                    + (f" The server has a second certificate ({dual['other_key']}), which "
                       f"clients get when they ask for it; it is the {dual['key']} one that "
                       "lacks its intermediates." if dual else ""),
        evidence=tuple(cert_evidence(p.info, f"missing intermediate, fetched from {p.info.source[4:]}")
                       for p in fetched) + ((f"another certificate served: {dual['other_key']}, "
                                             f"{dual['other_sent']} certificate(s) sent",)
                                            if dual else ()),
        facts={"missing": [p.info.subject for p in fetched], "completed_chain": True, **dual})


def _dual(ev: Evidence, chain: ChainFacts) -> dict[str, object]:
    """Which of two certificates lacks its intermediates (the fix names its lines)."""
    if chain.leaf is None:
        return {}
    other = other_certificate(ev, chain.leaf.info.sha256)
    if other is None:
        return {}
    return {"key": key_name(chain.leaf.info.key_type), "other_key": other[0],
            "other_sent": other[1]}


def _issuer_not_found(ev: Evidence, chain: ChainFacts) -> Finding | None:
    top, missing = chain.path[-1], chain.missing_issuer
    assert missing is not None  # the caller checked
    # "In no trust store" is this machine's stores; a captured client has its own. When it
    # finished the handshake it had the issuer (a private root it trusts), and when it
    # refused the certificate with another alert than an unknown issuer's it found the issuer
    # and objected to something else (OpenSSL: unknown_ca for an issuer it cannot find,
    # bad_certificate for a name or a weak key, certificate_expired...; ssl/statem/
    # statem_lib.c ssl_x509err2alert): then the missing issuer is only a ranking.
    ex = captured(ev)
    if ex is not None and ex.complete:
        return None
    complaint = cert_complaint(ev)
    said = complaint.description if complaint is not None else None
    # Public CAs always name their issuer in AIA (CA/B BR §7.1.2.7): without AIA the leaf
    # may also come straight from a private root, so say that, less sure.
    private_hint = not missing.has_aia
    confidence = 0.8 if private_hint else 0.95
    if said in _ANY_CHECK:
        confidence = 0.55  # any check's alert: a ranking
    elif said is not None and said != AlertDescription.unknown_ca:
        confidence = 0.3  # expired, revoked, unsupported: the issuer was found
    return make_finding(
        Cause.INCOMPLETE_CHAIN, confidence=confidence,
        explanation=f"The server sends its certificate {top.info.label} without the certificate "
                    f"that issued it ('{missing.issuer}'), and it could not be fetched. Clients "
                    "cannot build a path to a trusted root."
                    + (f" If '{missing.issuer_name}' is a private root CA, the clients must trust "
                       "it instead." if private_hint else ""),
        evidence=(cert_evidence(top.info, "last certificate sent"),
                  f"its issuer '{missing.issuer}' was not sent by the server and is in no trust store",
                  *(f"AIA: {t}" for t in missing.tried)),
        facts={"missing_issuer": missing.issuer, "missing_issuer_name": missing.issuer_name,
               "completed_chain": False, "private_hint": private_hint})
