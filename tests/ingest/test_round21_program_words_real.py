"""Round 21, the real programs on 127.0.0.1 printing their own TLS failures: a TLS version
floor (the server takes TLS 1.3 only, the client offers TLS 1.2 at most) and a client that
verifies with another CA. What each program printed is fed to explain, with its log framing
and without it (the program's own words only, as people paste them), which must read the
cause and side and name the program: PostgreSQL 15 (its log and psql), Redis 7 (its log and
redis-cli), stunnel 5, mosquitto 2 (the broker's log; mosquitto_sub's words name no broker),
ProFTPD's configuration check, CivetWeb 1.15. A refused version gets the program's own
[protocols] line where snippets.toml has one. Each program skips when missing (.ci/run
installs them); each is started once, by a module-scoped fixture, and stopped."""

from __future__ import annotations

import re
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.fixes.data import SERVERS
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.postgres_tls import postgres_tls, psql_unavailable, run_psql
from tlsdoctor.testing.processes import log_until, logged_process
from tlsdoctor.testing.proftpd_run import have_proftpd, run_proftpd
from tlsdoctor.testing.servers import HOST, free_port, wait_ready

_VERSION = "protocol_version_mismatch"


@pytest.fixture(scope="module")
def lab() -> Iterator[Path]:
    """A directory every user can read, with a leaf for localhost and 127.0.0.1, its CA
    (ca.pem) and a stranger CA (other.pem) a client may wrongly verify with."""
    d = Path(tempfile.mkdtemp(prefix="tlsdoctor-words21-", dir="/tmp"))
    try:
        d.chmod(0o755)
        ca = CA(name="words21 test root")
        ca.issue(["localhost"], ip_addresses=[HOST]).write(d, stem="leaf")
        ca.write(d / "ca.pem")
        CA(name="words21 stranger root").write(d / "other.pem")
        for p in d.iterdir():
            p.chmod(0o644)
        yield d
    finally:
        shutil.rmtree(d, ignore_errors=True)


def _read(text: str, program: str, side: str, cause: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    got = (r.program, r.side, r.findings[0].cause.value)
    assert got == (program, side, cause), (text, got)
    if cause == _VERSION and program in SERVERS:
        named = {s.applies_to for s in r.findings[0].fix if s.code} & set(SERVERS)
        assert named == {program}, (text, [(s.applies_to, s.code) for s in r.findings[0].fix])


def _lines(log: str, needle: str) -> list[str]:
    return [ln for ln in log.splitlines() if needle in ln]


def _s_client(port: int, *args: str) -> None:
    subprocess.run(["openssl", "s_client", "-connect", f"{HOST}:{port}", *args], input="",
                   capture_output=True, timeout=20, check=False)


def _waited(path: Path, needle: str, count: int = 1) -> str:
    """``path``'s text once ``needle`` is in it ``count`` times (5 s at most)."""
    # the program writes its log line after the client has gone
    return log_until(path, lambda text: text.count(needle) >= count, 5)


# ---- PostgreSQL -------------------------------------------------------------------------

@pytest.fixture(scope="module")
def postgres(lab: Path) -> Iterator[tuple[str, str, str]]:
    """psql 15 against a TLS 1.3-only PostgreSQL, then verifying with a stranger CA: (psql's
    version refusal, psql's verify failure, the server's log)."""
    why = psql_unavailable()
    if why:
        pytest.skip(why)
    with postgres_tls({"ok": (lab / "leaf.chain.pem", lab / "leaf.key.pem")}) as srv:
        srv.configure("tls13_only", lab / "ca.pem")
        version = run_psql(srv.port, lab / "ca.pem", "tls13_only").text
        untrusted = run_psql(srv.port, lab / "other.pem", "ok").text  # TLS 1.3, no cap
        log = _waited(srv.root / "log", "could not accept SSL connection", 2)
    return version, untrusted, log


def test_psql_and_postgresql_log_name_postgresql(postgres: tuple[str, str, str]) -> None:
    version, untrusted, log = postgres
    assert "SSL error: tlsv1 alert protocol version" in version, version
    _read(version, "postgresql", "client", _VERSION)
    _read(untrusted, "postgresql", "client", "cert_untrusted_root")
    refused = _lines(log, "could not accept SSL connection: unsupported protocol")
    unknown_ca = _lines(log, "could not accept SSL connection: tlsv1 alert unknown ca")
    assert refused and unknown_ca, log[-1500:]
    for line in (refused[0], refused[0].split("LOG:  ", 1)[1]):
        _read(line, "postgresql", "server", _VERSION)
    for line in (unknown_ca[0], unknown_ca[0].split("LOG:  ", 1)[1]):
        _read(line, "postgresql", "server", "cert_untrusted_root")


# ---- Redis ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def redis(lab: Path) -> Iterator[tuple[str, str]]:
    """redis-server with tls-protocols TLSv1.3: s_client offering TLS 1.2, redis-cli
    verifying with a stranger CA; (redis-cli's words, the server's log)."""
    if shutil.which("redis-server") is None or shutil.which("redis-cli") is None:
        pytest.skip("redis-server/redis-cli missing (apt: redis-server redis-tools)")
    port, conf = free_port(), lab / "redis.conf"
    conf.write_text("\n".join([
        "port 0", f"tls-port {port}", f"bind {HOST}", f"dir {lab}", 'save ""', "appendonly no",
        "daemonize no", f"logfile {lab / 'redis.log'}", f"tls-cert-file {lab / 'leaf.chain.pem'}",
        f"tls-key-file {lab / 'leaf.key.pem'}", f"tls-ca-cert-file {lab / 'ca.pem'}",
        "tls-auth-clients no", "tls-protocols TLSv1.3"]) + "\n")
    with logged_process(["redis-server", str(conf)], lab / "redis.out") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        _s_client(port, "-tls1_2")
        cli = subprocess.run(["redis-cli", "-h", HOST, "-p", str(port), "--tls", "--cacert",
                              str(lab / "other.pem"), "PING"], capture_output=True, text=True,
                             timeout=20, check=False)
        log = _waited(lab / "redis.log", "unsupported protocol")
    yield cli.stdout + cli.stderr, log


def test_redis_cli_and_redis_log_name_redis(redis: tuple[str, str]) -> None:
    cli, log = redis
    assert "Could not connect to Redis at" in cli, cli
    _read(cli.strip(), "redis", "client", "cert_untrusted_root")
    refused = _lines(log, "Error accepting a client connection: ")
    refused = [ln for ln in refused if "unsupported protocol" in ln]
    assert refused, log[-1500:]
    for line in (refused[0], refused[0].split("# ", 1)[1]):
        _read(line, "redis", "server", _VERSION)


# ---- stunnel ----------------------------------------------------------------------------

_STUNNEL_FRAME = re.compile(r"^\d{4}\.\d\d\.\d\d \d\d:\d\d:\d\d LOG\d\[[\w.]{1,24}\]: ")


@pytest.fixture(scope="module")
def stunnel(lab: Path) -> Iterator[str]:
    """stunnel with sslVersionMin = TLSv1.3: s_client offering TLS 1.2, and s_client
    verifying with a stranger CA (it sends unknown_ca); stunnel's log."""
    if shutil.which("stunnel4") is None:
        pytest.skip("stunnel4 missing (apt: stunnel4)")
    with socket.socket() as backend:
        backend.bind((HOST, 0))
        backend.listen(8)
        port, conf = free_port(), lab / "stunnel.conf"
        conf.write_text("\n".join([
            "foreground = yes", f"pid = {lab}/stunnel.pid", "[svc]", f"accept = {HOST}:{port}",
            f"connect = {HOST}:{backend.getsockname()[1]}", f"cert = {lab}/leaf.chain.pem",
            f"key = {lab}/leaf.key.pem", "sslVersionMin = TLSv1.3"]) + "\n")
        with logged_process(["stunnel4", str(conf)], lab / "stunnel.log") as proc:
            wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
            _s_client(port, "-tls1_2")
            _s_client(port, "-CAfile", str(lab / "other.pem"), "-verify_return_error")
            _waited(lab / "stunnel.log", "alert unknown ca")
    yield (lab / "stunnel.log").read_text(errors="replace")


def test_stunnels_lines_without_framing_name_stunnel(stunnel: str) -> None:
    refused = _lines(stunnel, "SSL_accept: ")
    version = next(ln for ln in refused if "unsupported protocol" in ln)
    unknown_ca = next(ln for ln in refused if "alert unknown ca" in ln)
    for framed, cause in ((version, _VERSION), (unknown_ca, "cert_untrusted_root")):
        bare = _STUNNEL_FRAME.sub("", framed)
        assert bare != framed and bare.startswith("SSL_accept: "), framed
        _read(framed, "stunnel", "server", cause)
        _read(bare, "stunnel", "server", cause)


# ---- mosquitto --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mosquitto(lab: Path) -> Iterator[tuple[str, str]]:
    """The broker with tls_version tlsv1.3: s_client offering TLS 1.2, mosquitto_sub
    verifying with a stranger CA; (mosquitto_sub's words, the broker's log)."""
    if shutil.which("mosquitto") is None or shutil.which("mosquitto_sub") is None:
        pytest.skip("mosquitto/mosquitto_sub missing (apt: mosquitto mosquitto-clients)")
    port, conf = free_port(), lab / "mosquitto.conf"
    conf.write_text("\n".join([f"listener {port} {HOST}", "allow_anonymous true",
                               f"certfile {lab}/leaf.chain.pem", f"keyfile {lab}/leaf.key.pem",
                               "tls_version tlsv1.3"]) + "\n")
    with logged_process(["mosquitto", "-c", str(conf)], lab / "mosquitto.log") as proc:
        wait_ready(HOST, port, timeout=15, alive=lambda: proc.poll() is None)
        _s_client(port, "-tls1_2")
        sub = subprocess.run(["mosquitto_sub", "-h", HOST, "-p", str(port), "--cafile",
                              str(lab / "other.pem"), "-t", "x", "-C", "1", "-W", "3"],
                             capture_output=True, text=True, timeout=20, check=False)
        log = _waited(lab / "mosquitto.log", "alert unknown ca")
    yield sub.stdout + sub.stderr, log


def test_mosquittos_own_lines_name_mosquitto(mosquitto: tuple[str, str]) -> None:
    sub, log = mosquitto
    lines = [re.sub(r"^\d{1,12}: ", "", ln) for ln in log.splitlines()]
    # the refused version: "OpenSSL Error[0]: ..." when the hello came after the accept,
    # the broker's "Client connection from ... failed: ..." when it came with it (src/net.c)
    version = next(ln for ln in lines if "unsupported protocol" in ln)
    unknown_ca = next(ln for ln in lines if "OpenSSL Error[" in ln and "alert unknown ca" in ln)
    # the library's line alone: either peer prints it (a bridge, a client), so no side
    _read(version, "mosquitto", "unknown" if "OpenSSL Error[" in version else "server", _VERSION)
    _read(unknown_ca, "mosquitto", "unknown", "cert_untrusted_root")
    # with the broker's next line ("Client <unknown> disconnected: ...") it is the broker's
    tail = log[log.index(unknown_ca):].splitlines()[:2]
    _read("\n".join(re.sub(r"^\d{1,12}: ", "", ln) for ln in tail), "mosquitto", "server",
          "cert_untrusted_root")
    # mosquitto_sub's own words: the broker could be any MQTT server, none is named
    assert "A TLS error occurred" in sub, sub
    assert explain(sub).program == ""


# ---- ProFTPD and CivetWeb: their own TLS settings refused -------------------------------

@pytest.mark.skipif(not have_proftpd(), reason="ProFTPD with mod_tls is not available "
                    "(.ci/run unpacks proftpd-core and proftpd-mod-crypto)")
def test_proftpds_configuration_check_names_proftpd() -> None:
    with pytest.raises(ValueError, match="refused the configuration") as refused, \
            run_proftpd("  TLSCipherSuite NOSUCHCIPHER\n"):
        pass
    printed = str(refused.value).split("refused the configuration: ", 1)[1]
    assert "fatal: TLSCipherSuite: unable to use ciphersuite" in printed, printed
    _read(printed, "proftpd", "server", "server_misconfiguration")


@pytest.mark.skipif(shutil.which("civetweb") is None, reason="civetweb missing (apt: civetweb)")
def test_civetwebs_cipher_refusal_names_civetweb(lab: Path) -> None:
    pem = lab / "civetweb.pem"
    pem.write_text((lab / "leaf.chain.pem").read_text() + (lab / "leaf.key.pem").read_text())
    (lab / "www").mkdir(exist_ok=True)
    port, log = free_port(), lab / "civetweb.log"
    argv = ["civetweb", "-listening_ports", f"{HOST}:{port}s", "-ssl_certificate", str(pem),
            "-ssl_cipher_list", "NOSUCHCIPHER", "-document_root", str(lab / "www"),
            "-error_log_file", str(log)]
    with logged_process(argv, lab / "civetweb.out"):
        text = _waited(log, "SSL_CTX_set_cipher_list error: ")
    line = next(ln for ln in text.splitlines() if "SSL_CTX_set_cipher_list error: " in ln)
    bare = line[line.index("SSL_CTX_set_cipher_list error: "):]  # its own words, no log line
    assert bare != line, line
    for printed in (line, bare):
        _read(printed, "civetweb", "server", "server_misconfiguration")
        steps = explain(printed).findings[0].fix
        # no cipher line for CivetWeb yet: the change in words, not its certificate file's line
        assert all("ssl_certificate" not in s.code for s in steps), steps
