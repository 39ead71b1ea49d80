"""Real TLS servers on 127.0.0.1 for tests and ``tlsdoctor demo``.

Each starter launches a real implementation (``openssl s_server``, nginx, gnutls-serv,
or Python's ``ssl``) on a free loopback port, returns once a TCP connect succeeds (no
fixed sleeps), and stops and reaps it on exit. The returned ``Server`` is a context
manager, so both ``with openssl_server(...) as srv:`` and an explicit ``srv.stop()``
work. Only the ``openssl`` CLI is required; nginx, apache2, haproxy and gnutls-serv are
optional (``have_nginx()``, ``have_apache()``, ``have_haproxy()``, ``have_gnutls()``).

``nginx_tls_server``, ``apache_server`` and ``haproxy_server`` take the server's own
directive lines (what an operator writes), check them with the server's own parser
(``nginx -t``, ``apache2 -t``, ``haproxy -c``) and say why when it refuses them
(``ConfigRejected``); ``tlsdoctor.testing.fixapply`` edits those lines the way a fix
tells an operator to.

Every process is started in its own session so that stop() can signal exactly the
processes this module started, and every wait is bounded.
"""

from __future__ import annotations

import contextlib
import functools
import os
import shutil
import socket
import ssl
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from email.utils import formatdate
from pathlib import Path
from types import TracebackType

from cryptography import x509
from cryptography.hazmat.primitives import serialization

from .listeners import owned_by_session, session_left

__all__ = [
    "PROTOCOLS",
    "ConfigRejected",
    "Server",
    "ServerStartError",
    "Site",
    "apache_server",
    "free_port",
    "gnutls_server",
    "haproxy_server",
    "have_apache",
    "have_gnutls",
    "have_haproxy",
    "have_nginx",
    "nginx_server",
    "nginx_tls_server",
    "openssl_server",
    "python_server",
    "s_client",
    "wait_ready",
]

HOST = "127.0.0.1"
# Our protocol names (the s_server flag stems), oldest first, and their nginx spelling.
PROTOCOLS = ("ssl3", "tls1", "tls1_1", "tls1_2", "tls1_3")
_NGINX_PROTO = {"ssl3": "SSLv3", "tls1": "TLSv1", "tls1_1": "TLSv1.1", "tls1_2": "TLSv1.2",
                "tls1_3": "TLSv1.3"}
_ALIASES = {"sslv3": "ssl3", "tlsv1": "tls1", "tlsv1.0": "tls1", "tls1.0": "tls1",
            "tls1_0": "tls1", "tlsv1.1": "tls1_1", "tls1.1": "tls1_1", "tlsv1.2": "tls1_2",
            "tls1.2": "tls1_2", "tlsv1.3": "tls1_3", "tls1.3": "tls1_3"}
_START_ATTEMPTS = 3  # a free port can be taken by a parallel test between probe and bind
_LOG_CAP = 4 * 1024 * 1024  # read at most this much of a server log


class ServerStartError(RuntimeError):
    """The server process exited or never listened; the message carries its log tail."""


class ConfigRejected(ServerStartError):
    """The server's own configuration check refused the file; the message is its output."""


def have_nginx() -> bool:
    return shutil.which("nginx") is not None or Path("/usr/sbin/nginx").exists()


def have_apache() -> bool:
    return _apache_binary() is not None and _APACHE_MODULES.is_dir()


def have_haproxy() -> bool:
    return shutil.which("haproxy") is not None or Path("/usr/sbin/haproxy").exists()


def _apache_binary() -> str | None:
    found = shutil.which("apache2") or shutil.which("httpd")
    return found or ("/usr/sbin/apache2" if Path("/usr/sbin/apache2").exists() else None)


def _haproxy_binary() -> str:
    return shutil.which("haproxy") or "/usr/sbin/haproxy"


def have_gnutls() -> bool:
    return shutil.which("gnutls-serv") is not None


def _nginx_binary() -> str:
    return shutil.which("nginx") or "/usr/sbin/nginx"


def free_port(host: str = HOST) -> int:
    """A TCP port that was free on ``host`` a moment ago (the kernel picks it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((host, 0))
        return int(s.getsockname()[1])


def wait_ready(host: str, port: int, timeout: float = 10.0,
               alive: Callable[[], bool] | None = None) -> None:
    """Return once a TCP connect to host:port succeeds; raise TimeoutError otherwise.

    ``alive`` (optional) is polled between attempts so a crashed server fails fast
    instead of waiting out the timeout. Retries back off from 5 ms to 50 ms.
    """
    deadline = time.monotonic() + timeout
    delay = 0.005
    while True:
        try:
            with socket.create_connection((host, port), timeout=max(0.05, min(1.0, timeout))):
                return
        except OSError:
            pass
        if alive is not None and not alive():
            raise ServerStartError(f"server on {host}:{port} exited before listening")
        if time.monotonic() >= deadline:
            raise TimeoutError(f"nothing listening on {host}:{port} after {timeout:.1f}s")
        time.sleep(delay)  # poll interval, not a readiness guess
        delay = min(delay * 2, 0.05)


def _wait_file(path: Path, timeout: float, alive: Callable[[], bool]) -> None:
    deadline = time.monotonic() + timeout
    delay = 0.005
    while not path.exists():
        if not alive():
            raise ServerStartError(f"server exited before writing {path.name}")
        if time.monotonic() >= deadline:
            raise TimeoutError(f"{path.name} not written after {timeout:.1f}s")
        time.sleep(delay)  # poll interval, not a readiness guess
        delay = min(delay * 2, 0.05)


def _norm_protocols(protocols: Iterable[str]) -> tuple[str, ...]:
    out = []
    for p in protocols:
        name = _ALIASES.get(p.lower(), p.lower())
        if name not in PROTOCOLS:
            raise ValueError(f"unknown protocol {p!r}; use one of {PROTOCOLS}")
        out.append(name)
    if not out:
        raise ValueError("at least one protocol is needed")
    return tuple(sorted(set(out), key=PROTOCOLS.index))


def _needs_seclevel0(protocols: Sequence[str]) -> bool:
    # OpenSSL 3.0 puts TLS 1.0/1.1 (SHA-1/MD5 handshake signatures) below security
    # level 1, so these versions only negotiate at @SECLEVEL=0 (openssl CHANGES, 3.0).
    return any(p in ("ssl3", "tls1", "tls1_1") for p in protocols)


def _with_seclevel0(cipher: str | None, protocols: Sequence[str]) -> str | None:
    if not _needs_seclevel0(protocols):
        return cipher
    if cipher is None:
        return "DEFAULT:@SECLEVEL=0"
    return cipher if "@SECLEVEL" in cipher.upper() else f"{cipher}:@SECLEVEL=0"


class Server:
    """A running server: where it listens, its process and log, and how to stop it."""

    __slots__ = ("_cleanup", "_final_log", "_lock", "_stop", "_stopped", "host", "kind",
                 "log_path", "port", "process", "workdir")

    def __init__(self, *, kind: str, host: str, port: int, log_path: Path,
                 workdir: Path | None, process: subprocess.Popen[bytes] | None,
                 stop: Callable[[], None], cleanup: Callable[[], None]) -> None:
        self.kind, self.host, self.port = kind, host, port
        self.log_path, self.workdir, self.process = log_path, workdir, process
        self._stop, self._cleanup = stop, cleanup
        self._stopped, self._lock = False, threading.Lock()
        self._final_log: str | None = None

    @property
    def target(self) -> str:
        """``127.0.0.1:PORT``, what ``tlsdoctor diagnose`` takes."""
        return f"{self.host}:{self.port}"

    @property
    def address(self) -> tuple[str, int]:
        return (self.host, self.port)

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process is not None else None

    def alive(self) -> bool:
        if self._stopped:
            return False
        return self.process is None or self.process.poll() is None

    def log(self) -> str:
        """The server's log (stdout+stderr, or nginx's error_log), capped.

        Still readable after stop(): the text is kept when the work directory goes.
        """
        if self._final_log is not None:
            return self._final_log
        try:
            with open(self.log_path, "rb") as f:
                size = f.seek(0, os.SEEK_END)
                f.seek(max(0, size - _LOG_CAP))
                return f.read().decode("utf-8", "replace")
        except OSError:
            return ""

    def stop(self) -> None:
        """Stop and reap the server; idempotent."""
        with self._lock:
            if self._stopped:
                return
            self._stopped = True
        try:
            self._stop()
        finally:
            self._final_log = self.log()
            self._cleanup()

    def __enter__(self) -> Server:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()

    def __repr__(self) -> str:
        return f"<Server {self.kind} {self.target} pid={self.pid}>"


def _kill(proc: subprocess.Popen[bytes]) -> None:
    """Terminate then kill the process group we created for ``proc``, reap it, and wait
    until nothing of its session is left."""
    if proc.poll() is None:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, 15)
        try:
            proc.wait(timeout=3)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, 9)
            proc.wait(timeout=5)
        # What the leader forked can outlive it: Exim's receiving processes finish and log
        # their handshake after the daemon has gone, and would create the work directory's
        # log/ again once it is removed. A moment to finish, then they are killed too.
        gone = _session_gone(proc.pid, 1.0)
    else:
        gone = False  # leader gone already; make sure nothing it forked lingers
    if not gone:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(proc.pid, 9)
        _session_gone(proc.pid, 5.0)
    if proc.stdin is not None:
        with contextlib.suppress(OSError):
            proc.stdin.close()


def _session_gone(sid: int, timeout: float) -> bool:
    """Wait up to ``timeout`` for session ``sid`` to have no live process left."""
    deadline = time.monotonic() + timeout
    while session_left(sid):
        if time.monotonic() >= deadline:
            return False
        time.sleep(0.01)  # poll interval while the children exit
    return True


def _running(proc: subprocess.Popen[bytes]) -> bool:
    return proc.poll() is None


def _log_tail(path: Path, limit: int = 2000) -> str:
    try:
        return path.read_bytes()[-limit:].decode("utf-8", "replace")
    except OSError:
        return ""


def _wait_own_listener(proc: subprocess.Popen[bytes], port: int, timeout: float) -> None:
    """The port answered; wait until the listener is this server's own, not another test's
    server that was given the same free port (listeners.py). The error says "in use", so
    _spawn retries on another port."""
    deadline = time.monotonic() + timeout
    while owned_by_session(proc.pid, port) is False:
        if not _running(proc) or time.monotonic() >= deadline:
            raise ServerStartError(f"port {port} in use: another process answers on it")
        time.sleep(0.01)  # poll interval while our server binds or exits


def _spawn(kind: str, make_argv: Callable[[int], list[str]], *, workdir: Path,
           log_path: Path, timeout: float, cleanup: Callable[[], None],
           log_is_output: bool = True, env: dict[str, str] | None = None,
           ready_file: Path | None = None) -> Server:
    """Start ``make_argv(port)`` on a free port, retrying when the port was taken.

    ``ready_file``: also wait for this file (a pid file written once the server has
    initialised: httpd listens before mod_ssl loads the certificates, and may still
    exit after a connect succeeded).
    """
    last_error = ""
    for _ in range(_START_ATTEMPTS):
        port = free_port()
        try:
            argv = make_argv(port)
        except BaseException:
            cleanup()  # e.g. ConfigRejected: nothing started, nothing to keep
            raise
        out = open(log_path if log_is_output else workdir / "stdout.log", "ab")  # noqa: SIM115
        try:
            # stdin is a pipe we keep open and never write: s_server ends at EOF on
            # stdin even with -ign_eof, and nginx/gnutls-serv ignore it.
            proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=out,
                                    stderr=subprocess.STDOUT, cwd=workdir,
                                    start_new_session=True, env=env)
        except OSError as exc:
            out.close()
            cleanup()
            raise ServerStartError(f"cannot run {argv[0]}: {exc}") from exc
        finally:
            if not out.closed:
                out.close()  # the child holds its own copy of the descriptor
        try:
            wait_ready(HOST, port, timeout, alive=functools.partial(_running, proc))
            _wait_own_listener(proc, port, timeout)
            if ready_file is not None:
                _wait_file(ready_file, timeout, alive=functools.partial(_running, proc))
        except (ServerStartError, TimeoutError) as exc:
            _kill(proc)
            last_error = f"{exc}\n{_log_tail(log_path)}"
            if not log_is_output:
                last_error += _log_tail(workdir / "stdout.log")
            if "in use" not in last_error.lower():
                break  # a real configuration error: retrying will not help
            continue

        return Server(kind=kind, host=HOST, port=port, log_path=log_path, workdir=workdir,
                      process=proc, stop=functools.partial(_kill, proc), cleanup=cleanup)
    cleanup()
    raise ServerStartError(f"{kind} did not start: {last_error.strip()}")


def _workdir(prefix: str) -> tuple[Path, Callable[[], None]]:
    d = Path(tempfile.mkdtemp(prefix=f"tlsdoctor-{prefix}-"))
    return d, lambda: shutil.rmtree(d, ignore_errors=True)


def _split_chain(chain_path: Path, key_path: Path, workdir: Path,
                 stem: str) -> tuple[Path, Path | None]:
    """Split a PEM bundle into the certificate that matches the key and the rest.

    s_server's ``-cert`` reads only the first certificate of a file; the others must
    go to ``-cert_chain``, and are then sent in file order, which is what a test of
    a misordered or padded chain needs.
    """
    certs = x509.load_pem_x509_certificates(chain_path.read_bytes())
    key = serialization.load_pem_private_key(key_path.read_bytes(), password=None)
    want = key.public_key().public_bytes(serialization.Encoding.DER,
                                         serialization.PublicFormat.SubjectPublicKeyInfo)
    idx = next((i for i, c in enumerate(certs)
                if c.public_key().public_bytes(serialization.Encoding.DER,
                                               serialization.PublicFormat.SubjectPublicKeyInfo)
                == want), 0)  # none matches: serve the first (a key/cert mismatch test)
    leaf_path = workdir / f"{stem}-leaf.pem"
    leaf_path.write_bytes(certs[idx].public_bytes(serialization.Encoding.PEM))
    rest = certs[:idx] + certs[idx + 1:]
    if not rest:
        return leaf_path, None
    rest_path = workdir / f"{stem}-chain.pem"
    rest_path.write_bytes(b"".join(c.public_bytes(serialization.Encoding.PEM) for c in rest))
    return leaf_path, rest_path


def openssl_server(chain_path: str | Path, key_path: str | Path, *,
                   protocols: Sequence[str] = ("tls1_2", "tls1_3"),
                   cipher: str | None = None, ciphersuites: str | None = None,
                   groups: str | None = None, verify_ca: str | Path | None = None,
                   status_file: str | Path | None = None, dhparam: str | Path | None = None,
                   servername: str | None = None, cert2: str | Path | None = None,
                   key2: str | Path | None = None, servername_fatal: bool = False,
                   serverpref: bool = False, www: bool = False, extra_args: Sequence[str] = (),
                   timeout: float = 10.0) -> Server:
    """``openssl s_server`` serving ``chain_path`` (leaf first, then its chain) on 127.0.0.1.

    ``protocols``: the versions to enable (PROTOCOLS names; "TLSv1.2" spellings accepted).
    TLS 1.0/1.1 need security level 0 on OpenSSL 3, added to ``cipher`` automatically.
    ``cipher`` is the TLS <= 1.2 list, ``ciphersuites`` the TLS 1.3 one. ``verify_ca``
    requires a client certificate issued by that CA file. ``status_file`` is a DER OCSP
    response to staple. ``servername`` with ``cert2``/``key2`` serves another
    certificate to clients asking for that SNI name; ``servername_fatal`` makes a
    mismatching name a fatal alert (it needs ``servername``). ``www`` answers ``GET /`` with a status page.
    """
    protos = _norm_protocols(protocols)
    wd, cleanup = _workdir("s_server")
    try:
        leaf, rest = _split_chain(Path(chain_path), Path(key_path), wd, "server")
    except Exception:
        cleanup()
        raise
    log_path = wd / "s_server.log"
    args = ["openssl", "s_server", "-cert", str(leaf), "-key", str(key_path),
            # No default trust store, so OpenSSL cannot complete a chain the test left
            # incomplete on purpose (it auto-builds chains from the store otherwise).
            "-no-CApath", "-no-CAstore"]
    if rest is not None:
        args += ["-cert_chain", str(rest)]
    args += ["-min_protocol", _min_max_name(protos[0]), "-max_protocol",
             _min_max_name(protos[-1])]
    for p in PROTOCOLS[PROTOCOLS.index(protos[0]):PROTOCOLS.index(protos[-1]) + 1]:
        if p not in protos:  # a gap inside the range, e.g. TLS 1.0 + TLS 1.2 only
            args.append(f"-no_{p}")
    cipher = _with_seclevel0(cipher, protos)
    if cipher is not None:
        args += ["-cipher", cipher]
    if ciphersuites is not None:
        args += ["-ciphersuites", ciphersuites]
    if groups is not None:
        args += ["-groups", groups]
    if verify_ca is not None:
        args += ["-Verify", "1", "-CAfile", str(verify_ca), "-verify_return_error"]
    else:
        args += ["-no-CAfile"]
    if status_file is not None:
        args += ["-status_file", str(status_file)]
    if dhparam is not None:
        args += ["-dhparam", str(dhparam)]
    if servername_fatal and servername is None:
        raise ValueError("servername_fatal needs servername (the one name to accept)")
    if servername is not None:
        # s_server loads ./server2.pem unless -cert2 is given: default to the main
        # certificate, so servername alone means "accept this name, warn/fail others".
        args += ["-servername", servername, "-cert2", str(cert2 if cert2 is not None else leaf),
                 "-key2", str(key2 if key2 is not None else key_path)]
    if servername_fatal:
        args.append("-servername_fatal")
    if serverpref:
        args.append("-serverpref")
    if www:
        args.append("-www")
    args += list(extra_args)
    return _spawn("openssl", lambda port: [*args, "-accept", f"{HOST}:{port}"], workdir=wd,
                  log_path=log_path, timeout=timeout, cleanup=cleanup)


def _min_max_name(p: str) -> str:
    return {"ssl3": "SSLv3", "tls1": "TLSv1", "tls1_1": "TLSv1.1", "tls1_2": "TLSv1.2",
            "tls1_3": "TLSv1.3"}[p]


@dataclass(frozen=True, slots=True, kw_only=True)
class Site:
    """One nginx ``server {}`` block; all sites of a server share its port (SNI vhosts)."""

    server_name: str
    chain_path: str | Path | None = None  # None only with reject_handshake
    key_path: str | Path | None = None
    protocols: Sequence[str] = ("tls1_2", "tls1_3")
    ciphers: str | None = None  # nginx ssl_ciphers (TLS <= 1.2, OpenSSL syntax)
    default: bool = False  # listen ... default_server: answers unknown / absent SNI
    reject_handshake: bool = False  # ssl_reject_handshake on (nginx >= 1.19.4)
    client_ca: str | Path | None = None  # ssl_verify_client on, trusting this CA file
    stapling_file: str | Path | None = None  # a DER OCSP response to staple
    prefer_server_ciphers: bool = False
    extra: str = ""  # raw directives appended inside the server block


def _nginx_site(site: Site, port: int) -> str:
    protos = _norm_protocols(site.protocols)
    lines = [f"listen {HOST}:{port} ssl{' default_server' if site.default else ''};",
             f"server_name {site.server_name};",
             f"ssl_protocols {' '.join(_NGINX_PROTO[p] for p in protos)};"]
    if site.chain_path is not None:
        lines += [f"ssl_certificate {site.chain_path};",
                  f"ssl_certificate_key {site.key_path};"]
    ciphers = _with_seclevel0(site.ciphers, protos)
    if ciphers is not None:
        lines.append(f'ssl_ciphers "{ciphers}";')
    if site.prefer_server_ciphers:
        lines.append("ssl_prefer_server_ciphers on;")
    if site.reject_handshake:
        lines.append("ssl_reject_handshake on;")
    if site.client_ca is not None:
        lines += [f"ssl_client_certificate {site.client_ca};", "ssl_verify_client on;"]
    if site.stapling_file is not None:
        lines += ["ssl_stapling on;", f"ssl_stapling_file {site.stapling_file};"]
    lines.append(f'location / {{ return 200 "ok {site.server_name}\\n"; }}')
    if site.extra:
        lines.append(site.extra)
    return "server {\n    " + "\n    ".join(lines) + "\n}\n"


def nginx_server(sites: Sequence[Site], *, timeout: float = 10.0,
                 error_log_level: str = "info") -> Server:
    """nginx with ``sites`` on one loopback port, in a private prefix directory.

    Runs in the foreground without a master process so the one process we start is
    the one we stop. ``Server.log()`` is nginx's error_log at ``info`` level, where
    nginx reports failed handshakes ("SSL_do_handshake() failed ...").
    """
    if not sites:
        raise ValueError("nginx_server needs at least one Site")
    return _nginx(lambda port: "".join(_nginx_site(s, port) for s in sites), timeout=timeout,
                  error_log_level=error_log_level, check=False)


def nginx_tls_server(chain_path: str | Path, key_path: str | Path, *,
                     site_lines: Sequence[str] = (), http_lines: Sequence[str] = (),
                     timeout: float = 10.0) -> Server:
    """nginx with one TLS ``server {}``: listen, server_name localhost, the certificate
    and key, then ``site_lines`` (nginx directives, e.g. ``ssl_protocols TLSv1;``);
    ``http_lines`` go in the ``http {}`` block. ``nginx -t`` checks the file first."""
    def body(port: int) -> str:
        lines = [f"listen {HOST}:{port} ssl;", "server_name localhost;",
                 f"ssl_certificate {chain_path};", f"ssl_certificate_key {key_path};",
                 *site_lines, 'location / { return 200 "ok\\n"; }']
        return "".join(f"{ln}\n" for ln in http_lines) + \
            "server {\n    " + "\n    ".join(lines) + "\n}\n"
    return _nginx(body, timeout=timeout, error_log_level="info", check=True)


def _nginx(body: Callable[[int], str], *, timeout: float, error_log_level: str,
           check: bool) -> Server:
    wd, cleanup = _workdir("nginx")
    log_path = wd / "error.log"
    for sub in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"):
        (wd / sub).mkdir()

    def argv(port: int) -> list[str]:
        conf = wd / "nginx.conf"
        conf.write_text(
            f"daemon off;\nmaster_process off;\nworker_processes 1;\npid {wd}/nginx.pid;\n"
            f"error_log {log_path} {error_log_level};\n"
            "events { worker_connections 128; }\n"
            "http {\n"
            "access_log off;\n"
            f"client_body_temp_path {wd}/client_body;\nproxy_temp_path {wd}/proxy;\n"
            f"fastcgi_temp_path {wd}/fastcgi;\nuwsgi_temp_path {wd}/uwsgi;\n"
            f"scgi_temp_path {wd}/scgi;\n" + body(port) + "}\n")
        # -e: the startup error log too (before the conf is read), so nothing goes to
        # the system's /var/log/nginx.
        cmd = [_nginx_binary(), "-p", f"{wd}/", "-c", str(conf), "-e", str(log_path)]
        if check:
            _config_check("nginx", [*cmd, "-t", "-q"])
        return cmd

    return _spawn("nginx", argv, workdir=wd, log_path=log_path, timeout=timeout,
                  cleanup=cleanup, log_is_output=False)


def _config_check(kind: str, argv: list[str]) -> None:
    """Run the server's own configuration test; ConfigRejected with its words if it fails."""
    try:
        done = subprocess.run(argv, capture_output=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError) as exc:
        raise ConfigRejected(f"{kind}: cannot run its configuration test: {exc}") from exc
    if done.returncode != 0:
        out = (done.stdout + done.stderr).decode("utf-8", "replace").strip()
        raise ConfigRejected(f"{kind} rejected the configuration: {out[-2000:]}")


_APACHE_MODULES = Path("/usr/lib/apache2/modules")  # Debian's apache2-bin layout
# Loaded in this order; mod_unixd, mod_so and mod_log_config are compiled in on Debian.
_APACHE_LOAD = (("mpm_event_module", "mod_mpm_event.so"), ("authz_core_module", "mod_authz_core.so"),
                ("socache_shmcb_module", "mod_socache_shmcb.so"), ("ssl_module", "mod_ssl.so"))


def apache_server(chain_path: str | Path, key_path: str | Path, *,
                  site_lines: Sequence[str] = (), global_lines: Sequence[str] = (),
                  timeout: float = 10.0) -> Server:
    """Apache httpd (Debian's apache2, event MPM) with one TLS ``<VirtualHost>``.

    ``site_lines`` go inside the VirtualHost after SSLEngine and the certificate (e.g.
    ``SSLProtocol TLSv1``), ``global_lines`` at server level. Its own ServerRoot, pid,
    mutex and error log live in a temporary directory; ``apache2 -t`` checks the file
    first. Started as root it serves as ``nobody`` (httpd refuses to serve as root).
    """
    binary = _apache_binary()
    if binary is None:
        raise ServerStartError("apache2 is not installed")
    wd, cleanup = _workdir("apache")
    log_path = wd / "error.log"

    def argv(port: int) -> list[str]:
        conf = wd / "httpd.conf"
        conf.write_text(_apache_conf(wd, port, Path(chain_path), Path(key_path), site_lines,
                                     global_lines))
        _config_check("apache", [binary, "-t", "-f", str(conf)])
        return [binary, "-f", str(conf), "-DFOREGROUND"]

    return _spawn("apache", argv, workdir=wd, log_path=log_path, timeout=timeout,
                  cleanup=cleanup, log_is_output=False, ready_file=wd / "httpd.pid")


def _apache_conf(wd: Path, port: int, chain: Path, key: Path, site: Sequence[str],
                 global_lines: Sequence[str]) -> str:
    run_as = ["User nobody", "Group nogroup"] if os.geteuid() == 0 else []
    lines = [f'ServerRoot "{wd}"', "ServerName localhost", f"PidFile {wd}/httpd.pid",
             f"DefaultRuntimeDir {wd}", f"Mutex file:{wd} default", f"ErrorLog {wd}/error.log",
             "LogLevel info ssl:info",
             *(f"LoadModule {name} {_APACHE_MODULES / so}" for name, so in _APACHE_LOAD),
             *run_as, "StartServers 1", "ServerLimit 1", "ThreadsPerChild 16",
             "MinSpareThreads 1", "MaxSpareThreads 16", "MaxRequestWorkers 16",
             f"Listen {HOST}:{port}", f"DocumentRoot {wd}", *global_lines,
             f"<VirtualHost {HOST}:{port}>", "    ServerName localhost", "    SSLEngine on",
             f"    SSLCertificateFile {chain}", f"    SSLCertificateKeyFile {key}",
             *(f"    {ln}" for ln in site), "</VirtualHost>"]
    return "\n".join(lines) + "\n"


def haproxy_server(chain_path: str | Path, key_path: str | Path, *,
                   global_lines: Sequence[str] = (), bind_options: Sequence[str] = (),
                   frontend_lines: Sequence[str] = (), crt_path: str | Path | None = None,
                   log_format: str = "short", timeout: float = 10.0) -> Server:
    """HAProxy terminating TLS on one ``bind`` and answering every request itself.

    The certificate chain and key go into one PEM, as HAProxy's ``crt`` takes them
    (``crt_path``: such a PEM already made, taken as it is).
    ``global_lines`` go in ``global`` (e.g. ``ssl-default-bind-options ...``),
    ``bind_options`` on the bind line, ``frontend_lines`` in the frontend. ``haproxy -c``
    checks the file first; HAProxy runs in the foreground (-db), logging to stderr in
    ``log_format`` ("short": with the syslog "<6>" priority, "raw": the bare line). It logs
    failed handshakes only with a log format set (e.g. ``option httplog``).
    """
    wd, cleanup = _workdir("haproxy")
    log_path = wd / "haproxy.log"
    crt = wd / "site.pem"  # ``crt_path``: an operator's own combined PEM, used as it is
    crt.write_bytes(Path(crt_path).read_bytes() if crt_path is not None else
                    Path(chain_path).read_bytes().rstrip(b"\n") + b"\n"
                    + Path(key_path).read_bytes())
    crt.chmod(0o600)
    # An operator's <crt>.ocsp (the response HAProxy staples) and <crt>.issuer (the
    # issuer it needs for the response's certificate id when the chain lacks it).
    for extra in (".ocsp", ".issuer"):
        beside = Path(f"{chain_path}{extra}")
        if beside.is_file():
            (wd / f"site.pem{extra}").write_bytes(beside.read_bytes())

    def argv(port: int) -> list[str]:
        conf = wd / "haproxy.cfg"
        bind = " ".join([f"bind {HOST}:{port} ssl crt {crt}", *bind_options])
        conf.write_text("\n".join([
            "global", f"    log stderr format {log_format} local0 info", f"    pidfile {wd}/haproxy.pid",
            *(f"    {ln}" for ln in global_lines),
            "defaults", "    mode http", "    log global", "    timeout connect 5s",
            "    timeout client 10s", "    timeout server 10s",
            "frontend tls", f"    {bind}", *(f"    {ln}" for ln in frontend_lines),
            '    http-request return status 200 content-type text/plain string "ok"']) + "\n")
        _config_check("haproxy", [_haproxy_binary(), "-c", "-f", str(conf)])
        return [_haproxy_binary(), "-db", "-f", str(conf)]

    return _spawn("haproxy", argv, workdir=wd, log_path=log_path, timeout=timeout,
                  cleanup=cleanup)


def gnutls_server(chain_path: str | Path, key_path: str | Path, *, priority: str | None = None,
                  http: bool = True, client_ca: str | Path | None = None,
                  extra_args: Sequence[str] = (), timeout: float = 10.0) -> Server:
    """``gnutls-serv`` serving ``chain_path`` with a GnuTLS ``priority`` string.

    ``client_ca``: require a client certificate issued by that CA
    (``--require-client-cert``); without it no client certificate is asked for.

    gnutls-serv has no bind-address option, so it listens on every interface; the
    tests only ever connect over loopback.
    """
    wd, cleanup = _workdir("gnutls")
    log_path = wd / "gnutls-serv.log"
    args = ["gnutls-serv", "--x509certfile", str(chain_path), "--x509keyfile", str(key_path)]
    if client_ca is None:
        args.append("--disable-client-cert")
    else:
        args += ["--require-client-cert", "--verify-client-cert", "--x509cafile", str(client_ca)]
    if http:
        args.append("--http")
    if priority is not None:
        args.append(f"--priority={priority}")
    args += list(extra_args)
    return _spawn("gnutls", lambda port: [*args, "--port", str(port)], workdir=wd,
                  log_path=log_path, timeout=timeout, cleanup=cleanup)


def python_server(ssl_context: ssl.SSLContext, *, max_connections: int = 1000, io_timeout: float = 5.0) -> Server:
    """A threaded Python ``ssl`` server: handshake, one HTTP/1.0 answer, close.

    Bounded: at most ``max_connections`` accepted, ``io_timeout`` seconds per socket.
    Handshake errors are written to ``Server.log()`` one per line.
    """
    wd, cleanup = _workdir("pyssl")
    log_path = wd / "python-ssl.log"
    log_lock = threading.Lock()
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind((HOST, 0))
    listener.listen(64)
    listener.settimeout(0.2)  # so the accept loop notices stop() promptly
    port = int(listener.getsockname()[1])
    stopping = threading.Event()
    workers: list[threading.Thread] = []

    def log(line: str) -> None:
        with log_lock, open(log_path, "a", encoding="utf-8") as f:
            f.write(line.replace("\n", " ") + "\n")

    def handle(raw: socket.socket, peer: tuple[str, int]) -> None:
        raw.settimeout(io_timeout)
        try:
            tls = ssl_context.wrap_socket(raw, server_side=True)
        except (OSError, ValueError) as exc:
            log(f"handshake failed {peer[1]}: {type(exc).__name__}: {exc}")
            raw.close()
            return
        try:
            cipher = tls.cipher()
            log(f"handshake ok {peer[1]} {tls.version()} {cipher[0] if cipher else '?'}")
            # The client may hang up at once (a probe); that is not the server's error.
            with contextlib.suppress(OSError, ValueError):
                tls.recv(4096)
                body = b" ok"
                tls.sendall(b"HTTP/1.0 200 OK\r\nDate: "
                            + formatdate(usegmt=True).encode()
                            + b"\r\nContent-Length: " + str(len(body)).encode()
                            + b"\r\n\r\n" + body)
                tls.unwrap()
        finally:
            tls.close()

    def serve() -> None:
        accepted = 0
        while not stopping.is_set() and accepted < max_connections:
            try:
                conn, peer = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                break
            accepted += 1
            t = threading.Thread(target=handle, args=(conn, peer), daemon=True,
                                 name=f"tlsdoctor-pyssl-{port}-{accepted}")
            workers.append(t)
            t.start()

    log_path.touch()
    acceptor = threading.Thread(target=serve, daemon=True, name=f"tlsdoctor-pyssl-{port}")
    acceptor.start()

    def stop() -> None:
        stopping.set()
        with contextlib.suppress(OSError):  # wakes a blocked accept() at once on Linux
            listener.shutdown(socket.SHUT_RDWR)
        acceptor.join(timeout=2)
        listener.close()
        for t in workers:
            t.join(timeout=io_timeout + 1)

    # The socket listens before the acceptor runs (the kernel queues connects), so it
    # is ready now; no probe connect, which would only add a failed line to the log.
    return Server(kind="python", host=HOST, port=port, log_path=log_path, workdir=wd,
                  process=None, stop=stop, cleanup=cleanup)


def s_client(server: Server | tuple[str, int], *args: str, servername: str | None = None,
             input_data: bytes = b"", timeout: float = 10.0) -> subprocess.CompletedProcess[str]:
    """Run ``openssl s_client`` once against ``server`` (a test's independent client).

    ``args`` are extra s_client options (``-showcerts``, ``-tls1_2``, ``-status``...);
    ``servername`` sets SNI (None: s_client's default for an address, which is none).
    Output is text with undecodable bytes replaced; never raises on handshake failure.
    """
    host, port = server.address if isinstance(server, Server) else server
    argv = ["openssl", "s_client", "-connect", f"{host}:{port}"]
    argv += ["-servername", servername] if servername else ["-noservername"]
    return _run_text([*argv, *args], input_data, timeout)


def _run_text(argv: list[str], input_data: bytes,
              timeout: float) -> subprocess.CompletedProcess[str]:
    p = subprocess.run(argv, input=input_data, capture_output=True, timeout=timeout,
                       check=False)
    return subprocess.CompletedProcess(argv, p.returncode,
                                       p.stdout.decode("utf-8", "replace"),
                                       p.stderr.decode("utf-8", "replace"))
