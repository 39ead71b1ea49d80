"""A real syslog-ng sender and receiver over TLS on 127.0.0.1 (network() with
transport("tls")), each its own syslog-ng with its own configuration, persist file, pid file
and control socket, run for a bounded time and stopped. Each prints its internal messages
to stderr (-e), which is returned for ``explain``. Round 16 (docs/explain-upstream.md).

The sender follows a file holding one message: it connects and writes it at once.
"""

from __future__ import annotations

import glob
import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .ca import CA
from .processes import file_text, stop, wait_until
from .servers import HOST, ServerStartError, free_port

__all__ = ["SCENARIOS", "SyslogNgOutput", "check_config", "configs", "delivered",
           "have_syslog_ng", "run_configs", "run_pair"]

# What each breaks: the sender trusts another CA; it connects by an address its receiver's
# certificate does not name; the receiver requires a client certificate the sender lacks.
SCENARIOS = ("wrong_ca", "address_name", "no_client_cert")
_RUN = 3.0  # seconds both run once the receiver listens (at most, with ``until``)
_TAIL = 0.3  # seconds more once ``until`` was printed: the lines that follow it
_STOP = 5.0  # seconds each may take to exit after SIGTERM before it is killed
_READY = 10.0  # seconds the receiver may take to say it accepts connections


@dataclass(frozen=True, slots=True, kw_only=True)
class SyslogNgOutput:
    sender: str
    receiver: str


# Debian's syslog-ng-core conflicts with rsyslog (both are the system-log-daemon), so CI
# unpacks it here instead of installing it (.ci/run); TLSDOCTOR_SYSLOG_NG_ROOT overrides.
_ROOT = "/opt/tlsdoctor-syslog-ng"


def _command() -> tuple[list[str], dict[str, str]] | None:
    """The syslog-ng command line start and its environment: the installed one, else the
    unpacked one (its libraries and modules under the unpacked tree)."""
    exe = shutil.which("syslog-ng") or ("/usr/sbin/syslog-ng"
                                        if Path("/usr/sbin/syslog-ng").exists() else None)
    if exe is not None:
        return [exe], dict(os.environ)
    root = Path(os.environ.get("TLSDOCTOR_SYSLOG_NG_ROOT", _ROOT))
    modules = sorted(glob.glob(f"{root}/usr/lib/syslog-ng/3.*"))
    if not (root / "usr/sbin/syslog-ng").exists() or not modules:
        return None
    libs = [*glob.glob(f"{root}/usr/lib/*-linux-gnu"), f"{root}/usr/lib/syslog-ng"]
    env = {**os.environ, "LD_LIBRARY_PATH": ":".join(
        [*libs, *filter(None, [os.environ.get("LD_LIBRARY_PATH", "")])])}
    return [str(root / "usr/sbin/syslog-ng"), f"--module-path={modules[-1]}"], env


def have_syslog_ng() -> bool:
    return _command() is not None


def _configs(d: Path, scenario: str, port: int) -> tuple[Path, Path]:
    ca, other = CA(name="syslog-ng test root"), CA(name="syslog-ng other root")
    both = ("serverAuth", "clientAuth")
    srv_chain, srv_key = ca.issue(["localhost"], eku=both).write(d, stem="receiver")
    cli_chain, cli_key = ca.issue(["sender.example"], eku=both).write(d, stem="sender")
    ca_pem, other_pem = ca.write(d / "ca.pem"), other.write(d / "other.pem")
    verify = "required-trusted" if scenario == "no_client_cert" else "optional-untrusted"
    recv = d / "receiver.conf"
    recv.write_text(
        "@version: 3.38\noptions { stats-freq(0); };\n"
        f'source s_tls {{ network(ip("{HOST}") port({port}) transport("tls") '
        f'tls(key-file("{srv_key}") cert-file("{srv_chain}") ca-file("{ca_pem}") '
        f"peer-verify({verify}))); }};\n"
        f'destination d_file {{ file("{d}/received.log"); }};\n'
        "log { source(s_tls); destination(d_file); };\n")
    target = HOST if scenario == "address_name" else "localhost"
    cafile = other_pem if scenario == "wrong_ca" else ca_pem
    own = ("" if scenario == "no_client_cert" else
           f'key-file("{cli_key}") cert-file("{cli_chain}")')
    (d / "in.log").write_text("<13>Dec  6 08:00:00 host app: hello over TLS\n")
    send = d / "sender.conf"
    send.write_text(
        "@version: 3.38\noptions { stats-freq(0); };\n"
        f'source s_file {{ file("{d}/in.log" follow-freq(0.2)); }};\n'
        f'destination d_tls {{ network("{target}" port({port}) transport("tls") '
        f'tls(ca-file("{cafile}") {own} peer-verify(required-trusted))); }};\n'
        "log { source(s_file); destination(d_tls); };\n")
    return recv, send


def _start(conf: Path) -> subprocess.Popen[bytes]:
    """syslog-ng in the foreground, its output into ``<conf>.out`` (read while it runs)."""
    found = _command()
    if found is None:
        raise ServerStartError("syslog-ng is not installed")
    argv, env = found
    stem = conf.with_suffix("")
    with conf.with_suffix(".out").open("wb") as out:
        return subprocess.Popen([*argv, "-F", "-e", "-f", str(conf),
                                 "--persist-file", f"{stem}.persist", "--pidfile",
                                 f"{stem}.pid", "--control", f"{stem}.ctl"],
                                stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL, env=env)


def _printed(conf: Path) -> str:
    return file_text(conf.with_suffix(".out"))


def _stop(proc: subprocess.Popen[bytes], conf: Path) -> str:
    stop(proc, _STOP)
    return _printed(conf)


def _wait_listening(port: int, proc: subprocess.Popen[bytes]) -> None:
    """Until the receiver's port is bound (ss, not a connection: a plain TCP probe of the
    TLS port would be logged as a failed handshake)."""
    def bound() -> bool:
        return bool(subprocess.run(["ss", "-Hltn", f"sport = :{port}"], capture_output=True,
                                   text=True, timeout=5, check=False).stdout.strip())

    if not wait_until(bound, _READY, alive=lambda: proc.poll() is None):
        raise ServerStartError("syslog-ng receiver did not start")


def run_pair(directory: Path, scenario: str, until: tuple[str, ...] = ()) -> SyslogNgOutput:
    """Run a receiver and a sender for ``scenario`` (one of SCENARIOS) for a few seconds,
    or until both printed every text of ``until``; both are always stopped."""
    return run_configs(directory, *configs(directory, scenario), until)


def configs(directory: Path, scenario: str) -> tuple[Path, Path]:
    """The receiver's and the sender's configuration files for ``scenario``, written in
    ``directory`` with their certificates (round 17: a test edits them as an operator would,
    then runs them with ``run_configs``)."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    directory.mkdir(parents=True, exist_ok=True)
    return _configs(directory, scenario, free_port())


def run_configs(directory: Path, recv_conf: Path, send_conf: Path,
                until: tuple[str, ...] = (), *,
                done: Callable[[], bool] | None = None) -> SyslogNgOutput:
    """Run the receiver and the sender of ``configs`` for a few seconds (what an earlier run
    received and the sender's position in its file forgotten), or until the two printed
    every text of ``until`` between them, or ``done`` holds; both are always stopped."""
    for old in (directory / "received.log", send_conf.with_suffix(".persist"),
                recv_conf.with_suffix(".persist")):
        old.unlink(missing_ok=True)
    port = int(re.findall(r"port\((\d+)\)", recv_conf.read_text())[0])
    receiver = _start(recv_conf)
    sender: subprocess.Popen[bytes] | None = None
    try:
        _wait_listening(port, receiver)
        sender = _start(send_conf)
        wait_until(lambda: (bool(until) and all(
            u in _printed(send_conf) + _printed(recv_conf) for u in until))
            or (done is not None and done()), _RUN)
        if until or done is not None:
            time.sleep(_TAIL)
    finally:
        sent = _stop(sender, send_conf) if sender is not None else ""
        received = _stop(receiver, recv_conf)
    return SyslogNgOutput(sender=sent, receiver=received)


def delivered(directory: Path) -> bool:
    """Whether the receiver wrote the sender's message: the TLS connection carried it."""
    log = directory / "received.log"
    return log.exists() and "hello over TLS" in log.read_text(errors="replace")


def check_config(conf: Path) -> subprocess.CompletedProcess[str]:
    """``syslog-ng --syntax-only``: syslog-ng's own check of ``conf`` (status 0: it loads)."""
    found = _command()
    if found is None:
        raise ServerStartError("syslog-ng is not installed")
    argv, env = found
    return subprocess.run([*argv, "--syntax-only", "-f", str(conf)], capture_output=True,
                          text=True, timeout=30, env=env, check=False)
