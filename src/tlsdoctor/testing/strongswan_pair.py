"""Two real strongSwan 5.9 IKEv2 peers authenticating with certificates on 127.0.0.1, in a
private network and mount namespace (``unshare -mn``, root only): a responder (charon with
the vici plugin, configured by swanctl from this run's directory, listening on 500/4500 of
the namespace's own loopback) and an initiator (charon-cmd, ports 1500/14500). The private
/run (a tmpfs) keeps their pid files and sockets off the machine's; the namespace's loopback
and XFRM state vanish with it. Round 18 (docs/explain-upstream.md): only IKE_AUTH matters
here (certificate checks); no CHILD_SA is wanted (the responder has no address pool).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

__all__ = ["CMD_SECONDS", "ESTABLISHED", "IkeRun", "exchange", "have_strongswan", "make_pki",
           "read_out", "run_ike"]

CHARON = Path("/usr/lib/ipsec/charon")
ESTABLISHED = "IKE_SA cmd[1] established"
_RUN = 45  # seconds one whole exchange may take (more than its bounded steps add up to)
CMD_SECONDS = 8  # seconds charon-cmd may run (it stays up after establishing: stopped by timeout)

_CONF = """charon {{
  port = 500
  port_nat_t = 4500
  load_modular = yes
  plugins {{
    include /etc/strongswan.d/charon/*.conf
    vici {{ socket = unix://{d}/charon.vici }}
  }}
  filelog {{ responder {{ path = {d}/responder.log
    default = 1
    ike = 2
    cfg = 2 }} }}
}}
charon-cmd {{
  port = 1500
  port_nat_t = 14500
  load_modular = yes
  plugins {{ include /etc/strongswan.d/charon/*.conf }}
}}
"""
_SWANCTL = """connections {
  rw {
    local_addrs = 127.0.0.1
    local { auth = pubkey
      certs = server.pem
      id = 127.0.0.1 }
    remote { auth = pubkey }
  }
}
"""
# Every step is bounded on its own (a loaded CI once used up the whole run: a TERM that was
# not acted on), so the run ends with the logs written rather than killed by _RUN.
_SCRIPT = """set -u
ip link set lo up
mount -t tmpfs tmpfs /run
export STRONGSWAN_CONF={d}/strongswan.conf
rm -f {d}/charon.vici
{charon} > {d}/charon.out 2>&1 &
CH=$!
for i in $(seq 100); do [ -S {d}/charon.vici ] && break; sleep 0.05; done
timeout -k 2 10 swanctl --load-all --file {d}/swanctl.conf --uri unix://{d}/charon.vici \
  > {d}/swanctl.out 2>&1
cd {d}
{setup}
timeout -k 2 {cmd_s} charon-cmd --host 127.0.0.1 {cmd} > {d}/cmd.out 2>&1
kill $CH
for i in $(seq 50); do kill -0 $CH 2>/dev/null || break; sleep 0.1; done
kill -9 $CH 2>/dev/null
wait $CH
"""


def have_strongswan() -> bool:
    tools = ("swanctl", "charon-cmd", "unshare", "openssl", "ip")
    return (os.geteuid() == 0 and CHARON.is_file() and all(shutil.which(t) for t in tools)
            and Path("/usr/lib/ipsec/plugins/libstrongswan-vici.so").is_file())


def _ossl(d: Path, *args: str) -> None:
    subprocess.run(["openssl", *args], cwd=d, check=True, capture_output=True, timeout=60)


def _ca(d: Path, stem: str, name: str) -> None:
    _ossl(d, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{stem}.key",
          "-out", f"{stem}.pem", "-days", "2", "-subj", f"/CN={name}", "-addext",
          "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=keyCertSign,cRLSign")


def _leaf(d: Path, stem: str, ca: str, san: str) -> None:
    _ossl(d, "req", "-newkey", "rsa:2048", "-nodes", "-keyout", f"{stem}.key", "-out",
          f"{stem}.csr", "-subj", f"/CN={stem}")
    (d / f"{stem}.ext").write_text(f"subjectAltName={san}\n")
    _ossl(d, "x509", "-req", "-in", f"{stem}.csr", "-CA", f"{ca}.pem", "-CAkey", f"{ca}.key",
          "-CAcreateserial", "-out", f"{stem}.pem", "-days", "2", "-extfile", f"{stem}.ext")


def make_pki(d: Path) -> None:
    """ca.pem (the responder's CA, loaded from x509ca/) with server.pem (127.0.0.1) and
    client.pem (DNS:client) under it; other-ca.pem, a CA the responder does not know, with
    stranger.pem (DNS:stranger) under it."""
    d.mkdir(parents=True, exist_ok=True)
    for sub in ("x509", "x509ca", "private"):
        (d / sub).mkdir(exist_ok=True)
    _ca(d, "ca", "IPsec test CA")
    _ca(d, "other-ca", "Other IPsec CA")
    _leaf(d, "server", "ca", "IP:127.0.0.1")
    _leaf(d, "client", "ca", "DNS:client")
    _leaf(d, "stranger", "other-ca", "DNS:stranger")
    shutil.copy(d / "server.pem", d / "x509" / "server.pem")
    shutil.copy(d / "server.key", d / "private" / "server.key")
    shutil.copy(d / "ca.pem", d / "x509ca" / "ca.pem")
    (d / "strongswan.conf").write_text(_CONF.format(d=d))
    (d / "swanctl.conf").write_text(_SWANCTL)


@dataclass(frozen=True, slots=True)
class IkeRun:
    initiator: str  # charon-cmd's output
    responder: str  # the responder charon's log


def run_ike(d: Path, cmd_args: str, setup: str = "") -> IkeRun:
    """One IKE exchange: charon-cmd ``cmd_args`` (shell words) against the responder, after
    ``setup`` (shell lines run in ``d`` while the responder runs, as a fix prints them)."""
    return exchange(d, _SCRIPT.format(d=d, charon=CHARON, setup=setup or ":", cmd=cmd_args,
                                      cmd_s=CMD_SECONDS))


def exchange(d: Path, script: str, *, also: tuple[str, ...] = ()) -> IkeRun:
    """Run ``script`` in ``unshare -mn`` (its own network and mount namespaces), bounded by
    _RUN seconds; it writes charon-cmd's output to ``d``/cmd.out and the responder's log to
    ``d``/responder.log (and the files ``also`` names), each removed first."""
    for name in ("cmd.out", "responder.log", *also):
        (d / name).unlink(missing_ok=True)
    subprocess.run(["unshare", "-mn", "sh", "-c", script], capture_output=True, timeout=_RUN,
                   check=False, stdin=subprocess.DEVNULL)
    return IkeRun(initiator=read_out(d / "cmd.out"), responder=read_out(d / "responder.log"))


def read_out(path: Path) -> str:
    """A run's output file, or "" when the run did not write it."""
    return path.read_text(errors="replace") if path.exists() else ""
