"""psql against a real PostgreSQL server with each TLS fault: the client matrix's psql row.

One PostgreSQL server (initdb in a temporary directory, 127.0.0.1 on a free port) serves
every certificate and protocol fault in turn: its TLS settings (``ssl_cert_file``,
``ssl_min/max_protocol_version``, ``ssl_ciphers``, ``ssl``) and ``pg_hba.conf`` are
rewritten and reloaded between runs (PostgreSQL 10+ reloads its TLS context on SIGHUP),
with the same certificate files the openssl servers of ``broken_servers`` use. psql
asks for ``sslmode=verify-full`` with ``sslrootcert`` = the matrix root, the way its users
check a server. Faults about the port itself (plain HTTP, refused, silence, hang-up) use
the matrix's own servers: psql's SSLRequest meets them as any TLS hello would.

PostgreSQL refuses to run as root: as root the server runs as the ``postgres`` user
(``runuser``), in a directory that user owns. Every command is bounded in time.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .broken_servers import HOST, SILENT_WAIT, BrokenSet
from .client_programs import Printed
from .servers import ServerStartError, free_port, wait_ready

__all__ = ["PG_FAULTS", "PgTls", "postgres_tls", "psql_unavailable", "psql_version",
           "run_psql"]

_OUTPUT_CAP = 16 * 1024
_WEAK_OK = "DEFAULT:@SECLEVEL=0"  # lets the server load a weak certificate or old version
_TRUST_HBA = "local all all trust\nhost all all 127.0.0.1/32 trust\n"
_CERT_HBA = "local all all trust\nhostssl all all 127.0.0.1/32 cert\n"

# Faults psql meets on its own server: fault -> (server settings, pg_hba.conf); the
# certificate faults also set ssl_cert_file/ssl_key_file to that fault's files.
PG_FAULTS: dict[str, dict[str, str]] = {
    "ok": {}, "expired": {}, "not_yet_valid": {}, "self_signed": {}, "untrusted_root": {},
    "incomplete_chain": {}, "wrong_host": {}, "wrong_purpose": {},
    "rsa1024": {"ssl_ciphers": _WEAK_OK}, "sha1": {"ssl_ciphers": _WEAK_OK},
    "tls10_11_only": {"ssl_min_protocol_version": "TLSv1", "ssl_max_protocol_version": "TLSv1.1",
                      "ssl_ciphers": _WEAK_OK},
    "tls13_only": {"ssl_min_protocol_version": "TLSv1.3"},
    "cipher_null_only": {"ssl_max_protocol_version": "TLSv1.2",
                         "ssl_ciphers": "ECDHE-ECDSA-NULL-SHA:@SECLEVEL=0"},
    "client_cert_required": {"hba": _CERT_HBA},
    "tls_off": {"ssl": "off"},
}
# psql-only fault (the others are broken_servers.FAULTS)
TLS_OFF = "tls_off"


def _bindir() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def psql_unavailable() -> str | None:
    """Why the psql row cannot run here (None: it can)."""
    if shutil.which("psql") is None:
        return "psql is not installed"
    if _bindir() is None:
        return "PostgreSQL server binaries are not installed"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam("postgres")
        except KeyError:
            return "running as root and there is no 'postgres' user to run the server"
    return None


def psql_version() -> str:
    p = subprocess.run(["psql", "--version"], capture_output=True, timeout=30, check=False)
    return p.stdout.decode("utf-8", "replace").strip()


def _as_server_user(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def _run(argv: list[str], timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(_as_server_user(argv), capture_output=True, timeout=timeout,
                          check=False)


@dataclass(slots=True)
class PgTls:
    """A running PostgreSQL whose TLS settings ``configure`` swaps."""

    root: Path  # owned by the server's user: data, socket, certificate copies
    bindir: Path
    port: int
    files: dict[str, tuple[Path, Path]] = field(default_factory=dict)

    def _copy(self, fault: str, chain: Path, key: Path) -> tuple[str, str]:
        """The server wants its key owned by its user and private (0600)."""
        out = []
        for src, name in ((chain, f"{fault}.crt"), (key, f"{fault}.key")):
            dst = self.root / name
            shutil.copyfile(src, dst)
            dst.chmod(0o600)
            if os.geteuid() == 0:
                pw = pwd.getpwnam("postgres")
                os.chown(dst, pw.pw_uid, pw.pw_gid)
            out.append(str(dst))
        return out[0], out[1]

    def _show(self, name: str) -> str:
        p = _run(["psql", "-h", str(self.root), "-p", str(self.port), "-U", "postgres", "-XtAc",
                  f"SHOW {name}", "postgres"], timeout=15)
        return p.stdout.decode("utf-8", "replace").strip()

    def write(self, fault: str, ca_file: Path) -> tuple[str, str]:
        """Write ``fault``'s TLS settings and pg_hba.conf; (certificate file, ssl on/off)."""
        settings = dict(PG_FAULTS[fault])
        hba = settings.pop("hba", _TRUST_HBA)
        chain, key = self._copy(fault, *self.files.get(fault, self.files["ok"]))
        conf = {"ssl": "on", "ssl_cert_file": chain, "ssl_key_file": key,
                "ssl_ca_file": self._copy("ca", ca_file, ca_file)[0] if hba == _CERT_HBA else "",
                "ssl_min_protocol_version": "TLSv1.2", "ssl_max_protocol_version": "",
                "ssl_ciphers": "HIGH:MEDIUM:+3DES:!aNULL", **settings}
        data = self.root / "data"
        (data / "tls.conf").write_text("".join(f"{k} = '{v}'\n" for k, v in conf.items()))
        (data / "pg_hba.conf").write_text(hba)
        return chain, conf["ssl"]

    def configure(self, fault: str, ca_file: Path) -> None:
        """Serve ``fault``: write, reload, and return once a new backend sees the settings
        (the postmaster reloads its TLS context before it forks one); a TLS context the
        server refused to load is an error, not a silent fallback to the previous one."""
        log = self.root / "log"
        seen = log.stat().st_size if log.exists() else 0
        chain, ssl = self.write(fault, ca_file)
        _run([str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "reload"], timeout=30)
        deadline = time.monotonic() + 10
        while self._show("ssl_cert_file") != chain or self._show("ssl") != ssl:
            if time.monotonic() > deadline:
                raise ServerStartError(f"PostgreSQL did not reload its TLS settings for {fault}")
            time.sleep(0.05)  # poll interval while the postmaster reloads
        with log.open("rb") as f:
            f.seek(seen)
            new = f.read().decode("utf-8", "replace")
        # Only the reload's own complaints: the backend of the previous psql run may log its
        # refused handshake ("could not accept SSL connection") just now as well.
        bad = [line for line in new.splitlines()
               if "could not load" in line or "not reloaded" in line]
        if bad:
            said = bad[0].split("LOG:", 1)[-1].strip()
            raise ServerStartError(f"PostgreSQL refused the TLS settings for {fault}: {said}")


@contextlib.contextmanager
def postgres_tls(files: dict[str, tuple[Path, Path]]) -> Iterator[PgTls]:
    """A PostgreSQL server on 127.0.0.1 for the psql row; stopped on exit."""
    bindir = _bindir()
    if bindir is None:
        raise ServerStartError("PostgreSQL server binaries are not installed")
    # Its own directory under the system temp dir: a test's work directory is private to
    # root, and the server's user must reach its files.
    root = Path(tempfile.mkdtemp(prefix="tlsdoctor-psql-", dir=os.environ.get("TMPDIR")))
    try:
        if os.geteuid() == 0:
            pw = pwd.getpwnam("postgres")
            os.chown(root, pw.pw_uid, pw.pw_gid)
        data, port = root / "data", free_port()
        p = _run([str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "--auth=trust",
                  "-E", "UTF8", "--no-sync", "--no-instructions"], timeout=120)
        if p.returncode != 0:
            raise ServerStartError(f"initdb failed: {p.stderr.decode('utf-8', 'replace')[:300]}")
        with (data / "postgresql.conf").open("a") as conf:
            conf.write(f"listen_addresses = '127.0.0.1'\nport = {port}\n"
                       f"unix_socket_directories = '{root}'\nfsync = off\nshared_buffers = 16MB\n"
                       "max_connections = 20\ninclude_if_exists = 'tls.conf'\n")
        server = PgTls(root=root, bindir=bindir, port=port, files=files)
        server.write("ok", files["ok"][0])
        p = _run([str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log"), "-w", "-t",
                  "60", "start"], timeout=90)
        try:
            if p.returncode != 0:
                said = (root / "log").read_text()[-300:]
                raise ServerStartError(f"PostgreSQL did not start: {said}")
            wait_ready("127.0.0.1", port, timeout=30)
            yield server
        finally:
            _run([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "-t", "30",
                  "stop"], timeout=60)
    finally:
        shutil.rmtree(root, ignore_errors=True)


def run_psql(port: int, ca_file: Path, fault: str, *, timeout: float = 5.0) -> Printed:
    """psql's run against 127.0.0.1:``port`` as its users check a server (verify-full)."""
    cap = " ssl_max_protocol_version=TLSv1.2" if fault == "tls13_only" else ""
    wait = SILENT_WAIT if fault == "silent_drop" else timeout
    conninfo = (f"host={HOST} hostaddr=127.0.0.1 port={port} dbname=postgres user=postgres "
                f"sslmode=verify-full sslrootcert={ca_file} connect_timeout={int(wait)}{cap}")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PG")}
    env.update(LC_ALL="C.UTF-8", PGSSLCERT="/nonexistent/postgresql.crt",
               PGSSLKEY="/nonexistent/postgresql.key")
    try:
        p = subprocess.run(["psql", "-XtAc", "SELECT 1", conninfo], capture_output=True,
                           stdin=subprocess.DEVNULL, timeout=wait + 4, env=env, check=False)
    except subprocess.TimeoutExpired as exc:
        partial = bytes(exc.stdout or b"") + bytes(exc.stderr or b"")
        return Printed(client="psql", text=partial.decode("utf-8", "replace")[:_OUTPUT_CAP],
                       exit_code=None)
    text = (p.stdout + p.stderr).decode("utf-8", "replace")
    return Printed(client="psql", text=text[:_OUTPUT_CAP], exit_code=p.returncode)


_LAB_FAULTS = ("plain_http", "refused", "silent_drop", "hangup")  # the matrix's own servers


def psql_row(lab: BrokenSet) -> Iterator[tuple[str, Printed | None, str]]:
    """(fault, what psql printed or None, why not run) for every fault psql can meet."""
    with postgres_tls(lab.files) as pg:
        for fault in PG_FAULTS:
            try:
                pg.configure(fault, lab.ca_file)
            except ServerStartError as exc:
                yield fault, None, str(exc)
                continue
            yield fault, run_psql(pg.port, lab.ca_file, fault), ""
    for fault in _LAB_FAULTS:
        if fault in lab.ports:
            yield fault, run_psql(lab.port(fault), lab.ca_file, fault), ""
        else:
            yield fault, None, lab.skipped.get(fault, "not running")
    yield "sni_rejected", None, "PostgreSQL neither chooses nor refuses a certificate by SNI"
