"""libldap's debug trace (ldapsearch -d 1) that shows an ldaps:// handshake completed before
the bind failed (round 22).

With GnuTLS under it, libldap prints a failed TLS handshake or certificate check as
"TLS: ..." lines (libraries/libldap/tls2.c, tls_g.c); for ldaps:// the handshake runs inside
the connection's set-up, before request.c's ldap_send_initial_request prints
"ldap_open_defconn: successful" (openldap/openldap libraries/libldap/request.c and open.c
@ 05734071a2269d309d0dddbed26c18dbe6f6e344). A trace of an ldaps:// URL with that line, no
"TLS:" failure line, and then "Can't contact LDAP server (-1)" is a server that closed the
connection after the handshake. Over TLS 1.3 the server judges the client's certificate
only after the client's handshake completed (RFC 8446 §4.4.2.4), so this is how ldapsearch
shows a client certificate that slapd (TLSVerifyClient demand) or another server wanted and
did not get or did not accept: seen here with ldapsearch 2.5.13 against slapd 2.5.13 and
openssl s_server -Verify, TLS 1.3. Other closes after the handshake read the same, so the
reading stays below certainty.
"""

from __future__ import annotations

import re

__all__ = ["CLAIMS", "MEANING", "handshake_then_closed"]

_LDAPS = re.compile(r"^ldap_url_parse_ext\(ldaps://", re.MULTILINE)
_OPENED = re.compile(r"^ldap_open_defconn: successful[ \t]*$", re.MULTILINE)
_TLS_FAILED = re.compile(r"^TLS: (?!warning: )", re.MULTILINE)
_DOWN = re.compile(r"^[\w()]{1,40}: Can't contact LDAP server \(-1\)", re.MULTILINE)

CLAIMS = ("client_cert_required:.5 middlebox_or_firewall_interference:.25 "
          "server_misconfiguration:.25")
MEANING = ("libldap's trace: the ldaps:// connection and its TLS handshake completed "
           "(ldap_open_defconn: successful, no TLS failure line), the bind went out, and "
           "the server closed the connection: over TLS 1.3, a client certificate the server "
           "demanded was missing or not accepted")


def handshake_then_closed(text: str) -> str:
    """The trace's line that shows the handshake passed, when the text is such a trace
    ("" otherwise)."""
    if len(text) > 1_000_000 or not _LDAPS.search(text) or _TLS_FAILED.search(text):
        return ""
    opened = _OPENED.search(text)
    if opened is None or _DOWN.search(text, opened.end()) is None:
        return ""
    return opened.group(0).strip()
