"""Round 25: in-text misses, read as the classes of wording they belong to.

- Conversations (the Android XMPP client; iNPUTmice/Conversations @
  ecb63c0e2fb977c65985e44aace44a929b5165b5 src/main/java/eu/siacs/conversations/xmpp/
  XmppConnection.java, res/values*/strings.xml @ d4d270a700d8f2b6c1763b5783667315ea47feb9
  and @ ecb63c0e2fb977c65985e44aace44a929b5165b5): after the handshake its XmppDomainVerifier
  checks the server's certificate against the account's XMPP domain; when it fails the
  account's status becomes TLS_ERROR_DOMAIN, shown as "Domain not verifiable" ("Domain nicht
  überprüfbar" in German). A trust failure is another status ("TLS negotiation failed"), so
  this one is the certificate's names.
- MariaDB Connector/C (mariadb-corporation/mariadb-connector-c @
  53243b8a7a3d8125d86004b1b784e40f75298d6b plugins/auth/my_auth.c): its only "Certificate
  verification failure" is the sentence "Certificate verification failure: The certificate
  is NOT trusted." after "TLS/SSL error: " (its peer-certificate check when no CA was given);
  a driver or a poster that cuts it after the head still says that sentence, read as the
  whole one is (judgement/mariadb.py).
- JSSE's debug trace (javax.net.debug, JDK 8: JetBrains/jdk8u_jdk @
  94318f9185757cc33d2b8d527d36be26ac6b7582 src/share/classes/sun/security/ssl/
  OutputRecord.java "WRITE: <version> <type>", InputRecord.java "READ: <record version>
  <type>"): the READ line prints the version of the record the server sent. When the first
  record back after the client's handshake written at TLS 1.1 or 1.2 is an Alert of an
  older version (no ServerHello read before it), the server answered from an older
  protocol than the one offered: a server that only speaks the old one and refuses instead
  of negotiating down. The alert's own name may be anything (a fatal close_notify, a
  handshake_failure).
- wget (mirror/wget @ 8775506f632f14404e4755dbae679dea07abf12a src/http.c): "Read error at
  byte N (<error>)." is printed only when the response had no Content-Length (the body
  ends where the server closes); with a known length the form is "at byte N/M". A TLS
  library's "the peer closed without close_notify" there (GnuTLS's "The TLS connection was
  non-properly terminated.", OpenSSL 3's "unexpected eof while reading") is the server
  ending its body without shutting TLS down.
- FileZilla (rain-1/filezilla-ng @ 2d491ff35c2e12bff48dee65256cb93318d89a04
  src/engine/tlssocket_impl.cpp CTlsSocketImpl::Failure; locales/*.po;
  src/engine/ftp/transfersocket.cpp): "Server did not properly shut down TLS connection" is
  logged when the socket saw the server's end of stream with GnuTLS's premature
  termination; on its own it is harmless (judgement/filezilla.py: no fault), but followed
  by "Could not read from transfer socket" (never translated) the transfer failed because
  the FTP server closed the data connection without a TLS shutdown: the server's TLS
  handling (the client's words name the server; a box cutting data connections prints
  the same lines, second).
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

from . import REASON, SPECIFIC, Pattern, Row, sourced_table
from .judgement._databases import DB_UNTRUSTED

_CONVERSATIONS = ("iNPUTmice/Conversations @ ecb63c0e2fb977c65985e44aace44a929b5165b5 "
                  "src/main/java/eu/siacs/conversations/xmpp/XmppConnection.java "
                  "(TLS_ERROR_DOMAIN); src/main/res/values/strings.xml @ "
                  "d4d270a700d8f2b6c1763b5783667315ea47feb9, values-de/strings.xml @ "
                  "ecb63c0e2fb977c65985e44aace44a929b5165b5 (account_status_tls_error_domain)")
_MARIADB = ("mariadb-corporation/mariadb-connector-c @ 53243b8a7a3d8125d86004b1b784e40f75298d6b "
            "plugins/auth/my_auth.c, libmariadb/ma_errmsg.c (2026 \"TLS/SSL error: %s\")")
_JSSE = ("JetBrains/jdk8u_jdk @ 94318f9185757cc33d2b8d527d36be26ac6b7582 "
         "sun/security/ssl/OutputRecord.java (WRITE), InputRecord.java (READ), "
         "SSLSocketImpl.java (recvAlert)")
_WGET = "mirror/wget @ 8775506f632f14404e4755dbae679dea07abf12a src/http.c (contlen == -1)"
_FILEZILLA = ("rain-1/filezilla-ng @ 2d491ff35c2e12bff48dee65256cb93318d89a04 "
              "src/engine/tlssocket_impl.cpp (Failure), locales/*.po, "
              "src/engine/ftp/transfersocket.cpp")

# The version of the client's handshake record (its WRITE line) -> the older record versions
# a server's alert (its READ line) may come back in, which say it answered from an older
# protocol (a JDK 8 trace's names).
_JSSE_OLDER = {"TLSv1.1": r"SSLv3|TLSv1", "TLSv1.2": r"SSLv3|TLSv1(?:\.1)?"}
# Lines between the client's handshake record and the alert: none of them a record read.
_NO_READ = r"(?:(?![^\n]{0,300}\bREAD: )[^\n]{0,300}\n){0,8}?"


def _jsse_rx() -> str:
    branches = [rf"\bWRITE: {re.escape(mine)} Handshake, length = \d{{1,6}}\n{_NO_READ}"
                rf"[^\n]{{0,200}}?\bREAD: (?:{older}) Alert, length = \d{{1,3}}\b"
                for mine, older in _JSSE_OLDER.items()]
    return "|".join(branches)


@cache
def _filezilla_status() -> tuple[str, ...]:
    """FileZilla's "Server did not properly shut down TLS connection" in every language
    its catalogs (upstream/filezilla.json) have."""
    data = json.loads((Path(__file__).parent / "upstream/filezilla.json").read_text())
    return tuple(sorted({e["text"] for e in data["entries"]
                         if e["id"] == "Server did not properly shut down TLS connection"}))


def _filezilla_rx() -> str:
    """The status line (any language), then within two lines FileZilla's untranslated
    transfer failure: the close that cost the transfer, not one it logged and went on."""
    said = "|".join(re.escape(t) for t in _filezilla_status())
    return (rf"(?:{said})[ \t.]*\n(?:[^\n]{{0,300}}\n){{0,2}}?[^\n]{{0,40}}?"
            r"\bCould not read from transfer socket: ")


_ROWS: list[tuple[str, Row]] = [
    ("conversations", (r"\bDomain (?:not verifiable|nicht überprüfbar)\b",
                       "Conversations: the server's certificate does not name the account's "
                       "XMPP domain (its domain check after the handshake)",
                       "hostname_mismatch:.8 sni_required_or_mismatch:.1 "
                       "server_misconfiguration:.1", REASON, _CONVERSATIONS,
                       "domain ")),
    ("mariadb", (r"\bTLS/SSL error: Certificate verification failure\b",
                 "MariaDB Connector/C: the server's certificate is not trusted (its check "
                 "when no CA was configured; the sentence's head)",
                 DB_UNTRUSTED, REASON, _MARIADB, "certificate verification failure")),
    ("java", (_jsse_rx(),
              "Java (javax.net.debug): the server answered the ClientHello with an alert in "
              "an older protocol version's record (a server that only speaks the old one)",
              "protocol_version_mismatch:.55 server_misconfiguration:.25 "
              "cipher_suite_mismatch:.2", SPECIFIC, _JSSE, " alert, length = ")),
    ("wget", (r"\bRead error at byte \d{1,15} \((?:The TLS connection was non-properly "
              r"terminated\.|[^()\n]{0,120}\bunexpected eof while reading)\)",
              "wget: the server ended a response without a length by closing the connection "
              "without a TLS shutdown (close_notify)",
              "server_misconfiguration:.55 middlebox_or_firewall_interference:.3 "
              "client_misconfiguration:.15", SPECIFIC, _WGET, "read error at byte ")),
    ("filezilla", (_filezilla_rx(),
                   "FileZilla: the FTP server closed the data connection without a TLS "
                   "shutdown and the transfer failed",
                   "server_misconfiguration:.55 middlebox_or_firewall_interference:.3 "
                   "client_misconfiguration:.15", SPECIFIC, _FILEZILLA,
                   "could not read from transfer socket")),
]

# Every row here is a client's own words.
PATTERNS: tuple[Pattern, ...] = sourced_table("r25", [(source, "client", row)
                                                      for source, row in _ROWS])
