"""``scan``: the full capability map of TLS servers, Mozilla compliance and a grade.

    plans.py     which hello next (pure state machines over ProbeResults)
    engine.py    scan() / scan_async(): drives plans through the prober, per target
    result.py    ScanReport / TargetScan and their JSON (docs/scan-json.md)
    mozilla.py   Mozilla Server Side TLS 6.0 compliance (data: mozilla_server_side_tls_6.0.json)
    grade.py     SSL Labs-style grade with the reason for every cap
    render.py    rich tables on a terminal, plain text otherwise
"""

from __future__ import annotations

from typing import Any

__all__ = ["CHECKS", "CertFacts", "ScanProgress", "ScanReport", "TargetScan", "render_scan",
           "scan", "scan_async"]

# Imported lazily: the engine pulls in the prober, the rest is pure and light.
_WHERE = {"scan": "engine", "scan_async": "engine", "ScanProgress": "engine", "CHECKS": "engine",
          "CertFacts": "grade", "ScanReport": "result", "TargetScan": "result",
          "render_scan": "render"}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        from importlib import import_module

        return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
    raise AttributeError(name)
