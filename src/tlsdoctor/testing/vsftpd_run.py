"""A real vsftpd on 127.0.0.1 serving FTP over TLS from its own configuration in a temporary
directory (never the system's /etc/vsftpd.conf), in the foreground (``background=NO``),
stopped when done. Round 17 (docs/explain-upstream.md): the classic FTPS failures are made
with real clients (curl, lftp) against it, and the fix lines explain prints are applied to
its configuration.

Anonymous FTP over TLS keeps the test free of system accounts: ``allow_anon_ssl`` with
``force_anon_logins_ssl``/``force_anon_data_ssl`` make vsftpd require TLS exactly as
``force_local_logins_ssl``/``force_local_data_ssl`` do for local users.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .ca import self_signed
from .processes import logged_process
from .servers import HOST, free_port, wait_ready

__all__ = ["FILE_TEXT", "Vsftpd", "failed_start", "have_vsftpd", "run_vsftpd"]

FILE_TEXT = "hello over ftps\n"
_READY = 10.0  # seconds vsftpd may take to listen


def have_vsftpd() -> bool:
    return shutil.which("vsftpd") is not None or Path("/usr/sbin/vsftpd").is_file()


@dataclass(frozen=True, slots=True, kw_only=True)
class Vsftpd:
    """A running vsftpd: where it listens, its files, and its log (vsftpd_log_file)."""

    port: int
    workdir: Path
    cert: Path  # the server's self-signed certificate (what a client must trust)
    log: Path

    def log_text(self) -> str:
        return self.log.read_text("utf-8", "replace") if self.log.exists() else ""


def _config(d: Path, port: int, extra: dict[str, str]) -> str:
    """vsftpd.conf(5) for an anonymous FTPS server on ``port``; ``extra`` overrides."""
    conf = {
        "listen": "YES", "listen_address": HOST, "listen_port": str(port),
        "background": "NO", "anonymous_enable": "YES", "local_enable": "NO",
        "no_anon_password": "YES", "anon_root": str(d / "pub"),
        "secure_chroot_dir": str(d / "empty"), "seccomp_sandbox": "NO",
        "ssl_enable": "YES", "allow_anon_ssl": "YES", "force_anon_logins_ssl": "YES",
        "force_anon_data_ssl": "YES", "require_ssl_reuse": "YES",
        "rsa_cert_file": str(d / "cert.pem"), "rsa_private_key_file": str(d / "key.pem"),
        "pasv_enable": "YES", "vsftpd_log_file": str(d / "vsftpd.log"),
        "xferlog_enable": "YES", "xferlog_std_format": "NO", "debug_ssl": "YES",
        "log_ftp_protocol": "YES",
    }
    conf.update(extra)
    return "".join(f"{k}={v}\n" for k, v in conf.items())


def _workdir() -> Path:
    # vsftpd reads the anonymous root as the "ftp" user: a world-readable directory (pytest's
    # tmp_path is private to root).
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-vsftpd-"))
    try:
        for sub in ("pub", "empty"):
            (d / sub).mkdir()
        for p in (d, d / "pub", d / "empty"):
            os.chmod(p, 0o755)  # the ftp user must read the served file
        (d / "pub" / "hello.txt").write_text(FILE_TEXT)
        os.chmod(d / "pub" / "hello.txt", 0o644)
        leaf = self_signed(["localhost"], ip_addresses=["127.0.0.1"])
        (d / "cert.pem").write_bytes(leaf.cert_pem)
        (d / "key.pem").write_bytes(leaf.key_pem)
    except BaseException:
        shutil.rmtree(d, ignore_errors=True)
        raise
    return d


@contextlib.contextmanager
def run_vsftpd(extra: dict[str, str] | None = None, *,
               conf_lines: str = "") -> Iterator[Vsftpd]:
    """vsftpd with the test configuration, ``extra`` settings and ``conf_lines`` (lines as
    a fix prints them, appended: the last setting of a name wins in vsftpd.conf; %CERT% and
    %KEY% stand for this server's certificate and key files)."""
    d, port = _workdir(), free_port()
    try:
        conf = d / "vsftpd.conf"
        lines = (conf_lines.replace("%CERT%", str(d / "cert.pem"))
                 .replace("%KEY%", str(d / "key.pem")))
        conf.write_text(_config(d, port, extra or {}) + lines)
        binary = shutil.which("vsftpd") or "/usr/sbin/vsftpd"
        with logged_process([binary, str(conf)], d / "stderr.txt") as proc:
            wait_ready(HOST, port, timeout=_READY, alive=lambda: proc.poll() is None)
            yield Vsftpd(port=port, workdir=d, cert=d / "cert.pem", log=d / "vsftpd.log")
    finally:
        shutil.rmtree(d, ignore_errors=True)


def failed_start(extra: dict[str, str]) -> str:
    """What vsftpd printed when the test configuration with ``extra`` stopped it at start
    (a setting it cannot use). vsftpd's die() writes "500 OOPS: ..." to fd 0, its control
    connection under inetd and the terminal when an operator starts it by hand (under
    systemd, /dev/null: only the exit status 2 remains), so fd 0 is a socket read here.
    AssertionError if vsftpd kept running."""
    d, port = _workdir(), free_port()
    try:
        conf = d / "vsftpd.conf"
        conf.write_text(_config(d, port, extra))
        binary = shutil.which("vsftpd") or "/usr/sbin/vsftpd"
        ours, its = socket.socketpair()
        with ours:
            with its:
                done = subprocess.run([binary, str(conf)], stdin=its.fileno(), capture_output=True,
                                      text=True, timeout=_READY)
            ours.settimeout(_READY)
            said = ours.recv(65536).decode("utf-8", "replace")
    except subprocess.TimeoutExpired as exc:
        raise AssertionError(f"vsftpd kept running with {extra}") from exc
    finally:
        shutil.rmtree(d, ignore_errors=True)
    return said + done.stdout + done.stderr
