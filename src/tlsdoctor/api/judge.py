"""The one way from evidence to an answer: judge (diagnosis), then attach fixes.

Every command goes through ``judge``: a live diagnosis, one captured connection, one log
line, an error text, a chain, a scan's map. That is what makes the same server get the
same cause however it was observed.
"""

from __future__ import annotations

from ..diagnosis.engine import run_rules
from ..evidence import Evidence
from ..finding import Finding


def judge(ev: Evidence) -> tuple[Finding, ...]:
    """Ranked findings, root cause first, each with its fix steps."""
    findings = run_rules(ev)
    if not findings:
        return ()
    # Imported at the first finding: ~20 modules of fix texts (~10 ms) that a capture or
    # log with nothing wrong in it never uses (docs/pcap-speed.md, round 22).
    from ..fixes import FixContext, attach_fixes

    return attach_fixes(findings, FixContext.of(ev))


def load_fixes() -> None:
    """Import the fixes now (``judge`` does at its first finding): for a caller about to
    fork readers that would each import them (``read_pcap``'s ``prepare``)."""
    from .. import fixes  # noqa: F401
