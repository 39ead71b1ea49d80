"""A private lighttpd with mod_openssl on 127.0.0.1: its own config, document root, error log
and free port in a temporary directory; checked with ``lighttpd -tt`` before it starts,
stopped on leaving. For tests that make lighttpd print its own TLS lines."""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .processes import logged_process
from .servers import HOST, free_port, wait_ready

LIGHTTPD = "/usr/sbin/lighttpd"


def have_lighttpd() -> bool:
    return Path(LIGHTTPD).is_file() or shutil.which("lighttpd") is not None


def _binary() -> str:
    return LIGHTTPD if Path(LIGHTTPD).is_file() else str(shutil.which("lighttpd"))


@dataclass(frozen=True, slots=True, kw_only=True)
class LighttpdConf:
    path: Path
    port: int
    errorlog: Path


def write_conf(directory: Path, *, pemfile: Path, privkey: Path, ssl_lines: str = "",
               port: int | None = None) -> LighttpdConf:
    """A config serving ``directory``/www over TLS; ``ssl_lines`` are more directives (the
    ssl.* lines a fix step prints go there, in place of ``pemfile``/``privkey`` when they
    set them)."""
    www = directory / "www"
    www.mkdir(exist_ok=True)
    (www / "index.html").write_text("ok\n")
    port = port or free_port()
    log = directory / "error.log"
    path = directory / "lighttpd.conf"
    path.write_text(
        f'server.document-root = "{www}"\nserver.bind = "{HOST}"\nserver.port = {port}\n'
        f'server.errorlog = "{log}"\nserver.pid-file = "{directory}/lighttpd.pid"\n'
        'index-file.names = ("index.html")\n'
        'server.modules += ("mod_openssl")\nssl.engine = "enable"\n'
        + (f'ssl.pemfile = "{pemfile}"\n' if "ssl.pemfile" not in ssl_lines else "")
        + (f'ssl.privkey = "{privkey}"\n' if "ssl.privkey" not in ssl_lines else "")
        + f"{ssl_lines}\n")
    return LighttpdConf(path=path, port=port, errorlog=log)


def check(conf: LighttpdConf) -> tuple[bool, str]:
    """``lighttpd -tt``: parse the config and load the modules (their TLS files too)."""
    out = subprocess.run([_binary(), "-tt", "-f", str(conf.path)], capture_output=True,
                         text=True, timeout=30)
    return out.returncode == 0, out.stdout + out.stderr


@contextlib.contextmanager
def running(conf: LighttpdConf) -> Iterator[LighttpdConf]:
    """lighttpd in the foreground (-D) until the block ends."""
    with logged_process([_binary(), "-D", "-f", str(conf.path)],
                        conf.path.with_suffix(".out")) as proc:
        wait_ready(HOST, conf.port, alive=lambda: proc.poll() is None)
        yield conf


def error_log(conf: LighttpdConf) -> str:
    return conf.errorlog.read_text(errors="replace") if conf.errorlog.exists() else ""
