"""Shared by cert_expired and cert_not_yet_valid: certificates outside their validity."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ...causes import Cause
from ...evidence import Evidence
from ...finding import Finding
from ...pki.chain import ChainFacts, PathLink, Validity
from ..catalog import make_finding
from ._capture import alert_only
from ._chain import cert_evidence, cert_facts, chain_of, clock_explains_time
from ._text import stated

# (chain, validity, link) -> the finding's title, explanation and extra facts
Wording = Callable[[ChainFacts, Validity, PathLink], tuple[str, str, dict[str, Any]]]


def out_of_date(ev: Evidence, cause: Cause, state: str, wording: Wording) -> list[Finding]:
    """One finding per certificate on the path in ``state`` ("expired", "not_yet_valid");
    the text's or alert's word when there is no chain; nothing when this machine's clock
    is what puts them out of date (client_clock_wrong says so)."""
    said = stated(ev, cause) or alert_only(ev, cause)
    if said is not None:
        return [said]
    chain = chain_of(ev)
    if chain is None or clock_explains_time(ev):
        return []
    out = []
    for v in chain.validity:
        if v.state != state:
            continue
        link = chain.path[v.position]
        title, explanation, facts = wording(chain, v, link)
        out.append(make_finding(
            cause, title=title, explanation=explanation,
            evidence=(cert_evidence(link.info, link.role), f"now: {chain.now:%Y-%m-%d %H:%M} UTC"),
            facts={**cert_facts(link.info), "position": v.position, "role": link.role,
                   "checked_at": chain.now.isoformat(), **facts}))
    return out
