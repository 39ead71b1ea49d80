"""The client matrix: every real client program against every broken server, in parallel.

``run_matrix(kit, lab)`` returns one ``Cell`` per (client, fault): what the program printed,
or why the cell is not run (``skipped``). A cell is skipped only for a reason in the
client itself: it cannot be capped at TLS 1.2 (the TLS 1.3-only fault needs that), or it
has no timeout of its own, so against the silent server it would print nothing but the
harness's kill. Silent cells wait ``SILENT_WAIT`` seconds; all others ``TIMEOUT``.
Every other server answers at once, so no program's own timeout can fire there: a
program still running ``ANSWERED_KILL`` seconds past ``TIMEOUT`` connected and waits for
its own protocol's reply (msmtp's greeting, redis-cli's PONG) and is killed then.

``run_browser_row(browser, lab, work)`` is a browser's row: one browser process loads every
fault's page (testing/browser_pages.py) and prints the error page's text;
``run_psql_row(lab)`` psql's, against a PostgreSQL server of its own for the
certificate and protocol faults (testing/postgres_tls.py).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .broken_servers import FAULTS, HOST, SILENT_WAIT, BrokenSet
from .browser_pages import browser_unavailable, chromium_pages, firefox_pages
from .client_programs import ClientKit, Printed
from .postgres_tls import psql_row, psql_unavailable

__all__ = ["ANSWERED_KILL", "TIMEOUT", "Cell", "run_browser_row", "run_matrix", "run_psql_row"]

TIMEOUT = 5.0
ANSWERED_KILL = 1.0  # was the silent cells' 4 s: nothing to wait for past TIMEOUT there


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    client: str
    fault: str
    printed: Printed | None = None
    skipped: str = ""  # why this cell was not run ("" when it was)


# Cells whose output is a race with no stable wording, and why (the program's, not ours).
_RACY: dict[tuple[str, str], str] = {
    ("erlang_httpc", "client_cert_required"): (
        "TLS 1.3: httpc's request races the server's certificate_required alert and close; it "
        "prints the alert, {error,closed} or {error,einval} from run to run"),
}


def _skip_reason(kit: ClientKit, lab: BrokenSet, client: str, fault: str) -> str:
    why = kit.unavailable(client)
    if why:
        return why
    if fault in lab.skipped:
        return lab.skipped[fault]
    if (client, fault) in _RACY:
        return _RACY[(client, fault)]
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
        if fault == "silent_drop":
            printed = kit.run(client, lab.port(fault), timeout=SILENT_WAIT)
        else:
            printed = kit.run(client, lab.port(fault), cap12=fault == "tls13_only",
                              timeout=TIMEOUT, kill_after=ANSWERED_KILL)
    return Cell(client=client, fault=fault, printed=printed)


def run_matrix(kit: ClientKit, lab: BrokenSet, clients: Iterable[str],
               faults: Iterable[str] = tuple(FAULTS),
               workers: int = 4) -> list[Cell]:
    """Every (client, fault) cell, ``workers`` programs at a time (each server is its own
    process, and a lock per fault lets one program at a time talk to it: s_server serves
    one connection at a time)."""
    # the silent server's cells first: each waits out SILENT_WAIT, which then overlaps the
    # quick cells instead of trailing them
    pairs = sorted(((c, f) for c in clients for f in faults), key=lambda p: p[1] != "silent_drop")
    locks = {f: threading.Lock() for _, f in pairs}
    for client in {c for c, _ in pairs}:
        kit.unavailable(client)  # build Go/Java and the NSS database once, before the pool
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(lambda p: _run(kit, lab, p[0], p[1], locks), pairs))


# Browser cells never run, and why (the reason is the browser's, not the server's).
_BROWSER_SKIPS: dict[tuple[str, str], str] = {
    ("chromium", "tls13_only"): "Chromium has no option to cap the version at TLS 1.2",
    **{(b, "silent_drop"): f"{b} has no handshake timeout shorter than its page load: it "
                           "shows the server's eventual close, not a timeout"
       for b in ("chromium", "firefox")},
}


def run_browser_row(browser: str, lab: BrokenSet, work: Path,
                    faults: Iterable[str] = tuple(FAULTS)) -> list[Cell]:
    """``browser``'s cell for each fault: one browser process, every page load bounded."""
    why = browser_unavailable(browser)
    skipped = {f: why or lab.skipped.get(f) or _BROWSER_SKIPS.get((browser, f), "")
               for f in faults}
    urls = {f: f"https://{HOST}:{lab.port(f)}/" for f, reason in skipped.items() if not reason}
    if not urls:
        pages: dict[str, Printed] = {}
    elif browser == "chromium":
        pages = chromium_pages(urls, lab.ca_file, work, timeout=TIMEOUT * 2)
    else:
        pages = firefox_pages(urls, lab.ca_file, work, timeout=TIMEOUT * 2,
                              cap12=frozenset({"tls13_only"}))
    for f in urls:
        if f not in pages:
            skipped[f] = f"{browser} could not be capped at TLS 1.2 here"
    return [Cell(client=browser, fault=f, printed=pages.get(f), skipped=skipped[f])
            for f in skipped]


def run_psql_row(lab: BrokenSet) -> list[Cell]:
    """psql's cell for each fault it can meet (its own server's faults, then the port's)."""
    why = psql_unavailable()
    if why:
        return [Cell(client="psql", fault=f, skipped=why) for f in FAULTS]
    return [Cell(client="psql", fault=f, printed=printed, skipped=skipped)
            for f, printed, skipped in psql_row(lab)]
