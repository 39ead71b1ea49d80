"""A real rsyslog sender and receiver over TLS on 127.0.0.1, each its own rsyslogd with its
own configuration, work directory and pid file (never the system's), run for a bounded time
and stopped. What each printed (stderr, where rsyslogd -n puts its internal messages, and
its own log file) is returned for ``explain``. Round 16 (docs/explain-upstream.md).

The sender's start-up message is the traffic: it is forwarded by omfwd as soon as it starts.
"""

from __future__ import annotations

import glob
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .ca import CA
from .processes import file_text, stop, wait_until
from .servers import HOST, ServerStartError, free_port

__all__ = ["SCENARIOS", "RsyslogOutput", "check_config", "configs", "forwarded", "have_rsyslog",
           "run_configs", "run_pair"]

# What each breaks: the sender trusts another CA, the receiver permits another name, the
# sender has no certificate, the receiver's is expired, the sender speaks plain TCP.
SCENARIOS = ("wrong_ca", "peer_name", "no_client_cert", "expired", "plain_sender")
_RUN = 15.0  # at most this many seconds both daemons run once the receiver listens
_STOP = 5.0  # seconds each may take to exit after SIGTERM before it is killed
_READY = 10.0  # seconds the receiver may take to log its start-up message


@dataclass(frozen=True, slots=True, kw_only=True)
class RsyslogOutput:
    """Each daemon's log file (what /var/log/syslog shows) and its stderr (the internal
    messages rsyslogd -n prints there too, in its own order)."""

    sender: str
    receiver: str
    sender_stderr: str
    receiver_stderr: str


def have_rsyslog(driver: str = "gtls") -> bool:
    """rsyslogd and its netstream driver module (rsyslog-gnutls / rsyslog-openssl)."""
    if shutil.which("rsyslogd") is None:
        return False
    return any(glob.glob(f"{d}/rsyslog/lmnsd_{driver}.so")
               for d in ("/usr/lib/*", "/usr/lib", "/usr/lib64"))


def _files(d: Path, scenario: str) -> dict[str, str]:
    """Certificates for ``scenario``: the receiver's from ``ca``; the sender's name, its CA
    file and whether it has a certificate at all break one thing each."""
    ca, other = CA(name="rsyslog test root"), CA(name="rsyslog other root")
    both = ("serverAuth", "clientAuth")
    if scenario == "expired":
        server = ca.issue(["localhost"], eku=both, not_before=timedelta(days=-30),
                          not_after=timedelta(days=-1))
    else:
        server = ca.issue(["localhost"], eku=both)
    srv_chain, srv_key = server.write(d, stem="receiver")
    name = "other.example" if scenario == "peer_name" else "sender.example"
    cli_chain, cli_key = ca.issue([name], eku=both).write(d, stem="sender")
    (d / "ca.key.pem").write_bytes(ca.key_pem)  # round 21: a test renews with it, as a CA does
    return {"ca": str(ca.write(d / "ca.pem")), "other": str(other.write(d / "other.pem")),
            "srv_chain": str(srv_chain), "srv_key": str(srv_key),
            "cli_chain": str(cli_chain), "cli_key": str(cli_key)}


def _configs(d: Path, scenario: str, driver: str, port: int) -> tuple[Path, Path]:
    f = _files(d, scenario)
    recv_mode = {"peer_name": "x509/name", "no_client_cert": "x509/certvalid"}.get(
        scenario, "anon")
    peers = 'PermittedPeer=["sender.example"]' if recv_mode == "x509/name" else ""
    (d / "r").mkdir(exist_ok=True)
    (d / "s").mkdir(exist_ok=True)
    recv = d / "receiver.conf"
    recv.write_text(
        f'global(workDirectory="{d}/r" processInternalMessages="on" '
        f'DefaultNetstreamDriverCAFile="{f["ca"]}" DefaultNetstreamDriverCertFile='
        f'"{f["srv_chain"]}" DefaultNetstreamDriverKeyFile="{f["srv_key"]}")\n'
        f'module(load="imtcp" StreamDriver.Name="{driver}" StreamDriver.Mode="1" '
        f'StreamDriver.AuthMode="{recv_mode}" {peers})\n'
        f'input(type="imtcp" port="{port}" address="{HOST}")\n'
        f'*.* action(type="omfile" file="{d}/r/all.log")\n')
    checks = scenario in ("wrong_ca", "expired")
    cafile = f["other"] if scenario == "wrong_ca" else f["ca"]
    own = ("" if scenario == "no_client_cert" else
           f'DefaultNetstreamDriverCertFile="{f["cli_chain"]}" '
           f'DefaultNetstreamDriverKeyFile="{f["cli_key"]}"')
    tls = ("" if scenario == "plain_sender" else
           f'StreamDriver="{driver}" StreamDriverMode="1" StreamDriverAuthMode='
           f'"{"x509/name" if checks else "anon"}"'
           + (' StreamDriverPermittedPeers="localhost"' if checks else ""))
    send = d / "sender.conf"
    send.write_text(
        f'global(workDirectory="{d}/s" processInternalMessages="on" '
        f'DefaultNetstreamDriverCAFile="{cafile}" {own})\n'
        f'*.* action(type="omfile" file="{d}/s/all.log")\n'
        f'*.* action(type="omfwd" target="{HOST}" port="{port}" protocol="tcp" {tls})\n')
    return recv, send


def _start(conf: Path) -> subprocess.Popen[bytes]:
    """rsyslogd in the foreground, its stderr into ``<conf>.out`` (read while it runs)."""
    with conf.with_suffix(".out").open("wb") as out:
        return subprocess.Popen(["rsyslogd", "-n", "-f", str(conf), "-i",
                                 str(conf.with_suffix(".pid"))],
                                stdout=out, stderr=subprocess.STDOUT,
                                stdin=subprocess.DEVNULL)


def _wait_started(proc: subprocess.Popen[bytes], log: Path) -> None:
    """Until the receiver logged its start-up message (its listener is open then). Not a
    TCP probe: a plain connection to the TLS port would be logged as a failed handshake."""
    if not wait_until(lambda: "] start" in file_text(log), _READY,
                      alive=lambda: proc.poll() is None):
        raise ServerStartError("rsyslogd receiver did not start")


def _outputs(d: Path) -> RsyslogOutput:
    return RsyslogOutput(sender=file_text(d / "s" / "all.log"),
                         receiver=file_text(d / "r" / "all.log"),
                         sender_stderr=file_text(d / "sender.out"),
                         receiver_stderr=file_text(d / "receiver.out"))


def _printed(d: Path, until: tuple[str, ...]) -> bool:
    """Whether every text of ``until`` was printed by either daemon, anywhere."""
    o = _outputs(d)
    every = o.sender + o.receiver + o.sender_stderr + o.receiver_stderr
    return all(u in every for u in until)


def configs(directory: Path, scenario: str, driver: str = "gtls") -> tuple[Path, Path]:
    """The receiver's and the sender's configuration files for ``scenario`` (one of
    SCENARIOS), written in ``directory`` with their certificates (round 17: a test edits
    them as an operator would, then runs them with ``run_configs``)."""
    if scenario not in SCENARIOS:
        raise ValueError(f"unknown scenario {scenario!r}")
    directory.mkdir(parents=True, exist_ok=True)
    return _configs(directory, scenario, driver, free_port())


def check_config(conf: Path) -> subprocess.CompletedProcess[str]:
    """``rsyslogd -N1``: rsyslog's own check of ``conf`` (exit status 0: it loads)."""
    return subprocess.run(["rsyslogd", "-N1", "-f", str(conf)], capture_output=True,
                          text=True, timeout=30, check=False)


def forwarded(out: RsyslogOutput) -> bool:
    """Whether the receiver logged the sender's start-up message besides its own: the sender's
    TLS connection carried it."""
    return out.receiver.count("] start") >= 2


def run_pair(directory: Path, scenario: str, driver: str = "gtls",
             until: tuple[str, ...] = ()) -> RsyslogOutput:
    """Run a receiver and a sender for ``scenario`` (one of SCENARIOS) with the ``driver``
    netstream driver ("gtls" or "ossl") until both printed every text of ``until`` (or
    ``_RUN`` seconds passed); both are always stopped."""
    recv_conf, send_conf = configs(directory, scenario, driver)
    return run_configs(directory, recv_conf, send_conf, until)


def run_configs(directory: Path, recv_conf: Path, send_conf: Path,
                until: tuple[str, ...] = (), *,
                done: Callable[[RsyslogOutput], bool] | None = None) -> RsyslogOutput:
    """Run the receiver and the sender of ``configs`` (the logs of an earlier run emptied)
    until both printed every text of ``until``, or ``done`` holds (or ``_RUN`` seconds
    passed); both are always stopped."""
    for old in (directory / "r" / "all.log", directory / "s" / "all.log",
                recv_conf.with_suffix(".out"), send_conf.with_suffix(".out")):
        old.unlink(missing_ok=True)
    receiver = _start(recv_conf)
    sender: subprocess.Popen[bytes] | None = None
    try:
        _wait_started(receiver, directory / "r" / "all.log")
        sender = _start(send_conf)
        wait_until(lambda: (bool(until) and _printed(directory, until))
                   or (done is not None and done(_outputs(directory))), _RUN)
        time.sleep(0.5)  # the lines that follow the awaited one (a suspension, a close)
    finally:
        if sender is not None:
            stop(sender, _STOP)
        stop(receiver, _STOP)
    return _outputs(directory)
