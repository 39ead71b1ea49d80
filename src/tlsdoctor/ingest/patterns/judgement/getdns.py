"""getdns (getdnsapi/getdns src/stub.c, src/context.c, src/openssl/tls.c, src/gnutls/tls.c):
the DNS-over-TLS stub behind Stubby, its upstream log lines ("[time] STUBBY: <address> :
Verify failed : TLS - *Failure* - (20) "unable to get local issuer certificate"").

The "(%ld) \"%s\"" line carries OpenSSL's verify number and string: read for every
X509_V_ERR text by patterns/desktop16.py with the OpenSSL table's reading. "Tolerated
because of Opportunistic profile" in place of "*Failure*" is the same finding in the
opportunistic profile (the query went on). getdns's own messages: its name check (against
tls_auth_name), the SPKI pinset, no certificate. "Backing off" follows repeated failures of
the upstream's connection of any kind: a ranking."""

from __future__ import annotations

from . import _common as common

_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
# Stubby's tls_pubkey_pinset is written by hand in its config: the resolver's operator
# rotating its key leaves the pin stale (the client's setting) more often than someone
# in between presents another key. A ranking below 0.6.
_PIN = "client_misconfiguration:.5 tls_interception_mitm:.3 server_misconfiguration:.2 | reason"
JUDGE = {
    "%-40s : Verify fail: *CONFIG ERROR* - No auth name or pinset provided for this upstream "
    "for Strict TLS authentication": common.CLIENT_CONFIG,
    "%-40s : Verify failed : TLS - %s -  Remote did not offer certificate": _NO_CERT,
    '%-40s : Verify failed : TLS - %s - (%ld) "%s"': "elsewhere",
    "%-40s : Verify failed : TLS - %s -  %s": "elsewhere",
    "%-40s : Verify passed : TLS": "no_fault",
    "%-40s : Conn opened: %s - %s Profile": "no_fault",
    "%-40s : Conn closed: %s - *Failure*": common.EOF_CLOSED,
    "%-40s : Upstream   : !Backing off %s on this upstream    - Will retry again in %ds at %s":
        "name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.35 "
        "non_tls_service_on_port:.25 | generic",
    "%-40s : Upstream   : No valid upstreams for %s... promoting this backed-off upstream for "
    "re-try...": "name_resolution_or_unreachable:.4 middlebox_or_firewall_interference:.35 "
                 "non_tls_service_on_port:.25 | generic",
    "Hostname mismatch": common.HOSTNAME,
    "Pinset validation failure": _PIN,
    "Pinset validation: Certificate differs": _PIN,
    "Pinset validation: CA constraints violated": _PIN,
    "Pinset validation: Unknown DANE info": common.CLIENT_CONFIG,
    "No peer certificate": _NO_CERT,
}

RULES = (
    (r".", "not_tls", "TCP Fast Open set-up, statistics lines"),
)
