"""client_clock_wrong: this machine's clock, not the certificate, is out of date."""

from __future__ import annotations

from ...evidence import Evidence
from ...fixes.catalog import make_finding
from ..causes import Cause, Severity
from ..finding import Finding, FixStep
from . import rule
from .certificates import clock_explains_time

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
    """Compare the local clock with the server's HTTP Date; blame the clock when only it
    makes valid certificates look expired or not yet valid."""
    if ev.server_time is None:
        return None
    skew = (ev.now - ev.server_time).total_seconds()
    blocking = clock_explains_time(ev)
    if not blocking and abs(skew) < _WARN_SKEW:
        return None
    direction = "ahead of" if skew > 0 else "behind"
    folded = [f.title for f in ev.chain.findings] if blocking and ev.chain else []
    return make_finding(
        Cause.CLIENT_CLOCK_WRONG, severity=Severity.BLOCKING if blocking else Severity.WARNING,
        title=f"This machine's clock is {_human(skew)} {direction} the server's",
        explanation="Certificate validity is judged by the local clock. "
                    + ("At the server's time the certificates are valid; at this machine's "
                       "time they are not, so the clock is the cause, not the certificate."
                       if blocking else "The difference is large enough to break validity checks."),
        evidence=(f"local time: {ev.now.isoformat(timespec='seconds')}",
                  f"server's HTTP Date: {ev.server_time.isoformat(timespec='seconds')}",
                  *(f"explains: {t}" for t in folded)),
        facts={"skew_seconds": round(skew)},
        fix=(FixStep(text="Turn on network time synchronisation.",
                     code="timedatectl set-ntp true\ntimedatectl status", applies_to="linux"),
             FixStep(text="Windows: Settings > Time & language > Sync now, or:",
                     code="w32tm /resync", applies_to="windows")))
