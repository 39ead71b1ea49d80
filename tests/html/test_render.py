"""The pages as files (no browser): one style and one script, both allowed by hash and
nothing else; no reference outside the file; bad input is a typed error; the JSON fields
the pages draw from."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor import diagnose, read_pcap
from tlsdoctor.errors import InputError
from tlsdoctor.report.html import render_diagnose, render_pcap, render_scan

CAPTURES = Path(__file__).resolve().parents[1] / "ingest" / "captures"


class Elements(HTMLParser):
    """Every start tag with its attributes, and the text of <style> and <script>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.bodies: dict[str, list[str]] = {"style": [], "script": []}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.bodies:
            self._open = tag
            self.bodies[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        self._open = None

    def handle_data(self, data: str) -> None:
        if self._open:
            self.bodies[self._open][-1] += data


def parse(page: str) -> Elements:
    p = Elements()
    p.feed(page)
    return p


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.fixture(scope="module")
def report(ca, tmp_path_factory) -> dict[str, Any]:
    from tlsdoctor.testing import servers

    d = tmp_path_factory.mktemp("render")
    chain, key = ca.issue(("localhost",)).write(d)
    root = ca.write(d / "root.pem")
    with servers.openssl_server(chain, key) as srv:
        return diagnose(f"localhost:{srv.port}", connect="127.0.0.1", ca_file=str(root),
                        offline=True, timeout=5.0).to_json()


def test_csp_allows_exactly_the_inline_style_and_script(report) -> None:
    page = render_diagnose(report)
    p = parse(page)
    (meta,) = [a for t, a in p.tags if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"]
    policy = dict(d.strip().split(" ", 1) for d in str(meta["content"]).split(";"))
    assert policy["default-src"] == "'none'" and policy["img-src"] == "data:"
    assert policy["base-uri"] == "'none'" and policy["form-action"] == "'none'"
    (style,), (script,) = p.bodies["style"], p.bodies["script"]
    assert policy["style-src"] == sha256(style) and policy["script-src"] == sha256(script)
    # The policy comes before anything it governs.
    names = [t for t, _ in p.tags]
    assert names.index("meta") < names.index("style") < names.index("script")


def test_nothing_refers_outside_the_file(report) -> None:
    for render, data in ((render_diagnose, report),
                         (render_pcap, read_pcap(CAPTURES / "expired.pcap").to_json())):
        p = parse(render(data))
        for tag, attrs in p.tags:
            assert tag not in ("link", "img", "iframe", "object", "embed", "base", "form")
            assert not any(k.startswith("on") for k in attrs), (tag, attrs)
            for key in ("src", "href", "action", "xlink:href", "style"):
                assert key not in attrs, (tag, attrs)


def test_probes_carry_their_ladder_and_the_report_its_clock(report) -> None:
    base = report["probes"][0]
    assert [s["by"] for s in base["ladder"][:2]] == ["client", "server"]
    assert base["ladder"][0]["message"] == "ClientHello" and not base["ladder"][0]["failed"]
    assert set(base["ladder"][0]) == {"by", "message", "note", "failed"}
    assert report["checked_at"].endswith("+00:00") and report["chain_source"] == "baseline"


def test_a_report_stored_before_these_fields_still_renders(report) -> None:
    old = {k: v for k, v in report.items() if k not in ("checked_at", "chain_source")}
    old["probes"] = [{k: v for k, v in p.items() if k != "ladder"} for p in report["probes"]]
    page = render_diagnose(old)
    assert ">ClientHello</text>" in page and ">ServerHello</text>" in page
    assert "days left" not in page  # no clock to count days against: dates only
    assert "valid until" in page


@pytest.mark.parametrize("render", [render_diagnose, render_scan, render_pcap])
@pytest.mark.parametrize("data", [{}, {"findings": "x"}, {"targets": 3, "events": {}}, []])
def test_wrong_input_is_an_input_error(render, data) -> None:
    with pytest.raises(InputError, match=r"^not a (diagnose|scan|pcap) report"):
        render(data)


def test_each_kind_refuses_the_others_json(report) -> None:
    pcap = read_pcap(CAPTURES / "tls12_ok.pcap").to_json()
    with pytest.raises(InputError):
        render_scan(report)
    with pytest.raises(InputError):
        render_diagnose(pcap)
    assert re.search(r"<h1>capture \(pcap, \d+ packets\)</h1>", render_pcap(pcap))


def _paths(value: Any, depth: int, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every key path to depth ``depth`` (of a list, its first item only)."""
    if depth == 0:
        return []
    if isinstance(value, dict):
        out = []
        for k, v in value.items():
            out.append((*prefix, k))
            out += _paths(v, depth - 1, (*prefix, k))
        return out
    if isinstance(value, list) and value:
        return [(*prefix, 0), *_paths(value[0], depth - 1, (*prefix, 0))]
    return []


def _mangled(data: dict[str, Any]) -> list[dict[str, Any]]:
    """One copy per path with that field removed, and one with it of the wrong type."""
    import copy

    wrong = {str: [], list: "x", dict: 7, int: {"a": 1}, float: "x", bool: "x", type(None): [1]}
    out = []
    for path in _paths(data, 4):
        for action in ("drop", "swap"):
            d = copy.deepcopy(data)
            parent = d
            for key in path[:-1]:
                parent = parent[key]
            if action == "drop" and isinstance(parent, dict):
                del parent[path[-1]]
            else:
                parent[path[-1]] = wrong[type(parent[path[-1]])]
            out.append(d)
    return out


def test_old_or_edited_reports_render_or_say_why(report) -> None:
    """Any field missing or of the wrong type: a page, or InputError (not a report at all)."""
    scanned = {"schema": "tlsdoctor.scanner/1", "targets": [
        {"target": report["target"], "reachable": True, "protocols": [
            {"version": "TLS 1.2", "accepted": True, "suites": [{"name": "TLS_X", "bits": 128}]}],
         "grade": {"grade": "B", "score": 80, "scores": {"protocol": 90}, "caps": [
             {"grade": "B", "reason": "r", "fix": "f", "source": "s"}]},
         "compliance": {"modern": {"profile": "modern", "deviations": [{"text": "t"}],
                                   "config": {"nginx": "x;"}}},
         "certificates": [{"key_type": "ecdsa", "chain": report["certificates"]}],
         "findings": report["findings"], "stats": {"handshakes": 1}}]}
    captured = read_pcap(CAPTURES / "expired.pcap").to_json()
    rendered = 0
    for render, data in ((render_diagnose, report), (render_scan, scanned),
                         (render_pcap, captured)):
        for variant in _mangled(data):
            try:
                page = render(variant)
            except InputError:
                continue
            assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
            rendered += 1
    assert rendered > 300, rendered


@pytest.mark.parametrize(("args", "message"), [
    (["pcap", str(CAPTURES / "expired.pcap"), "--html", "/nonexistent-dir/x.html"],
     "tlsdoctor: error: cannot write /nonexistent-dir/x.html: No such file or directory"),
    (["diagnose", "127.0.0.1:9", "--all-clients", "--html", "x.html"],
     "tlsdoctor: error: --html is not available with --all-clients"),
])
def test_html_option_errors_are_one_line(args, message, tmp_path) -> None:
    import os
    import subprocess
    import sys

    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2] / "src")}
    proc = subprocess.run([sys.executable, "-m", "tlsdoctor", *args], capture_output=True,
                          text=True, env=env, timeout=60, cwd=tmp_path)
    assert proc.returncode == 3
    assert proc.stderr.strip() == message and proc.stdout == ""
    assert not (tmp_path / "x.html").exists()


def test_an_ipv6_target_is_written_in_brackets() -> None:
    # Round 27 review: the page's title and heading said "tlsdoctor diagnose ::1:8443"
    from tlsdoctor.report.html.diagnose import target_text

    assert target_text({"host": "::1", "port": 8443}) == "[::1]:8443"
    assert target_text({"host": "a.example", "port": 443, "sni": "b.example"}) == \
        "a.example:443 (SNI b.example)"
