"""sni_required_or_mismatch: the server chooses by SNI and rejects (or mis-serves) this client."""

from __future__ import annotations

from ...causes import Cause, Party, Severity
from ...evidence import Evidence, Probe
from ...finding import Finding
from ...probe.outcome import Exchange, Outcome
from ...wire.registry import AlertDescription
from .. import words
from ..catalog import make_finding
from . import rule
from ._capture import alert_line, captured, deciding_alert
from ._chain import default_certificate_served
from ._common import UNRECOGNIZED_NAME, name_refusal, unrecognized_name
from ._text import stated


@rule
def sni_required_or_mismatch(ev: Evidence) -> Finding | None:
    """Live: the same hello works with another name (or none, or with the host name when
    the client sent none); a healthy server's default certificate for SNI-less clients.
    Captured: unrecognized_name, or a refusal of a hello without SNI. Scanned: what the
    server does without SNI."""
    return (stated(ev, Cause.SNI_REQUIRED_OR_MISMATCH) or _live(ev) or _captured(ev)
            or _scanned(ev))


def _live(ev: Evidence) -> Finding | None:
    if not ev.live or not ev.probes or ev.target is None:
        return None
    b, t = ev.baseline, ev.target
    if b.ok:
        return _named_certificate(ev) or _default_certificate(ev)
    if b.outcome not in (Outcome.ALERT, Outcome.CLOSED):
        return None  # resets are the path's doing (middlebox rule)
    no_name = _no_certificate_for_names(ev)
    if no_name is not None:
        return no_name
    if b.offer.sni is not None:
        other = ev.succeeded(Probe.NO_SNI) or ev.succeeded(Probe.NEUTRAL_SNI)
        if other is None or ev.succeeded(Probe.WIDE) is not None:
            return None
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=Party.SERVER,
            title=f"Server rejects the name {b.offer.sni}",
            explanation=f"With server_name {b.offer.sni} the server refuses the handshake "
                        f"({_refusal(b)}); with {other.offer.sni or 'no SNI'} it "
                        "completes it. The server has no site (virtual host) configured for "
                        "this name.",
            evidence=(f"SNI {b.offer.sni}: {_refusal(b)}",
                      f"SNI {other.offer.sni or '(none)'}: handshake completed"),
            facts={"kind": "name_rejected", "sni": b.offer.sni})
    with_sni = ev.succeeded(Probe.WITH_SNI)
    if with_sni is None:
        return _asks_for_a_name(ev)
    return make_finding(
        Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=Party.CLIENT,
        title="Server requires SNI and the client sends none",
        explanation="Without the server_name extension the server refuses the handshake "
                    f"({words.alert(b.alert)}); naming {t.host} it completes it. Clients that "
                    "connect by IP address, or old ones (Java 6, Windows XP, Android 2), send no SNI.",
        evidence=("no SNI: " + f"{b.outcome.value} {words.alert(b.alert)}".strip(),
                  f"SNI {t.host}: handshake completed"),
        facts={"kind": "sni_required", "name": t.host})


def _refusal(p: Exchange) -> str:
    """How the server refused: its alert, or a close without one (Node.js when an
    SNICallback fails)."""
    if p.alert is not None:
        return f"alert {words.alert(p.alert)}"
    return "connection closed without an alert" if p.outcome is Outcome.CLOSED else p.outcome.value


def _no_certificate_for_names(ev: Evidence) -> Finding | None:
    """Every hello refused with the same unrecognized_name or internal_error, whatever
    the versions and suites, for the target's name, no name and a neutral one: the server
    picks its certificate by name and has none for these (Go's GetCertificate returning
    an error answers internal_error, which reads like a server crash)."""
    alert = name_refusal(ev)
    if alert is None or ev.target is None:
        return None
    b, sent = ev.baseline, ev.baseline.offer.sni
    names = sorted({p.offer.sni or "(no SNI)" for p in ev.probes if p.label != Probe.SSL2})
    why = ("internal_error, which here means the server's certificate selection failed, "
           "not a crash" if alert != UNRECOGNIZED_NAME else "unrecognized_name")
    if sent is not None:
        title = f"Server has no certificate for {sent} (nor for clients without SNI)"
        who, kind = Party.SERVER, "name_rejected"
    else:
        title = "Server has no certificate for clients without SNI: connect by the site's name"
        who, kind = Party.CLIENT, "sni_required"
    return make_finding(
        Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=who, title=title,
        confidence=0.8 if alert == UNRECOGNIZED_NAME else 0.7,
        explanation=f"Whatever versions and suites were offered, the server answered {why} "
                    f"to every name tried ({', '.join(names)}). It chooses its certificate by "
                    "the SNI name and has none for these: nothing negotiated is at fault. "
                    + ("Add this name (or a default certificate) to the server's certificate "
                       "selection, or check that the client uses the right host name."
                       if sent is not None else "Connect by the host name the server serves, "
                       "or give the server a default certificate."),
        evidence=(*(f"SNI {p.offer.sni or '(none)'} [{p.label}]: alert {words.alert(p.alert)}"
                    for p in ev.probes if p.label != Probe.SSL2),),
        facts={"kind": kind, "sni": sent, "name": sent, "alert": words.alert(b.alert),
               "names_tried": names})


def _asks_for_a_name(ev: Evidence) -> Finding | None:
    """By IP address there is no name to try, but the server's alert says it wants one:
    unrecognized_name (RFC 6066 §3) to a hello without server_name is what nginx's
    ``ssl_reject_handshake on`` default site (and s_server -servername_fatal) sends."""
    b = ev.baseline
    if b.offer.sni is not None or not unrecognized_name(b) or any(p.ok for p in ev.probes):
        return None
    return make_finding(
        Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=Party.CLIENT,
        title="Server requires SNI and the client sends none",
        explanation="The client connected without the server_name extension (by IP address, or "
                    "an old client) and the server answered unrecognized_name: it only serves "
                    "named sites and has no default certificate for nameless clients.",
        evidence=(f"no SNI: alert {words.alert(b.alert)}",
                  "unrecognized_name to a hello without SNI: the server wants a host name"),
        confidence=0.8, facts={"kind": "sni_required", "name": None})


def _named_certificate(ev: Evidence) -> Finding | None:
    """The client sent no SNI and got the default certificate, which misses the name;
    naming the host gets the right one (issue 11: not a certificate to reissue)."""
    if not default_certificate_served(ev) or ev.target is None or ev.chain is None:
        return None
    host, leaf = ev.target.host, ev.chain.leaf
    got = ", ".join(leaf.info.dns_names[:5]) if leaf is not None else "another name"
    old = ev.client is not None and not ev.client.sni
    return make_finding(
        Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=Party.CLIENT,
        title=f"Without SNI the server sends its default certificate ({got}), not {host}'s",
        explanation="The server chooses the certificate by the name in the SNI extension. "
                    "This client sent none" + (" (it cannot: an old client)" if old else "")
                    + f", so it got the default site's certificate; a hello naming {host} "
                    "gets a certificate that covers it. The certificate is fine: the client "
                    "must send SNI, or the default site must cover this name.",
        evidence=("without SNI: certificate for " + got,
                  f"with SNI {host}: a certificate covering {host}"),
        facts={"kind": "sni_required", "name": host, "default_names": list(
            leaf.info.dns_names[:10]) if leaf is not None else []})


def _default_certificate(ev: Evidence) -> Finding | None:
    """Healthy server: what do clients without SNI get?"""
    p = ev.probe(Probe.DEFAULT_CERT)
    if p is None or ev.chain is None or not ev.baseline.certificates:
        return None
    if not p.ok:
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.INFO, who_fixes=Party.CLIENT,
            title="Clients that send no SNI are rejected",
            explanation="The server refuses handshakes without server_name. Modern clients "
                        "always send it; very old ones and IP-address connections do not.",
            evidence=(f"no SNI: {p.outcome.value} {words.alert(p.alert)}".strip(),),
            facts={"kind": "no_sni_rejected"})
    if p.certificates and p.certificates[0] != ev.baseline.certificates[0]:
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.INFO, who_fixes=Party.SERVER,
            title="Clients without SNI get a different (default) certificate",
            explanation="The server picks the certificate by SNI. Clients that send none get "
                        "the default site's certificate, which may not cover this name.",
            evidence=("with SNI and without SNI the leaf certificates differ",),
            facts={"kind": "default_certificate"})
    return None


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    a = deciding_alert(ex) if ex is not None else None
    if ex is None:
        return None
    if a is not None and a.description == AlertDescription.unrecognized_name:
        return make_finding(Cause.SNI_REQUIRED_OR_MISMATCH,
                            evidence=(f"ClientHello SNI: {ex.offer.sni or '(none)'}", alert_line(a)),
                            facts={"sni": ex.offer.sni, "kind": "captured"})
    refused = a is not None and a.by == "server" and ex.version is None and a.description in (
        AlertDescription.handshake_failure, AlertDescription.insufficient_security)
    reset = ex.transport is not None and ex.transport.reset_by == "server" and ex.version is None
    if (refused and not ex.offer.sni) or reset:
        line = ("the ClientHello carried no SNI" if refused else
                "a server may also reset connections for a name it does not serve")
        return make_finding(Cause.SNI_REQUIRED_OR_MISMATCH, confidence=0.3, evidence=(line,),
                            facts={"sni": ex.offer.sni, "kind": "captured"})
    return None


def _scanned(ev: Evidence) -> Finding | None:
    sni = ev.scan.sni if ev.scan is not None else None
    if sni is None:
        return None
    if sni.required:
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.WARNING,
            title="Server refuses clients that do not send SNI",
            evidence=(f"without SNI: {sni.without_sni_outcome}",),
            facts={"sni": sni.name, "kind": "no_sni_rejected"})
    if sni.same_certificate is False:
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.INFO,
            title="Server sends another certificate to clients without SNI",
            evidence=(f"the certificate without SNI differs from the one for {sni.name}",),
            facts={"sni": sni.name, "kind": "default_certificate"})
    return None
