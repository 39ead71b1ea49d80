"""HTML pages: one self-contained file per report (diagnose, scan, pcap).

Each renders from the JSON object the command prints with ``--json`` (so a stored report
renders the same later), escapes every string and allows nothing to run but its own
script (strict Content-Security-Policy)::

    render_diagnose(report.to_json()) -> str
    render_scan(scan_report.to_json()) -> str
    render_pcap(pcap_report.to_json()) -> str
"""

from __future__ import annotations

from .diagnose import render_diagnose
from .pcap import render_pcap
from .scan import render_scan

__all__ = ["render_diagnose", "render_pcap", "render_scan"]
