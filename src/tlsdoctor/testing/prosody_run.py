"""A real Prosody (its own configuration, data directory and pid file, a client port on
127.0.0.1, no server-to-server port) started with a certificate and key that it cannot
load, run for a bounded time and stopped; its console log is returned for ``explain``.
Round 16 (docs/explain-upstream.md)."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

from .processes import stop
from .servers import HOST, free_port

__all__ = ["have_prosody", "prosody_log"]

_RUN = 15.0  # at most this many seconds Prosody runs (it logs the failure at start-up)
_STOP = 5.0
_DONE = "Error creating context"  # mod_tls.lua's line after certmanager's


def have_prosody() -> bool:
    return shutil.which("prosody") is not None


def prosody_log(directory: Path, *, key_present: bool = False) -> str:
    """Prosody's log when its VirtualHost's key file is missing, or (``key_present``) is
    there but holds no key (an empty PEM block, as a botched copy leaves it)."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "data").mkdir(exist_ok=True)
    key = directory / "localhost.key"
    if key_present:
        key.write_text("-----BEGIN PRIVATE KEY-----\n-----END PRIVATE KEY-----\n")
    cfg = directory / "prosody.cfg.lua"
    cfg.write_text(
        f'pidfile = "{directory}/prosody.pid"\ndata_path = "{directory}/data"\n'
        'log = { { levels = { min = "info" }, to = "console" } }\n'
        'modules_enabled = { "tls"; "c2s" }\n'
        f'c2s_ports = {{ {free_port()} }}\nc2s_interfaces = {{ "{HOST}" }}\n'
        "s2s_ports = { }\nhttp_ports = { }\nhttps_ports = { }\n"
        'VirtualHost "localhost"\n'
        f'  ssl = {{ certificate = "{directory}/localhost.crt"; key = "{key}" }}\n')
    log = directory / "prosody.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["prosody", "--config", str(cfg), "-F"], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + _RUN
        while _DONE not in log.read_text(errors="replace") and time.monotonic() < deadline \
                and proc.poll() is None:
            time.sleep(0.1)  # poll interval of its log, bounded by _RUN
    finally:
        stop(proc, _STOP)
    return log.read_text(errors="replace")
