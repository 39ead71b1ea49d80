"""name_resolution_or_unreachable: the name does not resolve, or no route to the address."""

from __future__ import annotations

from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Outcome
from ..catalog import make_finding
from . import rule
from ._scan import unreachable_kind
from ._text import stated


@rule
def name_resolution_or_unreachable(ev: Evidence) -> Finding | None:
    """The DNS lookup failed, the network has no route, or nothing listens on the port
    (connection refused: an RST from the host itself, which a name that resolves and a
    host that answers prove is up; the service is down or listens elsewhere)."""
    said = stated(ev, Cause.NAME_RESOLUTION_OR_UNREACHABLE)
    if said is not None:
        return said
    if ev.scan is not None and unreachable_kind(ev.scan) == "unreachable":
        outcomes = {p.outcome for p in ev.scan.probes}
        if outcomes & {Outcome.DNS_FAILURE, Outcome.UNREACHABLE, Outcome.REFUSED}:
            return make_finding(Cause.NAME_RESOLUTION_OR_UNREACHABLE,
                                evidence=[ev.scan.error] if ev.scan.error else [])
    if not ev.live or not ev.probes or ev.target is None:
        return None
    b, t = ev.baseline, ev.target
    if b.outcome is Outcome.DNS_FAILURE:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"{t.host} does not resolve",
            who_fixes=Party.CLIENT,
            explanation="The name could not be turned into an address, so no connection was "
                        "attempted. Typo, missing DNS record, or a resolver that cannot reach it.",
            evidence=(f"DNS lookup of {t.host} failed: {b.error}",), facts={"kind": "dns"})
    if b.outcome is Outcome.REFUSED:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, who_fixes=Party.SERVER,
            title=f"Nothing listens on {t.address} port {t.port} (connection refused)",
            explanation="The host answered the TCP connection attempt with a refusal: it is up, "
                        "but no service accepts connections on this port. The TLS service is "
                        "stopped or crashed, listens on another port or address, or a host "
                        "firewall rejects the port.",
            evidence=(f"connect to {t.address}:{t.port}: connection refused",),
            facts={"kind": "refused", "port": t.port})
    if b.outcome is Outcome.UNREACHABLE:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"No route to {t.address}",
            evidence=(f"connect to {t.address}:{t.port}: {b.error}",), facts={"kind": "route"})
    return None
