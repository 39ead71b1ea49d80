"""Round 20: PostgreSQL's own lines (fixes/snippets.toml [protocols], [ciphers] postgresql)
applied to a real PostgreSQL 15 on 127.0.0.1 (initdb in a temp dir, never the system
cluster; testing/postgres_tls.py). Before, tlsdoctor had no PostgreSQL lines:
``--server postgresql`` was refused, and the steps were nginx's, Apache's and HAProxy's.

Two servers: one still accepting TLS 1.0 and 1.1 beside 1.2 and 1.3 (risky), and one with
only a static-RSA suite (TLS 1.2 at most), which this machine's OpenSSL 3 client does not
offer (fails). Each is diagnosed over STARTTLS (``starttls="postgres"``,
``server_software="postgresql"``). The step's ``name = value`` lines replace the same settings in the server's
configuration, and the printed reload (``SELECT pg_reload_conf()``) runs. Then the finding
is gone, and psql with verify-full runs its query.
Skips without the PostgreSQL server binaries and psql (.ci/run installs postgresql).
"""

from __future__ import annotations

import re
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.postgres_tls import (
    PgTls,
    postgres_tls,
    psql_unavailable,
    run_psql,
)
from tlsdoctor.testing.servers import HOST

pytestmark = pytest.mark.skipif(psql_unavailable() is not None,
                                reason=str(psql_unavailable()))
_OLD = {"old_versions": {"ssl_min_protocol_version": "TLSv1", "ssl_max_protocol_version": "",
                         "ssl_ciphers": "HIGH:MEDIUM:+3DES:!aNULL:@SECLEVEL=0"},
        "static_rsa": {"ssl_max_protocol_version": "TLSv1.2", "ssl_ciphers": "AES128-SHA"}}


@pytest.fixture(scope="module")
def pg(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[PgTls, Path]]:
    d = tmp_path_factory.mktemp("pg20")
    ca = CA(name="PostgreSQL test root")
    chain, key = ca.issue(["localhost"], ip_addresses=[HOST], key_type="rsa2048").write(
        d, stem="server")
    root = ca.write(d / "ca.pem")
    with postgres_tls({"ok": (chain, key)}) as server:
        yield server, root


def _diagnose(server: PgTls, root: Path) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{server.port}", connect=HOST, ca_file=str(root),
                              starttls="postgres", timeout=5, offline=True,
                              server_software="postgresql")


def _settings(tls_conf: Path) -> dict[str, str]:
    return dict(line.split(" = ", 1) for line in tls_conf.read_text().splitlines() if line)


def _apply(server: PgTls, code: str) -> None:
    """The step's settings in place of the same ones; its reload run (as the server's user,
    on this server's socket); back once a new backend sees them."""
    conf = server.root / "data" / "tls.conf"
    settings = _settings(conf)
    for line in code.splitlines():
        m = re.fullmatch(r"(\w+) = ('.*'|\w+)", line.strip())
        if m:
            settings[m[1]] = m[2]
    conf.write_text("".join(f"{k} = {v}\n" for k, v in settings.items()))
    reload = re.search(r"psql -c '(SELECT pg_reload_conf\(\))'", code)
    assert reload, code
    subprocess.run(["runuser", "-u", "postgres", "--", "psql", "-h", str(server.root), "-p",
                    str(server.port), "-U", "postgres", "-XtAc", reload[1], "postgres"],
                   check=True, capture_output=True, timeout=30)
    applied = [ln for ln in code.splitlines() if re.fullmatch(r"\w+ = ('.*'|\w+)", ln.strip())]
    assert applied, code
    want = {k: v.strip("'") for k, v in settings.items()}
    deadline = time.monotonic() + 10
    while any(server._show(k) != want[k] for k in ("ssl_min_protocol_version", "ssl_ciphers")):
        assert time.monotonic() < deadline, "PostgreSQL did not reload the settings"
        time.sleep(0.05)  # poll interval while the postmaster reloads


@pytest.mark.parametrize(("old", "cause"), [("old_versions", "obsolete_protocol_enabled"),
                                            ("static_rsa", "cipher_suite_mismatch")])
def test_postgresqls_lines_fix_the_real_server(old: str, cause: str,
                                               pg: tuple[PgTls, Path]) -> None:
    server, root = pg
    server.configure("ok", root)
    _apply(server, "psql -c 'SELECT pg_reload_conf()'\n" + "\n".join(
        f"{k} = '{v}'" for k, v in _OLD[old].items()))
    before = _diagnose(server, root)
    f = next((f for f in before.findings if f.cause.value == cause), None)
    assert f is not None, before.summary()
    step = next(s for s in f.fix if s.applies_to == "postgresql")
    assert not {s.applies_to for s in f.fix} & {"nginx", "apache", "haproxy"}, f.fix
    _apply(server, step.code)
    after = _diagnose(server, root)
    assert cause not in {g.cause.value for g in after.findings}, (step.code, after.summary())
    got = run_psql(server.port, root, "ok")
    assert got.exit_code == 0 and got.text.strip() == "1", got.text
