"""cert_not_yet_valid: a certificate on the path starts in the future."""

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
def cert_not_yet_valid(ev: Evidence) -> list[Finding]:
    """Each certificate before its notBefore; not when this machine's clock explains it."""
    return out_of_date(ev, Cause.CERT_NOT_YET_VALID, "not_yet_valid", _wording)


def _wording(chain: ChainFacts, v: Validity, link: PathLink) -> tuple[str, str, dict[str, Any]]:
    info, role = link.info, link.role
    return (f"The {role} certificate '{info.common_name}' is valid only in {ago(v.seconds)}",
            f"The {role} certificate {info.label} starts on "
            f"{info.not_before:%Y-%m-%d %H:%M} UTC. Either it was installed too early, "
            "or a clock is wrong (this machine's or the issuer's).",
            {"seconds_until": v.seconds})
