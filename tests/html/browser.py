"""Helpers of the browser tests: where Chromium is, and a loaded page with everything it
tried to do (console errors, script errors, CSP violations, dialogs, requests)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run", "--disable-sync",
        "--disable-default-apps", "--disable-extensions", "--metrics-recording-only"]

# Runs before the page's own script (injected by the browser, so the page's CSP does not
# apply to it): every CSP violation the page causes is kept for the test to read.
RECORD_CSP = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', e => {
  window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI);
});
"""


@dataclass
class Loaded:
    """A page as loaded, with everything it tried to do."""

    page: Any  # playwright.sync_api.Page
    url: str
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def csp_violations(self) -> list[str]:
        return list(self.page.evaluate("window.__cspViolations"))

    def assert_clean(self) -> None:
        """Nothing ran that should not, nothing was fetched, nothing was refused."""
        assert self.console_errors == [], self.console_errors
        assert self.page_errors == [], self.page_errors
        assert self.dialogs == [], self.dialogs
        assert self.blocked == [], self.blocked
        assert self.requests == [self.url], self.requests
        assert self.csp_violations() == []

    def text(self, selector: str) -> str:
        """The text of the first match (textContent: works for SVG elements too)."""
        return str(self.page.locator(selector).first.text_content())

    def all_text(self, selector: str) -> list[str]:
        return [str(t) for t in self.page.locator(selector).all_text_contents()]


def have_chromium() -> bool:
    return Path(CHROMIUM).exists()


def copy_and_read(loaded: Loaded, button: Any) -> str:
    """Click a copy button and return what reached the clipboard."""
    loaded.page.evaluate("navigator.clipboard.writeText('')")
    button.click()
    loaded.page.wait_for_function(
        "b => b.classList.contains('done')", arg=button.element_handle(), timeout=5000)
    return str(loaded.page.evaluate("navigator.clipboard.readText()"))
