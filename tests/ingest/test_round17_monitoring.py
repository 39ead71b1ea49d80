"""Round 17: monitoring agents and their servers (patterns/monitoring17.py): NRPE's check_nrpe
and daemon, Icinga 2, the Proxmox Backup client, NSClient++. Each text is fed as the program
prints it (its status line, its syslog or log-file prefix, what it appends), with the cause,
the side that printed it and the band (confident >= 0.6, or ranked below) it must get; their
non-TLS lines stay unrecognised; the fix lines name the program's own settings. Upstream
paths and commits: upstream/{nrpe,icinga2,pbs,nscp}.json."""

from __future__ import annotations

import pytest
from harvest_checks import judged

from tlsdoctor.api import explain
from tlsdoctor.ingest.patterns.harvested import entries

C, S, U = "client", "server", "unknown"
HI, LO = "confident", "ranked"
NRPED = "Dec 06 08:00:00 agent nrpe[4242]: "
NRPEF = "[1796556117] "  # the daemon's log_file= form
ICI = "[2026-12-06 08:00:00 +0000] "
NSCP = "2026-12-06 08:00:00: e:c:\\source\\nscp\\include\\socket\\connection.hpp:270: "

# (printed text, source, top cause, side, band)
CASES: list[tuple[str, str, str, str, str]] = [
    # check_nrpe (NRPE 3.x/4.x; 2.x's one line)
    ("CHECK_NRPE: Error - Could not connect to 10.0.0.5: Connection reset by peer",
     "check_nrpe", "server_misconfiguration", C, LO),
    ("CHECK_NRPE: Error - Could not connect to 10.0.0.5: Check system logs on 10.0.0.5",
     "check_nrpe", "server_misconfiguration", C, LO),
    ("CHECK_NRPE: Error - Could not connect to 10.0.0.5. Check system logs on 10.0.0.5",
     "check_nrpe", "server_misconfiguration", C, LO),
    ("CHECK_NRPE: (ssl_err != 5) Error - Could not complete SSL handshake with 10.0.0.5: 1",
     "check_nrpe", "protocol_version_mismatch", C, LO),
    ("CHECK_NRPE: (ssl_err != 5) Error - Could not complete SSL handshake with 10.0.0.5: 6",
     "check_nrpe", "server_misconfiguration", C, LO),
    ("CHECK_NRPE: Error - Could not complete SSL handshake.", "check_nrpe",
     "server_misconfiguration", C, LO),
    ("CHECK_NRPE: Receive header underflow - only 0 bytes received (4 expected).",
     "check_nrpe", "client_cert_required", C, LO),
    ("CHECK_NRPE: Receive header underflow - only -1 bytes received (4 expected).",
     "check_nrpe", "non_tls_service_on_port", C, LO),
    ("CHECK_NRPE: Error sending query to host.", "check_nrpe", "client_cert_required", C, LO),
    ("CHECK_NRPE STATE CRITICAL: Socket timeout after 10 seconds.", "check_nrpe",
     "middlebox_or_firewall_interference", C, LO),
    ("CHECK_NRPE: Socket timeout after 10 seconds.", "check_nrpe",
     "middlebox_or_firewall_interference", C, LO),
    ("Error: could not use certificate file '/etc/nagios/client.pem'.", "check_nrpe",
     "client_misconfiguration", C, HI),
    # the daemon
    (NRPED + "Host 10.0.0.9 is not allowed to talk to us!", "nrpe", "server_misconfiguration",
     S, HI),
    (NRPEF + "Host ::ffff:10.0.0.9 is not allowed to talk to us!", "nrpe",
     "server_misconfiguration", S, HI),
    (NRPED + "Error: Could not complete SSL handshake. 1", "nrpe",
     "protocol_version_mismatch", S, LO),
    (NRPED + "Error: Could not complete SSL handshake. 5", "nrpe",
     "middlebox_or_firewall_interference", S, LO),
    (NRPEF + "Error: (!log_opts) Could not complete SSL handshake with 10.0.0.9: 1", "nrpe",
     "protocol_version_mismatch", S, LO),
    (NRPED + "Error: (!log_opts) Could not complete SSL handshake with 10.0.0.9: 0x00000005",
     "nrpe", "middlebox_or_firewall_interference", S, LO),
    (NRPED + "Error: (!log_opts) Could not complete SSL handshake with 10.0.0.9: timeout 10 "
     "seconds", "nrpe", "middlebox_or_firewall_interference", S, LO),
    # with ssl_logging: OpenSSL's reason, read by its table, the side from the ident
    (NRPED + "Error: (ERR_get_error = 0x0a0000c1), Could not complete SSL handshake with "
     "10.0.0.9: no shared cipher\n" + NRPED + "Error: This could be because you have not "
     "specified certificate or ca-certificate files", "nrpe", "cipher_suite_mismatch", S, HI),
    (NRPED + "Error: (ERR_get_error_line_data = 167772359), Could not complete SSL handshake "
     "with 10.0.0.9: peer did not return a certificate", "openssl", "client_cert_required", S,
     HI),
    (NRPED + "Error: (use_ssl == false): Request packet version was invalid!", "nrpe",
     "non_tls_service_on_port", S, HI),
    (NRPED + "Error: Request packet had invalid CRC32.", "nrpe", "client_misconfiguration", S,
     LO),
    (NRPED + "Error: CA certificate required for client verification.", "nrpe",
     "server_misconfiguration", S, HI),
    (NRPED + "Connection refused by TCP wrapper", "nrpe", "server_misconfiguration", S, HI),
    # Icinga 2: "to [" the connecting node, "from [" the accepting one
    (ICI + "critical/ApiListener: Client TLS handshake failed (to [192.0.2.10]:5665): sslv3 "
     "alert handshake failure (SSL routines)", "icinga2", "cipher_suite_mismatch", C, LO),
    (ICI + "critical/ApiListener: Server TLS handshake failed (from [192.0.2.7]:50412): no "
     "shared cipher (SSL routines)", "icinga2", "cipher_suite_mismatch", S, LO),
    # (round 22: OpenSSL's "no shared cipher" is the suites first below certainty, the
    # version second: ssl3_choose_cipher skips TLS 1.2-only suites for an older client)
    (ICI + "warning/ApiListener: Unexpected certificate common name while connecting to "
     "endpoint 'master1': got 'master1.example.com'", "icinga2", "hostname_mismatch", C, HI),
    (ICI + "information/ApiListener: New client connection for identity 'agent1' from "
     "[192.0.2.7]:50412 (certificate validation failed: code 20: unable to get local issuer "
     "certificate)", "icinga2", "client_cert_required", S, HI),
    (ICI + "warning/ApiListener: Certificate validation failed for endpoint 'master1': code "
     "10: certificate has expired", "icinga2", "cert_expired", C, LO),
    (ICI + "warning/ApiListener: Unknown endpoint 'agent7' with valid certificate. Aborting "
     "JSON-RPC connection.", "icinga2", "server_misconfiguration", U, HI),
    (ICI + "critical/cli: Peer certificate does not match trusted certificate.", "icinga2",
     "client_misconfiguration", U, HI),
    (ICI + "critical/cli: Peer did not present a valid certificate.", "icinga2",
     "non_tls_service_on_port", U, LO),
    (ICI + "critical/cli: CRITICAL: CN 'agent1' does NOT match certificate CN 'agent1.lan'.",
     "icinga2", "hostname_mismatch", U, HI),
    # the Proxmox Backup client
    ("certificate validation failed - Certificate fingerprint was not confirmed.\nError: error "
     "trying to connect: error:0A000086:SSL routines:tls_post_process_server_certificate:"
     "certificate verify failed:../ssl/statem/statem_clnt.c:1889:", "pbs", "cert_self_signed",
     C, LO),
    ("WARNING: certificate fingerprint does not match expected fingerprint!\nexpected:    "
     "aa:bb:cc", "pbs", "client_misconfiguration", C, LO),
    # NSClient++
    (NSCP + "Seems we cant agree on SSL: no shared cipher", "nscp", "cipher_suite_mismatch",
     S, HI),
    (NSCP + "Seems we other end is not using ssl: unknown protocol", "nscp",
     "non_tls_service_on_port", S, HI),
    (NSCP + "Failed to verify other ends certificate: certificate verify failed", "nscp",
     "client_cert_required", S, HI),
    (NSCP.replace("socket\\connection", "nrpe\\server\\protocol") + "Rejected connection "
     "from: 10.1.1.1", "nscp", "server_misconfiguration", S, HI),
    # Proxmox VE's pveproxy (AnyEvent::TLS inside)
    ("Dec 06 08:00:00 pve pveproxy[1234]: /etc/pve/local/pve-ssl.key: failed to load local "
     "private key (key_file or key) at /usr/share/perl5/PVE/APIServer/AnyEvent.pm line 1899.",
     "pveproxy", "server_misconfiguration", S, HI),
    ("Dec 06 08:00:00 pve pveproxy[1234]: problem with client ::ffff:192.168.1.20; "
     "ssl3_read_bytes: tlsv1 alert unknown ca", "tls_alert", "cert_untrusted_root", S, LO),
    # Zabbix agent 2's own TLS layer
    ("failed to accept an incoming connection: from 10.0.0.1: invalid PSK identity",
     "zabbix_agent2", "server_misconfiguration", S, LO),  # a tie; the server's own first
    ("cannot connect to [[zabbix.example.com]:10051]: invalid certificate issuer CN=Other CA",
     "zabbix_agent2", "client_misconfiguration", C, HI),
]


@pytest.mark.parametrize(("text", "source", "cause", "side", "band"), CASES,
                         ids=[c[0][:70] for c in CASES])
def test_printed_line(text: str, source: str, cause: str, side: str, band: str) -> None:
    r = explain(text)
    assert r.recognized and r.findings, text
    top = r.findings[0]
    assert (r.source, top.cause.value, r.side) == (source, cause, side), \
        [(f.cause.value, f.confidence) for f in r.findings]
    assert (top.confidence >= 0.6) == (band == HI), top.confidence


NOT_TLS = [
    "CHECK_NRPE: Received 0 bytes from daemon.  Check the remote server logs for error "
    "messages.",
    NRPED + "Error: Request contained command arguments, but argument option is not enabled!",
    NRPED + "INFO: SSL/TLS initialized. All network traffic will be encrypted.",
    NRPED + "SSL Client 10.0.0.9 did not present a certificate",
    ICI + "information/ApiListener: New client connection 'agent1' (no client certificate)",
    ICI + "information/cli: Requesting certificate with ticket 'abc'.",
    "Dec 06 08:00:00 pve pveproxy[1234]: proxy detected vanished client connection",
    NSCP + "Please review the insecure options as well as ssl options in settings.",
]


@pytest.mark.parametrize("text", NOT_TLS, ids=[t[:60] for t in NOT_TLS])
def test_their_other_lines_name_no_cause(text: str) -> None:
    r = explain(text)
    assert not r.findings or all(f.confidence < 0.6 for f in r.findings), \
        [(f.cause.value, f.confidence) for f in r.findings]


FIXES = [
    (NRPED + "Host 10.0.0.9 is not allowed to talk to us!", "allowed_hosts="),
    ("CHECK_NRPE: (ssl_err != 5) Error - Could not complete SSL handshake with 10.0.0.5: 1",
     "ssl_version=TLSv1.2+"),
    (NSCP + "Seems we cant agree on SSL: no shared cipher", "insecure = true"),
    ("certificate validation failed - Certificate fingerprint was not confirmed.",
     "PBS_FINGERPRINT"),
    ("pveproxy[1234]: /etc/pve/local/pveproxy-ssl.pem: failed to use local certificate chain "
     "(cert_file or cert) at /usr/share/perl5/PVE/APIServer/AnyEvent.pm line 1899.",
     "pvecm updatecerts --force"),
    (ICI + "warning/ApiListener: Unexpected certificate common name while connecting to "
     "endpoint 'master1': got 'master1.example.com'", 'object Endpoint "PEER_CN"'),
]


@pytest.mark.parametrize(("text", "line"), FIXES, ids=[f[1] for f in FIXES])
def test_the_fix_names_the_programs_own_setting(text: str, line: str) -> None:
    code = "\n".join(s.code for f in explain(text).findings[:2] for s in f.fix)
    assert line in code


@pytest.mark.parametrize("source", ["nrpe", "icinga2", "pbs", "nscp", "zabbix_agent2",
                                    "pveproxy"])
def test_every_table_judges_its_tls_lines(source: str) -> None:
    """Each table has entries, each with its path and commit, and names causes for some."""
    assert entries(source) and judged(source)
    assert all(e.commit and e.path for e in entries(source))
