"""name_resolution_or_unreachable: the name does not resolve, or no route to the address."""

from __future__ import annotations

from ...addresses import host_port
from ...causes import Cause, Party
from ...evidence import Evidence
from ...finding import Finding
from ...probe.outcome import Exchange, Outcome
from ...probe.target import Target
from ..catalog import make_finding
from . import rule
from ._text import stated

_PATH = (Outcome.DNS_FAILURE, Outcome.REFUSED, Outcome.UNREACHABLE)


@rule
def name_resolution_or_unreachable(ev: Evidence) -> Finding | None:
    """The DNS lookup failed, the network has no route, or nothing listens on the port
    (connection refused: an RST from the host itself, which a name that resolves and a
    host that answers prove is up; the service is down or listens elsewhere). Nothing of
    TLS was tried. The same answer from a live diagnosis, a scan's probes and a capture
    whose SYN was answered by a reset."""
    said = stated(ev, Cause.NAME_RESOLUTION_OR_UNREACHABLE)
    if said is not None or ev.target is None:
        return said
    if ev.scan is not None and not ev.scan.accepted_versions:
        first = next((p for p in ev.scan.probes if p.outcome in _PATH), None)
        return _finding(first, ev.target) if first is not None else None
    if ev.live and ev.probes:
        return _finding(ev.baseline, ev.target)
    if ev.observed and ev.probes and ev.probes[0].outcome is Outcome.REFUSED:
        return _finding(ev.probes[0], ev.target)  # a capture: the SYN answered by a reset
    return None


def _finding(p: Exchange, t: Target) -> Finding | None:
    if p.outcome is Outcome.DNS_FAILURE:
        return make_finding(
            # the name looked up: --connect's when given, else the host's
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"{t.address} does not resolve",
            who_fixes=Party.CLIENT,
            explanation="The name could not be turned into an address, so no connection was "
                        "attempted. Typo, missing DNS record, or a resolver that cannot reach it.",
            evidence=(f"DNS lookup of {t.address} failed: {p.error}",), facts={"kind": "dns"})
    if p.outcome is Outcome.REFUSED:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, who_fixes=Party.SERVER,
            title=f"Nothing listens on {t.address} port {t.port} (connection refused)",
            explanation="The host answered the TCP connection attempt with a refusal: it is up, "
                        "but no service accepts connections on this port. The TLS service is "
                        "stopped or crashed, listens on another port or address, or a host "
                        "firewall rejects the port.",
            evidence=(f"connect to {host_port(t.address, t.port)}: connection refused",),
            facts={"kind": "refused", "port": t.port})
    if p.outcome is Outcome.UNREACHABLE:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"No route to {t.address}",
            evidence=(f"connect to {host_port(t.address, t.port)}: {p.error}",), facts={"kind": "route"})
    return None
