"""The pages of the ``serve`` dashboard, from the same JSON, partials and styles as the
fleet file (fleet.py) and the reports:

    overview    the run's endpoints by outcome, cause and party, what changed since the
                run before, the endpoint list (searched, filtered, paged), the runs
    expiry      certificates by days to expiry (filtered like the list)
    endpoint    one endpoint's history as a timeline, each check linked to its report
    report      a stored ``diagnose --json`` report, by render_diagnose, with the nav

Search and filters are query parameters of a plain GET form, so the pages work without
script. Links come from the caller (``Hrefs``): this module knows no route.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..endpoint_key import short_endpoint
from . import timeline as timeline_view
from .diagnose import render_diagnose
from .fields import mapping, records, text
from .findings import OUTCOME_WORDS
from .fleet import (
    ORDER,
    PARTIES,
    WORDS,
    CertRow,
    EndpointRow,
    Hrefs,
    cause_counts,
    change_rows,
    changes_left_out,
    changes_title,
    endpoint_row,
    fleet_verdict,
    outcome_counts,
    party_counts,
    run_text,
)
from .page import render_page

FILTERS = ("outcome", "cause", "party", "tag")
Nav = tuple[tuple[str, str], ...]  # (href, label)
# The dashboard's forms submit to the dashboard itself (CSP form-action 'self').
SERVED = "'self'"


@dataclass(frozen=True, slots=True, kw_only=True)
class Select:
    name: str
    label: str
    options: tuple[tuple[str, str, bool], ...]  # (value, label, selected)


@dataclass(frozen=True, slots=True, kw_only=True)
class FilterForm:
    action: str
    q: str
    selects: tuple[Select, ...]
    hidden: tuple[tuple[str, str], ...]  # kept as they are (the run)
    active: bool  # a search or filter is set
    clear_href: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Pager:
    first: int
    last: int
    total: int  # endpoints that match
    of: int  # endpoints in the run
    prev_href: str
    next_href: str


def filter_form(action: str, query: Mapping[str, str], states: Sequence[Mapping[str, Any]]) -> FilterForm:
    """The search box and one select per filter; the choices are what the run holds."""
    causes = sorted({text(f.get("cause")) for s in states for f in records(s.get("findings"))})
    tags = sorted({str(t) for s in states for t in s.get("tags") or ()})
    choices = {"outcome": [(o, WORDS[o]) for o in ORDER[:4]],
               "cause": [(c, c) for c in causes],
               "party": [(p, p) for p in PARTIES],
               "tag": [(t, t) for t in tags]}
    selects = tuple(Select(name=name, label=name, options=tuple(
        (value, label, query.get(name) == value) for value, label in choices[name]))
        for name in FILTERS)
    hidden = tuple((k, query[k]) for k in ("run",) if query.get(k))
    return FilterForm(action=action, q=query.get("q", ""), selects=selects, hidden=hidden,
                      active=any(query.get(k) for k in ("q", *FILTERS)),
                      clear_href=action + (f"?run={query['run']}" if query.get("run") else ""))


def pager(page: int, per_page: int, total: int, of: int, href: Callable[[int], str]) -> Pager:
    first = min(total, (page - 1) * per_page + 1)
    last = min(total, page * per_page)
    return Pager(first=first, last=last, total=total, of=of,
                 prev_href=href(page - 1) if page > 1 else "",
                 next_href=href(page + 1) if last < total else "")


def overview_page(*, run: Mapping[str, Any] | None, runs: Sequence[Mapping[str, Any]],
                  states: Sequence[Mapping[str, Any]], shown: Sequence[Mapping[str, Any]],
                  pages: Pager, form: FilterForm, diff: Mapping[str, Any] | None,
                  soon: Sequence[CertRow], hrefs: Hrefs, now: float, nav: Nav) -> str:
    """``states``: every endpoint of the run (the counts); ``shown``: this page of the ones
    that match the search and filters (already cut to the page, in order); ``soon``: the
    certificates expiring first."""
    outcome, sentence = fleet_verdict(states, run)
    return render_page(
        "dash_overview.html.j2", form_action=SERVED, kind="dashboard",
        title="tlsdoctor dashboard: " + (run_text(run) or "no run"),
        heading=f"Fleet: {len(states)} endpoint(s)", run_text=run_text(run), nav=nav,
        outcome=outcome, outcome_words=WORDS.get(outcome, outcome), summary=sentence,
        outcomes=outcome_counts(states, hrefs), causes=cause_counts(states, hrefs),
        parties=party_counts(states, hrefs), form=form, pages=pages,
        rows=[endpoint_row(s, now, hrefs) for s in shown],
        changes=change_rows(diff, hrefs), changes_title=changes_title(diff),
        changes_more=changes_left_out(diff), soon=soon,
        runs=[(r, hrefs.filtered("run", str(r.get("id"))), run_text(r)) for r in runs])


def expiry_page(*, run: Mapping[str, Any] | None, certificates: Sequence[CertRow],
                pages: Pager, form: FilterForm, endpoints: int, nav: Nav) -> str:
    """``certificates``: this page of ``certificate_rows`` (named by the caller)."""
    return render_page(
        "dash_expiry.html.j2", form_action=SERVED, kind="dashboard",
        title="tlsdoctor dashboard: certificates by days to expiry",
        heading="Certificates by days to expiry", run_text=run_text(run), nav=nav, form=form,
        certificates=certificates, pages=pages, endpoints=endpoints)


@dataclass(frozen=True, slots=True, kw_only=True)
class HistoryRow:
    row: EndpointRow
    not_after: str
    leaf: str  # the leaf's fingerprint, shortened


def endpoint_page(*, key: str, history: Sequence[Mapping[str, Any]], report: Any,
                  hrefs: Hrefs, now: float, nav: Nav) -> str:
    """``history``: the endpoint's checks (``fleet status --json`` objects), newest first;
    ``report``: its latest ``diagnose --json`` report (the verdict), or None."""
    data = mapping(report)
    latest = history[0] if history else {}
    outcome = text(latest.get("outcome") or "unknown")
    root = records(data.get("findings"))[:1]
    sentence = text(data.get("summary")) or (f"Could not check: {latest.get('error')}"
                                             if latest.get("error") else "")
    rows = [HistoryRow(row=endpoint_row(h, now, hrefs), leaf=text(h.get("leaf_sha256"))[:16],
                       not_after=text(h.get("leaf_not_after"))[:16].replace("T", " "))
            for h in history]
    return render_page(
        "dash_endpoint.html.j2", form_action=SERVED, kind="dashboard", nav=nav,
        title=f"tlsdoctor dashboard: {short_endpoint(key)}", heading=short_endpoint(key),
        key=key, tags=list(latest.get("tags") or ()), outcome=outcome,
        outcome_words=OUTCOME_WORDS.get(outcome, outcome), summary=sentence,
        who_words=endpoint_row(latest, now, hrefs).who_words if root else "",
        report_href=rows[0].row.report_href if rows else "",
        timeline=timeline_view.build(history), rows=rows)


def report_page(report: Mapping[str, Any], *, nav: Nav) -> str:
    """A stored report as ``diagnose --html`` draws it, plus the dashboard's navigation."""
    return render_diagnose(report, nav=nav)
