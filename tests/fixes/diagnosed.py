"""What a diagnose report names, in the shape the fix-on-a-real-server tests assert on."""

from __future__ import annotations

import tlsdoctor


def causes(report: tlsdoctor.DiagnoseReport) -> set[str]:
    """The causes of the report's findings above "info" (what an applied fix must clear)."""
    return {f.cause.value for f in report.findings if f.severity.value != "info"}
