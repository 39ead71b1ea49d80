"""Real TLS servers written against other stacks: Go ``crypto/tls``, Node.js ``tls`` and
Java ``SSLServerSocket`` (JSSE), on a free 127.0.0.1 port.

The programs are in ``testing/programs/``; each takes what an operator sets in that stack
(Go ``tls.Config`` Min/MaxVersion, CipherSuites, ClientAuth, a GetCertificate that fails
for unknown names; Node ``minVersion``/``ciphers``/``requestCert``/``SNICallback``; Java
``jdk.tls.server.protocols``, enabled suites, needClientAuth, an SNI matcher), answers
each connection with one HTTP/1.0 response and logs handshake errors. ``build_go`` and
``build_java`` compile once into a directory the caller keeps (a session fixture), with
no network (GOPROXY=off). Processes are started and stopped by ``servers._spawn``.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

from tlsdoctor.testing.servers import Server, ServerStartError, _spawn, _workdir

__all__ = ["build_go", "build_java", "go_server", "have_go", "have_java", "have_node",
           "java_server", "node_server", "python_accept_server"]

_BUILD_TIMEOUT = 180.0


def have_go() -> bool:
    return shutil.which("go") is not None


def have_node() -> bool:
    return shutil.which("node") is not None


def have_java() -> bool:
    return shutil.which("java") is not None and shutil.which("javac") is not None


def _program(name: str, directory: Path) -> Path:
    out = directory / name
    out.write_bytes(resources.files("tlsdoctor.testing").joinpath("programs", name).read_bytes())
    return out


def _build(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> None:
    p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=_BUILD_TIMEOUT,
                       check=False)
    if p.returncode != 0:
        raise ServerStartError(f"{argv[0]} failed: {p.stderr.decode('utf-8', 'replace')[:500]}")


def build_go(directory: Path) -> Path:
    """Compile ``server.go`` into ``directory``; returns the binary."""
    source = _program("server.go", directory)
    env = {**os.environ, "GOCACHE": str(directory / "cache"), "GOPATH": str(directory / "path"),
           "GOFLAGS": "", "GO111MODULE": "off", "GOPROXY": "off"}
    binary = directory / "goserver"
    _build(["go", "build", "-o", str(binary), str(source)], directory, env)
    return binary


def build_java(directory: Path) -> Path:
    """Compile ``Server.java`` into ``directory``; returns the class directory."""
    source = _program("Server.java", directory)
    _build(["javac", "-d", str(directory), str(source)], directory)
    return directory


def go_server(binary: Path, chain_path: str | Path, key_path: str | Path, *,
              min_version: str = "1.2", max_version: str = "1.3",
              cipher_suites: Sequence[str] = (), client_ca: str | Path | None = None,
              sni: str | None = None, http: bool = False, timeout: float = 10.0) -> Server:
    """The Go server: versions as "1.0".."1.3", suites by Go name (``TLS_ECDHE_...``),
    ``client_ca``: RequireAndVerifyClientCert; ``sni``: GetCertificate errors for others;
    ``http``: served by net/http, whose log names each failed handshake's client."""
    wd, cleanup = _workdir("go")
    args = [str(binary), "-cert", str(chain_path), "-key", str(key_path), "-min", min_version,
            "-max", max_version] + (["-http"] if http else [])
    if cipher_suites:
        args += ["-ciphers", ",".join(cipher_suites)]
    if client_ca is not None:
        args += ["-client-ca", str(client_ca)]
    if sni is not None:
        args += ["-sni", sni]
    return _spawn("go", lambda port: [*args, "-port", str(port)], workdir=wd,
                  log_path=wd / "go.log", timeout=timeout, cleanup=cleanup)


def node_server(chain_path: str | Path, key_path: str | Path, *,
                min_version: str | None = None, max_version: str | None = None,
                ciphers: str | None = None, client_ca: str | Path | None = None,
                sni: str | None = None, log: str = "", timeout: float = 10.0) -> Server:
    """The Node.js server: ``min_version``/``max_version`` as Node spells them
    ("TLSv1.2"), ``ciphers`` an OpenSSL list, ``client_ca``: requestCert +
    rejectUnauthorized; ``sni``: an SNICallback that errors for any other name;
    ``log="event"``: a tlsClientError is logged as an application does (the event's
    name, then the error object as Node prints it)."""
    wd, cleanup = _workdir("node")
    source = _program("server.js", wd)
    conf = {"cert": str(chain_path), "key": str(key_path), "minVersion": min_version,
            "maxVersion": max_version, "ciphers": ciphers,
            "clientCa": str(client_ca) if client_ca else None, "sni": sni, "log": log}

    def argv(port: int) -> list[str]:
        return ["node", str(source), json.dumps({**conf, "port": port})]
    return _spawn("node", argv, workdir=wd, log_path=wd / "node.log", timeout=timeout,
                  cleanup=cleanup)


def java_server(classes: Path, chain_path: str | Path, key_path: str | Path, *,
                protocols: Sequence[str] = (), suites: Sequence[str] = (),
                client_ca: str | Path | None = None, sni: str | None = None,
                security: dict[str, str] | None = None, trace: bool = False,
                properties: dict[str, str] | None = None, timeout: float = 20.0) -> Server:
    """The Java server: ``protocols`` go to ``-Djdk.tls.server.protocols`` ("TLSv1.2"),
    ``suites`` are JSSE names, ``client_ca``: needClientAuth; ``sni``: an SNI matcher
    that accepts only that name (JSSE then refuses others with unrecognized_name).
    ``security``: java.security properties to override, as an operator does with
    ``-Djava.security.properties`` (e.g. ``jdk.tls.disabledAlgorithms`` to re-enable TLS 1.0).
    ``trace``: a failed handshake is logged as Java prints an exception (its stack trace).
    ``properties``: system properties (``-Dname=value``), e.g. ``jdk.tls.ephemeralDHKeySize``
    as Tomcat's JSSE_OPTS passes it."""
    wd, cleanup = _workdir("java")
    args = ["java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", str(classes)]
    args += [f"-D{k}={v}" for k, v in (properties or {}).items()]
    if security:
        props = wd / "java.security"
        props.write_text("".join(f"{k}={v}\n" for k, v in security.items()))
        args.append(f"-Djava.security.properties={props}")
    if protocols:
        args.append(f"-Djdk.tls.server.protocols={','.join(protocols)}")
    rest = [str(chain_path), str(key_path), ",".join(suites) or "-",
            str(client_ca) if client_ca else "-", sni or "-"] + (["trace"] if trace else [])
    return _spawn("java", lambda port: [*args, "Server", str(port), *rest], workdir=wd,
                  log_path=wd / "java.log", timeout=timeout, cleanup=cleanup)


def python_accept_server(chain_path: str | Path, key_path: str | Path, *,
                         client_ca: str | Path | None = None, timeout: float = 10.0) -> Server:
    """A Python ``ssl`` server in its own process (``tls_accept.py``): the listening socket
    is wrapped, ``accept()`` runs the handshake and a failure is logged with Python's own
    traceback. ``client_ca``: a client certificate from it is required."""
    wd, cleanup = _workdir("pyaccept")
    source = _program("tls_accept.py", wd)
    conf = {"cert": str(chain_path), "key": str(key_path),
            "clientCa": str(client_ca) if client_ca else None}

    def argv(port: int) -> list[str]:
        return [sys.executable, str(source), json.dumps({**conf, "port": port})]
    return _spawn("pyaccept", argv, workdir=wd, log_path=wd / "pyaccept.log", timeout=timeout,
                  cleanup=cleanup)
