"""A real Pure-FTPd on 127.0.0.1 started the Debian way: Debian's pure-ftpd-wrapper (1.0.50-2.1,
a Perl script) reads one file per setting from /etc/pure-ftpd/conf (and the links in
/etc/pure-ftpd/auth), turns them into command-line options and execs /usr/sbin/pure-ftpd.
Those paths are compiled into the wrapper (no option or variable moves them), so it runs in a
private mount namespace (``unshare -m``, root only) where /etc and /usr/sbin are overlays whose
upper layers are this run's directories: what the run writes under /etc (the conf files, the
bundle /etc/ssl/private/pure-ftpd.pem that Pure-FTPd reads by default; the wrapper has no
CertFile setting) stays in them, and /usr/sbin/pure-ftpd is a link to the unpacked daemon when
the machine has none. /run is a tmpfs (the wrapper forces the pid file into
/var/run/pure-ftpd) and /dev this run's directory, as in testing/pureftpd_run.py, for the
daemon's syslog. Shell lines a fix prints are run in the same namespace before the daemon, so
/etc/pure-ftpd/conf in them is used literally. Round 19 (docs/explain-upstream.md).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from .pureftpd_run import _DEVICES, ROOT, PureFtpd, _binaries, _files, _user_db, served
from .servers import HOST, free_port

__all__ = ["BUNDLE", "WRAPPER", "have_wrapper", "options", "run_wrapper"]

WRAPPER = ROOT / "usr/sbin/pure-ftpd-wrapper"
BUNDLE = "/etc/ssl/private/pure-ftpd.pem"  # Pure-FTPd's compiled-in certificate bundle
_READY = 10.0  # seconds pure-ftpd may take to listen
_SETUP = 20  # seconds the printed lines and --show-options may take


def _wrapper() -> Path | None:
    for path in (WRAPPER, Path("/usr/sbin/pure-ftpd-wrapper")):
        if path.is_file():
            return path
    return None


def _overlay() -> bool:
    """The kernel mounts overlayfs (listed in /proc/filesystems)."""
    try:
        return "overlay" in Path("/proc/filesystems").read_text().split()
    except OSError:
        return False


def have_wrapper() -> bool:
    """The wrapper, pure-ftpd, perl, root, unshare and overlayfs are there."""
    return (_wrapper() is not None and _binaries() is not None and os.geteuid() == 0
            and shutil.which("unshare") is not None and shutil.which("perl") is not None
            and shutil.which("openssl") is not None and _overlay())


def _layers(d: Path, conf: dict[str, str], port: int, pure_pw: str) -> None:
    """The upper layer of /etc: the conf files (Bind, the PureDB login and ``conf``), the auth
    link, and the server's bundle at its default path."""
    etc = d / "etc-up"
    (etc / "pure-ftpd" / "conf").mkdir(parents=True)
    (etc / "pure-ftpd" / "auth").mkdir()
    (etc / "ssl" / "private").mkdir(parents=True)
    os.chmod(etc / "ssl" / "private", 0o710)
    files = {"Bind": f"{HOST},{port}", "NoAnonymous": "yes", "DontResolve": "yes",
             "PassivePortRange": "40000 40999", "PureDB": str(_user_db(d, pure_pw)), **conf}
    for name, value in files.items():
        (etc / "pure-ftpd" / "conf" / name).write_text(value + "\n")
    (etc / "pure-ftpd" / "auth" / "50puredb").symlink_to("../conf/PureDB")
    bundle = etc / "ssl" / "private" / "pure-ftpd.pem"
    shutil.copy(d / "pure-ftpd.pem", bundle)
    os.chmod(bundle, 0o600)
    for sub in ("etc-work", "sbin-up", "sbin-work"):
        (d / sub).mkdir()


def _script(d: Path, daemon: str, wrapper: Path, setup: str) -> str:
    devs = "\n".join(f"mount --bind /dev/{n} {d}/dev/{n}" for n in _DEVICES)
    sbin = "" if Path("/usr/sbin/pure-ftpd").exists() else (
        f"mount -t overlay overlay -o lowerdir=/usr/sbin,upperdir={d}/sbin-up,"
        f"workdir={d}/sbin-work /usr/sbin\nln -s {daemon} /usr/sbin/pure-ftpd\n")
    return (f"set -e\n{devs}\nmount --rbind {d}/dev /dev\n"
            f"mount -t overlay overlay -o lowerdir=/etc,upperdir={d}/etc-up,"
            f"workdir={d}/etc-work /etc\n{sbin}mount -t tmpfs tmpfs /run\n"
            f"mkdir -p /run/pure-ftpd\ncd {d}\n{setup or ':'}\n"
            f"perl {wrapper} --show-options > {d}/options.out 2>&1\n"
            f"exec perl {wrapper}\n")


@contextlib.contextmanager
def run_wrapper(conf: dict[str, str], setup: str = "") -> Iterator[PureFtpd]:
    """Pure-FTPd through the wrapper, with ``conf`` as /etc/pure-ftpd/conf files (name ->
    value) besides the login ones, and the key and the certificate at
    /etc/ssl/private/pure-ftpd.pem; ``setup``: shell lines run first in the namespace, in this
    run's directory (its cert.pem and key.pem are there). ``started`` is False when it exited
    before listening (the wrapper's complaint is in options.out, the daemon's in its syslog)."""
    found, wrapper = _binaries(), _wrapper()
    assert found is not None and wrapper is not None, "pure-ftpd or its wrapper is missing"
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-pureftpd-wrapper-"))
    try:
        _files(d)
        port = free_port()
        _layers(d, conf, port, found[1])
    except BaseException:
        shutil.rmtree(d, ignore_errors=True)  # served() removes it from here on
        raise
    argv = ["unshare", "-m", "--propagation", "private", "sh", "-c",
            _script(d, found[0], wrapper, setup)]
    with served(argv, d, port, _READY + _SETUP) as run:
        yield run


def options(run: PureFtpd) -> str:
    """What ``pure-ftpd-wrapper --show-options`` printed at this run's start (the wrapper's
    own check of the conf directory: the options it would give pure-ftpd, or its refusal)."""
    path = run.workdir / "options.out"
    return path.read_text(errors="replace") if path.exists() else ""
