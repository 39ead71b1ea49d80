"""Which side of the handshake printed a text: a server's log or a client's error.

It decides what a received alert means: on a client, "alert unknown ca" is the server
rejecting the client's certificate; in a server's log, it is the client rejecting the
server's chain. The words that say so are the program's own framing, not the TLS error:
the function that failed (``SSL_accept`` vs ``SSL_connect``, OpenSSL's state-machine
function names), the log line a server writes around it, or the stack frames of a JSSE
handshake. When none does, the sources decide: a server product's wording is a server's
log unless it says it was acting as a client (nginx to an upstream, Postfix's smtp).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .patterns import SERVER_SOURCES

# A server (or a server product acting as a client) says it was the client here.
_CLIENT = re.compile("|".join((
    r"to upstream",                      # nginx proxying: ngx_http_upstream.c
    r"SSL_connect(?:\(\))? (?:error|failed)",  # Postfix smtp, Dovecot, stunnel clients
    r"\bsmtp\[\d",                       # Postfix's SMTP client (smtpd is the server)
    r"\bCONNECTED\(0",                   # openssl s_client
    r"\bVerify return code:",            # openssl s_client
    # OpenSSL state machine, client side (ssl/statem/statem_clnt.c; 1.0.2 s3_clnt.c)
    r"\b(?:tls_process_server_(?:hello|certificate|done)|tls_post_process_server_certificate"
    r"|tls_process_ske_\w+|tls_process_key_exchange|ssl3_get_server_(?:hello|certificate)"
    r"|ssl3_get_key_exchange|tls_construct_client_hello)\b",
    r"\bClientHandshakeContext\b|\bClientHandshaker\b",  # JSSE client frames
    r"Consuming ServerHello handshake message",           # JSSE debug, client
    r"\bcurl: \(\d+\)",                                    # curl's exit line
    r"\bfatal: unable to access '",                        # git (http.c: die "unable to access")
    r"\b(?:Get|Post|Put|Head|Delete) \"https?://",         # Go net/http client errors
    r"\bHTTPSConnectionPool\b|\burllib3\b|requests\.exceptions",
    r"\bopenssl s_client\b",                               # the command line, pasted
    r"\bconnection to server (?:at|on) \"",                 # libpq (psql...) client prefix
    # Node's client frames (lib/_tls_wrap.js tls.connect, lib/https.js Agent)
    r"\bObject\.connect \((?:node:)?_tls_wrap|\bcreateConnection \((?:node:)?https"
    r"|\bonConnectSecure\b",
)), re.IGNORECASE)

# Words only a server's log has.
_SERVER = re.compile("|".join((
    r"\bTLS handshake error from\b",     # Go net/http server (net/http/server.go)
    r"could not accept SSL connection",  # PostgreSQL backend (be-secure-openssl.c)
    # PostgreSQL backend: auth.c (clientcert) and postmaster.c ProcessStartupPacket
    r"\bFATAL:  connection requires a valid client certificate|\binvalid length of startup packet",
    r"\bSSL_accept\b",                   # stunnel, Dovecot, Postfix smtpd, Exim, s_server
    r"\bsmtpd\[\d|\b(?:imap|pop3|submission)-login:",  # Postfix smtpd, Dovecot logins
    # OpenSSL state machine, server side (ssl/statem/statem_srvr.c; 1.0.2 s3_srvr.c)
    r"\b(?:tls_(?:early_)?(?:post_)?process_client_(?:hello|certificate|key_exchange)"
    r"|ssl3_get_client_(?:hello|certificate|key_exchange)|tls_construct_server_hello)\b",
    # JSSE server frames and javax.net.debug lines
    r"\bServerHandshakeContext\b|\bServerHandshaker\b|\bSSLServerSocketImpl\b",
    r"Consuming ClientHello handshake message|ClientHello\$ClientHelloConsumer",
    r"\btlsClientError\b",               # Node tls.Server event
    # An accepting listener's own lines: Mosquitto's broker (src/loop.c "Socket error on
    # client %s, disconnecting.", src/net.c / handle_connect.c "New connection from %s on
    # port %d."); only the side that accepted a connection logs where it came from.
    r"\bNew connection from \S{1,80} on port \d{1,5}\b",
    r"\bSocket error on client \S{1,80}, disconnecting\b",
    r"^ACCEPT$",                         # openssl s_server, once it listens
    # openssl s_server: a failed accept prints "ERROR" alone, then the error queue
    # (apps/s_server.c init_ssl_connection; s_client prints no such line)
    r"^ERROR\n[0-9A-F]{6,16}:error:",
)), re.IGNORECASE | re.MULTILINE)

# gnutls-serv (src/serv.c): "Error in handshake: " and gnutls_strerror()'s sentence, which
# starts with a capital and ends with a full stop. Case-sensitive: GnuTLS's examples and
# other clients print "error in handshake: ..." of their own.
_GNUTLS_SERV = re.compile(r"^Error in handshake: [A-Z][^\n]{5,120}\.$", re.MULTILINE)


# OpenSSL's verify callback lines (apps/lib/s_cb.c verify_callback: "depth=%d ",
# "verify error:num=%d:%s", "verify return:%d"). s_client prints them about the *server's*
# chain; s_server prints the same lines only when it verifies client certificates
# (-verify/-Verify), and then its log also has server words ("ACCEPT"), checked first.
_VERIFY_CALLBACK = re.compile(r"^[ \t]*(?:depth=\d{1,2} |verify error:num=\d|verify return:\d)",
                              re.IGNORECASE | re.MULTILINE)


def server_words(text: str) -> bool:
    """True when the text has words only a server's own log has (not merely a match of a
    server product's table, whose generic phrases other programs print too)."""
    return bool(_SERVER.search(text) or _GNUTLS_SERV.search(text))


def server_side(text: str, sources: Iterable[str]) -> bool:
    """True when ``text`` is a server's own log (the alerts it quotes came from a client)."""
    return bool(side_said(text, sources))


def side_said(text: str, sources: Iterable[str]) -> bool | None:
    """True (a server's log), False (a client's error), or None when nothing in the text
    says which: then a received alert could be either side's complaint."""
    if _CLIENT.search(text):
        return False
    if _SERVER.search(text) or _GNUTLS_SERV.search(text):
        return True
    if _VERIFY_CALLBACK.search(text):
        return False
    if any(s in SERVER_SOURCES for s in sources):
        return True
    return None
