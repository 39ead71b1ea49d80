"""Rules: one module per cause, each a function Evidence -> Finding(s) | None.

A module registers its rule with ``@rule``; the engine imports every module in this
package, so adding a cause is one module plus its test, nothing else to edit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...evidence import Evidence
from ..finding import Finding

RuleResult = Finding | Iterable[Finding] | None
Rule = Callable[[Evidence], RuleResult]

RULES: list[Rule] = []


def rule(fn: Rule) -> Rule:
    RULES.append(fn)
    return fn
