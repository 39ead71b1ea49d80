"""With a token, every route refuses a request without it (401, no data), whatever the
path, method or form of the wrong token; a browser gets in with the token as its Basic
password; the pages carry their security headers."""

from __future__ import annotations

import base64
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from dashhelp import TOKEN, Fleet
from fleethelp import cli_env

from tlsdoctor.report.html.page import http_policy
from tlsdoctor.serve import make_server, running
from tlsdoctor.testing.servers import free_port, wait_ready


@pytest.fixture(scope="module")
def guarded(fleet: Fleet) -> Iterator[str]:
    with running(make_server(db=fleet.db, bind="127.0.0.1:0", token=TOKEN)) as srv:
        yield f"http://127.0.0.1:{srv.server_address[1]}"


def _basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def fetch(url: str, authorization: str | None = None, method: str = "GET"
          ) -> tuple[int, dict[str, list[str]], bytes]:
    req = urllib.request.Request(url, method=method)
    if authorization is not None:
        req.add_header("Authorization", authorization)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:
            return resp.status, _headers(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, _headers(exc.headers), exc.read()


def _headers(message: Any) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for name, value in message.items():
        out.setdefault(name.lower(), []).append(value)
    return out


WRONG = [None, "Bearer " + TOKEN[:-1] + "x", "Bearer " + TOKEN + "x", "Bearer", "bearer ",
         _basic("tlsdoctor", TOKEN[:-1]), _basic(TOKEN, "x"), "Basic " + TOKEN, "Basic !!!",
         "Token " + TOKEN, TOKEN]


def _routes(fleet: Fleet) -> list[str]:
    return ["/", "/?outcome=fails", "/expiry", "/endpoint?key=" + quote(fleet.keys[1]),
            "/report/1", "/report/x", "/metrics", "/-/healthy", "/favicon.ico", "/nope",
            "/endpoint"]


def test_every_route_refuses_a_wrong_token(fleet: Fleet, guarded: str) -> None:
    for path in _routes(fleet):
        for auth in WRONG:
            for method in ("GET", "HEAD", "POST"):
                status, headers, body = fetch(guarded + path, auth, method)
                assert status == 401, (path, auth, method)
                assert body == (b"" if method == "HEAD" else b"token required\n")
                assert any(v.startswith("Basic ") for v in headers["www-authenticate"])
                assert any(v.startswith("Bearer ") for v in headers["www-authenticate"])
        # the right token, both ways, opens the route (the ones that exist)
        for auth in ("Bearer " + TOKEN, _basic("anyone", TOKEN)):
            status, _, body = fetch(guarded + path, auth)
            assert status == {"/nope": 404, "/report/x": 404, "/endpoint": 400}.get(path, 200), path
    status, _, body = fetch(guarded + "/metrics", "Bearer " + TOKEN)
    assert b'tlsdoctor_endpoints{outcome="fails"} 5.0' in body  # /metrics as before


def test_a_browser_needs_the_token(fleet: Fleet, guarded: str, browse: Any) -> None:
    refused = browse(guarded + "/", credentials=("tlsdoctor", "not-the-token-0123456789"))
    assert refused.status == 401
    assert "fleet.test" not in refused.page.content()
    assert "token required" in refused.page.content()
    # no credentials at all: Chromium's login prompt is cancelled headless, so no page
    from playwright.sync_api import Error

    with pytest.raises(Error, match="ERR_INVALID_AUTH_CREDENTIALS"):
        browse(guarded + "/expiry")
    v = browse(guarded + "/", credentials=("tlsdoctor", TOKEN))
    assert v.status == 200
    assert v.page.locator("table.endpoints tbody tr[data-endpoint]").count() == 8
    v.click('table.endpoints tr.o-fails a.report-link')  # links carry on with the same login
    assert v.page.locator("#verdict .badge").text_content() == "fails"
    v.assert_clean()


def test_pages_send_their_security_headers(fleet: Fleet, served: str) -> None:
    for path in ("/", "/expiry", "/endpoint?key=" + quote(fleet.keys[1]), "/report/1"):
        status, headers, body = fetch(served + path)
        assert status == 200
        assert headers["content-type"] == ["text/html; charset=utf-8"]
        policy = headers["content-security-policy"][0]
        assert policy == http_policy(form_action="'self'")
        assert "frame-ancestors 'none'" in policy and "default-src 'none'" in policy
        meta = body.decode().split('http-equiv="Content-Security-Policy" content="', 1)[1].split('"')[0]
        assert policy.startswith(meta.replace("&#39;", "'").replace("form-action 'none'", "form-action 'self'"))
        assert headers["x-frame-options"] == ["DENY"]
        assert headers["referrer-policy"] == ["no-referrer"]
        assert headers["x-content-type-options"] == ["nosniff"]
    assert fetch(served + "/", method="POST")[0] == 405  # read-only


def test_the_serve_command(fleet: Fleet, browse: Any, tmp_path: Path) -> None:
    """``tlsdoctor serve --token-file`` as a user starts it: the dashboard behind the token."""
    token_file = tmp_path / "token"
    token_file.write_text(TOKEN + "\n")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "tlsdoctor", "serve", "--db", fleet.db,
                             "--bind", f"127.0.0.1:{port}", "--token-file", str(token_file)],
                            env=cli_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_ready("127.0.0.1", port, timeout=30, alive=lambda: proc.poll() is None)
        base = f"http://127.0.0.1:{port}"
        assert fetch(base + "/")[0] == 401
        v = browse(base + "/?outcome=risky", credentials=("me", TOKEN))
        assert v.status == 200
        assert v.attrs("table.endpoints tbody tr", "data-endpoint") == [fleet.keys[5]]
        v.assert_clean()
    finally:
        proc.terminate()
        _, err = proc.communicate(timeout=20)
    assert proc.returncode == 0
    assert f"serving the dashboard at http://127.0.0.1:{port}/" in err
