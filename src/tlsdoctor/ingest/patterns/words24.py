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
- Qt's OpenSSL symbol loading (qt/qtbase @ 7f77dc84fb434f33ffe96f6633792706b80fb0a3
  src/network/ssl/qsslsocket_openssl_symbols.cpp, qsslSocketCannotResolveSymbolWarning and
  qsslSocketUnresolvedSymbolWarning; the same words in Qt 6's
  plugins/tls/openssl/qsslsocket_openssl_symbols.cpp under the category qt.openssl.symbols):
  Qt loads libssl/libcrypto at run time and warns "QSslSocket: cannot resolve %s" for each
  function the loaded library lacks, "cannot call unresolved function %s" when one is then
  used. The library found is not the OpenSSL version this Qt was built for (1.0 beside a Qt
  built for 1.1, or the reverse): the client's own installation, whatever the server is.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, SPECIFIC, Pattern, Row, table

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

_QT = ("qt/qtbase @ 7f77dc84fb434f33ffe96f6633792706b80fb0a3 "
       "src/network/ssl/qsslsocket_openssl_symbols.cpp")
_QT_ROWS: list[Row] = [
    (r"\bQSslSocket: cannot (?:resolve|call unresolved function) [A-Za-z_][A-Za-z0-9_]{1,60}",
     "Qt could not find the OpenSSL functions it was built for in the libssl/libcrypto it "
     "loaded: this machine's OpenSSL is another version than Qt expects (or missing)",
     "client_misconfiguration:1", SPECIFIC, _QT, "qsslsocket: cannot "),
]

PATTERNS: tuple[Pattern, ...] = tuple(
    replace(p, id=f"node.r24.{n}")
    for n, p in enumerate(table("node", _NODE, _NODE_ROWS, side="client"))) + tuple(
    replace(p, id=f"qt.r24.{n}")
    for n, p in enumerate(table("qt", _QT, _QT_ROWS, side="client")))
