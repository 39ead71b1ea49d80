"""A private FreeRADIUS server and eapol_test (wpa_supplicant's EAP test client) on 127.0.0.1,
one pair per fault: what each side logs for an EAP-TLS exchange.

FreeRADIUS runs in the foreground (``-X``: debug output on stdout, no daemon, one process)
from a copy of the packaged configuration (Debian's /etc/freeradius/3.0) whose default
virtual server is replaced by one listening on a free loopback UDP port, with no inner
tunnel, no other listeners, and an EAP module that only does EAP-TLS with this lab's
certificates. eapol_test authenticates against it once (``-t`` bounds it) with a network
block that verifies the server (ca_cert, domain_suffix_match) and presents a client
certificate. Every process is bounded in time and stopped.

``with eap_lab(work) as lab: lab.run("server_expired")`` returns ``EapRun``: the supplicant's
and the server's output, verbatim.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import dataclass, replace
from datetime import timedelta
from pathlib import Path

from .ca import CA
from .processes import log_until, logged_process

__all__ = ["FAULTS", "EapLab", "EapRun", "EapServer", "check_config", "eap_lab",
           "eap_unavailable"]

_RADDB = Path("/etc/freeradius/3.0")
_READY = "Ready to process requests"
_CLIENT_TIMEOUT = 8  # seconds: eapol_test -t
_START_TIMEOUT = 15.0
SECRET = "testing123"  # the packaged clients.conf's secret for 127.0.0.1

# fault -> what is broken
FAULTS: dict[str, str] = {
    "ok": "nothing: the control, EAP-TLS succeeds",
    "unknown_ca": "the supplicant's ca_cert is another CA than the one that issued the "
                  "RADIUS server's certificate",
    "server_expired": "the RADIUS server's certificate is past notAfter",
    "client_other_ca": "the client's certificate comes from a CA FreeRADIUS' ca_file lacks",
    "domain": "the supplicant's domain_suffix_match is not a name of the server's certificate",
    "version": "the supplicant allows TLS 1.3 only (phase1), the server 1.2 only",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class EapRun:
    fault: str
    client_log: str
    server_log: str
    succeeded: bool  # eapol_test's exit status 0 (its "SUCCESS")


def _binary(name: str) -> str | None:
    return shutil.which(name) or next(
        (str(p) for p in (Path("/usr/sbin") / name,) if p.exists()), None)


def eap_unavailable() -> str | None:
    """Why the lab cannot run here, or None."""
    if _binary("freeradius") is None:
        return "freeradius is not installed (apt-get install freeradius)"
    if _binary("eapol_test") is None:
        return "eapol_test is not installed (apt-get install eapoltest)"
    if not (_RADDB / "radiusd.conf").is_file():
        return f"no packaged FreeRADIUS configuration in {_RADDB}"
    # The package keeps its configuration readable by root and the freerad group only.
    if not all(os.access(p, os.R_OK) for p in _RADDB.rglob("*") if p.is_file()):
        return f"{_RADDB} is not readable by this user (run as root or in group freerad)"
    return None


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


_SITE = """server default {{
	listen {{
		type = auth
		ipaddr = 127.0.0.1
		port = {port}
	}}
	authorize {{
		eap {{
			ok = return
		}}
	}}
	authenticate {{
		eap
	}}
	post-auth {{
		Post-Auth-Type REJECT {{
			eap
		}}
	}}
}}
"""

_EAP = """eap {{
	default_eap_type = tls
	timer_expire = 60
	ignore_unknown_eap_types = no
	max_sessions = ${{max_requests}}
	tls-config tls-common {{
		private_key_file = {key}
		certificate_file = {cert}
		ca_file = {ca}
		cipher_list = "DEFAULT"
		tls_min_version = "1.2"
		tls_max_version = "{tls_max}"
	}}
	tls {{
		tls = tls-common
	}}
}}
"""

_NETWORK = """network={{
	key_mgmt=WPA-EAP
	eap=TLS
	identity="user@example.org"
	ca_cert="{ca}"
	client_cert="{cert}"
	private_key="{key}"
	domain_suffix_match="{domain}"
	phase1="tls_disable_tlsv1_3={no13}"
}}
"""


class EapLab:
    """Certificates for every fault, made once; ``run(fault)`` starts a fresh pair."""

    def __init__(self, work: Path) -> None:
        self.work = work
        self._naming = threading.Lock()  # runs may go at once: each its own numbered files
        root, other = CA(name="radius root CA"), CA(name="another CA")
        self.root = root  # issues a renewed or renamed server certificate (round 17)
        self.ca = root.write(work / "ca.pem")
        self.other_ca = other.write(work / "other.pem")
        before, after = timedelta(days=-60), timedelta(days=-2)
        leaves = {
            "server": root.issue(["radius.example.org"], eku=("serverAuth",)),
            "server_expired": root.issue(["radius.example.org"], eku=("serverAuth",),
                                         not_before=before, not_after=after),
            "client": root.issue(["user.example.org"], eku=("clientAuth",)),
            "client_other": other.issue(["user.example.org"], eku=("clientAuth",)),
        }
        # Neutral file names: both programs print their paths, and a name such as
        # "server_expired" must not be read as the failure itself.
        self.files = {name: leaf.write(work, stem=f"leaf{n}")
                      for n, (name, leaf) in enumerate(leaves.items())}

    def _raddb(self, fault: str, port: int, tls13: bool) -> Path:
        """A copy of the packaged configuration for this run (see the module doc)."""
        with self._naming:
            raddb = self.work / f"raddb{len(list(self.work.glob('raddb*')))}"
            raddb.mkdir()
        shutil.copytree(_RADDB, raddb, symlinks=True, dirs_exist_ok=True)
        conf = (raddb / "radiusd.conf").read_text()
        conf = re.sub(r"(?m)^raddbdir = .*$", f"raddbdir = {raddb}", conf)
        conf = re.sub(r"(?m)^\s*(?:user|group) = .*$", "", conf)  # stay this user
        (raddb / "radiusd.conf").write_text(conf)
        for site in (raddb / "sites-enabled").iterdir():
            site.unlink()
        (raddb / "sites-enabled" / "default").write_text(_SITE.format(port=port))
        cert, key = self.files["server_expired" if fault == "server_expired" else "server"]
        (raddb / "mods-enabled" / "eap").unlink()
        (raddb / "mods-enabled" / "eap").write_text(_EAP.format(
            key=key, cert=cert, ca=self.ca, tls_max="1.3" if tls13 else "1.2"))
        return raddb

    def _network(self, fault: str, tls13: bool) -> Path:
        cert, key = self.files["client_other" if fault == "client_other_ca" else "client"]
        with self._naming:
            path = self.work / f"network{len(list(self.work.glob('network*')))}.conf"
            path.touch(exist_ok=False)
        path.write_text(_NETWORK.format(
            ca=self.other_ca if fault == "unknown_ca" else self.ca, cert=cert, key=key,
            domain="wifi.example.com" if fault == "domain" else "radius.example.org",
            no13=0 if tls13 else 1))
        if fault == "version":  # TLS 1.3 only
            path.write_text(path.read_text().replace(
                'phase1="tls_disable_tlsv1_3=1"', 'phase1="tls_disable_tlsv1_0=1 '
                'tls_disable_tlsv1_1=1 tls_disable_tlsv1_2=1 tls_disable_tlsv1_3=0"'))
        return path

    def run(self, fault: str, *, tls13: bool = False) -> EapRun:
        """One pair for ``fault``: start FreeRADIUS, wait until it is ready, authenticate
        once with eapol_test, stop the server; return both outputs. ``tls13``: both allow
        TLS 1.3 (wpa_supplicant 2.10 needs phase1 tls_disable_tlsv1_3=0 for EAP-TLS)."""
        port = _free_udp_port()
        raddb = self._raddb(fault, port, tls13)
        with self.serving(raddb) as server:
            got = server.authenticate(self._network(fault, tls13), fault=fault)
        # the server's whole output, read once it has stopped (written with its buffers)
        return replace(got, server_log=server.log.read_text("utf-8", "replace"))

    # Round 17 (fix lines applied): the configurations as files an operator edits, a server
    # kept running for several supplicants, the server's own configuration check.
    def configure(self, fault: str) -> Path:
        """A fresh copy of the server's configuration for ``fault`` (its EAP module:
        ``mods-enabled/eap``), listening on a free port."""
        return self._raddb(fault, _free_udp_port(), False)

    def network(self, fault: str) -> Path:
        """A fresh supplicant configuration (one network block) for ``fault``."""
        return self._network(fault, False)

    @contextlib.contextmanager
    def serving(self, raddb: Path) -> Iterator[EapServer]:
        """FreeRADIUS running ``raddb`` until the block ends (then stopped)."""
        port = int(re.findall(r"port = (\d+)",
                              (raddb / "sites-enabled" / "default").read_text())[0])
        log = raddb / f"server{len(list(raddb.glob('server*.log')))}.log"
        argv = [str(_binary("freeradius")), "-X", "-d", str(raddb)]
        with logged_process(argv, log) as proc:
            _wait_ready(proc, log)
            yield EapServer(port=port, log=log)


def check_config(raddb: Path) -> subprocess.CompletedProcess[str]:
    """``freeradius -XC``: the server's own check of ``raddb`` (exit status 0: it loads)."""
    return subprocess.run([str(_binary("freeradius")), "-XC", "-d", str(raddb)],
                          capture_output=True, text=True, timeout=_START_TIMEOUT, check=False)


@dataclass(frozen=True, slots=True, kw_only=True)
class EapServer:
    port: int
    log: Path

    def authenticate(self, network: Path, *, fault: str = "") -> EapRun:
        """One eapol_test run with ``network`` (bounded by -t): the supplicant's output and
        what the server printed during it."""
        start = self.log.stat().st_size
        client = subprocess.run(
            [str(_binary("eapol_test")), "-c", str(network), "-a", "127.0.0.1", "-p",
             str(self.port), "-s", SECRET, "-t", str(_CLIENT_TIMEOUT)],
            capture_output=True, timeout=_CLIENT_TIMEOUT + 20, check=False)
        return EapRun(fault=fault,
                      client_log=(client.stdout + client.stderr).decode("utf-8", "replace"),
                      server_log=self.log.read_bytes()[start:].decode("utf-8", "replace"),
                      succeeded=client.returncode == 0)


def _wait_ready(server: subprocess.Popen[bytes], log: Path) -> None:
    text = log_until(log, lambda text: _READY in text, _START_TIMEOUT,
                     alive=lambda: server.poll() is None)
    if _READY in text:
        return
    if server.poll() is not None:
        raise RuntimeError(f"freeradius exited: {text[-1500:]}")
    raise RuntimeError("freeradius did not become ready in time")


@contextlib.contextmanager
def eap_lab(work: Path) -> Iterator[EapLab]:
    """The certificates in ``work``; pairs are started by ``run``."""
    work.mkdir(parents=True, exist_ok=True)
    yield EapLab(work)
