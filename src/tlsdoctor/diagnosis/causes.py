"""The cause vocabulary, re-exported where the diagnosis code has always found it.

The ids live in the leaf module ``tlsdoctor.causes`` so that every layer (evidence
readers, result containers, reports) can name a cause without importing the judgement.
"""

from __future__ import annotations

from ..causes import Cause, Party, Severity

__all__ = ["Cause", "Party", "Severity"]
