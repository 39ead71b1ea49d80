"""client_clock_wrong: this machine's clock, not the certificate, is out of date."""

from __future__ import annotations

from ...causes import Cause, Severity
from ...evidence import Evidence
from ...finding import Finding
from ...wire.registry import AlertDescription
from ..catalog import make_finding
from . import rule
from ._capture import alert_line, alert_only, captured, deciding_alert
from ._chain import clock_explains_time
from ._text import stated

_WARN_SKEW = 3600.0  # an hour off breaks Kerberos, OCSP and short-lived certificates


def _human(seconds: float) -> str:
    s = abs(seconds)
    if s >= 86400:
        return f"{s / 86400:.1f} days"
    if s >= 3600:
        return f"{s / 3600:.1f} hours"
    return f"{s / 60:.0f} minutes"


@rule
def client_clock_wrong(ev: Evidence) -> Finding | None:
    """Live: the local clock against the server's HTTP Date; blame the clock when only it
    makes valid certificates look expired or not yet valid. Captured: the client says
    certificate_expired about certificates that were valid at capture time."""
    return stated(ev, Cause.CLIENT_CLOCK_WRONG) or _live(ev) or _captured(ev)


def _live(ev: Evidence) -> Finding | None:
    if ev.server_time is None:
        return None
    skew = (ev.now - ev.server_time).total_seconds()
    blocking = clock_explains_time(ev)
    if not blocking and abs(skew) < _WARN_SKEW:
        return None
    direction = "ahead of" if skew > 0 else "behind"
    explained = [f"the {ev.chain.path[v.position].role} certificate is {v.state.replace('_', ' ')} "
                 "at this machine's time" for v in ev.chain.validity
                 if v.state in ("expired", "not_yet_valid")] if blocking and ev.chain else []
    return make_finding(
        Cause.CLIENT_CLOCK_WRONG, severity=Severity.BLOCKING if blocking else Severity.WARNING,
        title=f"This machine's clock is {_human(skew)} {direction} the server's",
        explanation="Certificate validity is judged by the local clock. "
                    + ("At the server's time the certificates are valid; at this machine's "
                       "time they are not, so the clock is the cause, not the certificate."
                       if blocking else "The difference is large enough to break validity checks."),
        evidence=(f"local time: {ev.now.isoformat(timespec='seconds')}",
                  f"server's HTTP Date: {ev.server_time.isoformat(timespec='seconds')}",
                  *(f"explains: {t}" for t in explained)),
        facts={"skew_seconds": round(skew)})


def _captured(ev: Evidence) -> Finding | None:
    ex = captured(ev)
    a = deciding_alert(ex) if ex is not None else None
    if a is None or a.by != "client" or a.description != AlertDescription.certificate_expired:
        return None
    chain = ev.chain
    if chain is None or not chain.path:
        return alert_only(ev, Cause.CLIENT_CLOCK_WRONG)  # TLS 1.3: the dates are encrypted
    if any(v.state in ("expired", "not_yet_valid") for v in chain.validity):
        return None
    return make_finding(
        Cause.CLIENT_CLOCK_WRONG, confidence=0.7,
        evidence=(alert_line(a), f"the certificates were valid at capture time "
                                 f"{ev.now.isoformat()}; the client's clock is probably wrong"))
