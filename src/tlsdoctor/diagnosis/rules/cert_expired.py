"""cert_expired: a certificate on the path is past its notAfter."""

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
def cert_expired(ev: Evidence) -> list[Finding]:
    """Each expired certificate on the path, leaf or CA; not when this machine's clock is
    what makes it look expired (client_clock_wrong)."""
    said = stated(ev, Cause.CERT_EXPIRED) or alert_only(ev, Cause.CERT_EXPIRED)
    if said is not None:
        return [said]
    chain = chain_of(ev)
    if chain is None or clock_explains_time(ev):
        return []
    out = []
    for v in chain.validity:
        if v.state != "expired":
            continue
        link = chain.path[v.position]
        info, role = link.info, link.role
        out.append(make_finding(
            Cause.CERT_EXPIRED,
            title=f"The {role} certificate '{info.common_name}' expired {ago(v.seconds)} ago",
            explanation=f"The {role} certificate {info.label} was valid until "
                        f"{info.not_after:%Y-%m-%d %H:%M} UTC; clients refuse expired certificates."
                        + (" Renew it." if v.position == 0
                           else " Install the CA's current intermediate/root."),
            evidence=(cert_evidence(info, role), f"now: {chain.now:%Y-%m-%d %H:%M} UTC"),
            facts={**cert_facts(info), "position": v.position, "role": role,
                   "checked_at": chain.now.isoformat(),
                   "seconds_ago": v.seconds}))
    return out
