"""The dashboard and the fleet file, tested end to end in a real browser.

    fleet        session: a real fleet history in SQLite: three ``run_fleet`` runs over the
                 loopback farm (tests/fleet/farm.py) plus an openssl s_server whose
                 certificates and inventory entry attack the reader; between the runs
                 some endpoints break and others are fixed (``Fleet`` says which)
    served       session: ``tlsdoctor serve`` over that database on a free loopback port
    browse       a page loaded in Debian's Chromium (Playwright, ``executable_path``), with
                 every console error, script error, CSP violation, dialog and request kept;
                 any request that would leave the server (or the file) is refused and kept

Playwright starts after the fleet runs: its sync API keeps an asyncio loop running on this
thread, and ``run_fleet`` (``asyncio.run``) refuses to run inside one.
"""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "html"))  # browser.py
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "fleet"))  # farm.py, fleethelp.py

from browser import ARGS, CHROMIUM, RECORD_CSP, have_chromium
from dashhelp import CA_FILE_NAME, INTER, KINDS, LEAF, TAGS, Fleet, Visit
from farm import Farm

from tlsdoctor.fleet import run_fleet
from tlsdoctor.fleet.inventory import Endpoint, Inventory, read_inventory
from tlsdoctor.serve import make_server, running
from tlsdoctor.testing import servers
from tlsdoctor.testing.ca import CA


def _hostile_server(directory: Path, stack: Any) -> tuple[Endpoint, Path]:
    ca = CA(name="dashboard test root")
    ca_file = ca.write(directory / CA_FILE_NAME)
    leaf = ca.intermediate(name=INTER).issue(("localhost",), subject_cn=LEAF)
    (directory / "leaf.pem").write_bytes(leaf.cert_pem)  # without its intermediate
    (directory / "leaf.key").write_bytes(leaf.key_pem)
    srv = stack.enter_context(servers.openssl_server(directory / "leaf.pem", directory / "leaf.key"))
    return Endpoint(host="localhost", port=srv.port, connect="127.0.0.1", ca_file=str(ca_file),
                    tags=TAGS, line=len(KINDS) + 1), ca_file


@pytest.fixture(scope="session")
def fleet(tmp_path_factory: pytest.TempPathFactory) -> Fleet:
    """Built once per test process; the servers stop once the three runs are stored."""
    directory = tmp_path_factory.mktemp("dashboard")
    db = str(directory / "fleet.db")
    with contextlib.ExitStack() as stack:
        farm = stack.enter_context(Farm([k[0] for k in KINDS], hold=5))
        listed = read_inventory(str(farm.inventory(directory / "inv.txt")))
        hostile, _ = _hostile_server(directory, stack)
        inventory = Inventory(source=listed.source, endpoints=(*listed.endpoints, hostile),
                              problems=())
        for run in range(3):
            for i, kinds in enumerate(KINDS):
                if kinds[run] != farm.kinds[i]:
                    farm.switch(i, kinds[run])
            run_fleet(inventory, db=db)
    return Fleet(db=db, keys=[e.key for e in listed.endpoints], hostile=hostile.key, dir=directory)


@pytest.fixture(scope="session")
def served(fleet: Fleet) -> Iterator[str]:
    """The base URL of ``serve`` (no token) over the fleet database."""
    with running(make_server(db=fleet.db, bind="127.0.0.1:0")) as srv:
        yield f"http://127.0.0.1:{srv.server_address[1]}"


@pytest.fixture(scope="module")
def _browser(fleet: Fleet) -> Iterator[Any]:
    if not have_chromium():
        pytest.skip("chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browse(_browser: Any) -> Iterator[Callable[..., Visit]]:
    """``browse(url, origin=..., credentials=(user, password), script=True)``."""
    contexts: list[Any] = []

    def open_url(url: str, *, origin: str | None = None, credentials: tuple[str, str] | None = None,
                 script: bool = True) -> Visit:
        origin = origin or ("file://" if url.startswith("file:") else re.sub(r"^(https?://[^/]+).*", r"\1/", url))
        ctx = _browser.new_context(
            viewport={"width": 1100, "height": 900}, java_script_enabled=script,
            http_credentials={"username": credentials[0], "password": credentials[1]}
            if credentials else None)
        contexts.append(ctx)
        ctx.add_init_script(RECORD_CSP)
        page = ctx.new_page()
        visit = Visit(page=page, origin=origin)

        def refuse(route: Any) -> None:
            visit.blocked.append(route.request.url)
            route.abort()

        ctx.route(lambda u: not u.startswith(origin), refuse)
        page.on("console", lambda m: visit.console_errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.page_errors.append(str(e)))
        page.on("request", lambda r: visit.requests.append(r.url))
        page.on("dialog", lambda d: (visit.dialogs.append(d.message), d.dismiss()))
        return visit.go(url)

    yield open_url
    for ctx in contexts:
        ctx.close()

