"""cert_wrong_purpose: the certificate may not authenticate a TLS server."""

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

# The leaf's own CA flag and keyUsage, as pki/checks.purpose_problems words them (the
# negotiated suite's keyUsage need included); EKU and the issuers' constraints are others.
_LEAF_USAGE = ("it is marked CA:TRUE", "its keyUsage allows", "the negotiated")
# The issuers' own constraints, as pki/checks._issuer_problems words them: the leaf is not
# what is wrong, and a leaf reissued by the same CA breaks them again.
_ISSUER_SIDE = ("the issuer ", "the intermediate ", "the CA ")


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
    p = policy(ev)
    # A client that checks neither the leaf's CA flag nor its keyUsage (ca_as_leaf_cause
    # "": GnuTLS in wget's compatibility mode, Erlang ssl) connects: a risk, not a failure.
    accepted = p is not None and p.ca_as_leaf_cause == "" and all(
        x.startswith(_LEAF_USAGE) and ("keyUsage" in x or "CA:TRUE" in x) for x in problems)
    notes = [f"{client_name(ev)} checks neither the leaf's CA flag nor its keyUsage "
             f"({p.source('ca_as_leaf_cause')}); stricter clients refuse it"] if accepted and p else []
    issuer_side = [x for x in problems if x.startswith(_ISSUER_SIDE)]
    only_issuer = len(issuer_side) == len(problems)
    return make_finding(
        Cause.CERT_WRONG_PURPOSE, severity=Severity.RISK if accepted else None,
        title="The issuing CA's constraints do not allow this certificate" if only_issuer
        else None,
        explanation=f"The certificate {leaf.label} cannot be used to authenticate a TLS server: "
                    + "; ".join(problems) + "."
                    + (" The leaf itself is fine: the CA above it may not issue it, so a leaf "
                       "reissued by the same CA fails the same way." if only_issuer else ""),
        evidence=(cert_evidence(leaf, "leaf"), *problems, *notes),
        facts={**cert_facts(leaf), "problems": list(problems), "issuer_problems": issuer_side,
               "leaf_is_ca": leaf.is_ca and not leaf.self_signed})
