"""Round 17: rsyslog's and syslog-ng's fix lines applied to a real rsyslog 8.2302 sender and
receiver over TLS on 127.0.0.1 (testing/rsyslog_pair.py), with the GnuTLS and the OpenSSL
netstream drivers, and to a real syslog-ng 3.38 pair (testing/syslog_ng_pair.py).

Each failure the round 16 pair provokes (the sender's CA file another CA, a receiver
requiring a certificate the sender lacks, a receiver permitting another name) is fed to
explain as a person pastes it (the line and the one after it, from the daemon that printed
it); the rsyslog lines of the top finding's step are taken with only the placeholders filled
(``conf_apply.fill``: the real machine's files become the pair's; CA_FILE the file the
step's grep shows in the configuration), merged into the real configuration
(``conf_apply.set_statement``), checked with ``rsyslogd -N1``, both daemons restarted, and
the receiver must log the sender's message: the TLS connection carried it. syslog-ng the
same way: its tls() options put into the driver's tls( ... ), ``syslog-ng --syntax-only``.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tlsdoctor.api import explain
from tlsdoctor.testing import syslog_ng_pair as sng
from tlsdoctor.testing.conf_apply import (
    fill,
    run_commands,
    sections,
    set_statement,
    set_tls_options,
)
from tlsdoctor.testing.rsyslog_pair import (
    RsyslogOutput,
    check_config,
    configs,
    forwarded,
    have_rsyslog,
    run_configs,
)

RESTART = "rsyslogd -N1"  # the check-and-restart line: the test checks and restarts itself

# (scenario, driver, the daemon that printed it, its words, the files the step names)
CASES = [
    ("wrong_ca", "gtls", "sender", "certificate invalid: signer not found"),
    ("wrong_ca", "ossl", "sender", "Certificate error at depth"),
    ("no_client_cert", "gtls", "receiver", "did not provide a certificate"),
    ("peer_name", "gtls", "receiver", "peer name not authorized"),
]


def _pasted(out: RsyslogOutput, who: str, needle: str) -> str:
    """The first line holding ``needle`` in ``who``'s log (or its stderr) and the next."""
    text = (out.sender + "\n" + out.sender_stderr if who == "sender"
            else out.receiver + "\n" + out.receiver_stderr)
    lines = text.splitlines()
    at = next((i for i, ln in enumerate(lines) if needle in ln), None)
    assert at is not None, f"{needle!r} not printed:\n{text[-2000:]}"
    return "\n".join(lines[at:at + 2])


def _placeholders(d: Path, send: Path) -> dict[str, str]:
    """The step's files on a real machine -> the pair's; CA_FILE: the CA file the sender's
    configuration names now (what the step's grep shows)."""
    ca_file = re.search(r'DefaultNetstreamDriverCAFile="([^"]+)"', send.read_text())
    assert ca_file is not None
    return {"/etc/rsyslog.conf": str(send), "/etc/rsyslog.d/": f"{d}/",
            "/etc/rsyslog.d/tls-cas.pem": str(d / "tls-cas.pem"),
            "/etc/rsyslog.d/sender-cert.pem": str(d / "sender.chain.pem"),
            "/etc/rsyslog.d/sender-key.pem": str(d / "sender.key.pem"),
            "CA_FILE": ca_file[1], "peer-ca.pem": str(d / "ca.pem")}


@pytest.mark.parametrize(("scenario", "driver", "who", "needle"), CASES,
                         ids=[f"{c[0]}-{c[1]}" for c in CASES])
def test_the_printed_rsyslog_lines_make_the_pair_talk(tmp_path: Path, scenario: str,
                                                      driver: str, who: str,
                                                      needle: str) -> None:
    if not have_rsyslog(driver):
        pytest.skip(f"rsyslogd or its {driver} driver missing")
    recv, send = configs(tmp_path, scenario, driver)
    failed = run_configs(tmp_path, recv, send, (needle,))
    assert not forwarded(failed)
    top = explain(_pasted(failed, who, needle)).findings[0]
    steps = [s for s in top.fix if s.applies_to == "rsyslog"]
    assert len(steps) == 1, [(s.applies_to, s.code) for s in top.fix]
    ph = _placeholders(tmp_path, send)
    parts = {k: [fill(ln, ph) for ln in v] for k, v in sections(steps[0].code).items()}
    run_commands(parts.get("shell", []) + parts.get("rsyslog:commands", []), cwd=tmp_path,
                 skip=(RESTART,))
    assert RESTART in steps[0].code
    for line in parts["rsyslog"]:  # the receiver's imtcp module, else the sender's global()
        set_statement(recv if "imtcp" in line else send, line)
    for conf in (recv, send):
        checked = check_config(conf)
        assert checked.returncode == 0, checked.stdout + checked.stderr
    fixed = run_configs(tmp_path, recv, send, done=forwarded)
    assert forwarded(fixed), (fixed.sender_stderr + fixed.receiver_stderr)[-2000:]


SNG_CASES = [("wrong_ca", "sender", "Syslog connection established",
              "SSL error while writing stream"),
             ("no_client_cert", "receiver", "Syslog connection accepted",
              "SSL error while reading stream")]


@pytest.mark.skipif(not sng.have_syslog_ng(), reason="syslog-ng missing")
@pytest.mark.parametrize(("scenario", "who", "first", "last"), SNG_CASES,
                         ids=[c[0] for c in SNG_CASES])
def test_the_printed_syslog_ng_lines_make_the_pair_talk(tmp_path: Path, scenario: str,
                                                        who: str, first: str,
                                                        last: str) -> None:
    recv, send = sng.configs(tmp_path, scenario)
    failed = sng.run_configs(tmp_path, recv, send, (last,))
    assert not sng.delivered(tmp_path)
    lines = (failed.sender if who == "sender" else failed.receiver).splitlines()
    at = next(i for i, ln in enumerate(lines) if first in ln)
    end = next(i for i in range(at, len(lines)) if last in lines[i])
    top = explain("\n".join(lines[at:end + 1])).findings[0]
    steps = [s for s in top.fix if s.applies_to == "syslog_ng"]
    assert len(steps) == 1, [(s.applies_to, s.code) for s in top.fix]
    ca_file = re.search(r'ca-file\("([^"]+)"\)', send.read_text())
    assert ca_file is not None
    ph = {"/etc/syslog-ng/syslog-ng.conf": str(send), "/etc/syslog-ng/": f"{tmp_path}/",
          "/etc/syslog-ng/sender.pem": str(tmp_path / "sender.chain.pem"),
          "/etc/syslog-ng/sender.key": str(tmp_path / "sender.key.pem"),
          "CA_FILE": ca_file[1], "peer-ca.pem": str(tmp_path / "ca.pem")}
    parts = {k: [fill(ln, ph) for ln in v] for k, v in sections(steps[0].code).items()}
    run_commands(parts.get("shell", []) + parts.get("syslog_ng:commands", []), cwd=tmp_path,
                 skip=("--syntax-only",))
    assert "--syntax-only" in steps[0].code
    for line in parts["syslog_ng"]:  # the sender's destination, whoever printed it
        set_tls_options(send, line)
    checked = sng.check_config(send)
    assert checked.returncode == 0, checked.stdout + checked.stderr
    sng.run_configs(tmp_path, recv, send, done=lambda: sng.delivered(tmp_path))
    assert sng.delivered(tmp_path), send.read_text()
