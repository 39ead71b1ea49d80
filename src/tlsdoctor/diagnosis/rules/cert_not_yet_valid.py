"""cert_not_yet_valid: a certificate on the path starts in the future."""

from __future__ import annotations

from ...causes import Cause
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._capture import alert_only
from ._chain import ago, cert_evidence, cert_facts, chain_of, clock_explains_time
from ._text import stated


@rule
def cert_not_yet_valid(ev: Evidence) -> list[Finding]:
    """Each certificate before its notBefore; not when this machine's clock explains it."""
    said = stated(ev, Cause.CERT_NOT_YET_VALID) or alert_only(ev, Cause.CERT_NOT_YET_VALID)
    if said is not None:
        return [said]
    chain = chain_of(ev)
    if chain is None or clock_explains_time(ev):
        return []
    out = []
    for v in chain.validity:
        if v.state != "not_yet_valid":
            continue
        link = chain.path[v.position]
        info, role = link.info, link.role
        out.append(make_finding(
            Cause.CERT_NOT_YET_VALID,
            title=f"The {role} certificate '{info.common_name}' is valid only in {ago(v.seconds)}",
            explanation=f"The {role} certificate {info.label} starts on "
                        f"{info.not_before:%Y-%m-%d %H:%M} UTC. Either it was installed too early, "
                        "or a clock is wrong (this machine's or the issuer's).",
            evidence=(cert_evidence(info, role), f"now: {chain.now:%Y-%m-%d %H:%M} UTC"),
            facts={**cert_facts(info), "position": v.position, "role": role,
                   "checked_at": chain.now.isoformat(),
                   "seconds_until": v.seconds}))
    return out
