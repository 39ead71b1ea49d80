"""``pcap``: every TLS connection of a capture, judged by the same rules as ``diagnose``."""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

from ..diagnosis.engine import load_rules
from ..ingest import pcap
from .judge import judge, load_fixes


def read_pcap(source: str | Path | BinaryIO, *,
              max_connections: int = pcap.DEFAULT_MAX_CONNECTIONS,
              max_bytes: int = pcap.DEFAULT_MAX_BYTES,
              max_events: int = pcap.DEFAULT_MAX_EVENTS,
              jobs: int | None = None,
              render: pcap.Render | None = None) -> pcap.PcapReport:
    """Read a pcap or pcapng capture (path or binary stream) and explain its TLS
    connections: a summary of all of them (counts, and groups by server and cause with
    an example each) and one event with findings and details for each of the first
    ``max_events`` connections (``summary["events_left_out"]``: how many more).
    ``jobs``: processes reading a capture file (default: 2 for a file of 8 MB or more
    on a machine with 2 or more cores, one of them free at that moment, else 1;
    a stream is read in one pass); the report is the same whatever it is. ``render``:
    for a caller that prints the events' JSON (the command line): with several readers,
    each writes the JSON of the events it lists with it, in parallel, into
    ``events_json`` (None otherwise)."""
    # The rules, loaded before reading rather than at the first connection judged: with
    # two readers, once before the fork instead of in each (~8 ms of CPU).
    load_rules()
    # The fixes: imported at the first finding by one reader, but before the fork by
    # several (a capture that large all but surely has one, and each would import them).
    return pcap.read_pcap(source, judge=judge, max_connections=max_connections,
                          max_bytes=max_bytes, max_events=max_events, jobs=jobs,
                          render=render, prepare=load_fixes)
