"""``tlsdoctor serve``: the fleet database over HTTP, read-only (``/metrics`` for Prometheus,
the dashboard for people).

    app.py        the threaded HTTP server, token check, bounds
    router.py     GET routes -> handlers;  routes.py  the routes (add pages here)
    metrics.py    the Prometheus collector over the store
    dashboard.py  the dashboard's pages (drawn by tlsdoctor.report.html.dashboard)
    auth.py       bind address, loopback rule, token (Bearer, or a browser's Basic password)

It reads the database through ``tlsdoctor.fleet.store.Store`` (runs, endpoint states,
histories, stored reports); nothing here writes to it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["make_server", "running", "serve_until_stopped"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import app

        return getattr(app, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
