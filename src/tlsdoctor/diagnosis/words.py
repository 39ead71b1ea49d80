"""Names for code points in findings (re-exported from ``tlsdoctor.wire.words``)."""

from __future__ import annotations

from ..wire.words import alert, group, suite, version, versions

__all__ = ["alert", "group", "suite", "version", "versions"]
