"""Names for code points in findings (re-exported from ``tlsdoctor.wire.words``)."""

from __future__ import annotations

from ..wire.words import alert, group, sigalg, suite, version, versions

__all__ = ["alert", "group", "sigalg", "suite", "version", "versions"]
