"""A real Pure-FTPd on 127.0.0.1 serving one virtual user over FTP with TLS, from its own
pure-ftpd.conf in a temporary directory (pure-ftpd reads a configuration file given as its
only argument), stopped when done. Round 18 (docs/explain-upstream.md).

Debian's pure-ftpd conflicts with vsftpd (both provide ftp-server), so .ci/run unpacks
pure-ftpd and pure-ftpd-common under /opt/tlsdoctor-pure-ftpd with apt-get download and
dpkg -x; an installed pure-ftpd is used when there is one.

Pure-FTPd logs only through syslog(3), to /dev/log. Its words are read from there: it runs
in a private mount namespace (``unshare -m``, root only) where /dev is this run's directory
holding a datagram socket named ``log`` that the test reads, and bind mounts of /dev/null,
/dev/zero, /dev/random and /dev/urandom. The machine's /dev is not touched.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from .ca import self_signed
from .processes import stop
from .servers import HOST, free_port, wait_ready

__all__ = ["FILE_TEXT", "PASSWORD", "USER", "PureFtpd", "have_pureftpd", "run_pureftpd"]

FILE_TEXT = "hello over ftps from pure-ftpd\n"
USER, PASSWORD = "tester", "secret"
ROOT = Path("/opt/tlsdoctor-pure-ftpd")
_READY = 10.0  # seconds pure-ftpd may take to listen
_DEVICES = ("null", "zero", "random", "urandom")


def _binaries() -> tuple[str, str] | None:
    """(pure-ftpd, pure-pw), or None."""
    for sbin, b in ((ROOT / "usr/sbin", ROOT / "usr/bin"), (Path("/usr/sbin"), Path("/usr/bin"))):
        if (sbin / "pure-ftpd").is_file() and (b / "pure-pw").is_file():
            return str(sbin / "pure-ftpd"), str(b / "pure-pw")
    return None


def have_pureftpd() -> bool:
    """pure-ftpd is there, and so is what reads its syslog (root, unshare)."""
    return (_binaries() is not None and os.geteuid() == 0
            and shutil.which("unshare") is not None and shutil.which("openssl") is not None)


@dataclass(slots=True)
class _Syslog:
    """The datagrams sent to this run's /dev/log, decoded."""

    sock: socket.socket
    lines: list[str] = field(default_factory=list)

    def pump(self, stop_at: threading.Event) -> None:
        self.sock.settimeout(0.1)
        while not stop_at.is_set():
            try:
                self.lines.append(self.sock.recv(8192).decode("utf-8", "replace"))
            except (TimeoutError, OSError):
                continue


@dataclass(frozen=True, slots=True, kw_only=True)
class PureFtpd:
    """A running (or refused) Pure-FTPd: where it listens, its certificate, its syslog."""

    port: int
    workdir: Path
    cert: Path
    started: bool
    syslog: _Syslog

    def log_text(self, settle: float = 0.3) -> str:
        """Its syslog lines so far (after ``settle`` seconds for late datagrams)."""
        time.sleep(settle)  # datagrams sent as the client finished may still be in flight
        return "\n".join(line.rstrip("\n") for line in self.syslog.lines)


def _user_db(d: Path, pure_pw: str) -> Path:
    """A PureDB holding USER with a SHA-512 crypt(3) hash (pure-pw's own argon2id hash costs
    seconds per login here); its home is d/pub, its uid and gid the ftp (or nobody) user's."""
    try:
        ent = pwd.getpwnam("ftp")
    except KeyError:
        ent = pwd.getpwnam("nobody")
    hashed = subprocess.run(["openssl", "passwd", "-6", PASSWORD], capture_output=True,
                            text=True, check=True, timeout=10).stdout.strip()
    (d / "pureftpd.passwd").write_text(
        f"{USER}:{hashed}:{ent.pw_uid}:{ent.pw_gid}::{d}/pub/./::::::::::::\n")
    subprocess.run([pure_pw, "mkdb", str(d / "pureftpd.pdb"), "-f", str(d / "pureftpd.passwd")],
                   capture_output=True, check=True, timeout=10)
    return d / "pureftpd.pdb"


def _files(d: Path) -> None:
    """The served file, the certificate, its key, and the bundle README.TLS describes (the
    key, then the certificate, in /etc/ssl/private/pure-ftpd.pem)."""
    (d / "pub").mkdir()
    (d / "pub" / "hello.txt").write_text(FILE_TEXT)
    for p, mode in ((d, 0o755), (d / "pub", 0o755), (d / "pub" / "hello.txt", 0o644)):
        os.chmod(p, mode)
    leaf = self_signed(["localhost"], ip_addresses=["127.0.0.1"], key_type="rsa2048")
    (d / "cert.pem").write_bytes(leaf.cert_pem)
    (d / "key.pem").write_bytes(leaf.key_pem)
    (d / "pure-ftpd.pem").write_bytes(leaf.key_pem + leaf.cert_pem)
    for name in ("key.pem", "pure-ftpd.pem"):
        os.chmod(d / name, 0o600)
    (d / "dev").mkdir()
    for name in _DEVICES:
        (d / "dev" / name).touch()


def _argv(binary: str, d: Path, conf: Path) -> list[str]:
    mounts = "; ".join(f"mount --bind /dev/{n} {d}/dev/{n}" for n in _DEVICES)
    return ["unshare", "-m", "--propagation", "private", "sh", "-c",
            f"{mounts} && mount --rbind {d}/dev /dev && exec {binary} {conf}"]


@contextlib.contextmanager
def run_pureftpd(conf_lines: str) -> Iterator[PureFtpd]:
    """Pure-FTPd with its login set-up and ``conf_lines`` (pure-ftpd.conf directives as a fix
    prints them; %BUNDLE%, %CERT% and %KEY% stand for this server's files). ``started`` is
    False when it exited before listening (its reason is in its syslog)."""
    found = _binaries()
    assert found is not None, "pure-ftpd is not available"
    binary, pure_pw = found
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-pureftpd-"))
    try:
        _files(d)
        port = free_port()
        lines = (conf_lines.replace("%BUNDLE%", str(d / "pure-ftpd.pem"))
                 .replace("%CERT%", str(d / "cert.pem")).replace("%KEY%", str(d / "key.pem")))
        conf = d / "pure-ftpd.conf"
        conf.write_text(f"Bind {HOST},{port}\nPureDB {_user_db(d, pure_pw)}\nNoAnonymous yes\n"
                        f"DontResolve yes\nPassivePortRange 40000 40999\n{lines}\n")
    except BaseException:
        shutil.rmtree(d, ignore_errors=True)
        raise
    with served(_argv(binary, d, conf), d, port, _READY) as run:
        yield run


@contextlib.contextmanager
def served(argv: list[str], d: Path, port: int, ready: float) -> Iterator[PureFtpd]:
    """Run ``argv`` (a daemon in its private mount namespace, logging to ``d``/dev/log) and
    wait up to ``ready`` seconds for its port; stop it and remove ``d`` afterwards."""
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    try:
        sock.bind(str(d / "dev" / "log"))
    except OSError:
        sock.close()
        shutil.rmtree(d, ignore_errors=True)
        raise
    log, done = _Syslog(sock), threading.Event()
    reader = threading.Thread(target=log.pump, args=(done,), daemon=True)
    reader.start()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        try:
            wait_ready(HOST, port, timeout=ready, alive=lambda: proc.poll() is None)
            started = True
        except (RuntimeError, TimeoutError):
            started = False
        yield PureFtpd(port=port, workdir=d, cert=d / "cert.pem", started=started, syslog=log)
    finally:
        stop(proc)
        done.set()
        reader.join(timeout=2)
        sock.close()
        shutil.rmtree(d, ignore_errors=True)
