"""ocsp_must_staple_missing: the certificate demands stapling, the server does not staple."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._chain import cert_evidence, cert_facts, chain_of
from ._policy import client_name, policy
from ._text import stated


@rule
def ocsp_must_staple_missing(ev: Evidence) -> Finding | None:
    """TLS Feature status_request (RFC 7633) in the leaf, and no OCSP response in the
    handshake: clients that honour it (Firefox) refuse the connection."""
    said = stated(ev, Cause.OCSP_MUST_STAPLE_MISSING)
    if said is not None:
        return said
    chain = chain_of(ev)
    if chain is None or chain.leaf is None or not chain.must_staple or chain.stapled:
        return None
    leaf = chain.leaf.info
    p = policy(ev)
    ignored = p is not None and p.must_staple_enforced is False
    return make_finding(
        Cause.OCSP_MUST_STAPLE_MISSING, severity=Severity.RISK if ignored else None,
        title=(f"Must-staple certificate without a stapled OCSP response: {client_name(ev)} "
               "ignores it, Firefox refuses the connection" if ignored else None),
        explanation=f"The certificate {leaf.label} carries the TLS Feature extension "
                    "(RFC 7633, 'must-staple'), but the server sent no OCSP response in the "
                    "handshake; Firefox and other clients that honour it refuse the connection.",
        evidence=(cert_evidence(leaf, "leaf"), "TLS Feature: status_request",
                  "stapled OCSP response: none"),
        facts=cert_facts(leaf))
