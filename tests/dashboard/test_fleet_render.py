"""The fleet pages as text (no browser, no server): odd or hand-edited JSON renders as
absent, never as an exception; links only ever point inside; the timeline's judgement of
"broke" and "fixed"; the token check's two forms."""

from __future__ import annotations

import base64
from typing import Any

import pytest

from tlsdoctor.errors import InputError
from tlsdoctor.report.endpoint_key import short_endpoint
from tlsdoctor.report.html import timeline
from tlsdoctor.report.html.fleet import render_fleet
from tlsdoctor.report.html.page import environment
from tlsdoctor.serve.auth import authorized


def _check(run: int, outcome: str, cause: str | None = None) -> dict[str, Any]:
    return {"run": run, "result": run, "checked_at": f"2026-01-0{run}T00:00:00+00:00",
            "outcome": outcome, "root_cause": cause}


def test_broke_and_fixed_are_about_working_or_not() -> None:
    t = timeline.build([_check(4, "risky"), _check(3, "ok"), _check(2, "fails", "cert_expired"),
                        _check(1, "ok"), _check(5, "unknown"), _check(6, "risky")])
    assert [m.run for m in t.marks] == ["1", "2", "3", "4", "5", "6"]  # oldest first
    assert [(e.kind, e.run, e.detail) for e in t.events] == [
        ("broke", "2", "ok -> fails: cert_expired"), ("fixed", "3", "cert_expired -> ok"),
        ("broke", "5", "risky -> unknown"), ("fixed", "6", "unknown -> risky")]
    assert t.segments[1] == (t.marks[1].x, t.marks[2].x, "fails")  # held until the next check
    assert [m.x for m in t.marks] == sorted({m.x for m in t.marks})
    assert timeline.build([]).title == "never checked"
    many = timeline.build([_check(1 + i % 9, "ok") | {"run": i} for i in range(1, 400)])
    assert len(many.marks) == timeline.MAX_MARKS and many.marks[-1].run == "399"
    assert max(m.x for m in many.marks) <= timeline.WIDTH


@pytest.mark.parametrize("href, kept", [
    ("/endpoint?key=a%20b", True), ("?outcome=fails", True), ("#ep3", True),
    ("javascript:alert(1)", False), ("//evil.example/", False), ("/\\evil.example", False),
    ("https://evil.example/", False), ("/ok\u202e", False), ("", False)])
def test_links_only_point_inside(href: str, kept: bool) -> None:
    assert environment().filters["href"](href) == (href if kept else "#")


def test_odd_json_renders_as_absent() -> None:
    assert "No run yet" in render_fleet({"run": None, "endpoints": []})
    odd = {"run": {"id": "x", "problems": "no"}, "endpoints": [
        7, None, {"endpoint": None, "tags": "notalist", "findings": [1, {"cause": None}],
                  "leaf_not_after": "never", "leaf_sha256": "AB", "outcome": "weird"},
        {"endpoint": "a:443", "leaf_sha256": "CD", "leaf_not_after": "2030-01-01T00:00:00+00:00",
         "outcome": "fails", "result": "1", "findings": [{"cause": "x", "who_fixes": 3}]}]}
    page = render_fleet(odd, diff={"changes": "no"}, details=[({"endpoint": "a:443"}, None, [])])
    assert "a:443" in page and "not checked yet" in page
    with pytest.raises(InputError):
        render_fleet({"endpoints": "all"})
    with pytest.raises(InputError):
        render_fleet([])  # type: ignore[arg-type]


def test_short_endpoint_keeps_the_ca_file_name() -> None:
    assert short_endpoint("a:443 --ca-file '/x/corp root.pem' --sni b") == "a:443 --ca-file corp root.pem --sni b"
    assert short_endpoint("a:443 --ca-file 'unterminated") == "a:443 --ca-file 'unterminated"


TOKEN = "0123456789abcdef-token"


def _basic(text: str) -> str:
    return "Basic " + base64.b64encode(text.encode()).decode()


@pytest.mark.parametrize("header, ok", [
    ("Bearer " + TOKEN, True), ("bearer  " + TOKEN + " ", True), (_basic("me:" + TOKEN), True),
    (_basic(":" + TOKEN), True), (_basic(TOKEN), False), (_basic("me:" + TOKEN + "x"), False),
    ("Basic " + TOKEN, False), ("Basic \u00e9", False), (None, False), ("", False),
    ("Digest " + TOKEN, False), (TOKEN, False)])
def test_token_as_bearer_or_basic_password(header: str | None, ok: bool) -> None:
    assert authorized(TOKEN, header) is ok
    assert authorized(None, header) is True  # no token set: loopback, open
