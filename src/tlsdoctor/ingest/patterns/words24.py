"""Round 24 (holdout25's classes): words whose cause the tables read wrong or not at all.

- Node's host-name check against "localhost" (nodejs/node @
  00944c7cc25f391c3fbeba1e054a56a62cf0de12 lib/_tls_wrap.js, onConnectSecure): the name
  checked is ``options.servername || options.host || options.socket._host || 'localhost'``.
  So "Host: localhost. is not in the cert's altnames" is printed both when a program was
  pointed at localhost (a tunnel, a local relay, a server reached by the wrong name) and when
  it handed tls.connect a socket with no host or servername at all (then no SNI is sent
  either, lib/_tls_wrap.js only calls setServername for options.servername): the name check
  fails either way, but the second is the calling program's fault. A ranking, below 0.6:
  the name first (dev: a mailer pointed at localhost), the calling program's missing name
  second (dev: an XMPP library that passed only a socket), SNI third.
- Qt's OpenSSL symbol warnings ("QSslSocket: cannot resolve %s") were first read here; the
  harvested table (patterns/harvest24.py, source qt_tls) reads them with Qt's other TLS
  back-end messages, and its reading is the same (the client's own OpenSSL).
- Outlook's and Windows Mail's transport errors (closed): their numbers are the Internet
  Mail and News transport's IXP_E_* codes of the Windows SDK's imnxport.h, reimplemented in
  wine-mirror/wine @ 181d2fb65ea702dd143a859c23c45adbe077c193 include/imnxport.idl:
  0x800CCC01 IXP_E_INVALID_CERT_CN (the certificate's name is not the server's),
  0x800CCC02 IXP_E_INVALID_CERT_DATE (outside its validity dates). Only the numbers are
  matched: the sentences Outlook prints beside them are in no public source. (0x800CCC1A,
  IXP_E_SECURE_CONNECT_FAILED, is read by the harvested table, source outlook_mail, from
  Microsoft's own article on it.)
"""

from __future__ import annotations

from . import REASON, SPECIFIC, Pattern, Row, sourced_table

_NODE = ("nodejs/node @ 00944c7cc25f391c3fbeba1e054a56a62cf0de12 lib/_tls_wrap.js "
         "(onConnectSecure: servername || host || socket._host || 'localhost'), lib/tls.js "
         "(checkServerIdentity)")
_NODE_ROWS: list[Row] = [
    # Node 10+ and Node 8's wording ("doesn't"); the altnames list names no loopback name.
    (r"\bHostname/IP do(?:es not|esn't) match certificate's altnames: \"?Host: localhost\.? "
     r"is not in the cert's altnames: (?![^\n]{0,2000}\bDNS:localhost\b)",
     "Node checked the certificate against localhost: the program was pointed at localhost, "
     "or gave tls.connect no host or servername (Node's default name)",
     "hostname_mismatch:.5 client_misconfiguration:.35 sni_required_or_mismatch:.15",
     REASON + 2, _NODE, "host: localhost"),
]

_IXP = ("wine-mirror/wine @ 181d2fb65ea702dd143a859c23c45adbe077c193 include/imnxport.idl "
        "(the Windows SDK's imnxport.h IXP_E_* codes)")
_IXP_ROWS: list[Row] = [
    (r"(?<![0-9A-Fa-f])0x800CCC01\b",
     "Outlook/Windows Mail error 0x800CCC01 (IXP_E_INVALID_CERT_CN): the certificate does not "
     "name the mail server asked", "hostname_mismatch:1", SPECIFIC, _IXP, "0x800ccc01"),
    (r"(?<![0-9A-Fa-f])0x800CCC02\b",
     "Outlook/Windows Mail error 0x800CCC02 (IXP_E_INVALID_CERT_DATE): the certificate is "
     "outside its validity dates (or this machine's clock is)",
     "cert_expired:.5 client_clock_wrong:.3 cert_not_yet_valid:.2", SPECIFIC, _IXP,
     "0x800ccc02"),
]

# One table per source: each source's ids count from 0 (node.r24.0, outlook.r24.0, ...).
PATTERNS: tuple[Pattern, ...] = (
    sourced_table("r24", [("node", "client", row) for row in _NODE_ROWS])
    + sourced_table("r24", [("outlook", "client", row) for row in _IXP_ROWS]))
