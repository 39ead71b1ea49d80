"""Round 19: Pure-FTPd's printed Debian lines (one file per setting in /etc/pure-ftpd/conf,
the bundle at /etc/ssl/private/pure-ftpd.pem) applied through Debian's real pure-ftpd-wrapper
(testing/pureftpd_wrapper.py: the wrapper's compiled-in /etc paths are overlays in a private
mount namespace, so the printed lines run literally). Each failure is made first and the
daemon's syslog or the client's output given to ``explain``; the printed lines are run, the
wrapper's own check (``--show-options``) must show the setting, the wrapper restarts the
daemon, the failure is no longer read, and curl or lftp gets the file over TLS. Round 18
applied the pure-ftpd.conf form (test_round18_pureftpd_real.py). Skips without the wrapper
and pure-ftpd (unpacked by .ci/run under /opt/tlsdoctor-pure-ftpd), root, unshare, perl,
curl or lftp."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from harvest_checks import top_fix_code

from tlsdoctor.api import explain
from tlsdoctor.testing.pureftpd_run import FILE_TEXT, PASSWORD, USER, PureFtpd
from tlsdoctor.testing.pureftpd_wrapper import have_wrapper, options, run_wrapper

pytestmark = [
    pytest.mark.skipif(not have_wrapper(), reason="pure-ftpd-wrapper and pure-ftpd (unpacked "
                                                  "by .ci/run), perl, root, unshare and "
                                                  "overlayfs needed"),
    pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed"),
]
_TIMEOUT = 20  # seconds any client may run


def _curl(srv: PureFtpd) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["curl", "-sS", "--ssl-reqd", "--cacert", str(srv.cert), "-u",
                           f"{USER}:{PASSWORD}", f"ftp://localhost:{srv.port}/hello.txt"],
                          capture_output=True, text=True, timeout=_TIMEOUT, check=False)


def _printed(code: str, *marks: str) -> str:
    """The printed shell lines naming one of ``marks``, as root runs them (without sudo)."""
    lines = [ln.replace("sudo ", "") for ln in code.splitlines()
             if not ln.startswith("#") and any(m in ln for m in marks)]
    assert lines, (marks, code)
    return "\n".join(lines)


def _read_as(text: str, cause: str) -> bool:
    return any(f.cause.value == cause for f in explain(text).findings)


def test_cipher_list_refused_and_the_printed_conf_file_applied() -> None:
    with run_wrapper({"TLS": "2", "TLSCipherSuite": "NOSUCHCIPHER"}) as srv:
        assert not srv.started
        assert "-J NOSUCHCIPHER" in options(srv), options(srv)
        log = srv.log_text()
    assert "Invalid TLSCipherSuite" in log, log
    code = top_fix_code(log, "pure_ftpd", "server_misconfiguration")
    setup = _printed(code, "/etc/pure-ftpd/conf/")
    assert setup == "echo HIGH | tee /etc/pure-ftpd/conf/TLSCipherSuite", setup
    with run_wrapper({"TLS": "2", "TLSCipherSuite": "NOSUCHCIPHER"}, setup=setup) as srv:
        assert srv.started, (options(srv), srv.log_text())
        assert "-J HIGH" in options(srv), options(srv)
        out = _curl(srv)
        after = srv.log_text()
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]
    assert "Invalid TLSCipherSuite" not in after
    assert not _read_as(after, "server_misconfiguration"), after


def test_bundle_without_its_key_and_the_printed_bundle_lines_applied() -> None:
    """The wrapper has no CertFile setting: Pure-FTPd reads its compiled-in bundle path. A
    certificate alone there stops it ('Sorry, but that file doesn't exist'); the printed cat
    and chmod lines, with this server's key and certificate, start it."""
    broken = "cp cert.pem /etc/ssl/private/pure-ftpd.pem"
    with run_wrapper({"TLS": "2"}, setup=broken) as srv:
        assert not srv.started
        log = srv.log_text()
    assert "doesn't exist: [/etc/ssl/private/pure-ftpd.pem]" in log, log
    code = top_fix_code(log, "pure_ftpd", "server_misconfiguration")
    setup = (_printed(code, "| sudo tee /etc/ssl/private/pure-ftpd.pem",
                      "chmod 600 /etc/ssl/private/pure-ftpd.pem")
             .replace("/etc/ssl/private/ftp.example.com.key", "key.pem")
             .replace("/etc/ssl/certs/ftp.example.com.pem", "cert.pem"))
    assert setup.count("\n") == 1, setup
    with run_wrapper({"TLS": "2"}, setup=f"{broken}\n{setup}") as srv:
        assert srv.started, (options(srv), srv.log_text())
        out = _curl(srv)
        after = srv.log_text()
    assert out.stdout == FILE_TEXT, out.stderr[-1500:]
    assert not _read_as(after, "server_misconfiguration"), after


@pytest.mark.skipif(shutil.which("lftp") is None, reason="lftp is not installed")
def test_no_tls_offered_and_the_printed_tls_file_applied() -> None:
    """Without a TLS file the wrapper starts Pure-FTPd without TLS; lftp with ftp:ssl-force
    refuses it. The printed 'echo 1 | sudo tee /etc/pure-ftpd/conf/TLS' (the bundle already
    at its default path, as the step says it must be) and a restart: lftp gets the file."""
    script = "set net:max-retries 1; set ftp:ssl-force true; set ftp:ssl-protect-data true"

    def lftp(srv: PureFtpd) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["lftp", "-u", f"{USER},{PASSWORD}", "-p", str(srv.port), "-e",
             f"{script}; set ssl:ca-file {srv.cert}; cat hello.txt; bye", "localhost"],
            capture_output=True, text=True, timeout=_TIMEOUT, check=False)

    with run_wrapper({}) as srv:
        assert srv.started, srv.log_text()
        assert "-Y" not in options(srv), options(srv)
        before = lftp(srv)
    assert FILE_TEXT not in before.stdout, before.stdout
    r = explain(before.stderr)
    assert r.findings, before.stderr
    code = "\n".join(s.code for s in r.findings[0].fix if s.applies_to == "pure_ftpd")
    setup = _printed(code, "/etc/pure-ftpd/conf/")
    assert setup == "echo 1 | tee /etc/pure-ftpd/conf/TLS", setup
    with run_wrapper({}, setup=setup) as srv:
        assert srv.started, srv.log_text()
        assert "-Y 1" in options(srv), options(srv)
        after = lftp(srv)
    assert after.stdout == FILE_TEXT, after.stderr[-1500:]
    assert not explain(after.stderr).findings, after.stderr
