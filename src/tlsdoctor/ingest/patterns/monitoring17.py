"""Round 17: monitoring agents and their servers, whose TLS wording no table had (harvested
by scripts/harvest/monitoring17.py into upstream/<source>.json, judged in
judgement/<source>.py):

- NRPE: the plugin check_nrpe (a TLS client: its status line, "CHECK_NRPE: (ssl_err != 5)
  Error - Could not complete SSL handshake with 10.0.0.5: 1") and the daemon nrpe (a TLS
  server: "Host 10.0.0.9 is not allowed to talk to us!"), reported as the sources
  ``check_nrpe`` and ``nrpe``; the number after a handshake line is SSL_get_error()'s;
- Icinga 2's cluster listener and node/pki CLI ("Client TLS handshake failed (to
  [192.0.2.10]:5665): ...", "Unexpected certificate common name while connecting to
  endpoint ...");
- Proxmox Backup Server's client (proxmox-backup-client, Proxmox VE's pbs storage):
  "certificate validation failed - Certificate fingerprint was not confirmed.";
- NSClient++'s socket layer: its servers' handshake verdicts (source ``nscp``) and its
  clients' "SSL handshake failed: ..." (``nscp_client``);
- Proxmox VE's pveproxy (its TLS settings, the key and chain it cannot load);
- Zabbix agent 2's own TLS layer (PSK identity and key, server certificate issuer/subject),
  which the C agent's table (zabbix.json) lacks.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, SPECIFIC, Pattern, causes
from .harvested import entries, upstream_patterns


def _nrpe() -> tuple[Pattern, ...]:
    """Each NRPE line reported by the program that prints it: the plugin's as a client's
    output, the daemon's as a server's log."""
    daemon = {e.id for e in entries("nrpe") if e.get("program") == "nrpe"}
    out = []
    for p in upstream_patterns("nrpe", "NRPE", side="client"):
        if p.upstream in daemon:
            out.append(replace(p, source="nrpe", side="server",
                               meaning=p.meaning.replace("NRPE: ", "NRPE daemon: ", 1)))
        else:
            out.append(replace(p, source="check_nrpe",
                               meaning=p.meaning.replace("NRPE: ", "check_nrpe: ", 1)))
    return tuple(out)


# X509_V_ERR numbers that say the peer's chain does not lead to this node's ca.crt (2 unable
# to get issuer certificate, 18 self-signed leaf, 19 self-signed certificate in the chain,
# 20 unable to get local issuer, 21 unable to verify the first certificate).
_ISSUER_CODES = "(?:2|18|19|20|21)"
_VALIDATED = next(e for e in entries("icinga2") if e.id.startswith("Certificate validation"))
_NEW_CONN = next(e for e in entries("icinga2") if e.id.startswith("New client connection for"))


def _icinga2() -> tuple[Pattern, ...]:
    """Icinga 2 is client and server alike: the line's own words say which (side.py).

    Its verify callback accepts every chain and logs OpenSSL's verdict after the handshake;
    between Icinga nodes an issuer verdict means the peer's certificate is not signed by this
    node's ca.crt (a node set up against another master's CA, a CA re-created), not a proxy
    re-signing: OpenSSL's own reading of "self-signed certificate in certificate chain"
    (interception first, for a web client) does not fit, so these codes are read here
    ("exact": above the verify string inside). Measured with icinga2 2.13
    (tests/ingest/test_round17_icinga2_real.py: an agent of another CA, code 19)."""
    own = tuple(replace(p, side="") for p in upstream_patterns("icinga2", "Icinga 2"))
    peer = r"'[^'\n]{1,200}'"
    return own + (
        Pattern(source="icinga2",
                rx=rf"\b(?:Certificate validation failed for endpoint {peer}: |New client "
                   rf"connection for identity {peer} to \[[^\]\n]{{1,60}}\]:\d{{1,5}} "
                   rf"\(certificate validation failed: )code {_ISSUER_CODES}: ",
                meaning="Icinga 2: the parent's certificate is not signed by this node's ca.crt "
                        "(this node was set up against another CA, or the CA was re-created)",
                causes=causes("cert_untrusted_root:.55 client_misconfiguration:.25 "
                              "tls_interception_mitm:.2"),
                provenance=_VALIDATED.provenance, spec=REASON + 1,
                needle="certificate validation failed", id="icinga2.issuer.to",
                upstream=_VALIDATED.id, side="client"),
        Pattern(source="icinga2",
                rx=rf"\bNew client connection for identity {peer} from \[[^\]\n]{{1,60}}\]:"
                   rf"\d{{1,5}} \(certificate validation failed: code {_ISSUER_CODES}: ",
                meaning="Icinga 2: the connecting node's certificate is not signed by this "
                        "node's ca.crt (it was set up against another CA): it is not "
                        "authenticated",
                causes=causes("client_cert_required:.7 cert_untrusted_root:.3"),
                provenance=_NEW_CONN.provenance, spec=REASON + 1,
                needle="certificate validation failed", id="icinga2.issuer.from",
                upstream=_NEW_CONN.id, side="server"))


_UNDERFLOW = next(e for e in entries("nrpe") if e.id.startswith(
    "CHECK_NRPE: Receive header underflow"))


def _underflow() -> tuple[Pattern, ...]:
    """check_nrpe's "Receive header underflow" with the count it got (check_nrpe.c
    read_packet): 0 is the daemon closing the TLS connection cleanly right after the
    handshake, which with TLS 1.3 is its refusal of a missing client certificate
    (ssl_client_certs=2) arriving after the plugin's side of the handshake was done; -1 is
    a read error, what check_nrpe -n gets from a daemon that speaks TLS. Both measured with
    NRPE 4.1.0 (tests/ingest/test_round17_nrpe_real.py); neither alone is proof."""
    rows = (("0", "the daemon closed the connection after the handshake (a client "
                  "certificate it requires, with TLS 1.3; or it refused the query)",
             "client_cert_required:.55 server_misconfiguration:.25 non_tls_service_on_port:.2"),
            ("-1", "a read error right after connecting (check_nrpe -n against a daemon that "
                   "speaks TLS, or a reset)",
             "non_tls_service_on_port:.55 server_misconfiguration:.25 "
             "middlebox_or_firewall_interference:.2"))
    return tuple(Pattern(
        source="check_nrpe",
        rx=rf"\bCHECK_NRPE: Receive header underflow - only {n} bytes received\b",
        meaning=f"check_nrpe: no NRPE response header: {said}", causes=causes(cs),
        provenance=_UNDERFLOW.provenance, spec=SPECIFIC, needle="receive header underflow",
        id=f"check_nrpe.underflow.{n}", upstream=_UNDERFLOW.id, side="client")
        for n, said, cs in rows)


def _nscp() -> tuple[Pattern, ...]:
    """NSClient++'s client lines (its socket and HTTP clients) as a client's; the rest are
    its servers' (NRPE, NSCA, check_mk listeners) and the files they load."""
    client = {e.id for e in entries("nscp") if e.path.endswith("/client.hpp")}
    return tuple(replace(p, source="nscp_client", side="client") if p.upstream in client
                 else replace(p, side="server")
                 for p in upstream_patterns("nscp", "NSClient++"))


PATTERNS = (_nrpe() + _icinga2() + _underflow()
            + upstream_patterns("pbs", "Proxmox Backup client", side="client") + _nscp()
            + upstream_patterns("zabbix_agent2", "Zabbix agent 2", side="")
            + upstream_patterns("pveproxy", "Proxmox VE pveproxy", side="server"))
