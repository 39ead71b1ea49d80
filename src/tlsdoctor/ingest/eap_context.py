"""An 802.1X supplicant's log whose only failure is the EAP-Failure the RADIUS server sent.

wpa_supplicant (and eapol_test, NetworkManager's and Android's back end) logs that it
checked the RADIUS server's certificate ("CTRL-EVENT-EAP-STATUS status='remote certificate
verification' parameter='success'", or at debug level "EAP: Status notification: remote
certificate verification (param=success)") and then only "CTRL-EVENT-EAP-FAILURE EAP
authentication failed": the server refused the supplicant after the supplicant accepted the
server. FreeRADIUS answers a client certificate it refuses with an Access-Reject holding an
EAP-Failure, without the alert reaching the supplicant (measured with FreeRADIUS 3.2.1 and
eapol_test 2.10: tests/ingest/test_eap_real.py). So:

- EAP-TLS (method 13): the client's certificate was refused (its CA is not in the server's
  ca_file, it is expired or revoked, or a check_cert_cn / check_cert_issuer policy refused
  it), or none was sent: client_cert_required first, the server's settings second; a
  ranking (the server's log says which, read by patterns/eap.py);
- PEAP (25), TTLS (21), EAP-FAST (43), TEAP (55): the TLS tunnel was built; what failed is the
  inner authentication (a password, MSCHAPv2): not a TLS failure, understood with no cause.

Sources: w1fi/hostap src/eap_peer/eap.c (WPA_EVENT_EAP_METHOD "EAP vendor %u method %u (%s)
selected", WPA_EVENT_EAP_FAILURE, eap_notify_status), wpa_supplicant/notify.c
(WPA_EVENT_EAP_STATUS "status='%s' parameter='%s'"), src/common/wpa_ctrl.h @ 76d4a91710ef
(read from greearb/hostap-ct).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["EAP_IDS", "EAP_PREFIX", "EapRefusal", "reading"]

EAP_PREFIX = "eap."
# Every 802.1X statement's pattern id: the directed readings and the harvested texts.
EAP_IDS = (EAP_PREFIX, "hostap.up.", "freeradius.up.", "iwd.up.")

_FAILED = re.compile(r"\bCTRL-EVENT-EAP-FAILURE\b|\bEAP: Received EAP-Failure\b")
_SERVER_OK = re.compile(r"status='remote certificate verification' parameter='success'|"
                        r"Status notification: remote certificate verification \(param=success\)")
_REFUSED_SERVER = re.compile(r"\bCTRL-EVENT-EAP-TLS-CERT-ERROR\b|"
                             r"\bTLS: Certificate verification failed\b|"
                             r"\bSSL3 alert: write \(local SSL3 detected an error\)")
_METHOD = re.compile(r"\bEAP vendor \d+ method (\d+) \((\w[\w-]{0,10})\) selected")
_TUNNEL_METHODS = {"21": "TTLS", "25": "PEAP", "43": "FAST", "55": "TEAP"}

CLIENT_REFUSED = "client_cert_required:.55 server_misconfiguration:.25 client_misconfiguration:.2"


@dataclass(frozen=True, slots=True, kw_only=True)
class EapRefusal:
    method: str  # "TLS", "PEAP", ...
    claims: str  # causes spelling; "" = understood, no TLS fault
    meaning: str
    line: str  # the failure line


def reading(text: str) -> EapRefusal | None:
    """The reading of a supplicant's log that failed only after accepting the server."""
    failed = _FAILED.search(text)
    if failed is None or _SERVER_OK.search(text) is None or _REFUSED_SERVER.search(text):
        return None
    method = _METHOD.search(text)
    number = method.group(1) if method is not None else ""
    start = text.rfind("\n", 0, failed.start()) + 1
    end = text.find("\n", failed.end())
    line = text[start:end if end >= 0 else len(text)].strip()
    if number in _TUNNEL_METHODS:
        name = _TUNNEL_METHODS[number]
        return EapRefusal(method=name, claims="", line=line, meaning=(
            f"wpa_supplicant: the RADIUS server's certificate was accepted and the {name} TLS "
            "tunnel built; the authentication inside it failed (a password or inner method), "
            "not TLS"))
    if number and number != "13":
        return None
    return EapRefusal(method="TLS", claims=CLIENT_REFUSED, line=line, meaning=(
        "wpa_supplicant: the supplicant accepted the RADIUS server's certificate, then the "
        "server answered EAP-Failure: it refused this client's certificate (or none was "
        "sent); the RADIUS server's log says why"))
