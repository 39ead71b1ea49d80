"""The pages ``serve`` answers. Add a route here: ``router.get(path, handler)``.

Handlers read the fleet database through ``req.app.store()`` (a fresh Store per request,
closed afterwards), and return a Response; they never write to the database. The token
(when one is set) is checked before any route, for every path (app.py).
"""

from __future__ import annotations

from . import dashboard
from .metrics import registry_for, render
from .router import Request, Response, Router


def metrics(req: Request) -> Response:
    body, content_type = render(registry_for(req.app.store))
    return Response(body=body, content_type=content_type)


def healthy(req: Request) -> Response:
    return Response.text("tlsdoctor serve is healthy.\n")


def build_router() -> Router:
    router = Router()
    router.get("/metrics", metrics)
    router.get("/-/healthy", healthy)
    router.get("/", dashboard.answering_400(dashboard.overview))
    router.get("/expiry", dashboard.answering_400(dashboard.expiry))
    router.get("/endpoint", dashboard.answering_400(dashboard.endpoint))
    router.get("/report/{result_id}", dashboard.report)
    router.get("/favicon.ico", dashboard.icon)
    return router
