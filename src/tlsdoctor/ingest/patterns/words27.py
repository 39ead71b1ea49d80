"""Round 27: in-text misses, read as the classes of wording they belong to, and the marks
that name a program when its words are ones other programs print too.

Program marks (``PROGRAM_MARKS``): ``explain`` names a program only for its own words
(messages.lead). Words several tables read alike ("SSL handshake failure": OpenSSL's reason
string, HAProxy's connection error, the generic wording) name no program by themselves;
these marks are a program's own context around such words, so the program is named when
they are there:

- HAProxy: its syslog tag ``haproxy[<pid>]:`` and its health checks' statuses
  (haproxy/haproxy @ 50872daa6a857e82afc40b1c5161924aef4172d7 src/check.c check_statuses:
  "Layer4 timeout", "Layer4 connection problem", "Layer6 timeout", "Layer6 invalid
  response", "Layer7 timeout", "Layer7 invalid response"; src/connection.c
  conn_err_code_str: CO_ER_SSL_HANDSHAKE "SSL handshake failure").
- Go's HTTP server: "http: TLS handshake error from %s: %v" (golang/go src/net/http/server.go,
  conn.serve).
- Qt: its network classes' names (QSslSocket, QNetworkReply, QNetworkAccessManager;
  qt/qtbase src/network).
- containers/image (podman, skopeo, buildah): "pinging container registry %s: %w"
  (containers/image docker/docker_client.go, detectPropertiesHelper), around Go's and
  Docker's shared words ("missing client certificate %s for key %s").
- libpurple (Pidgin, Finch): its debug log's stamp and category, "(%H:%M:%S) " and
  "%s: " (pidgin libpurple/debug.c purple_debug_vargs), before words it shares with Qt and
  Kafka ("SSL Handshake Failed", PURPLE_SSL_HANDSHAKE_FAILED's English text).
- LibVNC: rfbDefaultLog's and rfbDefaultClientLog's stamp, strftime "%d/%m/%Y %X "
  (LibVNC/libvncserver libvncserver/main.c, libvncclient/vncviewer.c), before words it
  shares with wget ("The certificate's owner does not match hostname '%s'").

In-text classes (``PATTERNS``, each a client's own words):

- Go's host-name error for an IP address retyped: crypto/x509's HostnameError prints
  "x509: cannot validate certificate for %s because it doesn't contain any IP SANs"
  (golang/go src/crypto/x509/verify.go, HostnameError.Error); golang.py reads it with its
  "x509: " prefix. The sentence is Go's alone, so it is read without the prefix or with a
  retyped one ("x509 : Cannot ..."), and with a placeholder for the address ("[IP]").
- Name resolution in two TLS checkers' own words: testssl.sh's fatal() "Fatal error: No
  IPv4/IPv6 address(es) for \"$NODE\" available" (testssl/testssl.sh testssl.sh @
  10af37029cd5ff43bfe6983d9d157ebe767f88ac, determine_ip_addresses; since 4d1350eb "Enable
  IPv6 automagically" it says "No IPv4 addresses available, but IPv4-only scan requested"
  and the IPv6 twin, @ 9fdf8028baba86d83218db294a5776384ec8c332), and check_ssl_cert's
  "SSL_CERT CRITICAL: Cannot resolve ${HOST}" with " (no A record)", " (no AAAA record)" or
  " over HTTP using ..." (matteocorti/check_ssl_cert check_ssl_cert @
  912f23e9a917a799b22a9676867a00d56c5ecc8a, RESOLVE_ERROR). The name did not resolve
  where the checker ran (a proxy-only network resolves only through its proxy).
- GnuTLS's status sentence "The certificate chain uses expired certificate." retyped with
  its two last words misspelt ("uses expires cerificate"): the frame "The certificate chain
  uses" is GnuTLS's alone (gnutls_certificate_verification_status_print, one sentence per
  status flag: expired, not yet valid, revoked, insecure algorithm), and the flag's word
  begins "expir", so the expired flag is read (the client's old CA bundle second, as
  gnutls.py reads the sentence). A server product's table reading "Certificate verification
  failed" no longer makes such a text a server's log (messages._own_words): the words are
  OpenSSL's and GnuTLS's callers' too.
- OpenSSL's "wrong signature type" (SSL_R_WRONG_SIGNATURE_TYPE, 370): raised in
  tls12_check_peer_sigalg (ssl/t1_lib.c, 1.1.1 and 3.x) when the peer signed its key
  exchange or CertificateVerify with an algorithm this side did not offer, that does not fit
  the key, or that the security level refuses (``ssl_security(s, SSL_SECOP_SIGALG_CHECK,
  ...)``: SHA-1 at level 2, Debian's default since OpenSSL 1.1.1); BoringSSL's
  tls12_check_peer_sigalg and setup_ctx say the same. The peer's weak signature first,
  the two sides' signature algorithms second.
"""

from __future__ import annotations

import re

from . import REASON, SPECIFIC, Pattern, Row, sourced_table
from .judgement._common import EXPIRED_IN_PATH

# (source, regex, alone): a program's own context in a text (messages.lead). Any mark makes
# that program the owner of words its table read alike with others' tables; an ``alone``
# mark is its own enough to name the program where no table of its matched at all.
PROGRAM_MARKS: tuple[tuple[str, re.Pattern[str], bool], ...] = (
    ("haproxy", re.compile(r"\bhaproxy\[\d{1,10}\]:|\bLayer[4-7] (?:timeout|connection "
                           r"problem|invalid response)\b", re.IGNORECASE), True),
    # HAProxy's log line for a connection that failed before a stream existed
    # (haproxy/haproxy src/log.c sess_log_embryonic: "%s:%d [%02d/%s/%04d:%02d:%02d:%02d.%03d]
    # %s/%s: %s", client address and port, accept date, frontend/bind, the error), as its
    # syslog line or with the tag cut off by a log shipper
    ("haproxy", re.compile(r"(?m)^\s*\S{2,60}:\d{1,5} \[\d{2}/[A-Z][a-z]{2}/\d{4}:\d{2}:\d{2}:"
                           r"\d{2}\.\d{3}\] [^\s/]{1,100}/[^\s:]{1,100}: "), False),
    ("go", re.compile(r"\bhttp: TLS handshake error from \S", re.IGNORECASE), True),
    ("qt", re.compile(r"\bQ(?:SslSocket|NetworkReply|NetworkAccessManager)\b"), True),
    ("containers_image", re.compile(r"\bpinging container registry \S", re.IGNORECASE), True),
    # libpurple's debug log (purple_debug_vargs: "(%H:%M:%S) " then "category: "), and
    # rfbDefaultLog's time stamp: stamps many logs print, so they only vouch for the
    # program's own table having read the line
    ("libpurple", re.compile(r"^\(\d{2}:\d{2}:\d{2}\) [\w.-]{1,40}: ", re.MULTILINE), False),
    ("libvnc", re.compile(r"^\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2} ", re.MULTILINE), False),
    # Round 28: OpenSMTPD's session error lines around libtls' words, which libtls' table
    # (harvest28) reads too (OpenSMTPD/OpenSMTPD usr.sbin/smtpd/mta_session.c
    # mta_error: "%016"PRIx64" mta error reason=%s", "smtp-out: Error on session %016"PRIx64
    # " after %zu message%s sent: %s").
    ("opensmtpd", re.compile(r"\b[0-9a-f]{4,16} mta error reason=|\bsmtp-out: Error on "
                             r"session [0-9a-f]{16}\b"), False),
)

_GO_IP = ("golang/go src/crypto/x509/verify.go (HostnameError.Error: \"x509: cannot validate "
          "certificate for %s because it doesn't contain any IP SANs\")")
_TESTSSL = ("testssl/testssl.sh testssl.sh @ 10af37029cd5ff43bfe6983d9d157ebe767f88ac "
            "(determine_ip_addresses, fatal()); @ 9fdf8028baba86d83218db294a5776384ec8c332 "
            "(the IPv4-/IPv6-only forms)")
_CHECK_SSL_CERT = ("matteocorti/check_ssl_cert check_ssl_cert @ "
                   "912f23e9a917a799b22a9676867a00d56c5ecc8a (RESOLVE_ERROR, critical)")
_SIGALG = ("OpenSSL ssl/t1_lib.c tls12_check_peer_sigalg (SSL_R_WRONG_SIGNATURE_TYPE, "
           "SSL_SECOP_SIGALG_CHECK), 1.1.1 and 3.x; BoringSSL ssl/extensions.cc "
           "tls12_check_peer_sigalg, ssl/ssl_privkey.cc setup_ctx")
_NO_NAME = "name_resolution_or_unreachable:1"
_GNUTLS_STATUS = ("GnuTLS lib/cert-session.c gnutls_certificate_verification_status_print "
                  "(\"The certificate chain uses expired certificate. \")")

_MATCH_HOSTNAME = ("CPython Lib/ssl.py match_hostname (<= 3.11: \"empty or no certificate, "
                   "match_hostname needs a SSL socket or SSL context with either CERT_OPTIONAL "
                   "or CERT_REQUIRED\"); urllib3/urllib3 @ 6a8536b6e1b0 "
                   "src/urllib3/util/ssl_match_hostname.py")

_ROWS: list[tuple[str, Row]] = [
    # Round 27 (holdout38): raised before any name is compared, when the socket holds no
    # peer certificate because the program turned verification off (CERT_NONE) and still
    # asked for the name check: the client's own set-up, not the server's name. The
    # harvested table keeps the string's first literal part as a name error (its words
    # teach the generic vocabulary "host name + match"); the whole sentence says more.
    ("python", (r"\bempty or no certificate, match_hostname needs a SSL socket or SSL "
                r"context with either CERT_OPTIONAL or CERT_REQUIRED\b",
                "Python: the socket holds no peer certificate (verification off, CERT_NONE), "
                "yet the program asked for the host-name check", "client_misconfiguration:1",
                REASON + 1, _MATCH_HOSTNAME, "match_hostname needs")),
    # Not with Go's own prefix: golang.py reads that
    ("go", (r"(?<!x509: )\b(?i:cannot) validate certificate for \S{1,100} because it doesn['’]?t "
            r"contain any IP SANs\b",
            "Go: the certificate names no IP address, and the client connected to an address "
            "(Go's host-name error, retyped)", "hostname_mismatch:.9 client_misconfiguration:.1",
            REASON, _GO_IP, "contain any ip sans")),
    ("testssl", (r"\bNo IPv4/IPv6 address\(es\) for \"?(?P<host>[^\s\"]{1,253})\"? available\b",
                 "testssl.sh: the host name {host} resolved to no address here", _NO_NAME,
                 REASON, _TESTSSL, "address(es) for")),
    ("testssl", (r"\bNo IPv[46] addresses available, but IPv[46]-only scan requested\b",
                 "testssl.sh: the host name has no address of the family asked for here",
                 "name_resolution_or_unreachable:.7 client_misconfiguration:.3", SPECIFIC,
                 _TESTSSL, "addresses available, but ipv")),
    ("check_ssl_cert", (r"\bSSL_CERT CRITICAL: Cannot resolve (?P<host>[A-Za-z0-9._-]{1,253})",
                        "check_ssl_cert: the host name {host} does not resolve where the check "
                        "ran", _NO_NAME, REASON, _CHECK_SSL_CERT, "cannot resolve")),
    # Not the sentence spelt right: gnutls.py reads that
    ("gnutls", (r"\bThe certificate chain uses expir(?!ed certificate\b)[a-z]{0,3} [a-z]{6,14}\b",
                "GnuTLS: a certificate of the chain has expired (its status sentence, retyped)",
                EXPIRED_IN_PATH.removesuffix(" | reason"), SPECIFIC,
                _GNUTLS_STATUS, "the certificate chain uses expir")),
    ("openssl", (r"\bwrong[ _]signature[ _]type\b",
                 "OpenSSL refused the peer's handshake signature: an algorithm it did not "
                 "offer, or one its security level refuses (SHA-1 at level 2)",
                 "weak_signature_or_key:.5 cipher_suite_mismatch:.25 "
                 "server_misconfiguration:.15 client_misconfiguration:.1", SPECIFIC, _SIGALG,
                 "signature")),
]

# Every row here is a client's own words.
PATTERNS: tuple[Pattern, ...] = sourced_table("r27", [(source, "client", row)
                                                      for source, row in _ROWS])
