"""Round 17, real programs on 127.0.0.1: OpenConnect against a TLS server (openssl s_server)
whose certificate comes from a CA it was not given, is self-signed, names another host or has
expired; FreeRDP (xfreerdp, on a private Xvfb display) against xrdp whose certificate is
self-signed, from a CA the client lacks, or for another name; xrdp without its key file and
xrdp requiring TLS of a client that asks for RDP security. Each real output (the client's,
and xrdp's own log) is fed to explain: cause and side; then every program line explain
prints (remote.toml) is APPLIED, and the TLS stage passes. Skipped when a program is
missing (.ci/run installs openconnect, freerdp2-x11, xrdp and xvfb)."""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import ssl
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA, self_signed
from tlsdoctor.testing.processes import log_until, logged_process, output_until, stop
from tlsdoctor.testing.servers import free_port, openssl_server, wait_ready

_LIMIT = 5.0  # seconds a client may run: past the TLS stage it waits for a session


def _run(argv: list[str], *, env: dict[str, str] | None = None, stdin: str = "",
         until: str = "") -> str:
    """``argv``'s output (stdout and stderr), the program stopped after _LIMIT seconds, or
    once it printed ``until`` (its TLS stage passed: what follows is a wait for a session)."""
    return output_until(argv, lambda text: bool(until) and until in text, _LIMIT, stdin=stdin,
                        env={**os.environ, **(env or {})})


def _read(text: str) -> tuple[str, str, str, list[str]]:
    """explain's source, first cause, side, and every fix code line it prints."""
    r = explain(text)
    assert r.recognized and r.findings, text[-1500:]
    codes = [s.code for f in r.findings for s in f.fix if s.code]
    return r.source, r.findings[0].cause.value, r.side, codes


def _code(codes: list[str], needle: str) -> str:
    got = [c for c in codes if needle in c]
    assert got, (needle, codes)
    return got[0]


# -- OpenConnect --------------------------------------------------------------------------

_need_oc = pytest.mark.skipif(shutil.which("openconnect") is None, reason="openconnect missing")
_VPN = "vpn.example"
_OK = "Connected to HTTPS on "  # openconnect: the TLS stage passed


def _openconnect(port: int, *extra: str, host: str = _VPN, until: str = "") -> str:
    argv = ["openconnect", "--non-inter", "--passwd-on-stdin", "-u", "x", *extra,
            "--resolve", f"{host}:127.0.0.1", f"https://{host}:{port}/"]
    return _run(argv, stdin="x\n", until=until)


@_need_oc
def test_real_openconnect_private_ca_then_cafile(tmp_path: Path) -> None:
    ca = CA(name="round 17 VPN root")
    chain, key = ca.issue([_VPN]).write(tmp_path)
    cafile = ca.write(tmp_path / "ca.pem")
    with openssl_server(chain, key, www=True) as srv:
        out = _openconnect(srv.port)
        assert "Server certificate verify failed: signer not found" in out, out
        source, top, side, codes = _read(out)
        assert (source, top, side) == ("openconnect", "cert_untrusted_root", "client")
        line = _code(codes, "--cafile")
        # The printed line, with the CA file and this server's address in it.
        argv = line.replace("/path/to/vpn-ca.pem", str(cafile)).split()[1:-1]
        fixed = _openconnect(srv.port, *argv, until=_OK)
    assert _OK in fixed and "verify failed" not in fixed, fixed


@_need_oc
def test_real_openconnect_self_signed_then_servercert_pin(tmp_path: Path) -> None:
    chain, key = self_signed([_VPN]).write(tmp_path)
    with openssl_server(chain, key, www=True) as srv:
        out = _openconnect(srv.port)
        source, _, side, codes = _read(out)
        assert (source, side) == ("openconnect", "client")
        assert "cert_self_signed" in {f.cause.value for f in explain(out).findings}
        line = _code(codes, "--servercert")
        pin = re.search(r"--servercert (pin-sha256:\S+)", out)
        assert pin, out
        argv = line.replace("pin-sha256:<the hash OpenConnect printed>", pin.group(1))
        fixed = _openconnect(srv.port, *argv.split()[1:-1], until=_OK)
    assert _OK in fixed and "failed verification" not in fixed, fixed


@_need_oc
@pytest.mark.parametrize(("names", "age", "want"), [
    (["other.example"], None, "hostname_mismatch"),
    ([_VPN], timedelta(days=-1), "cert_expired"),
])
def test_real_openconnect_trusted_ca_bad_name_or_dates(tmp_path: Path, names: list[str],
                                                       age: timedelta | None,
                                                       want: str) -> None:
    ca = CA(name="round 17 VPN root")
    leaf = ca.issue(names, not_before=None if age is None else timedelta(days=-30),
                    not_after=age)
    chain, key = leaf.write(tmp_path)
    cafile = str(ca.write(tmp_path / "ca.pem"))
    with openssl_server(chain, key, www=True) as srv:
        out = _openconnect(srv.port, "--cafile", cafile)
        source, top, side, codes = _read(out)
        assert (source, top, side) == ("openconnect", want, "client"), out
        if want == "hostname_mismatch":
            # "connect with the name the certificate holds"
            assert _code(codes, "https://<name in the certificate>/")
            fixed = _openconnect(srv.port, "--cafile", cafile, host=names[0], until=_OK)
            assert _OK in fixed, fixed


# -- ocserv and OpenConnect --------------------------------------------------------------

_need_ocserv = pytest.mark.skipif(
    any(shutil.which(p) is None for p in ("ocserv", "openconnect"))
    or not Path("/dev/net/tun").exists() or os.geteuid() != 0,
    reason="ocserv or openconnect missing (or no tun device, or not root: ocserv's workers "
           "drop to nobody)")
_OCSERV_CONF = """auth = "plain[passwd={tmp}/passwd]"
tcp-port = {port}
listen-host = 127.0.0.1
socket-file = {tmp}/ocserv-{port}.sock
pid-file = {tmp}/ocserv-{port}.pid
server-cert = {cert}
server-key = {key}
isolate-workers = false
run-as-user = nobody
run-as-group = nogroup
max-clients = 4
auth-timeout = 30
cookie-timeout = 30
device = vpns
ipv4-network = 192.168.99.0/24
use-occtl = false
"""


@contextlib.contextmanager
def _ocserv(tmp: Path, cert: Path, key: Path) -> Iterator[tuple[int, Path]]:
    """ocserv in the foreground on 127.0.0.1 (its own config, socket and pid files)."""
    port = free_port()
    (tmp / "passwd").write_text("x:*:$5$x$x\n")
    conf = tmp / f"ocserv-{port}.conf"
    conf.write_text(_OCSERV_CONF.format(tmp=tmp, port=port, cert=cert, key=key))
    log = tmp / f"ocserv-{port}.log"
    # --debug=1: the worker's lines on stderr (without it they go to syslog only)
    with logged_process(["ocserv", "--foreground", "--debug=1", "--config", str(conf)],
                        log) as proc:
        wait_ready("127.0.0.1", port, 10, alive=lambda: proc.poll() is None)
        yield port, log


@_need_ocserv
def test_real_ocserv_log_when_openconnect_refuses_then_server_cert(tmp_path: Path) -> None:
    """ocserv's own log when OpenConnect refuses its self-signed certificate (the client
    closes in the handshake, no alert): the server's certificate, read from the server's
    side; the printed server-cert= line applied (a CA-issued certificate the client is
    given): OpenConnect's TLS stage passes."""
    # Not under pytest's root-only 0700 parents: ocserv's workers (nobody) reach the
    # sec-mod socket in this directory.
    tmp_path = Path(tempfile.mkdtemp(prefix="ocserv-"))
    tmp_path.chmod(0o755)
    try:
        _ocserv_refused_then_fixed(tmp_path)
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)


def _ocserv_refused_then_fixed(tmp_path: Path) -> None:
    chain, key = self_signed([_VPN]).write(tmp_path)
    with _ocserv(tmp_path, chain, key) as (port, log):
        out = _openconnect(port)
        log_until(log, lambda text: "GnuTLS error" in text, 3)  # the worker logs as it exits
    assert "failed verification" in out, out
    text = log.read_text()
    assert "GnuTLS error (at worker-vpn.c:" in text, text
    source, top, side, codes = _read(text)
    assert (source, top, side) == ("ocserv", "cert_self_signed", "server"), text
    assert explain(text).findings[0].confidence < 0.6
    lines = _code(codes, "server-cert =")
    assert "server-key =" in lines
    ca = CA(name="round 17 VPN root")
    chain, key = ca.issue([_VPN]).write(tmp_path, stem="issued")
    cafile = ca.write(tmp_path / "ca.pem")
    with _ocserv(tmp_path, chain, key) as (port, _):
        fixed = _openconnect(port, "--cafile", str(cafile))
    assert _OK in fixed and "failed verification" not in fixed, fixed


# -- FreeRDP and xrdp ---------------------------------------------------------------------

_need_rdp = pytest.mark.skipif(
    any(shutil.which(p) is None for p in ("xfreerdp", "xrdp", "Xvfb")),
    reason="xfreerdp, xrdp or Xvfb missing")
_TLS_FAILED = ("ERRCONNECT_TLS_CONNECT_FAILED", "certificate not trusted")


@pytest.fixture(scope="module")
def display(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One small Xvfb for the module's xfreerdp runs (it needs a display to start)."""
    if shutil.which("Xvfb") is None:
        pytest.skip("Xvfb missing")
    log = tmp_path_factory.mktemp("xvfb") / "xvfb.log"
    read, write = os.pipe()
    with log.open("wb") as out:
        proc = subprocess.Popen(["Xvfb", "-displayfd", str(write), "-screen", "0", "640x480x16",
                                 "-nolisten", "tcp"], stdout=out, stderr=subprocess.STDOUT,
                                pass_fds=(write,))
    os.close(write)
    try:
        with os.fdopen(read) as got:
            number = got.readline().strip()
        assert number.isdigit(), log.read_text()
        yield f":{number}"
    finally:
        stop(proc)


@dataclass(frozen=True)
class Xrdp:
    port: int
    log: Path


_INI = """[Globals]
ini_version=1
fork=false
port=tcp://127.0.0.1:{port}
security_layer={security_layer}
crypt_level=high
certificate={certificate}
key_file={key_file}
ssl_protocols={ssl_protocols}
tls_ciphers={tls_ciphers}
[Logging]
LogFile={log}
LogLevel=INFO
EnableSyslog=false
EnableConsole=false
"""


@contextlib.contextmanager
def _xrdp(tmp: Path, **settings: str | Path) -> Iterator[Xrdp]:
    port = free_port()
    ini = tmp / f"xrdp-{port}.ini"
    log = tmp / f"xrdp-{port}.log"
    settings = {"ssl_protocols": "TLSv1.2, TLSv1.3", "tls_ciphers": "HIGH", **settings}
    ini.write_text(_INI.format(port=port, log=log, **settings))
    with logged_process(["xrdp", "--nodaemon", "--config", str(ini)],
                        tmp / f"xrdp-{port}.out") as proc:
        wait_ready("127.0.0.1", port, 10, alive=lambda: proc.poll() is None)
        yield Xrdp(port, log)


def _freerdp(display: str, home: Path, port: int, *extra: str, host: str = "localhost",
             env: dict[str, str] | None = None) -> str:
    argv = ["xfreerdp", f"/v:{host}:{port}", "/u:x", "/p:x", *extra]
    return _run(argv, env={"DISPLAY": display, "HOME": str(home), **(env or {})})


def _passed(out: str, server: Xrdp, since: int = 0) -> bool:
    """The TLS stage passed: xrdp finished a handshake (in its log after ``since``) and
    FreeRDP refused nothing."""
    failed = (*_TLS_FAILED, "ERRCONNECT_SECURITY", "SSL_CERT_NOT_ON_SERVER")
    return (not any(t in out for t in failed)
            and "TLS connection established" in server.log.read_text()[since:])


@_need_rdp
def test_real_freerdp_self_signed_xrdp_then_tofu(tmp_path: Path, display: str) -> None:
    chain, key = self_signed(["localhost"]).write(tmp_path)
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        out = _freerdp(display, tmp_path, server.port)
        assert "certificate not trusted, aborting." in out, out
        source, top, side, codes = _read(out)
        assert (source, top, side) == ("freerdp", "cert_self_signed", "client")
        line = _code(codes, "/cert:tofu")
        since = len(server.log.read_text())
        fixed = _freerdp(display, tmp_path, server.port, *line.split()[2:])
        assert _passed(fixed, server, since), fixed
        assert "localhost" in (tmp_path / ".config/freerdp/known_hosts2").read_text()


@_need_rdp
def test_real_freerdp_private_ca_then_ssl_cert_file(tmp_path: Path, display: str) -> None:
    ca = CA(name="round 17 RDP root")
    chain, key = ca.issue(["localhost"]).write(tmp_path)
    cafile = ca.write(tmp_path / "ca.pem")
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        out = _freerdp(display, tmp_path, server.port, "/cert:deny")
        source, top, side, codes = _read(out)
        assert (source, top, side) == ("freerdp", "cert_untrusted_root", "client"), out
        line = _code(codes, "SSL_CERT_FILE=")
        var, _, value = line.split()[0].partition("=")
        fixed = _freerdp(display, tmp_path, server.port, "/cert:deny",
                         env={var: value.replace("/path/to/rdp-ca.pem", str(cafile))})
        assert _passed(fixed, server), fixed


@_need_rdp
def test_real_freerdp_wrong_name_then_cert_name(tmp_path: Path, display: str) -> None:
    ca = CA(name="round 17 RDP root")
    chain, key = ca.issue(["rdp.example"]).write(tmp_path)
    env = {"SSL_CERT_FILE": str(ca.write(tmp_path / "ca.pem"))}
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        out = _freerdp(display, tmp_path, server.port, "/cert:deny", env=env)
        source, top, side, codes = _read(out)
        assert (source, top, side) == ("freerdp", "hostname_mismatch", "client"), out
        line = _code(codes, "/cert:name:")
        option = line.replace("<name in the certificate>", "rdp.example").split()[2]
        fixed = _freerdp(display, tmp_path, server.port, "/cert:deny", option, env=env)
        assert _passed(fixed, server), fixed


@_need_rdp
def test_real_xrdp_without_its_key_then_key_file(tmp_path: Path, display: str) -> None:
    """xrdp's log and FreeRDP's output both say the server's files; the printed xrdp.ini
    lines (certificate=, key_file=) applied: the TLS stage passes."""
    ca = CA(name="round 17 RDP root")
    chain, key = ca.issue(["localhost"]).write(tmp_path)
    env = {"SSL_CERT_FILE": str(ca.write(tmp_path / "ca.pem"))}
    missing = tmp_path / "missing-key.pem"
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=missing) as server:
        out = _freerdp(display, tmp_path, server.port, "/cert:deny", env=env)
        log = server.log.read_text()
    assert "Error: SSL_CERT_NOT_ON_SERVER" in out, out
    assert _read(out)[1:3] == ("server_misconfiguration", "client")
    source, top, side, codes = _read(log)
    assert (source, top, side) == ("xrdp", "server_misconfiguration", "server"), log
    lines = _code(codes, "key_file=")
    assert "certificate=" in lines and "[Globals]" in lines
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        fixed = _freerdp(display, tmp_path, server.port, "/cert:deny", env=env)
        assert _passed(fixed, server), fixed


@_need_rdp
def test_real_xrdp_requires_tls_then_negotiate(tmp_path: Path, display: str) -> None:
    chain, key = self_signed(["localhost"]).write(tmp_path)
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        out = _freerdp(display, tmp_path, server.port, "/sec:rdp")
        log = server.log.read_text()
    assert "Server requires TLS for security" in log, log
    source, top, side, codes = _read(log)
    assert (source, top, side) == ("xrdp", "client_misconfiguration", "server"), log
    # FreeRDP forced to RDP security sends no negotiation request, so it prints only that
    # the MCS connection failed (not TLS words): xrdp's log is the one that says why.
    assert "ERRCONNECT_TLS" not in out, out
    setting = _code(codes, "security_layer=").split("\n")[1].split("=", 1)[1]
    with _xrdp(tmp_path, security_layer=setting, certificate=chain, key_file=key) as server:
        fixed = _freerdp(display, tmp_path, server.port, "/sec:rdp")
        log = server.log.read_text()
    assert "SSL_REQUIRED_BY_SERVER" not in fixed, fixed
    assert "Non-TLS connection established" in log or "selected [RDP]" in log, log


@_need_rdp
def test_real_freerdp_tls10_only_host_then_seclevel_or_ssl_protocols(tmp_path: Path,
                                                                     display: str) -> None:
    """An RDP host that speaks only TLS 1.0 (xrdp told so; an old Windows host alike):
    FreeRDP on OpenSSL 3 says only ERRCONNECT_TLS_CONNECT_FAILED, xrdp's log the alert it
    got. Both printed lines applied: FreeRDP's /tls-seclevel:0, and xrdp's ssl_protocols=."""
    chain, key = self_signed(["localhost"]).write(tmp_path)
    old = {"ssl_protocols": "TLSv1", "tls_ciphers": "DEFAULT@SECLEVEL=0"}
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key,
               **old) as server:
        out = _freerdp(display, tmp_path, server.port, "/cert:tofu")
        log = server.log.read_text()
        assert "ERRCONNECT_TLS_CONNECT_FAILED" in out, out
        r = explain(out)
        assert (r.source, r.side) == ("freerdp", "client")
        assert "protocol_version_mismatch" in {f.cause.value for f in r.findings}
        line = _code(_read(out)[3], "/tls-seclevel:")
        since = len(log)
        fixed = _freerdp(display, tmp_path, server.port, "/cert:tofu", line.split()[2])
        assert _passed(fixed, server, since), fixed
    assert "SSL_accept: Failure in SSL library" in log, log
    r = explain(log)
    assert (r.source, r.side) == ("xrdp", "server")
    assert "protocol_version_mismatch" in {f.cause.value for f in r.findings}
    setting = _code(_read(log)[3], "ssl_protocols=").split("\n")[1].split("=", 1)[1]
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key,
               ssl_protocols=setting) as server:
        fixed = _freerdp(display, tmp_path, server.port, "/cert:tofu")
        assert _passed(fixed, server), fixed


# -- round 21: ocserv.conf's server-cert/server-key row, read from ocserv's own start-up line (the
# printed lines parsed and put into the file as written). FreeRDP 2.x finishes the TLS handshake
# before it refuses a certificate, so xrdp's log then holds only its MCS-stage errors (measured),
# which name no certificate: round 22 applies xrdp's trust row with a client that refuses in the
# handshake (below).

def _settings(code: str, sep: str = "=") -> dict[str, str]:
    """The ``name SEP value`` lines of a printed step (comments and commands left out)."""
    return {k.strip(): v.strip() for ln in code.splitlines()
            if not ln.startswith("#") and sep in ln and " " not in ln.split(sep, 1)[0].strip()
            for k, v in [ln.split(sep, 1)]}


# An RDP client's first bytes asking for TLS (MS-RDPBCGR 2.2.1.1): TPKT, X.224 Connection
# Request, RDP_NEG_REQ with requestedProtocols PROTOCOL_SSL. xrdp answers with its Connection
# Confirm (19 bytes), and TLS starts on the same connection.
_RDP_ASK_TLS = bytes.fromhex("030000130ee000000000000100080001000000")


def _rdp_tls(port: int, cafile: Path) -> str:
    """The TLS stage of an RDP connection by a client that verifies xrdp's certificate in the
    handshake against ``cafile`` (OpenSSL through Python's ssl, as a TLS-checking gateway or
    monitor does): it sends its alert to xrdp on refusal. "ok" or the client's error."""
    ctx = ssl.create_default_context(cafile=str(cafile))
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(_RDP_ASK_TLS)
        assert len(sock.recv(64)) == 19
        try:
            with ctx.wrap_socket(sock, server_hostname="localhost"):
                return "ok"
        except ssl.SSLError as e:
            return str(e)


def _log_after(log: Path, since: int, needle: str) -> str:
    """xrdp's log after ``since`` once it holds ``needle`` (5 s at most)."""
    return log_until(log, lambda text: needle in text[since:], 5)[since:]


@_need_rdp
def test_real_xrdp_self_signed_refused_in_the_handshake_then_its_trust_lines(
        tmp_path: Path, display: str) -> None:
    """xrdp serving a self-signed certificate (its default) to clients that trust the
    organisation's CA: a client refusing it in the handshake makes xrdp log the client's
    unknown-CA alert; explain of that log gives xrdp.ini's certificate=/key_file= lines
    (remote.toml [xrdp.trust]), which, pointed at a certificate from that CA, make the same
    client and a real FreeRDP (SSL_CERT_FILE, /cert:deny) pass the TLS stage."""
    org = CA(name="round 22 RDP root")
    cafile = org.write(tmp_path / "org-ca.pem")
    chain, key = self_signed(["localhost"]).write(tmp_path)
    with _xrdp(tmp_path, security_layer="tls", certificate=chain, key_file=key) as server:
        since = len(server.log.read_text())
        refused = _rdp_tls(server.port, cafile)
        log = _log_after(server.log, since, "alert unknown ca")
    assert "certificate verify failed" in refused, refused
    r = explain(log)
    assert (r.source, r.side) == ("xrdp", "server"), log[-1500:]
    f = next(f for f in r.findings if f.cause.value in ("cert_self_signed", "cert_untrusted_root"))
    step = next(s for s in f.fix if s.applies_to == "xrdp")
    printed = _settings(step.code)
    assert set(printed) == {"certificate", "key_file"}, step.code
    # the printed lines as written, their paths on the real machine mapped to the test's files
    cert, key = org.issue(["localhost"]).write(tmp_path / "issued")
    real = {printed["certificate"]: cert, printed["key_file"]: key}
    assert all(path.startswith("/etc/xrdp/") for path in real), printed
    files = {name: real[path] for name, path in printed.items()}
    with _xrdp(tmp_path, security_layer="tls", **files) as server:
        assert _rdp_tls(server.port, cafile) == "ok"
        since = len(server.log.read_text())
        fixed = _freerdp(display, tmp_path, server.port, "/cert:deny",
                         env={"SSL_CERT_FILE": str(cafile)})
        assert _passed(fixed, server, since), fixed


@_need_ocserv
def test_real_ocserv_without_the_key_of_its_certificate_then_its_lines(tmp_path: Path) -> None:
    """ocserv given another certificate's key: explain of its own words gives ocserv.conf's
    server-cert/server-key lines and its check (ocserv -t -c); the chain and its key saved
    where the lines name, the lines written into the config, ``ocserv -t`` passes, ocserv
    starts and OpenConnect's TLS stage passes."""
    tmp_path = Path(tempfile.mkdtemp(prefix="ocserv-"))
    tmp_path.chmod(0o755)
    try:
        ca = CA(name="round 21 VPN root")
        chain, _ = ca.issue([_VPN]).write(tmp_path, stem="served")
        _, other_key = ca.issue(["other.example"]).write(tmp_path, stem="other")
        cafile = ca.write(tmp_path / "ca.pem")
        with _ocserv(tmp_path, chain, other_key) as (port, log):
            refused = _openconnect(port, "--cafile", str(cafile))
            log_until(log, lambda text: "GnuTLS error" in text, 3)  # logged as it exits
        conf = tmp_path / f"ocserv-{port}.conf"
        text = log.read_text()
        assert _OK not in refused and "do not match" in text, (refused, text[-1500:])
        r = explain(text)
        step = next((s for f in r.findings for s in f.fix if s.applies_to == "ocserv"
                     and "server-key" in s.code), None)
        assert step is not None, (text[-1500:], [(f.cause.value, [s.applies_to for s in f.fix])
                                                 for f in r.findings])
        assert not {s.applies_to for f in r.findings for s in f.fix} & {"nginx", "apache"}
        printed = _settings(step.code, " = ")
        assert set(printed) == {"server-cert", "server-key"}, step.code
        checks = [ln for ln in step.code.splitlines() if ln.startswith(("openssl ", "ocserv "))]
        assert [c.split()[0] for c in checks] == ["openssl", "ocserv"], step.code

        def checked(line: str, paths: dict[str, str]) -> bool:
            for real, local in paths.items():
                line = line.replace(real, local)
            return subprocess.run(["bash", "-c", line], capture_output=True,
                                  timeout=30).returncode == 0

        # the pair check as printed, on the files ocserv was given: it tells the fault
        assert not checked(checks[0], {printed["server-cert"]: str(chain),
                                       printed["server-key"]: str(other_key)})
        files = {printed["server-cert"]: chain.read_bytes(),
                 printed["server-key"]: (tmp_path / "served.key.pem").read_bytes()}
        edited = conf.read_text()
        local = {path: str(tmp_path / Path(path).name) for path in printed.values()}
        for name, path in printed.items():
            Path(local[path]).write_bytes(files[path])
            Path(local[path]).chmod(0o644)
            edited = re.sub(rf"(?m)^{name} = .*$", f"{name} = {local[path]}", edited)
        conf.write_text(edited)
        assert checked(checks[0], local)
        assert checked(checks[1], {"/etc/ocserv/ocserv.conf": str(conf)})
        with logged_process(["ocserv", "--foreground", "--debug=1", "--config", str(conf)],
                            tmp_path / "ocserv2.log") as proc:
            wait_ready("127.0.0.1", port, 10, alive=lambda: proc.poll() is None)
            fixed = _openconnect(port, "--cafile", str(cafile))
        assert _OK in fixed and "failed verification" not in fixed, fixed
    finally:
        shutil.rmtree(tmp_path, ignore_errors=True)
