"""Shared by the dashboard tests: what the hostile endpoint carries, the fleet built for
them (conftest.py builds it), and a page as loaded with everything it tried to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tlsdoctor.fleet import Store

# What an attacker can put where the dashboard shows it: certificate names (the server
# chooses them) and an inventory entry made through the Python API (which, unlike the
# inventory file, does not restrict tags), plus a CA file whose name carries HTML.
INTER = '<script>document.title="pwned"</script>\u202eCA'
LEAF = "<img src=x onerror=alert(1)>\u2066evil\u2069"
TAGS = ('<script>document.title="pwned"</script>', '"><img src=x onerror=alert(2)>',
        "\u202elmth.exe\u202c")
CA_FILE_NAME = "<b onmouseover=alert(3)>\u2067root.pem"
BIDI = ("\u202e", "\u202c", "\u2066", "\u2067", "\u2069", "\u200f")
TOKEN = "dashboard-token-for-tests-0123456789"

# Endpoint i of the farm, kind in run 1 -> run 2 -> run 3.
KINDS = [("healthy",) * 3,
         ("healthy", "expired", "renewed"),  # broke in run 2, fixed in run 3
         ("expired", "renewed", "wrong_host"),  # fixed in run 2, broke again in run 3
         ("wrong_host",) * 3, ("tls10",) * 3, ("expiring",) * 3, ("expired",) * 3]


@dataclass
class Fleet:
    db: str
    keys: list[str]  # the farm's endpoint keys, in KINDS order
    hostile: str  # the key of the hostile endpoint
    dir: Path

    def store(self) -> Store:
        return Store.open(self.db, create=False)


@dataclass
class Visit:
    """A page as loaded, with everything it tried to do."""

    page: Any  # playwright.sync_api.Page
    origin: str  # requests must stay here ("file://" for a file)
    status: int | None = None
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def assert_clean(self) -> None:
        """Nothing ran that should not; nothing was fetched from anywhere else."""
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs
        assert self.blocked == [], self.blocked
        assert self.requests and all(r.startswith(self.origin) for r in self.requests), self.requests
        assert self.page.evaluate("window.__cspViolations || []") == []

    def go(self, url: str) -> Visit:
        response = self.page.goto(url, wait_until="load")
        self.status = response.status if response is not None else None
        return self

    def click(self, selector: str) -> Visit:
        with self.page.expect_navigation(wait_until="load"):
            self.page.locator(selector).first.click()
        return self

    def texts(self, selector: str) -> list[str]:
        return [str(t) for t in self.page.locator(selector).all_text_contents()]

    def attrs(self, selector: str, name: str) -> list[str]:
        return [str(x) for x in self.page.locator(selector).evaluate_all(
            f"els => els.map(e => e.getAttribute({name!r}))")]


def nothing_ran(visit: Visit, *, forms: int = 0) -> None:
    """Only our own script; no handler attribute, image, frame, link element or injected
    form anywhere; the title untouched; no raw bidi or control character in the document."""
    visit.assert_clean()
    page = visit.page
    assert page.evaluate("document.scripts.length") == 1
    assert page.evaluate("""[...document.querySelectorAll('*')].filter(e =>
        [...e.attributes].some(a => a.name.toLowerCase().startsWith('on'))).length""") == 0
    assert page.evaluate("document.images.length + document.querySelectorAll("
                         "'iframe,object,embed,link,base,meta[http-equiv=refresh]').length") == 0
    assert page.evaluate("document.forms.length") == forms
    assert page.evaluate("document.querySelectorAll('form:not(.filters)').length") == 0
    assert not page.evaluate("document.title").startswith("pwned")
    assert not any(c in page.content() for c in (*BIDI, "\x1b", "\x00"))
    # every link stays on this server or this file (paths, queries, anchors)
    hrefs = visit.attrs("a[href]", "href")
    assert all(h[:1] in ("/", "?", "#") and not h.startswith("//") for h in hrefs), hrefs


def visible_text(visit: Visit) -> str:
    visit.page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
    return str(visit.page.evaluate("document.body.innerText"))
