"""The bytes were not TLS, or the connection died: a client's error read in its context.

"wrong version number", "first record does not look like a TLS handshake", "An unexpected
TLS packet was received" (the reply to the ClientHello was not TLS), "SSL_ERROR_SYSCALL",
"unexpected eof while reading", "EOF occurred in violation of protocol", "non-properly
terminated", ECONNRESET (the peer closed or reset without a word) and a handshake timeout
say the same thing in every stack: what answered on that address did not speak TLS, or cut
the connection. WHO answered is not in those words; it is in the text around them, the same
for every stack (``CONTEXTS``, checked in order):

- ``proxy_https``: the client's proxy is written with ``https://`` (``https_proxy=https://``,
  curl's ``Uses proxy env variable https_proxy == 'https://...'``, ``--proxy https://``,
  ``-x https://``, a ``proxies`` dict, npm/yarn/pip/git proxy settings, urllib3's own "Your
  proxy appears to only use HTTP and not HTTPS", urllib3 2's "Unable to connect to proxy"
  around an SSLError: it wraps only errors before the proxy connection completed,
  ``has_connected_to_proxy`` in urllib3/connectionpool.py 2.x, so the TLS that failed was
  the proxy's; Go's ``proxyconnect tcp: tls:``). Almost
  every proxy people run (squid, a corporate proxy, clash, v2ray, Fiddler) takes plain HTTP
  and CONNECT: the client spoke TLS to it and it answered an HTTP error or closed. The client's
  setting is the fix (``http://``); the TLS to the site still runs inside the tunnel.
- ``via_proxy``: curl names the host it failed with ("in connection to H:P") and the URL names
  another: the TLS that failed was spoken to a proxy, the same mistake without its setting.
- ``proxy_http``: a proxy in the path, written with ``http://`` or only named (``Proxy
  CONNECT``, ``Unable to connect to proxy``): the proxy (or what it lets through) cut or
  answered the tunnel; its setting (``no_proxy``) is the other candidate.
- ``plain_port`` / ``scheme``: the target port is a plaintext service's (80, 8080, 8000, 25,
  587, 143, 110, 389, 1883, 21, 5672) or the URL's scheme contradicts its port (``https://h:80``,
  ``ldaps://h:389``, ``imaps://h:143``, ``smtps://h:587``): TLS was spoken to a plain port; the
  client's port or scheme (or STARTTLS) is the fix.
- ``proxy_port``: the target port is a proxy's default (3128 squid, 8118 privoxy, 7890
  clash, 10809 v2ray, 1080): most likely the client's proxy setting, not a server.
- ``loopback_direct``: a server tester that reads no proxy setting (gnutls-cli, s_client)
  cut by a service on 127.0.0.1/localhost/::1: no network and no proxy in between, so the
  local service's TLS set-up (no certificate loaded, TLS off on that port) comes first.
  Loopback from any other client is left to the tables (``loopback``, no reading): a local
  proxy written https:// (curl-openssl-b9949fb4) and a local server that hangs up (the client
  matrix's hangup cells) print the same words.
- ``tls_port`` (443, 8443, 993...) is read but changes nothing: a public host's TLS port
  answering plain text is the path or the proxy setting (round 6, hostclass), a private
  one's the service; the tables already rank them.

Without context the tables' readings stand (plain text on the port first below 0.6 for the
not-TLS wordings, a middlebox first for a close, a timeout below 0.6), restated under the
class's id so that its checks tell the candidates apart (round 15); when no table read the
words, or only a wrapper's generic "handshake failed" guess did, the class's counted prior
decides (``_UNSAID_CLAIMS``). A full trace that shows the ClientHello sent and nothing back
(``unanswered``) is its own kind: the path first over a network, the local service on
loopback (round 15, "not TLS, or died (who answered)"). Counts over the dev
threads, per wording, side and context, are in docs/explain-upstream.md "Round 14: not TLS,
or died". The reading's pattern id is ``notls.<kind>.<context>.<party>``: the judgement reads
the party from it (diagnosis/rules/_text.py), the fixes the context (fixes/notls_text.py).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..causes import Cause
from .stage import read_stage

__all__ = ["CLASS", "CONTEXTS", "WORDINGS", "Reading", "context_of", "reading", "unanswered"]

Causes = tuple[tuple[Cause, float], ...]
NTS, MB = Cause.NON_TLS_SERVICE_ON_PORT, Cause.MIDDLEBOX_OR_FIREWALL_INTERFERENCE
CM, SM = Cause.CLIENT_MISCONFIGURATION, Cause.SERVER_MISCONFIGURATION
PV = Cause.PROTOCOL_VERSION_MISMATCH

# The causes the class's wordings are read as; a text whose best reading is another cause
# (a certificate, a name, a version the words name) is left alone.
CLASS = frozenset({NTS, MB, CM, SM, Cause.PROTOCOL_VERSION_MISMATCH,
                   Cause.CIPHER_SUITE_MISMATCH, Cause.SNI_REQUIRED_OR_MISMATCH,
                   Cause.CLIENT_CERT_REQUIRED, Cause.NAME_RESOLUTION_OR_UNREACHABLE})

# (stack, kind, regex): "not_tls" the reply was not TLS, "closed" the peer closed or reset
# without an alert, "timeout" the handshake did not finish. Each is the program's own text:
# OpenSSL ssl/ssl_err.c (SSL_R_WRONG_VERSION_NUMBER 267, SSL_R_UNKNOWN_PROTOCOL 252,
# SSL_R_PACKET_LENGTH_TOO_LONG 198, SSL_R_UNEXPECTED_EOF_WHILE_READING 294) and apps/curl's
# "SSL_ERROR_SYSCALL"; CPython Modules/_ssl.c ("EOF occurred in violation of protocol",
# "The handshake operation timed out"); GnuTLS lib/errors.c (GNUTLS_E_UNEXPECTED_PACKET,
# _UNEXPECTED_PACKET_LENGTH, _PREMATURE_TERMINATION, _PULL_ERROR); Go crypto/tls/conn.go
# ("first record does not look like a TLS handshake", "oversized record received"),
# net/http/transport.go ("TLS handshake timeout"); OpenJDK sun/security/ssl/SSLSocketImpl.java
# ("Remote host terminated the handshake"), SSLEngineInputRecord.java ("Unsupported or
# unrecognized SSL message"); Node lib/_tls_wrap.js ("Client network socket disconnected
# before secure TLS connection was established"); .NET System.Net.Security Strings.resx
# (net_io_eof "Received an unexpected EOF or 0 bytes from the transport stream",
# net_ssl_io_frame "The handshake failed due to an unexpected packet format"); rustls
# InvalidContentType; mbedTLS MBEDTLS_ERR_SSL_INVALID_RECORD; NSS SSL_ERROR_RX_RECORD_TOO_LONG,
# PR_END_OF_FILE_ERROR; wget src/openssl.c "Unable to establish SSL connection"; glibc strerror
# ECONNRESET.
WORDINGS: tuple[tuple[str, str, str], ...] = (
    ("openssl", "not_tls", r"wrong[ _]version[ _]number|\bunknown[ _]protocol\b|"
                           r"packet[ _]length[ _]too[ _]long|"
                           # the packed codes, also as SWI-Prolog prints them ("SSL(<code>)")
                           r"(?:\berror:|\bSSL\()"
                           r"(?:14[0-9A-F]{3}(?:10B|0FC|0C6)|0A0000(?:10B|0FC|0C6))\b"),
    ("gnutls", "not_tls", r"An unexpected TLS packet was received|A TLS packet with unexpected "
                          r"length was received|GNUTLS_E_UNEXPECTED_PACKET"),
    ("go", "closed", r"proxyconnect tcp: (?:EOF\b|read tcp)"),
    ("go", "not_tls", r"first record does not look like a TLS handshake|"
                      r"tls: oversized record received"),
    ("java", "not_tls", r"Unsupported or unrecognized SSL message|Unrecognized SSL message"),
    ("dotnet", "not_tls", r"unexpected packet format|Cannot determine the frame size or a "
                          r"corrupted frame was received"),
    ("rustls", "not_tls", r"InvalidContentType"),
    ("mbedtls", "not_tls", r"MBEDTLS_ERR_SSL_INVALID_RECORD|An invalid SSL record was received"),
    ("nss", "not_tls", r"SSL_ERROR_RX_RECORD_TOO_LONG"),
    ("openssl", "closed", r"SSL_ERROR_SYSCALL|unexpected[ _]eof[ _]while[ _]reading|"
                          r"EOF occurred in violation of protocol|\berrno=104\b"),
    # Round 15: the same close in more programs' words (each program's own source):
    # curl <= 7.51 lib/vtls/openssl.c "Unknown SSL protocol error in connection to %s:%ld"
    # when no OpenSSL error was queued (curl-7_47_0 06bf874bbc :2283; 7.88's sectransp.c
    # default), schannel.c "failed to receive handshake, SSL/TLS connection failed" on a
    # receive error or 0 bytes; sectransp.c prints its OSStatus where the port goes, and only
    # errSSLClosedAbort -9806 / errSSLClosedNoNotify -9816 are closes (-9800 is a protocol
    # error: curl-securetransport-d8a66b02, a server's signature algorithms) (5c61e168698a :1298), curl's own Windows strerror
    # "Connection was reset" (lib/curlx/strerr.c WSAECONNRESET, 5c61e168698a :132); Ruby
    # ext/openssl/ossl_ssl.c "%s SYSCALL returned=%d" (5fe1b71b1c :1854); CPython
    # SSLZeroReturnError "TLS/SSL connection has been closed (EOF)"; OpenJDK
    # SSLSocketInputRecord.java "SSL peer shut down incorrectly" (jdk-25.0.3+9); Conscrypt
    # native_crypto.cc "Connection closed by peer" (3869db7b83a5 :11125, a clean close before
    # the handshake ended); mbedTLS MBEDTLS_ERR_SSL_CONN_EOF "The connection indicated an
    # EOF"; Apple SecBase.h errSSLClosedAbort -9806, errSSLClosedNoNotify -9816
    # (apple-oss-distributions/Security db15acbe6a7f :813, :823); .NET net_auth_eof.
    ("curl", "closed", r"Unknown SSL protocol error in connection to [^\s:]{1,253}:"
                       r"(?:\d|-98(?:06|16)\b)|schannel: failed to "
                       r"receive handshake, SSL/TLS connection failed|\bConnection was reset\b"),
    ("ruby", "closed", r"\bSYSCALL returned=\d"),
    ("python", "closed", r"TLS/SSL connection has been closed \(EOF\)"),
    ("java", "closed", r"SSL peer shut down incorrectly|\bConnection closed by peer\b"),
    ("mbedtls", "closed", r"MBEDTLS_ERR_SSL_CONN_EOF|The connection indicated an EOF|"
                          r"-0x7280\b|\breturned -29312\b"),
    ("apple", "closed", r"\berrSSLClosed(?:Abort|NoNotify)\b|_kCFStreamErrorCodeKey=-98(?:06|16)\b"),
    ("dotnet", "closed", r"remote party has closed the transport stream"),
    # OpenJDK sun/nio/ch/NioSocketImpl.java "Connection reset" (a reset during the handshake
    # reaches the caller bare; Java 17 on loopback, measured)
    ("java", "closed", r"SocketException: Connection reset\b"),
    ("gnutls", "closed", r"non-properly terminated|GNUTLS_E_PREMATURE_TERMINATION|"
                         r"Error in the pull function|GNUTLS_E_PULL_ERROR"),
    ("java", "closed", r"Remote host terminated the handshake|"
                       r"Remote host closed connection during handshake"),
    ("node", "closed", r"socket disconnected before secure TLS connection was established|"
                       r"\bsocket hang up\b"),
    ("dotnet", "closed", r"unexpected EOF or 0 bytes from the transport stream|"
                         r"forcibly closed by the remote host"),
    ("browser", "closed", r"PR_END_OF_FILE_ERROR|ERR_CONNECTION_CLOSED|ERR_CONNECTION_RESET"),
    ("wget", "closed", r"Unable to establish SSL connection"),
    ("system", "closed", r"Connection reset by peer|\bECONNRESET\b"),
    # PHP ext/openssl/xp_ssl.c (harvested @ d687a1bf573d): a close without an alert or an
    # errno leaves no "SSL: ..." line of its own, only the caller's "Failed to enable crypto"
    # (PHP 8.2 on loopback against a listener that closes after the hello, measured); any
    # reason PHP prints ("SSL operation failed ... OpenSSL Error messages", "SSL: Connection
    # reset by peer", "SSL: Handshake timed out", "Peer certificate ...") comes first
    ("php", "closed", r"\A(?:(?!OpenSSL Error messages|SSL: |SSL operation failed|Peer "
                      r"certificate)[\s\S]){0,20000}?Failed to enable crypto"),
    # Round 27: libmosquitto's MOSQ_ERR_TLS text (eclipse/mosquitto @ fb9b1153924a
    # lib/strings_mosq.c mosquitto_strerror), any TLS failure of an MQTT client built on it
    # (owntracks' recorder prints it as "Unable to connect (8) [A TLS error occurred.]"): read
    # only where the context names the party (_CONTEXT_ONLY), e.g. TLS to MQTT's plain 1883
    ("mosquitto", "closed", r"\bA TLS error occurred\b"),
    ("any", "timeout", r"handshake (?:operation )?timed out|TLS handshake timeout|"
                       r"ERR_TLS_HANDSHAKE_TIMEOUT|SSL_connect\(\) timed out"),
)

_URL = r"[\"']?https://[A-Za-z0-9.\[\]:-]{0,260}"
# (context, regex), in order: the first that is in the text decides.
CONTEXTS: tuple[tuple[str, str], ...] = (
    ("proxy_https", r"\b(?:https?|all)[_-]?proxy[\"']?\s*(?:==|=|:)\s*" + _URL
                    + r"|(?:--proxy|--https-proxy|(?<!\S)-x)(?:=|\s+)" + _URL
                    + r"|\bproxy[\"']?\s*(?:==|=|:|\s)\s*" + _URL
                    + r"|\bproxies\s*=\s*\{[^}\n]{0,200}:\s*" + _URL
                    + r"|Your proxy appears to only use HTTP and not HTTPS"
                    # the quote as posted, straight or typographic (a forum's smart quotes)
                    + r"|Unable to connect to proxy['\u2019]?,\s*SSL\w*Error"
                    + r"|\bproxyconnect tcp: (?:tls:|EOF\b|read tcp)"),
    ("proxy_http", r"\b(?:https?|all)[_-]?proxy[\"']?\s*(?:==|=|:)\s*[\"']?http://"
                   r"|(?:--proxy|(?<!\S)-x)(?:=|\s+)[\"']?http://"
                   r"|Uses proxy env variable|(?-i:\bProxy CONNECT\b)|\bproxyconnect tcp\b"
                   r"|Unable to connect to proxy|Cannot connect to proxy|"
                   r"Establish HTTP proxy tunnel|tunneling socket could not be established"),
    ("scheme", r"\bhttps://[^\s/:'\"]{1,253}:(?:80|8080|8000)\b(?!\d)"
               r"|\bldaps://[^\s/:'\"]{1,253}:389\b|\bimaps://[^\s/:'\"]{1,253}:143\b"
               r"|\bpop3s://[^\s/:'\"]{1,253}:110\b"
               r"|\bsmtps://[^\s/:'\"]{1,253}:(?:25|587)\b(?!\d)"),
)
# The connection's port as clients print it: a URL, curl's "in connection to h:p" and
# "port p", s_client's -connect, urllib3's pool, "connect to h:p".
_PORT = re.compile(r"\b(?:https|wss|ldaps|imaps|smtps|mqtts|pop3s)://[^\s/:'\"]{1,253}:(?P<a>\d{1,5})\b"
                   r"|\bin connection to [^\s:]{1,253}:(?P<b>\d{1,5})\b"
                   r"|\bConnected to \S{1,253} \([^)\n]{0,60}\) port (?P<c>\d{1,5})\b"
                   r"|-connect \S{1,253}:(?P<d>\d{1,5})\b"
                   r"|HTTPSConnectionPool\(host='[^']{1,253}', port=(?P<e>\d{1,5})\)"
                   # also capitalised, a log line's first word ("Connecting to h:p...")
                   r"|\b[Cc]onnect(?:ing)? to [^\s:]{1,253}:(?P<f>\d{1,5})\b"
                   r"|\bpeeraddr=[^\s:]{1,253}:(?P<g>\d{1,5})\b"
                   # round 27: owntracks' recorder (owntracks/recorder @ ae2fd296caf8
                   # recorder.c "connecting to MQTT on %s:%d as clientID %s %s %s") and
                   # mosquitto's broker (src/net.c "New connection from %s:%d on port %d.",
                   # 1.x without the client's port): the listener's port
                   r"|\bconnecting to MQTT on [^\s:]{1,253}:(?P<h>\d{1,5})\b"
                   r"|\bNew connection from \S{1,260} on port (?P<i>\d{1,5})\.")
_LOOPBACK = re.compile(r"\bin connection to (?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)"
                       r"|\b(?:https|wss|ldaps|imaps)://(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|"
                       r"localhost|\[::1\])[:/'\"\s]"
                       r"|\bConnected to (?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost) "
                       r"|host='(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost)'"
                       r"|\bConnecting to '(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)[:']"
                       r"|-connect (?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost):"
                       r"|\bpeeraddr=(?:127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1):")
# A server tester that reads no proxy setting: gnutls-cli (src/cli.c "Connecting to '%s:%s'",
# "Processed %d CA certificate(s)") and openssl s_client ("CONNECTED(%08X)", -connect).
_DIRECT = re.compile(r"Processed \d+ CA certificate\(s\)|\bgnutls-cli\b|\bs_client\b|"
                     r"^CONNECTED\(0", re.MULTILINE)
# curl: the host of the URL and the host the TLS failed with ("in connection to H:P").
_CURL_URL = re.compile(r"\bcurl\b[^\n]{0,200}?\bhttps://(?P<h>[A-Za-z0-9.-]{1,253})")
_CURL_PEER = re.compile(r"\bin connection to (?P<h>[A-Za-z0-9.-]{1,253}):\d{1,5}")
PLAIN_PORTS = frozenset({80, 8080, 8000, 25, 587, 143, 110, 389, 1883, 21, 5672})
# The in-protocol upgrade a client sends on such a port (FTP's AUTH TLS, RFC 4217; SMTP's,
# IMAP's and LDAP's STARTTLS; POP3's STLS): when the text shows it, the plain port is where
# that upgrade belongs and says nothing about TLS spoken to a plain service.
_UPGRADE = re.compile(r"\bAUTH (?:TLS|SSL)\b|\bSTARTTLS\b|\bSTLS\b", re.IGNORECASE)
PROXY_PORTS = frozenset({3128, 8118, 7890, 10809, 1080})
TLS_PORTS = frozenset({443, 8443, 993, 995, 465, 636, 8883, 5671, 6697, 9443, 990, 5986})

_WORDING_RXS = tuple((s, k, re.compile(rx, re.IGNORECASE)) for s, k, rx in WORDINGS)
_CONTEXT_RXS = tuple((n, re.compile(rx, re.IGNORECASE)) for n, rx in CONTEXTS)

# (kind, context) -> (claims, party). The reasons are in the module doc; every claim a
# context cannot settle stays below 0.6.
_CLAIMS: dict[tuple[str, str], tuple[Causes, str]] = {
    ("not_tls", "proxy_https"): (((CM, 0.8), (NTS, 0.15), (MB, 0.05)), "client"),
    ("closed", "proxy_https"): (((CM, 0.75), (MB, 0.15), (NTS, 0.1)), "client"),
    ("timeout", "proxy_https"): (((CM, 0.5), (MB, 0.35), (NTS, 0.15)), "client"),
    ("not_tls", "via_proxy"): (((CM, 0.7), (NTS, 0.2), (MB, 0.1)), "client"),
    ("closed", "via_proxy"): (((CM, 0.55), (MB, 0.3), (NTS, 0.15)), "client"),
    ("not_tls", "proxy_http"): (((NTS, 0.45), (MB, 0.35), (CM, 0.2)), "either"),
    ("closed", "proxy_http"): (((MB, 0.5), (CM, 0.4), (NTS, 0.1)), "either"),
    ("not_tls", "scheme"): (((NTS, 0.85), (CM, 0.15)), "client"),
    ("closed", "scheme"): (((NTS, 0.7), (CM, 0.2), (MB, 0.1)), "client"),
    ("not_tls", "plain_port"): (((NTS, 0.8), (CM, 0.15), (MB, 0.05)), "client"),
    ("closed", "plain_port"): (((NTS, 0.55), (CM, 0.25), (MB, 0.2)), "client"),
    ("not_tls", "proxy_port"): (((CM, 0.55), (NTS, 0.4), (MB, 0.05)), "client"),
    ("closed", "proxy_port"): (((CM, 0.5), (MB, 0.3), (NTS, 0.2)), "client"),
    ("closed", "loopback_direct"): (((SM, 0.45), (NTS, 0.4), (CM, 0.15)), "server"),
    # Round 15: the trace shows the ClientHello sent and nothing back (``unanswered``). Over
    # a network the path drops it (a path-MTU black hole losing the large hello, a firewall
    # dropping TLS or this name): dev 3 of 3 such traces; a server whose TLS never answers
    # (TLS 1.3 hellos ignored, an overloaded or wedged listener) or a plain service waiting
    # for its own protocol's line are the others. TCP connected, so never unreachable.
    ("unanswered", "none"): (((MB, 0.45), (SM, 0.2), (PV, 0.15), (NTS, 0.15), (CM, 0.05)),
                             "either"),
    ("unanswered", "tls_port"): (((MB, 0.45), (SM, 0.2), (PV, 0.15), (NTS, 0.15), (CM, 0.05)),
                                 "either"),
    # on this machine nothing is in between: the local listener took the connection and its
    # TLS never answered, or it speaks another protocol and waits for its line
    ("unanswered", "loopback"): (((SM, 0.4), (NTS, 0.35), (CM, 0.15), (PV, 0.1)), "server"),
    ("unanswered", "loopback_direct"): (((SM, 0.4), (NTS, 0.35), (CM, 0.15), (PV, 0.1)),
                                        "server"),
    ("unanswered", "plain_port"): (((NTS, 0.55), (CM, 0.25), (MB, 0.2)), "client"),
    ("unanswered", "scheme"): (((NTS, 0.55), (CM, 0.25), (MB, 0.2)), "client"),
    ("unanswered", "proxy_https"): (((CM, 0.5), (MB, 0.35), (NTS, 0.15)), "client"),
    ("unanswered", "via_proxy"): (((CM, 0.5), (MB, 0.35), (NTS, 0.15)), "client"),
    ("unanswered", "proxy_port"): (((CM, 0.5), (MB, 0.3), (NTS, 0.2)), "client"),
    ("unanswered", "proxy_http"): (((MB, 0.45), (CM, 0.35), (NTS, 0.2)), "either"),
}

_MEANING = {
    "proxy_https": "the client's proxy is written with https://, and the proxy speaks plain "
                   "HTTP: the client spoke TLS to the proxy itself",
    "via_proxy": "the TLS that failed was spoken to another host than the URL's: a proxy "
                 "this client is set to use, most often written with https:// for a plain "
                 "HTTP proxy",
    "proxy_http": "the connection goes through a proxy: it (or what it lets through) cut or "
                  "answered the tunnel, or this host should not go through it",
    "scheme": "the URL's scheme asks for TLS on a port whose service speaks plain text",
    "plain_port": "TLS was spoken to a plaintext service's port (the client's port or "
                  "scheme; STARTTLS where the protocol has it)",
    "proxy_port": "the port is a proxy's usual one: the client's proxy setting, most often "
                  "written with https:// for a plain HTTP proxy",
    "loopback": "the connection was to this machine (no network in between, so no "
                "middlebox): the local listener is a proxy or tunnel this client is set to "
                "use, or a local service that does not speak TLS",
    "loopback_direct": "a server tester (which uses no proxy) was cut by a service on this "
                       "machine: its TLS is not set up (no certificate or key loaded, TLS off "
                       "on that port) or it does not speak TLS",
    "tls_port": "a TLS port answered plain text: the service holding it has TLS off (e.g. "
                "`listen 443` without `ssl`) or another service holds the port",
}
_MEANING["none"] = "the text names no proxy, port or host that says who held the address"
_UNANSWERED_MEANING = {
    "none": "over a network the path most often lost it (a path-MTU black hole: the hello is "
            "the first large packet; a firewall dropping TLS or this name), else the "
            "server's TLS never answers (TLS 1.3 hellos ignored, a wedged listener)",
    "tls_port": "the port is TLS's own, so its service should have answered: the path most "
                "often lost the hello (a path-MTU black hole: the hello is the first large "
                "packet; a firewall dropping TLS or this name), else the server's TLS never "
                "answers (TLS 1.3 hellos ignored, a wedged listener)",
    "loopback": "the connection was to this machine (nothing in between): the local listener "
                "took the connection and its TLS never answered, or it speaks another "
                "protocol and waits for that protocol's first line",
}
_UNANSWERED_MEANING["loopback_direct"] = _UNANSWERED_MEANING["loopback"]
_KIND = {"not_tls": "the reply to the ClientHello was not TLS",
         "closed": "the peer closed or reset the connection without a TLS alert",
         "timeout": "the TLS handshake did not finish in time",
         "unanswered": "the trace shows the TCP connection made and the ClientHello sent, and "
                       "nothing came back (the trace stops there, or the client gave up)"}


@dataclass(frozen=True, slots=True, kw_only=True)
class Reading:
    kind: str  # "not_tls", "closed", "timeout", "unanswered"
    context: str  # a CONTEXTS name or via_proxy, plain_port, proxy_port, loopback(_direct), tls_port
    party: str  # "client", "server", "either"
    claims: Causes
    meaning: str
    line: str  # the line with the wording
    words: str  # the context's words, as printed
    restated: bool = False  # the tables' own ranking and words, under the class's id


def is_close(line: str) -> bool:
    """Whether ``line`` says the peer closed or reset the connection (a "closed" wording)."""
    return any(kind == "closed" and rx.search(line) for _, kind, rx in _WORDING_RXS)


def context_of(text: str) -> tuple[str, str]:
    """(context, the words that show it), ("none", "") when the text has none."""
    for name, rx in _CONTEXT_RXS:
        m = rx.search(text)
        if m is not None:
            return name, m.group(0)
    url, peer = _CURL_URL.search(text), _CURL_PEER.search(text)
    if url is not None and peer is not None and url.group("h").lower() != peer.group("h").lower():
        return "via_proxy", peer.group(0)
    port = _port(text)
    if port in PROXY_PORTS:
        return "proxy_port", str(port)
    if port in PLAIN_PORTS and _UPGRADE.search(text) is None:
        return "plain_port", str(port)
    m = _LOOPBACK.search(text)
    if m is not None:
        direct = _DIRECT.search(text) is not None
        return "loopback_direct" if direct else "loopback", m.group(0).strip()
    if port in TLS_PORTS:
        return "tls_port", str(port)
    return "none", ""


def _port(text: str) -> int | None:
    m = _PORT.search(text)
    if m is None:
        return None
    return int(next(g for g in m.groups() if g is not None))


def reading(text: str, best: Causes) -> Reading | None:
    """The text's not-TLS, close or timeout wording (or a trace whose ClientHello got no
    answer) re-read by its context, or None when no wording of the class is in it, its best
    reading is another class's, or the context says nothing the tables' readings do not."""
    if best and best[0][0] not in CLASS:
        return None
    found = next(((k, m.start(), st) for st, k, rx in _WORDING_RXS
                  if (m := rx.search(text)) is not None), None)
    line = ""
    if found is None or found[0] == "timeout":
        # a timeout, or no words at all: a trace that shows the hello went unanswered says
        # more (unless the tables read something else than a transport failure in it)
        line = unanswered(text) if not best or best[0][0] in _TRANSPORT else ""
    if line:
        kind = "unanswered"
    elif found is None:
        return None
    else:
        kind, line = found[0], _line(text, found[1])
    context, words = context_of(text)
    got = _CLAIMS.get((kind, context))
    if got is None and context in _UNSAID and kind in _RESTATED:
        if found is not None and found[2] in _WRAPPER_LINES and _generic(best):
            return None  # a wrapper's own line alone: its reason was not pasted
        if found is not None and found[2] in _CONTEXT_ONLY:
            return None  # any failure's words: only a context that names the party reads them
        if kind not in _UNSAID_CLAIMS or not _generic(best):
            # the tables read the words as the class: their ranking stands, restated so
            # that the class's checks tell its candidates apart (round 15), with the
            # client's proxy or port among them (4 of 14 dev closes, 3 of 26 non-TLS replies)
            extra = () if kind == "timeout" or any(c is CM for c, _ in best) else ((CM, 0.1),)
            return Reading(kind=kind, context=context, party="either", claims=(*best, *extra),
                           meaning="", line=line, words=words, restated=True)
        got = _UNSAID_CLAIMS[kind]
    if got is None:
        return None
    claims, party = got
    said = f" ({words})" if words else ""
    meaning = (_UNANSWERED_MEANING.get(context, _MEANING[context]) if kind == "unanswered"
               else _MEANING[context])
    return Reading(kind=kind, context=context, party=party, claims=claims,
                   meaning=f"{_KIND[kind]}; {meaning}{said}", line=line, words=words)


# Round 15: contexts that name no party, where the class's own words decide when no table
# read them (a program's wording no table has) or a wrapper read them as its generic
# "handshake failed" (curl's exit 35, JSSE's SSLHandshakeException: a suite or version
# guess at 0.3). The claims are the counts over every dev text of the kind (docs/explain-
# upstream.md "Round 15: not TLS, or died (who answered)"): a reply that is not TLS is a
# plaintext port first (20 of 26 OpenSSL wrong-version texts, 6 of 8 Go's), the client's
# proxy or port second; a close is the path first (8 of 14 client closes), the client's
# proxy second (4).
_UNSAID = frozenset({"none", "tls_port", "loopback", "loopback_direct"})
_UNSAID_CLAIMS: dict[str, tuple[Causes, str]] = {
    "not_tls": (((NTS, 0.55), (CM, 0.3), (MB, 0.15)), "client"),
    "closed": (((MB, 0.45), (CM, 0.2), (PV, 0.15), (SM, 0.1), (NTS, 0.1)), "either"),
}
_RESTATED = frozenset({"not_tls", "closed", "timeout"})
# wget's "Unable to establish SSL connection." follows every handshake failure's own line
# (GnuTLS's, OpenSSL's): alone, the reason was not pasted, and its translations (13
# languages, patterns/l10n.py) must read as the English does.
_WRAPPER_LINES = frozenset({"wget"})
# Round 27: words a library prints for every TLS failure (libmosquitto's "A TLS error
# occurred."), read only in a context that names who answered (a plain port, a proxy).
_CONTEXT_ONLY = frozenset({"mosquitto"})
_GUESSED = frozenset({Cause.CIPHER_SUITE_MISMATCH, PV, Cause.CLIENT_CERT_REQUIRED,
                      Cause.SNI_REQUIRED_OR_MISMATCH, CM})


def _generic(best: Causes) -> bool:
    """No table read the text, or the best reading is a wrapper's generic guess (a suite,
    version or the client's settings at 0.3 or less)."""
    return not best or (best[0][0] in _GUESSED and best[0][1] <= 0.3)


# Readings of a timeout or of nothing: a trace that stops after the hello is read above them.
_TRANSPORT = frozenset({MB, Cause.NAME_RESOLUTION_OR_UNREACHABLE})
# openssl s_client prints "CONNECTED(%08X)" once TCP is up, and nothing more until the
# handshake ends (apps/s_client.c @ openssl-3.0.21, BIO_printf(bio_c_out, "CONNECTED(%08X)\n",
# ...)): output that ends there is a handshake that stalled and was interrupted.
_SCLIENT_WAITING = re.compile(r"(?:^|\n)(CONNECTED\(0[0-9A-Fa-f]{7}\))\s*(?:\^C\s*)?\Z")


def unanswered(text: str) -> str:
    """The line showing the ClientHello went out in a trace that shows nothing coming back
    (curl -v, s_client -state / -msg, gnutls-cli -d, javax.net.debug: ingest/stage.py's full
    traces; s_client's output ending at CONNECTED), "" when the text shows no such trace."""
    got = read_stage(text)
    if got is not None and got.full_trace and got.hello_only and not got.answered:
        return got.hello_only
    m = _SCLIENT_WAITING.search(text[-200:])
    return "" if m is None else m.group(1)


def _line(text: str, at: int) -> str:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return text[start:end if end >= 0 else len(text)]
