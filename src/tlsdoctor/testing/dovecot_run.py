"""A private Dovecot imapd on 127.0.0.1 offering STARTTLS, for the tests that apply the fix
steps' Dovecot lines: its own base and state directories, log file and free port in a
temporary directory, started in the foreground (``dovecot -F``) once ``doveconf -n`` has
parsed the file, stopped with its process group. No mailbox is ever opened: the static
passdb only lets the server start.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

from .conf_apply import set_settings
from .servers import HOST, Server, _config_check, _spawn, _workdir

__all__ = ["have_dovecot", "server"]


def _binary() -> str:
    return shutil.which("dovecot") or "/usr/sbin/dovecot"


def have_dovecot() -> bool:
    return Path(_binary()).is_file()


def _conf(wd: Path, port: int, chain: Path, key: Path, tls_lines: Sequence[str]) -> str:
    top = [f"base_dir = {wd}/run", f"state_dir = {wd}/state", f"log_path = {wd}/dovecot.log",
           f"instance_name = tlsdoctor-fix-{port}", "protocols = imap", f"listen = {HOST}",
           "ssl = yes", f"ssl_cert = <{chain}", f"ssl_key = <{key}",
           "disable_plaintext_auth = yes", "auth_mechanisms = plain"]
    blocks = ["passdb {\n  driver = static\n  args = password=unused\n}",
              "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}",
              "service imap-login {\n  inet_listener imap {\n"
              f"    port = {port}\n  }}\n  inet_listener imaps {{\n    port = 0\n  }}\n}}",
              "service anvil {\n  chroot =\n}",
              "service stats {\n  unix_listener stats-writer {\n    mode = 0666\n  }\n}"]
    # The operator's lines are top-level settings: they replace the one of that name.
    return set_settings("\n".join(top), tls_lines) + "\n".join(blocks) + "\n"


def server(chain: Path, key: Path, tls_lines: Sequence[str] = ()) -> Server:
    """imapd with STARTTLS on a free port; ``tls_lines``: top-level dovecot.conf settings
    (a misconfiguration, or a fix step's lines). ``servers.ConfigRejected`` when
    ``doveconf -n`` refuses the file."""
    wd, cleanup = _workdir("dovecot-fix")
    wd.chmod(0o755)  # the login processes run as dovenull and need to reach run/

    def argv(port: int) -> list[str]:
        conf = wd / "dovecot.conf"
        conf.write_text(_conf(wd, port, chain, key, tls_lines))
        _config_check("dovecot", ["doveconf", "-n", "-c", str(conf)])
        return [_binary(), "-F", "-c", str(conf)]
    return _spawn("dovecot", argv, workdir=wd, log_path=wd / "dovecot.log", timeout=20,
                  cleanup=cleanup, log_is_output=False)
