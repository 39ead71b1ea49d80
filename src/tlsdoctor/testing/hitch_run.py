"""A private hitch (the TLS proxy) on 127.0.0.1: its own hitch.conf, log file and free ports
in a temporary directory; checked with ``hitch --test`` before it starts, stopped on leaving.
Run as root it drops to the ``nobody`` user, as its configuration requires."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .processes import logged_process
from .servers import HOST, free_port, wait_ready


def have_hitch() -> bool:
    return shutil.which("hitch") is not None or Path("/usr/sbin/hitch").is_file()


def _binary() -> str:
    return shutil.which("hitch") or "/usr/sbin/hitch"


@dataclass(frozen=True, slots=True, kw_only=True)
class HitchConf:
    path: Path
    port: int
    log: Path


def write_conf(directory: Path, *, pem_file: Path, lines: str = "",
               port: int | None = None) -> HitchConf:
    """A hitch.conf terminating TLS on a free port (the backend need not listen: the TLS
    handshake with the client comes first); ``lines`` are more settings (a fix step's)."""
    port = port or free_port()
    log = directory / "hitch.log"
    path = directory / "hitch.conf"
    user = 'user = "nobody"\n' if os.geteuid() == 0 else ""
    path.write_text(
        f'frontend = "[{HOST}]:{port}"\nbackend = "[{HOST}]:{free_port()}"\n'
        + (f'pem-file = "{pem_file}"\n' if "pem-file" not in lines else "")
        + f'{user}daemon = off\nlog-level = 2\nlog-filename = "{log}"\n{lines}\n')
    return HitchConf(path=path, port=port, log=log)


def check(conf: HitchConf) -> tuple[bool, str]:
    """``hitch --test``: parse the configuration and load the certificates; what it printed
    and what it wrote to its log file (where it writes its errors when it has one)."""
    before = hitch_log(conf)
    out = subprocess.run([_binary(), f"--config={conf.path}", "--test"], capture_output=True,
                         text=True, timeout=30)
    return out.returncode == 0, out.stdout + out.stderr + hitch_log(conf)[len(before):]


@contextlib.contextmanager
def running(conf: HitchConf) -> Iterator[HitchConf]:
    with logged_process([_binary(), f"--config={conf.path}"],
                        conf.path.with_suffix(".out")) as proc:
        wait_ready(HOST, conf.port, alive=lambda: proc.poll() is None)
        yield conf


def hitch_log(conf: HitchConf) -> str:
    return conf.log.read_text(errors="replace") if conf.log.exists() else ""
