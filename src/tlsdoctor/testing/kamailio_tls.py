"""A real Kamailio SIP server with its tls module on 127.0.0.1 (its own configuration, tls.cfg,
work directory and pid file), which requires a client certificate, and real clients that
fail against it: openssl s_client without a certificate and with one from another CA, and
a plain-text SIP request. Kamailio's own log (stderr, -E) is returned for ``explain``.
Round 16 (docs/explain-upstream.md). Kamailio and its children are always stopped.
"""

from __future__ import annotations

import contextlib
import glob
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from .ca import CA
from .processes import stop
from .servers import HOST, ServerStartError, free_port

__all__ = ["CLIENTS", "have_kamailio", "kamailio_log", "running_kamailio"]

CLIENTS = ("no_certificate", "other_ca_certificate", "plain_sip")
_LIMIT = 10.0  # seconds any client may run, and Kamailio may take to listen
_STOP = 5.0


def _modules() -> str | None:
    found = sorted(glob.glob("/usr/lib/*/kamailio/modules/tls.so"))
    return str(Path(found[0]).parent) if found else None


def have_kamailio() -> bool:
    installed = shutil.which("kamailio") is not None or Path("/usr/sbin/kamailio").exists()
    return installed and _modules() is not None and shutil.which("openssl") is not None


def _config(d: Path, port: int, server: dict[str, str] | None = None) -> tuple[Path, CA]:
    """kamailio.cfg and tls.cfg; ``server``: [server:default] options set as a fix prints
    them (round 18), over the defaults (a client certificate from this CA required)."""
    ca = CA(name="kamailio test root")
    chain, key = ca.issue(["localhost"]).write(d, stem="server")
    ca_pem = ca.write(d / "ca.pem")
    options = {"method": "TLSv1.2+", "verify_certificate": "yes", "require_certificate": "yes",
               "private_key": str(key), "certificate": str(chain), "ca_list": str(ca_pem),
               **(server or {})}
    (d / "tls.cfg").write_text(
        "[server:default]\n" + "".join(f"{k} = {v}\n" for k, v in options.items())
        + "\n[client:default]\nverify_certificate = no\nrequire_certificate = no\n")
    cfg = d / "kamailio.cfg"
    cfg.write_text(
        "#!KAMAILIO\ndebug=2\nlog_stderror=yes\nchildren=1\ntcp_children=1\n"
        f"enable_tls=yes\nlisten=tls:{HOST}:{port}\nmpath=\"{_modules()}/\"\n"
        'loadmodule "tls.so"\nloadmodule "sl.so"\n'
        f'modparam("tls", "config", "{d}/tls.cfg")\n'
        'request_route {\n    sl_send_reply("404", "Not here");\n}\n')
    return cfg, ca


def _listening(port: int) -> bool:
    out = subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True, text=True,
                         timeout=5, check=False).stdout
    return bool(out.strip())


def _client(d: Path, port: int, client: str) -> None:
    """One failing client: bounded, its own output discarded (Kamailio's log is the text)."""
    if client == "plain_sip":
        with socket.create_connection((HOST, port), timeout=_LIMIT) as s:
            s.sendall(b"OPTIONS sip:localhost SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.1\r\n"
                      b"Content-Length: 0\r\n\r\n")
            s.settimeout(2.0)
            with contextlib.suppress(OSError):  # Kamailio closes it, or the wait ends
                s.recv(1024)
        return
    extra: list[str] = []
    if client == "other_ca_certificate":
        cert, key = CA(name="kamailio unknown root").issue(
            ["sip-client.example"], eku=("clientAuth",)).write(d, stem="stranger")
        extra = ["-cert", str(cert), "-key", str(key)]
    subprocess.run(["openssl", "s_client", "-connect", f"{HOST}:{port}",
                    "-CAfile", str(d / "ca.pem"), *extra], capture_output=True,
                   timeout=_LIMIT, check=False, stdin=subprocess.DEVNULL)


@contextlib.contextmanager
def running_kamailio(directory: Path, server: dict[str, str] | None = None
                     ) -> Iterator[tuple[int, CA, Path]]:
    """Kamailio listening for TLS (``server``: tls.cfg options, see _config) until the block
    ends: (its port, its CA, its log)."""
    directory.mkdir(parents=True, exist_ok=True)
    port = free_port()
    cfg, ca = _config(directory, port, server)
    log = directory / f"kamailio-{port}.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(["kamailio", "-f", str(cfg), "-DD", "-E", "-w", str(directory),
                                 "-P", str(directory / "kamailio.pid"), "-Y", str(directory)],
                                stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + _LIMIT
        while not _listening(port):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise ServerStartError("kamailio did not start:\n" + log.read_text()[-2000:])
            time.sleep(0.05)  # poll interval, not a readiness guess
        yield port, ca, log
    finally:
        stop(proc, _STOP)


def kamailio_log(directory: Path, client: str) -> str:
    """Kamailio's log after ``client`` (one of CLIENTS) tried to connect."""
    if client not in CLIENTS:
        raise ValueError(f"unknown client {client!r}")
    with running_kamailio(directory) as (port, _, log):
        _client(directory, port, client)
        time.sleep(0.5)  # Kamailio's worker logs the failure just after the client leaves
    return log.read_text(errors="replace")
