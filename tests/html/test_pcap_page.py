"""The pcap page in a real browser: captures recorded from real servers and clients on
loopback (tests/ingest/captures, made by its record.py), and one recorded live here."""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from tlsdoctor import read_pcap
from tlsdoctor.report.html import render_pcap

ROOT = Path(__file__).resolve().parents[2]
CAPTURES = ROOT / "tests" / "ingest" / "captures"


@pytest.mark.parametrize(("capture", "alert", "state"), [
    ("expired.pcap", "Alert fatal certificate_expired", "st-bad"),
    ("incomplete_chain.pcap", "Alert fatal unknown_ca", "st-ok"),
    ("self_signed.pcap", "Alert fatal unknown_ca", "st-ok"),
])
def test_failed_connection_page(open_page, capture, alert, state) -> None:
    data = read_pcap(CAPTURES / capture).to_json()
    loaded = open_page(render_pcap(data))
    loaded.assert_clean()
    page = loaded.page
    assert loaded.text("#verdict .badge").lower() == "fails"
    (event,) = data["events"]
    root = event["findings"][0]
    assert root["title"] in loaded.text("#verdict .sentence")
    # The summary per cause and per server.
    (cause, count), = data["summary"]["causes"].items()
    row = page.locator("table.causes tbody tr")
    assert row.locator("td").all_text_contents()[:2] == [cause, root["title"]]
    assert row.locator("td").last.text_content() == str(count)
    assert event["server"] in loaded.text("table.servers")
    # The connection: its ladder as captured, the client's fatal alert marked.
    conn = page.locator(f"#conn-{event['id']}")
    assert conn.get_attribute("open") is not None  # failed connections are open
    steps = conn.locator("g.step text.label").all_text_contents()
    assert [s.removeprefix("✖ ") for s in steps] == [h["what"] for h in event["history"]]
    assert conn.locator("g.step.failed text.label").all_text_contents() == [f"✖ {alert}"]
    assert state in str(conn.locator("g.role-leaf").get_attribute("class"))
    assert root["title"] in str(conn.locator("article.finding h3").first.text_content())


def test_many_connections_summary(open_page) -> None:
    data = read_pcap(CAPTURES / "cipher_mismatch.pcap").to_json()
    loaded = open_page(render_pcap(data))
    loaded.assert_clean()
    rows = loaded.page.locator("table.connections tbody tr")
    assert rows.count() == len(data["events"]) > 1
    outcomes = [rows.nth(i).locator("td").nth(4).text_content() for i in range(rows.count())]
    assert outcomes == [e["outcome"] for e in data["events"]]
    ok = next(e for e in data["events"] if e["outcome"] == "ok")
    assert loaded.page.locator(f"#conn-{ok['id']}").get_attribute("open") is None


def test_cli_pcap_html_is_the_json_rendered(open_page, tmp_path) -> None:
    out = tmp_path / "pcap.html"
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.run([sys.executable, "-m", "tlsdoctor", "pcap",
                           str(CAPTURES / "client_cert.pcap"), "--json", "--html", str(out)],
                          capture_output=True, text=True, env=env, timeout=60)
    assert proc.returncode == 2, proc.stderr
    data = json.loads(proc.stdout)
    page = out.read_text(encoding="utf-8")
    assert page == render_pcap(data)
    loaded = open_page(page)
    loaded.assert_clean()
    assert "client_cert_required" in loaded.text("table.causes")


def _recorder() -> Any:
    spec = importlib.util.spec_from_file_location("record_captures", CAPTURES / "record.py")
    assert spec is not None and spec.loader is not None
    record = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(record)
    return record


@pytest.mark.filterwarnings("ignore:Attribute's length:UserWarning")  # see test_hostile_page
def test_live_capture_of_a_hostile_certificate(pki, s_server, open_page, tmp_path) -> None:
    """tcpdump records curl refusing a certificate whose names attack the page."""
    if os.geteuid() != 0 or not all(shutil.which(t) for t in ("tcpdump", "curl")):
        pytest.skip("needs root, tcpdump and curl to record on loopback")
    from certs import hostile_subject_cert

    record = _recorder()
    key = ec.generate_private_key(ec.SECP256R1())
    cert_path = pki.write_pem("hostile.pem", hostile_subject_cert(key).public_bytes(
        serialization.Encoding.PEM))
    key_path = pki.write_pem("hostile.key", key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption()))
    out = tmp_path / "hostile.pcap"
    with s_server(chain_path=cert_path, key_path=key_path, protocols=("tls1_2",)) as srv:
        for _ in range(3):  # tcpdump on a busy loopback can drop packets: record again
            with record.tcpdump(out, srv.port):
                record.curl(f"https://localhost:{srv.port}/", "--tls-max", "1.2",
                            resolve=f"localhost:{srv.port}:127.0.0.1")
            data = read_pcap(out).to_json()
            if data["summary"]["gaps"] == 0 and data["events"]:
                break
    (event,) = data["events"]
    subject = event["certificates"][0]["subject"]  # RFC 4514: '<' is written '\\<'
    assert event["outcome"] == "failed" and "\\<script\\>alert(1)" in subject
    loaded = open_page(render_pcap(data))
    loaded.assert_clean()
    assert loaded.page.evaluate("document.scripts.length") == 1
    loaded.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    text = str(loaded.page.evaluate("document.body.innerText"))  # what a reader sees
    assert "\\<script\\>alert(1)\\</script\\>" in text and "\\x1b[31mEVIL" in text
    assert not any(c in text for c in ("\x1b", "\u202e", "\u2066", "\r"))
