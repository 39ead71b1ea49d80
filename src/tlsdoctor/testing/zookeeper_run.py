"""A real ZooKeeper (Debian's 3.8, standalone) on 127.0.0.1 with a TLS-only client port
(secureClientPort, the Netty server, PEM key and trust stores from testing/ca.py, client
certificates required), and real openssl s_client clients that fail against it. Its own log
(slf4j-simple on stderr) is returned for ``explain``. Round 17 (docs/explain-upstream.md).
The JVM is always stopped.

Debian's zookeeper.jar names netty's buffer, handler and transport jars in its manifest but
not netty-codec and netty-resolver, which the Netty server needs: they are added here, with
slf4j-simple so ZooKeeper logs at all (its manifest names only slf4j-api).
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from .ca import CA
from .processes import DaemonLab, lab_clients, listening, wait_until
from .servers import HOST, free_port

__all__ = ["CLIENTS", "ZkLab", "have_zookeeper", "zk_client", "zk_lab"]

_JARS = ("zookeeper.jar", "netty-codec.jar", "netty-resolver.jar", "slf4j-simple.jar")
_JAVA_DIR = Path("/usr/share/java")
CLIENTS = ("no_certificate", "other_ca_certificate", "plain", "good")
_LIMIT = 30.0  # seconds the JVM may take to listen
_CLIENT_LIMIT = 10.0
_STOP = 5.0
_PROBE_LOGGED = ("Exception caught", "Unsuccessful handshake")  # a bare connect, either way


def have_zookeeper() -> bool:
    return (shutil.which("java") is not None and shutil.which("openssl") is not None
            and all((_JAVA_DIR / j).exists() for j in _JARS))


ZkLab = DaemonLab  # the daemon, its port, its log and its certificate files


def _files(d: Path) -> dict[str, Path]:
    ca = CA(name="zookeeper test root")
    cert, key = ca.issue(["localhost"], ip_addresses=["127.0.0.1"],
                         eku=("serverAuth", "clientAuth")).write(d, stem="server")
    store = d / "server-store.pem"  # ZooKeeper's PEM key store: the key, then the chain
    store.write_bytes(key.read_bytes() + cert.read_bytes())
    return {**lab_clients(d, ca, "zookeeper", "zk-client"), "store": store}


@contextlib.contextmanager
def zk_lab(directory: Path) -> Iterator[ZkLab]:
    directory.mkdir(parents=True, exist_ok=True)
    lab = ZkLab(directory=directory, port=free_port(), log=directory / "zookeeper.log",
                files=_files(directory))
    cfg = directory / "zoo.cfg"
    cfg.write_text(
        f"dataDir={directory / 'data'}\nsecureClientPort={lab.port}\n"
        f"secureClientPortAddress={HOST}\n"
        "serverCnxnFactory=org.apache.zookeeper.server.NettyServerCnxnFactory\n"
        f"ssl.keyStore.location={lab.files['store']}\nssl.keyStore.type=PEM\n"
        f"ssl.trustStore.location={lab.files['ca']}\nssl.trustStore.type=PEM\n"
        "ssl.clientAuth=need\nadmin.enableServer=false\n")
    classpath = ":".join(str(_JAVA_DIR / j) for j in _JARS)
    argv = ["java", "-Xmx96m", "-XX:TieredStopAtLevel=1", "-cp", classpath,
            "org.apache.zookeeper.server.quorum.QuorumPeerMain", str(cfg)]
    with listening(argv, lab, name="zookeeper", timeout=_LIMIT, stop_timeout=_STOP):
        _settled(lab)
        yield lab


def _settled(lab: ZkLab) -> None:
    """Wait (bounded) until ZooKeeper has logged the readiness check's bare connect, so a
    test's first client's lines are its own. Debian's ZooKeeper logs that connect as
    "Unsuccessful handshake with session 0x0" alone (no "Exception caught" follows): waiting
    for "Exception caught" only ran out the whole bound (10 s) each time."""
    wait_until(lambda: any(said in lab.log_text() for said in _PROBE_LOGGED), _CLIENT_LIMIT)
    time.sleep(0.2)  # the rest of that connection's lines


def zk_client(lab: ZkLab, client: str) -> None:
    """One client (one of CLIENTS) on the TLS port, bounded; its own output discarded."""
    if client not in CLIENTS:
        raise ValueError(f"unknown client {client!r}")
    if client == "plain":  # a ZooKeeper client without TLS: bytes that are not a record
        with socket.create_connection((HOST, lab.port), timeout=_CLIENT_LIMIT) as s:
            s.sendall(b"\x00\x00\x00\x2c" + b"\x00" * 44)
            s.settimeout(2.0)
            with contextlib.suppress(OSError):
                s.recv(1024)
        return
    f = lab.files
    extra = {"no_certificate": [],
             "other_ca_certificate": ["-cert", str(f["stranger"]), "-key", str(f["stranger_key"])],
             "good": ["-cert", str(f["client"]), "-key", str(f["client_key"])]}[client]
    subprocess.run(["openssl", "s_client", "-connect", f"{HOST}:{lab.port}", "-CAfile",
                    str(f["ca"]), *extra], capture_output=True, timeout=_CLIENT_LIMIT,
                   check=False, stdin=subprocess.DEVNULL)
