"""A real etcd on 127.0.0.1 serving its client URL over TLS with client-certificate
authentication (its own data directory, free ports, certificates from testing/ca.py: the
server's names only ``localhost``), and real etcdctl clients that fail against it or succeed.
Round 17 (docs/explain-upstream.md). etcd is started with the flags of explain's own fix line
for etcd (fixes/cluster.toml, ``etcd.store``) and always stopped.
"""

from __future__ import annotations

import contextlib
import shlex
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from .ca import CA
from .processes import DaemonLab, lab_clients, listening
from .servers import HOST, free_port

__all__ = ["EtcdLab", "etcd_lab", "etcdctl", "have_etcd", "placeholders"]

_LIMIT = 15.0  # seconds etcd may take to listen, and any etcdctl may run
_STOP = 5.0


def have_etcd() -> bool:
    return all(shutil.which(p) for p in ("etcd", "etcdctl", "openssl"))


EtcdLab = DaemonLab  # the daemon, its port, its log and its certificate files


def placeholders(lab: EtcdLab) -> dict[str, str]:
    """The fix lines' placeholders (fixes/cluster.toml) -> this lab's own values."""
    f = lab.files
    return {"/etc/etcd/ca.crt": str(f["ca"]), "/etc/etcd/server.crt": str(f["server"]),
            "/etc/etcd/server.key": str(f["server_key"]), "/etc/etcd/client.crt": str(f["client"]),
            "/etc/etcd/client.key": str(f["client_key"]),
            "/var/lib/etcd": str(lab.directory / "data"), "0.0.0.0": HOST,
            ":2379": f":{lab.port}", "HOST": "localhost", "NAME": "t17"}


def substitute(code: str, values: dict[str, str]) -> str:
    for key, value in values.items():
        code = code.replace(key, value)
    return code


def _files(d: Path) -> dict[str, Path]:
    ca = CA(name="etcd test root")
    server, server_key = ca.issue(["localhost"], eku=("serverAuth", "clientAuth")).write(
        d, stem="server")
    return {**lab_clients(d, ca, "etcd", "etcd-client"), "server": server,
            "server_key": server_key}


@contextlib.contextmanager
def etcd_lab(directory: Path, store_line: str) -> Iterator[EtcdLab]:
    """etcd started from ``store_line`` (explain's ``etcd.store`` fix line, its placeholders
    replaced), a plain-HTTP peer URL on another free port; stopped on leaving."""
    directory.mkdir(parents=True, exist_ok=True)
    lab = EtcdLab(directory=directory, port=free_port(), log=directory / "etcd.log",
                  files=_files(directory))
    peer = f"http://{HOST}:{free_port()}"
    argv = shlex.split(substitute(store_line, placeholders(lab))) + [
        f"--listen-peer-urls={peer}", f"--initial-advertise-peer-urls={peer}",
        f"--initial-cluster=t17={peer}"]
    with listening(argv, lab, name="etcd", timeout=_LIMIT, stop_timeout=_STOP):
        yield lab


def etcdctl(lab: EtcdLab, args: list[str], *, endpoint: str = "") -> str:
    """etcdctl ``args`` against the lab (``endpoint``: default https://localhost:<port>),
    bounded in time; its stdout and stderr together."""
    url = endpoint or f"https://localhost:{lab.port}"
    argv = ["etcdctl", f"--endpoints={url}", "--dial-timeout=1s", "--command-timeout=2s",
            *args]
    return run(argv)


def run(argv: list[str]) -> str:
    done = subprocess.run(argv, capture_output=True, text=True, timeout=_LIMIT, check=False,
                          stdin=subprocess.DEVNULL, env={"ETCDCTL_API": "3", "PATH": _path()})
    return done.stdout + done.stderr


def _path() -> str:
    return "/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin"
