"""A private, copy-on-write view of this machine, for fix steps that change the machine itself.

Some printed steps reinstall a package or rebuild a system store (``apt-get install --reinstall
ca-certificates-java && update-ca-certificates -f``). A test applies them as printed, but never
to the machine it runs on: the sandbox is an overlay of ``/`` (its writes on a tmpfs) mounted
in a private mount namespace that one holder process keeps open; each command runs chrooted
into that overlay (``nsenter -m``), with /proc, /dev and /sys of the host. Nothing written
inside reaches the host's files, and the namespace, its mounts and its tmpfs go away when the
holder is stopped. The network namespace is the host's: a server on 127.0.0.1 is reachable.

Needs root, ``unshare``, ``nsenter`` and a kernel that mounts overlayfs there; ``unavailable()``
says why not (tests skip with that reason).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .processes import log_until, logged_process

__all__ = ["Sandbox", "sandbox", "unavailable"]

_HOLD = 600  # seconds the holder lives at most (a test that never stops it is bounded too)


def unavailable() -> str | None:
    """Why no sandbox can be made here, or None."""
    if os.geteuid() != 0:
        return "the sandbox needs root (a mount namespace and an overlay of /)"
    missing = [p for p in ("unshare", "nsenter", "chroot") if shutil.which(p) is None]
    return f"{', '.join(missing)} missing (util-linux, coreutils)" if missing else None


@dataclass(frozen=True, slots=True)
class Sandbox:
    """The holder's pid and the overlay's root as the namespace sees it."""

    pid: int
    root: Path

    def run(self, script: str, *, env: dict[str, str] | None = None,
            timeout: float = 120) -> subprocess.CompletedProcess[str]:
        """``script`` run by sh inside the sandbox (chrooted into the overlay); output text."""
        return subprocess.run(["nsenter", "-t", str(self.pid), "-m", "chroot", str(self.root),
                               "sh", "-c", script], capture_output=True, text=True,
                              timeout=timeout, check=False, stdin=subprocess.DEVNULL,
                              env=env if env is not None else dict(os.environ))


@contextlib.contextmanager
def sandbox(work: Path) -> Iterator[Sandbox]:
    """A sandbox whose mount point is ``work``/ov (an empty directory made here); stopped and
    gone on leaving. RuntimeError when the overlay cannot be mounted."""
    mnt = work / "ov"
    mnt.mkdir()
    setup = (f"mount -t tmpfs tmpfs {mnt} && mkdir {mnt}/u {mnt}/w {mnt}/m && "
             f"mount -t overlay overlay -o lowerdir=/,upperdir={mnt}/u,workdir={mnt}/w {mnt}/m "
             f"&& mount -t proc proc {mnt}/m/proc && mount --rbind /dev {mnt}/m/dev && "
             f"mount --rbind /sys {mnt}/m/sys && echo ready && exec sleep {_HOLD}")
    log = work / "sandbox.log"
    with logged_process(["unshare", "-m", "--propagation", "private", "sh", "-c", setup],
                        log) as holder:
        if "ready" not in log_until(log, lambda text: "ready" in text, 10,
                                    alive=lambda: holder.poll() is None):
            raise RuntimeError(f"no sandbox: {log.read_text()[-400:]}")
        yield Sandbox(pid=holder.pid, root=mnt / "m")
