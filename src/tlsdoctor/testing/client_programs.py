"""Real client programs run the way their users run them, output captured verbatim: the
client side of the client matrix (tests/ingest/test_explain_client_matrix.py).

``kit = ClientKit(workdir, ca_file)``; ``kit.run("curl", port)`` returns ``Printed``: what
the program wrote (stdout then stderr, as a terminal shows it) and its exit status. Each
program trusts ``ca_file`` the way its users add a private CA (curl ``--cacert``, an NSS
database made with ``certutil`` for tstclnt, a cert pool in Go, a KeyStore in Java...),
asks for ``https://localhost:PORT/`` and prints its failure as users see it: Python's
uncaught traceback (or ``print(e)``), Node's ``console.error(err)``, Go's
``log.Fatal(err)``, Java's ``printStackTrace()``, PHP's warnings, Ruby's ``Class: message``
(or its uncaught exception), LWP's status line, Erlang's error term (``io:format("~p~n")``;
the PHP, Ruby, Perl and Erlang scripts are in testing/programs). Go and Java are compiled once into the
work directory (no network). Every run is bounded (``timeout`` for the program's own
timeout options, plus a hard kill a few seconds later).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path

from .faketime import faked, starting_at

__all__ = ["CLIENTS", "ClientKit", "Printed"]

_HOST = "localhost"
_KILL_AFTER = 4.0  # seconds past the program's own timeout before we kill it
_OUTPUT_CAP = 16 * 1024


@dataclass(frozen=True, slots=True, kw_only=True)
class Printed:
    """One program's run: ``exit_code`` None means it was killed (it had no timeout of its
    own and never gave up), so ``text`` is whatever it had printed by then."""

    client: str
    text: str
    exit_code: int | None


@dataclass(frozen=True, slots=True, kw_only=True)
class _Call:
    port: int
    ca_file: Path
    cap12: bool  # cap the client at TLS 1.2
    timeout: float
    work: Path  # where builds and the NSS database live

    @property
    def url(self) -> str:
        return f"https://{_HOST}:{self.port}/"


_PY_SSL = """import socket, ssl, sys
port, ca, cap, wait = int(sys.argv[1]), sys.argv[2], sys.argv[3], float(sys.argv[4])
ctx = ssl.create_default_context(cafile=ca)
if cap == "1.2":
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
with socket.create_connection(("localhost", port), timeout=wait) as sock:
    with ctx.wrap_socket(sock, server_hostname="localhost") as tls:
        tls.sendall(b"GET / HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n")
        print(tls.recv(100).split(b"\\r\\n")[0].decode())
"""
_PY_SSL_STR = ("import sys\ntry:\n    exec(compile(sys.argv.pop(1), 'client', 'exec'))\n"
               "except Exception as e:\n    print(e)\n    sys.exit(1)\n")
_PY_URLLIB = """import ssl, sys, urllib.request
url, ca, cap, wait = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
ctx = ssl.create_default_context(cafile=ca)
if cap == "1.2":
    ctx.maximum_version = ssl.TLSVersion.TLSv1_2
print(urllib.request.urlopen(url, context=ctx, timeout=wait).status)
"""
_PY_REQUESTS = """import sys, requests
url, ca, wait = sys.argv[1], sys.argv[2], float(sys.argv[4])
print(requests.get(url, verify=ca, timeout=wait).status_code)
"""
_NODE = """const https = require('https'), fs = require('fs');
const [port, ca, cap, wait] = process.argv.slice(1);
const req = https.get({host: 'localhost', port: +port, path: '/', ca: fs.readFileSync(ca),
  maxVersion: cap === '1.2' ? 'TLSv1.2' : undefined, timeout: wait * 1000},
  res => { console.log(res.statusCode); res.resume(); });
req.on('timeout', () => req.destroy());
req.on('error', err => { console.error(err); process.exit(1); });
"""


def _cap(c: _Call) -> str:
    return "1.2" if c.cap12 else "-"


def _openssl(*flags: str) -> Callable[[_Call], list[str]]:
    def argv(c: _Call) -> list[str]:
        return ["openssl", "s_client", "-connect", f"127.0.0.1:{c.port}", "-servername", _HOST,
                "-verify_hostname", _HOST, "-CAfile", str(c.ca_file), *flags,
                *(["-tls1_2"] if c.cap12 else [])]
    return argv


@dataclass(frozen=True, slots=True, kw_only=True)
class _Program:
    name: str
    binary: str
    argv: Callable[[_Call], list[str]]
    can_cap: bool = True  # can be capped at TLS 1.2
    own_timeout: bool = True  # gives up on a silent server by itself
    needs: str = ""  # a Python module it imports
    script: str = ""  # its source in testing/programs, copied to the work directory
    check: tuple[tuple[str, ...], str] | None = None  # a command that must succeed, and why
    start_slack: float = 0.0  # extra seconds before the kill: a runtime slow to boot (BEAM)


def _script(c: _Call, name: str) -> str:
    return str(c.work / "scripts" / name)


def _args(c: _Call, first: str) -> list[str]:
    """The arguments every script takes: the URL or port, CA file, cap, timeout."""
    return [first, str(c.ca_file), _cap(c), str(c.timeout)]


_PHP_CURL = (("php", "-r", "exit(extension_loaded('curl') ? 0 : 1);"),
             "PHP's curl extension is not installed (php-curl)")
_PERL_LWP = (("perl", "-MLWP::Protocol::https", "-e", "1"),
             "LWP's https support is not installed (liblwp-protocol-https-perl)")
_PERL_SSL = (("perl", "-MIO::Socket::SSL", "-e", "1"),
             "IO::Socket::SSL is not installed (libio-socket-ssl-perl)")
_LUASEC = (("lua", "-e", "require('ssl.https')"), "LuaSec is not installed (lua-sec)")
_JAVA = ("java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp")  # then the class dir
_PLUGINS = "/usr/lib/nagios/plugins"  # Debian's monitoring-plugins-basic / -standard
_ERL_SSL = (("erl", "-noshell", "-eval",
             "halt(case code:which(ssl) of non_existing -> 1; _ -> 0 end)."),
            "Erlang's ssl application is not installed (erlang-ssl)")


CLIENTS: tuple[_Program, ...] = (
    _Program(name="curl", binary="curl", argv=lambda c: [
        "curl", "-sS", "-o", "/dev/null", "--max-time", str(c.timeout), "--cacert",
        str(c.ca_file), "--resolve", f"{_HOST}:{c.port}:127.0.0.1",
        *(["--tls-max", "1.2"] if c.cap12 else []), c.url]),
    # wget's --secure-protocol=TLSv1_2 means "1.2 or newer" with GnuTLS: no cap.
    _Program(name="wget", binary="wget", can_cap=False, argv=lambda c: [
        "wget", "-O", "/dev/null", "--tries=1", f"--timeout={c.timeout}",
        f"--ca-certificate={c.ca_file}", c.url]),
    _Program(name="openssl_verify_error", binary="openssl", own_timeout=False,
             argv=_openssl("-verify_return_error")),
    _Program(name="openssl", binary="openssl", own_timeout=False, argv=_openssl()),
    _Program(name="openssl_brief", binary="openssl", own_timeout=False,
             argv=_openssl("-brief")),
    _Program(name="gnutls_cli", binary="gnutls-cli", own_timeout=False, argv=lambda c: [
        "gnutls-cli", "--x509cafile", str(c.ca_file), "--port", str(c.port),
        *(["--priority", "NORMAL:-VERS-TLS1.3"] if c.cap12 else []), _HOST]),
    _Program(name="nss_tstclnt", binary="tstclnt", own_timeout=False, argv=lambda c: [
        "tstclnt", "-4", "-Q", "-h", _HOST, "-p", str(c.port), "-d", f"sql:{c.work / 'nssdb'}",
        *(["-V", "tls1.0:tls1.2"] if c.cap12 else [])]),
    _Program(name="python_ssl", binary=sys.executable, argv=lambda c: [
        sys.executable, "-c", _PY_SSL, str(c.port), str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="python_ssl_str", binary=sys.executable, argv=lambda c: [
        sys.executable, "-c", _PY_SSL_STR, _PY_SSL, str(c.port), str(c.ca_file), _cap(c),
        str(c.timeout)]),
    _Program(name="python_urllib", binary=sys.executable, argv=lambda c: [
        sys.executable, "-c", _PY_URLLIB, c.url, str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="python_requests", binary=sys.executable, can_cap=False, needs="requests",
             argv=lambda c: [sys.executable, "-c", _PY_REQUESTS, c.url, str(c.ca_file),
                             _cap(c), str(c.timeout)]),
    _Program(name="node", binary="node", argv=lambda c: [
        "node", "-e", _NODE, str(c.port), str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="go", binary="go", argv=lambda c: [
        str(c.work / "go" / "print_client"), c.url, str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="java", binary="javac", argv=lambda c: [
        "java", "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-cp", str(c.work / "java"),
        "PrintClient", c.url, str(c.ca_file), _cap(c), str(c.timeout)]),
    # git has no handshake timeout: http.lowSpeedTime starts after the handshake.
    _Program(name="git", binary="git", can_cap=False, own_timeout=False, argv=lambda c: [
        "git", "-c", f"http.sslCAInfo={c.ca_file}", "ls-remote", f"{c.url}repo.git"]),
    # Round 10's application stacks: PHP streams (file_get_contents' warnings;
    # stream_socket_client's $errstr), PHP's ext-curl, Ruby Net::HTTP (rescued and printed
    # "Class: message", or uncaught), Perl LWP and IO::Socket::SSL, Erlang ssl and httpc.
    _Program(name="php", binary="php", script="print_client.php", argv=lambda c: [
        "php", _script(c, "print_client.php"), *_args(c, c.url)]),
    _Program(name="php_socket", binary="php", script="print_socket.php", argv=lambda c: [
        "php", _script(c, "print_socket.php"), *_args(c, str(c.port))]),
    _Program(name="php_curl", binary="php", script="print_curl.php", check=_PHP_CURL,
             argv=lambda c: ["php", _script(c, "print_curl.php"), *_args(c, c.url)]),
    _Program(name="ruby", binary="ruby", script="print_client.rb", argv=lambda c: [
        "ruby", _script(c, "print_client.rb"), *_args(c, c.url), "rescue"]),
    _Program(name="ruby_uncaught", binary="ruby", script="print_client.rb", argv=lambda c: [
        "ruby", _script(c, "print_client.rb"), *_args(c, c.url), "raise"]),
    _Program(name="perl_lwp", binary="perl", script="print_lwp.pl", check=_PERL_LWP,
             argv=lambda c: ["perl", _script(c, "print_lwp.pl"), *_args(c, c.url)]),
    _Program(name="perl_socket", binary="perl", script="print_socket.pl", check=_PERL_SSL,
             argv=lambda c: ["perl", _script(c, "print_socket.pl"), *_args(c, str(c.port))]),
    _Program(name="erlang", binary="escript", script="print_client.escript", check=_ERL_SSL,
             start_slack=4.0, argv=lambda c: ["escript", _script(c, "print_client.escript"), "ssl",
                             *_args(c, str(c.port))]),
    _Program(name="erlang_httpc", binary="escript", script="print_client.escript",
             check=_ERL_SSL, start_slack=4.0, argv=lambda c: [
                 "escript", _script(c, "print_client.escript"), "httpc",
                 *_args(c, str(c.port))]),
    # Round 12: programs that wrap a TLS library in their own words. The monitoring plugins
    # as a Nagios/Icinga service check runs them (-S with SNI): check_http -C checks only
    # the certificate's age (it verifies nothing else), check_curl --verify-cert with the
    # CA; stunnel's client section (verifyChain, checkHost) in inetd mode, its log being
    # what a person reads; msmtp over SMTPS, whose verdict on the certificate comes before
    # any SMTP.
    _Program(name="check_http", binary=f"{_PLUGINS}/check_http", argv=lambda c: [
        f"{_PLUGINS}/check_http", "-H", _HOST, "-I", "127.0.0.1", "-p", str(c.port),
        "-S1.2" if c.cap12 else "-S", "--sni", "-t", str(max(1, int(c.timeout))), "-C", "1"]),
    # check_curl -S1.2 sets libcurl's minimum, not its maximum: no cap.
    _Program(name="check_curl", binary=f"{_PLUGINS}/check_curl", can_cap=False, argv=lambda c: [
        f"{_PLUGINS}/check_curl", "-H", _HOST, "-I", "127.0.0.1", "-p", str(c.port), "-S", "--sni", "-t", str(max(1, int(c.timeout))),
        "--verify-cert", "--ca-cert", str(c.ca_file)]),
    _Program(name="stunnel", binary="stunnel", script="print_stunnel.sh", argv=lambda c: [
        "sh", _script(c, "print_stunnel.sh"), *_args(c, str(c.port))]),
    _Program(name="msmtp", binary="msmtp", argv=lambda c: [
        "msmtp", f"--host={_HOST}", f"--port={c.port}", "--tls=on", "--tls-starttls=off",
        f"--tls-trust-file={c.ca_file}", f"--timeout={max(1, int(c.timeout))}",
        *(["--tls-priorities=NORMAL:-VERS-TLS1.3"] if c.cap12 else []), "--auth=off",
        "--from=tester@example.com", "postmaster@example.com"]),
    # Round 21: more programs and stacks, each printing its failure as its users see it.
    # wget2 (GnuTLS; a --secure-protocol it does not know is a GnuTLS priority string).
    _Program(name="wget2", binary="wget2", argv=lambda c: [
        "wget2", "-O", "/dev/null", "--tries=1", f"--timeout={c.timeout}", "--no-robots",
        f"--ca-certificate={c.ca_file}",
        *(["--secure-protocol=NORMAL:-VERS-TLS1.3"] if c.cap12 else []), c.url]),
    # aria2c (GnuTLS on Debian) has --min-tls-version only: no cap.
    _Program(name="aria2c", binary="aria2c", can_cap=False, argv=lambda c: [
        "aria2c", "--max-tries=1", f"--connect-timeout={max(1, int(c.timeout))}",
        f"--timeout={max(1, int(c.timeout))}", f"--ca-certificate={c.ca_file}",
        "--check-certificate=true", f"--dir={c.work / 'aria2'}", "--allow-overwrite=true",
        "--summary-interval=0", c.url]),
    # socat's OPENSSL address (verify=1 and the host name checked by default since 1.7.4).
    _Program(name="socat", binary="socat", argv=lambda c: [
        "socat", "-T", str(c.timeout), "-", f"OPENSSL:{_HOST}:{c.port},cafile={c.ca_file},"
        f"connect-timeout={c.timeout}" + (",openssl-max-proto-version=TLS1.2" if c.cap12
                                          else "")]),
    # The text browsers in dump mode, as a script or a cron job runs them.
    _Program(name="w3m", binary="w3m", can_cap=False, own_timeout=False, argv=lambda c: [
        "w3m", "-dump", "-o", "ssl_verify_server=1", "-o", f"ssl_ca_file={c.ca_file}", c.url]),
    # lynx's -connect_timeout bounds the TCP connect only, not the handshake.
    _Program(name="lynx", binary="lynx", can_cap=False, own_timeout=False, argv=lambda c: [
        "env", f"SSL_CERT_FILE={c.ca_file}", "lynx", "-dump",
        f"-connect_timeout={max(1, int(c.timeout))}", c.url]),
    # ELinks' dump mode waits on a silent server past any timeout option: no own timeout.
    _Program(name="elinks", binary="elinks", can_cap=False, own_timeout=False, argv=lambda c: [
        "elinks", "-no-home", "-dump", "-eval",
        f'set connection.ssl.trusted_ca_file = "{c.ca_file}"', "-eval",
        "set connection.ssl.cert_verify = 1", c.url]),
    _Program(name="luasec", binary="lua", script="print_luasec.lua", check=_LUASEC,
             argv=lambda c: ["lua", _script(c, "print_luasec.lua"), *_args(c, c.url)]),
    _Program(name="python_httpx", binary=sys.executable, needs="httpx",
             script="print_httpx.py", argv=lambda c: [
                 sys.executable, _script(c, "print_httpx.py"), "httpx", *_args(c, c.url)]),
    _Program(name="python_aiohttp", binary=sys.executable, needs="aiohttp",
             script="print_httpx.py", argv=lambda c: [
                 sys.executable, _script(c, "print_httpx.py"), "aiohttp", *_args(c, c.url)]),
    # fetch takes no TLS options (no version cap); tls.connect has no handshake timeout.
    _Program(name="node_fetch", binary="node", script="print_tls.js", can_cap=False,
             argv=lambda c: [
        "env", f"NODE_EXTRA_CA_CERTS={c.ca_file}", "node", _script(c, "print_tls.js"),
        "fetch", *_args(c, str(c.port))]),
    _Program(name="node_tls", binary="node", script="print_tls.js", own_timeout=False,
             argv=lambda c: [
        "node", _script(c, "print_tls.js"), "tls", *_args(c, str(c.port))]),
    _Program(name="go_tls", binary="go", argv=lambda c: [
        str(c.work / "go" / "print_dial"), f"localhost:{c.port}", str(c.ca_file), _cap(c),
        str(c.timeout)]),
    _Program(name="java_httpclient", binary="javac", argv=lambda c: [
        *_JAVA, str(c.work / "java"), "PrintHttpClient", c.url, str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="java_socket", binary="javac", argv=lambda c: [
        *_JAVA, str(c.work / "java"), "PrintSocket", str(c.port), str(c.ca_file), _cap(c), str(c.timeout)]),
    _Program(name="ruby_socket", binary="ruby", script="print_socket.rb", own_timeout=False,
             argv=lambda c: ["ruby", _script(c, "print_socket.rb"), *_args(c, str(c.port))]),
    # Non-HTTP clients over TLS: each reaches our HTTPS server's TLS, then its own protocol
    # fails on the control (the harness's _CONNECTED words).
    _Program(name="redis_cli", binary="redis-cli", can_cap=False, own_timeout=False,
             argv=lambda c: [
        "redis-cli", "--tls", "--cacert", str(c.ca_file), "-h", _HOST, "-p", str(c.port),
        "PING"]),
    _Program(name="mosquitto_sub", binary="mosquitto_sub", argv=lambda c: [
        "mosquitto_sub", "-h", _HOST, "-p", str(c.port), "--cafile", str(c.ca_file),
        "-t", "t", "-C", "1", "-W", str(max(1, int(c.timeout))),
        *(["--tls-version", "tlsv1.2"] if c.cap12 else [])]),
)
_BY_NAME = {p.name: p for p in CLIENTS}
# Rows built once into the work directory: row -> Go program (programs/NAME.go, built to
# go/NAME, with the shared files it uses) or Java source (compiled into java/, with the
# trust set-up they share).
_GO_BUILDS = {"go": ("print_client", "trust_file.go", "http_get.go"),
              "go_tls": ("print_dial", "trust_file.go")}
_JAVA_BUILDS = {"java": "PrintClient.java", "java_httpclient": "PrintHttpClient.java",
                "java_socket": "PrintSocket.java"}
_JAVA_TRUST = "TrustFile.java"


def _faked(argv: list[str], env: dict[str, str], clock: datetime) -> list[str]:
    """``argv`` under libfaketime starting at ``clock`` (UTC; the clock runs on from there at
    its normal pace, so timeouts still work); ``env`` gains what that needs. The monotonic
    clock is moved too: with FAKETIME_DONT_FAKE_MONOTONIC the JVM's waits stretch to ~10 s."""
    at = clock.astimezone(UTC)
    env.update(TZ="UTC", TLSDOCTOR_CLIENT_TIME=at.strftime("%Y-%m-%dT%H:%M:%SZ"))
    return faked(argv, starting_at(at))


def _source(name: str, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    out = directory / name
    out.write_bytes(resources.files("tlsdoctor.testing").joinpath("programs", name).read_bytes())
    return out


def _checked(argv: list[str], cwd: Path, env: dict[str, str] | None = None) -> str | None:
    """None when the command succeeded, else its first error line."""
    try:
        p = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, timeout=180,
                           check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return f"{argv[0]}: {exc}"
    if p.returncode == 0:
        return None
    return f"{argv[0]} failed: {(p.stderr or p.stdout).decode('utf-8', 'replace')[:300]}"


class ClientKit:
    """Builds what the programs need once (Go and Java binaries, the NSS database)."""

    def __init__(self, work: Path, ca_file: Path) -> None:
        self.work, self.ca_file = work, ca_file
        self._missing: dict[str, str | None] = {}

    def _prepare(self, name: str) -> str | None:
        prog = _BY_NAME[name]
        if shutil.which(prog.binary) is None:
            return f"{prog.binary} is not installed"
        if prog.needs:
            p = subprocess.run([sys.executable, "-c", f"import {prog.needs}"],
                               capture_output=True, timeout=30, check=False)
            if p.returncode != 0:
                return f"Python module {prog.needs} is not installed"
        if prog.check is not None and _checked(list(prog.check[0]), self.work) is not None:
            return prog.check[1]
        if prog.script:
            _source(prog.script, self.work / "scripts")
        if name in _GO_BUILDS:  # one GOCACHE for every Go row: the standard library once
            d = self.work / "go"
            env = {**os.environ, "GOCACHE": str(d / "cache"), "GOPATH": str(d / "path"),
                   "GOFLAGS": "", "GO111MODULE": "off", "GOPROXY": "off"}
            program, *shared = _GO_BUILDS[name]
            sources = [str(_source(f, d)) for f in (program + ".go", *shared)]
            return _checked(["go", "build", "-o", str(d / program), *sources], d, env)
        if name in _JAVA_BUILDS:
            d = self.work / "java"
            return _checked(["javac", "-d", str(d), str(_source(_JAVA_BUILDS[name], d)),
                             str(_source(_JAVA_TRUST, d))], d)
        if name == "nss_tstclnt":
            return self._nssdb()
        return None

    def _nssdb(self) -> str | None:
        if shutil.which("certutil") is None:
            return "certutil is not installed (needed for tstclnt's trust)"
        db = self.work / "nssdb"
        db.mkdir(parents=True, exist_ok=True)
        return (_checked(["certutil", "-N", "-d", f"sql:{db}", "--empty-password"], db) or
                _checked(["certutil", "-A", "-d", f"sql:{db}", "-n", "matrix-root", "-t",
                          "C,,", "-i", str(self.ca_file)], db))

    def unavailable(self, name: str) -> str | None:
        """Why ``name`` cannot run here (None: ready). Builds on first use."""
        if name not in self._missing:
            self._missing[name] = self._prepare(name)
        return self._missing[name]

    def can_cap(self, name: str) -> bool:
        return _BY_NAME[name].can_cap

    def gives_up_alone(self, name: str) -> bool:
        return _BY_NAME[name].own_timeout

    def run(self, name: str, port: int, *, cap12: bool = False, timeout: float = 5.0,
            clock: datetime | None = None, kill_after: float = _KILL_AFTER) -> Printed:
        """Run ``name`` against 127.0.0.1:``port`` once; bounded in time and output.

        ``clock``: the time the program's clock starts at (a wrong client clock), through
        libfaketime, and for Go through tls.Config.Time (print_client.go); None: the real one.
        ``kill_after``: seconds past ``timeout`` (and the runtime's start slack) before the
        program is killed.
        """
        call = _Call(port=port, ca_file=self.ca_file, cap12=cap12, timeout=timeout,
                     work=self.work)
        env = {k: v for k, v in os.environ.items()
               if not k.lower().endswith("_proxy") and k not in ("SSL_CERT_FILE", "SSL_CERT_DIR")}
        env.update(GIT_TERMINAL_PROMPT="0", GIT_SSL_CAINFO=str(self.ca_file), LC_ALL="C.UTF-8",
                   NODE_OPTIONS="")
        prog = _BY_NAME[name]
        argv = prog.argv(call)
        if clock is not None:
            argv = _faked(argv, env, clock)
        try:
            p = subprocess.run(argv, stdin=subprocess.DEVNULL, capture_output=True,
                               timeout=timeout + kill_after + prog.start_slack, env=env,
                               cwd=self.work, check=False)
        except subprocess.TimeoutExpired as exc:
            partial = bytes(exc.stdout or b"") + bytes(exc.stderr or b"")
            return Printed(client=name, text=partial.decode("utf-8", "replace")[:_OUTPUT_CAP],
                           exit_code=None)
        text = (p.stdout + p.stderr).decode("utf-8", "replace")
        return Printed(client=name, text=text[:_OUTPUT_CAP], exit_code=p.returncode)
