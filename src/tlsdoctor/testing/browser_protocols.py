"""The wire protocols that drive the real browsers, and their shared setup: Chromium's
DevTools protocol over a pipe, Firefox's Marionette over loopback TCP, an NSS trust
database made with ``certutil``, and stopping a browser's process group. No browser
download and no extra package: both protocols are a few lines of JSON framing.

Used by the client matrix (``browser_pages.py``) and by ``realclients.browsers``.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import select
import socket
import subprocess
import time
from pathlib import Path
from typing import Any

__all__ = ["CHROMIUM", "FIREFOX_QUIET_PREFS", "DevToolsPipe", "Marionette", "high_fds", "nss_trust_db", "stop_group"]

CHROMIUM = "/usr/lib/chromium/chromium"  # the binary; /usr/bin/chromium is a shell wrapper


def nss_trust_db(directory: Path, ca_file: Path) -> None:
    """An NSS database in ``directory`` trusting ``ca_file`` for TLS servers ("C,,"), the
    way Linux users add a private root for Chromium ($HOME/.pki/nssdb) or a Firefox profile."""
    directory.mkdir(parents=True, exist_ok=True)
    for argv in (["certutil", "-N", "-d", f"sql:{directory}", "--empty-password"],
                 ["certutil", "-A", "-d", f"sql:{directory}", "-n", "tlsdoctor-test-root",
                  "-t", "C,,", "-i", str(ca_file)]):
        p = subprocess.run(argv, capture_output=True, timeout=30, check=False)
        if p.returncode != 0:
            err = (p.stderr + p.stdout).decode("utf-8", "replace").strip()
            raise RuntimeError(f"certutil failed: {err.splitlines()[0] if err else p.returncode}")


def stop_group(proc: subprocess.Popen[bytes]) -> None:
    """Stop a browser started with ``start_new_session=True`` and every process it forked."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, 9)
            proc.wait(timeout=5)


def high_fds(*fds: int) -> tuple[int, ...]:
    """The same pipe ends moved to fds >= 10, so moving them onto 3 and 4 cannot clash."""
    out = []
    for fd in fds:
        out.append(fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10))
        os.close(fd)
    return tuple(out)


class DevToolsPipe:
    """Chrome DevTools protocol on fds 3 (to the browser) and 4 (from it), NUL-framed."""

    def __init__(self, to_browser: int, from_browser: int) -> None:
        self.out, self.inp, self.buf, self.next_id = to_browser, from_browser, b"", 0

    def send(self, method: str, params: dict[str, Any] | None = None, *,
             session: str | None = None) -> int:
        self.next_id += 1
        msg: dict[str, Any] = {"id": self.next_id, "method": method, "params": params or {}}
        if session:
            msg["sessionId"] = session
        os.write(self.out, json.dumps(msg).encode() + b"\0")
        return self.next_id

    def receive(self, deadline: float) -> dict[str, Any] | None:
        """The next message, or None when ``deadline`` (monotonic) passes first."""
        while b"\0" not in self.buf:
            left = deadline - time.monotonic()
            if left <= 0 or not select.select([self.inp], [], [], left)[0]:
                return None
            chunk = os.read(self.inp, 1 << 16)
            if not chunk:
                raise ConnectionError("the browser closed the pipe")
            self.buf += chunk
        raw, self.buf = self.buf.split(b"\0", 1)
        return dict(json.loads(raw))

    def call(self, method: str, params: dict[str, Any] | None = None, *,
             session: str | None = None, timeout: float = 10.0) -> dict[str, Any]:
        wanted = self.send(method, params, session=session)
        deadline = time.monotonic() + timeout
        while True:
            reply = self.receive(deadline)
            if reply is None:
                raise TimeoutError(f"{method}: no answer in {timeout:.0f} s")
            if reply.get("id") == wanted:
                return reply

    def close(self) -> None:
        for fd in (self.out, self.inp):
            with contextlib.suppress(OSError):
                os.close(fd)


class Marionette:
    """Firefox's remote protocol: ``LENGTH:JSON`` frames over loopback TCP."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock, self.file, self.next_id = sock, sock.makefile("rb"), 0
        self._read()  # the greeting

    def _read(self) -> Any:
        size = b""
        while not size.endswith(b":"):
            ch = self.file.read(1)
            if not ch or len(size) > 12:
                raise ConnectionError("Marionette closed the connection")
            size += ch
        return json.loads(self.file.read(int(size[:-1])))

    def call(self, command: str, params: dict[str, Any]) -> tuple[Any, Any]:
        """(error, result) of one command."""
        self.next_id += 1
        data = json.dumps([0, self.next_id, command, params]).encode()
        self.sock.sendall(str(len(data)).encode() + b":" + data)
        while True:
            reply = self._read()
            if reply[1] == self.next_id:
                return reply[2], reply[3]


# A quiet Firefox test profile: no first-run pages, no update or telemetry traffic, and a
# client certificate chosen automatically (there is none: a dialog would block).
FIREFOX_QUIET_PREFS: dict[str, object] = {
    "browser.shell.checkDefaultBrowser": False,
    "browser.startup.homepage_override.mstone": "ignore",
    "browser.startup.page": 0,
    "app.update.disabledForTesting": True,
    "datareporting.policy.dataSubmissionEnabled": False,
    "toolkit.telemetry.reportingpolicy.firstRun": False,
    "network.captive-portal-service.enabled": False,
    "network.connectivity-service.enabled": False,
    "browser.safebrowsing.update.enabled": False,
    "extensions.update.enabled": False,
    "security.default_personal_cert": "Select Automatically",
}
