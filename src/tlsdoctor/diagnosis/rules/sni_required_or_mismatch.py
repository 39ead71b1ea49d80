"""sni_required_or_mismatch: the server chooses by SNI and rejects (or mis-serves) this client."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...fixes.catalog import make_finding
from ...probe.outcome import Outcome, ProbeResult
from .. import words
from ..causes import Cause, Party, Severity
from ..finding import Finding, FixStep
from . import rule
from ._common import UNRECOGNIZED_NAME


@rule
def sni_required_or_mismatch(ev: Evidence) -> Finding | None:
    b, t = ev.baseline, ev.target
    if b.ok:
        return _default_certificate(ev)
    if b.outcome not in (Outcome.ALERT, Outcome.CLOSED):
        return None  # resets are the path's doing (network rule)
    if b.offer.sni is not None:
        other = ev.succeeded(Probe.NO_SNI) or ev.succeeded(Probe.NEUTRAL_SNI)
        if other is None or ev.succeeded(Probe.WIDE) is not None:
            return None
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, who_fixes=Party.SERVER,
            title=f"Server rejects the name {b.offer.sni}",
            explanation=f"With server_name {b.offer.sni} the server refuses the handshake "
                        f"({words.alert(b.alert)}); with {other.offer.sni or 'no SNI'} it completes "
                        "it. The server has no site (virtual host) configured for this name.",
            evidence=(f"SNI {b.offer.sni}: {b.outcome.value} {words.alert(b.alert)}",
                      f"SNI {other.offer.sni or '(none)'}: handshake completed"),
            fix=(FixStep(text=f"Add {b.offer.sni} to the server_name / ServerName of the site "
                              "that should answer, with a certificate covering it."),))
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
        fix=(FixStep(text="Connect by host name so the client sends SNI; with curl use the name "
                          "and --resolve to pin the address.",
                     code=f"curl --resolve {t.host}:{t.port}:{t.address} https://{t.host}:{t.port}/",
                     applies_to="curl"),
             FixStep(text="Or, server side, make the default site's certificate cover the names "
                          "SNI-less clients use.")))


def _asks_for_a_name(ev: Evidence) -> Finding | None:
    """By IP address there is no name to try, but the server's alert says it wants one:
    unrecognized_name (RFC 6066 §3) to a hello without server_name is what nginx's
    ``ssl_reject_handshake on`` default site (and s_server -servername_fatal) sends."""
    b, t = ev.baseline, ev.target
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
        confidence=0.8,
        fix=(FixStep(text="Connect by the site's host name so the client sends SNI; to pin "
                          "the address, keep the name and give the address separately.",
                     code=f"tlsdoctor diagnose SITE-NAME:{t.port} --connect {t.address}\n"
                          f"curl --resolve SITE-NAME:{t.port}:{t.address} "
                          f"https://SITE-NAME:{t.port}/",
                     applies_to="curl"),
             FixStep(text="Or, server side, give the default site a certificate so clients "
                          "without SNI are served.")))


def unrecognized_name(p: ProbeResult) -> bool:
    return p.outcome is Outcome.ALERT and p.alert is not None and p.alert[1] == UNRECOGNIZED_NAME


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
            evidence=(f"no SNI: {p.outcome.value} {words.alert(p.alert)}".strip(),))
    if p.certificates and p.certificates[0] != ev.baseline.certificates[0]:
        return make_finding(
            Cause.SNI_REQUIRED_OR_MISMATCH, severity=Severity.INFO, who_fixes=Party.SERVER,
            title="Clients without SNI get a different (default) certificate",
            explanation="The server picks the certificate by SNI. Clients that send none get "
                        "the default site's certificate, which may not cover this name.",
            evidence=("with SNI and without SNI the leaf certificates differ",))
    return None
