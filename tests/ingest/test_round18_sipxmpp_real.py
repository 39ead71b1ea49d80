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
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from harvest_checks import top_fix_code

from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.kamailio_tls import have_kamailio, running_kamailio
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


_fix = top_fix_code


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


# -- Kamailio: a listener requiring a client certificate from its own CA (testing/kamailio_tls).
_KAMAILIO = pytest.mark.skipif(not have_kamailio(),
                               reason="kamailio, its tls module or openssl missing")
_OPTIONS = (b"OPTIONS sip:localhost SIP/2.0\r\nVia: SIP/2.0/TLS 127.0.0.1;branch=z9hG4bK-18\r\n"
            b"From: <sip:t@localhost>;tag=1\r\nTo: <sip:localhost>\r\nCall-ID: r18@127.0.0.1\r\n"
            b"CSeq: 1 OPTIONS\r\nMax-Forwards: 5\r\nContent-Length: 0\r\n\r\n")


def _sip(port: int, ca: Path, cert: tuple[Path, Path] | None) -> str:
    """One SIP OPTIONS over TLS from Python's ssl (the printed Python line: load_cert_chain
    with the client's files): Kamailio's reply line, or the error (bounded: 10 s)."""
    ctx = ssl.create_default_context(cafile=str(ca))
    if cert is not None:
        ctx.load_cert_chain(str(cert[0]), str(cert[1]))
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
                ctx.wrap_socket(raw, server_hostname="localhost") as tls:
            tls.sendall(_OPTIONS)
            return tls.recv(4096).decode("utf-8", "replace").split("\r\n")[0]
    except (OSError, ssl.SSLError) as e:
        return f"failed: {e}"


def _s_client(line: str, port: int, files: dict[str, str], cwd: Path) -> None:
    """The printed openssl s_client line, this listener and the client's files filled in."""
    argv = [files.get(w, w) for w in line.replace("HOST:443", f"127.0.0.1:{port}").split()]
    subprocess.run(argv, cwd=cwd, stdin=subprocess.DEVNULL, capture_output=True,
                   timeout=_TIMEOUT, check=False)


def _refusals(log: Path) -> int:
    time.sleep(0.5)  # Kamailio's worker logs a failure just after the client leaves
    return log.read_text(errors="replace").count("TLS accept:error")


@_KAMAILIO
def test_kamailio_without_client_certificate_the_printed_client_lines_applied(
        tmp_path: Path) -> None:
    with running_kamailio(tmp_path) as (port, ca, log):
        before = _sip(port, tmp_path / "ca.pem", None)
        assert _refusals(log) == 1 and not before.startswith("SIP/2.0"), before
        code = _fix(log.read_text(errors="replace"), "kamailio", "client_cert_required")
        cert, key = ca.issue(["sip-client.localhost"], eku=("clientAuth",)).write(
            tmp_path, stem="client")
        line = next(ln for ln in code.splitlines() if ln.startswith("openssl s_client"))
        _s_client(line, port, {"client.pem": str(cert), "client.key": str(key)}, tmp_path)
        assert _refusals(log) == 1  # no new refusal
        after = _sip(port, tmp_path / "ca.pem", (cert, key))
        assert after.startswith("SIP/2.0 404"), after
        assert _refusals(log) == 1


@_KAMAILIO
def test_kamailio_client_of_another_ca_the_printed_ca_list_applied(tmp_path: Path) -> None:
    other = CA(name="sip clients' own root")
    cert, key = other.issue(["sip-client.example"], eku=("clientAuth",)).write(
        tmp_path, stem="stranger")
    other.write(tmp_path / "client-ca.pem")
    with running_kamailio(tmp_path / "before") as (port, _, log):
        before = _sip(port, tmp_path / "before" / "ca.pem", (cert, key))
        assert _refusals(log) == 1 and not before.startswith("SIP/2.0"), before
        code = _fix(log.read_text(errors="replace"), "kamailio", "client_cert_required")
    assert "ca_list = " in code, code
    after_dir = tmp_path / "after"
    after_dir.mkdir()
    shutil.copy(tmp_path / "client-ca.pem", after_dir / "client-ca.pem")
    # the printed cat line joins the CA list Kamailio had (the first run's) with the
    # client's CA, and the restart reads ca_list
    cat = next(ln for ln in code.splitlines() if ln.startswith("cat "))
    joined = _sh(cat.replace("sudo ", "").replace("/etc/kamailio/ca.pem",
                                                  str(tmp_path / "before" / "ca.pem"))
                 .replace("/etc/kamailio/client-cas.pem", "client-cas.pem"), after_dir)
    assert joined.returncode == 0, joined.stderr
    ca_list = next(ln for ln in code.splitlines() if ln.startswith("ca_list = "))
    value = ca_list.split("=", 1)[1].strip().replace("/etc/kamailio/client-cas.pem",
                                                     str(after_dir / "client-cas.pem"))
    with running_kamailio(after_dir, {"ca_list": value}) as (port, _, log):
        served = _sip(port, after_dir / "ca.pem", (cert, key))
        assert served.startswith("SIP/2.0 404"), (served, log.read_text()[-1500:])
        assert _refusals(log) == 0


@_KAMAILIO
def test_kamailio_the_printed_no_certificate_settings_applied(tmp_path: Path) -> None:
    """The step's other branch: verify_certificate and require_certificate off; a client
    without a certificate is then served."""
    with running_kamailio(tmp_path / "before") as (port, _, log):
        _sip(port, tmp_path / "before" / "ca.pem", None)
        assert _refusals(log) == 1
        code = _fix(log.read_text(errors="replace"), "kamailio", "client_cert_required")
    off = dict(ln.lstrip("# ").split(" = ") for ln in code.splitlines()
               if ln.startswith("# ") and ln.endswith(" = no"))
    assert off == {"verify_certificate": "no", "require_certificate": "no"}, code
    with running_kamailio(tmp_path / "after", off) as (port, _, log):
        served = _sip(port, tmp_path / "after" / "ca.pem", None)
        assert served.startswith("SIP/2.0 404") and _refusals(log) == 0, served
