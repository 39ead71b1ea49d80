"""Round 17, the real NRPE on 127.0.0.1: Debian's nrpe daemon (in the foreground, a temp
nrpe.cfg, a free port) and the real check_nrpe, broken one way at a time. What each side
really printed is fed to explain, which must name the cause and the side; then every NRPE
config line or check_nrpe option explain printed for it is applied (the temp nrpe.cfg
edited with the printed line, the daemon restarted, check_nrpe run with the printed
options) and check_nrpe must return the command's answer. Skips when nagios-nrpe-server or
nagios-nrpe-plugin is missing (.ci/run installs both)."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing.ca import CA
from tlsdoctor.testing.processes import file_text, log_until, stop, wait_until

NRPE, CHECK = "/usr/sbin/nrpe", "/usr/lib/nagios/plugins/check_nrpe"
pytestmark = pytest.mark.skipif(not (shutil.which(NRPE) and os.path.exists(CHECK)),
                                reason="nrpe or check_nrpe missing (nagios-nrpe-server, "
                                       "nagios-nrpe-plugin)")
ANSWER = "OK - hello from nrpe"


@dataclass
class Lab:
    dir: Path
    port: int
    cert: Path
    key: Path
    ca: Path

    def config(self, extra: str) -> Path:
        cfg = self.dir / "nrpe.cfg"
        user = "nrpe_user=nobody\nnrpe_group=nogroup\n" if os.geteuid() == 0 else ""
        # a line of ``extra`` replaces the default's, as a person edits nrpe.cfg
        hosts = "" if "allowed_hosts=" in extra else "allowed_hosts=127.0.0.1\n"
        cfg.write_text(f"log_file={self.dir / 'nrpe.log'}\ndebug=0\nserver_port={self.port}\n"
                       f"server_address=127.0.0.1\n{hosts}"
                       f"dont_blame_nrpe=0\ncommand_timeout=10\nconnection_timeout=5\n"
                       f"disable_syslog=1\n{user}command[hello]=/bin/echo {ANSWER}\n{extra}")
        cfg.chmod(0o644)
        return cfg


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory, ca: CA) -> Lab:
    d = tmp_path_factory.mktemp("nrpe")
    d.chmod(0o755)  # the daemon writes its log as nrpe_user
    # one certificate for both ends: the daemon's and, for ssl_client_certs, the plugin's
    cert, key = ca.issue(("localhost",), eku=("serverAuth", "clientAuth")).write(d)
    ca_file = ca.write(d / "ca.pem")
    for p in (cert, key, ca_file):
        p.chmod(0o644)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return Lab(dir=d, port=port, cert=cert, key=key, ca=ca_file)


@contextmanager
def daemon(lab: Lab, extra: str, *args: str) -> Iterator[Path]:
    """The daemon with ``extra`` config lines, stopped on leaving; yields its log file."""
    log = lab.dir / "nrpe.log"
    log.write_text("")
    log.chmod(0o666)
    proc = subprocess.Popen([NRPE, "-c", str(lab.config(extra)), "-f", *args],
                            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        # ready when it says it listens (a probe connect would log an error)
        assert wait_until(lambda: "Listening for connections" in file_text(log), 5,
                          alive=lambda: proc.poll() is None), file_text(log)
        yield log
    finally:
        stop(proc)


def check(lab: Lab, *args: str) -> str:
    r = subprocess.run([CHECK, "-H", "127.0.0.1", "-p", str(lab.port), "-t", "5", *args,
                        "-c", "hello"], capture_output=True, text=True, timeout=15)
    return (r.stdout + r.stderr).strip()


def _error_lines(log: Path) -> str:
    """The daemon's error lines; its forked child may write them just after the plugin
    returned, so they are awaited (bounded) and read once more after a short pause."""
    def errors(text: str) -> str:
        return "\n".join(line for line in text.splitlines()
                         if "not allowed" in line or "Error" in line)

    log_until(log, lambda text: bool(errors(text)), 5)
    time.sleep(0.1)  # a second line (ssl_logging's queue) follows the first
    return errors(log.read_text())


def _read(text: str) -> tuple[str, list[str], float, str]:
    r = explain(text)
    assert r.recognized and r.findings, text
    return r.side, [f.cause.value for f in r.findings], r.findings[0].confidence, r.source


def _fix_code(text: str, cause: str) -> str:
    f = next(f for f in explain(text).findings if f.cause.value == cause)
    return "\n".join(s.code for s in f.fix if s.applies_to == "nrpe")


def _cfg_lines(code: str) -> str:
    """The nrpe.cfg lines of a printed step (not comments, not shell commands)."""
    return "\n".join(line for line in code.splitlines()
                     if re.match(r"[a-z_]+=", line))


def _plugin_options(code: str) -> list[str]:
    """The options of the first printed check_nrpe command, without -H and -c."""
    line = next(line for line in code.splitlines() if line.startswith("check_nrpe "))
    words = shlex.split(line.split("#")[0])[1:]  # as a shell reads the printed line
    out, skip = [], False
    for w in words:
        if skip:
            skip = False
        elif w in ("-H", "-c"):
            skip = True
        else:
            out.append(w)
    return out


def test_the_lab_works(lab: Lab) -> None:
    with daemon(lab, ""):
        assert check(lab) == ANSWER


def _refused_said(lab: Lab) -> str:
    """check_nrpe's words for the refusal, asked again (at most three times) when it printed
    nothing: a loaded CI run once got an empty output from it (not reproduced here; the
    daemon's close meeting check_nrpe's write is the likely moment)."""
    said = ""
    for _ in range(3):
        said = check(lab)
        if said:
            break
    return said


def test_allowed_hosts_refusal_and_its_fix(lab: Lab) -> None:
    with daemon(lab, "allowed_hosts=192.0.2.1\n") as log:
        said = _refused_said(lab)
        logged = _error_lines(log)
    assert said.startswith("CHECK_NRPE: ") and "is not allowed to talk to us!" in logged
    side, ranked, conf, source = _read(said)
    assert (side, source) == ("client", "check_nrpe") and conf < 0.6
    if said.rstrip().endswith(": 1"):
        # Under load the daemon's close can reach OpenSSL 3 as an EOF inside the handshake
        # (SSL_ERROR_SSL, 1) rather than a reset (SSL_ERROR_SYSCALL, 5): then any TLS-level
        # refusal reads the same, and allowed_hosts is one of the ranked causes.
        assert "server_misconfiguration" in ranked, (said, ranked)
    else:  # a reset alone: a daemon run with -n reads the same
        assert ranked[0] == "server_misconfiguration", (said, ranked)
    side, ranked, conf, _ = _read(logged)
    assert (side, ranked[0]) == ("server", "server_misconfiguration") and conf >= 0.8
    code = _fix_code(logged, "server_misconfiguration")
    lines = _cfg_lines(code).replace("NAGIOS_SERVER_IP", "127.0.0.1")
    assert lines.startswith("allowed_hosts=")
    with daemon(lab, lines.splitlines()[0] + "\n"):
        assert check(lab) == ANSWER


def test_no_version_in_common_and_its_fix(lab: Lab) -> None:
    files = f"ssl_cert_file={lab.cert}\nssl_privatekey_file={lab.key}\n"
    with daemon(lab, files + "ssl_version=TLSv1.3\n") as log:
        said = check(lab, "-S", "TLSv1.2")
        logged = _error_lines(log)
    side, ranked, conf, source = _read(said)
    assert (side, source) == ("client", "check_nrpe") and conf < 0.6
    assert "protocol_version_mismatch" in ranked[:2]
    side, ranked, _, _ = _read(logged)
    assert side == "server" and "protocol_version_mismatch" in ranked[:2]
    code = _fix_code(said, "protocol_version_mismatch")
    with daemon(lab, files + _cfg_lines(code) + "\n"):
        assert check(lab, *_plugin_options(code)) == ANSWER
    # the printed ssl_logging line makes the daemon say why: OpenSSL's reason
    logging = next(line for line in _cfg_lines(code).splitlines()
                   if line.startswith("ssl_logging="))
    with daemon(lab, files + "ssl_version=TLSv1.3\n" + logging + "\n") as log:
        check(lab, "-S", "TLSv1.2")
        logged = _error_lines(log)
    assert "ERR_get_error" in logged, logged
    _, ranked, conf, _ = _read(logged)
    assert ranked[0] == "protocol_version_mismatch" and conf >= 0.6


def test_client_certificate_required_and_its_fix(lab: Lab) -> None:
    files = (f"ssl_cert_file={lab.cert}\nssl_privatekey_file={lab.key}\n"
             f"ssl_cacert_file={lab.ca}\nssl_client_certs=2\nssl_logging=0x10\n")
    with daemon(lab, files) as log:
        said = check(lab)
        logged = _error_lines(log)
    side, ranked, _, _ = _read(said)
    assert side == "client" and ranked[0] == "client_cert_required", (said, ranked)
    _, ranked, conf, _ = _read(logged)
    assert ranked[0] == "client_cert_required" and conf >= 0.6
    options = _plugin_options(_fix_code(said, "client_cert_required"))
    options = [str(lab.cert) if o.endswith("client.pem") else str(lab.key)
               if o.endswith("client.key") else o for o in options]
    with daemon(lab, files):
        assert check(lab, *options) == ANSWER


def test_plain_daemon_tls_plugin_and_its_fix(lab: Lab) -> None:
    with daemon(lab, "", "-n") as log:
        said = check(lab)
        logged = _error_lines(log)
    side, ranked, _, _ = _read(said)
    assert side == "client" and "non_tls_service_on_port" in ranked[:3]
    side, ranked, conf, source = _read(logged)
    assert (side, ranked[0], source) == ("server", "non_tls_service_on_port", "nrpe")
    assert conf >= 0.6  # the daemon says it read a packet that is not NRPE's
    code = _fix_code(logged, "non_tls_service_on_port")
    plain = next(line for line in code.splitlines() if " -n " in line)
    with daemon(lab, "", "-n"):
        assert check(lab, *_plugin_options(plain)) == ANSWER


def test_daemon_without_certificate_and_a_plugin_without_anonymous_suites(lab: Lab) -> None:
    """The classic NRPE mismatch: a daemon with no ssl_cert_file can only offer anonymous
    (ADH/AECDH) suites; a check_nrpe limited to certificate suites finds none in common."""
    plugin = ["-S", "TLSv1.2", "-L", "ECDHE-ECDSA-AES128-GCM-SHA256:ECDHE-RSA-AES128-GCM-SHA256"]
    with daemon(lab, "ssl_logging=0x2f\n") as log:
        said = check(lab, *plugin)
        logged = _error_lines(log)
    side, ranked, conf, _ = _read(said)
    assert side == "client" and "cipher_suite_mismatch" in ranked[:2] and conf < 0.6
    assert "no shared cipher" in logged
    _, ranked, conf, _ = _read(logged)
    assert ranked[0] == "cipher_suite_mismatch" and conf >= 0.6
    code = _fix_code(said, "cipher_suite_mismatch")
    cert_lines = _cfg_lines(code).replace("/etc/nagios/ssl/nrpe.pem", str(lab.cert)).replace(
        "/etc/nagios/ssl/nrpe.key", str(lab.key))
    with daemon(lab, cert_lines + "\n"):  # the daemon given a certificate
        assert check(lab, *plugin) == ANSWER
    with daemon(lab, ""):  # or, for an old daemon, the plugin allowed the anonymous suites
        assert check(lab, *_plugin_options(code)) == ANSWER
