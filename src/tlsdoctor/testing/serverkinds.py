"""The servers of the server-log matrix (``testing.serverlogs``), each started in the
shapes the client faults need: "plain" (a modern TLS server), "mtls" (a client
certificate from the private root required) and "sni" (unknown or absent names refused,
where the server can be told to). Each ``start_*`` returns a ``Started``; the caller
(``serverlogs.run_server``) stops every server in it. Log levels are the server's
own settings, written the way an operator writes them.
"""

from __future__ import annotations

import atexit
import contextlib
import dataclasses
import functools
import glob
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from . import exim_run, postfix_smtpd, servers, stacks
from .serverlogs import MatrixPki, Started, endpoint, program_version, settle, start_pair
from .servers import HOST, Server, ServerStartError, Site, _spawn, _workdir

__all__ = ["KINDS", "available"]


def _nginx(pki: MatrixPki, level: str) -> Started:
    # One nginx: the default server refuses unknown and absent names
    # (ssl_reject_handshake), localhost is a plain site, mtls.test requires a certificate.
    sites = [Site(server_name="_", reject_handshake=True, default=True),
             Site(server_name="localhost", chain_path=pki.chain, key_path=pki.key),
             Site(server_name="mtls.test", chain_path=pki.chain, key_path=pki.key,
                  client_ca=pki.root_pem)]
    srv = servers.nginx_server(sites, error_log_level=level)
    return Started(endpoints={"plain": (srv, endpoint(srv, http=True)),
                              "mtls": (srv, endpoint(srv, "mtls.test", http=True)),
                              "sni": (srv, endpoint(srv, http=True))},
                   version=program_version([servers._nginx_binary(), "-v"]))


def _apache(pki: MatrixPki, level: str) -> Started:
    # LogLevel later in the file wins over the helper's "LogLevel info ssl:info".
    glob_lines = [] if level == "info" else [f"LogLevel {level}"]
    mtls_lines = [f"SSLCACertificateFile {pki.root_pem}", "SSLVerifyClient require",
                  "SSLVerifyDepth 2"]
    plain, mtls = start_pair(
        lambda: servers.apache_server(pki.chain, pki.key, global_lines=glob_lines,
                                      site_lines=["SSLStrictSNIVHostCheck on"]),
        lambda: servers.apache_server(pki.chain, pki.key, global_lines=glob_lines,
                                      site_lines=mtls_lines))
    return Started(endpoints={"plain": (plain, endpoint(plain, http=True)),
                              "mtls": (mtls, endpoint(mtls, http=True))},
                   version=program_version([servers._apache_binary() or "apache2", "-v"]))


def _haproxy(pki: MatrixPki) -> Started:
    # strict-sni: a name none of the bind's certificates carries, or none, is refused.
    # HAProxy 2.6 writes a failed handshake as a connection error in its fixed format
    # ("frontend/bind: SSL handshake failure"; error-log-format is 2.7+), and only when
    # the frontend has a log format (option httplog). Raw lines, as a container logs.
    log = ["option httplog"]
    plain, mtls = start_pair(
        lambda: servers.haproxy_server(pki.chain, pki.key, frontend_lines=log, log_format="raw",
                                       bind_options=["strict-sni"]),
        lambda: servers.haproxy_server(pki.chain, pki.key, frontend_lines=log, log_format="raw",
                                       bind_options=[f"ca-file {pki.root_pem}",
                                                     "verify required"]))
    return Started(endpoints={"plain": (plain, endpoint(plain, http=True)),
                              "sni": (plain, endpoint(plain, http=True)),
                              "mtls": (mtls, endpoint(mtls, http=True))},
                   version=program_version([servers._haproxy_binary(), "-v"]))


def _gnutls(pki: MatrixPki) -> Started:
    # Debian's NORMAL still allows TLS 1.0/1.1: a modern server allows 1.2 and 1.3 only.
    modern = "NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"
    plain, mtls = start_pair(
        lambda: servers.gnutls_server(pki.chain, pki.key, priority=modern),
        lambda: servers.gnutls_server(pki.chain, pki.key, client_ca=pki.root_pem,
                                      priority=modern))
    return Started(endpoints={"plain": (plain, endpoint(plain, http=True)),
                              "mtls": (mtls, endpoint(mtls, http=True))},
                   version=program_version(["gnutls-serv", "--version"]))


def _s_server(pki: MatrixPki) -> Started:
    # -quiet: only the errors (stderr), not the session details s_server prints on
    # stdout, block-buffered into a file and so written after later connections' lines.
    plain, mtls = start_pair(
        lambda: servers.openssl_server(pki.chain, pki.key, servername="localhost",
                                       servername_fatal=True, extra_args=("-quiet",)),
        lambda: servers.openssl_server(pki.chain, pki.key, verify_ca=pki.root_pem,
                                       extra_args=("-quiet",)))
    return Started(endpoints={"plain": (plain, endpoint(plain)), "sni": (plain, endpoint(plain)),
                              "mtls": (mtls, endpoint(mtls))},
                   version=program_version(["openssl", "version"]),
                   skip={"no_sni": "s_server -servername_fatal refuses only another name; "
                                   "a client without SNI is served"})


# --- PostgreSQL ----------------------------------------------------------------------------

def _pg_bin() -> Path | None:
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/postgres"))
    return Path(found[-1]).parent if found else None


def _as_pg(argv: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *argv] if os.geteuid() == 0 else argv


def have_postgres() -> bool:
    if _pg_bin() is None:
        return False
    if os.geteuid() != 0:
        return True
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return True


def _postgres(pki: MatrixPki) -> Started:
    bindir = _pg_bin()
    if bindir is None:
        raise ServerStartError("PostgreSQL server binaries are not installed")
    wd, cleanup = _workdir("pgmatrix")
    data = wd / "data"
    for src, name in ((pki.chain, "server.crt"), (pki.key, "server.key"),
                      (pki.root_pem, "root.crt")):
        shutil.copyfile(src, wd / name)
        (wd / name).chmod(0o600)
    if os.geteuid() == 0:
        pg = pwd.getpwnam("postgres")
        for p in (wd, *wd.iterdir()):
            os.chown(p, pg.pw_uid, pg.pw_gid)
    try:
        subprocess.run(_as_pg([str(bindir / "initdb"), "-D", str(data), "-U", "postgres",
                               "--auth=trust", "-E", "UTF8", "--no-sync"]),
                       check=True, capture_output=True, timeout=120)
    except (OSError, subprocess.SubprocessError) as exc:
        cleanup()
        raise ServerStartError(f"initdb failed: {exc}") from exc
    # Every TCP connection must use TLS and show a certificate from the private root.
    (data / "pg_hba.conf").write_text("local all all trust\n"
                                      f"hostssl all all {HOST}/32 trust clientcert=verify-ca\n")

    def argv(port: int) -> list[str]:
        return _as_pg([str(bindir / "postgres"), "-D", str(data), "-c",
                       f"listen_addresses={HOST}", "-c", f"port={port}", "-c",
                       f"unix_socket_directories={wd}", "-c", "ssl=on", "-c",
                       f"ssl_cert_file={wd / 'server.crt'}", "-c",
                       f"ssl_key_file={wd / 'server.key'}", "-c",
                       f"ssl_ca_file={wd / 'root.crt'}", "-c", "fsync=off", "-c",
                       "shared_buffers=16MB", "-c", "max_connections=20"])
    srv = _spawn("postgres", argv, workdir=wd, log_path=wd / "postgres.log", timeout=60,
                 cleanup=cleanup)
    ep = endpoint(srv, starttls="postgres")
    return Started(endpoints={"plain": (srv, ep), "mtls": (srv, ep)},
                   version=program_version([str(bindir / "postgres"), "--version"]))


# --- Dovecot -------------------------------------------------------------------------------

def have_dovecot() -> bool:
    return shutil.which("dovecot") is not None or Path("/usr/sbin/dovecot").exists()


def _dovecot_conf(wd: Path, port: int, pki: MatrixPki, mtls: bool) -> str:
    lines = [f"base_dir = {wd}/run", f"state_dir = {wd}/state", f"log_path = {wd}/dovecot.log",
             f"instance_name = tlsdoctor-{port}", "protocols = imap", f"listen = {HOST}",
             "ssl = required", f"ssl_cert = <{pki.chain}", f"ssl_key = <{pki.key}",
             "disable_plaintext_auth = yes", "auth_mechanisms = plain",
             "passdb {\n  driver = static\n  args = password=unused\n}",
             "userdb {\n  driver = static\n  args = uid=nobody gid=nogroup home=/nonexistent\n}",
             "service imap-login {\n  inet_listener imap {\n    port = 0\n  }\n"
             f"  inet_listener imaps {{\n    port = {port}\n    ssl = yes\n  }}\n}}",
             "service anvil {\n  chroot =\n}", "service stats {\n  unix_listener stats-writer {\n"
             "    mode = 0666\n  }\n}"]
    if mtls:
        lines += [f"ssl_ca = <{pki.root_pem}", "ssl_verify_client_cert = yes",
                  "auth_ssl_require_client_cert = yes"]
    return "\n".join(lines) + "\n"


def _dovecot_one(pki: MatrixPki, mtls: bool) -> Server:
    wd, cleanup = _workdir("dovecot")
    wd.chmod(0o755)  # the login processes run as dovenull and need to reach run/
    binary = shutil.which("dovecot") or "/usr/sbin/dovecot"

    def argv(port: int) -> list[str]:
        conf = wd / "dovecot.conf"
        conf.write_text(_dovecot_conf(wd, port, pki, mtls))
        servers._config_check("dovecot", [binary, "-n", "-c", str(conf)])
        return [binary, "-F", "-c", str(conf)]
    return _spawn("dovecot", argv, workdir=wd, log_path=wd / "dovecot.log", timeout=20,
                  cleanup=cleanup, log_is_output=False)


def _dovecot(pki: MatrixPki) -> Started:
    plain, mtls = start_pair(lambda: _dovecot_one(pki, mtls=False),
                             lambda: _dovecot_one(pki, mtls=True))
    return Started(endpoints={"plain": (plain, endpoint(plain)), "mtls": (mtls, endpoint(mtls))},
                   version=program_version(["dovecot", "--version"]))


# --- Exim ----------------------------------------------------------------------------------
# Debian's exim4-daemon-light (the GnuTLS build), unpacked under /opt and run by exim_run
# (exim4 conflicts with postfix as a package). Its log selectors as shipped: Exim writes a
# failed handshake whatever they are ("TLS error on ...", log_write(0, ...) in smtp_in.c and
# tls-gnu.c); what they hide is the SMTP side (a connection, an unknown command). The
# daemon's last line, "re-exec of exim (/usr/sbin/exim4) with -oPX failed", is the unpacked
# binary's: when stopped it re-executes itself by the installed path to remove its pid file
# (daemon.c daemon_die, child_exec_exim "-oPX").

# A modern server: TLS 1.2 and 1.3 only (Exim's GnuTLS default, NORMAL, takes 1.0).
_MODERN = ["tls_require_ciphers = NORMAL:-VERS-ALL:+VERS-TLS1.3:+VERS-TLS1.2"]
_SELECTORS = "+smtp_connection +smtp_syntax_error +smtp_protocol_error"


def _exim_files(pki: MatrixPki, start: Callable[[MatrixPki], Started]) -> Started:
    """``start`` given the certificates where the exim user (nobody) can read them: a
    receiving process drops to it before STARTTLS, and the matrix's own directory may be
    root's alone. The copies' directory goes when the servers stop (``Started.workdirs``),
    or at once if they could not start."""
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-exim-pki-"))
    try:
        d.chmod(0o755)
        for src in (pki.chain, pki.key, pki.root_pem):
            shutil.copyfile(src, d / src.name)
            (d / src.name).chmod(0o644)
        started = start(MatrixPki(directory=d, root_pem=d / pki.root_pem.name,
                                  chain=d / pki.chain.name, key=d / pki.key.name,
                                  stranger_root_pem=pki.stranger_root_pem,
                                  stranger_client=pki.stranger_client,
                                  expired_client=pki.expired_client))
    except BaseException:
        shutil.rmtree(d, ignore_errors=True)
        raise
    return dataclasses.replace(started, workdirs=(*started.workdirs, d))


def _exim(pki: MatrixPki, on_connect: bool) -> Started:
    return _exim_files(pki, functools.partial(_exim_started, on_connect=on_connect))


def _exim_started(files: MatrixPki, on_connect: bool) -> Started:
    mtls = [*_MODERN, f"tls_verify_certificates = {files.root_pem}", "tls_verify_hosts = *"]
    plain, required = start_pair(
        lambda: exim_run.server(files.chain, files.key, _MODERN, on_connect=on_connect),
        lambda: exim_run.server(files.chain, files.key, mtls, on_connect=on_connect))
    if on_connect:  # the readiness probe's connection: logged after Exim's 500 ms linger
        for server in (plain, required):
            settle(server, len(server.log().encode("utf-8", "replace")))
    starttls = None if on_connect else "smtp"
    first = exim_run.version().splitlines()
    return Started(endpoints={"plain": (plain, endpoint(plain, starttls=starttls)),
                              "mtls": (required, endpoint(required, starttls=starttls))},
                   version=first[0].strip() if first else "unknown")


def _exim_selectors(pki: MatrixPki) -> Started:
    """STARTTLS with the log selectors logs' Exim note names (ingest/log_levels.py): the
    SMTP side too. No "mtls" mode: its lines are the default kind's."""
    return _exim_files(pki, _exim_selectors_started)


def _exim_selectors_started(files: MatrixPki) -> Started:
    srv = exim_run.server(files.chain, files.key, [*_MODERN, f"log_selector = {_SELECTORS}"])
    first = exim_run.version().splitlines()
    return Started(endpoints={"plain": (srv, endpoint(srv, starttls="smtp"))},
                   version=first[0].strip() if first else "unknown")


# --- servers written against other stacks (testing/programs/) -------------------------------
# Go's net/http, Node's tls.Server, Java's SSLServerSocket and Python's ssl, each logging a
# failed handshake in its own words: net/http's "http: TLS handshake error from ADDR: ERR",
# an application's tlsClientError line with Node's error object, Java's and Python's own
# traceback. No "sni" mode: their SNI refusals are the scenario tests' (tests/diagnose).

@functools.cache
def _build_dir() -> Path:
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-matrix-build-"))
    atexit.register(shutil.rmtree, d, ignore_errors=True)
    return d


@functools.cache
def _go_binary() -> Path:
    (_build_dir() / "go").mkdir(exist_ok=True)
    return stacks.build_go(_build_dir() / "go")


@functools.cache
def _java_classes() -> Path:
    (_build_dir() / "java").mkdir(exist_ok=True)
    return stacks.build_java(_build_dir() / "java")


def _pair(pki: MatrixPki, start: Callable[[Path | None], Server], version: str) -> Started:
    plain, mtls = start_pair(lambda: start(None), lambda: start(pki.root_pem))
    return Started(endpoints={"plain": (plain, endpoint(plain)), "mtls": (mtls, endpoint(mtls))},
                   version=version)


def _go_http(pki: MatrixPki) -> Started:
    binary = _go_binary()
    return _pair(pki, lambda ca: stacks.go_server(binary, pki.chain, pki.key, client_ca=ca,
                                                  http=True),
                 program_version(["go", "version"]))


def _node_tls(pki: MatrixPki) -> Started:
    return _pair(pki, lambda ca: stacks.node_server(pki.chain, pki.key, client_ca=ca,
                                                    log="event"),
                 "node " + program_version(["node", "--version"]))


def _java_tls(pki: MatrixPki) -> Started:
    classes = _java_classes()
    return _pair(pki, lambda ca: stacks.java_server(classes, pki.chain, pki.key, client_ca=ca,
                                                    trace=True),
                 program_version(["java", "-version"]))


def _python_ssl(pki: MatrixPki) -> Started:
    return _pair(pki, lambda ca: stacks.python_accept_server(pki.chain, pki.key, client_ca=ca),
                 program_version([sys.executable, "--version"]))


# name -> (is it installed, start). Levels: nginx's default error_log level is error,
# Apache's default LogLevel warn: the "default" kinds show what an untouched server logs.
KINDS: dict[str, tuple[Callable[[], bool], Callable[[MatrixPki], Started]]] = {
    "nginx-info": (servers.have_nginx, lambda pki: _nginx(pki, "info")),
    "nginx-default": (servers.have_nginx, lambda pki: _nginx(pki, "error")),
    "apache-info": (servers.have_apache, lambda pki: _apache(pki, "info")),
    "apache-default": (servers.have_apache, lambda pki: _apache(pki, "warn")),
    "haproxy": (servers.have_haproxy, _haproxy),
    "postgres": (have_postgres, _postgres),
    "gnutls-serv": (servers.have_gnutls, _gnutls),
    "s_server": (lambda: shutil.which("openssl") is not None, _s_server),
    "dovecot": (have_dovecot, _dovecot),
    "postfix": (postfix_smtpd.available, postfix_smtpd.start),
    "exim": (lambda: exim_run.unavailable() is None, lambda pki: _exim(pki, on_connect=False)),
    "exim-smtps": (lambda: exim_run.unavailable() is None,
                   lambda pki: _exim(pki, on_connect=True)),
    "exim-selectors": (lambda: exim_run.unavailable() is None, _exim_selectors),
    "go-http": (stacks.have_go, _go_http),
    "node-tls": (stacks.have_node, _node_tls),
    "java-tls": (stacks.have_java, _java_tls),
    "python-ssl": (lambda: True, _python_ssl),
}


def available(name: str) -> bool:
    with contextlib.suppress(Exception):
        return KINDS[name][0]()
    return False
