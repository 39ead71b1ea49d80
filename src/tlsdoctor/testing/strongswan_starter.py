"""A real strongSwan 5.9 responder configured the ipsec.conf way (Debian's strongswan-starter:
``ipsec start`` runs starter, which parses /etc/ipsec.conf and starts charon with the stroke
plugin), met by charon-cmd on 127.0.0.1. Everything runs in ``unshare -mn`` (root only): a
private network namespace (its own loopback, ports 500/4500 and XFRM state) and a private mount
namespace in which this run's files are bind-mounted over /etc/ipsec.conf, /etc/ipsec.secrets
and /etc/ipsec.d, with a tmpfs over /run (starter's and charon's pid files, the stroke socket
/run/charon.ctl). So a printed line that names /etc/ipsec.d is run literally, and the
machine's own files are never touched. Round 19 (docs/explain-upstream.md).
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

from tlsdoctor.testing.strongswan_pair import (
    CHARON,
    CMD_SECONDS,
    IkeRun,
    exchange,
    make_pki,
    read_out,
)

__all__ = ["have_starter", "make_starter_conf", "run_ike_starter"]

STARTER = Path("/usr/lib/ipsec/starter")
_SUBDIRS = ("cacerts", "certs", "private", "crls", "aacerts", "acerts", "ocspcerts")

# charon-cmd must not load stroke: it would take over /run/charon.ctl from the responder.
_CONF = """charon {{
  port = 500
  port_nat_t = 4500
  load_modular = yes
  plugins {{
    include /etc/strongswan.d/charon/*.conf
    stroke {{ load = yes }}
    vici {{ load = no }}
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
  plugins {{
    include /etc/strongswan.d/charon/*.conf
    stroke {{ load = no }}
    vici {{ load = no }}
  }}
}}
"""
_IPSEC_CONF = """config setup

conn rw
\tkeyexchange=ikev2
\tleft=127.0.0.1
\tleftcert=server.pem
\tleftid=127.0.0.1
\tleftauth=pubkey
\tright=%any
\trightauth=pubkey
\tauto=add
"""
# The stroke socket exists before starter has handed charon the connections it parsed (a CI
# run read an empty "Connections:" once), so the wait is for ``rw`` in statusall, bounded.
_SCRIPT = """set -u
ip link set lo up
mount -t tmpfs tmpfs /run
mount --bind {d}/ipsec.d /etc/ipsec.d
mount --bind {d}/ipsec.conf /etc/ipsec.conf
mount --bind {d}/ipsec.secrets /etc/ipsec.secrets
export STRONGSWAN_CONF={d}/strongswan-starter.conf
timeout -k 2 10 ipsec start > {d}/start.out 2>&1
for i in $(seq 100); do [ -S /run/charon.ctl ] && break; sleep 0.05; done
for i in $(seq 100); do
  ipsec statusall > {d}/status.out 2>&1
  grep -q '^ *rw:' {d}/status.out && break; sleep 0.05
done
cd {d}
{setup}
timeout -k 2 {cmd_s} charon-cmd --host 127.0.0.1 {cmd} > {d}/cmd.out 2>&1
timeout -k 2 10 ipsec stop > /dev/null 2>&1
"""


def have_starter() -> bool:
    tools = ("ipsec", "charon-cmd", "unshare", "openssl", "ip")
    return (os.geteuid() == 0 and CHARON.is_file() and STARTER.is_file()
            and all(shutil.which(t) for t in tools)
            and Path("/usr/lib/ipsec/plugins/libstrongswan-stroke.so").is_file()
            and Path("/etc/ipsec.d").is_dir() and Path("/etc/ipsec.conf").is_file()
            and Path("/etc/ipsec.secrets").is_file())


def make_starter_conf(d: Path) -> None:
    """strongswan_pair's PKI, and the ipsec.conf way of serving it: server.pem in
    ipsec.d/certs, its key in ipsec.d/private (named in ipsec.secrets), ca.pem in
    ipsec.d/cacerts; one connection ``rw`` that accepts any peer with a certificate."""
    make_pki(d)
    for sub in _SUBDIRS:
        (d / "ipsec.d" / sub).mkdir(parents=True, exist_ok=True)
    shutil.copy(d / "server.pem", d / "ipsec.d" / "certs" / "server.pem")
    shutil.copy(d / "server.key", d / "ipsec.d" / "private" / "server.key")
    shutil.copy(d / "ca.pem", d / "ipsec.d" / "cacerts" / "ca.pem")
    (d / "ipsec.conf").write_text(_IPSEC_CONF)
    (d / "ipsec.secrets").write_text(": RSA server.key\n")
    (d / "strongswan-starter.conf").write_text(_CONF.format(d=d))


def run_ike_starter(d: Path, cmd_args: str, setup: str = "") -> tuple[IkeRun, str]:
    """One IKE exchange: charon-cmd ``cmd_args`` (shell words) against the starter-run
    responder, after ``setup`` (shell lines run in ``d`` while the responder runs, with this
    run's files at /etc/ipsec.d). Returns the run and ``ipsec statusall``'s output (the
    connections starter parsed from ipsec.conf)."""
    script = _SCRIPT.format(d=d, setup=setup or ":", cmd=cmd_args, cmd_s=CMD_SECONDS)
    run = exchange(d, script, also=("status.out",))
    return run, read_out(d / "status.out")
