"""The diagnose page in a real browser, from real diagnoses of real servers on 127.0.0.1."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

from browser import copy_and_read

from tlsdoctor import diagnose
from tlsdoctor.report.html import render_diagnose
from tlsdoctor.testing.servers import Site

ROOT = Path(__file__).resolve().parents[2]


def run(srv: Any, pki: Any, **kw: Any) -> dict[str, Any]:
    report = diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(pki.root_pem),
                      offline=True, timeout=5.0, **kw)
    return report.to_json()


def failed_steps(loaded: Any, scope: str = "#handshake") -> list[str]:
    return loaded.all_text(f"{scope} g.step.failed text.label")


def test_missing_intermediate_on_nginx(pki, nginx, open_page) -> None:
    inter = pki.ca.intermediate(name="html test intermediate")
    leaf = inter.issue(("localhost",))
    cert, key = pki.write_pem("leaf.pem", leaf.cert_pem), pki.write_pem("leaf.key", leaf.key_pem)
    with nginx(Site(server_name="localhost", chain_path=cert, key_path=key, default=True)) as srv:
        data = run(srv, pki, server_software="nginx")  # as with --server nginx
    assert data["root_cause"] == "incomplete_chain" and data["server"]["software"] == "nginx"
    root = data["findings"][0]
    loaded = open_page(render_diagnose(data))
    loaded.assert_clean()

    assert loaded.text("#verdict .sentence") == data["summary"]
    assert loaded.text("#verdict .badge").lower() == "fails"
    assert "the server's operator" in loaded.text("#verdict .who")
    assert root["title"] in loaded.text("#f1 h3")
    # nginx was named: only its lines are given (--server nginx shows nginx only).
    nginx_step = next(i for i, s in enumerate(root["fix"], 1) if s["applies_to"] == "nginx")
    assert not any(s["applies_to"] in ("apache", "haproxy") for s in root["fix"])
    page = loaded.page
    assert page.locator(f"#f1-fix{nginx_step}").is_visible()
    button = page.locator(f"button[data-copy='f1-fix{nginx_step}']")
    assert copy_and_read(loaded, button) == root["fix"][nginx_step - 1]["code"]
    # The chain: the leaf that was sent, then the intermediate that was not.
    leaf_box = loaded.text("#chain g.role-leaf")
    assert "localhost" in leaf_box and "sent by the server (position 1)" in leaf_box
    missing = loaded.text("#chain g.role-missing")
    assert "html test intermediate" in missing and "MISSING" in missing
    for store in data["chain"]["trusted_by"]:
        row = page.locator("table.trust tr", has_text=store)
        assert "not trusted" in row.inner_text()
    # The client rejects the certificate message: that step is the one marked.
    assert len(failed_steps(loaded)) == 1 and "Certificate" in failed_steps(loaded)[0]
    assert "baseline" in loaded.text("#handshake figcaption")


def test_healthy_server(pki, s_server, open_page) -> None:
    with s_server(pki.leaf()) as srv:
        data = run(srv, pki)
    assert data["outcome"] == "ok"
    loaded = open_page(render_diagnose(data))
    loaded.assert_clean()
    assert loaded.text("#verdict .badge").lower() == "works"
    assert loaded.text("#verdict .sentence") == data["summary"]
    assert failed_steps(loaded) == []
    steps = loaded.all_text("#handshake g.step text.label")
    assert steps[0] == "ClientHello" and steps[1] == "ServerHello"
    anchor = loaded.text("#chain g.role-root")
    assert pki.ca.name in anchor and "trust store 'system + --ca-file'" in anchor
    assert "days left" in loaded.text("#chain g.role-leaf")
    row = loaded.page.locator("table.trust tr", has_text="system + --ca-file")
    assert "✓ trusted" in row.inner_text()


def test_expired_certificate(pki, s_server, open_page) -> None:
    leaf = pki.leaf(not_before=timedelta(days=-100), not_after=timedelta(days=-5))
    with s_server(leaf) as srv:
        data = run(srv, pki)
    assert data["root_cause"] == "cert_expired"
    loaded = open_page(render_diagnose(data))
    loaded.assert_clean()
    box = loaded.page.locator("#chain g.role-leaf")
    assert "EXPIRED" in str(box.text_content()) and "st-bad" in str(box.get_attribute("class"))
    assert re.search(r"\(5 days before the diagnosis\)", str(box.text_content()))
    assert len(failed_steps(loaded)) == 1 and "Certificate" in failed_steps(loaded)[0]
    assert "certificate has expired" in loaded.text("#evidence p.bad")


def test_version_mismatch_marks_the_alert(pki, s_server, open_page) -> None:
    with s_server(pki.leaf(), protocols=("tls1",), cipher="ALL:@SECLEVEL=0") as srv:
        data = run(srv, pki)
    assert data["root_cause"] == "protocol_version_mismatch"
    marked = [s for s in data["probes"][0]["ladder"] if s["failed"]]
    assert [s["message"] for s in marked] == ["Alert (fatal protocol_version)"]
    loaded = open_page(render_diagnose(data))
    loaded.assert_clean()
    assert failed_steps(loaded) == ["✖ Alert (fatal protocol_version)"]
    # Every probe is listed, and its own ladder is one click away.
    labels = loaded.all_text("table.probes tbody td:first-child")
    assert [t.lstrip("★ ") for t in labels] == [p["label"] for p in data["probes"]]
    assert loaded.page.locator("details.probe-ladder svg").count() == len(data["probes"]) - 1


def test_every_copy_button_copies_its_exact_snippet(pki, s_server, open_page) -> None:
    # Tomcat's config lines hold '<', '>' and '"': escaped in the page, exact on the clipboard.
    with s_server(pki.leaf(), protocols=("tls1", "tls1_1", "tls1_2"),
                  cipher="ECDHE-ECDSA-AES128-GCM-SHA256:AECDH-AES128-SHA:@SECLEVEL=0") as srv:
        data = run(srv, pki, server_software="tomcat")
    codes = {f"f{i}-fix{j}": s["code"] for i, f in enumerate(data["findings"], 1)
             for j, s in enumerate(f["fix"], 1) if s["code"]}
    assert any("<SSLHostConfig" in c for c in codes.values())
    loaded = open_page(render_diagnose(data))
    loaded.assert_clean()
    loaded.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    buttons = loaded.page.locator("button.copy")
    assert buttons.count() == len(codes)
    for i in range(buttons.count()):
        button = buttons.nth(i)
        target = str(button.get_attribute("data-copy"))
        assert copy_and_read(loaded, button) == codes[target], target


def test_print_hides_buttons_and_opens_sections(pki, s_server, open_page) -> None:
    with s_server(pki.leaf(), protocols=("tls1",), cipher="ALL:@SECLEVEL=0") as srv:
        data = run(srv, pki)
    loaded = open_page(render_diagnose(data))
    page = loaded.page
    assert page.locator("button.copy").first.is_visible()
    page.emulate_media(media="print")
    assert not page.locator("button.copy").first.is_visible()
    assert page.locator("details[open]").count() == 0
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
    assert page.locator("details:not([open])").count() == 0
    page.evaluate("window.dispatchEvent(new Event('afterprint'))")
    assert page.locator("details[open]").count() == 0
    assert page.pdf()[:4] == b"%PDF"
    loaded.assert_clean()


def test_cli_html_is_the_json_rendered(pki, s_server, open_page, tmp_path) -> None:
    out = tmp_path / "report.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with s_server(pki.leaf("other.example")) as srv:
        proc = subprocess.run(
            [sys.executable, "-m", "tlsdoctor", "diagnose", f"localhost:{srv.port}",
             "--connect", "127.0.0.1", "--ca-file", str(pki.root_pem), "--offline",
             "--json", "--html", str(out)], capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    assert data["root_cause"] == "hostname_mismatch"
    page = out.read_text(encoding="utf-8")
    assert page == render_diagnose(data)
    loaded = open_page(page)
    loaded.assert_clean()
    assert loaded.text("#verdict .sentence") == data["summary"]
