"""``tlsdoctor serve``'s dashboard in Chromium, over a real three-run fleet history
(conftest.py: the loopback farm and a hostile openssl s_server, diagnosed by run_fleet)."""

from __future__ import annotations

import itertools
import time
from collections import Counter
from typing import Any
from urllib.parse import quote, urlencode

from dashhelp import (
    CA_FILE_NAME,
    INTER,
    LEAF,
    TAGS,
    Fleet,
    Visit,
    nothing_ran,
    visible_text,
)

from tlsdoctor.fleet.status import Filters
from tlsdoctor.report.html import fleet as report_fleet
from tlsdoctor.safe import printable
from tlsdoctor.serve import dashboard

ORDER = ("fails", "unknown", "risky", "ok", "unchecked")


def counts_in(visit: Visit, kind: str) -> dict[str, tuple[int, int]]:
    rows = visit.page.locator(f'table.counts[data-kind="{kind}"] tbody tr[data-key]').evaluate_all(
        """rows => rows.map(r => [r.dataset.key, r.querySelector('.count').textContent,
                                  (r.querySelector('.root') || r.querySelector('.count')).textContent])""")
    return {k: (int(n), int(root)) for k, n, root in rows}


def listed(visit: Visit) -> list[str]:
    """The endpoints in the table, in order."""
    return visit.attrs("table.endpoints tbody tr[data-endpoint]", "data-endpoint")


def test_overview_counts_match_the_store(fleet: Fleet, served: str, browse: Any) -> None:
    with fleet.store() as store:
        states = store.states()
    outcomes = Counter(s.outcome if s.checked else "unchecked" for s in states)
    assert outcomes == {"fails": 5, "risky": 1, "ok": 2}  # the history is what the test built
    causes = Counter(c for s in states for c in {f.cause for f in s.findings})
    roots = Counter(s.summary.root_cause for s in states if s.summary and s.summary.root_cause)
    parties = Counter(p for s in states for p in {f.who_fixes for f in s.findings if f.severity != "info"})
    party_roots = Counter(s.summary.who_fixes for s in states if s.summary and s.summary.root_cause)
    v = browse(served + "/")
    v.assert_clean()
    assert v.status == 200
    assert counts_in(v, "outcome") == {o: (n, n) for o, n in outcomes.items()}
    assert counts_in(v, "cause") == {c: (n, roots[c]) for c, n in causes.items()}
    assert counts_in(v, "who fixes it") == {p: (n, party_roots[p]) for p, n in parties.items()}
    assert {"cert_expired", "hostname_mismatch", "incomplete_chain",
            "protocol_version_mismatch", "cert_expiring_soon"} <= set(causes)
    assert v.texts("#verdict .sentence") == ["8 endpoint(s) in run 3: 5 fail, 1 work with risks, 2 work."]
    shown = listed(v)
    assert sorted(shown) == sorted(printable(s.endpoint) for s in states)
    by_key = {printable(s.endpoint): s.outcome for s in states}
    assert [ORDER.index(by_key[k]) for k in shown] == sorted(ORDER.index(by_key[k]) for k in shown)
    # what changed from run 2 to run 3: endpoint 1 was fixed, endpoint 2 broke again
    assert v.attrs("#changes tr.ch-recovered td[title]", "title") == [fleet.keys[1]]
    assert v.attrs("#changes tr.ch-newly_failing td[title]", "title") == [fleet.keys[2]]


def _expected(fleet: Fleet, filters: Filters, keep: Any = lambda s: True) -> list[str]:
    with fleet.store() as store:
        return sorted(printable(s.endpoint) for s in store.states() if filters.match(s) and keep(s))


def test_filters_and_search_change_the_list(fleet: Fleet, served: str, browse: Any) -> None:
    v = browse(served + "/")
    v.page.select_option('form.filters select[name="outcome"]', "fails")
    v.click("form.filters button[type=submit]")
    assert "outcome=fails" in v.page.url
    assert sorted(listed(v)) == _expected(fleet, Filters(outcome="fails")) and len(listed(v)) == 5
    # a count links to exactly the endpoints it counts
    v.go(served + "/").click('table.counts[data-kind="cause"] tr[data-key="hostname_mismatch"] a')
    assert sorted(listed(v)) == _expected(fleet, Filters(cause="hostname_mismatch")) == \
        sorted([fleet.keys[2], fleet.keys[3]])
    v.page.fill('form.filters input[name="q"]', "TLS10")  # the tag of endpoint 4, any case
    v.page.select_option('form.filters select[name="cause"]', "")
    v.click("form.filters button[type=submit]")
    assert listed(v) == [fleet.keys[4]]
    v.go(served + "/?party=client")
    assert listed(v) == [] and "Nothing matches (of 8)" in v.texts("p.pager")[0]
    v.go(served + "/?tag=expired")  # the inventory tag of endpoints 2 and 6
    assert sorted(listed(v)) == sorted([fleet.keys[2], fleet.keys[6]])
    v.go(served + "/?q=" + quote("e5. expiring"))  # every word must match
    assert listed(v) == [fleet.keys[5]]
    v.go(served + "/?run=1&outcome=fails")  # as of run 1
    assert sorted(listed(v)) == sorted([fleet.keys[i] for i in (2, 3, 4, 6)] + [printable(fleet.hostile)])
    v.assert_clean()


def test_pages_of_the_list(fleet: Fleet, served: str, browse: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(dashboard, "PER_PAGE", 3)  # the server runs in this process
    v = browse(served + "/?party=server")
    seen = [listed(v)]
    while v.page.locator("p.pager a.next").count():
        v.click("p.pager a.next")
        seen.append(listed(v))
    assert [len(p) for p in seen] == [3, 3]  # six endpoints a server must act on
    assert "party=server" in v.page.url and "page=2" in v.page.url
    assert sorted(itertools.chain.from_iterable(seen)) == _expected(fleet, Filters(party="server"))
    assert v.go(served + "/?page=9").status == 400


def test_filters_work_without_script(fleet: Fleet, served: str, browse: Any) -> None:
    v = browse(served + "/", script=False)
    v.page.select_option('form.filters select[name="party"]', "server")
    v.page.fill('form.filters input[name="q"]', "wrong_host")
    v.click("form.filters button[type=submit]")
    assert sorted(listed(v)) == sorted([fleet.keys[3]])  # the tag; endpoint 2's tag is "expired"
    v.assert_clean()


def _marks(v: Visit) -> list[tuple[str, str]]:
    return [(str(run), str(cls)) for run, cls in v.page.locator("#timeline g.mark").evaluate_all(
        "gs => gs.map(g => [g.dataset.run, g.getAttribute('class')])")]


def _event_x(v: Visit, kind: str) -> list[str]:
    return v.attrs(f"#timeline g.event.ev-{kind} line", "x1")


def _mark_x(v: Visit, run: int) -> str:
    return v.attrs(f'#timeline g.mark[data-run="{run}"] circle', "cx")[0]


def test_timeline_shows_when_it_broke_and_was_fixed(fleet: Fleet, served: str, browse: Any) -> None:
    v = browse(served + "/")
    v.click(f'table.endpoints td[title="{fleet.keys[1]}"] a:not(.report-link)')
    assert v.page.url.startswith(served + "/endpoint?key=")
    assert _marks(v) == [("1", "mark o-ok"), ("2", "mark o-fails"), ("3", "mark o-ok")]
    assert _event_x(v, "broke") == [_mark_x(v, 2)] and _event_x(v, "fixed") == [_mark_x(v, 3)]
    events = v.texts("ul.events li")
    assert events[0].startswith("Broke in run 2") and events[0].endswith("ok -> fails: cert_expired")
    assert events[1].startswith("Fixed in run 3") and events[1].endswith("cert_expired -> ok")
    with fleet.store() as store:
        history = store.history(fleet.keys[1])
    assert v.attrs("table.history tbody tr", "data-run") == [str(h.run_id) for h in history]
    assert v.attrs("table.history a.report-link", "href") == [f"/report/{h.result_id}" for h in history]
    v.assert_clean()
    # endpoint 2: fixed in run 2, broke again in run 3 (another cause)
    v.go(served + "/endpoint?key=" + quote(fleet.keys[2]))
    assert _marks(v) == [("1", "mark o-fails"), ("2", "mark o-ok"), ("3", "mark o-fails")]
    assert _event_x(v, "fixed") == [_mark_x(v, 2)] and _event_x(v, "broke") == [_mark_x(v, 3)]
    assert v.texts("ul.events li")[1].endswith("ok -> fails: hostname_mismatch")
    assert v.go(served + "/endpoint?key=nothing.example:443").status == 404


def test_certificates_by_days_to_expiry(fleet: Fleet, served: str, browse: Any) -> None:
    v = browse(served + "/expiry")
    now = time.time()
    v.assert_clean()
    days = [float(d) for d in v.attrs("table.certs tbody tr", "data-days")]
    assert days == sorted(days) and days[0] < 0  # expired first, then the soonest
    with fleet.store() as store:
        states = store.states()
    leaves = {s.summary.leaf_sha256: s.summary.leaf_not_after for s in states
              if s.summary and s.summary.leaf_sha256}
    rows = v.attrs("table.certs tbody tr", "data-sha256")
    assert sorted(rows) == sorted(leaves)
    for sha, d in zip(rows, days, strict=True):
        assert abs(d - (leaves[sha] - now) / 86400) < 0.01
    assert v.texts("table.certs tbody tr:first-child td.days")[0].startswith("expired 2 day(s) ago")
    assert v.texts("table.certs tbody tr:nth-child(2) td.days")[0] in ("9 day(s)", "10 day(s)")
    assert printable(LEAF) in v.texts("table.certs td.cert-name")
    v.go(served + "/expiry?outcome=ok")  # the same filters as the list
    assert len(v.attrs("table.certs tbody tr", "data-sha256")) == 2


def test_report_links_open_the_stored_report(fleet: Fleet, served: str, browse: Any) -> None:
    with fleet.store() as store:
        stored = store.latest_report(fleet.keys[6])
    assert stored is not None and stored.report is not None
    v = browse(served + "/")
    v.click(f'table.endpoints td[title="{fleet.keys[6]}"] a.report-link')
    assert v.page.url == f"{served}/report/{stored.state.result_id}"
    assert v.texts("#verdict .badge") == ["fails"]
    assert v.texts("#verdict .sentence") == [stored.report["summary"]]
    first = stored.report["findings"][0]
    assert first["cause"] == "cert_expired"
    codes = [s["code"] for s in first["fix"] if s.get("code")]
    assert codes and [v.texts(f"#f1-fix{i + 1}")[0] for i, s in enumerate(first["fix"])
                      if s.get("code")] == codes
    assert v.page.locator("#chain svg g.role-leaf").count() == 1
    v.assert_clean()
    v.click('nav.dash a:text("This endpoint\'s history")')
    assert v.page.url == served + "/endpoint?" + urlencode({"key": fleet.keys[6]})
    v.click("a.latest-report")
    assert v.page.url == f"{served}/report/{stored.state.result_id}"
    assert v.go(served + "/report/99999").status == 404


def test_hostile_names_and_tags_are_text(fleet: Fleet, served: str, browse: Any) -> None:
    with fleet.store() as store:
        stored = store.latest_report(fleet.hostile)
    assert stored is not None and stored.report is not None
    assert stored.report["root_cause"] == "incomplete_chain"
    assert list(stored.state.tags) == list(TAGS)
    report = f"/report/{stored.state.result_id}"
    # page -> (forms on it, the hostile strings it shows)
    pages = {"/": (1, (*TAGS, CA_FILE_NAME)), "/expiry": (1, (LEAF, CA_FILE_NAME)),
             "/endpoint?key=" + quote(fleet.hostile): (0, (*TAGS, CA_FILE_NAME)),
             report: (0, (LEAF, INTER))}
    for path, (forms, shown) in pages.items():
        v = browse(served + path)
        nothing_ran(v, forms=forms)
        text = visible_text(v)
        for hostile in shown:
            assert printable(hostile) in text, (path, hostile)
    assert '<script>document.title="pwned"</script>\\u202eCA' in text  # the report's chain


def test_a_certificate_serving_many_endpoints(fleet: Fleet, served: str, browse: Any,
                                              monkeypatch: Any) -> None:
    """Under a certificate, the first endpoints and a link to the list of all of them."""
    monkeypatch.setattr(report_fleet, "MAX_SERVING", 1)
    with fleet.store() as store:
        states = store.states()
    by_leaf = Counter(s.summary.leaf_sha256 for s in states if s.summary and s.summary.leaf_sha256)
    shared, n = by_leaf.most_common(1)[0]
    assert n == 2  # endpoints 2 and 3 now serve the farm's one wrong-host certificate
    v = browse(served + "/expiry")
    row = f'table.certs tr[data-sha256="{shared}"]'
    assert len(v.texts(f"{row} li[title]")) == 1
    assert v.texts(f"{row} li.more") == ["… and 1 more"]
    v.click(f"{row} li.more a")
    assert sorted(listed(v)) == sorted([fleet.keys[2], fleet.keys[3]])
    v.assert_clean()
