"""Fix steps for a monitoring agent's TLS failure read from its own words (round 17).

NRPE's settings (NagiosEnterprises/nrpe sample-config/nrpe.cfg.in: allowed_hosts,
ssl_version, ssl_cert_file, ssl_privatekey_file, ssl_cacert_file, ssl_client_certs,
ssl_logging; check_nrpe's -S, -C, -K, -A, -d, -n as 3.x/4.x print them in their usage);
Debian's file is /etc/nagios/nrpe.cfg and its service nagios-nrpe-server. Icinga 2's
(zones.conf Endpoint objects, ``icinga2 pki verify``, ``icinga2 node setup``). The Proxmox
Backup client's fingerprint (PBS_FINGERPRINT, pbs-client/src/tools/mod.rs; the server's from
``proxmox-backup-manager cert info``). NSClient++'s nsclient.ini keys (include/socket/
socket_settings_helper.hpp: allowed hosts, use ssl; modules/NRPEServer: insecure).
Each NRPE line here is applied to a real daemon in tests/ingest/test_round17_nrpe_real.py.
"""

from __future__ import annotations

import re

from ..causes import Cause
from ..finding import Finding, FixStep
from .context import FixContext
from .lazyre import lazy

__all__ = ["monitoring_steps"]

_CFG = "# /etc/nagios/nrpe.cfg (source installs: /usr/local/nagios/etc/nrpe.cfg)\n"
_RESTART = "sudo systemctl restart nagios-nrpe-server   # the unit is nrpe on RHEL"

_ALLOWED = FixStep(
    text="The NRPE daemon refuses connections from addresses not in allowed_hosts (it hangs "
         "up before TLS, so check_nrpe sees a reset). Add the Nagios server's address as the "
         "agent sees it (after NAT; ::ffff:-mapped addresses count as IPv6) and restart; "
         "under xinetd the list is only_from in /etc/xinetd.d/nrpe:",
    code=_CFG + "allowed_hosts=127.0.0.1,::1,NAGIOS_SERVER_IP\n" + _RESTART,
    applies_to="nrpe")

_VERSION = FixStep(
    text="No TLS version in common between check_nrpe and the daemon: allow the same range "
         "on both (NRPE 3.x/4.x; 2.x has no setting and speaks what its OpenSSL allows):",
    code=_CFG + "ssl_version=TLSv1.2+\n" + _RESTART + "\n"
         "# on the Nagios server, in the command definition:\n"
         "check_nrpe -H HOST -S TLSv1.2+ -c COMMAND",
    applies_to="nrpe")

_CIPHER = FixStep(
    text="No cipher in common: a daemon without a certificate can only offer anonymous "
         "(ADH/AECDH) suites, which a check_nrpe with -d 0 or a newer OpenSSL refuses. Give "
         "the daemon a certificate (or, for an old 2.x daemon, let check_nrpe allow ADH):",
    code=_CFG + "ssl_cert_file=/etc/nagios/ssl/nrpe.pem\n"
         "ssl_privatekey_file=/etc/nagios/ssl/nrpe.key\n" + _RESTART + "\n"
         "# or on the Nagios server (NRPE 2.x agents):\n"
         "check_nrpe -H HOST -d 1 -L 'ALL:!MD5:@STRENGTH:@SECLEVEL=0' -c COMMAND",
    applies_to="nrpe")

_CLIENT_CERT = FixStep(
    text="The daemon requires a client certificate (ssl_client_certs=2): give check_nrpe one "
         "issued by the CA in the daemon's ssl_cacert_file, with its key:",
    code="check_nrpe -H HOST -C /etc/nagios/ssl/client.pem -K /etc/nagios/ssl/client.key "
         "-c COMMAND",
    applies_to="nrpe")

_PLAIN = FixStep(
    text="One side speaks TLS and the other does not: the daemon runs with -n (or was built "
         "without SSL) or check_nrpe uses -n. Use TLS on both (remove -n from the daemon's "
         "options, e.g. DAEMON_OPTS in /etc/default/nagios-nrpe-server, and from check_nrpe), "
         "or, on a trusted network only, -n on both:",
    code="check_nrpe -H HOST -c COMMAND          # TLS (the default)\n"
         "check_nrpe -H HOST -n -c COMMAND       # only if the daemon runs with -n",
    applies_to="nrpe")

_REASON = FixStep(
    text="The plugin's line does not say why the handshake failed; the daemon can: turn on "
         "its TLS logging, run the check again and read the daemon's log for OpenSSL's reason:",
    code=_CFG + "ssl_logging=0x2f\n" + _RESTART + "\n"
         "journalctl -u nagios-nrpe-server -n 20   # or grep nrpe /var/log/syslog",
    applies_to="nrpe")

_NRPE: dict[Cause, tuple[FixStep, ...]] = {
    Cause.SERVER_MISCONFIGURATION: (_ALLOWED, _REASON),
    Cause.PROTOCOL_VERSION_MISMATCH: (_VERSION, _REASON),
    Cause.CIPHER_SUITE_MISMATCH: (_CIPHER, _REASON),
    Cause.CLIENT_CERT_REQUIRED: (_CLIENT_CERT,),
    Cause.NON_TLS_SERVICE_ON_PORT: (_PLAIN,),
}

_ICINGA_NAME = FixStep(
    text="Icinga 2 requires the peer's certificate CN to be the Endpoint object's name: "
         "name the Endpoint (and the zone's endpoints list) exactly as the CN the line says "
         "it got, or re-create the peer's certificate for that name; then validate and "
         "restart:",
    code="# /etc/icinga2/zones.conf\n"
         'object Endpoint "PEER_CN" { host = "PEER_ADDRESS"; port = "5665" }\n'
         'object Zone "master" { endpoints = [ "PEER_CN" ] }\n'
         "icinga2 daemon -C && sudo systemctl restart icinga2",
    applies_to="icinga2")

_ICINGA_CA = FixStep(
    text="Icinga 2 accepts only certificates signed by its ca.crt: check the node's "
         "certificate against the master's CA, and see which certificate the parent "
         "presents; a node set up against another CA is set up again against this master "
         "(icinga2 node wizard, with a ticket from the master: icinga2 pki ticket --cn "
         "NODE_CN):",
    code="icinga2 pki verify --cacert /var/lib/icinga2/certs/ca.crt "
         "--cert /var/lib/icinga2/certs/NODE_CN.crt\n"
         "icinga2 pki save-cert --host PARENT --port 5665 "
         "--trustedcert /var/lib/icinga2/certs/trusted-parent.crt",
    applies_to="icinga2")

_ICINGA: dict[Cause, tuple[FixStep, ...]] = {
    Cause.HOSTNAME_MISMATCH: (_ICINGA_NAME,),
    Cause.CERT_UNTRUSTED_ROOT: (_ICINGA_CA,),
}

_PBS_FP = FixStep(
    text="The Proxmox Backup Server's certificate is not trusted and no (or another) SHA-256 "
         "fingerprint is configured: read the server's fingerprint on the server and give it "
         "to the client (a renewed certificate has a new one):",
    code="proxmox-backup-manager cert info | grep Fingerprint   # on the backup server\n"
         "export PBS_FINGERPRINT='AA:BB:...'                   # proxmox-backup-client\n"
         "pvesm set PBS_STORAGE --fingerprint 'AA:BB:...'       # Proxmox VE's pbs storage",
    applies_to="pbs")

_PBS: dict[Cause, tuple[FixStep, ...]] = {
    Cause.CERT_SELF_SIGNED: (_PBS_FP,),
    Cause.CLIENT_MISCONFIGURATION: (_PBS_FP,),
}

_NSCP_INI = "# nsclient.ini (NSClient++), then restart the service (net stop nscp & net start nscp)\n"
_NSCP: dict[Cause, tuple[FixStep, ...]] = {
    Cause.SERVER_MISCONFIGURATION: (FixStep(
        text="NSClient++ refuses addresses not in its allowed hosts: add the monitoring "
             "server's address:",
        code=_NSCP_INI + "[/settings/default]\nallowed hosts = 127.0.0.1,NAGIOS_SERVER_IP",
        applies_to="nscp"),),
    Cause.CIPHER_SUITE_MISMATCH: (FixStep(
        text="No cipher in common with the NRPE client: an old check_nrpe offers only the "
             "anonymous (ADH) suites, which NSClient++'s NRPE server accepts only with insecure "
             "= true (better: a check_nrpe that uses the server's certificate):",
        code=_NSCP_INI + "[/settings/NRPE/server]\ninsecure = true",
        applies_to="nscp"),),
    Cause.NON_TLS_SERVICE_ON_PORT: (FixStep(
        text="The client does not speak TLS to NSClient++'s listener (check_nrpe -n): use TLS "
             "on both sides, or turn it off on both on a trusted network:",
        code=_NSCP_INI + "[/settings/NRPE/server]\nuse ssl = true   # false only with check_nrpe -n",
        applies_to="nscp"),),
}

# pveproxy's own certificate and key (/etc/pve/local/pve-ssl.pem and .key, generated by
# pve-cluster; pveproxy-ssl.pem/.key when a custom or ACME certificate is set): a custom pair
# that does not load is removed so the generated one is used again, and the generated pair is
# written anew by pvecm updatecerts (pve-cluster).
_PVEPROXY: dict[Cause, tuple[FixStep, ...]] = {
    Cause.SERVER_MISCONFIGURATION: (FixStep(
        text="pveproxy cannot use the certificate or key the line names: check that /etc/pve "
             "is mounted (pve-cluster running), move a broken custom pair away and let the "
             "node regenerate its own, then restart the proxy:",
        code="systemctl status pve-cluster\n"
             "openssl x509 -in /etc/pve/local/pve-ssl.pem -noout -subject -dates\n"
             "mv /etc/pve/local/pveproxy-ssl.pem /etc/pve/local/pveproxy-ssl.key /root/  "
             "# only if a custom pair is there\n"
             "pvecm updatecerts --force\n"
             "systemctl restart pveproxy",
        applies_to="pveproxy"),),
}

_SOURCES = {"nrpe": _NRPE, "check_nrpe": _NRPE, "icinga2": _ICINGA, "pbs": _PBS,
            "nscp": _NSCP, "pveproxy": _PVEPROXY}
# A reading that another module refined (a reset or close read by notls) keeps the matched
# line's meaning, which names the program first.
_LEADS = (("check_nrpe: ", "check_nrpe"), ("NRPE daemon: ", "nrpe"), ("Icinga 2: ", "icinga2"),
          ("Proxmox Backup client: ", "pbs"), ("NSClient++: ", "nscp"))


# A chain-trust failure re-read in context (ingest/trust_context.py) quotes the program's
# words that made it a service between one's own hosts.
_CONTEXT_WORDS = ((lazy(r"/ApiListener:|icinga2 pki", re.I), "icinga2"),
                  (lazy(r"CHECK_NRPE|nrpe\["), "nrpe"),
                  (lazy(r"\bnscp\b", re.I), "nscp"))


def _program(f: Finding) -> str:
    source = str(f.facts.get("source", ""))
    if source in _SOURCES:
        return source
    meaning = str(f.facts.get("meaning", ""))
    lead = next((prog for lead, prog in _LEADS if meaning.startswith(lead)), "")
    if lead or not f.facts.get("trust_context"):
        return lead
    return next((prog for rx, prog in _CONTEXT_WORDS if rx.search(meaning)), "")


def monitoring_steps(f: Finding, ctx: FixContext) -> tuple[FixStep, ...]:
    """NRPE's or Icinga 2's own steps for ``f``; () when another program printed it or the
    cause has none (the generic line then)."""
    del ctx  # the settings come from the words: no server was probed
    return _SOURCES.get(_program(f), {}).get(f.cause, ())
