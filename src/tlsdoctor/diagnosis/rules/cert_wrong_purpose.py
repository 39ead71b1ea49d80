"""cert_wrong_purpose: the certificate may not authenticate a TLS server."""

from __future__ import annotations

from ...causes import Cause
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, chain_of
from ._text import stated


@rule
def cert_wrong_purpose(ev: Evidence) -> Finding | None:
    """EKU without serverAuth, keyUsage that forbids the negotiated key exchange, a CA
    certificate as the leaf, or CA constraints (pathLen, EKU, name constraints) the path
    breaks (RFC 5280 §4.2.1)."""
    said = stated(ev, Cause.CERT_WRONG_PURPOSE) or alert_only(ev, Cause.CERT_WRONG_PURPOSE)
    if said is not None:
        return said
    chain = chain_of(ev)
    if chain is None or chain.leaf is None or not chain.purpose_problems:
        return None
    leaf = chain.leaf.info
    problems = chain.purpose_problems
    return make_finding(
        Cause.CERT_WRONG_PURPOSE,
        explanation=f"The certificate {leaf.label} cannot be used to authenticate a TLS server: "
                    + "; ".join(problems) + ".",
        evidence=(cert_evidence(leaf, "leaf"), *problems),
        facts={**cert_facts(leaf), "problems": list(problems),
               "leaf_is_ca": leaf.is_ca and not leaf.self_signed})
