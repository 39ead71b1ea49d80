"""tlsdoctor: why a TLS/SSL handshake fails, who must fix it, and exactly how.

Public API (each result has ``to_json()``, exactly what ``--json`` prints)::

    diagnose(target, **options) / diagnose_async(...)  -> DiagnoseReport
    scan(targets, **options) / scan_async(...)          -> ScanReport
    explain(text)                                       -> ExplainResult
    read_logs(sources)                                  -> LogReport
    read_pcap(source)                                   -> PcapReport

Submodules are imported on first use, so ``import tlsdoctor`` stays cheap.
"""

from __future__ import annotations

import importlib
from typing import Any

from .causes import Cause, Party, Severity
from .finding import Finding, FixStep

__version__ = "0.1.0"

_LAZY = {
    "diagnose": ("tlsdoctor.api.diagnose", "diagnose"),
    "diagnose_async": ("tlsdoctor.api.diagnose", "diagnose_async"),
    "DiagnoseReport": ("tlsdoctor.report.diagnose", "DiagnoseReport"),
    "scan": ("tlsdoctor.api.scan", "scan"),
    "scan_async": ("tlsdoctor.api.scan", "scan_async"),
    "explain": ("tlsdoctor.api.text", "explain"),
    "read_logs": ("tlsdoctor.api.text", "read_logs"),
    "read_pcap": ("tlsdoctor.api.capture", "read_pcap"),
}

__all__ = ["Cause", "DiagnoseReport", "Finding", "FixStep", "Party", "Severity", "__version__",
           "diagnose", "diagnose_async", "explain", "read_logs", "read_pcap", "scan",
           "scan_async"]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(module), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'tlsdoctor' has no attribute {name!r}")
