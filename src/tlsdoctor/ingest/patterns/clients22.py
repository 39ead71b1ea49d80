"""Round 22: client-certificate refusals and bare connection failures as git (libcurl over
GnuTLS) and the OpenLDAP tools print them, run against real servers here (tests/fixes/
test_client_rows22_real.py records what each printed).

- curl's GnuTLS back end names a fatal alert received in the handshake by GnuTLS's alert
  name ("gnutls_handshake() failed: %s" with gnutls_alert_get_name(), curl lib/vtls/gtls.c
  handshake(), curl 7.88.1 as libcurl3-gnutls under git 2.39.5). The names are GnuTLS's
  (gnutls/gnutls lib/alert.c @ 03a70ed76e08018a995a665f10e75a2ae2599a0e, sup_alerts): a
  client receives "CA is unknown" (48), "Certificate is bad" (42), "Unknown certificate"
  (46), "Certificate is expired" (45) or "Certificate is required" (116) only from a server
  judging the client's own certificate. Seen: git against openssl s_server -Verify
  -verify_return_error capped at TLS 1.2, a certificate of another CA: "gnutls_handshake()
  failed: CA is unknown".
- After the handshake, a fatal alert reaches curl's GnuTLS reader as "GnuTLS recv error
  (-12): A TLS fatal alert has been received." (gtls_recv prints gnutls_strerror, not the
  alert's name). Over TLS 1.3 a server checks the client's certificate after the client's
  handshake completed (RFC 8446 §4.4.2.4), so this is how git prints a missing or refused
  client certificate (both seen, against s_server and slapd); other post-handshake aborts
  read the same, so it ranks first below certainty.
- The OpenLDAP tools print a failed bind as tool_perror's "%s: %s (%d)" (openldap/openldap
  clients/tools/common.c @ 05734071a2269d309d0dddbed26c18dbe6f6e344): "ldap_sasl_bind(SIMPLE):
  Can't contact LDAP server (-1)" (LDAP_SERVER_DOWN) when the request could not be sent or
  answered: seen here for a refused port, an untrusted CA, a certificate for another name, an
  ldaps:// URL on the plain port and a client certificate slapd demanded (TLSVerifyClient
  demand), with ldapsearch 2.5.13 over GnuTLS. Without -d 1 nothing else is printed: every
  one of those causes fits. "ldap_result: Can't contact LDAP server (-1)" comes from the
  tool's wait for the bind's reply, so the request went out: the TCP connection and, for
  ldaps://, the TLS handshake had completed (seen: a client certificate openssl s_server
  wanted, TLS 1.3).
- libldap's "TLS: can't connect: The TLS connection was non-properly terminated.." (tls2.c,
  GnuTLS's GNUTLS_E_PREMATURE_TERMINATION text) is a server that closed during the
  handshake without an alert: seen for an ldaps:// URL on slapd's plain LDAP port (slapd
  drops what does not decode as LDAP) and for slapd over TLS 1.2 demanding a client
  certificate the client did not send or slapd did not accept (GnuTLS's server sends no
  alert there).
"""

from __future__ import annotations

from dataclasses import replace

from . import GENERIC, REASON, SPECIFIC, Pattern, Row, table

_GTLS = ("curl lib/vtls/gtls.c handshake() (gnutls_alert_get_name of the fatal alert); alert "
         "names: gnutls/gnutls lib/alert.c @ 03a70ed76e08018a995a665f10e75a2ae2599a0e")
_GTLS_RECV = "curl lib/vtls/gtls.c gtls_recv: \"GnuTLS recv error (%d): %s\" (curl 7.88.1)"
_TOOLS = ("openldap/openldap clients/tools/common.c @ 05734071a2269d309d0dddbed26c18dbe6f6e344 "
          "tool_perror, tool_bind")
_TLS2 = "openldap/openldap libraries/libldap/tls2.c @ 5ffe12c065c0 (\"TLS: can't connect: %s.\")"

# What a bare LDAP_SERVER_DOWN from a bind can be: what was seen here, in the order posted
# threads about ldapsearch give them (a CA the client was not given first, then a server
# that is not there), each below certainty.
_SERVER_DOWN = ("cert_untrusted_root:.3 name_resolution_or_unreachable:.25 "
                "hostname_mismatch:.15 non_tls_service_on_port:.1 client_cert_required:.1 "
                "middlebox_or_firewall_interference:.1")
# The request went out; then the server closed (over TLS 1.3: a refused client certificate).
_AFTER_SEND = ("client_cert_required:.45 middlebox_or_firewall_interference:.3 "
               "server_misconfiguration:.25")
_CLOSED_IN_HANDSHAKE = ("non_tls_service_on_port:.4 client_cert_required:.3 "
                        "middlebox_or_firewall_interference:.2 server_misconfiguration:.1")

_CURL: list[Row] = [
    (r"\bgnutls_handshake\(\) failed: (?P<alert>CA is unknown|Certificate is bad|Unknown "
     r"certificate|Certificate is expired|Certificate is required)\b",
     "curl (GnuTLS): the server refused the handshake with the alert \"{alert}\": it did not "
     "accept this client's certificate (none was sent, or one it does not trust)",
     "client_cert_required:.9 server_misconfiguration:.1", REASON, _GTLS,
     "gnutls_handshake() failed: "),
    (r"\bGnuTLS recv error \(-12\): A TLS fatal alert has been received\b",
     "curl (GnuTLS): the server sent a fatal alert after the handshake had completed (over "
     "TLS 1.3 that is how a server refuses a missing or untrusted client certificate)",
     "client_cert_required:.5 server_misconfiguration:.25 "
     "middlebox_or_firewall_interference:.25", SPECIFIC, _GTLS_RECV),
]
_LDAP: list[Row] = [
    # the tools' names for the call (strings of ldapsearch 2.5.13: "ldap_sasl_bind(SIMPLE)",
    # "ldap_sasl_interactive_bind", "ldap_bind"; 2.4's tools add "_s")
    (r"\bldap_(?:sasl_bind\(SIMPLE\)|sasl_interactive_bind(?:_s)?|bind): Can't contact LDAP "
     r"server \(-1\)",
     "OpenLDAP tool: the bind could not be sent or answered (LDAP_SERVER_DOWN): the "
     "connection or its TLS handshake failed, and without -d 1 nothing says which",
     _SERVER_DOWN, GENERIC, _TOOLS, "can't contact ldap server (-1)"),
    (r"\bldap_result: Can't contact LDAP server \(-1\)",
     "OpenLDAP tool: the bind went out (the connection, and for ldaps:// its TLS handshake, "
     "had completed) and the server closed the connection instead of answering",
     _AFTER_SEND, SPECIFIC, _TOOLS),
    (r"\bTLS: can't connect: The TLS connection was non-properly terminated\.",
     "libldap: the server closed the connection during the TLS handshake, without an alert "
     "(an ldaps:// URL on the plain LDAP port, or a client certificate the server demanded)",
     _CLOSED_IN_HANDSHAKE, REASON, _TLS2),
]


def _rows(source: str, rows: list[Row]) -> tuple[Pattern, ...]:
    return tuple(replace(p, id=f"{source}.r22.{n}")
                 for n, p in enumerate(table(source, _TOOLS, rows, side="client")))


PATTERNS: tuple[Pattern, ...] = _rows("curl", _CURL) + _rows("openldap", _LDAP)
