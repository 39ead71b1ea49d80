"""Round 18: the fix lines explain prints for Prosody's and Kamailio's own log lines, applied
to the real programs on 127.0.0.1 (fixes/sipxmpp_text.py). Prosody 0.12 runs as the prosody
user (as root it refuses to serve); its key unreadable by that user is the failure. The
printed lines are run (prosodyctl --root cert import; chgrp/chmod with the host's own ssl
line), prosodyctl check config and check certs pass, Prosody restarted, and an XMPP client
gets STARTTLS and a verified handshake (before: no STARTTLS offered). Kamailio 5.6 requires a
client certificate: the printed openssl s_client line with a certificate from its CA, and
the printed tls.cfg ca_list line for a client of another CA, each make the handshake pass
(before: Kamailio's "TLS accept" error). Before round 18 Prosody's own failure printed
nginx's, Apache's and HAProxy's cipher lines, and Kamailio's log printed no Kamailio line.
Skips when prosody/prosodyctl, its user or root, or kamailio with its tls module is
missing."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.prosody_run import (
    can_run_prosody,
    prosody_config,
    running_prosody,
    xmpp_starttls,
)
from tlsdoctor.testing.servers import free_port

_TIMEOUT = 30  # seconds any command may run
_PROSODY = pytest.mark.skipif(not can_run_prosody(),
                              reason="prosody, prosodyctl, its user or root missing")


def _fix(text: str, source: str, cause: str) -> str:
    r = explain(text)
    assert r.recognized and r.findings, text[-1500:]
    top = r.findings[0]
    assert (r.source, top.cause.value) == (source, cause), (r.source, top.cause, text[-800:])
    return "\n".join(s.code for s in top.fix if s.code)


def _sh(line: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["sh", "-c", line], cwd=cwd, stdin=subprocess.DEVNULL,
                          capture_output=True, text=True, timeout=_TIMEOUT, check=False)


@pytest.fixture(scope="module")
def prosody_lab() -> Iterator[Path]:
    """A directory any user may traverse (pytest's own are root's only), removed after."""
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-prosody-"))
    os.chmod(d, 0o755)
    try:
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _own_files(d: Path) -> tuple[Path, Path]:
    """localhost's certificate and key under ``d``/own, the key root's only (mode 600)."""
    own = d / "own"
    own.mkdir(exist_ok=True)
    os.chmod(own, 0o755)
    leaf = self_signed(["localhost"], key_type="rsa2048")
    crt, key = own / "localhost.crt", own / "localhost.key"
    crt.write_bytes(leaf.cert_pem)
    key.write_bytes(leaf.key_pem)
    os.chmod(crt, 0o644)
    os.chmod(key, 0o600)
    return crt, key


def _ctl(cfg: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["prosodyctl", "--config", str(cfg), *args], capture_output=True,
                          text=True, timeout=_TIMEOUT, stdin=subprocess.DEVNULL, check=False)


def _failing(d: Path, crt: Path, key: Path) -> tuple[Path, int, str]:
    """Prosody with the host's ssl line naming a key it cannot read: its log's fix code,
    after checking that no client gets STARTTLS."""
    port = free_port()
    ssl_line = f'  ssl = {{ certificate = "{crt}"; key = "{key}" }}'
    cfg = prosody_config(d, port, ssl_line)
    with running_prosody(cfg, port) as log:
        before = xmpp_starttls(port, crt)
        text = log.read_text(errors="replace")
    assert not before.startswith("ok"), before
    line = next(ln for ln in text.splitlines() if "SSL/TLS: Failed to load" in ln)
    code = _fix(line, "prosody", "server_misconfiguration")
    assert "ssl_ciphers" not in code  # nginx's line, printed before round 18
    return cfg, port, code


def _serves(cfg: Path, port: int, crt: Path) -> None:
    """prosodyctl's checks pass, and a restarted Prosody completes STARTTLS."""
    checked = _ctl(cfg, "check", "config")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    certs = _ctl(cfg, "check", "certs")
    assert certs.returncode == 0, certs.stdout + certs.stderr
    with running_prosody(cfg, port):
        after = xmpp_starttls(port, crt)
    assert after.startswith("ok"), after


@_PROSODY
def test_prosody_key_unreadable_the_printed_permissions_applied(prosody_lab: Path) -> None:
    d = prosody_lab / "perm"
    d.mkdir()
    crt, key = _own_files(d)
    cfg, port, code = _failing(d, crt, key)
    assert _ctl(cfg, "check", "certs").returncode != 0  # prosodyctl sees it too
    ran = 0
    for line in code.splitlines():
        if line.startswith(("sudo chgrp", "sudo chmod")):
            done = _sh(line.replace("sudo ", "").replace(
                "/etc/prosody/certs/example.com.key", str(key)), d)
            assert done.returncode == 0, (line, done.stderr)
            ran += 1
    assert ran == 2, code
    _serves(cfg, port, crt)


@_PROSODY
def test_prosody_key_unreadable_the_printed_import_applied(prosody_lab: Path) -> None:
    """The step's first lines: prosodyctl --root cert import from the directory holding the
    host's files, the host's own ssl line removed (as the step says)."""
    d = prosody_lab / "import"
    d.mkdir()
    crt, key = _own_files(d)
    cfg, port, code = _failing(d, crt, key)
    line = next(ln for ln in code.splitlines() if " cert import " in ln)
    imported = _sh(line.replace("sudo prosodyctl ", f"prosodyctl --config {cfg} ")
                   .replace("/etc/letsencrypt/live", str(crt.parent)), d)
    assert imported.returncode == 0, imported.stdout + imported.stderr
    cfg = prosody_config(d, port, "")  # the host's own ssl line removed
    _serves(cfg, port, crt)
