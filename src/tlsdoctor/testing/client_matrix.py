"""The client matrix: every real client program against every broken server, in parallel.

``run_matrix(kit, lab)`` returns one ``Cell`` per (client, fault): what the program printed,
or why the cell is not run (``skipped``). A cell is skipped only for a reason in the
client itself: it cannot be capped at TLS 1.2 (the TLS 1.3-only fault needs that), or it
has no timeout of its own, so against the silent server it would print nothing but the
harness's kill. Silent cells wait ``SILENT_WAIT`` seconds; all others ``TIMEOUT``.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from .broken_servers import FAULTS, SILENT_WAIT, BrokenSet
from .client_programs import ClientKit, Printed

__all__ = ["TIMEOUT", "Cell", "run_matrix"]

TIMEOUT = 5.0


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    client: str
    fault: str
    printed: Printed | None = None
    skipped: str = ""  # why this cell was not run ("" when it was)


def _skip_reason(kit: ClientKit, lab: BrokenSet, client: str, fault: str) -> str:
    why = kit.unavailable(client)
    if why:
        return why
    if fault in lab.skipped:
        return lab.skipped[fault]
    if fault == "tls13_only" and not kit.can_cap(client):
        return f"{client} has no option to cap the version at TLS 1.2"
    if fault == "silent_drop" and not kit.gives_up_alone(client):
        return f"{client} has no handshake timeout: it waits until killed and prints no error"
    return ""


def _run(kit: ClientKit, lab: BrokenSet, client: str, fault: str,
         locks: dict[str, threading.Lock]) -> Cell:
    why = _skip_reason(kit, lab, client, fault)
    if why:
        return Cell(client=client, fault=fault, skipped=why)
    with locks[fault]:  # s_server serves one connection at a time: one client per fault
        printed = kit.run(client, lab.port(fault), cap12=fault == "tls13_only",
                          timeout=SILENT_WAIT if fault == "silent_drop" else TIMEOUT)
    return Cell(client=client, fault=fault, printed=printed)


def run_matrix(kit: ClientKit, lab: BrokenSet, clients: Iterable[str],
               faults: Iterable[str] = tuple(FAULTS),
               workers: int = 4) -> list[Cell]:
    """Every (client, fault) cell, ``workers`` programs at a time (each server is its own
    process, and a lock per fault lets one program at a time talk to it: s_server serves
    one connection at a time)."""
    pairs = [(c, f) for c in clients for f in faults]
    locks = {f: threading.Lock() for _, f in pairs}
    for client in {c for c, _ in pairs}:
        kit.unavailable(client)  # build Go/Java and the NSS database once, before the pool
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: _run(kit, lab, p[0], p[1], locks), pairs))
