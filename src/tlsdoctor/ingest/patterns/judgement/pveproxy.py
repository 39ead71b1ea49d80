"""Proxmox VE's pveproxy (proxmox/pve-http-server src/PVE/APIServer/AnyEvent.pm) and the
AnyEvent::TLS errors it dies with (libanyevent-perl 7.170, Debian 12).

pveproxy serves the web UI and API on 8006 with /etc/pve/local/pve-ssl.pem and its key (or
pveproxy-ssl.pem from an uploaded or ACME certificate): a key or chain it cannot load stops
it at start ("failed to load local private key", famously after /etc/pve was not mounted or
the node was renamed), which is the server's own configuration. "problem with client <ip>;
<error>" wraps what AnyEvent saw from a browser or API client: the error after it is read by
the table that knows it, the side by side.py's pveproxy cue."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "problem with client %s; %s": "elsewhere",
    "proxy detected vanished client connection": "no_fault",
    "Failed to set TLS 1.3 ciphersuites '%s'": common.SERVER_CONFIG,
    "misconfigured TLS settings - cannot disable all supported TLS versions!":
        common.SERVER_CONFIG,
    "'%s' was not accepted as a valid cipher list by AnyEvent::TLS": common.SERVER_CONFIG,
    "%s: failed to load local private key (key_file or key)": common.SERVER_CONFIG,
    "%s: failed to use local certificate chain (cert_file or cert)": common.SERVER_CONFIG,
    "%s: failed to parse DH parameters - not PEM format?": common.SERVER_CONFIG,
    "%s: failed to open DH parameter file: %s": common.SERVER_CONFIG,
}

RULES = (
    (r".", "not_tls", "API misuse of the Perl module"),
)
