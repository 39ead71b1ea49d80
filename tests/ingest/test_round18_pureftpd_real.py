"""Round 18: every fix line explain prints for Pure-FTPd, applied to a real Pure-FTPd 1.0.50
on 127.0.0.1 (testing/pureftpd_run.py: its own pure-ftpd.conf, its syslog read from a
private /dev/log) and checked with real clients (curl, lftp). Each failure is made first and
its own words read (the client's output or the daemon's syslog); the printed line is then put
into pure-ftpd.conf (or run, for the client's commands), the daemon restarted, and the file
must come through over TLS. Before round 18 the daemon's own failures printed nginx's,
Apache's and HAProxy's cipher lines. Skips when pure-ftpd (unpacked by .ci/run under
/opt/tlsdoctor-pure-ftpd: it conflicts with vsftpd), root (for the private /dev/log), curl
or lftp is missing."""

from __future__ import annotations

import shlex
import shutil
import subprocess
from pathlib import Path

import pytest
from harvest_checks import top_fix_code

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import self_signed
from tlsdoctor.testing.pureftpd_run import (
    FILE_TEXT,
    PASSWORD,
    USER,
    PureFtpd,
    have_pureftpd,
    run_pureftpd,
)

pytestmark = [
    pytest.mark.skipif(not have_pureftpd(), reason="pure-ftpd (unpacked by .ci/run), root and "
                                                   "unshare are needed"),
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]
_LFTP = pytest.mark.skipif(shutil.which("lftp") is None, reason="lftp is not installed")
_TIMEOUT = 20  # seconds any client may run
_TLS = "TLS 2\nCertFile %BUNDLE%"


def _run(argv: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=_TIMEOUT, check=False)


def _curl(srv: PureFtpd, *opts: str, ca: Path | None = None) -> subprocess.CompletedProcess[str]:
    return _run(["curl", "-sS", "-v", *opts, "--cacert", str(ca or srv.cert), "-u",
                 f"{USER}:{PASSWORD}", f"ftp://localhost:{srv.port}/hello.txt"])


_fix = top_fix_code


def _conf(code: str, *names: str) -> str:
    """The pure-ftpd.conf lines of printed ``code`` for these directives (also those a
    comment offers as the alternative: '# or two files: CertFileAndKey ...')."""
    out = []
    for line in code.splitlines():
        body = line.split(": ", 1)[1] if line.startswith("# or ") and ": " in line else line
        if body.split(" ", 1)[0] in names:
            out.append(body)
    assert out, (names, code)
    return "\n".join(out)


def test_plain_client_refused_and_the_printed_client_commands_applied() -> None:
    """TLS 2 refuses a plain login (MSG_TLS_NEEDED); the printed curl and lftp commands
    (explicit FTP over TLS) are run as printed, with this server's names filled in."""
    with run_pureftpd(_TLS) as srv:
        assert srv.started, srv.log_text()
        plain = _curl(srv)
        code = _fix(plain.stderr, "pure_ftpd", "client_misconfiguration")
        assert plain.returncode != 0 and FILE_TEXT not in plain.stdout
        # measured: the refusal is a reply only; the syslog has the connection and logout
        ran = 0
        for line in code.splitlines():
            if line.startswith("curl "):
                argv = [*shlex.split(line.replace("USER:PASSWORD", f"{USER}:{PASSWORD}")
                                    .replace("ftp://HOST/FILE",
                                             f"ftp://localhost:{srv.port}/hello.txt")
                                    .replace("-o FILE", "-o -")),
                        "--cacert", str(srv.cert), "-sS"]
            elif line.startswith("lftp ") and shutil.which("lftp"):
                script = shlex.split(line)[4].replace("get FILE", "cat hello.txt")
                argv = ["lftp", "-u", f"{USER},{PASSWORD}", "-p", str(srv.port), "-e",
                        f"set net:max-retries 1; set ssl:ca-file {srv.cert}; {script}",
                        "localhost"]
            else:
                continue
            out = _run(argv)
            assert out.stdout == FILE_TEXT, (line, out.stderr[-1500:])
            ran += 1
        assert ran >= 1


def test_cipher_list_refused_and_the_printed_setting_applied() -> None:
    with run_pureftpd(_TLS + "\nTLSCipherSuite NOSUCHCIPHER") as srv:
        assert not srv.started
        log = srv.log_text()
    assert "Invalid TLSCipherSuite" in log, log
    code = _fix(log, "pure_ftpd", "server_misconfiguration")
    assert "ssl_ciphers" not in code  # nginx's line, printed before round 18
    with run_pureftpd(_TLS + "\n" + _conf(code, "TLSCipherSuite")) as srv:
        assert srv.started, srv.log_text()
        out = _curl(srv, "--ssl-reqd")
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]


def _bundle(code: str, srv_dir: Path, target: Path) -> None:
    """Run the printed 'cat KEY CERT | sudo tee BUNDLE' and chmod lines with this server's
    files (sudo left out: the test runs as root)."""
    names = {"/etc/ssl/private/ftp.example.com.key": str(srv_dir / "key.pem"),
             "/etc/ssl/certs/ftp.example.com.pem": str(srv_dir / "cert.pem"),
             "/etc/ssl/private/pure-ftpd.pem": str(target)}
    for line in code.splitlines():
        if line.startswith(("cat ", "sudo chmod ")):
            for old, new in names.items():
                line = line.replace(old, new)
            subprocess.run(line.replace("sudo ", ""), shell=True, check=True, timeout=10)


def test_certificate_without_key_and_the_printed_bundle_applied(tmp_path: Path) -> None:
    """A certificate file without its key: Pure-FTPd looks for the key in it and names the
    file ('Sorry, but that file doesn't exist'). The printed bundle (key, then certificate)
    and CertFile line, and the two-file CertFileAndKey line, each start it."""
    with run_pureftpd("TLS 2\nCertFile %CERT%") as srv:
        assert not srv.started
        log = srv.log_text()
        code = _fix(log, "pure_ftpd", "server_misconfiguration")
        bundle = tmp_path / "pure-ftpd.pem"
        _bundle(code, srv.workdir, bundle)
        shutil.copy(srv.cert, tmp_path / "ca.pem")
    assert bundle.stat().st_mode & 0o777 == 0o600
    line = _conf(code, "CertFile").replace("/etc/ssl/private/pure-ftpd.pem", str(bundle))
    with run_pureftpd(f"TLS 2\n{line}") as srv:  # the bundle of the first run's files
        assert srv.started, srv.log_text()
        out = _curl(srv, "--ssl-reqd", ca=tmp_path / "ca.pem")
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]
    two = _conf(code, "CertFileAndKey")
    assert two.startswith("CertFileAndKey "), two
    two = (two.replace("/etc/ssl/certs/ftp.example.com.pem", "%CERT%")
           .replace("/etc/ssl/private/ftp.example.com.key", "%KEY%"))
    with run_pureftpd(f"TLS 2\n{two}") as srv:
        assert srv.started, srv.log_text()
        out = _curl(srv, "--ssl-reqd")
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]


def test_key_of_another_certificate_read_from_the_syslog(tmp_path: Path) -> None:
    """CertFileAndKey naming a key of another certificate. Measured: OpenSSL 3's
    SSL_CTX_use_PrivateKey_file() already refuses a key that does not match the certificate,
    so Pure-FTPd names the key as a file that 'doesn't exist' (its check_private_key()
    line, 'TLS [file](line): ...', is not reached). The printed step applied starts it."""
    other = tmp_path / "other.key"
    other.write_bytes(self_signed(["other"], key_type="rsa2048").key_pem)
    with run_pureftpd(f"TLS 2\nCertFileAndKey %CERT% {other}") as srv:
        assert not srv.started
        log = srv.log_text()
    assert f"doesn't exist: [{other}]" in log, log
    code = _fix(log, "pure_ftpd", "server_misconfiguration")
    two = (_conf(code, "CertFileAndKey").replace("/etc/ssl/certs/ftp.example.com.pem", "%CERT%")
           .replace("/etc/ssl/private/ftp.example.com.key", "%KEY%"))
    with run_pureftpd(f"TLS 2\n{two}") as srv:
        assert srv.started, srv.log_text()
        out = _curl(srv, "--ssl-reqd")
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]


@_LFTP
def test_no_tls_offered_and_the_printed_pureftpd_lines_applied() -> None:
    """Pure-FTPd without TLS: lftp with ftp:ssl-force refuses it; the printed Pure-FTPd
    lines (TLS 1, CertFile) applied, the same lftp command gets the file."""
    script = "set net:max-retries 1; set ftp:ssl-force true; set ftp:ssl-protect-data true"

    def lftp(srv: PureFtpd) -> subprocess.CompletedProcess[str]:
        return _run(["lftp", "-u", f"{USER},{PASSWORD}", "-p", str(srv.port), "-e",
                     f"{script}; set ssl:ca-file {srv.cert}; cat hello.txt; bye", "localhost"])

    with run_pureftpd("") as srv:
        assert srv.started, srv.log_text()
        out = lftp(srv)
    assert FILE_TEXT not in out.stdout, out.stdout
    r = explain(out.stderr)
    assert r.findings, out.stderr
    code = "\n".join(s.code for s in r.findings[0].fix if s.applies_to == "pure_ftpd")
    lines = _conf(code, "TLS", "CertFile").replace("/etc/ssl/private/pure-ftpd.pem", "%BUNDLE%")
    with run_pureftpd(lines) as srv:
        assert srv.started, srv.log_text()
        out = lftp(srv)
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]


def test_a_missing_file_reply_is_not_a_certificate() -> None:
    """The same words as a 550 reply to RETR (no ': [file]') stay unread."""
    r = explain("550 Sorry, but that file doesn't exist")
    assert not r.findings or r.source != "pure_ftpd"
