"""Programs that wrap a TLS library in their own words (round 12, harvested:
upstream/<source>.json, judged in judgement/<source>.py): OpenVPN, stunnel, msmtp,
Mutt/NeoMutt, fetchmail, the monitoring plugins (check_http, check_curl), Zabbix, Squid,
Envoy, mosquitto.

Where a program prints OpenSSL's verify result next to the depth it failed at ("VERIFY
ERROR: depth=0, error=certificate has expired", Envoy's "at depth 0: certificate has
expired", stunnel's "Rejected by CERT at depth=0" after its pre-verification error), the
expired certificate is the peer's own leaf, checked against the CA file the program was
given: not the ranking OpenSSL's bare text gets (where an old client store's root is as
likely, judgement/openssl.py).
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

_LABELS = (("openvpn", "OpenVPN", ""), ("stunnel", "stunnel", ""), ("msmtp", "msmtp", "client"),
           ("mutt", "Mutt/NeoMutt", "client"), ("fetchmail", "fetchmail", "client"),
           ("monitoring_plugins", "Monitoring plugin", "client"), ("zabbix", "Zabbix", ""),
           ("squid", "Squid", ""), ("envoy", "Envoy", ""), ("mosquitto", "mosquitto", ""))

PATTERNS = tuple(p for source, label, side in _LABELS
                 for p in upstream_patterns(source, label, side=side))

_OPENVPN = "OpenVPN src/openvpn/ssl_verify_openssl.c (\"VERIFY ERROR: depth=%d, error=%s\")"
_ENVOY = "Envoy source/common/tls/utility.cc (\"at depth %d: %s\")"
_STUNNEL = "stunnel src/verify.c (\"CERT: Pre-verification error\", \"Rejected by CERT\")"
_STUNNEL_CLIENT = "stunnel src/client.c (\"Connection %s: %llu byte(s) sent to TLS, ...\")"
_LEAF_EXPIRED = ("the peer's own certificate (depth 0) is past its notAfter date",
                 "cert_expired:.85 client_clock_wrong:.15", REASON + 1)
# The depth names which certificate, not whose clock: "not yet valid" keeps the shared
# clock-first ranking (judgement/_common.py) unless printed times decide it (clock.py).
_LEAF_NOT_YET = ("the peer's own certificate (depth 0) is not valid yet", NOT_YET_CAUSES,
                 REASON + 1)
PATTERNS += table("openvpn", _OPENVPN, [
    (r"\bVERIFY ERROR: depth=0, error=certificate has expired\b", *_LEAF_EXPIRED),
    (r"\bVERIFY ERROR: depth=0, error=certificate is not yet valid\b", *_LEAF_NOT_YET),
])
PATTERNS += table("envoy", _ENVOY, [
    (r"\bverification error at depth 0: certificate has expired\b", *_LEAF_EXPIRED),
    (r"\bverification error at depth 0: certificate is not yet valid\b", *_LEAF_NOT_YET),
])
PATTERNS += table("stunnel", _STUNNEL, [
    (r"\bPre-verification error: certificate has expired\n[^\n]{0,80}"
     r"Rejected by CERT at depth=0\b", *_LEAF_EXPIRED),
    (r"\bPre-verification error: certificate is not yet valid\n[^\n]{0,80}"
     r"Rejected by CERT at depth=0\b", *_LEAF_NOT_YET),
    # At its default log level (notice) stunnel's only line when the peer never answered
    # (its TIMEOUTbusy reset is logged at info) or hung up: nothing passed either way. A
    # ranking below any error line's reason (a failed handshake logs its own first).
    (r"\bConnection (?:closed/)?reset: 0 byte\(s\) sent to TLS, 0 byte\(s\) sent to socket\b",
     "stunnel: the connection ended before any data passed (a peer that never answered the "
     "handshake, or hung up)",
     "middlebox_or_firewall_interference:.4 server_misconfiguration:.2 "
     "protocol_version_mismatch:.2 sni_required_or_mismatch:.2", GENERIC, _STUNNEL_CLIENT),
])

# Pi-hole's gravity.sh (gravity_DownloadBlocklistFromUrl) runs `curl -s -w "%{http_code}"`
# with curl's own error thrown away (2>/dev/null) and prints a "Status:" word per HTTP code.
# Curl reports http_code 000 for EVERY failure before a response (DNS, refused, timeout, TLS:
# an expired root in the Pi's store, a version or proxy problem), all printed as "Connection
# Refused": a ranking below 0.6 whose check is curl's own words. The other statuses are
# HTTP replies, so TLS itself worked (no TLS claim). Dev: 1 thread (an expired root in an
# outdated Raspberry Pi OS store, printed "Connection Refused"). Pi-hole reports often name
# its own DNS (a list host it cannot resolve or that its lists block) first.
_PIHOLE = ("Pi-hole gravity.sh gravity_DownloadBlocklistFromUrl (case \"${httpCode}\": "
           "\"000\") echo ... \"Connection Refused\"), pi-hole/pi-hole@"
           "1837b754b945eeab6ad5976443b38b983eb96e6e; the same table since ff5411a9 (2017)")
_PIHOLE_STATUS = r"(?:\[[^\]\n]{1,3}\]|[✗✓])\s{0,3}Status: "
PATTERNS += table("pihole", _PIHOLE, [
    (_PIHOLE_STATUS + r"Connection Refused\b",
     "Pi-hole's gravity printed curl's http_code 000 as \"Connection Refused\": curl failed "
     "before any HTTP reply (name, refused, timeout or TLS; curl's own error is hidden: run "
     "`curl -v -o /dev/null <the Target URL>` on the Pi-hole)",
     "name_resolution_or_unreachable:.4 client_misconfiguration:.3 cert_expired:.15 "
     "middlebox_or_firewall_interference:.15", REASON),
    (_PIHOLE_STATUS + r"(?:Forbidden|Not found|Time-out|Unavailable For Legal Reasons"
     r"|Internal Server Error|Connection Timed Out \((?:Gateway|Cloudflare)\)"
     r"|Web Server Is Down \(Cloudflare\))",
     "Pi-hole's gravity got an HTTP error reply for the list (the TLS connection worked)",
     "", REASON),
])
