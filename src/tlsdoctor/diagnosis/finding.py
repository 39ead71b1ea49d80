"""The Finding type, re-exported for the rules (defined in the leaf ``tlsdoctor.finding``).

Findings are *made* only here in ``diagnosis`` (rules, engine); other layers carry them.
"""

from __future__ import annotations

from ..finding import Finding, FixStep, finding_to_json, fix_to_json, rank

__all__ = ["Finding", "FixStep", "finding_to_json", "fix_to_json", "rank"]
