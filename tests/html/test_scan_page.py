"""The scan page in a real browser, from a real scan of a real server on 127.0.0.1."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from browser import copy_and_read

from tlsdoctor import scan
from tlsdoctor.report.html import render_scan

ROOT = Path(__file__).resolve().parents[2]
OLD_AND_WEAK = dict(protocols=("tls1", "tls1_1", "tls1_2", "tls1_3"),
                    cipher="ECDHE-ECDSA-AES128-GCM-SHA256:AECDH-AES128-SHA:"
                           "ECDHE-ECDSA-AES128-SHA:@SECLEVEL=0")


def test_scan_page_shows_the_table_grade_and_changes(pki, s_server, open_page) -> None:
    with s_server(pki.leaf(), **OLD_AND_WEAK) as srv:
        data = scan([f"localhost:{srv.port}"], connect="127.0.0.1", timeout=5.0).to_json()
    t = data["targets"][0]
    loaded = open_page(render_scan(data))
    loaded.assert_clean()
    page = loaded.page
    assert loaded.text("#verdict .badge").lower() == "works, with risks"
    assert f"grade {t['grade']['grade']}" in loaded.text("#verdict .sentence")
    # The grade and every reason that caps it.
    assert loaded.text(".grade .letter") == t["grade"]["grade"]
    caps = loaded.all_text("table.caps tbody tr td:nth-child(2)")
    assert caps == [c["reason"] for c in t["grade"]["caps"]] and caps
    # Version x suite: one column per version probed, a mark where that version took the suite.
    headers = loaded.all_text("table.matrix thead tr:first-child th.ver")
    assert headers == [p["version"] for p in t["protocols"]]
    rows = page.locator("table.matrix tbody tr")
    accepted = {s["name"] for p in t["protocols"] for s in p["suites"]}
    assert rows.count() == len(accepted) and "TLS_ECDH_anon_WITH_AES_128_CBC_SHA" in accepted
    for i in range(rows.count()):
        cells = rows.nth(i).locator("td").all_text_contents()
        name = cells[0]
        marks = [c == "✓" for c in cells[1:1 + len(headers)]]
        assert marks == [any(s["name"] == name for s in p["suites"]) for p in t["protocols"]], name
    weak = page.locator("table.matrix tbody tr.weak", has_text="TLS_ECDH_anon_WITH_AES_128_CBC_SHA")
    assert "anonymous" in str(weak.text_content())
    # Mozilla: every change per profile, and its config lines copy exactly.
    for name, profile in t["compliance"].items():
        box = page.locator(".profile", has_text=f"{name} (guidelines")
        text = str(box.text_content())
        assert all(d["text"] in text for d in profile["deviations"])
        for key, code in profile["config"].items():
            if code:
                button = page.locator(f"button[data-copy='t1-{name}-{key}']")
                assert copy_and_read(loaded, button) == code
    # The certificate the scan received, and the findings.
    assert "localhost" in loaded.text("section.target g.role-leaf")
    causes = {f["cause"] for f in t["findings"]}
    assert causes >= {"obsolete_protocol_enabled", "weak_cipher_or_no_pfs"}
    assert len(page.locator("article.finding").all()) == len(t["findings"])


def test_cli_scan_html_is_the_json_rendered(pki, s_server, open_page, tmp_path) -> None:
    out = tmp_path / "scan.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with s_server(pki.leaf()) as srv1, s_server(pki.leaf(), **OLD_AND_WEAK) as srv2:
        proc = subprocess.run(
            [sys.executable, "-m", "tlsdoctor", "scan", f"127.0.0.1:{srv1.port}",
             f"127.0.0.1:{srv2.port}", "--json", "--html", str(out)],
            capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 1, proc.stderr
    data: dict[str, Any] = json.loads(proc.stdout)
    page = out.read_text(encoding="utf-8")
    assert page == render_scan(data)
    loaded = open_page(page)
    loaded.assert_clean()
    # Two targets: each has its own section, verdict and table.
    assert loaded.page.locator("section.target").count() == 2
    assert loaded.page.locator("table.matrix").count() == 2
    assert "2 targets scanned" in loaded.text("#verdict .sentence")
