"""The one way from evidence to an answer: judge (diagnosis), then attach fixes.

Every command goes through ``judge``: a live diagnosis, one captured connection, one log
line, an error text, a chain, a scan's map. That is what makes the same server get the
same cause however it was observed.
"""

from __future__ import annotations

from ..diagnosis.engine import run_rules
from ..evidence import Evidence
from ..finding import Finding
from ..fixes import FixContext, attach_fixes


def judge(ev: Evidence) -> tuple[Finding, ...]:
    """Ranked findings, root cause first, each with its fix steps."""
    return attach_fixes(run_rules(ev), FixContext.of(ev))
