"""middlebox_or_firewall_interference: dropped, reset or cut on the path, not by TLS."""

from __future__ import annotations

from ...addresses import host_port
from ...causes import Cause, Party, Severity
from ...evidence import Evidence, Probe
from ...finding import Finding
from ...probe.outcome import Exchange, Outcome
from ...wire.registry import AlertDescription
from ..catalog import make_finding
from . import rule
from ._capture import alert_line, captured, deciding_alert, where
from ._common import proxy_failure
from ._scan import unreachable_kind
from ._text import stated

_SILENT = (Outcome.RESET, Outcome.TIMEOUT, Outcome.CLOSED)
_VERB = {Outcome.RESET: "reset", Outcome.TIMEOUT: "met with silence",
         Outcome.CLOSED: "closed without an answer"}


@rule
def middlebox_or_firewall_interference(ev: Evidence) -> Finding | None:
    """A TLS server that dislikes a hello answers with an alert (RFC 8446 §6.2). Silence,
    resets and bare closes are the path's doing: SYNs dropped, a name filtered (SNI), a
    box that chokes on modern or large hellos. Also the intolerance a scan finds."""
    return (stated(ev, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE) or _live(ev)
            or _captured(ev) or _scanned(ev))


def _live(ev: Evidence) -> Finding | None:
    if not ev.live or not ev.probes or ev.target is None:
        return None
    b, t = ev.baseline, ev.target
    if proxy_failure(b) in ("refused", "silent"):
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
            title="The HTTP proxy refuses the connection to this server",
            explanation="The proxy answered the CONNECT request with a refusal (or not at "
                        "all): its policy blocks this host or port. The server was never "
                        "reached.", evidence=(b.error,), facts={"kind": "proxy_refused"})
    if b.outcome is Outcome.CONNECT_TIMEOUT:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
            title=f"Connections to port {t.port} are silently dropped",
            explanation="The TCP handshake got no answer at all: a firewall drops the packets, "
                        "or the host is down.",
            evidence=(f"connect to {host_port(t.address, t.port)}: no answer to SYN within the timeout",),
            facts={"kind": "dropped"})
    if b.outcome not in _SILENT:
        return None
    return _sni_filtering(ev) or _intolerant(ev) or _everything_silent(ev)


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
                    f"but is {_VERB[b.outcome]} when the server_name is {b.offer.sni}. Servers "
                    "do not reset over a name; SNI-based filtering on the path does.",
        evidence=(f"SNI {b.offer.sni}: {b.outcome.value}",
                  f"SNI {other.offer.sni or '(none)'}: handshake completed"),
        facts={"blocked_sni": b.offer.sni, "kind": "sni_filter"})


def _intolerant(ev: Evidence) -> Finding | None:
    b, small = ev.baseline, ev.succeeded(Probe.SMALL)
    if small is None:
        return None
    return make_finding(
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
        title="A device on the path rejects modern or large ClientHellos",
        explanation="A minimal TLS 1.2 ClientHello gets through, but the client's own (larger "
                    "or newer) one is " + _VERB[b.outcome] + ". Servers answer with an alert; "
                    "resets and silence point at a version- or size-intolerant middlebox "
                    "(firewall, load balancer, TLS inspection box).",
        evidence=(f"client's ClientHello ({b.offer.size} bytes): {b.outcome.value}",
                  f"minimal TLS 1.2 ClientHello ({small.offer.size} bytes): accepted"),
        facts={"kind": "intolerant"})


def _everything_silent(ev: Evidence) -> Finding | None:
    b, t = ev.baseline, ev.target
    variants = [p for p in ev.probes if p.label != Probe.BASELINE]
    if t is None or not variants or not all(p.outcome in _SILENT for p in variants):
        return None
    lines = tuple(f"{p.label}: {p.outcome.value}" for p in ev.probes)
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
            evidence=lines, confidence=0.6, facts={"kind": "closed"})
    return make_finding(
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
        title=f"Every ClientHello is {_VERB[b.outcome]} before the server answers",
        explanation="The TCP connection opens, but each TLS ClientHello (whatever version, "
                    "suites or SNI) is " + _VERB[b.outcome] + " without a TLS alert. A TLS "
                    "server would answer with an alert; this is typical of a firewall or "
                    "filtering proxy, or of a service that is not TLS and waits for the "
                    "client to speak first.",
        evidence=lines, confidence=0.7, facts={"kind": "silent"})


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    if ex is None:
        return _unanswered_syn(ev)
    a = deciding_alert(ex)
    if a is not None and a.description == AlertDescription.inappropriate_fallback:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
            explanation="The client retried with a lower version after an earlier failure "
                        "(RFC 7507 fallback), typical behind a version-intolerant middlebox.",
            evidence=(alert_line(a),), facts={"kind": "fallback"})
    if a is None and not ex.complete and ex.version is None and \
            (ex.transport is None or ex.transport.server_bytes == 0):
        return _no_answer(ev, ex)
    return None


def _no_answer(ev: Evidence, ex: Exchange) -> Finding | None:
    """The server side sent nothing after the ClientHello."""
    tr, at = ex.transport, where(ev, ex)
    if tr is not None and tr.reset_by == "server":
        lines = [f"ClientHello to {at} was answered by a TCP RST from the server's address "
                 f"(packet {tr.reset_packet}) before any ServerHello"]
        conf = 0.8
        if tr.reset_injected:
            lines.append("the RST's TTL/hop limit differs from the server's other packets: "
                         "it was likely injected by a device on the path")
            conf = 0.95
        return make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=conf,
                            evidence=lines, facts={"sni": ex.offer.sni, "kind": "reset"})
    if tr is not None and tr.closed_by[:1] == ("server",):  # the server closed first
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
            evidence=(f"the server side closed the connection (FIN) after the ClientHello to "
                      f"{at} without answering",), facts={"sni": ex.offer.sni, "kind": "closed"})
    gave_up = tr is not None and tr.ended and (tr.reset_by == "client" or "client" in tr.closed_by)
    if tr is None or not tr.ended or gave_up:
        return make_finding(
            Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, confidence=0.5,
            evidence=(f"no answer from {at} to the ClientHello in the capture"
                      + (" (the client gave up)" if gave_up else ""),),
            facts={"sni": ex.offer.sni, "kind": "silent"})
    return None


def _unanswered_syn(ev: Evidence) -> Finding | None:
    """A capture shows the client's SYN and no SYN-ACK: the TCP connection never opened."""
    if not ev.observed or not ev.probes or ev.target is None:
        return None
    ex, t = ev.probes[0], ev.target
    tr = ex.transport
    if tr is None or tr.syn_answer != "none":
        return None
    syns = ex.extra.get("syns", 1)
    return make_finding(
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
        title=f"Connections to {t.address} port {t.port} got no answer",
        explanation="The client's TCP SYN got no SYN-ACK and no reset: a firewall drops "
                    "the packets, or the host is down. No TLS was exchanged.",
        evidence=(f"SYN to {host_port(t.address, t.port)}: no answer in the capture ({syns} SYN"
                  f"{'s' if syns != 1 else ''} over {ex.seconds:.1f} s)",),
        facts={"kind": "dropped"})


def _scanned(ev: Evidence) -> Finding | None:
    scan = ev.scan
    if scan is None:
        return None
    kind = unreachable_kind(scan)
    if kind == "silent" or (kind == "unreachable" and Outcome.CONNECT_TIMEOUT in
                            {p.outcome for p in scan.probes}):
        # Not one TLS answer (no alert, no ServerHello) to any hello: something cuts the
        # connection; a TLS server that disliked the offer would send an alert.
        return make_finding(Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE,
                            evidence=[scan.error] if scan.error else [], confidence=0.7)
    bad = [k for k, v in (("a future TLS version in supported_versions",
                           scan.intolerance.future_version),
                          ("legacy_version 0x0304", scan.intolerance.legacy_version_0304),
                          ("a large ClientHello", scan.intolerance.large_hello)) if v]
    if not bad:
        return None
    return make_finding(
        Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE, severity=Severity.WARNING,
        who_fixes=Party.EITHER, title="Server or path is intolerant of valid hellos",
        explanation="A correct TLS server ignores versions and sizes it does not know "
                    "(RFC 8446 §4.1.2, §4.2.1); this one (or a box in front of it) fails "
                    "them, which breaks future clients.",
        evidence=[f"fails with {b}" for b in bad], facts={"kind": "intolerance"})
