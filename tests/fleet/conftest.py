"""Fixtures for the fleet tests: a loopback server farm, a real PostgreSQL, real Prometheus.

    farm         factory: Farm(kinds) started for the test (tests/fleet/farm.py)
    postgres     session: a PostgreSQL server of our own (initdb in a temp dir, free
                 port on 127.0.0.1, unix socket in the temp dir), its URL; stopped at the end
    db_url       parametrised: a fresh SQLite file, and a fresh PostgreSQL database
    run_cli      run ``python -m tlsdoctor ...`` in a subprocess (PYTHONPATH = this tree)

PostgreSQL refuses to run as root: when the tests run as root, the server runs as the
``postgres`` user (Debian's package creates it) through ``runuser``, in a directory that
user owns. Each xdist worker starts its own server (no shared state between workers).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tlsdoctor.testing.servers import free_port, wait_ready

sys.path.insert(0, str(Path(__file__).parent))
from farm import Farm
from fleethelp import cli_env


@pytest.fixture
def run_cli(tmp_path: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    def run(*args: str, input: str | None = None, timeout: float = 120,
            cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "tlsdoctor", *args], input=input,
                              capture_output=True, text=True, timeout=timeout,
                              cwd=cwd or tmp_path, env=cli_env())
    return run


@pytest.fixture
def farm() -> Iterator[Callable[..., Farm]]:
    started: list[Farm] = []

    def start(kinds: list[str], **kw: Any) -> Farm:
        f = Farm(kinds, **kw).__enter__()
        started.append(f)
        return f

    yield start
    for f in started:
        f.stop()


# --- PostgreSQL --------------------------------------------------------------------------

def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    return Path(found[-1]).parent if found else None


def _as_pg_user(argv: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return argv
    return ["runuser", "-u", "postgres", "--", *argv]


@pytest.fixture(scope="session")
def postgres() -> Iterator[str]:
    """The URL of a running PostgreSQL (database ``postgres``, trust auth on loopback)."""
    bindir = _pg_bin()
    if bindir is None:
        pytest.skip("PostgreSQL server binaries are not installed (.ci/run installs them)")
    if os.geteuid() == 0:
        try:
            pg_user = pwd.getpwnam("postgres")
        except KeyError:
            pytest.skip("running as root and there is no 'postgres' user to run the server")
    root = Path(tempfile.mkdtemp(prefix="tlsdoctor-pg-"))
    data, port = root / "data", free_port()
    try:
        if os.geteuid() == 0:
            os.chown(root, pg_user.pw_uid, pg_user.pw_gid)
        subprocess.run(_as_pg_user([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                                    "--auth=trust", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
        opts = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={root} "
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off "
                "-c max_connections=50 -c shared_buffers=16MB")
        subprocess.run(_as_pg_user([str(bindir / "pg_ctl"), "-D", str(data),
                                    "-l", str(root / "log"), "-o", opts, "-w", "-t", "60",
                                    "start"]),
                       check=True, capture_output=True, timeout=90)
        wait_ready("127.0.0.1", port, timeout=30)
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(_as_pg_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate",
                                    "-w", "-t", "30", "stop"]), capture_output=True, timeout=60)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def pg_url(postgres: str) -> Iterator[str]:
    """A fresh, empty database on the session's PostgreSQL server."""
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    with psycopg.connect(postgres, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield postgres.rsplit("/", 1)[0] + "/" + name
    with psycopg.connect(postgres, autocommit=True) as conn, contextlib.suppress(Exception):
        conn.execute(f"DROP DATABASE {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "fleet.db")
    return str(request.getfixturevalue("pg_url"))
