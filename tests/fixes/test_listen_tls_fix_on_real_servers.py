"""Round 20: the "listener without TLS" lines (fixes/snippets.toml [listen_tls]) applied to a
real nginx, Apache and HAProxy that serve plain HTTP on the port a person asked for TLS on.

The finding needs the person's port to be a TLS port (443), which a test may not take on a
shared machine, so ``diagnose localhost:443`` and curl go through a loopback CONNECT proxy
(realclients/tunnel.py's connect_proxy with a backend) to the server's free port. The step's
lines are applied as an operator edits: each directive goes into the listener's own block
(nginx ``server {}``, Apache's ``<VirtualHost>``, HAProxy's frontend), in place of the line
of the same name; a block a snippet opens is pasted as a new block, as written; its commands run (``cat``), and
``a2enmod ssl`` does here what it does on Debian (the LoadModule lines of
mods-available/ssl.load and its dependency socache_shmcb). The port and the paths are the
test's. The server's own check passes (``nginx -t``, ``apache2 -t``, ``haproxy -c``), the
server restarts, the finding is gone and curl verifies the certificate, every time.

Each fails on the round 19 lines: Apache without mod_ssl refuses SSLEngine, its second
VirtualHost is never used, and HAProxy's second frontend gets only some connections.
Skips a server that is missing (.ci/run installs nginx-light, apache2, haproxy).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import tlsdoctor
from tlsdoctor.realclients.tunnel import connect_proxy
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import logged_process
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

_APACHE = shutil.which("apache2") or ("/usr/sbin/apache2" if os.path.exists("/usr/sbin/apache2")
                                      else None)
_BINARIES = {"nginx": shutil.which("nginx"), "apache": _APACHE,
             "haproxy": shutil.which("haproxy") or shutil.which("/usr/sbin/haproxy")}
_MODULES = Path("/usr/lib/apache2/modules")
# What Debian's `a2enmod ssl` enables: mods-available/ssl.load ("Depends: setenvif mime
# socache_shmcb"; the test's config needs only socache_shmcb of those) and ssl.load itself.
_A2ENMOD_SSL = (f"LoadModule socache_shmcb_module {_MODULES}/mod_socache_shmcb.so",
                f"LoadModule ssl_module {_MODULES}/mod_ssl.so")
_CLIENTS = 6  # curl runs after the fix: a listener shared with a plain one fails some


@dataclass
class Conf:
    """A server's configuration as lines: ``head`` (server level), ``block`` (the listener's
    own block) and blocks a snippet pasted after it."""

    software: str
    d: Path
    port: int
    head: list[str]
    block: list[str]
    pasted: list[str] = field(default_factory=list)

    def render(self) -> str:
        d, ind = self.d, "    "
        body = "\n".join(ind + ln for ln in self.block)
        if self.software == "nginx":
            return (f"daemon off;\nmaster_process off;\npid {d}/nginx.pid;\n"
                    f"error_log {d}/error.log info;\nevents {{ worker_connections 64; }}\n"
                    f"http {{\naccess_log off;\nclient_body_temp_path {d}/cb;\n"
                    f"proxy_temp_path {d}/px;\nfastcgi_temp_path {d}/fc;\n"
                    f"uwsgi_temp_path {d}/uw;\nscgi_temp_path {d}/sc;\n"
                    f"server {{\n{body}\n}}\n" + "\n".join(self.pasted) + "\n}\n")
        if self.software == "apache":
            return "\n".join([*self.head, f"<VirtualHost {HOST}:{self.port}>", body,
                              "</VirtualHost>", *self.pasted]) + "\n"
        return "\n".join([*self.head, "frontend web", body, *self.pasted]) + "\n"

    def check_argv(self) -> list[str]:
        conf, binary = str(self.d / "server.conf"), str(_BINARIES[self.software])
        return {"nginx": [binary, "-p", f"{self.d}/", "-c", conf, "-e", str(self.d / "e.log"),
                          "-t"],
                "apache": [binary, "-t", "-f", conf],
                "haproxy": [binary, "-c", "-f", conf]}[self.software]

    def run_argv(self) -> list[str]:
        argv = self.check_argv()[:-1] if self.software == "nginx" else self.check_argv()
        return {"nginx": argv, "apache": [argv[0], "-f", argv[3], "-DFOREGROUND"],
                "haproxy": [argv[0], "-db", "-f", argv[3]]}[self.software]


def _plain(software: str, d: Path, port: int) -> Conf:
    """The listener serving plain HTTP: what a person has when 443 answers in plain text."""
    if software == "nginx":
        for sub in ("cb", "px", "fc", "uw", "sc"):
            (d / sub).mkdir(exist_ok=True)
        return Conf(software, d, port, [], [f"listen {HOST}:{port};", "server_name localhost;",
                                            'location / { return 200 "ok\\n"; }'])
    if software == "apache":
        run_as = ["User nobody", "Group nogroup"] if os.geteuid() == 0 else []
        head = [f'ServerRoot "{d}"', "ServerName localhost", f"PidFile {d}/httpd.pid",
                f"DefaultRuntimeDir {d}", f"Mutex file:{d} default", f"ErrorLog {d}/error.log",
                f"LoadModule mpm_event_module {_MODULES}/mod_mpm_event.so",
                f"LoadModule authz_core_module {_MODULES}/mod_authz_core.so", *run_as,
                f"DocumentRoot {d}", f"Listen {HOST}:{port}"]
        return Conf(software, d, port, head, ["ServerName localhost"])
    head = ["global", f"    pidfile {d}/haproxy.pid", "defaults", "    mode http",
            "    timeout connect 5s", "    timeout client 10s", "    timeout server 10s"]
    return Conf(software, d, port, head, [
        f"bind {HOST}:{port}",
        'http-request return status 200 content-type text/plain string "ok"'])


def _name(line: str) -> str:
    return line.split()[0].lower() if line.split() else ""


def _set(lines: list[str], line: str) -> None:
    """``line`` in place of the line of the same directive, else added."""
    for i, old in enumerate(lines):
        if _name(old) == _name(line):
            lines[i] = line
            return
    lines.insert(len(lines) - 1 if lines and lines[-1].startswith("location") else len(lines),
                 line)


def apply(conf: Conf, code: str, files: dict[str, Path]) -> None:
    """The step's lines applied as the module docstring says (port and paths the test's)."""
    for printed, ours in files.items():
        code = code.replace(printed, str(ours))
    code = re.sub(r"(?:\*?:)?\b443\b", f"{HOST}:{conf.port}", code)
    opened: list[str] | None = None
    for raw in code.splitlines():
        line = raw.split("#", 1)[0].strip() if not raw.lstrip().startswith("#") else ""
        if not line:
            continue
        if line.startswith("sudo a2enmod ssl"):
            conf.head[-1:-1] = [m for m in _A2ENMOD_SSL if m not in conf.head]
        elif line.startswith("cat "):
            subprocess.run(["sh", "-c", line], check=True, timeout=10)
        elif re.match(r"(?i)<VirtualHost |frontend |server\s*\{", line) or opened is not None:
            opened = [] if opened is None else opened
            opened.append(line)
            if line.startswith("</") or (conf.software == "haproxy" and len(opened) > 1):
                conf.pasted += opened
                opened = None
        elif conf.software == "apache" and _name(line) == "listen":
            _set(conf.head, line)
        else:
            _set(conf.block, line)
    if opened:
        conf.pasted += opened


@dataclass(frozen=True)
class Lab:
    d: Path
    chain: Path
    key: Path
    root: Path


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory) -> Lab:
    d = tmp_path_factory.mktemp("listen_tls")
    ca = CA()
    ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf")
    ca.write(d / "root.pem")
    return Lab(d, d / "leaf.chain.pem", d / "leaf.key.pem", d / "root.pem")


@contextlib.contextmanager
def _running(conf: Conf) -> Iterator[None]:
    (conf.d / "server.conf").write_text(conf.render())
    check = subprocess.run(conf.check_argv(), capture_output=True, text=True, timeout=30)
    assert check.returncode == 0, (check.stdout, check.stderr, conf.render())
    with logged_process(conf.run_argv(), conf.d / "run.log") as proc:
        wait_ready(HOST, conf.port, timeout=15, alive=lambda: proc.poll() is None)
        yield


def _diagnose(proxy: str, lab: Lab, software: str) -> tlsdoctor.DiagnoseReport:
    return tlsdoctor.diagnose("localhost:443", proxy=proxy, ca_file=str(lab.root), timeout=5,
                              offline=True, server_software=software)


def _curl(proxy: str, lab: Lab) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", "--max-time",
                           "10", "--proxy", proxy, "--cacert", str(lab.root),
                           "https://localhost:443/"], capture_output=True, text=True, timeout=20)


@pytest.mark.parametrize("software", ["nginx", "apache", "haproxy"])
def test_the_listen_tls_lines_make_the_real_server_serve_tls(software: str, lab: Lab,
                                                            tmp_path: Path) -> None:
    if _BINARIES[software] is None:
        pytest.skip(f"{software} is not installed")
    conf = _plain(software, tmp_path, free_port())
    with connect_proxy([conf.port]) as proxy:
        with _running(conf):
            before = _diagnose(proxy, lab, software)
        f = next(f for f in before.findings if f.cause.value == "non_tls_service_on_port")
        step = next(s for s in f.fix if s.applies_to == software)
        apply(conf, step.code, {"/etc/ssl/site.fullchain.pem": lab.chain,
                                "/etc/ssl/private/site.key": lab.key,
                                "/etc/haproxy/site.pem": tmp_path / "site.pem"})
        with _running(conf):
            after = _diagnose(proxy, lab, software)
            curls = [_curl(proxy, lab) for _ in range(_CLIENTS)]
    assert "non_tls_service_on_port" not in {g.cause.value for g in after.findings}, \
        (step.code, after.summary())
    assert after.outcome.value in ("ok", "risky"), after.summary()
    # any HTTP answer over the verified handshake (Apache serves an empty DocumentRoot)
    assert all(c.returncode == 0 and re.fullmatch(r"[1-5]\d\d", c.stdout) for c in curls), \
        ([c.stderr for c in curls], conf.render())
