"""cert_self_signed: the server's own certificate is signed by its own key."""

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
def cert_self_signed(ev: Evidence) -> Finding | None:
    """A self-signed leaf that the client's store does not hold as-is (a self-signed leaf
    is not also reported as an untrusted root: it is its own root)."""
    said = stated(ev, Cause.CERT_SELF_SIGNED) or alert_only(ev, Cause.CERT_SELF_SIGNED)
    if said is not None:
        return said
    chain = chain_of(ev, trust=True)
    if chain is None or chain.leaf is None:
        return None
    leaf = chain.leaf.info
    if not leaf.self_signed or chain.leaf_trusted_as_is:
        return None
    return make_finding(
        Cause.CERT_SELF_SIGNED,
        explanation=f"The server's certificate {leaf.label} is signed by its own key: no CA "
                    "vouches for it, so clients reject it unless they were told to trust "
                    "exactly this certificate.",
        evidence=(cert_evidence(leaf, "leaf (self-signed)"),),
        facts={**cert_facts(leaf), "common_name": leaf.common_name})
