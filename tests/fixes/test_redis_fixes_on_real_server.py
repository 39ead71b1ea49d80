"""Round 20: Redis's own lines (fixes/snippets.toml [protocols], [ciphers] redis) applied to a
real redis-server 7.0 on 127.0.0.1 (its own redis.conf in a temp dir, never the system
service). Redis's log of a refused client ("Error accepting a client connection: ... no
shared cipher") printed nginx's, Apache's and HAProxy's lines. Now it prints redis.conf's
lines, and these are applied as an operator edits redis.conf: each printed directive in
place of the line of the same name. ``redis-server --test-memory`` is no config check;
redis refuses a bad file at start ("FATAL CONFIG FILE ERROR"), so the start is the check.
Then a new diagnosis (server_software "redis") finds no cipher or version finding, and
redis-cli over TLS, which failed before, gets PONG. Skips without redis-server and redis-cli
(.ci/run installs redis-server, with redis-tools).
"""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import log_until, logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

pytestmark = pytest.mark.skipif(shutil.which("redis-server") is None
                                or shutil.which("redis-cli") is None,
                                reason="redis-server or redis-cli missing (apt: redis-server)")
# An old redis.conf a current client (redis-cli on OpenSSL 3) refuses: a static-RSA suite only
# (Redis logs "no shared cipher"); and one that still accepts TLS 1.0 and 1.1 (works, risky).
_OLD_SUITE = {"tls-protocols": '"TLSv1.2"', "tls-ciphers": "AES128-SHA"}
_OLD_VERSIONS = {"tls-protocols": '"TLSv1 TLSv1.1 TLSv1.2"', "tls-ciphers": "DEFAULT:@SECLEVEL=0"}
_CIPHER_OR_VERSION = {"cipher_suite_mismatch", "weak_cipher_or_no_pfs",
                      "protocol_version_mismatch", "obsolete_protocol_enabled"}


def _conf(d: Path, port: int, settings: dict[str, str]) -> Path:
    conf = d / "redis.conf"
    lines = {"port": "0", "tls-port": str(port), "bind": HOST, "daemonize": "no", "dir": str(d),
             "logfile": str(d / "redis.log"), "save": '""',
             "tls-cert-file": str(d / "leaf.chain.pem"), "tls-key-file": str(d / "leaf.key.pem"),
             "tls-auth-clients": "no", **settings}
    conf.write_text("".join(f"{k} {v}\n" for k, v in lines.items()))
    return conf


def _edited(settings: dict[str, str], code: str) -> dict[str, str]:
    """The printed directives, each in place of the setting of the same name."""
    out = dict(settings)
    for line in code.splitlines():
        if line.strip() and not line.lstrip().startswith("#"):
            name, _, value = line.strip().partition(" ")
            out[name] = value
    return out


@contextmanager
def _redis(d: Path, port: int) -> Iterator[None]:
    with logged_process(["redis-server", str(d / "redis.conf")], d / "out.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        yield


def _ping(d: Path, port: int) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["redis-cli", "--tls", "--cacert", str(d / "ca.pem"), "-h", HOST,
                           "-p", str(port), "PING"], capture_output=True, text=True, timeout=20)


def _pki(d: Path) -> None:
    ca = CA(name="redis test root")
    ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf")
    ca.write(d / "ca.pem")


def _diagnose(d: Path, port: int) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose(f"localhost:{port}", connect=HOST, ca_file=str(d / "ca.pem"),
                              timeout=5, offline=True, server_software="redis")


def test_redis_own_log_gets_redis_lines_which_fix_it(tmp_path: Path) -> None:
    old, needle = _OLD_SUITE, "no shared cipher"
    _pki(tmp_path)
    port = free_port()
    _conf(tmp_path, port, old)
    with _redis(tmp_path, port):
        refused = _ping(tmp_path, port)
        # bounded: 5 s for redis to log the refusal
        log = log_until(tmp_path / "redis.log", lambda text: needle in text, 5)
    assert "PONG" not in refused.stdout, refused.stdout
    line = next((ln for ln in log.splitlines() if needle in ln), log[-1500:])
    r = explain(line)
    assert (r.source, r.side) == ("redis", "server"), (r.source, r.side)
    f = r.findings[0]
    steps = [s for s in f.fix if s.applies_to]
    assert steps and steps[0].applies_to == "redis", [(s.applies_to, s.text) for s in f.fix]
    assert not {s.applies_to for s in f.fix} & {"nginx", "apache", "haproxy"}
    settings = _edited(old, steps[0].code)
    _conf(tmp_path, port, settings)
    with _redis(tmp_path, port):
        after = _diagnose(tmp_path, port)
        fixed = _ping(tmp_path, port)
    assert not {g.cause.value for g in after.findings} & _CIPHER_OR_VERSION, after.summary()
    assert fixed.stdout.strip() == "PONG", (settings, fixed.stderr)


def test_redis_accepting_old_versions_is_fixed_by_its_diagnosed_line(tmp_path: Path) -> None:
    """diagnose of a Redis that still accepts TLS 1.0 and 1.1 (server_software "redis") gives
    Redis's tls-protocols line; in place of the old one, the finding is gone and redis-cli
    still gets PONG."""
    _pki(tmp_path)
    port = free_port()
    _conf(tmp_path, port, _OLD_VERSIONS)
    with _redis(tmp_path, port):
        before = _diagnose(tmp_path, port)
    f = next(f for f in before.findings if f.cause.value == "obsolete_protocol_enabled")
    step = next(s for s in f.fix if s.applies_to == "redis")
    settings = _edited(_OLD_VERSIONS, step.code)
    _conf(tmp_path, port, settings)
    with _redis(tmp_path, port):
        after = _diagnose(tmp_path, port)
        fixed = _ping(tmp_path, port)
    assert "obsolete_protocol_enabled" not in {g.cause.value for g in after.findings}, \
        after.summary()
    assert fixed.stdout.strip() == "PONG", (settings, fixed.stderr)
