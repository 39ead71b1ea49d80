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

from ..report.diagnose import DiagnoseReport
from .capture import read_pcap
from .clients import all_clients, all_clients_async
from .diagnose import diagnose, diagnose_async
from .judge import judge
from .scan import scan, scan_async
from .text import explain, read_logs

__all__ = ["DiagnoseReport", "all_clients", "all_clients_async", "diagnose", "diagnose_async",
           "explain", "judge", "read_logs", "read_pcap", "scan", "scan_async"]
