"""Real browsers loading many pages each, printing what a person would paste from the
error page: the client matrix's browser rows (tests/ingest/test_explain_client_matrix.py).

``chromium_pages(urls, ca_file, work)`` / ``firefox_pages(...)`` take key -> URL and return
key -> ``Printed``: the visible text of the page the browser shows after a failed load,
with its "Advanced" / "Details" part opened (Chromium: "Your connection is not private ...
NET::ERR_CERT_DATE_INVALID ... its security certificate expired ..."; Firefox: "Warning:
Potential Security Risk Ahead ... Error code: SEC_ERROR_UNKNOWN_ISSUER"), exit 1; a page that
loaded prints nothing, exit 0. One browser process serves every URL (Chromium in parallel
tabs), each with a fresh profile whose NSS database trusts ``ca_file`` (certutil), the way
Linux users add a private root. Every page load and every read is bounded in time.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import time
from datetime import datetime
from pathlib import Path
from typing import Any

from .browser_protocols import (
    CHROMIUM,
    FIREFOX_QUIET_PREFS,
    DevToolsPipe,
    Marionette,
    high_fds,
    nss_trust_db,
    stop_group,
)
from .client_programs import Printed
from .faketime import faked, starting_at

__all__ = ["BROWSERS", "browser_unavailable", "browser_version", "chromium_pages",
           "firefox_pages"]

BROWSERS = ("chromium", "firefox")
_START_TIMEOUT = 30.0
_TEXT_WAIT = 3.0  # seconds an error page may take to render its text
_TABS = 6  # Chromium page loads in flight (it holds a certificate error page ~3 s)
_OUTPUT_CAP = 16 * 1024

# Chromium: wait for the error page's code; its text, then the lines "Advanced"/"Details"
# adds (opening them hides part of the first view).
_CHROMIUM_TEXT = """(async () => {
  for (let i = 0; i < TICKS && !/ERR_/.test(document.body ? document.body.innerText : ''); i++)
    await new Promise(r => setTimeout(r, 100));
  const text = () => document.body ? document.body.innerText : '';
  const first = text(), more = document.getElementById('details-button');
  if (!more) return first;
  more.click();
  await new Promise(r => setTimeout(r, 150));
  const seen = new Set(first.split('\\n'));
  return [first, ...text().split('\\n').filter(line => !seen.has(line))].join('\\n');
})()""".replace("TICKS", str(int(_TEXT_WAIT * 10)))  # 100 ms ticks

# Firefox: its error pages (about:certerror / about:neterror) draw their text inside the
# <net-error-card> element's shadow root (older pages: the plain body). Open "Advanced" once;
# the visible text.
_FIREFOX_TEXT = """
const card = document.querySelector('net-error-card');
const root = card && card.shadowRoot;
const more = root ? root.querySelector('#advanced-button') : document.getElementById('advancedButton');
if (more && !more.dataset.opened) { more.dataset.opened = '1'; more.click(); }
if (!root) return document.body ? document.body.innerText : '';
return [...root.children].map(e => e.innerText || '').filter(Boolean).join('\\n');
"""


def browser_unavailable(name: str) -> str | None:
    """Why browser ``name`` cannot run here (None: it can)."""
    if shutil.which("certutil") is None:
        return "certutil is not installed (needed for the browser's trust)"
    if name == "chromium":
        return None if os.access(CHROMIUM, os.X_OK) else f"not installed: {CHROMIUM}"
    return None if shutil.which("firefox-esr") else "not installed: firefox-esr"


def browser_version(name: str) -> str:
    argv = [CHROMIUM, "--version"] if name == "chromium" else ["firefox-esr", "--version"]
    try:
        p = subprocess.run(argv, capture_output=True, timeout=60, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return ""
    return p.stdout.decode("utf-8", "replace").strip()


def _printed(client: str, error: bool, text: str) -> Printed:
    return Printed(client=client, text=text[:_OUTPUT_CAP], exit_code=1 if error else 0)


def _start_chromium(home: Path, clock: datetime | None = None,
                    ) -> tuple[subprocess.Popen[bytes], DevToolsPipe]:
    to_r, to_w = high_fds(*os.pipe())
    from_r, from_w = high_fds(*os.pipe())
    # A wrong clock: libfaketime for the browser and its child processes (no sandbox here).
    browser = [CHROMIUM] if clock is None else faked([CHROMIUM], starting_at(clock))
    argv = [*browser, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
            "--no-first-run", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", f"--user-data-dir={home / 'profile'}", "--remote-debugging-pipe",
            "about:blank"]
    # The protocol wants the pipe on fds 3 and 4; bash puts them there and execs the
    # browser (no preexec_fn: unsafe with threads).
    shell = ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_r} 4>&{from_w}', *argv]
    env = {**os.environ, "HOME": str(home), **({} if clock is None else {"TZ": "UTC"})}
    proc = subprocess.Popen(shell, pass_fds=(to_r, from_w), env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True)
    os.close(to_r)
    os.close(from_w)
    return proc, DevToolsPipe(to_w, from_r)


def _tabs(pipe: DevToolsPipe, count: int) -> list[str]:
    sessions = []
    for _ in range(count):
        target = pipe.call("Target.createTarget", {"url": "about:blank"},
                           timeout=_START_TIMEOUT)["result"]["targetId"]
        sessions.append(pipe.call("Target.attachToTarget", {"targetId": target, "flatten": True}
                                  )["result"]["sessionId"])
    return sessions


def _load_all(pipe: DevToolsPipe, tabs: list[str], urls: dict[str, str],
              timeout: float) -> dict[str, Printed]:
    """Each URL in a free tab; after a failed load, read that tab's error page."""
    queue, free = list(urls), list(tabs)
    flight: dict[int, tuple[str, str, float]] = {}  # message id -> (tab, key, deadline)
    out: dict[str, Printed] = {}
    while queue or flight:
        while queue and free:
            key, tab = queue.pop(0), free.pop()
            mid = pipe.send("Page.navigate", {"url": urls[key]}, session=tab)
            flight[mid] = (tab, key, time.monotonic() + timeout)
        reply = pipe.receive(min(d for _, _, d in flight.values()))
        if reply is None:  # the oldest load timed out: give up on it, keep its tab busy
            mid = min(flight, key=lambda k: flight[k][2])
            out[flight.pop(mid)[1]] = _printed("chromium", True, "")
            continue
        tab, key, _ = flight.pop(reply["id"]) if reply.get("id") in flight else ("", "", 0.0)
        if not tab:
            continue  # an event, or a late answer to something already timed out
        result: dict[str, Any] = reply.get("result", {})
        if "errorText" in result:  # the navigation failed: now read its error page
            mid = pipe.send("Runtime.evaluate", {"expression": _CHROMIUM_TEXT,
                                                 "awaitPromise": True, "returnByValue": True},
                            session=tab)
            flight[mid] = (tab, key, time.monotonic() + _TEXT_WAIT + 2)
            out[key] = _printed("chromium", True, str(result["errorText"]))
            continue
        if "frameId" in result or key not in out:  # a page loaded
            out[key] = _printed("chromium", False, "")
        else:  # the error page's text
            out[key] = _printed("chromium", True, str(result.get("result", {}).get("value", "")
                                                      or out[key].text))
        free.append(tab)
    return out


def chromium_pages(urls: dict[str, str], ca_file: Path, work: Path, *,
                   timeout: float = 10.0, clock: datetime | None = None) -> dict[str, Printed]:
    """key -> what Chromium showed for ``urls[key]`` (one browser, ``_TABS`` tabs);
    ``clock``: the time the browser's clock starts at (libfaketime), None for the real one.
    (Firefox ESR 153 does not start under libfaketime here, so it has no such option.)"""
    home = work / "chromium-home"
    nss_trust_db(home / ".pki" / "nssdb", ca_file)
    proc, pipe = _start_chromium(home, clock)
    try:
        return _load_all(pipe, _tabs(pipe, min(_TABS, len(urls))), urls, timeout)
    finally:
        pipe.close()
        stop_group(proc)




def _start_firefox(profile: Path, ca_file: Path) -> tuple[subprocess.Popen[bytes], Marionette]:
    nss_trust_db(profile, ca_file)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    prefs = {**FIREFOX_QUIET_PREFS, "marionette.port": port}
    (profile / "user.js").write_text("".join(
        f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
    env = {**os.environ, "HOME": str(profile.parent), "MOZ_CRASHREPORTER_DISABLE": "1"}
    proc = subprocess.Popen(["firefox-esr", "--headless", "--marionette", "--no-remote",
                             "-remote-allow-system-access", "--profile", str(profile),
                             "about:blank"], env=env, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + _START_TIMEOUT
    while True:
        try:
            return proc, Marionette(socket.create_connection(("127.0.0.1", port), timeout=20))
        except OSError:
            if time.monotonic() > deadline or proc.poll() is not None:
                stop_group(proc)
                raise RuntimeError("Firefox did not open its Marionette port") from None
            time.sleep(0.1)  # poll interval while the browser starts


def _max_version(m: Marionette, value: int) -> bool:
    """Set security.tls.version.max (3 = TLS 1.2, 4 = TLS 1.3); False if not allowed."""
    m.call("Marionette:SetContext", {"value": "chrome"})
    try:
        error, _ = m.call("WebDriver:ExecuteScript", {"script": (
            f"Services.prefs.setIntPref('security.tls.version.max', {value});"), "args": []})
    finally:
        m.call("Marionette:SetContext", {"value": "content"})
    return error is None


def _firefox_page(m: Marionette, url: str) -> Printed:
    error, _ = m.call("WebDriver:Navigate", {"url": url})
    if error is None:
        return _printed("firefox", False, "")
    # The page localises and lays out its text asynchronously: read until it is there and
    # has stopped changing (two reads alike), at most _TEXT_WAIT seconds.
    start, text, last = time.monotonic(), "", None
    while time.monotonic() - start < _TEXT_WAIT:
        _, page = m.call("WebDriver:ExecuteScript", {"script": _FIREFOX_TEXT, "args": []})
        last, text = text, str((page or {}).get("value") or "")
        if text.strip() and text == last and time.monotonic() - start > 0.4:
            break
        time.sleep(0.1)  # poll interval while the page renders
    return _printed("firefox", True, text)


def firefox_pages(urls: dict[str, str], ca_file: Path, work: Path, *, timeout: float = 10.0,
                  cap12: frozenset[str] = frozenset()) -> dict[str, Printed]:
    """key -> what Firefox showed for ``urls[key]`` (one browser, one tab, in turn); keys in
    ``cap12`` are loaded with the browser capped at TLS 1.2 (absent if it cannot be)."""
    proc, m = _start_firefox(work / "firefox" / "profile", ca_file)
    out: dict[str, Printed] = {}
    try:
        m.call("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {
            "acceptInsecureCerts": False, "pageLoadStrategy": "normal"}}})
        m.call("WebDriver:SetTimeouts", {"pageLoad": int(timeout * 1000)})
        for key, url in urls.items():
            if key not in cap12:
                out[key] = _firefox_page(m, url)
            elif _max_version(m, 3):
                out[key] = _firefox_page(m, url)
                _max_version(m, 4)
        return out
    finally:
        with contextlib.suppress(OSError):
            m.sock.close()
        stop_group(proc)
