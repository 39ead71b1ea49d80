"""The dashboard: the fleet database as web pages (read-only; routes.py names the paths).

    /             the run's endpoints by outcome, cause and party, the changes since the run
                  before, the endpoint list: ?q= (search) &outcome= &cause= &party= &tag=
                  &run= &page=
    /expiry       certificates by days to expiry (the same parameters)
    /endpoint     ?key=ENDPOINT: its history as a timeline, each check linked to its report
    /report/N     stored result N, drawn by the diagnose HTML renderer
    /favicon.ico  the icon browsers ask for (behind the token like everything else)

The pages come from ``tlsdoctor.report.html.dashboard`` (Jinja2, autoescaping, every
string made printable). Every HTML response also sends the Content-Security-Policy as a
header, with ``frame-ancestors 'none'`` that only a header can carry.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import replace
from urllib.parse import urlencode

from ..errors import UsageError
from ..fleet.changes import diff_since_previous
from ..fleet.records import EndpointState, RunInfo
from ..fleet.status import Filters
from ..fleet.store import Store
from ..report.html import dashboard as pages
from ..report.html.fleet import ORDER, CertRow, certificate_rows, leaf_names
from ..report.html.page import http_policy
from ..safe import printable
from .router import Handler, Request, Response

PER_PAGE = 100  # endpoints (or certificates) on one page
SOON = 5  # certificates in the overview's "expiring first"
MAX_TEXT = 200  # characters kept of a query parameter
PARAMS = ("q", "outcome", "cause", "party", "tag", "run", "page")
NAV = (("/", "Overview"), ("/expiry", "Certificates by expiry"))
ICON = (b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" '
        b'height="16" rx="3" fill="#175cd3"/><path d="M4 8.5l2.5 2.5L12 5.5" stroke="#fff" '
        b'stroke-width="2" fill="none"/></svg>')


class BadRequest(Exception):
    """A query parameter that cannot be used (answered 400 with one line)."""


class DashboardHrefs:
    """The dashboard's links; untrusted parts (endpoint keys, tags, causes) percent-encoded."""

    def __init__(self, query: Mapping[str, str]) -> None:
        self.query = query

    def endpoint(self, key: str) -> str:
        return "/endpoint?" + urlencode({"key": key})

    def report(self, result_id: int) -> str:
        return f"/report/{int(result_id)}"

    def filtered(self, name: str, value: str) -> str:
        keep = {"run": self.query["run"]} if self.query.get("run") and name != "run" else {}
        return "/?" + urlencode({**keep, name: value})

    def page(self, path: str, number: int) -> str:
        kept = {k: v for k, v in self.query.items() if k != "page" and v}
        return f"{path}?" + urlencode({**kept, "page": str(number)})


def answering_400(handler: Handler) -> Handler:
    """The handler, with a BadRequest (a query it cannot use) answered 400 in one line."""
    def guarded(req: Request) -> Response:
        try:
            return handler(req)
        except BadRequest as exc:
            return Response.text(f"bad request: {printable(str(exc), limit=300, newlines=False)}\n",
                                 status=400)
    return guarded


def html(body: str, status: int = 200) -> Response:
    return Response(status=status, body=body.encode("utf-8"), content_type="text/html; charset=utf-8",
                    headers=(("Content-Security-Policy", http_policy(form_action="'self'")),
                             ("X-Frame-Options", "DENY"), ("Referrer-Policy", "no-referrer")))


def query_of(req: Request) -> dict[str, str]:
    """The known parameters, first value each, trimmed; numbers and choices checked."""
    query = {k: (req.arg(k) or "").strip()[:MAX_TEXT] for k in PARAMS}
    query = {k: v for k, v in query.items() if v}
    for name in ("run", "page"):
        if name in query and not (query[name].isdigit() and 0 < int(query[name]) < 10**9):
            raise BadRequest(f"{name} must be a positive number")
    return query


def _filters(query: Mapping[str, str]) -> Filters:
    try:
        return Filters(cause=query.get("cause"), party=query.get("party"), tag=query.get("tag"),
                       outcome=query.get("outcome"))
    except UsageError as exc:
        raise BadRequest(str(exc).replace("--", "")) from exc


def matches(state: EndpointState, words: Sequence[str]) -> bool:
    """Every word of the search is in the endpoint's key, a tag, a finding's cause, the
    TLS version, the leaf's SHA-256 or the error (case-insensitive)."""
    s = state.summary
    facts = (s.tls_version or "", s.leaf_sha256 or "") if s is not None else ()
    haystack = " ".join((state.endpoint, *state.tags, *(f.cause for f in state.findings),
                         *facts, state.error or "")).lower()
    return all(w in haystack for w in words)


def _run(store: Store, query: Mapping[str, str]) -> RunInfo | None:
    if "run" not in query:
        return store.latest_run()
    run = store.run(int(query["run"]))
    if run is None:
        raise BadRequest(f"no run {query['run']}")
    return run


def _selected(store: Store, query: Mapping[str, str]
              ) -> tuple[RunInfo | None, list[EndpointState], list[EndpointState]]:
    """The run, all its endpoints, and those that match the search and filters (worst
    first: fails, could not check, risky, ok, not checked yet; then in inventory order)."""
    run = _run(store, query)
    states = store.states(run.id) if run is not None else []
    filters, words = _filters(query), query.get("q", "").lower().split()
    shown = [s for s in states if filters.match(s) and matches(s, words)]
    return run, states, sorted(shown, key=lambda s: ORDER.index(s.outcome if s.checked
                                                                 else "unchecked"))


def _page_slice(query: Mapping[str, str], total: int) -> tuple[int, int, int]:
    number = int(query.get("page", "1"))
    if number > 1 and (number - 1) * PER_PAGE >= total:
        raise BadRequest(f"page {number} is past the end")
    return number, (number - 1) * PER_PAGE, number * PER_PAGE


def overview(req: Request) -> Response:
    query = query_of(req)
    hrefs, now = DashboardHrefs(query), time.time()
    with req.app.store() as store:
        run, states, shown = _selected(store, query)
        number, start, end = _page_slice(query, len(shown))
        found = diff_since_previous(store, run, after_states=states)
        diff, runs = (found.to_json() if found else None), store.runs(20)
        everything = [s.to_json() for s in states]
        soon = _named(store, certificate_rows(everything, now, hrefs)[:SOON], states)
    body = pages.overview_page(
        run=run.to_json() if run else None, runs=[r.to_json() for r in runs],
        states=everything, shown=[s.to_json() for s in shown[start:end]],
        pages=pages.pager(number, PER_PAGE, len(shown), len(states),
                          lambda n: hrefs.page("/", n)),
        form=pages.filter_form("/", query, everything), diff=diff, soon=soon, hrefs=hrefs,
        now=now, nav=NAV)
    return html(body)


def _named(store: Store, rows: Sequence[CertRow], states: Sequence[EndpointState]) -> list[CertRow]:
    """The rows with the leaf's name and issuer read from one stored report each."""
    result_of = {s.summary.leaf_sha256: s.result_id for s in states
                 if s.summary is not None and s.summary.leaf_sha256 and s.result_id is not None}
    named = []
    for row in rows:
        rid = result_of.get(row.sha256)
        stored = store.stored_report(rid) if rid is not None else None
        leaf = leaf_names(stored.report) if stored is not None else None
        named.append(replace(row, name=leaf[0] or row.name, issuer=leaf[1]) if leaf else row)
    return named


def expiry(req: Request) -> Response:
    query = query_of(req)
    hrefs, now = DashboardHrefs(query), time.time()
    with req.app.store() as store:
        run, states, shown = _selected(store, query)
        rows = certificate_rows([s.to_json() for s in shown], now, hrefs)
        number, start, end = _page_slice(query, len(rows))
        named = _named(store, rows[start:end], shown)
    body = pages.expiry_page(
        run=run.to_json() if run else None, certificates=named,
        pages=pages.pager(number, PER_PAGE, len(rows), len(rows),
                          lambda n: hrefs.page("/expiry", n)),
        form=pages.filter_form("/expiry", query, [s.to_json() for s in states]),
        endpoints=len(shown), nav=NAV)
    return html(body)


def endpoint(req: Request) -> Response:
    key = (req.arg("key") or "")[:8192]
    if not key:
        raise BadRequest("key (the endpoint) is required: /endpoint?key=...")
    with req.app.store() as store:
        history = store.history(key, limit=100)
        latest = store.stored_report(history[0].result_id) \
            if history and history[0].result_id is not None else None
    if not history:
        return Response(status=404, body=b"no such endpoint, or never checked\n")
    hrefs = DashboardHrefs({})
    body = pages.endpoint_page(key=key, history=[h.to_json() for h in history],
                               report=latest.report if latest else None, hrefs=hrefs,
                               now=time.time(), nav=NAV)
    return html(body)


def report(req: Request) -> Response:
    rid = req.params.get("result_id", "")
    if not rid.isdigit() or len(rid) > 18:
        return Response(status=404, body=b"not found\n")
    with req.app.store() as store:
        stored = store.stored_report(int(rid))
    if stored is None:
        return Response(status=404, body=b"no such result\n")
    if stored.report is None:  # the check itself failed: there is only its error
        error = printable(stored.state.error or "", limit=500, newlines=False)
        return Response.text(f"result {rid} has no report: {error}\n", status=404)
    nav = (*NAV, (DashboardHrefs({}).endpoint(stored.state.endpoint), "This endpoint's history"))
    return html(pages.report_page(stored.report, nav=nav))


def icon(req: Request) -> Response:
    return Response(body=ICON, content_type="image/svg+xml",
                    headers=(("Content-Security-Policy", "default-src 'none'"),))
