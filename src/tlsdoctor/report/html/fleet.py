"""The fleet pages: many endpoints at once (``fleet export --html`` and the ``serve``
dashboard), from the JSON the fleet commands print.

Inputs are the documented objects: the endpoints of ``fleet status --json`` (each one's
latest result, its findings as ``cause``/``severity``/``who_fixes`` rows), the changes of
``fleet diff --json``, an endpoint's history (the same objects, one per check) and, for the
details, the stored ``diagnose --json`` reports. Links come from the caller (``Hrefs``): a
file links to its own sections, the dashboard to its pages and filtered lists.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Protocol

from ...errors import InputError
from ..endpoint_key import short_endpoint
from . import timeline as timeline_view
from .chain import WARN_DAYS, parse_time, when_text
from .fields import mapping, records, strings, text
from .findings import OUTCOME_WORDS, FindingView, findings, who_words
from .page import render_page

ORDER = ("fails", "unknown", "risky", "ok", "unchecked")
PARTIES = ("server", "client", "network", "either")
MAX_DETAILED = 500  # endpoints shown in full in a file; the rest are in the tables only
MAX_SERVING = 10  # endpoints listed under one certificate (a wildcard may serve thousands)
MAX_CHANGES = 200  # rows of the changes table (``fleet diff`` has them all)
WORDS = {**OUTCOME_WORDS, "unchecked": "not checked yet"}


class Hrefs(Protocol):
    """Where the page links to ("" for no link). Built by the caller from its own paths,
    untrusted parts percent-encoded; the template drops anything that is not a path,
    query or anchor."""

    def endpoint(self, key: str) -> str: ...

    def report(self, result_id: int) -> str: ...

    def filtered(self, name: str, value: str) -> str: ...


class NoLinks:
    """Hrefs of a page with nothing to link to."""

    def endpoint(self, key: str) -> str:
        return ""

    def report(self, result_id: int) -> str:
        return ""

    def filtered(self, name: str, value: str) -> str:
        return ""


@dataclass(frozen=True, slots=True, kw_only=True)
class EndpointRow:
    endpoint: str  # the key (the title of its cell)
    shown: str  # the key as displayed: a --ca-file by its file name
    tags: tuple[str, ...]
    outcome: str  # ok / risky / fails / unknown / unchecked
    outcome_words: str
    root_cause: str
    who: str  # the party that fixes the root cause (server, client, network, either)
    who_words: str
    error: str
    tls_version: str
    days: float | None  # until the leaf expires (negative: expired); None: unknown
    days_text: str
    days_state: str  # ok / warn / bad / unknown (CSS class)
    checked_at: str
    run: str
    href: str  # the endpoint's page (dashboard) or section (file)
    report_href: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CountRow:
    key: str  # the outcome, cause id or party
    label: str
    count: int  # endpoints it applies to (what the filter link lists)
    root: int  # endpoints where it is the root cause (cause, party); = count for outcomes
    href: str


@dataclass(frozen=True, slots=True, kw_only=True)
class CertRow:
    name: str  # the leaf's common name (or subject); its fingerprint when unknown
    issuer: str
    sha256: str
    not_after: str
    days: float
    days_text: str
    state: str
    endpoints: tuple[tuple[str, str, str], ...]  # (endpoint, as shown, href) serving this leaf
    more: int  # endpoints serving it beyond those listed
    more_href: str  # the list of all of them


@dataclass(frozen=True, slots=True, kw_only=True)
class ChangeRow:
    kind: str
    endpoint: str
    shown: str
    detail: str
    href: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Detail:
    """One endpoint in full (the file): its verdict, timeline and findings with fixes."""

    id: str
    row: EndpointRow
    sentence: str
    findings: tuple[FindingView, ...]
    timeline: timeline_view.Timeline


def outcome_of(state: Mapping[str, Any]) -> str:
    outcome = state.get("outcome")
    return outcome if outcome in ORDER else "unchecked"


def days_left(state: Mapping[str, Any], now: float) -> float | None:
    after = parse_time(state.get("leaf_not_after"))
    return None if after is None else (after.timestamp() - now) / 86400


def days_words(days: float | None) -> tuple[str, str]:
    """("12 days", "warn") / ("expired 2 days ago", "bad") / ("", "unknown")."""
    if days is None:
        return "", "unknown"
    if days < 0:
        return f"expired {int(-days)} day(s) ago", "bad"
    return f"{int(days)} day(s)", "warn" if days <= WARN_DAYS else "ok"


def endpoint_row(state: Mapping[str, Any], now: float, hrefs: Hrefs) -> EndpointRow:
    outcome, days = outcome_of(state), days_left(state, now)
    days_text, days_state = days_words(days)
    result = state.get("result")
    return EndpointRow(
        endpoint=text(state.get("endpoint")), shown=short_endpoint(text(state.get("endpoint"))),
        tags=tuple(strings(state.get("tags"))),
        outcome=outcome, outcome_words=WORDS.get(outcome, outcome),
        root_cause=text(state.get("root_cause")),
        who=text(state.get("who_fixes")),
        who_words=who_words(text(state.get("who_fixes"))) if state.get("who_fixes") else "",
        error=text(state.get("error")), tls_version=text(state.get("tls_version")),
        days=days, days_text=days_text, days_state=days_state,
        checked_at=when_text(state.get("checked_at")), run=text(state.get("run")),
        href=hrefs.endpoint(text(state.get("endpoint"))),
        report_href=hrefs.report(result) if isinstance(result, int) else "")


def endpoint_rows(states: Sequence[Mapping[str, Any]], now: float, hrefs: Hrefs) -> list[EndpointRow]:
    """Worst first (fails, could not check, risky, ok, not checked), then as listed."""
    rows = [endpoint_row(s, now, hrefs) for s in states]
    return sorted(rows, key=lambda r: ORDER.index(r.outcome))


def outcome_counts(states: Sequence[Mapping[str, Any]], hrefs: Hrefs) -> list[CountRow]:
    counts = Counter(outcome_of(s) for s in states)
    return [CountRow(key=o, label=WORDS[o], count=counts[o], root=counts[o],
                     href=hrefs.filtered("outcome", o) if o != "unchecked" else "")
            for o in ORDER if counts[o]]


def cause_counts(states: Sequence[Mapping[str, Any]], hrefs: Hrefs) -> list[CountRow]:
    """Per cause id: endpoints with a finding of it (any rank, as ``--cause`` filters) and
    endpoints where it is the root cause."""
    found = Counter(c for s in states for c in {text(f.get("cause")) for f in records(s.get("findings"))})
    root = Counter(text(s.get("root_cause")) for s in states if s.get("root_cause"))
    return [CountRow(key=c, label=c, count=n, root=root[c], href=hrefs.filtered("cause", c))
            for c, n in sorted(found.items(), key=lambda kv: (-root[kv[0]], -kv[1], kv[0]))]


def party_counts(states: Sequence[Mapping[str, Any]], hrefs: Hrefs) -> list[CountRow]:
    """Per party: endpoints it must act on (a finding above info it fixes, as ``--party``
    filters) and endpoints whose root cause it fixes."""
    acts = Counter(p for s in states for p in {
        text(f.get("who_fixes")) for f in records(s.get("findings")) if f.get("severity") != "info"})
    root = Counter(text(s.get("who_fixes")) for s in states if s.get("root_cause"))
    order = [*PARTIES, *sorted(set(acts) - set(PARTIES))]
    return [CountRow(key=p, label=who_words(p), count=acts[p], root=root[p],
                     href=hrefs.filtered("party", p)) for p in order if acts[p]]


def leaf_names(report: Any) -> tuple[str, str] | None:
    """(name, issuer) of the leaf a ``diagnose --json`` report says the server sent."""
    for cert in records(mapping(report).get("certificates")):
        if cert.get("source", "served") == "served":
            name = cert.get("common_name") or cert.get("subject") or ""
            return text(name), text(cert.get("issuer"))
    return None


def certificate_rows(states: Sequence[Mapping[str, Any]], now: float, hrefs: Hrefs,
                     names: Mapping[str, tuple[str, str]] | None = None) -> list[CertRow]:
    """Each leaf certificate served (by fingerprint) with the endpoints serving it, the one
    expiring first on top (expired ones first of all). ``names``: sha256 -> (name, issuer)."""
    served: dict[str, list[Mapping[str, Any]]] = {}
    for s in states:
        sha = text(s.get("leaf_sha256"))
        if sha and days_left(s, now) is not None:
            served.setdefault(sha, []).append(s)
    rows = []
    for sha, group in served.items():
        days = days_left(group[0], now)
        assert days is not None  # grouped only when known
        name, issuer = (names or {}).get(sha, ("", ""))
        days_text, state = days_words(days)
        rows.append(CertRow(
            name=name or f"SHA-256 {sha[:16]}…", issuer=issuer, sha256=sha,
            not_after=when_text(group[0].get("leaf_not_after")), days=days,
            days_text=days_text, state=state,
            endpoints=tuple((key, short_endpoint(key), hrefs.endpoint(key))
                            for key in (text(s.get("endpoint")) for s in group[:MAX_SERVING])),
            more=max(0, len(group) - MAX_SERVING), more_href=hrefs.filtered("q", sha)))
    return sorted(rows, key=lambda r: (r.days, r.name))


def change_rows(diff: Mapping[str, Any] | None, hrefs: Hrefs) -> list[ChangeRow]:
    """The first MAX_CHANGES changes, most urgent first (as ``fleet diff`` orders them)."""
    return [ChangeRow(kind=text(c.get("kind")), endpoint=key, shown=short_endpoint(key),
                      detail=text(c.get("detail")), href=hrefs.endpoint(key))
            for c in records(mapping(diff).get("changes"))[:MAX_CHANGES]
            for key in (text(c.get("endpoint")),)]


def changes_left_out(diff: Mapping[str, Any] | None) -> int:
    return max(0, len(records(mapping(diff).get("changes"))) - MAX_CHANGES)


def fleet_verdict(states: Sequence[Mapping[str, Any]], run: Mapping[str, Any] | None) -> tuple[str, str]:
    """(outcome for the badge, one sentence) over the endpoints shown."""
    counts = Counter(outcome_of(s) for s in states)
    if run is None:
        return "unknown", "No run yet: start one with 'tlsdoctor fleet run INVENTORY'."
    if not states:
        return "unknown", f"Run {run.get('id')} has no endpoint to show."
    worst = next((o for o in ORDER[:4] if counts[o]), "unknown")
    parts = [f"{counts[o]} {w}" for o, w in (("fails", "fail"), ("unknown", "could not be checked"),
                                             ("risky", "work with risks"), ("ok", "work"),
                                             ("unchecked", "not checked yet")) if counts[o]]
    return worst, f"{len(states)} endpoint(s) in run {run.get('id')}: {', '.join(parts)}."


def changes_title(diff: Mapping[str, Any] | None) -> str:
    before, after = mapping(mapping(diff).get("before")), mapping(mapping(diff).get("after"))
    return (f"Changes from run {before.get('id')} to run {after.get('id')}"
            if before and after else "Changes")


def run_text(run: Mapping[str, Any] | None) -> str:
    if not run:
        return ""
    status = text(run.get("status"))
    if status == "running":
        status = f"running ({run.get('done')}/{run.get('planned')} done)"
    return (f"run {run.get('id')} of {run.get('inventory')}, started "
            f"{when_text(run.get('started_at'))}, {status}")


def detail(index: int, state: Mapping[str, Any], report: Any,
           history: Sequence[Mapping[str, Any]], now: float, hrefs: Hrefs) -> Detail:
    data = mapping(report)
    views = findings(data.get("findings"), f"e{index}-f")
    sentence = text(data.get("summary")) or (f"Could not check: {state.get('error')}"
                                             if state.get("error") else "")
    return Detail(id=f"ep{index}", row=endpoint_row(state, now, hrefs), sentence=sentence,
                  findings=tuple(f for f in views if f.severity != "info"),
                  timeline=timeline_view.build(history or [state]))


class FileHrefs:
    """Links inside one file: each endpoint shown in full has its own section."""

    def __init__(self, sections: Mapping[str, str]) -> None:
        self.sections = sections

    def endpoint(self, key: str) -> str:
        return f"#{self.sections[key]}" if key in self.sections else ""

    def report(self, result_id: int) -> str:
        return ""

    def filtered(self, name: str, value: str) -> str:
        return ""


def fleet_context(status: Mapping[str, Any], *, diff: Mapping[str, Any] | None = None,
                  details: Sequence[tuple[Mapping[str, Any], Any, Sequence[Mapping[str, Any]]]] = (),
                  names: Mapping[str, tuple[str, str]] | None = None,
                  now: float | None = None, more: int = 0) -> dict[str, Any]:
    if not isinstance(status, Mapping) or not isinstance(status.get("endpoints"), list):
        raise InputError("not a fleet status: expected the object 'fleet status --json' prints")
    now = time.time() if now is None else now
    states, run = records(status.get("endpoints")), status.get("run")
    run = run if isinstance(run, Mapping) else None
    shown = list(details)[:MAX_DETAILED]
    hrefs = FileHrefs({text(s.get("endpoint")): f"ep{i}" for i, (s, _, _) in enumerate(shown)})
    outcome, sentence = fleet_verdict(states, run)
    return {
        "kind": "fleet", "title": "tlsdoctor fleet: " + (run_text(run) or "no run"),
        "heading": f"Fleet: {len(states)} endpoint(s)", "run_text": run_text(run),
        "generated": when_text(datetime.fromtimestamp(now, UTC).isoformat()),
        "outcome": outcome, "outcome_words": WORDS.get(outcome, outcome), "summary": sentence,
        "outcomes": outcome_counts(states, hrefs), "causes": cause_counts(states, hrefs),
        "parties": party_counts(states, hrefs), "rows": endpoint_rows(states, now, hrefs),
        "certificates": certificate_rows(states, now, hrefs, names),
        "changes": change_rows(diff, hrefs), "changes_title": changes_title(diff),
        "changes_more": changes_left_out(diff),
        "details": [detail(i, s, r, h, now, hrefs) for i, (s, r, h) in enumerate(shown)],
        "more": more + max(0, len(details) - MAX_DETAILED), "problems": records(mapping(run).get("problems")),
    }


def render_fleet(status: Mapping[str, Any], **kw: Any) -> str:
    """One self-contained HTML page of a fleet's current state (``fleet export --html``):
    ``status`` is the object ``fleet status --json`` prints; ``diff`` the ``fleet diff
    --json`` object; ``details`` (endpoint, ``diagnose --json`` report, history) for the
    endpoints shown in full (``more``: how many more need action but were left out);
    ``names`` leaf sha256 -> (name, issuer)."""
    return render_page("fleet.html.j2", **fleet_context(status, **kw))
