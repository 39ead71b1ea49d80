"""A private Exim on loopback for the fix tests (round 23): Debian's exim4-daemon-light 4.96,
the GnuTLS build Debian and Ubuntu ship.

Debian's exim4 packages conflict with postfix (the mail tests' MTA), so .ci/run fetches
exim4-daemon-light with apt-get download and unpacks it under /opt/tlsdoctor-exim (dpkg -x):
the binary alone, which links the system's GnuTLS. Debian builds it with its user given by
name (EXIM_USER=ref:Debian-exim), looked up at every start before any configuration is read
("exim: failed to find uid for user name "Debian-exim""); that user exists only where the
package was installed. So the binary runs in a private mount namespace (``unshare -m``) in
which /etc/passwd and /etc/group are copies with Debian-exim added as nobody/nogroup,
bind-mounted over the host's for that one process: the host's files are never changed.

Each instance has its own ``-C`` configuration: the main section (the operator's TLS lines,
each replacing the setting of that name, ``conf_apply.set_settings``) and an ACL refusing
every recipient (no mail is ever accepted); spool, log and pid file in a temporary
directory; the daemon in the foreground (``-bdf``) on 127.0.0.1 and a free port. A receiving
process drops to the exim user before STARTTLS and reads the certificate and key as it, so
the files it is given must be readable by nobody. ``exim -C FILE -bV`` checks the file
first (ConfigRejected with Exim's words). Root only (the mount namespace); ``unavailable``
says why not.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path

from .conf_apply import set_settings
from .servers import HOST, Server, ServerStartError, _config_check, _spawn, _workdir

__all__ = ["EXIM", "check", "server", "unavailable", "version"]

EXIM = Path("/opt/tlsdoctor-exim/usr/sbin/exim4")
_USER = "Debian-exim:x:65534:65534:Exim (test):/nonexistent:/usr/sbin/nologin\n"
_GROUP = "Debian-exim:x:65534:\n"


def unavailable() -> str | None:
    """Why no Exim can run here, or None."""
    if os.geteuid() != 0:
        return "Exim's test harness needs root (a private mount namespace for its user)"
    if shutil.which("unshare") is None:
        return "unshare missing (util-linux)"
    if not os.access(EXIM, os.X_OK):
        return f"{EXIM} missing (.ci/run unpacks exim4-daemon-light under /opt)"
    return None


def _main(wd: Path, chain: Path, key: Path) -> str:
    return "\n".join([
        "keep_environment =", "primary_hostname = localhost", f"spool_directory = {wd}/spool",
        f"log_file_path = {wd}/log/%slog", f"pid_file_path = {wd}/exim.pid",
        f"local_interfaces = {HOST}", "tls_advertise_hosts = *",
        f"tls_certificate = {chain}", f"tls_privatekey = {key}",
        "acl_smtp_rcpt = refuse_all"]) + "\n"


_ACL = "\nbegin acl\n\nrefuse_all:\n  deny\n"


def _namespaced(wd: Path, argv: list[str]) -> list[str]:
    """``argv`` run where Debian-exim exists (see the module docstring)."""
    mounts = f"mount --bind {wd}/passwd /etc/passwd && mount --bind {wd}/group /etc/group"
    return ["unshare", "-m", "--propagation", "private", "sh", "-c",
            f'{mounts} && exec "$@"', "exim", *argv]


def _users(wd: Path) -> None:
    """The passwd and group files of the namespace: the host's, and Debian-exim."""
    (wd / "passwd").write_text(Path("/etc/passwd").read_text() + _USER)
    (wd / "group").write_text(Path("/etc/group").read_text() + _GROUP)


def check(config: Path) -> None:
    """Exim's own reading of ``config`` (``-bV``); ConfigRejected with its words if refused."""
    _config_check("exim", _namespaced(config.parent, [str(EXIM), "-C", str(config), "-bV"]))


def version() -> str:
    """What ``exim -bV`` prints of the build (version, TLS library) with an empty file."""
    wd, cleanup = _workdir("exim")
    try:
        _users(wd)
        (wd / "exim.conf").write_text("keep_environment =\n")
        return subprocess.run(_namespaced(wd, [str(EXIM), "-C", str(wd / "exim.conf"), "-bV"]),
                              capture_output=True, text=True, timeout=30, check=False).stdout
    finally:
        cleanup()


def server(chain: Path, key: Path, tls_lines: Sequence[str] = (), *,
           on_connect: bool = False) -> Server:
    """Exim offering STARTTLS with ``chain``/``key`` and ``tls_lines``: main-section lines,
    as an operator misconfigured it or a fix step prints them (``tls_certificate = ...``
    there replaces the given ``chain``). ``on_connect``: TLS from the first byte instead
    (``tls_on_connect_ports``, the smtps port). Its log is ``log/mainlog`` in
    ``Server.workdir``."""
    why = unavailable()
    if why is not None:
        raise ServerStartError(why)
    wd, cleanup = _workdir("exim")
    try:
        wd.chmod(0o755)
        for sub in ("spool", "log"):
            (wd / sub).mkdir()
            os.chown(wd / sub, 65534, 65534)  # the exim user writes its spool and log there
        _users(wd)
        main = set_settings(_main(wd, chain, key), tls_lines)
    except BaseException:
        cleanup()
        raise
    config = wd / "exim.conf"

    def argv(port: int) -> list[str]:
        smtps = f"tls_on_connect_ports = {port}\n" if on_connect else ""
        config.write_text(main + f"daemon_smtp_ports = {port}\n" + smtps + _ACL)
        check(config)
        return _namespaced(wd, [str(EXIM), "-C", str(config), "-bdf"])
    return _spawn("exim", argv, workdir=wd, log_path=wd / "log" / "mainlog", timeout=15,
                  cleanup=cleanup, log_is_output=False)
