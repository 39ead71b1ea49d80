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
import sys
from types import ModuleType
from typing import TYPE_CHECKING, Any

from .judge import judge

if TYPE_CHECKING:
    from ..report.diagnose import DiagnoseReport
    from .capture import read_pcap
    from .clients import all_clients, all_clients_async
    from .diagnose import diagnose, diagnose_async
    from .scan import scan, scan_async
    from .text import explain, read_logs

# Imported on first use, so a process loads only the command it runs: `pcap` never loads
# the prober, asyncio or the scanner; `diagnose` never loads the log and capture readers.
_LAZY = {"explain": ".text", "read_logs": ".text", "read_pcap": ".capture",
         "all_clients": ".clients", "all_clients_async": ".clients",
         "diagnose": ".diagnose", "diagnose_async": ".diagnose",
         "scan": ".scan", "scan_async": ".scan", "DiagnoseReport": "..report.diagnose"}
# Functions named like their module: importing api/diagnose.py (even as
# `from tlsdoctor.api.diagnose import X`) makes Python bind the submodule here, where the
# function must stay.
_SAME_NAME = frozenset({"diagnose", "scan"})

__all__ = ["DiagnoseReport", "all_clients", "all_clients_async", "diagnose", "diagnose_async",
           "explain", "judge", "read_logs", "read_pcap", "scan", "scan_async"]


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_LAZY[name], __name__), name)
    globals()[name] = value
    return value


class _Api(ModuleType):
    def __setattr__(self, name: str, value: Any) -> None:
        if name in _SAME_NAME and isinstance(value, ModuleType):
            value = getattr(value, name)  # the import system binding api/<name>.py
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Api
