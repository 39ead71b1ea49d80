"""A private OpenVPN server and client on 127.0.0.1, one pair per fault: what each side logs.

OpenVPN runs with ``--dev null`` (no tun device, no routes, nothing outside the two
processes: the control channel's TLS handshake is all that happens), UDP on a free
loopback port, peer-to-peer TLS (``--tls-server`` / ``--tls-client``) with the client
checking ``--remote-cert-tls server`` as users configure it. ``--tls-exit`` makes the
client stop at its first TLS failure; a working pair is stopped once the client logs
"Initialization Sequence Completed". Every run is bounded (``HAND_WINDOW`` for the
handshake, a hard deadline for each process).

``with openvpn_lab(work) as lab: lab.run("expired")`` returns ``PairRun``: the client's and
the server's log, verbatim.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from .ca import CA
from .processes import file_text, logged_process, wait_until

__all__ = ["FAULTS", "HAND_WINDOW", "OpenvpnLab", "PairRun", "openvpn_lab",
           "openvpn_unavailable"]

HAND_WINDOW = 3  # seconds: --hand-window on both sides
_DEADLINE = HAND_WINDOW + 6.0  # the most a client may run before it is killed
_DONE = "Initialization Sequence Completed"

# fault -> what is broken
FAULTS: dict[str, str] = {
    "ok": "nothing: the control, a pair that connects",
    "expired": "the server's certificate is past notAfter",
    "unknown_ca": "the server's certificate comes from a CA the client's --ca lacks",
    "wrong_purpose": "the server's certificate is for clientAuth only (--remote-cert-tls server)",
    "client_expired": "the client's certificate is past notAfter (the server rejects it)",
    "tls_auth_mismatch": "the two sides hold different --tls-auth keys",
    "no_server": "nothing answers on the port",
    # Round 21: the server's certificate issued by an intermediate it does not send.
    "no_intermediate": "the server sends its leaf without the intermediate that issued it",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class PairRun:
    fault: str
    client_log: str
    server_log: str
    connected: bool  # the client logged "Initialization Sequence Completed"


def openvpn_unavailable() -> str | None:
    """Why the pair cannot run here (None: ready)."""
    return None if shutil.which("openvpn") else "openvpn is not installed (apt: openvpn)"


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _common(ca: Path, cert: Path, key: Path) -> list[str]:
    return ["openvpn", "--dev", "null", "--proto", "udp4", "--ca", str(ca), "--cert",
            str(cert), "--key", str(key), "--verb", "3", "--hand-window", str(HAND_WINDOW)]


class OpenvpnLab:
    """Certificates for every fault, made once; ``run(fault)`` starts a fresh pair."""

    def __init__(self, work: Path) -> None:
        self.work = work
        root, other = CA(name="vpn root CA"), CA(name="another CA")
        self.root = root  # issues more certificates for a test (round 21)
        self.ca = root.write(work / "ca.pem")
        self.other_ca = other.write(work / "other-ca.pem")  # the issuer of "unknown_ca"
        inter = root.intermediate(name="vpn issuing CA")
        self.intermediate = inter.write(work / "intermediate.pem")  # "no_intermediate"'s
        before, after = timedelta(days=-60), timedelta(days=-2)  # an expired certificate
        leaves = {
            "server": root.issue(["server"], eku=("serverAuth",)),
            "server_expired": root.issue(["server"], eku=("serverAuth",), not_before=before,
                                         not_after=after),
            "server_other": other.issue(["server"], eku=("serverAuth",)),
            "server_clientauth": root.issue(["server"], eku=("clientAuth",)),
            "server_inter": inter.issue(["server"], eku=("serverAuth",)),
            "client": root.issue(["client1"], eku=("clientAuth",)),
            "client_expired": root.issue(["client1"], eku=("clientAuth",), not_before=before,
                                         not_after=after),
        }
        self.files = {name: leaf.write(work, stem=name) for name, leaf in leaves.items()}
        self.files["server_inter"][0].write_bytes(leaves["server_inter"].cert_pem)  # leaf alone
        for name in ("ta1.key", "ta2.key"):
            subprocess.run(["openvpn", "--genkey", "secret", str(work / name)], check=True,
                           capture_output=True, timeout=30)

    def _server_argv(self, fault: str, port: int) -> list[str]:
        leaf = {"expired": "server_expired", "unknown_ca": "server_other",
                "wrong_purpose": "server_clientauth",
                "no_intermediate": "server_inter"}.get(fault, "server")
        argv = [*_common(self.ca, *self.files[leaf]), "--local", "127.0.0.1", "--lport",
                str(port), "--tls-server", "--dh", "none"]
        if fault == "tls_auth_mismatch":
            argv += ["--tls-auth", str(self.work / "ta1.key"), "0"]
        return argv

    def _client_argv(self, fault: str, port: int) -> list[str]:
        leaf = "client_expired" if fault == "client_expired" else "client"
        argv = [*_common(self.ca, *self.files[leaf]), "--remote", "127.0.0.1", str(port),
                "--nobind", "--tls-client", "--remote-cert-tls", "server", "--tls-exit"]
        if fault == "tls_auth_mismatch":
            argv += ["--tls-auth", str(self.work / "ta2.key"), "1"]
        return argv

    def run(self, fault: str, *, server_extra: Sequence[str] = (),
            client_extra: Sequence[str] = ()) -> PairRun:
        """One pair for ``fault``: start the server (unless there is none), run the client
        until it exits, connects or reaches the deadline, stop both; return both logs.
        ``server_extra``, ``client_extra``: more options for each side (round 20:
        ``--config FILE``, a config whose lines a test wrote; its options come after the
        pair's own, so a ``ca`` there replaces the pair's)."""
        port = _free_udp_port()
        logs = {side: self.work / f"{fault}.{side}.log" for side in ("client", "server")}
        with contextlib.ExitStack() as stack:
            if fault != "no_server":
                stack.enter_context(logged_process([*self._server_argv(fault, port), *server_extra],
                                                   logs["server"]))
                time.sleep(0.3)  # the server's socket is bound before its first log line
            client = stack.enter_context(logged_process(
                [*self._client_argv(fault, port), *client_extra], logs["client"]))
            connected = _wait(client, logs["client"])
        read = {side: path.read_text("utf-8", "replace") if path.exists() else ""
                for side, path in logs.items()}
        return PairRun(fault=fault, client_log=read["client"], server_log=read["server"],
                       connected=connected)


def _wait(client: subprocess.Popen[bytes], log: Path) -> bool:
    """Until the client exits or logs it connected, bounded by ``_DEADLINE``."""
    return wait_until(lambda: _DONE in file_text(log), _DEADLINE,
                      alive=lambda: client.poll() is None)


@contextlib.contextmanager
def openvpn_lab(work: Path) -> Iterator[OpenvpnLab]:
    """The certificates and keys in ``work``; pairs are started by ``run``."""
    work.mkdir(parents=True, exist_ok=True)
    yield OpenvpnLab(work)
