"""name_resolution_or_unreachable, middlebox_or_firewall_interference: the path, not TLS."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...probe.outcome import Outcome
from ..causes import Cause, Party
from ..finding import Finding, FixStep
from . import rule

_SILENT = (Outcome.RESET, Outcome.TIMEOUT, Outcome.CLOSED)


@rule
def name_resolution_or_unreachable(ev: Evidence) -> Finding | None:
    """The name does not resolve, or there is no route to the address."""
    b = ev.baseline
    if b.outcome is Outcome.DNS_FAILURE:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"{ev.target.host} does not resolve",
            who_fixes=Party.CLIENT,
            explanation="The name could not be turned into an address, so no connection was "
                        "attempted. Typo, missing DNS record, or a resolver that cannot reach it.",
            evidence=(f"DNS lookup of {ev.target.host} failed: {b.error}",),
            fix=(FixStep(text="Check the spelling and the DNS record.",
                         code=f"getent hosts {ev.target.host}\ndig +short {ev.target.host}"),))
    if b.outcome is Outcome.UNREACHABLE:
        return make_finding(
            Cause.NAME_RESOLUTION_OR_UNREACHABLE, title=f"No route to {ev.target.address}",
            evidence=(f"connect to {ev.target.address}:{ev.target.port}: {b.error}",))
    return None


@rule
def middlebox_or_firewall_interference(ev: Evidence) -> Finding | None:
    """Refused, dropped or reset on the path; SNI-based blocking; intolerant middleboxes."""
    b, t = ev.baseline, ev.target
    where = f"{t.address}:{t.port}"
    if b.outcome is Outcome.REFUSED:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, who_fixes=Party.EITHER,
            title=f"Connection refused on port {t.port}",
            explanation="The TCP connection was actively refused: no service listens on this "
                        "port, or a firewall rejects the connection.",
            evidence=(f"connect to {where}: connection refused",),
            fix=(FixStep(text="Check that the TLS service is running and listening on this "
                              "port (server side), then that no firewall rule rejects it.",
                         code=f"ss -ltnp | grep ':{t.port} '"),))
    if b.outcome is Outcome.CONNECT_TIMEOUT:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, title=f"Connections to port {t.port} are silently dropped",
            explanation="The TCP handshake got no answer at all: a firewall drops the packets, "
                        "or the host is down.",
            evidence=(f"connect to {where}: no answer to SYN within the timeout",))
    if b.outcome not in _SILENT:
        return None
    blocked_sni = _sni_filtering(ev)
    if blocked_sni is not None:
        return blocked_sni
    small = ev.succeeded(Probe.SMALL)
    if small is not None:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
            title="A device on the path rejects modern or large ClientHellos",
            explanation="A minimal TLS 1.2 ClientHello gets through, but the client's own (larger "
                        "or newer) one is " + _verb(b.outcome) + ". Servers answer with an alert; "
                        "resets and silence point at a version- or size-intolerant middlebox "
                        "(firewall, load balancer, TLS inspection box).",
            evidence=(f"client's ClientHello ({b.offer.size} bytes): {b.outcome.value}",
                      f"minimal TLS 1.2 ClientHello ({small.offer.size} bytes): accepted"),
            fix=(FixStep(text="Ask the network team to update or bypass the device that inspects "
                              "TLS on this path; show them this evidence."),))
    variants = [p for p in ev.probes if p.label != Probe.BASELINE]
    if not variants or not all(p.outcome in _SILENT for p in variants):
        return None
    if b.outcome is Outcome.CLOSED:
        # A clean close with no alert, whatever is offered: a TLS stack that refuses a
        # hello says why (RFC 8446 §6.2), so this is a proxy or filter that accepts TCP and
        # gives up on TLS, or a server with no usable TLS setup (no certificate bound).
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, who_fixes=Party.EITHER,
            title="Every ClientHello is closed without an answer",
            explanation="The TCP connection opens, but the connection is closed after each "
                        "ClientHello (whatever version, suites or SNI) without a TLS alert. "
                        "A TLS server that refuses a hello sends an alert; a silent close "
                        "points at a proxy, load balancer or filter on the path, or at a "
                        "server whose TLS listener has no usable certificate.",
            evidence=tuple(f"{p.label}: {p.outcome.value}" for p in ev.probes),
            confidence=0.6,
            fix=(FixStep(text="Check from a host next to the server (no proxy or firewall in "
                              "between); if it works there, take this evidence to the network "
                              "team, otherwise check the server's TLS listener and its log.",
                         code=f"openssl s_client -connect {where} -servername {t.sni or t.host}"),))
    if b.outcome in (Outcome.RESET, Outcome.TIMEOUT):
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
            title=f"Every ClientHello is {_verb(b.outcome)} before the server answers",
            explanation="The TCP connection opens, but each TLS ClientHello (whatever version, "
                        "suites or SNI) is " + _verb(b.outcome) + " without a TLS alert. A TLS "
                        "server would answer with an alert; this is typical of a firewall or "
                        "filtering proxy, or of a service that is not TLS and waits for the "
                        "client to speak first.",
            evidence=tuple(f"{p.label}: {p.outcome.value}" for p in ev.probes),
            confidence=0.7)
    return None


def _sni_filtering(ev: Evidence) -> Finding | None:
    b = ev.baseline
    other = ev.succeeded(Probe.NEUTRAL_SNI) or ev.succeeded(Probe.NO_SNI)
    if b.offer.sni is None or other is None or b.outcome not in (Outcome.RESET, Outcome.TIMEOUT):
        return None
    wide = ev.probe(Probe.WIDE)
    if wide is not None and wide.outcome not in _SILENT:
        return None  # the server itself answered the name: that is an SNI rule, not the path
    return make_finding(
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
        title=f"Connections naming {b.offer.sni} are blocked on the path",
        explanation="The same ClientHello gets an answer when it names another host (or none), "
                    f"but is {_verb(b.outcome)} when the server_name is {b.offer.sni}. Servers do "
                    "not reset over a name; SNI-based filtering on the path does.",
        evidence=(f"SNI {b.offer.sni}: {b.outcome.value}",
                  f"SNI {other.offer.sni or '(none)'}: handshake completed"),
        facts={"blocked_sni": b.offer.sni},
        fix=(FixStep(text="Ask the network administrator why this name is filtered (web filter, "
                          "firewall SNI rule); show them the evidence."),))


def _verb(outcome: Outcome) -> str:
    return {Outcome.RESET: "reset", Outcome.TIMEOUT: "met with silence",
            Outcome.CLOSED: "closed without an answer"}.get(outcome, outcome.value)
