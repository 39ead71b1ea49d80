"""A private Tomcat (Debian's tomcat10: CATALINA_HOME /usr/share/tomcat10) on 127.0.0.1 for
the tests that apply the fix steps' Tomcat lines: a CATALINA_BASE in a temporary directory
whose server.xml has one NIO TLS connector per entry of ``connectors`` (each its own free
port and ``<SSLHostConfig ...>`` attributes, a PEM certificate and key), no shutdown port,
no web application. ``catalina.sh run`` keeps the JVM in the foreground (it execs java);
a server.xml it cannot use is refused in its startup log (``SEVERE``), which ``running``
reads once the ports listen. ``catalina.sh configtest`` (round 19) parses server.xml and
initialises the connectors without serving; like every catalina.sh command it first sources
``$CATALINA_BASE/bin/setenv.sh`` (``write_base(setenv=...)``).
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import quoteattr

from .processes import logged_process
from .servers import HOST, free_port, wait_ready

__all__ = ["TomcatBase", "configtest", "have_tomcat", "log_text", "running", "write_base"]

HOME = Path("/usr/share/tomcat10")


def have_tomcat() -> bool:
    return (HOME / "bin" / "catalina.sh").is_file() and shutil.which("java") is not None


@dataclass(frozen=True, slots=True, kw_only=True)
class TomcatBase:
    directory: Path
    ports: Mapping[str, int]  # connector name -> port
    java_opts: str


def _connector(port: int, attrs: Mapping[str, str], cert: Path, key: Path) -> str:
    host = " ".join(f"{k}={quoteattr(v)}" for k, v in attrs.items())
    return (f'    <Connector port="{port}" address="{HOST}" SSLEnabled="true"\n'
            '               protocol="org.apache.coyote.http11.Http11NioProtocol">\n'
            f"      <SSLHostConfig {host}>\n"
            f"        <Certificate certificateFile={quoteattr(str(cert))}\n"
            f"                     certificateKeyFile={quoteattr(str(key))} type=\"RSA\"/>\n"
            "      </SSLHostConfig>\n    </Connector>\n")


def write_base(directory: Path, *, cert: Path, key: Path,
               connectors: Mapping[str, Mapping[str, str]], java_opts: str = "",
               ports: Mapping[str, int] | None = None, setenv: str = "") -> TomcatBase:
    """CATALINA_BASE in ``directory``: one TLS connector per name, with those SSLHostConfig
    attributes; ``ports``: keep the ports of an earlier base (a restart); ``setenv``: the
    text of bin/setenv.sh (none when empty)."""
    ports = dict(ports) if ports else {name: free_port() for name in connectors}
    for sub in ("bin", "conf", "logs", "temp", "webapps", "work"):
        (directory / sub).mkdir(parents=True, exist_ok=True)
    (directory / "bin" / "setenv.sh").unlink(missing_ok=True)
    if setenv:
        (directory / "bin" / "setenv.sh").write_text(setenv)
    body = "".join(_connector(ports[n], a, cert, key) for n, a in connectors.items())
    (directory / "conf" / "server.xml").write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<Server port="-1" shutdown="SHUTDOWN">\n'
        f'  <Service name="Catalina">\n{body}'
        '    <Engine name="Catalina" defaultHost="localhost">\n'
        '      <Host name="localhost" appBase="webapps" unpackWARs="false" autoDeploy="false"/>\n'
        "    </Engine>\n  </Service>\n</Server>\n")
    return TomcatBase(directory=directory, ports=ports, java_opts=java_opts)


def log_text(base: TomcatBase) -> str:
    out = base.directory / "catalina.out"
    return out.read_text(errors="replace") if out.exists() else ""


def _catalina(base: TomcatBase, command: str) -> list[str]:
    env = {"CATALINA_BASE": str(base.directory), "CATALINA_HOME": str(HOME),
           "CATALINA_TMPDIR": str(base.directory / "temp"), "JAVA_OPTS": base.java_opts}
    return ["env", *(f"{k}={v}" for k, v in env.items()), str(HOME / "bin" / "catalina.sh"),
            command]


def configtest(base: TomcatBase, *, timeout: float = 90.0) -> tuple[bool, str]:
    """``catalina.sh configtest``: its exit status and output."""
    out = subprocess.run(_catalina(base, "configtest"), capture_output=True, text=True,
                         timeout=timeout, check=False)
    return out.returncode == 0, out.stdout + out.stderr


@contextlib.contextmanager
def running(base: TomcatBase, *, timeout: float = 90.0) -> Iterator[TomcatBase]:
    """``catalina.sh run`` until the block ends, once every connector's port listens."""
    argv = _catalina(base, "run")
    with logged_process(argv, base.directory / "catalina.out") as proc:
        for port in base.ports.values():
            wait_ready(HOST, port, timeout=timeout, alive=lambda: proc.poll() is None)
        yield base
