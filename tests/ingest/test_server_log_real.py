"""Round 15, real servers: a server's own start-up lines (ingest/server_log.py).

On 127.0.0.1: Apache httpd, nginx and HAProxy are started (or refused by their own
configuration test) in the shapes the class names, and the exact lines each wrote are fed to
explain: a start-up warning that fails no handshake gives no finding (and a client then gets
the page: nothing was broken), a configuration error is the server's own configuration.
Dovecot builds its TLS context per connection: its configuration error is written on a
client's connection line (with the client's address), and is still the server's.
The per-connection half (a client speaking plain HTTP, offering only TLS 1.0, rejecting the
certificate, connecting and closing) is the server-log matrix's
(tests/ingest/test_server_log_matrix.py, the same servers plus Go net/http and Python ssl).
Each server is stopped by its context manager; every client is bounded in time.
"""

from __future__ import annotations

import dataclasses
import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.causes import Cause, Party
from tlsdoctor.testing import serverkinds, serverlogs
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.servers import (
    ServerStartError,
    apache_server,
    free_port,
    haproxy_server,
    have_apache,
    have_haproxy,
    have_nginx,
    nginx_tls_server,
)

_LIMIT = 15.0


def _lines(log: str, word: str) -> str:
    """The lines of ``log`` that hold ``word`` (the server's own, as it wrote them)."""
    got = "\n".join(ln for ln in log.splitlines() if word in ln)
    assert got, f"the server wrote no {word!r} line:\n{log[-2000:]}"
    return got


def _no_finding(text: str) -> None:
    r = explain(text)
    assert r.recognized and r.side == "server", (r.side, text)
    assert not r.findings, [f.cause.value for f in r.findings]


def _servers_own(text: str) -> None:
    r = explain(text)
    assert r.side == "server"
    top = r.findings[0]
    assert top.cause is Cause.SERVER_MISCONFIGURATION and top.who_fixes is Party.SERVER, text


def _curl_ok(port: int, ca: Path) -> bool:
    done = subprocess.run(["curl", "-sS", "--cacert", str(ca), "--resolve",
                           f"localhost:{port}:127.0.0.1", f"https://localhost:{port}/"],
                          capture_output=True, timeout=_LIMIT, check=False)
    return done.returncode == 0


@pytest.fixture()
def pki(tmp_path: Path) -> dict[str, Path]:
    root = CA(name="server log round 15 root")
    leaf = root.issue(["localhost"])
    chain, key = leaf.write(tmp_path, stem="site")
    full_chain, _ = leaf.write(tmp_path / "full", stem="site", include_root=True)
    _, other_key = root.issue(["localhost"]).write(tmp_path, stem="other")
    return {"chain": chain, "full_chain": full_chain, "key": key, "other_key": other_key,
            "root": root.write(tmp_path / "root.pem")}


@pytest.mark.skipif(not have_apache(), reason="apache2 is not installed")
def test_apache_name_warning_for_a_placeholder_vhost_is_no_fault(pki: dict[str, Path]) -> None:
    # the certificate names localhost; the vhost's ServerName is the example placeholder
    with apache_server(pki["chain"], pki["key"],
                       site_lines=["ServerName www.example.com"]) as server:
        assert _curl_ok(server.port, pki["root"])  # the site works: nothing failed
        text = _lines(server.log(), "AH01909")
    _no_finding(text)


@pytest.mark.skipif(not have_apache(), reason="apache2 is not installed")
def test_apache_key_that_does_not_fit_is_the_servers_configuration(
        pki: dict[str, Path]) -> None:
    with pytest.raises(ServerStartError) as failed:
        apache_server(pki["chain"], pki["other_key"], timeout=_LIMIT).stop()
    _servers_own(_lines(str(failed.value), "AH0"))


@pytest.mark.skipif(not have_nginx(), reason="nginx is not installed")
def test_nginx_stapling_warning_is_no_fault(pki: dict[str, Path]) -> None:
    # the certificate carries no OCSP responder URL (its issuer is in the file): nginx
    # ignores ssl_stapling, and says so
    with nginx_tls_server(pki["full_chain"], pki["key"],
                          site_lines=["ssl_stapling on;"]) as server:
        assert _curl_ok(server.port, pki["root"])
        text = _lines(server.log(), "ssl_stapling")
        assert "no OCSP responder URL" in text
    _no_finding(text)


@pytest.mark.skipif(not have_nginx(), reason="nginx is not installed")
def test_nginx_missing_certificate_is_the_servers_configuration(
        pki: dict[str, Path], tmp_path: Path) -> None:
    with pytest.raises(ServerStartError) as failed:
        nginx_tls_server(tmp_path / "absent.pem", pki["key"], timeout=_LIMIT).stop()
    _servers_own(_lines(str(failed.value), "[emerg]"))


@pytest.mark.skipif(not have_haproxy(), reason="haproxy is not installed")
def test_haproxy_key_that_does_not_fit_is_the_servers_configuration(
        pki: dict[str, Path], tmp_path: Path) -> None:
    pem = tmp_path / "mismatch.pem"
    pem.write_bytes(pki["chain"].read_bytes() + pki["other_key"].read_bytes())
    with pytest.raises(ServerStartError) as failed:
        haproxy_server(pki["chain"], pki["key"], crt_path=pem, timeout=_LIMIT).stop()
    _servers_own(_lines(str(failed.value), "ALERT"))


@pytest.mark.skipif(not serverkinds.have_dovecot(), reason="dovecot is not installed")
def test_dovecot_key_that_does_not_fit_is_the_servers_configuration(tmp_path: Path) -> None:
    tmp_path.chmod(0o755)  # its login processes run as dovenull and read the files
    pki = serverlogs.make_pki(tmp_path)
    _, other_key = CA(name="another root").issue(["localhost"]).write(tmp_path, stem="other")
    other_key.chmod(0o644)
    with serverkinds._dovecot_one(dataclasses.replace(pki, key=other_key), mtls=False) as s:
        subprocess.run(["openssl", "s_client", "-connect", f"127.0.0.1:{s.port}"], input=b"",
                       capture_output=True, timeout=_LIMIT, check=False)
        wait_until(lambda: "SSL server context" in s.log(), _LIMIT)
        text = _lines(s.log(), "SSL server context")
    assert "rip=127.0.0.1" in text  # written on the client's connection
    _servers_own(text)


@pytest.mark.skipif(shutil.which("redis-server") is None, reason="redis-server is not installed")
def test_redis_missing_certificate_is_the_servers_configuration(pki: dict[str, Path],
                                                                tmp_path: Path) -> None:
    done = subprocess.run(["redis-server", "--port", "0", "--bind", "127.0.0.1", "--tls-port",
                           str(free_port()), "--tls-cert-file", str(tmp_path / "absent.crt"),
                           "--tls-key-file", str(pki["key"]), "--tls-ca-cert-file",
                           str(pki["root"]), "--save", ""],
                          capture_output=True, text=True, timeout=_LIMIT, check=False)
    assert done.returncode != 0  # it refuses to start
    _servers_own(_lines(done.stdout, "Failed to"))


@pytest.mark.skipif(not serverkinds.have_postgres() or os.geteuid() != 0,
                    reason="PostgreSQL server binaries, the postgres user and root are needed")
def test_postgres_world_readable_key_is_the_servers_configuration(
        pki: dict[str, Path]) -> None:
    bindir = serverkinds._pg_bin()
    assert bindir is not None
    pg = pwd.getpwnam("postgres")
    # a directory the postgres user can reach (pytest's own tree is root's alone)
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-pg15-") as name:
        wd = Path(name)
        wd.chmod(0o755)
        crt, key = wd / "server.crt", wd / "server.key"
        shutil.copyfile(pki["chain"], crt)
        shutil.copyfile(pki["key"], key)
        key.chmod(0o644)  # readable by everyone: the server refuses such a key
        for p in (wd, crt, key):
            os.chown(p, pg.pw_uid, pg.pw_gid)
        as_pg = ["runuser", "-u", "postgres", "--"]
        subprocess.run([*as_pg, str(bindir / "initdb"), "-D", str(wd / "data"), "-U",
                        "postgres", "--auth=trust", "--no-sync"], check=True,
                       capture_output=True, timeout=120)
        done = subprocess.run([*as_pg, str(bindir / "postgres"), "-D", str(wd / "data"), "-c",
                               "listen_addresses=", "-c", f"unix_socket_directories={wd}", "-c",
                               "ssl=on", "-c", f"ssl_cert_file={crt}", "-c",
                               f"ssl_key_file={key}"],
                              capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode != 0  # it refuses to start
    _servers_own(_lines(done.stderr, "FATAL"))
