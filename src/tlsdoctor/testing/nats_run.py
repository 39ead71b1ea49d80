"""A real nats-server on 127.0.0.1 whose client port requires TLS and verifies client
certificates (its tls { } block is explain's own fix line, fixes/cluster.toml
``nats_server.store``, with this lab's files), and a real TLS client: Python's ssl speaking
the NATS protocol (INFO in clear, then the TLS handshake, CONNECT and PING, PONG back).
Round 17 (docs/explain-upstream.md). nats-server is always stopped.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
from collections.abc import Iterator
from pathlib import Path

from .ca import CA
from .processes import DaemonLab, lab_clients, listening
from .servers import HOST, free_port

__all__ = ["NatsLab", "have_nats", "nats_client", "nats_lab", "substitute"]

_LIMIT = 10.0  # seconds nats-server may take to listen, and a client may take
_STOP = 5.0


def have_nats() -> bool:
    return (shutil.which("nats-server") is not None or Path("/usr/sbin/nats-server").exists()) \
        and shutil.which("openssl") is not None


NatsLab = DaemonLab  # the daemon, its port, its log and its certificate files


def substitute(code: str, lab: NatsLab) -> str:
    """The fix lines' placeholders (fixes/cluster.toml) replaced by this lab's files."""
    f = lab.files
    for key, value in (("/etc/nats/ca.crt", f["ca"]), ("/etc/nats/server.crt", f["server"]),
                       ("/etc/nats/server.key", f["server_key"]), ("client.crt", f["client"])):
        code = code.replace(key, str(value))
    return code


def _files(d: Path) -> dict[str, Path]:
    ca = CA(name="nats test root")
    server, server_key = ca.issue(["localhost"]).write(d, stem="server")
    return {**lab_clients(d, ca, "nats", "nats-client"), "server": server,
            "server_key": server_key}


@contextlib.contextmanager
def nats_lab(directory: Path, tls_block: str) -> Iterator[NatsLab]:
    """nats-server with ``tls_block`` (explain's fix line, its paths replaced)."""
    directory.mkdir(parents=True, exist_ok=True)
    lab = NatsLab(directory=directory, port=free_port(), log=directory / "nats.log",
                  files=_files(directory))
    conf = directory / "nats.conf"
    conf.write_text(f"listen: {HOST}:{lab.port}\n{substitute(tls_block, lab)}\n")
    binary = shutil.which("nats-server") or "/usr/sbin/nats-server"
    with listening([binary, "-c", str(conf)], lab, name="nats-server", timeout=_LIMIT,
                   stop_timeout=_STOP):
        yield lab


def _context(lab: NatsLab, *, cafile: bool, cert: bool, stranger: bool) -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=str(lab.files["ca"]) if cafile else None)
    if not cafile:  # no CA given: the system store, which lacks the lab's root
        ctx.load_default_certs()
    if stranger:
        ctx.load_cert_chain(lab.files["stranger"], lab.files["stranger_key"])
    elif cert:
        ctx.load_cert_chain(lab.files["client"], lab.files["client_key"])
    return ctx


def nats_client(lab: NatsLab, *, cafile: bool = True, cert: bool = True,
                stranger: bool = False, plain: bool = False) -> bool:
    """One NATS client connection, bounded in time: True when the server answered PONG."""
    with socket.create_connection((HOST, lab.port), timeout=_LIMIT) as raw:
        info = raw.recv(4096)
        if not info.startswith(b"INFO "):
            return False
        hello = b'CONNECT {"verbose":false,"pedantic":false}\r\nPING\r\n'
        if plain:
            raw.sendall(hello)
            with contextlib.suppress(OSError):
                return b"PONG" in raw.recv(4096)
            return False
        ctx = _context(lab, cafile=cafile, cert=cert, stranger=stranger)
        try:
            with ctx.wrap_socket(raw, server_hostname="localhost") as tls:
                tls.sendall(hello)
                got = b""
                while b"PONG" not in got and b"-ERR" not in got:
                    chunk = tls.recv(4096)
                    if not chunk:
                        break
                    got += chunk
                return b"PONG" in got
        except (ssl.SSLError, OSError):
            return False
