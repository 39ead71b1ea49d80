"""Whose is the listening socket on a port: a test server's own, or another test's.

A free port is only free until someone binds it. Two test servers started at once can be
given the same port; the second one's bind fails ("Address already in use"), but a connect
to the port succeeds (the first one answers), so a readiness check by connecting alone
would take the second server as started and send its clients to the wrong server. This
asks the kernel instead: the listening socket's inode (``/proc/net/tcp``, ``tcp6``) must be
held open by a process of the server's own session (servers start with
``start_new_session=True``, so wrappers such as faketime or a master/worker pair count).
Off Linux the question has no answer here (``None``), and callers go by the connect alone.
"""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["owned_by_session", "session_left"]

_LISTEN = "0A"  # TCP_LISTEN in /proc/net/tcp's "st" column


def _listening_inodes(port: int) -> set[str] | None:
    found: set[str] = set()
    tables = [Path("/proc/net/tcp"), Path("/proc/net/tcp6")]
    if not tables[0].exists():
        return None
    for table in tables:
        try:
            lines = table.read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            f = line.split()
            if len(f) > 9 and f[3] == _LISTEN and int(f[1].rsplit(":", 1)[1], 16) == port:
                found.add(f[9])
    return found


def _session_pids(sid: int, *, live: bool = False) -> list[str]:
    """The processes of session ``sid``; ``live``: not the zombies (exited, not yet reaped)."""
    pids = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
        except OSError:
            continue
        # fields after the ")" that ends the command name: state ppid pgrp session ...
        rest = stat.rsplit(")", 1)[-1].split()
        if len(rest) > 3 and rest[3] == str(sid) and not (live and rest[0] == "Z"):
            pids.append(entry)
    return pids


def _holds(pid: str, inodes: set[str]) -> bool:
    try:
        fds = os.listdir(f"/proc/{pid}/fd")
    except OSError:
        return False
    for fd in fds:
        try:
            link = os.readlink(f"/proc/{pid}/fd/{fd}")
        except OSError:
            continue
        if link.startswith("socket:[") and link[8:-1] in inodes:
            return True
    return False


def owned_by_session(sid: int, port: int) -> bool | None:
    """True when a process of session ``sid`` holds the socket listening on ``port``, False
    when another process does (or none listens), None when /proc cannot tell."""
    inodes = _listening_inodes(port)
    if inodes is None:
        return None
    return any(_holds(pid, inodes) for pid in _session_pids(sid))


def session_left(sid: int) -> list[int] | None:
    """The live processes still in session ``sid`` (a stopped server's children), None when
    /proc cannot tell."""
    if not Path("/proc/self/stat").exists():
        return None
    return [int(pid) for pid in _session_pids(sid, live=True)]
