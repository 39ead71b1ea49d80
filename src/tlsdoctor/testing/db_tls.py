"""Database servers and their own clients on loopback, each driven into TLS faults: what
the client printed and what the server logged meanwhile (round 12 of ``explain``).

Two programs Debian 12 ships with TLS: MariaDB (mariadbd 10.11 and the mariadb client,
Connector/C 3.3 on OpenSSL 3) and Redis 7.0 (redis-server's tls-port and redis-cli).
Each server is a private instance: its own data directory in a temporary directory,
127.0.0.1 and a free port, started per server setting and stopped after its faults. The
certificates come from ``testing.ca``: a private root issues the server's certificates
(good, expired, for another name) and a client certificate; a stranger root issues what
neither side trusts.

Used by tests/ingest/test_explain_db_matrix.py (live) and scripts/record_db_matrix.py
(which writes tests/ingest/corpus/db_matrix.json, judged without servers). Every client
run is bounded in time; every server is stopped on the way out.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .ca import CA
from .serverlogs import program_version, settle
from .servers import HOST, Server, ServerStartError, _spawn, _workdir

__all__ = ["DB_FAULTS", "DbCell", "DbFault", "DbPki", "make_db_pki", "run_mariadb",
           "run_redis", "unavailable"]

_CLIENT_TIMEOUT = 10.0
_OUTPUT_CAP = 16 * 1024
_MARIADBD = "/usr/sbin/mariadbd"
_PASSWORD = "tlsdoctor-pw"


@dataclass(frozen=True, slots=True, kw_only=True)
class DbPki:
    """Certificate files: the server's (by fault), the roots, and the client's."""

    directory: Path
    root: Path
    stranger_root: Path
    server: dict[str, tuple[Path, Path]]  # "good" | "expired" | "wrong_host" -> chain, key
    client: tuple[Path, Path]  # from the server's root (clientAuth)
    stranger_client: tuple[Path, Path]  # from the stranger root


def make_db_pki(directory: Path) -> DbPki:
    directory.mkdir(parents=True, exist_ok=True)
    root, stranger = CA(name="db matrix root"), CA(name="db matrix stranger root")
    names = ["localhost", "127.0.0.1"]
    server = {
        "good": root.issue(names).write(directory, stem="good"),
        "expired": root.issue(names, not_before=timedelta(days=-30),
                              not_after=timedelta(days=-1)).write(directory, stem="expired"),
        "wrong_host": root.issue(["other.test"]).write(directory, stem="wrong-host"),
    }
    client_eku = ("clientAuth",)
    return DbPki(directory=directory, root=root.write(directory / "root.pem"),
                 stranger_root=stranger.write(directory / "stranger-root.pem"), server=server,
                 client=root.issue(["client.test"], eku=client_eku).write(directory,
                                                                          stem="client"),
                 stranger_client=stranger.issue(["client.test"], eku=client_eku).write(
                     directory, stem="stranger-client"))


@dataclass(frozen=True, slots=True, kw_only=True)
class DbFault:
    """One fault: the server setting it needs (a certificate by name, "off": no TLS,
    "mtls": a client certificate required) and what the client does."""

    name: str
    program: str
    server: str
    what: str
    client_args: Callable[[DbPki], list[str]]
    user: str = "app"


@dataclass(frozen=True, slots=True, kw_only=True)
class DbCell:
    """What the client printed for one fault, and what the server logged meanwhile."""

    program: str
    fault: str
    client: str
    server: str
    version: str


# --- the faults -------------------------------------------------------------------------------

def _verify(pki: DbPki, ca: Path | None = None) -> list[str]:
    return [f"--ssl-ca={ca or pki.root}", "--ssl-verify-server-cert"]


def _redis_tls(pki: DbPki, ca: Path | None = None) -> list[str]:
    return ["--tls", "--cacert", str(ca or pki.root)]


DB_FAULTS: tuple[DbFault, ...] = (
    DbFault(name="untrusted_root", program="mariadb", server="good",
            what="the client verifies with another root (--ssl-ca of a stranger CA)",
            client_args=lambda p: _verify(p, p.stranger_root)),
    DbFault(name="expired", program="mariadb", server="expired",
            what="the server's certificate expired yesterday", client_args=_verify),
    DbFault(name="wrong_host", program="mariadb", server="wrong_host",
            what="the server's certificate is for other.test (--ssl-verify-server-cert)",
            client_args=_verify),
    DbFault(name="tls_off", program="mariadb", server="off",
            what="the server runs with --skip-ssl, the client requires TLS",
            client_args=_verify),
    DbFault(name="old_protocol", program="mariadb", server="good",
            what="the client offers only TLS 1.1 (--tls-version=TLSv1.1)",
            client_args=lambda p: ["--ssl", "--tls-version=TLSv1.1"]),
    DbFault(name="no_shared_cipher", program="mariadb", server="good",
            what="the client offers only AES256-SHA (RSA) to an ECDSA server over TLS 1.2",
            client_args=lambda p: ["--ssl", "--tls-version=TLSv1.2", "--ssl-cipher=AES256-SHA"]),
    DbFault(name="client_cert_required", program="mariadb", server="good",
            what="the account REQUIRE X509 and the client sends no certificate",
            client_args=lambda p: ["--ssl"], user="x509"),
    DbFault(name="untrusted_client_cert", program="mariadb", server="good",
            what="the client's certificate is from a root the server does not trust",
            client_args=lambda p: ["--ssl", f"--ssl-cert={p.stranger_client[0]}",
                                   f"--ssl-key={p.stranger_client[1]}"]),
    DbFault(name="untrusted_root", program="redis", server="good",
            what="redis-cli verifies with another root (--cacert of a stranger CA)",
            client_args=lambda p: _redis_tls(p, p.stranger_root)),
    DbFault(name="expired", program="redis", server="expired",
            what="the server's certificate expired yesterday", client_args=_redis_tls),
    DbFault(name="wrong_host", program="redis", server="wrong_host",
            what="the server's certificate is for other.test", client_args=_redis_tls),
    DbFault(name="plain_client", program="redis", server="good",
            what="redis-cli without --tls to the TLS port", client_args=lambda p: []),
    DbFault(name="client_cert_required", program="redis", server="mtls",
            what="tls-auth-clients yes, redis-cli sends no certificate",
            client_args=_redis_tls),
    DbFault(name="untrusted_client_cert", program="redis", server="mtls",
            what="tls-auth-clients yes, the client's certificate is from a stranger root",
            client_args=lambda p: [*_redis_tls(p), "--cert", str(p.stranger_client[0]),
                                   "--key", str(p.stranger_client[1])]),
)


def unavailable(program: str) -> str | None:
    """Why ``program``'s row cannot run here (None: it can)."""
    need = {"mariadb": ("mariadb", "mariadb-install-db"), "redis": ("redis-server", "redis-cli")}
    for tool in need[program]:
        if shutil.which(tool) is None:
            return f"{tool} is not installed (apt: mariadb-server mariadb-client / " \
                   "redis-server redis-tools)"
    if program == "mariadb" and not os.access(_MARIADBD, os.X_OK):
        return f"{_MARIADBD} is not installed"
    return None


def _run(argv: list[str], *, env: dict[str, str] | None = None) -> str:
    try:
        p = subprocess.run(argv, capture_output=True, stdin=subprocess.DEVNULL,
                           timeout=_CLIENT_TIMEOUT, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        return (bytes(exc.stdout or b"") + bytes(exc.stderr or b"")).decode("utf-8", "replace")
    return (p.stdout + p.stderr).decode("utf-8", "replace")[:_OUTPUT_CAP]


def _cell(fault: DbFault, server: Server, version: str, client: Callable[[], str]) -> DbCell:
    """Run one client against ``server`` and keep the log lines written meanwhile."""
    settle(server)  # the previous cell's late lines
    start = server.log_path.stat().st_size if server.log_path.exists() else 0
    printed = client()
    settle(server, start)
    with open(server.log_path, "rb") as f:
        f.seek(start)
        logged = f.read(_OUTPUT_CAP).decode("utf-8", "replace")
    return DbCell(program=fault.program, fault=fault.name, client=printed, server=logged,
                  version=version)


def _by_server(program: str) -> dict[str, list[DbFault]]:
    out: dict[str, list[DbFault]] = {}
    for f in DB_FAULTS:
        if f.program == program:
            out.setdefault(f.server, []).append(f)
    return out


# --- MariaDB ----------------------------------------------------------------------------------

@contextlib.contextmanager
def _mariadb_datadir() -> Iterator[Path]:
    """A fresh data directory (mariadb-install-db), removed on exit."""
    root = Path(tempfile.mkdtemp(prefix="tlsdoctor-mariadb-", dir=os.environ.get("TMPDIR")))
    try:
        p = subprocess.run(["mariadb-install-db", "--no-defaults", f"--datadir={root / 'data'}",
                            "--auth-root-authentication-method=normal", "--skip-test-db",
                            *(["--user=root"] if os.geteuid() == 0 else [])],
                           capture_output=True, timeout=120, check=False)
        if p.returncode != 0:
            raise ServerStartError("mariadb-install-db failed: "
                                   + p.stderr.decode("utf-8", "replace")[-300:])
        yield root
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _mariadbd(root: Path, pki: DbPki, setting: str) -> Server:
    """mariadbd on a free port: ``setting`` is a server certificate's name or "off"."""
    tls = (["--skip-ssl"] if setting == "off" else
           [f"--ssl-cert={pki.server[setting][0]}", f"--ssl-key={pki.server[setting][1]}",
            f"--ssl-ca={pki.root}"])

    def argv(port: int) -> list[str]:
        return [_MARIADBD, "--no-defaults", f"--datadir={root / 'data'}",
                f"--socket={root / 'sock'}", f"--port={port}", f"--bind-address={HOST}",
                f"--log-error={root / 'error.log'}", f"--pid-file={root / 'pid'}",
                # the most it says of a connection: "Aborted connection ..." lines
                "--log-warnings=4", "--innodb-buffer-pool-size=16M", "--skip-name-resolve",
                *(["--user=root"] if os.geteuid() == 0 else []), *tls]
    server = _spawn("mariadb", argv, workdir=root, log_path=root / "error.log", timeout=60,
                    cleanup=lambda: None, log_is_output=False)
    deadline = time.monotonic() + 30
    while _admin(root, "SELECT 1") is None:  # the socket answers once startup finished
        if time.monotonic() > deadline:
            server.stop()
            raise ServerStartError("mariadbd did not answer on its socket")
        time.sleep(0.1)  # poll interval while the server finishes starting
    return server


def _admin(root: Path, sql: str) -> str | None:
    p = subprocess.run(["mariadb", "--no-defaults", f"--socket={root / 'sock'}", "-u", "root",
                        "-N", "-e", sql], capture_output=True, timeout=30, check=False)
    return p.stdout.decode() if p.returncode == 0 else None


_USERS = (f"CREATE USER 'app'@'%' IDENTIFIED BY '{_PASSWORD}'; "
          "GRANT USAGE ON *.* TO 'app'@'%'; "
          f"CREATE USER 'x509'@'%' IDENTIFIED BY '{_PASSWORD}' REQUIRE X509;")


def _mariadb_client(port: int, fault: DbFault, pki: DbPki) -> str:
    return _run(["mariadb", "--no-defaults", "-h", HOST, "-P", str(port), "-u", fault.user,
                 f"-p{_PASSWORD}", "--connect-timeout=5", *fault.client_args(pki),
                 "-e", "SELECT 1"])


def run_mariadb(pki: DbPki) -> list[DbCell]:
    """Every MariaDB fault: one server per setting, the mariadb client against it."""
    version = program_version(["mariadb", "--version"])
    cells: list[DbCell] = []
    with _mariadb_datadir() as root:
        for setting, faults in _by_server("mariadb").items():
            server = _mariadbd(root, pki, setting)
            try:
                if _admin(root, "SELECT COUNT(*) FROM mysql.user WHERE user='app'") == "0\n":
                    _admin(root, _USERS)
                for fault in faults:
                    cells.append(_cell(fault, server, version,
                                       functools.partial(_mariadb_client, server.port, fault,
                                                         pki)))
            finally:
                server.stop()
    return cells


# --- Redis ------------------------------------------------------------------------------------

def _redis_server(pki: DbPki, setting: str) -> Server:
    """redis-server with a TLS port only; "mtls": a client certificate required."""
    wd, cleanup = _workdir("redis")
    chain, key = pki.server["good" if setting == "mtls" else setting]

    def argv(port: int) -> list[str]:
        conf = wd / "redis.conf"
        conf.write_text("\n".join([
            "port 0", f"tls-port {port}", f"bind {HOST}", f"dir {wd}", 'save ""',
            "appendonly no", "daemonize no", f"logfile {wd / 'redis.log'}",
            f"tls-cert-file {chain}", f"tls-key-file {key}", f"tls-ca-cert-file {pki.root}",
            f"tls-auth-clients {'yes' if setting == 'mtls' else 'no'}"]) + "\n")
        return ["redis-server", str(conf)]
    return _spawn("redis", argv, workdir=wd, log_path=wd / "redis.log", timeout=20,
                  cleanup=cleanup, log_is_output=False)


def run_redis(pki: DbPki) -> list[DbCell]:
    """Every Redis fault: one server per setting, redis-cli against it."""
    version = program_version(["redis-cli", "--version"])
    cells: list[DbCell] = []
    for setting, faults in _by_server("redis").items():
        server = _redis_server(pki, setting)
        try:
            for fault in faults:
                argv = ["redis-cli", "-h", HOST, "-p", str(server.port),
                        *fault.client_args(pki), "PING"]
                cells.append(_cell(fault, server, version, functools.partial(_run, argv)))
        finally:
            server.stop()
    return cells
