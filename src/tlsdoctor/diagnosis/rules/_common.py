"""Small helpers shared by rules: which variant probe worked, and what the client offered."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...probe.outcome import ProbeResult

# The doctor's probe offering only the versions between the client's newest and the one
# the wide probe got: the oldest version the server accepts (label kept here, not in
# evidence.Probe, so the rule and the plan share one spelling without editing evidence).
VERSION_FLOOR = "version-floor"
# unrecognized_name(112), RFC 6066 §3: what a server that needs SNI answers without it.
UNRECOGNIZED_NAME = 112

VARIANTS = (VERSION_FLOOR, Probe.WIDE, Probe.SMALL, Probe.SSL2)


def baseline_failed(ev: Evidence) -> bool:
    return not ev.baseline.ok


def working_variant(ev: Evidence) -> ProbeResult | None:
    """A variant with the client's own SNI that the server accepted."""
    for label in VARIANTS:
        p = ev.succeeded(label)
        if p is not None:
            return p
    return None
