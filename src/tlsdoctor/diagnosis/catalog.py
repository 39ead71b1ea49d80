"""Default wording for every cause (``causes.toml``), and the one factory that builds Findings.

Every rule calls ``make_finding`` so titles, default severity and who fixes stay
consistent. Findings leave the judgement without fix steps: ``tlsdoctor.fixes`` attaches
them afterwards, from the finding's facts and the context (server software, client).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from ..causes import Cause, Party, Severity
from ..finding import Finding
from ..tomlcache import read_toml

# This package's data files, read from beside this module: importlib.resources costs ~5 ms
# of imports (tempfile, zipfile, ...) in every command that judges (docs/pcap-speed.md).
_HERE = Path(__file__).parent


@dataclass(frozen=True, slots=True, kw_only=True)
class CauseInfo:
    """A cause's entry in the catalog: title, explanation, who fixes it, severity."""
    title: str
    explanation: str
    who_fixes: Party
    severity: Severity


@cache
def catalog() -> Mapping[Cause, CauseInfo]:
    # Read at the first finding made, so a capture with nothing wrong in it never reads it
    # (docs/pcap-speed.md, round 22), through its parsed copy when there is one (round 24).
    data = read_toml(_HERE / "causes.toml")
    table = {Cause(cause): CauseInfo(title=row["title"], explanation=row["explanation"],
                                     who_fixes=Party(row["who_fixes"]),
                                     severity=Severity(row["severity"]))
             for cause, row in data.items()}
    missing = set(Cause) - set(table)
    if missing:  # a packaging mistake, caught by the catalogue test
        raise RuntimeError(f"causes.toml lacks {sorted(missing)}")
    return table


def make_finding(cause: Cause, *, severity: Severity | None = None, who_fixes: Party | None = None,
                 title: str | None = None, explanation: str | None = None,
                 evidence: Iterable[str] = (), facts: Mapping[str, Any] | None = None,
                 confidence: float = 1.0) -> Finding:
    """Build a Finding, filling what is not given from the catalogue."""
    info = catalog()[cause]
    return Finding(cause=cause, severity=severity or info.severity,
                   who_fixes=who_fixes or info.who_fixes, title=title or info.title,
                   explanation=explanation or info.explanation, evidence=tuple(evidence),
                   facts=dict(facts or {}), confidence=confidence)
