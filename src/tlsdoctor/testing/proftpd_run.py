"""A real ProFTPD with mod_tls on 127.0.0.1 serving anonymous FTP over TLS from its own
configuration in a temporary directory (never /etc/proftpd), in the foreground (``-n``),
stopped when done. Round 17 (docs/explain-upstream.md).

Debian's proftpd-core conflicts with vsftpd (both provide ftp-server), so .ci/run unpacks
proftpd-core, proftpd-mod-crypto (mod_tls) and the libraries it lacks under
/opt/tlsdoctor-proftpd with apt-get download and dpkg -x; an installed proftpd is used when
there is one.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .ca import self_signed
from .processes import logged_process
from .servers import HOST, free_port, wait_ready

__all__ = ["FILE_TEXT", "Proftpd", "have_proftpd", "run_proftpd"]

FILE_TEXT = "hello over ftps from proftpd\n"
ROOT = Path("/opt/tlsdoctor-proftpd")
_READY = 10.0  # seconds ProFTPD may take to listen


def _binary() -> tuple[str, Path, dict[str, str]] | None:
    """(proftpd, its module directory, its environment), or None."""
    unpacked = ROOT / "usr/sbin/proftpd"
    if unpacked.is_file() and (ROOT / "usr/lib/proftpd/mod_tls.so").is_file():
        libs = str(ROOT / "usr/lib/x86_64-linux-gnu")
        return str(unpacked), ROOT / "usr/lib/proftpd", {**os.environ, "LD_LIBRARY_PATH": libs}
    system = shutil.which("proftpd")
    if system and Path("/usr/lib/proftpd/mod_tls.so").is_file():
        return system, Path("/usr/lib/proftpd"), dict(os.environ)
    return None


def have_proftpd() -> bool:
    return _binary() is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class Proftpd:
    """A running ProFTPD: where it listens, its certificate, and its TLSLog."""

    port: int
    workdir: Path
    cert: Path
    tls_log: Path

    def log_text(self) -> str:
        return self.tls_log.read_text("utf-8", "replace") if self.tls_log.exists() else ""


def _tls(d: Path, tls_lines: str, tls: bool) -> str:
    """The <IfModule mod_tls.c> body: the test's TLS set-up (unless ``tls`` is False) and
    ``tls_lines``, with %CERT% and %KEY% standing for this server's files."""
    lines = tls_lines.replace("%CERT%", str(d / "cert.pem")).replace("%KEY%", str(d / "key.pem"))
    own = (f"  TLSEngine on\n  TLSRequired on\n  TLSRSACertificateFile {d}/cert.pem\n"
           f"  TLSRSACertificateKeyFile {d}/key.pem\n  TLSVerifyClient off\n") if tls else ""
    return f"  TLSLog {d}/tls.log\n{own}{lines}"


def _config(d: Path, port: int, modules: Path, tls_body: str) -> str:
    return f"""ServerType standalone
DefaultServer on
Port {port}
DefaultAddress {HOST}
UseIPv6 off
User nobody
Group nogroup
PidFile {d}/proftpd.pid
ScoreboardFile {d}/proftpd.scoreboard
DelayTable none
WtmpLog off
UseReverseDNS off
ModulePath {modules}
LoadModule mod_tls.c
SystemLog {d}/system.log
TransferLog none
RequireValidShell off
<IfModule mod_tls.c>
{tls_body}</IfModule>
<Anonymous {d}/pub>
  User ftp
  Group nogroup
  UserAlias anonymous ftp
  RequireValidShell off
</Anonymous>
"""


@contextlib.contextmanager
def run_proftpd(tls_lines: str = "", *, tls: bool = True) -> Iterator[Proftpd]:
    """ProFTPD requiring TLS (TLSRequired on) with mod_tls's defaults (session reuse required
    on data connections) and ``tls_lines`` (directives as a fix prints them) in its
    <IfModule mod_tls.c> section; ``tls=False``: no TLS set-up but ``tls_lines``."""
    found = _binary()
    assert found is not None, "ProFTPD with mod_tls is not available"
    binary, modules, env = found
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-proftpd-"))
    try:
        (d / "pub").mkdir()
        for p in (d, d / "pub"):
            os.chmod(p, 0o755)  # the ftp user must read the served file
        (d / "pub" / "hello.txt").write_text(FILE_TEXT)
        os.chmod(d / "pub" / "hello.txt", 0o644)
        leaf = self_signed(["localhost"], ip_addresses=["127.0.0.1"], key_type="rsa2048")
        (d / "cert.pem").write_bytes(leaf.cert_pem)
        (d / "key.pem").write_bytes(leaf.key_pem)
        os.chmod(d / "key.pem", 0o600)
        port = free_port()
        conf = d / "proftpd.conf"
        conf.write_text(_config(d, port, modules, _tls(d, tls_lines, tls)))
        check = subprocess.run([binary, "-t", "-c", str(conf)], env=env, capture_output=True,
                               text=True, timeout=_READY, check=False)
        if check.returncode != 0:
            raise ValueError(f"proftpd -t refused the configuration: {check.stderr[-500:]}")
        with logged_process([binary, "-n", "-c", str(conf)], d / "stderr.txt",
                            env=env) as proc:
            wait_ready(HOST, port, timeout=_READY, alive=lambda: proc.poll() is None)
            yield Proftpd(port=port, workdir=d, cert=d / "cert.pem", tls_log=d / "tls.log")
    finally:
        shutil.rmtree(d, ignore_errors=True)
