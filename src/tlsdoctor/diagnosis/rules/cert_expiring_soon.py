"""cert_expiring_soon: valid now, but expires within the warning window."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ..catalog import make_finding
from . import rule
from ._chain import ago, cert_evidence, cert_facts, chain_of, clock_explains_time
from ._text import stated

# Within a week an expiry is an outage being scheduled, not a reminder: a risk.
_IMMINENT = 7 * 86400


@rule
def cert_expiring_soon(ev: Evidence) -> list[Finding]:
    """Each path certificate whose notAfter falls within ``--warn-days``."""
    said = stated(ev, Cause.CERT_EXPIRING_SOON)
    if said is not None:
        return [said]
    chain = chain_of(ev)
    if chain is None or clock_explains_time(ev):
        return []
    # With this machine's clock off, "soon" is judged at the server's clock.
    there = ev.chain_at_server_time
    expiring_there = ({v.position for v in there.validity if v.state == "expiring"}
                      if there is not None else None)
    out = []
    for v in chain.validity:
        if v.state != "expiring" or (expiring_there is not None and
                                     v.position not in expiring_there):
            continue
        link = chain.path[v.position]
        info, role = link.info, link.role
        imminent = v.seconds < _IMMINENT
        out.append(make_finding(
            Cause.CERT_EXPIRING_SOON, severity=Severity.RISK if imminent else None,
            title=f"The {role} certificate '{info.common_name}' expires in {ago(v.seconds)}",
            explanation=f"The {role} certificate {info.label} expires on "
                        f"{info.not_after:%Y-%m-%d %H:%M} UTC (warning window: "
                        f"{chain.warn_days} days).",
            evidence=(cert_evidence(info, role),),
            facts={**cert_facts(info), "position": v.position, "role": role,
                   "seconds_left": v.seconds}))
    return out
