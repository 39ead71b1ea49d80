"""Round 17, the real Icinga 2 (Debian's icinga2-bin 2.13) on 127.0.0.1, unprivileged in a
temp dir (every path given with -D, the process user from ICINGA2_USER): a master's API
listener and an agent that connects to it, broken one way at a time. What each node really
logged is fed to explain, which must name the cause and the side; the zones.conf lines and
the ``icinga2 pki`` commands explain printed are applied (the agent's config edited and the
agent restarted; the pki commands run) and must do what they say. Skips when icinga2-bin is
missing (.ci/run installs it)."""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import log_until

BIN = "/usr/lib/x86_64-linux-gnu/icinga2/sbin/icinga2"
pytestmark = pytest.mark.skipif(not os.access(BIN, os.X_OK), reason="icinga2-bin missing")
_DIRS = ("ConfigDir", "DataDir", "LogDir", "CacheDir", "SpoolDir", "InitRunDir")


@pytest.fixture
def tmp_path() -> Iterator[Path]:
    """A directory the daemon's user can reach: pytest's own are private to root, and
    Icinga 2 drops to ICINGA2_USER before it writes its PID file and state."""
    with tempfile.TemporaryDirectory(prefix="tlsdoctor-icinga2-") as d:
        os.chmod(d, 0o777)
        yield Path(d)


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _node(root: Path, name: str, ca: CA, conf: str, *, cert_ca: CA | None = None) -> list[str]:
    """A node's directories, certificate (CN ``name``, issued by ``cert_ca`` or ``ca``),
    ca.crt and icinga2.conf; returns its daemon command line."""
    for d in ("etc", "data/certs", "log", "cache", "spool", "run/icinga2"):
        (root / d).mkdir(parents=True, exist_ok=True)
    leaf = (cert_ca or ca).issue((name,), eku=("serverAuth", "clientAuth"), subject_cn=name)
    cert, key = leaf.write(root / "data/certs", stem=name)
    (root / "data/certs" / f"{name}.crt").write_bytes(cert.read_bytes())
    (root / "data/certs" / f"{name}.key").write_bytes(key.read_bytes())
    (cert_ca or ca).write(root / "data/certs/ca.crt")
    (root / "etc/icinga2.conf").write_text(conf)
    for p in root.rglob("*"):
        p.chmod(0o777 if p.is_dir() else 0o666)
    root.chmod(0o777)
    paths = dict(zip(_DIRS, ("etc", "data", "log", "cache", "spool", "run"), strict=True))
    return [BIN, "daemon", "-c", str(root / "etc/icinga2.conf"), f"-DNodeName={name}",
            *(f"-D{k}={root / v}" for k, v in paths.items())]


def _listener(port: int) -> str:
    return f'object ApiListener "api" {{ bind_host = "127.0.0.1"; bind_port = {port} }}\n'


@contextmanager
def running(argv: list[str], log: Path) -> Iterator[Path]:
    """The daemon in its own process group (its umbrella forks workers), all stopped on
    leaving."""
    env = {**os.environ, "ICINGA2_USER": "nobody", "ICINGA2_GROUP": "nogroup"}
    with log.open("wb") as out:
        proc = subprocess.Popen([*argv, "-x", "notice"], stdin=subprocess.DEVNULL, stdout=out,
                                stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        yield log
    finally:
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(proc.pid, sig)
            except ProcessLookupError:
                break
            try:
                proc.wait(timeout=5)
                time.sleep(0.1)
            except subprocess.TimeoutExpired:
                continue


def _wait_for(log: Path, pattern: str, seconds: float = 15) -> str:
    """The first line of ``log`` matching ``pattern``, awaited (bounded)."""
    def first(text: str) -> str | None:
        return next((line for line in text.splitlines() if re.search(pattern, line)), None)

    line = first(log_until(log, lambda text: first(text) is not None, seconds))
    if line is None:
        raise AssertionError(f"{pattern!r} not logged:\n{log.read_text()[-3000:]}")
    return line


def _pair(tmp_path: Path, ca: CA, *, endpoint: str = "master", agent_ca: CA | None = None,
          ) -> tuple[list[str], list[str], int]:
    port = _port()
    master = _node(tmp_path / "m", "master", ca,
                   'object Endpoint "master" { }\nobject Zone "master" { endpoints = '
                   '[ "master" ] }\nobject Endpoint "agent1" { }\nobject Zone "agent1" { '
                   'endpoints = [ "agent1" ]; parent = "master" }\n' + _listener(port))
    agent = _node(tmp_path / "a", "agent1", ca, _agent_conf(endpoint, port), cert_ca=agent_ca)
    return master, agent, port


def _agent_conf(endpoint: str, port: int, zones: str = "") -> str:
    return (zones or f'object Endpoint "{endpoint}" {{ host = "127.0.0.1"; port = "{port}" }}\n'
            f'object Zone "master" {{ endpoints = [ "{endpoint}" ] }}\n') + \
        'object Endpoint "agent1" { }\nobject Zone "agent1" { endpoints = [ "agent1" ]; ' \
        'parent = "master" }\n' + _listener(_port())


def test_endpoint_named_otherwise_than_the_masters_cn_and_its_fix(tmp_path: Path,
                                                                   ca: CA) -> None:
    master, agent, port = _pair(tmp_path, ca, endpoint="master1.example.com")
    with running(master, tmp_path / "m.log") as mlog:
        _wait_for(mlog, r"Started new listener")
        with running(agent, tmp_path / "a.log") as alog:
            line = _wait_for(alog, r"Unexpected certificate common name")
    r = explain(line)
    assert (r.source, r.side, r.findings[0].cause.value) == ("icinga2", "client",
                                                             "hostname_mismatch")
    assert r.findings[0].confidence >= 0.6
    code = "\n".join(s.code for s in r.findings[0].fix if s.applies_to == "icinga2")
    got = re.search(r"got '([^']+)'", line)
    assert got is not None
    zones = "\n".join(x for x in code.splitlines() if x.startswith("object "))
    zones = (zones.replace("PEER_CN", got.group(1)).replace("PEER_ADDRESS", "127.0.0.1")
             .replace('"5665"', f'"{port}"'))
    (tmp_path / "a/etc/icinga2.conf").write_text(_agent_conf("", port, zones=zones + "\n"))
    check = subprocess.run([*agent[:2], "-C", *agent[2:]], capture_output=True, text=True,
                           timeout=60, env={**os.environ, "ICINGA2_USER": "nobody",
                                            "ICINGA2_GROUP": "nogroup"})
    assert check.returncode == 0, check.stdout[-2000:]  # the printed "icinga2 daemon -C"
    with running(master, tmp_path / "m2.log") as mlog:
        _wait_for(mlog, r"Started new listener")
        with running(agent, tmp_path / "a2.log") as alog:
            ok = _wait_for(alog, r"New client connection for identity 'master' to ")
    assert "certificate validation failed" not in ok
    assert "Unexpected certificate common name" not in (tmp_path / "a2.log").read_text()


def test_agent_of_another_ca_read_on_both_nodes(tmp_path: Path, ca: CA) -> None:
    other = CA(name="another master's CA")
    master, agent, port = _pair(tmp_path, ca, agent_ca=other)
    with running(master, tmp_path / "m.log") as mlog:
        _wait_for(mlog, r"Started new listener")
        with running(agent, tmp_path / "a.log") as alog:
            said = _wait_for(alog, r"Certificate validation failed for endpoint|TLS handshake "
                                   r"failed")
        heard = _wait_for(mlog, r"New client connection for identity 'agent1' from")
    r = explain(said)
    assert r.side == "client" and r.findings[0].cause.value == "cert_untrusted_root", (
        said, [(f.cause.value, f.confidence) for f in r.findings])
    assert r.findings[0].confidence < 0.6  # a CA missing here, or an interception
    r = explain(heard)
    assert "certificate validation failed" in heard
    assert (r.side, r.findings[0].cause.value) == ("server", "client_cert_required")
    # the printed pki commands, run: verify names the agent's certificate as not signed by
    # the master's CA (read by explain as such), save-cert fetches the master's certificate
    code = "\n".join(s.code for f in explain(said).findings for s in f.fix
                     if s.applies_to == "icinga2")
    env = {**os.environ, "ICINGA2_USER": "nobody", "ICINGA2_GROUP": "nogroup"}
    verify = next(x for x in code.splitlines() if x.startswith("icinga2 pki verify"))
    verify = (verify.replace("/var/lib/icinga2/certs/ca.crt", str(tmp_path / "m/data/certs/"
                                                                   "ca.crt"))
              .replace("/var/lib/icinga2/certs/NODE_CN.crt", str(tmp_path / "a/data/certs/"
                                                                  "agent1.crt")))
    out = subprocess.run([BIN, *verify.split()[1:]], capture_output=True, text=True,
                         timeout=60, env=env)
    assert out.returncode != 0 and "is NOT signed by CA" in out.stdout
    r = explain(next(x for x in out.stdout.splitlines() if "NOT signed" in x))
    assert r.findings[0].cause.value == "cert_untrusted_root"
    save = next(x for x in code.splitlines() if x.startswith("icinga2 pki save-cert"))
    trusted = tmp_path / "trusted-parent.crt"
    save = (save.replace("PARENT", "127.0.0.1").replace("5665", str(port))
            .replace("/var/lib/icinga2/certs/trusted-parent.crt", str(trusted)))
    with running(master, tmp_path / "m3.log") as mlog:
        _wait_for(mlog, r"Started new listener")
        out = subprocess.run([BIN, *save.split()[1:]], capture_output=True, text=True,
                             timeout=60, env=env)
    assert out.returncode == 0, out.stdout[-2000:]
    assert "CN=master" in subprocess.run(["openssl", "x509", "-noout", "-subject", "-in",
                                          str(trusted)], capture_output=True,
                                         text=True).stdout.replace(" ", "")
