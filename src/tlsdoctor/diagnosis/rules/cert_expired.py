"""cert_expired: a certificate on the path is past its notAfter."""

from __future__ import annotations

from typing import Any

from ...causes import Cause
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts, PathLink, Validity
from . import rule
from ._chain import ago
from ._dated import out_of_date


@rule
def cert_expired(ev: Evidence) -> list[Finding]:
    """Each expired certificate on the path, leaf or CA; not when this machine's clock is
    what makes it look expired (client_clock_wrong)."""
    return out_of_date(ev, Cause.CERT_EXPIRED, "expired", _wording)


def _wording(chain: ChainFacts, v: Validity, link: PathLink) -> tuple[str, str, dict[str, Any]]:
    info, role = link.info, link.role
    return (f"The {role} certificate '{info.common_name}' expired {ago(v.seconds)} ago",
            f"The {role} certificate {info.label} was valid until "
            f"{info.not_after:%Y-%m-%d %H:%M} UTC; clients refuse expired certificates."
            + (" Renew it." if v.position == 0 else " Install the CA's current intermediate/root."),
            {"seconds_ago": v.seconds})
