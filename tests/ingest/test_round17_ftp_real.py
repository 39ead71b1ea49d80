"""Round 17, a real vsftpd and a real ProFTPD (mod_tls) on 127.0.0.1 and real clients
(curl, lftp, Python's ftplib) failing the classic ways: the server's certificate not
trusted, session reuse required on the data connection and a client that does not reuse
(ftplib, curl --no-sessionid), TLS required and a plain client. explain reads the client's
output and the server's own log (cause and who printed it), and every fix line it prints
for the servers and the clients is applied: the server restarted with the printed
vsftpd.conf lines or ProFTPD directives (proftpd -t first), the printed client commands
run, and the file comes through. Skips when vsftpd, ProFTPD, curl or lftp is missing
(.ci/run installs vsftpd and lftp and unpacks ProFTPD: the two conflict as Debian
packages)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.processes import wait_until
from tlsdoctor.testing.proftpd_run import FILE_TEXT as PRO_TEXT
from tlsdoctor.testing.proftpd_run import Proftpd, have_proftpd, run_proftpd
from tlsdoctor.testing.vsftpd_run import FILE_TEXT, Vsftpd, failed_start, have_vsftpd, run_vsftpd

pytestmark = pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed")
_VSFTPD = pytest.mark.skipif(not have_vsftpd(), reason="vsftpd is not installed (apt: vsftpd)")
_LFTP = pytest.mark.skipif(shutil.which("lftp") is None, reason="lftp is not installed")
_TIMEOUT = 20  # seconds any client may run


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=_TIMEOUT, check=False)


def _curl(srv: Vsftpd, *opts: str) -> subprocess.CompletedProcess[str]:
    return _run(["curl", "-sS", "-v", *opts, f"ftp://localhost:{srv.port}/hello.txt"])


def _read(text: str) -> tuple[str, str, str, float, tuple[str, ...]]:
    """(source, side, top cause, confidence, the top finding's fix code) of ``text``."""
    r = explain(text)
    assert r.recognized and r.findings, text[-2000:]
    top = r.findings[0]
    return r.source, r.side, top.cause.value, top.confidence, tuple(s.code for s in top.fix)


def _fill(code: str, srv: Vsftpd | Proftpd) -> list[list[str]]:
    """The printed client commands (curl, lftp) with this server's names filled in; the
    anonymous login's lftp setting the step names in its comment is added."""
    out = []
    for line in code.splitlines():
        if line.startswith("curl "):
            line = (line.replace("USER:PASSWORD", "anonymous:")
                    .replace("ftp://HOST/FILE", f"ftp://localhost:{srv.port}/hello.txt")
                    .replace("-o FILE", "-o -"))
            out.append([*line.split(), "--cacert", str(srv.cert), "-sS"])
        elif line.startswith("lftp "):
            script = line.split("-e '", 1)[1].split("'", 1)[0].replace("get FILE", "cat hello.txt")
            out.append(["lftp", "-u", "anonymous,", "-p", str(srv.port), "-e",
                        f"set net:max-retries 1; set ssl:ca-file {srv.cert}; "
                        f"set ftp:ssl-allow-anonymous true; {script}", "localhost"])
    return out


def _conf_lines(code: str) -> str:
    """The vsftpd.conf settings of a printed step (name=value lines)."""
    return "".join(f"{line}\n" for line in code.splitlines()
                   if "=" in line and not line.startswith(("#", "sudo", "curl", "lftp")))


@_VSFTPD
def test_untrusted_certificate_read_from_curl() -> None:
    with run_vsftpd() as srv:
        out = _curl(srv, "--ssl-reqd")
    assert out.returncode == 60, out.stderr[-1500:]
    source, side, cause, _, _ = _read(out.stderr)
    assert (source, side, cause) == ("curl", "client", "cert_self_signed")


@_VSFTPD
@_LFTP
def test_untrusted_certificate_read_from_lftp() -> None:
    with run_vsftpd() as srv:
        out = _run(["lftp", "-u", "anonymous,", "-p", str(srv.port), "-e",
                    "set net:max-retries 1; set ftp:ssl-allow-anonymous true; "
                    "set ftp:ssl-force true; cat hello.txt; bye", "127.0.0.1"])
    assert "Certificate verification" in out.stderr, out.stderr
    source, side, cause, _, _ = _read(out.stderr)
    assert source in ("lftp", "gnutls") and side == "client", (source, side)
    assert cause in ("cert_untrusted_root", "cert_self_signed"), cause


# Python's ftplib does not resume the control connection's session on the data connection
# (a client the reuse rule breaks): what it prints is the 522 reply in its error_perm.
_FTPLIB = """
import ftplib, ssl, sys
f = ftplib.FTP_TLS(context=ssl.create_default_context(cafile=sys.argv[2]), timeout=10)
f.connect("localhost", int(sys.argv[1]))
f.login()
f.prot_p()
f.retrbinary("RETR hello.txt", sys.stdout.buffer.write)
"""


def _ftplib(srv: Vsftpd) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-c", _FTPLIB, str(srv.port), str(srv.cert)])


@_VSFTPD
def test_session_reuse_required_read_from_client_and_server_and_fixed() -> None:
    """vsftpd requires the data connection to resume the control connection's TLS session
    (require_ssl_reuse=YES, its default): Python's ftplib gets its 522 reply, and curl
    --no-sessionid (which closes before reading it) leaves the reason in vsftpd's log."""
    with run_vsftpd() as srv:
        client = _ftplib(srv)
        curl = _curl(srv, "--ssl-reqd", "--no-sessionid", "--cacert", str(srv.cert))
        log = srv.log_text()
        source, side, cause, conf, fix = _read(client.stderr)
        # the printed client commands resume the session: they work against this server
        commands = [c for code in fix for c in _fill(code, srv)]
        got = [_run(argv) for argv in commands if argv[0] == "curl" or shutil.which("lftp")]
    assert "522 SSL connection failed" in client.stderr, client.stderr[-800:]
    assert curl.returncode != 0 and curl.stdout != FILE_TEXT
    assert (source, side, cause) == ("vsftpd", "client", "client_misconfiguration")
    assert conf < 0.6  # the client first, the server's setting second: a ranking
    assert commands and all(FILE_TEXT.strip() in g.stdout for g in got), [
        g.stderr[-500:] for g in got]
    line = next(x for x in log.splitlines() if "No SSL session reuse on data channel" in x)
    s_source, s_side, s_cause, _, s_fix = _read(line)
    assert (s_source, s_side, s_cause) == ("vsftpd", "server", "client_misconfiguration")
    assert s_fix == fix
    lines = _conf_lines(next(code for code in fix if "require_ssl_reuse" in code))
    assert lines == "require_ssl_reuse=NO\n"
    with run_vsftpd(conf_lines=lines) as srv:  # vsftpd parses it and starts
        again = _curl(srv, "--ssl-reqd", "--no-sessionid", "--cacert", str(srv.cert))
        py = _ftplib(srv)
    assert again.returncode == 0 and again.stdout == FILE_TEXT, again.stderr[-800:]
    assert py.returncode == 0 and py.stdout == FILE_TEXT, py.stderr[-800:]


@_VSFTPD
def test_tls_required_plain_client_read_and_fixed() -> None:
    with run_vsftpd() as srv:
        out = _curl(srv)
        log = srv.log_text()
        source, side, cause, _, fix = _read(out.stderr)
        commands = [c for code in fix for c in _fill(code, srv)]
        got = [_run(argv) for argv in commands if argv[0] == "curl" or shutil.which("lftp")]
    assert "530 Anonymous sessions must use encryption" in out.stderr, out.stderr[-800:]
    assert (source, side, cause) == ("vsftpd", "client", "client_misconfiguration")
    line = next(x for x in log.splitlines() if "Anonymous sessions must use encryption" in x)
    assert _read(line)[:3] == ("vsftpd", "server", "client_misconfiguration")
    assert commands and all(FILE_TEXT.strip() in g.stdout for g in got), [
        g.stderr[-500:] for g in got]


@_VSFTPD
def test_passive_port_range_printed_for_a_data_connection_applies() -> None:
    """FileZilla's "The data connection could not be established" (its engine's words,
    transfersocket.cpp): the vsftpd lines printed for it parse, and transfers use the range."""
    fix = _read("Error:\tThe data connection could not be established: ECONNREFUSED - "
                "Connection refused by server")[4]
    lines = _conf_lines(next(code for code in fix if "pasv_min_port" in code))
    assert "pasv_min_port=40000" in lines and "pasv_max_port=40100" in lines
    with run_vsftpd(conf_lines=lines) as srv:
        out = _curl(srv, "--ssl-reqd", "--cacert", str(srv.cert))
    assert out.returncode == 0 and out.stdout == FILE_TEXT, out.stderr[-800:]
    ports = [int(w) for x in out.stderr.splitlines() if "Connecting to" in x
             for w in x.split() if w.isdigit()]
    assert any(40000 <= p <= 40100 for p in ports), out.stderr[-800:]


# -- ProFTPD (mod_tls) ----------------------------------------------------------------------

_PROFTPD = pytest.mark.skipif(not have_proftpd(), reason="ProFTPD with mod_tls is not "
                              "available (.ci/run unpacks proftpd-core and proftpd-mod-crypto "
                              "under /opt/tlsdoctor-proftpd)")


def _directives(code: str) -> str:
    """The ProFTPD directives of a printed step (not its comments or commands)."""
    return "".join(f"  {line}\n" for line in code.splitlines()
                   if line and not line.startswith(("#", "sudo")))


def _ftplib_pro(srv: Proftpd) -> subprocess.CompletedProcess[str]:
    return _run([sys.executable, "-c", _FTPLIB, str(srv.port), str(srv.cert)])


@_PROFTPD
def test_proftpd_session_reuse_read_from_client_and_tls_log_and_fixed() -> None:
    """mod_tls refuses a data connection that does not resume the control session: the
    client (Python's ftplib) sees only "425 ... Operation not permitted", the TLSLog says
    why; TLSOptions NoSessionReuseRequired as printed lets the same client through."""
    with run_proftpd() as srv:
        client = _ftplib_pro(srv)
        log = srv.log_text()
    assert "425 Unable to build data connection: Operation not permitted" in client.stderr, (
        client.stderr[-800:])
    source, side, cause, conf, _ = _read(client.stderr)
    assert (source, side, cause) == ("proftpd", "client", "client_misconfiguration")
    assert conf < 0.6
    line = next(x for x in log.splitlines() if "client did not reuse TLS session" in x)
    s_source, s_side, s_cause, _, fix = _read(line)
    assert (s_source, s_side, s_cause) == ("proftpd", "server", "client_misconfiguration")
    directives = _directives(next(code for code in fix if "NoSessionReuseRequired" in code))
    assert directives == "  TLSOptions NoSessionReuseRequired\n"
    with run_proftpd(directives) as srv:  # proftpd -t accepts it, and it starts
        again = _ftplib_pro(srv)
    assert again.returncode == 0 and again.stdout == PRO_TEXT, again.stderr[-800:]


@_PROFTPD
def test_proftpd_tls_required_read_and_fixed() -> None:
    with run_proftpd() as srv:
        out = _run(["curl", "-sS", "-v", f"ftp://localhost:{srv.port}/hello.txt"])
        log = srv.log_text()
        source, side, cause, _, fix = _read(out.stderr)
        curl = next(c for code in fix for c in _fill(code, srv) if c[0] == "curl")
        got = _run(curl)
    assert "550 SSL/TLS required on the control channel" in out.stderr, out.stderr[-800:]
    assert (source, side, cause) == ("proftpd", "client", "client_misconfiguration")
    line = next(x for x in log.splitlines() if "SSL/TLS required but absent" in x)
    assert _read(line)[:3] == ("proftpd", "server", "client_misconfiguration")
    assert got.returncode == 0 and got.stdout == PRO_TEXT, got.stderr[-800:]


@_PROFTPD
def test_proftpd_passive_ports_printed_apply() -> None:
    fix = _read("Error:\tThe data connection could not be established: ETIMEDOUT - "
                "Connection attempt timed out")[4]
    directives = _directives(next(code for code in fix if "PassivePorts" in code))
    assert directives == "  PassivePorts 40000 40100\n"
    with run_proftpd(directives) as srv:
        out = _run(["curl", "-sS", "-v", "--ssl-reqd", "--cacert", str(srv.cert),
                    f"ftp://localhost:{srv.port}/hello.txt"])
    assert out.returncode == 0 and out.stdout == PRO_TEXT, out.stderr[-800:]
    ports = [int(w) for x in out.stderr.splitlines() if "Connecting to" in x
             for w in x.split() if w.isdigit()]
    assert any(40000 <= p <= 40100 for p in ports), out.stderr[-800:]


# -- FTP over TLS not offered: lftp told to use it (ftp:ssl-force) ----------------------------

_EXAMPLE_FILES = (("/etc/ssl/certs/ftp.example.com.pem", "%CERT%"),
                  ("/etc/ssl/private/ftp.example.com.key", "%KEY%"))


def _own_files(lines: str) -> str:
    """The printed step's example certificate and key paths as this server's files."""
    for example, token in _EXAMPLE_FILES:
        lines = lines.replace(example, token)
    return lines


def _lftp_forced(port: int, ca: Path | None) -> subprocess.CompletedProcess[str]:
    trust = f"set ssl:ca-file {ca}; " if ca is not None else ""
    return _run(["lftp", "-u", "anonymous,", "-p", str(port), "-e",
                 f"set net:max-retries 1; set ftp:ssl-allow-anonymous true; {trust}"
                 "set ftp:ssl-force true; set ftp:ssl-protect-data true; cat hello.txt; bye",
                 "localhost"])


@_VSFTPD
@_LFTP
def test_no_ftps_on_vsftpd_read_from_lftp_and_enabled() -> None:
    off = {"ssl_enable": "NO", "force_anon_logins_ssl": "NO", "force_anon_data_ssl": "NO"}
    with run_vsftpd(off) as srv:
        out = _lftp_forced(srv.port, None)
    assert "does not support or allow SSL" in out.stderr, out.stderr
    source, side, cause, _, fix = _read(out.stderr)
    assert (source, side, cause) == ("lftp_ftps", "client", "server_misconfiguration")
    lines = _own_files(_conf_lines(next(code for code in fix if "ssl_enable=YES" in code)))
    assert lines.startswith("ssl_enable=YES\nrsa_cert_file=%CERT%\n"), lines
    with run_vsftpd(off, conf_lines=lines) as srv:
        again = _lftp_forced(srv.port, srv.cert)
    assert again.returncode == 0 and again.stdout == FILE_TEXT, again.stderr[-800:]


@_PROFTPD
@_LFTP
def test_no_ftps_on_proftpd_enabled_as_printed() -> None:
    with run_proftpd(tls=False) as srv:
        out = _lftp_forced(srv.port, None)
    assert "does not support or allow SSL" in out.stderr, out.stderr
    fix = _read(out.stderr)[4]
    directives = _own_files(_directives(next(code for code in fix if "TLSEngine on" in code)))
    assert "  TLSEngine on\n" in directives and "%CERT%" in directives, directives
    with run_proftpd(directives, tls=False) as srv:  # proftpd -t accepts it
        again = _lftp_forced(srv.port, srv.cert)
    assert again.returncode == 0 and again.stdout == PRO_TEXT, again.stderr[-800:]


@_VSFTPD
def test_implicit_ftps_at_the_explicit_port_read_from_both_and_fixed() -> None:
    """curl ftps:// (TLS from the first byte) at vsftpd's explicit port: curl reads a plain
    banner as TLS, vsftpd logs the ClientHello as an FTP command; the printed ftp:// command
    with TLS required fetches the file."""
    with run_vsftpd() as srv:
        out = _run(["curl", "-sS", "--cacert", str(srv.cert),
                    f"ftps://localhost:{srv.port}/hello.txt"])
        needle = 'FTP command: Client "127.0.0.1", "???'
        # bounded: 5 s for vsftpd to write the line (it may lag curl)
        wait_until(lambda: needle in srv.log_text(), 5)
        line = next(x for x in srv.log_text().splitlines() if needle in x)
        source, side, cause, _, fix = _read(line)
        curl = next(c for code in fix for c in _fill(code, srv) if c[0] == "curl")
        got = _run(curl)
    assert _read(out.stderr)[1:3] == ("client", "non_tls_service_on_port"), out.stderr
    assert (source, side, cause) == ("vsftpd", "server", "non_tls_service_on_port")
    assert got.returncode == 0 and got.stdout == FILE_TEXT, got.stderr[-800:]


@_VSFTPD
@pytest.mark.parametrize(("broken", "said"), [
    ({"ssl_ciphers": "NOSUCH"}, "500 OOPS: SSL: could not set cipher list"),
    ({"rsa_cert_file": "/nonexistent/vsftpd.pem"}, "500 OOPS: SSL: cannot load RSA certificate"),
    ({"rsa_private_key_file": "/nonexistent/vsftpd.key"},
     "500 OOPS: SSL: cannot load RSA private key"),
])
def test_vsftpd_refusing_its_own_tls_setting_then_the_printed_lines(broken: dict[str, str],
                                                                    said: str) -> None:
    """Round 20: vsftpd stops at start on a TLS setting it cannot use (its 500 OOPS line, on
    the terminal that started it). That printed nginx's, Apache's and HAProxy's cipher lines;
    now vsftpd.conf's own, which, appended (the last setting of a name wins), let it start
    and curl fetch the file over TLS."""
    out = failed_start(broken)
    assert said in out, out
    source, side, cause, _, fix = _read(out)
    assert (source, cause) == ("vsftpd", "server_misconfiguration"), (source, side, cause)
    lines = _own_files(_conf_lines("\n".join(fix)))
    assert lines and not [ln for ln in lines.splitlines() if ln.startswith("ssl_")
                          and not ln.startswith("ssl_ciphers=")], lines
    with run_vsftpd(broken, conf_lines=lines) as srv:
        got = _run(["curl", "-sS", "--ssl-reqd", "--cacert", str(srv.cert), "-u", "anonymous:",
                    f"ftp://localhost:{srv.port}/hello.txt"])
    assert got.returncode == 0 and got.stdout == FILE_TEXT, (lines, got.stderr[-800:])
