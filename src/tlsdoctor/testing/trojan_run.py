"""A private trojan (the TLS proxy) server on 127.0.0.1: its own JSON configuration and free
ports in a temporary directory; it logs to what it prints, captured in a file, and is stopped
on leaving. The remote it forwards non-trojan traffic to need not listen: the TLS handshake
with the client comes first."""

from __future__ import annotations

import contextlib
import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .processes import logged_process
from .servers import HOST, free_port, wait_ready


def have_trojan() -> bool:
    return shutil.which("trojan") is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class TrojanConf:
    path: Path
    port: int
    log: Path


def write_conf(directory: Path, *, cert: Path, key: Path) -> TrojanConf:
    """A server configuration (run_type server) with ``cert`` (leaf and chain) and ``key``."""
    port = free_port()
    path = directory / "trojan.json"
    path.write_text(json.dumps({
        "run_type": "server", "local_addr": HOST, "local_port": port,
        "remote_addr": HOST, "remote_port": free_port(), "password": ["test"], "log_level": 1,
        "ssl": {"cert": str(cert), "key": str(key), "key_password": "", "cipher": "",
                "prefer_server_cipher": True, "alpn": ["http/1.1"], "reuse_session": True,
                "session_ticket": False, "session_timeout": 600, "plain_http_response": "",
                "curves": "", "dhparam": ""},
        "tcp": {"prefer_ipv4": False, "no_delay": True, "keep_alive": True,
                "reuse_port": False, "fast_open": False, "fast_open_qlen": 20}}))
    return TrojanConf(path=path, port=port, log=directory / "trojan.log")


@contextlib.contextmanager
def running(conf: TrojanConf) -> Iterator[TrojanConf]:
    with logged_process(["trojan", "-c", str(conf.path)], conf.log) as proc:
        wait_ready(HOST, conf.port, alive=lambda: proc.poll() is None)
        yield conf


def trojan_log(conf: TrojanConf) -> str:
    return conf.log.read_text(errors="replace") if conf.log.exists() else ""
