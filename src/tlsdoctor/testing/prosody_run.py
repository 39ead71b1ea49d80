"""A real Prosody (its own configuration, data directory and pid file, a client port on
127.0.0.1, no server-to-server port) started with a certificate and key that it cannot
load, run for a bounded time and stopped; its console log is returned for ``explain``.
Round 16 (docs/explain-upstream.md)."""

from __future__ import annotations

import contextlib
import shutil
import socket
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

from .processes import log_until, stop
from .servers import HOST, free_port

__all__ = ["can_run_prosody", "have_prosody", "prosody_config", "prosody_log", "running_prosody",
           "xmpp_starttls"]

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
        log_until(log, lambda text: _DONE in text, _RUN, alive=lambda: proc.poll() is None)
    finally:
        stop(proc, _STOP)
    return log.read_text(errors="replace")


# Round 18: a Prosody that stays up, run as the prosody user (it refuses to serve as root:
# "Shutting down: Refusing to run as root"), and an XMPP client that asks for STARTTLS.
_UP = "Activated service 'c2s'"
_XMPP_TLS = "urn:ietf:params:xml:ns:xmpp-tls"
_READ_CAP = 65536  # bytes read from Prosody before STARTTLS at most


def can_run_prosody() -> bool:
    """prosody, prosodyctl and its user are there, and this process can become that user."""
    import os
    import pwd
    try:
        pwd.getpwnam("prosody")
    except KeyError:
        return False
    return have_prosody() and shutil.which("prosodyctl") is not None and os.geteuid() == 0


def prosody_config(directory: Path, port: int, ssl_line: str) -> Path:
    """prosody.cfg.lua in ``directory`` (its data directory owned by the prosody user, its
    certificates directory ``directory``/certs), ``ssl_line`` in the VirtualHost."""
    import os
    import pwd
    user = pwd.getpwnam("prosody")
    for sub in ("data", "certs"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    os.chown(directory / "data", user.pw_uid, user.pw_gid)
    os.chmod(directory, 0o755)
    cfg = directory / "prosody.cfg.lua"
    cfg.write_text(
        f'pidfile = "{directory}/data/prosody.pid"\ndata_path = "{directory}/data"\n'
        f'certificates = "{directory}/certs"\n'
        'log = { { levels = { min = "info" }, to = "console" } }\n'
        'modules_enabled = { "tls"; "c2s" }\n'
        f'c2s_ports = {{ {port} }}\nc2s_interfaces = {{ "{HOST}" }}\n'
        "s2s_ports = { }\nhttp_ports = { }\nhttps_ports = { }\n"
        f'VirtualHost "localhost"\n{ssl_line}\n')
    return cfg


@contextlib.contextmanager
def running_prosody(cfg: Path, port: int) -> Iterator[Path]:
    """Prosody (as the prosody user) on ``cfg``, until it listens; yields its log's path."""
    log = cfg.parent / f"prosody-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["prosody", "--config", str(cfg), "-F"], stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                user="prosody", group="prosody", extra_groups=[])
    try:
        if _UP not in log_until(log, lambda text: _UP in text, _RUN,
                                alive=lambda: proc.poll() is None):
            raise RuntimeError("prosody did not listen:\n" + log.read_text()[-1500:])
        yield log
    finally:
        stop(proc, _STOP)


def _read_until(sock: socket.socket, marks: tuple[str, ...]) -> str:
    got = b""
    while len(got) < _READ_CAP and not any(m.encode() in got for m in marks):
        chunk = sock.recv(4096)
        if not chunk:
            break
        got += chunk
    return got.decode("utf-8", "replace")


def xmpp_starttls(port: int, cafile: Path, domain: str = "localhost") -> str:
    """'ok <version>' when Prosody offers STARTTLS and the handshake verifies ``domain``
    against ``cafile``; otherwise what went wrong (bounded: 10 s per read)."""
    header = (f"<?xml version='1.0'?><stream:stream to='{domain}' xmlns='jabber:client' "
              "xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>")
    try:
        with socket.create_connection((HOST, port), timeout=10) as sock:
            sock.sendall(header.encode())
            features = _read_until(sock, ("</stream:features>", "</stream:stream>"))
            if "<starttls" not in features:
                return "no STARTTLS offered: " + features[-300:]
            sock.sendall(f"<starttls xmlns='{_XMPP_TLS}'/>".encode())
            answer = _read_until(sock, ("<proceed", "<failure"))
            if "<proceed" not in answer:
                return "STARTTLS refused: " + answer[-300:]
            ctx = ssl.create_default_context(cafile=str(cafile))
            with ctx.wrap_socket(sock, server_hostname=domain) as tls:
                return f"ok {tls.version()}"
    except (OSError, ssl.SSLError) as e:
        return f"failed: {e}"
