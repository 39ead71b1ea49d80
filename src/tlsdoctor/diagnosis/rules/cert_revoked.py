"""cert_revoked: the issuing CA says the certificate must no longer be trusted."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, chain_of
from ._policy import client_name, policy
from ._text import stated


@rule
def cert_revoked(ev: Evidence) -> Finding | None:
    """Revoked per the stapled OCSP response, the OCSP responder or the CRL (each answer
    signature- and freshness-checked in pki.revocation)."""
    said = stated(ev, Cause.CERT_REVOKED) or alert_only(ev, Cause.CERT_REVOKED)
    if said is not None:
        return said
    chain = chain_of(ev)
    if chain is None or chain.leaf is None or chain.revocation.status != "revoked":
        return alert_only(ev, Cause.CERT_REVOKED, unseen=False)
    leaf, rev = chain.leaf.info, chain.revocation
    when = f" on {rev.revoked_at:%Y-%m-%d %H:%M} UTC" if rev.revoked_at else ""
    why = f" (reason: {rev.reason})" if rev.reason else ""
    unchecked = _unchecked_here(ev, rev.source)
    return make_finding(
        Cause.CERT_REVOKED, severity=Severity.RISK if unchecked else None,
        title=(f"Certificate has been revoked, but {client_name(ev)} does not check "
               f"{unchecked} and connects anyway" if unchecked else None),
        explanation=f"The issuing CA has revoked the certificate {leaf.label}{when}{why}, "
                    f"according to {rev.source}. Clients that check revocation refuse it.",
        evidence=(cert_evidence(leaf, "leaf"), f"{rev.source}: revoked{when}{why}",
                  *rev.other_answers,
                  *((f"policy: {client_name(ev)} does not fetch {unchecked} by default",)
                    if unchecked else ())),
        facts={**cert_facts(leaf), "source": rev.source,
               "revoked_at": rev.revoked_at.isoformat() if rev.revoked_at else None,
               "reason": rev.reason})


def _unchecked_here(ev: Evidence, source: str) -> str:
    """The revocation channel this client ignores ("CRLs", "OCSP"), "" when it checks it
    or its policy is not recorded. Most clients fetch neither by default (curl, Python,
    Java, Go, Node); browsers rely on pushed lists (CRLSets, CRLite) instead."""
    p = policy(ev)
    if p is None:
        return ""
    if source.startswith("CRL") and p.crl_checked is False:
        return "CRLs"
    if source.startswith("OCSP") and p.ocsp == "off":
        return "OCSP"
    return ""
