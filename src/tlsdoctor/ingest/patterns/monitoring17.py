"""Round 17: monitoring agents and their servers, whose TLS wording no table had (harvested
by scripts/harvest/monitoring17.py into upstream/<source>.json, judged in
judgement/<source>.py):

- NRPE: the plugin check_nrpe (a TLS client: its status line, "CHECK_NRPE: (ssl_err != 5)
  Error - Could not complete SSL handshake with 10.0.0.5: 1") and the daemon nrpe (a TLS
  server: "Host 10.0.0.9 is not allowed to talk to us!"), reported as the sources
  ``check_nrpe`` and ``nrpe``; the number after a handshake line is SSL_get_error()'s;
- Icinga 2's cluster listener and node/pki CLI ("Client TLS handshake failed (to
  [192.0.2.10]:5665): ...", "Unexpected certificate common name while connecting to
  endpoint ...").
"""

from __future__ import annotations

from dataclasses import replace

from . import Pattern
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


def _icinga2() -> tuple[Pattern, ...]:
    """Icinga 2 is client and server alike: the line's own words say which (side.py)."""
    return tuple(replace(p, side="") for p in upstream_patterns("icinga2", "Icinga 2"))


PATTERNS = _nrpe() + _icinga2()
