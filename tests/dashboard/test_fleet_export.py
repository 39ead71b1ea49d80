"""``tlsdoctor fleet export --html FILE``, opened from file:// in Chromium: the same history
as the dashboard tests (conftest.py), one self-contained page."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from dashhelp import CA_FILE_NAME, INTER, LEAF, TAGS, Fleet, Visit, nothing_ran, visible_text
from fleethelp import cli_env

from tlsdoctor.safe import printable


def export(fleet: Fleet, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "tlsdoctor", "fleet", "export", "--db", fleet.db,
                           *args], capture_output=True, text=True, timeout=120, env=cli_env())


def _counts(v: Visit, kind: str) -> dict[str, tuple[int, int]]:
    rows = v.page.locator(f'table.counts[data-kind="{kind}"] tbody tr[data-key]').evaluate_all(
        """rows => rows.map(r => [r.dataset.key, r.querySelector('.count').textContent,
                                  (r.querySelector('.root') || r.querySelector('.count')).textContent])""")
    return {k: (int(n), int(root)) for k, n, root in rows}


def test_export_html_from_a_file(fleet: Fleet, browse: Any, tmp_path: Path) -> None:
    out = tmp_path / "fleet.html"
    proc = export(fleet, "--html", str(out))
    assert proc.returncode == 2, proc.stderr  # the worst outcome: fails
    assert proc.stdout == "" and proc.stderr == f"HTML report written to {out}\n"
    with fleet.store() as store:
        states = store.states()
        stored = store.latest_report(fleet.keys[2])
    assert stored is not None and stored.report is not None
    v = browse(out.as_uri())
    now = time.time()
    v.assert_clean()
    assert v.requests == [out.as_uri()]  # the file itself, nothing else
    assert _counts(v, "outcome") == {"fails": (5, 5), "risky": (1, 1), "ok": (2, 2)}
    causes = Counter(c for s in states for c in {f.cause for f in s.findings})
    roots = Counter(s.summary.root_cause for s in states if s.summary and s.summary.root_cause)
    assert _counts(v, "cause") == {c: (n, roots[c]) for c, n in causes.items()}
    parties = Counter(p for s in states for p in {f.who_fixes for f in s.findings if f.severity != "info"})
    assert {k: n for k, (n, _) in _counts(v, "who fixes it").items()} == parties
    assert sorted(v.attrs("table.endpoints tbody tr", "data-endpoint")) == \
        sorted(printable(s.endpoint) for s in states)
    assert v.attrs("#changes tr.ch-recovered td[title]", "title") == [fleet.keys[1]]
    assert v.attrs("#changes tr.ch-newly_failing td[title]", "title") == [fleet.keys[2]]
    days = [float(d) for d in v.attrs("table.certs tbody tr", "data-days")]
    leaves = {s.summary.leaf_sha256: s.summary.leaf_not_after for s in states
              if s.summary and s.summary.leaf_sha256}
    assert days == sorted(days) and days[0] < 0
    assert sorted(v.attrs("table.certs tbody tr", "data-sha256")) == sorted(leaves)
    expected = sorted((t - now) / 86400 for t in leaves.values())
    assert all(abs(a - b) < 0.01 for a, b in zip(days, expected, strict=True))
    # every endpoint that needs action in full; its link in the table leads there
    assert len(v.attrs("article.endpoint-detail", "id")) == 6  # 5 fail, 1 risky
    v.page.locator(f'table.endpoints td[title="{fleet.keys[2]}"] a').click()
    anchor = v.page.url.rsplit("#", 1)[1]
    detail = f"article#{anchor}"
    assert v.texts(f"{detail} h3")[0].endswith(fleet.keys[2])
    assert v.texts(f"{detail} p.sentence") == [stored.report["summary"]]
    runs = v.page.locator(f"{detail} g.mark").evaluate_all(
        "gs => gs.map(g => [g.dataset.run, g.getAttribute('class')])")
    assert runs == [["1", "mark o-fails"], ["2", "mark o-ok"], ["3", "mark o-fails"]]
    events = v.texts(f"{detail} ul.events li")
    assert events[0].startswith("Fixed in run 2") and events[1].startswith("Broke in run 3")
    first = stored.report["findings"][0]
    assert first["cause"] == "hostname_mismatch"
    codes = [s["code"] for s in first["fix"] if s.get("code")]
    shown = v.texts(f"{detail} article.finding:first-of-type pre code")
    assert codes and shown[:len(codes)] == codes


def test_export_html_is_safe_with_hostile_names(fleet: Fleet, browse: Any, tmp_path: Path) -> None:
    out = tmp_path / "fleet.html"
    assert export(fleet, "--html", str(out)).returncode == 2
    v = browse(out.as_uri())
    nothing_ran(v, forms=0)
    text = visible_text(v)
    for hostile in (*TAGS, CA_FILE_NAME, LEAF, INTER):
        assert printable(hostile) in text, hostile


def test_export_html_with_filters_and_lines(fleet: Fleet, browse: Any, tmp_path: Path) -> None:
    out = tmp_path / "risky.html"
    proc = export(fleet, "--html", str(out), "--outcome", "risky", "--csv")
    assert proc.returncode == 1  # the worst outcome shown
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert [r["endpoint"] for r in rows] == [fleet.keys[5]]  # --csv still printed
    v = browse(out.as_uri())
    assert v.attrs("table.endpoints tbody tr", "data-endpoint") == [fleet.keys[5]]
    assert v.texts("#verdict .sentence") == ["1 endpoint(s) in run 3: 1 work with risks."]
    v.assert_clean()
    bad = export(fleet, "--html", str(tmp_path / "no" / "such" / "dir.html"))
    assert bad.returncode == 3 and bad.stderr.startswith("tlsdoctor: error: cannot write")
