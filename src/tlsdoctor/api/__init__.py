"""The public functions behind every command. They never print and never exit; the CLI
only parses arguments and renders what these return.

    diagnose.py   diagnose(target) -> DiagnoseReport (live probes + a real handshake)
    text.py       explain(text), read_logs(sources): error text and log lines
    capture.py    read_pcap(source): every connection of a packet capture
    scan.py       scan(targets): the capability map, judged
    clients.py    all_clients(target): every client profile against one server
    judge.py      judge(evidence): the one way from evidence to findings with fixes
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from ..report.diagnose import DiagnoseReport
from .clients import all_clients, all_clients_async
from .diagnose import diagnose, diagnose_async
from .judge import judge
from .scan import scan, scan_async

if TYPE_CHECKING:
    from .capture import read_pcap
    from .text import explain, read_logs

# Imported on first use, so a `diagnose` process never loads the log and packet-capture
# readers. (Only names unlike their module's: importing api/scan.py would otherwise
# leave the module where the function `scan` should be.)
_LAZY = {"explain": ".text", "read_logs": ".text", "read_pcap": ".capture"}

__all__ = ["DiagnoseReport", "all_clients", "all_clients_async", "diagnose", "diagnose_async",
           "explain", "judge", "read_logs", "read_pcap", "scan", "scan_async"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value
