"""Drivers for the real browsers: Chromium (DevTools protocol over a pipe) and Firefox
(its built-in Marionette protocol over loopback TCP). No browser download, no extra
Python package: both protocols are a few lines of JSON framing
(``testing/browser_protocols.py``, shared with the client matrix).

Each browser gets a fresh profile in the work directory and trusts the scenario root
the way its Linux users add a private CA: an NSS database made with ``certutil``
(Chromium reads ``$HOME/.pki/nssdb``; Firefox its profile's ``cert9.db``).
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import time
from collections.abc import Sequence
from pathlib import Path

from ..testing.browser_protocols import CHROMIUM as _CHROMIUM
from ..testing.browser_protocols import FIREFOX_QUIET_PREFS as _QUIET_PREFS
from ..testing.browser_protocols import DevToolsPipe as _DevToolsPipe
from ..testing.browser_protocols import Marionette as _Marionette
from ..testing.browser_protocols import high_fds as _high_fds
from ..testing.browser_protocols import nss_trust_db as _nssdb
from ..testing.browser_protocols import stop_group as _stop
from .base import ERROR_CAP, PER_URL_TIMEOUT, RealOutcome, first_line, missing, run_bounded
from .scenarios import LiveScenario

_START_TIMEOUT = 30.0


_TABS = 6  # navigations in flight at once (Chromium waits up to 3 s on some error pages)


def _navigate_all(pipe: _DevToolsPipe, sessions: list[str],
                  live: Sequence[LiveScenario]) -> dict[str, str]:
    """Scenario name -> Chromium's error text ("" when the page loaded), tabs in parallel."""
    queue, free = list(live), list(sessions)
    flight: dict[int, tuple[str, LiveScenario, float]] = {}  # id -> (tab, scenario, deadline)
    errors: dict[str, str] = {}
    while queue or flight:
        while queue and free:
            s, tab = queue.pop(0), free.pop()
            mid = pipe.send("Page.navigate", {"url": s.url}, session=tab)
            flight[mid] = (tab, s, time.monotonic() + PER_URL_TIMEOUT)
        reply = pipe.receive(min(d for _, _, d in flight.values()))
        if reply is None:  # the oldest navigation timed out: give up on it, keep its tab busy
            mid = min(flight, key=lambda k: flight[k][2])
            errors[flight.pop(mid)[1].name] = f"timeout after {PER_URL_TIMEOUT:.0f} s"
            continue
        if reply.get("id") not in flight:
            continue  # an event, or the late answer to a navigation already timed out
        tab, s, _ = flight.pop(reply["id"])
        errors[s.name] = str(reply.get("result", {}).get("errorText", "") or
                             reply.get("error", {}).get("message", ""))
        free.append(tab)
    return errors


class Chromium:
    name = "chromium"
    profiles = ("chrome-156",)

    def available(self) -> str | None:
        return missing("certutil") or (None if os.access(_CHROMIUM, os.X_OK)
                                       else f"not installed: {_CHROMIUM}")

    def version(self) -> str:
        return first_line(run_bounded([_CHROMIUM, "--version"], timeout=30).stdout)

    def _start(self, home: Path) -> tuple[subprocess.Popen[bytes], _DevToolsPipe]:
        to_r, to_w = _high_fds(*os.pipe())
        from_r, from_w = _high_fds(*os.pipe())
        argv = [_CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-background-networking", "--disable-component-update",
                "--no-first-run", "--disable-sync", f"--user-data-dir={home / 'profile'}",
                "--host-resolver-rules=MAP * 127.0.0.1", "--remote-debugging-pipe",
                "about:blank"]
        env = {**os.environ, "HOME": str(home)}
        # The protocol wants the pipe on fds 3 and 4; bash (dash has one-digit fds only)
        # puts them there and execs the browser: no preexec_fn, unsafe with threads.
        shell = ["/bin/bash", "-c", f'exec "$0" "$@" 3<&{to_r} 4>&{from_w}', *argv]
        proc = subprocess.Popen(shell, pass_fds=(to_r, from_w), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        os.close(to_r)
        os.close(from_w)
        return proc, _DevToolsPipe(to_w, from_r)

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        home = workdir / "chromium-home"
        _nssdb(home / ".pki" / "nssdb", ca_file)
        proc, pipe = self._start(home)
        try:
            sessions = []
            for _ in range(min(_TABS, len(live))):
                target = pipe.call("Target.createTarget", {"url": "about:blank"},
                                   timeout=_START_TIMEOUT)["result"]["targetId"]
                sessions.append(pipe.call("Target.attachToTarget",
                                          {"targetId": target, "flatten": True}
                                          )["result"]["sessionId"])
            errors = _navigate_all(pipe, sessions, live)
            return {s.name: RealOutcome(client=self.name, scenario=s.name,
                                        connected=not errors[s.name],
                                        error=errors[s.name][:ERROR_CAP]) for s in live}
        finally:
            os.close(pipe.out)
            os.close(pipe.inp)
            _stop(proc)



# Read the error the page shows: certificate errors and other network errors expose
# their NSS/PSM error code to the error page itself (about:certerror / about:neterror).
_READ_ERROR = """
const info = [];
try { info.push(document.getFailedCertSecurityInfo().errorCodeString); } catch (e) {}
try { info.push(document.getNetErrorInfo().errorCodeString); } catch (e) {}
return [document.documentURI, info.filter(Boolean).join(' ')];
"""


class Firefox:
    name = "firefox"
    profiles = ("firefox-132",)

    def available(self) -> str | None:
        return missing("firefox-esr", "certutil")

    def version(self) -> str:
        return first_line(run_bounded(["firefox-esr", "--version"], timeout=60).stdout)

    def _start(self, profile: Path, ca_file: Path,
               hosts: set[str]) -> tuple[subprocess.Popen[bytes], _Marionette]:
        _nssdb(profile, ca_file)
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        prefs = {**_QUIET_PREFS, "marionette.port": port,
                 "network.dns.localDomains": ",".join(sorted(hosts))}
        (profile / "user.js").write_text("".join(
            f"user_pref({json.dumps(k)}, {json.dumps(v)});\n" for k, v in prefs.items()))
        env = {**os.environ, "HOME": str(profile.parent), "MOZ_CRASHREPORTER_DISABLE": "1"}
        proc = subprocess.Popen(["firefox-esr", "--headless", "--marionette", "--no-remote",
                                 "--profile", str(profile), "about:blank"], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                start_new_session=True)
        deadline = time.monotonic() + _START_TIMEOUT
        while True:
            try:
                sock = socket.create_connection(("127.0.0.1", port), timeout=PER_URL_TIMEOUT + 5)
                return proc, _Marionette(sock)
            except OSError:
                if time.monotonic() > deadline or proc.poll() is not None:
                    _stop(proc)
                    raise RuntimeError("Firefox did not open its Marionette port") from None
                time.sleep(0.1)  # poll interval while the browser starts

    def _visit(self, m: _Marionette, s: LiveScenario) -> RealOutcome:
        error, _ = m.call("WebDriver:Navigate", {"url": s.url})
        if error is None:
            return RealOutcome(client=self.name, scenario=s.name, connected=True)
        _, page = m.call("WebDriver:ExecuteScript", {"script": _READ_ERROR, "args": []})
        uri, code = (page or {}).get("value") or ["", ""]
        text = " ".join(x for x in (code, str(uri).split("&u=")[0], error.get("error", ""))
                        if x)
        return RealOutcome(client=self.name, scenario=s.name, connected=False,
                           error=text[:ERROR_CAP])

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        proc, m = self._start(workdir / "firefox" / "profile", ca_file, {s.host for s in live})
        try:
            m.call("WebDriver:NewSession", {"capabilities": {"alwaysMatch": {
                "acceptInsecureCerts": False, "pageLoadStrategy": "normal"}}})
            m.call("WebDriver:SetTimeouts", {"pageLoad": int(PER_URL_TIMEOUT * 1000)})
            return {s.name: self._visit(m, s) for s in live}
        finally:
            with contextlib.suppress(OSError):
                m.sock.close()
            _stop(proc)
