"""Many endpoints over time: inventory, runs, history, changes (``tlsdoctor fleet``).

Layout (imports point down; Dask only in cluster.py, psycopg only in db.py when asked)::

    runner.py     run_fleet(): claim/resume a run, check what is left, record each result
    cluster.py    the same checks as Dask tasks, sharded by IP (--cluster)
    dispatch.py   global / per-IP limits and --delay in one event loop
    check.py      check_endpoint(): tlsdoctor.diagnose_async (+ scan_async) for one endpoint
    status.py     fleet_status(), export_lines();  changes.py  fleet_diff()
    html.py       export_html(): fleet export --html (drawn by report/html/fleet.py)
    store.py      Store: the read/write API over the database (records.py: what it returns)
    schema.py     versioned migrations;  db.py  SQLite / PostgreSQL connection
    inventory.py  the inventory file;  summary.py  the comparable facts of a report

Above ``tlsdoctor.api`` only: reports come from the public functions and their
``to_json()``, stored exactly as ``diagnose --json`` prints them.
"""

from __future__ import annotations

import importlib
from typing import Any

_LAZY = {
    "read_inventory": "inventory", "parse_inventory": "inventory", "Endpoint": "inventory",
    "Inventory": "inventory", "CheckSettings": "check", "Limits": "dispatch",
    "run_fleet": "runner", "FleetRun": "runner", "RunProgress": "runner",
    "fleet_status": "status", "Filters": "status", "export_lines": "status",
    "fleet_diff": "changes", "Store": "store", "export_html": "html",
}

__all__ = sorted(_LAZY)


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
