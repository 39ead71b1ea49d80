"""Real clients against two loopback servers for the chain-trust context (explain's round 12):
a server whose chain comes from a made-up "interception" CA for public names, and a
self-signed server on a private address.

``with trust_servers(work) as lab:`` starts both (``openssl s_server``, the chain exactly as
given); ``run_client(name, scenario, lab, work)`` runs one real program the way its users
do, with the system's (or its bundled) roots, never the made-up CA, and returns what it
printed. For the "reissued" scenario each program asks for a *public* name (github.com,
pypi.org, registry.npmjs.org, repo.maven.apache.org, proxy.golang.org) and is pointed at
127.0.0.1 with its own option: curl ``--resolve``, git ``-c http.curloptResolve``, Java
``-Djdk.net.hosts.file``, Go ``http.Transport.DialContext``, Node ``https.get``'s
``lookup``, and for requests (which has none) urllib3's connection factory in-process; no
hosts file is edited. The "self_signed" scenario asks for ``https://127.0.0.1:PORT/``.

The text kept is what a person pastes: the command line, then the output verbatim. Only
127.0.0.1 is contacted; every run is bounded in time.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .ca import CA, self_signed
from .servers import openssl_server

__all__ = ["CLIENTS", "INTERCEPTION_CA", "PUBLIC_NAMES", "SCENARIOS", "TrustLab", "TrustRun",
           "run_client", "trust_servers", "unavailable"]

INTERCEPTION_CA = "Acme Gateway Root CA"  # a made-up name: no product, no public CA
SCENARIOS = ("reissued", "self_signed")
# Each client asks for the public name its users most often fail on.
PUBLIC_NAMES = {"curl": "github.com", "git": "github.com", "python_requests": "pypi.org",
                "node": "registry.npmjs.org", "java": "repo.maven.apache.org",
                "go": "proxy.golang.org"}
_TIMEOUT = 8.0
_KILL_AFTER = 6.0
_CAP = 16 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustLab:
    """The running servers' ports, and an unrelated root (a store without the made-up CA,
    for Java's PrintClient, which trusts the one file it is given)."""

    ports: dict[str, int]
    other_root: Path


@dataclass(frozen=True, slots=True, kw_only=True)
class TrustRun:
    client: str
    scenario: str
    host: str  # the name asked for
    port: int
    text: str  # "$ command" then the output
    exit_code: int | None  # None: killed at the bound


@contextlib.contextmanager
def trust_servers(work: Path) -> Iterator[TrustLab]:
    """Both servers on 127.0.0.1; stopped on exit."""
    work.mkdir(parents=True, exist_ok=True)
    fake = CA(name=INTERCEPTION_CA)
    leaf = fake.issue(sorted(set(PUBLIC_NAMES.values())))
    (work / "reissued.pem").write_bytes(leaf.cert_pem + fake.cert_pem)  # root sent, as proxies do
    (work / "reissued.key").write_bytes(leaf.key_pem)
    own = self_signed(["localhost"], ip_addresses=["127.0.0.1"])
    (work / "self_signed.pem").write_bytes(own.cert_pem)
    (work / "self_signed.key").write_bytes(own.key_pem)
    other = CA(name="Unrelated Test Root").write(work / "other_root.pem")
    with openssl_server(work / "reissued.pem", work / "reissued.key", www=True) as a, \
            openssl_server(work / "self_signed.pem", work / "self_signed.key", www=True) as b:
        yield TrustLab(ports={"reissued": a.port, "self_signed": b.port}, other_root=other)


def _program(name: str, work: Path) -> Path:
    out = work / "programs" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(resources.files("tlsdoctor.testing").joinpath("programs", name).read_bytes())
    return out


def _run(argv: list[str], cwd: Path, env: dict[str, str] | None = None,
         timeout: float = 180.0) -> subprocess.CompletedProcess[bytes] | None:
    try:
        return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=timeout,
                              stdin=subprocess.DEVNULL, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None


def _build(name: str, work: Path) -> str | None:
    """Compile what a client needs once; None when ready, else why not."""
    if name == "go":
        d = work / "go"
        env = {**os.environ, "GOCACHE": str(d / "cache"), "GOPATH": str(d / "path"),
               "GOFLAGS": "", "GO111MODULE": "off", "GOPROXY": "off"}
        p = _run(["go", "build", "-o", str(d / "print_resolve"),
                  str(_program("print_resolve.go", work)), str(_program("http_get.go", work))],
                 work, env)
    elif name == "java":
        p = _run(["javac", "-d", str(work / "java"), str(_program("PrintClient.java", work)),
                  str(_program("TrustFile.java", work))], work)
    else:
        return None
    if p is None or p.returncode != 0:
        return f"{name}: build failed: {(p.stderr if p else b'timeout')[:200]!r}"
    return None


_BINARY = {"curl": "curl", "git": "git", "python_requests": sys.executable, "node": "node",
           "java": "javac", "go": "go"}


def unavailable(name: str, work: Path) -> str | None:
    """Why ``name`` cannot run here (None: ready); builds Go and Java programs once."""
    if shutil.which(_BINARY[name]) is None:
        return f"{_BINARY[name]} is not installed"
    if name == "python_requests":
        p = _run([sys.executable, "-c", "import requests"], work, timeout=30)
        if p is None or p.returncode != 0:
            return "requests is not importable"
    done = work / f".built-{name}"
    if done.exists():
        return None
    why = _build(name, work)
    if why is None:
        done.write_text("ok")
    return why


def _argv(name: str, url: str, host: str, port: int, lab: TrustLab, work: Path) -> list[str]:
    t = str(_TIMEOUT)
    resolve = f"{host}:{port}:127.0.0.1"
    commands: dict[str, Callable[[], list[str]]] = {
        "curl": lambda: ["curl", "-sS", "-o", "/dev/null", "--max-time", t,
                         "--resolve", resolve, url],
        "git": lambda: ["git", "-c", f"http.curloptResolve={resolve}", "ls-remote",
                        f"{url}user/repo.git"],
        "python_requests": lambda: [sys.executable, str(_program("print_requests.py", work)),
                                    url, "127.0.0.1", t],
        "node": lambda: ["node", str(_program("print_fetch.js", work)), url, "127.0.0.1", t],
        "java": lambda: ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1",
                         f"-Djdk.net.hosts.file={_hosts_file(host, work)}", "-cp",
                         str(work / "java"), "PrintClient", url, str(lab.other_root), "-", t],
        "go": lambda: [str(work / "go" / "print_resolve"), url, f"127.0.0.1:{port}", t],
    }
    return commands[name]()


def _hosts_file(host: str, work: Path) -> Path:
    """Java's own resolver file (jdk.net.hosts.file, JDK 9+): the name at 127.0.0.1."""
    path = work / f"hosts-{host}"
    path.write_text(f"127.0.0.1 {host}\n")
    return path


def run_client(name: str, scenario: str, lab: TrustLab, work: Path) -> TrustRun:
    """One bounded run of ``name`` against the ``scenario`` server."""
    port = lab.ports[scenario]
    host = PUBLIC_NAMES[name] if scenario == "reissued" else "127.0.0.1"
    url = f"https://{host}:{port}/"
    argv = _argv(name, url, host, port, lab, work)
    env = {k: v for k, v in os.environ.items()
           if not k.lower().endswith("_proxy") and k not in (
               "SSL_CERT_FILE", "SSL_CERT_DIR", "REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE",
               "NODE_EXTRA_CA_CERTS", "GIT_SSL_CAINFO", "NODE_OPTIONS")}
    env.update(GIT_TERMINAL_PROMPT="0", LC_ALL="C.UTF-8")
    p = _run(argv, work, env, timeout=_TIMEOUT + _KILL_AFTER)
    out = "" if p is None else (p.stdout + p.stderr).decode("utf-8", "replace")
    text = f"$ {shlex.join(argv)}\n{out}"[:_CAP]
    return TrustRun(client=name, scenario=scenario, host=host, port=port, text=text,
                    exit_code=None if p is None else p.returncode)


CLIENTS = tuple(PUBLIC_NAMES)
