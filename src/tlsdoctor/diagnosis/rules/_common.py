"""Small helpers shared by rules: which variant probe worked, and what the client offered."""

from __future__ import annotations

from ...evidence import Evidence, Probe
from ...probe.outcome import ProbeResult

VARIANTS = (Probe.WIDE, Probe.SMALL, Probe.SSL2)


def baseline_failed(ev: Evidence) -> bool:
    return not ev.baseline.ok


def working_variant(ev: Evidence) -> ProbeResult | None:
    """A variant with the client's own SNI that the server accepted."""
    for label in VARIANTS:
        p = ev.succeeded(label)
        if p is not None:
            return p
    return None
