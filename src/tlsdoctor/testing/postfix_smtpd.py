"""A private Postfix smtpd on loopback for the server-log matrix (``testing.serverlogs``).

Each instance is its own Postfix: a configuration directory (``master -c DIR``), a queue
and data directory in a temporary work directory, ``inet_interfaces = 127.0.0.1``, the
smtp service on a free port (no chroot), and ``maillog_file`` (Postfix 3.4+: postlogd
writes the log without syslog). The master runs in the foreground (``-s``) as the leader
of the process group ``servers._spawn`` made: stopping it (SIGTERM to the group: the
master passes it on to its children) stops every Postfix process of that instance and
none of another's. Runs as root only (the master starts as root and its daemons drop to
``mail_owner``); ``available`` says so.

"plain": STARTTLS offered (``smtpd_tls_security_level = may``), TLS 1.2 and later only.
"mtls": TLS required and a client certificate from the private root required
(``smtpd_tls_req_ccert = yes``, which needs ``smtpd_tls_security_level = encrypt``).
"""

from __future__ import annotations

import os
import pwd
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path

from .conf_apply import set_settings
from .serverlogs import MatrixPki, Started, endpoint, program_version, start_pair
from .servers import HOST, Server, ServerStartError, _config_check, _spawn, _workdir

__all__ = ["available", "server", "start"]

_DAEMONS = Path("/usr/lib/postfix/sbin")  # Debian's daemon_directory

# The services smtpd talks to (address rewriting, map lookups, connection counts, the TLS
# session cache and entropy, the log writer); no delivery: no mail is ever accepted.
_MASTER_CF = """\
{host}:{port} inet n - n - - smtpd
postlog   unix-dgram n - n - 1 postlogd
rewrite   unix - - n - - trivial-rewrite
cleanup   unix n - n - 0 cleanup
proxymap  unix - - n - - proxymap
anvil     unix - - n - 1 anvil
tlsmgr    unix - - n 1000? 1 tlsmgr
"""


def _postfix() -> str | None:
    return shutil.which("postfix") or ("/usr/sbin/postfix" if Path("/usr/sbin/postfix").exists()
                                       else None)


def available() -> bool:
    """Postfix is installed, its daemons are where Debian puts them, and we are root."""
    if _postfix() is None or not (_DAEMONS / "master").exists() or os.geteuid() != 0:
        return False
    try:
        pwd.getpwnam("postfix")
    except KeyError:
        return False
    return True


def _main_cf(wd: Path, pki: MatrixPki | None, mtls: bool) -> str:
    lines = ["compatibility_level = 3.6", f"queue_directory = {wd}/queue",
             f"data_directory = {wd}/data", "mail_owner = postfix",
             f"inet_interfaces = {HOST}", "inet_protocols = ipv4", "myhostname = localhost",
             "mydestination =", "alias_maps =", "alias_database =", "local_recipient_maps =",
             f"maillog_file = {wd}/postfix.log", f"maillog_file_prefixes = {wd}",
             "smtpd_tls_loglevel = 1"]
    if pki is not None:
        lines += [f"smtpd_tls_cert_file = {pki.chain}", f"smtpd_tls_key_file = {pki.key}"]
    # A modern server: TLS 1.2 and later, opportunistic and mandatory alike.
    lines += ["smtpd_tls_protocols = >=TLSv1.2", "smtpd_tls_mandatory_protocols = >=TLSv1.2"]
    if mtls and pki is not None:
        lines += ["smtpd_tls_security_level = encrypt", "smtpd_tls_ask_ccert = yes",
                  "smtpd_tls_req_ccert = yes", f"smtpd_tls_CAfile = {pki.root_pem}"]
    else:
        lines += ["smtpd_tls_security_level = may"]
    return "\n".join(lines) + "\n"


def _one(pki: MatrixPki, mtls: bool) -> Server:
    return _started(lambda wd: _main_cf(wd, pki, mtls))


def server(chain: Path, key: Path, tls_lines: Sequence[str] = ()) -> Server:
    """A smtpd offering STARTTLS (``smtpd_tls_security_level = may``) with ``chain``/``key``
    and ``tls_lines``: main.cf lines, as an operator misconfigured it or a fix step prints
    them, each replacing the setting of that name (``conf_apply.set_settings``). ``postfix
    check`` must pass first (else ``servers.ConfigRejected``)."""
    def main_cf(wd: Path) -> str:
        own = [f"smtpd_tls_cert_file = {chain}", f"smtpd_tls_key_file = {key}"]
        return set_settings(_main_cf(wd, None, mtls=False) + "\n".join(own) + "\n",
                            tls_lines)
    return _started(main_cf)


def _started(main_cf: Callable[[Path], str]) -> Server:
    binary = _postfix()
    if binary is None or not available():
        raise ServerStartError("Postfix is not installed (or not running as root)")
    wd, cleanup = _workdir("postfix")
    wd.chmod(0o755)  # the daemons run as the postfix user and must reach queue/
    conf = wd / "conf"
    conf.mkdir()
    (wd / "queue").mkdir()
    (wd / "data").mkdir()
    owner = pwd.getpwnam("postfix")
    os.chown(wd / "data", owner.pw_uid, owner.pw_gid)
    (conf / "main.cf").write_text(main_cf(wd))

    def argv(port: int) -> list[str]:
        (conf / "master.cf").write_text(_MASTER_CF.format(host=HOST, port=port))
        # "postfix check" creates the queue's subdirectories with their owners and modes
        # (ConfigRejected with its words when it refuses the file).
        _config_check("postfix", [binary, "-c", str(conf), "check"])
        return [str(_DAEMONS / "master"), "-c", str(conf), "-s"]
    return _spawn("postfix", argv, workdir=wd, log_path=wd / "postfix.log", timeout=20,
                  cleanup=cleanup, log_is_output=False)


def start(pki: MatrixPki) -> Started:
    plain, mtls = start_pair(lambda: _one(pki, mtls=False), lambda: _one(pki, mtls=True))
    found = program_version(["postconf", "-d", "-h", "mail_version"])
    return Started(endpoints={"plain": (plain, endpoint(plain, starttls="smtp")),
                              "mtls": (mtls, endpoint(mtls, starttls="smtp"))},
                   version=f"Postfix {found}" if found != "unknown" else found)
