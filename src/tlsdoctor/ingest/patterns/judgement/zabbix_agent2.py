"""Zabbix agent 2 (zabbix/zabbix src/go/pkg/tls/tls.go): its PSK callbacks, its check of
the server's certificate issuer and subject (TLSServerCertIssuer, TLSServerCertSubject) and
its TLS context set-up. Agent 2 is the server of passive checks (the Zabbix server or proxy
connects) and the client of active ones, so its own settings and the frontend's host
encryption settings (or the proxy's) are the two sides of a PSK or certificate mismatch.
The C agent's words are judgement/zabbix.py's."""

from __future__ import annotations

from . import zabbix

_OWN = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"

JUDGE = {
    # The identity the other side sent is not TLSPSKIdentity (or the frontend's host PSK
    # identity differs from the agent's).
    # Either side's setting; below 0.6 whichever side printed it.
    "invalid PSK identity": "client_misconfiguration:.5 server_misconfiguration:.5 | reason",
    "invalid PSK key": _OWN,  # TLSPSKFile does not hold a hexadecimal key
    "PSK key is too large": _OWN,
    "PSK identity too large": _OWN,
    "no PSK identity configured": _OWN,
    "no PSK key configured": _OWN,
    "invalid certificate issuer %s": zabbix.JUDGE["certificate issuer does not match"],
    "invalid certificate subject %s": zabbix.JUDGE["certificate subject does not match"],
    "cannot obtain peer certificate": _OWN,
    "cannot initialize default TLS context: %s": _OWN,  # TLSCAFile/TLSCertFile/TLSKeyFile
    "cannot initialize PSK TLS context: %s": _OWN,
}

RULES = (
    (r".", "not_tls", "internal errors"),
)
