"""Real-browser tests of the HTML pages: Debian's Chromium, driven by Playwright for Python.

No browser is downloaded: Playwright launches the system ``chromium`` (``executable_path``),
headless, with its own fresh temporary profile (Playwright passes a new --user-data-dir to
every non-persistent launch) and a new context per page. The tests skip only when chromium
itself is absent; CI installs it.

``open_page(html)`` writes the page to a file, loads it from ``file://`` as a user opening an
e-mail attachment would, and records what a page must never do: console errors, script
errors, CSP violations, dialogs (``alert()``), requests to anything but the file itself.
Playwright is started on the first ``open_page`` call, after the test has run its
diagnosis: the sync API keeps an asyncio loop running on this thread while it is alive, and
``tlsdoctor.diagnose`` (``asyncio.run``) refuses to run inside one.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).parent.parent / "hostile"))  # certs.py (hostile suite)

from browser import ARGS, CHROMIUM, RECORD_CSP, Loaded, have_chromium


@pytest.fixture
def open_page(tmp_path: Path) -> Iterator[Callable[..., Loaded]]:
    if not have_chromium():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    state: dict[str, Any] = {}

    def load(html: str, name: str = "report.html") -> Loaded:
        if "browser" not in state:
            state["pw"] = sync_playwright().start()
            state["browser"] = state["pw"].chromium.launch(
                executable_path=CHROMIUM, headless=True, args=ARGS)
        path = tmp_path / name
        path.write_text(html, encoding="utf-8")
        ctx = state["browser"].new_context(permissions=["clipboard-read", "clipboard-write"],
                                           viewport={"width": 1100, "height": 900})
        ctx.add_init_script(RECORD_CSP)
        loaded = Loaded(page=None, url=path.as_uri())

        def refuse(route: Any) -> None:  # anything but the file itself never leaves
            loaded.blocked.append(route.request.url)
            route.abort()

        ctx.route(re.compile(r"^(?!file:)"), refuse)
        page = ctx.new_page()
        page.on("console", lambda m: loaded.console_errors.append(m.text)
                if m.type == "error" else None)
        page.on("pageerror", lambda e: loaded.page_errors.append(str(e)))
        page.on("request", lambda r: loaded.requests.append(r.url))
        page.on("dialog", lambda d: (loaded.dialogs.append(d.message), d.dismiss()))
        loaded.page = page
        page.goto(loaded.url, wait_until="load")
        return loaded

    yield load
    if "browser" in state:
        state["browser"].close()
        state["pw"].stop()
