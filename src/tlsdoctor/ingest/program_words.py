"""The words a program prints around OpenSSL's text, which name the program (round 21).

PostgreSQL, Redis, stunnel, mosquitto, ProFTPD and CivetWeb hand OpenSSL's reason to their
own message: "could not accept SSL connection: certificate verify failed" (PostgreSQL's
backend), "OpenSSL Error[0]: error:0A000086:..." (mosquitto), "SSL_accept: ssl/...c:1543:
error:..." (stunnel). OpenSSL's table reads the reason; these rows read the program's own
words around it, so that explain names the program (``side.server_program``, for its fix
lines) where no log framing is left, and a server's own words say the side. Generic OpenSSL
text never names a program: each row is a phrase of that program's source (and of its forks,
which share its settings), never OpenSSL's.

Each row: (program, side, regex). ``side`` is "server" for words only the program's server
prints, "client" for its client's, "" where either peer prints them (stunnel and the
mosquitto library are both). The program is the one whose settings the fix lines are for:
"postgresql" for the backend and for libpq's clients alike (libpq only talks to PostgreSQL
servers, and the versions and ciphers a psql error asks for are set in postgresql.conf), and
"redis" for redis-cli and hiredis.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["STUNNEL_CLIENT_READ", "named_program", "program_side", "rows"]

# Round 22: stunnel's SSL_read failing on a certificate alert (src/client.c sslerror
# "%s: %s:%d: %s", mtrojnar/stunnel @ 86fdef8fcf07): a server refusing the certificate this
# stunnel sent as a client, read after its own TLS 1.3 handshake completed (RFC 8446
# §4.4.2.4); a server service reads its client's verdict inside SSL_accept. side.py's client
# test and fixes/client_programs_text.py (a stunnel client service) both use it. It lives
# here, not in side.py, so that the fix texts do not import side.py and server_log.py (their
# patterns, ~0.1 G instructions) into every capture's start-up (round 23).
STUNNEL_CLIENT_READ = (r"\bSSL_read: [\w./-]{1,120}\.c:\d{1,6}: error:[0-9A-F]{8}:SSL routines:"
                       r"\w{0,40}:(?:tlsv13 alert certificate required|tlsv1 alert unknown ca"
                       r"|sslv3 alert bad certificate"
                       r"|sslv3 alert certificate (?:unknown|expired|revoked))\b")

_PG_BACKEND = ("postgres/postgres src/backend/libpq/be-secure-openssl.c @ 9dc85806d8be "
               "(ereport errmsg/errhint)")
_LIBPQ = ("postgres/postgres src/interfaces/libpq/fe-secure-openssl.c @ 6f782a2a1738, "
          "fe-secure-common.c @ ffa2e4670123, fe-connect.c")
_ROWS: tuple[tuple[str, str, str, str], ...] = (
    # PostgreSQL's backend: its TLS ereports, and its own "SSL error: " after the level its
    # log writes (src/backend/utils/error/elog.c: "LOG:  ", two spaces).
    ("postgresql", "server", _PG_BACKEND,
     r"\bcould not (?:accept|initialize) SSL connection: "
     r"|\bcould not load (?:server certificate|root certificate) file \""
     r"|\bcould not load SSL certificate revocation list (?:file|directory) \""
     r"|\bcould not set the cipher list \(no valid ciphers available\)"
     r"|\bThis may indicate that the client does not support any SSL protocol version between "
     r"|\bSSL certificate's (?:common|distinguished) name contains embedded null"
     r"|\bcannot be reloaded because it requires a passphrase\b"
     r"|\"ssl_(?:min|max)_protocol_version\" setting \"|\bcould not set SSL protocol version range"
     r"|\b(?:LOG|FATAL|ERROR|WARNING):  (?:SSL error: |check of private key failed: "
     r"|could not (?:load|set|open|create SSL|initialize SSL) |\"[^\"\n]{1,40}\" setting \""
     r"|invalid DH parameters|(?:EC)?DH: |private key file \")"),
    # libpq's clients (psql, pg_dump, every driver on libpq): the connection framing of
    # PostgreSQL 14+ ('connection to server at "%s" (%s), port %s failed: '), psql's own
    # prefix, and libpq's TLS sentences.
    ("postgresql", "client", _LIBPQ,
     r"\bconnection to server (?:at \"[^\"\n]{1,253}\"(?: \([^)\n]{1,64}\))?, port \d{1,5}"
     r"|on socket \"[^\"\n]{1,300}\") failed: |\bpsql: (?:error: )?(?=[^\n]{0,300}SSL)"
     r"|\bSSL SYSCALL error: |\bserver (?:certificate for|common name) \"[^\"\n]{1,253}\""
     r"(?: \(and \d{1,4} other names?\))? does not match host name \""
     r"|\broot certificate file \"[^\"\n]{1,400}\" does not exist\b"
     r"|\bcould not read root certificate file \"|\bcould not load system root certificate paths: "
     r"|\bsslmode value \"[^\"\n]{1,40}\" invalid when SSL support is not compiled in\b"
     r"|\bcould not get server's host name from server certificate\b"
     r"|\bSSL certificate's (?:name|address) entry is missing\b"
     r"|\bcertificate present, but not private key file \""
     r"|\bhas group or world access; (?:file must have|permissions should be) u=rw\b"
     r"|\bSSL connection has been closed unexpectedly\b|\bcertificate could not be obtained: "
     r"|\bdirect SSL connection was established without ALPN\b"
     r"|\bhost name must be specified for a verified SSL connection\b"
     r"|\binvalid value \"[^\"\n]{1,40}\" for (?:minimum|maximum) SSL protocol version\b"
     r"|\bThis may indicate that the server does not support any SSL protocol version between "),
    # Redis: the server's log line (src/server.c serverLogRaw: "pid:role date level") and its
    # accept failures (src/networking.c); redis-cli's and hiredis's connection words
    # (src/redis-cli.c, src/cli_common.c; redis/redis @ f35f36a26540, 7.0.15).
    ("redis", "server", "redis/redis src/networking.c, src/server.c @ f35f36a26540",
     r"^\d{1,7}:[MSCX] \d{1,2} [A-Z][a-z]{2} \d{4} \d\d:\d\d:\d\d\.\d{3} [.*#-] "
     r"|\bError accepting a client connection: |\bAccepted client connection in error state: "),
    ("redis", "client", "redis/redis src/redis-cli.c, src/cli_common.c @ f35f36a26540",
     r"\bCould not negotiate a TLS connection: |\bCould not connect to Redis at \S{1,300}: "),
    # stunnel (mtrojnar/stunnel @ stunnel-5.68, 86fdef8fcf07): sslerror_log's "%s: %s:%d: %s"
    # (the failed call, OpenSSL's source file and line, the error string; src/ctx.c), its
    # "Peer suddenly disconnected", its poll timeouts and connection summary (src/client.c,
    # src/network.c), its certificate checks (src/verify.c), its accept line (src/client.c).
    ("stunnel", "", "mtrojnar/stunnel src/ctx.c, src/client.c, src/verify.c @ 86fdef8fcf07",
     r"\b(?:SSL_accept|SSL_connect|SSL_read|SSL_write|SSL_shutdown|error queue): "
     r"[\w./-]{1,120}\.c:\d{1,6}: error:"
     r"|\b(?:SSL_accept|SSL_connect|SSL_read|SSL_write|SSL_shutdown): Peer suddenly disconnected\b"
     r"|\bs_poll_wait: TIMEOUT(?:busy|idle|close|connect) exceeded\b"
     r"|\bConnection (?:reset|closed|reset/closed): \d{1,20} byte\(s\) sent to TLS, \d{1,20} byte\(s\) "
     r"sent to socket\b|\bCERT: Pre-verification error(?: ignored)?: "
     r"|\bRejected by (?:CERT|OCSP) at depth=\d|\bService \[[^\]\n]{1,80}\] accepted connection "
     r"from "),
    # mosquitto (eclipse/mosquitto @ fb9b1153924a): the library's error-queue line, shared by
    # the broker, its bridges and its clients (lib/net_mosq.c net__print_ssl_error), and its
    # own setup sentences; the broker's accept and disconnect lines (src/net.c, src/loop.c).
    ("mosquitto", "", "eclipse/mosquitto lib/net_mosq.c @ fb9b1153924a",
     r"\bOpenSSL Error\[\d{1,3}\]: |\bError: Unable to load CA certificates, check "
     r"|\bError: Unable to load client certificate\b|\bError: Unable to set TLS ciphers\. Check "
     r"cipher list\b|\bError: Client certificate/key are inconsistent\b"),
    ("mosquitto", "server", "eclipse/mosquitto src/net.c, src/loop.c @ fb9b1153924a",
     r"\bClient connection from \S{1,80} failed: |\bClient \S{1,80} disconnected: "
     r"|\bError: Unable to load server (?:certificate|key file)\b"
     r"|\bError: Server certificate/key are inconsistent\b"),
    # ProFTPD's mod_tls (proftpd/proftpd contrib/mod_tls.c @ 1dbfb9d7c06d): its version
    # tag before its lines ("mod_tls/2.9.3: ", MOD_TLS_VERSION), its own directives (no other
    # server names them so: OpenLDAP's are TLSCertificateFile, TLSCACertificateFile), and the
    # parser's "fatal: <directive>: ..." (src/parser.c, include/dirtree.h CONF_ERROR).
    ("proftpd", "server", "proftpd/proftpd contrib/mod_tls.c, src/parser.c @ 1dbfb9d7c06d",
     r"\bmod_tls/\d\.\d{1,2}(?:\.\d{1,2})?(?:rc\d)?(?:\[\d{1,9}\])?: "
     r"|(?-i:\bTLS(?:RSA|DSA|EC)Certificate(?:Key)?File\b|\bTLSCertificateChainFile\b"
     r"|\bTLSPKCS12File\b|\b(?:fatal|warning): TLS[A-Z][A-Za-z0-9]{2,40}: )"),
    # CivetWeb (civetweb/civetweb src/civetweb.c @ v1.15, eefb26f82b23): ssl_use_pem_file's
    # lines name the function (__func__), and its cipher, context and option lines.
    ("civetweb", "server", "civetweb/civetweb src/civetweb.c @ eefb26f82b23",
     r"\bssl_use_pem_file: |\bSSL_CTX_set_cipher_list error: |\bSSL_CTX_new \(server\) error: "
     r"|\bInitializing SSL failed: -\w{1,40} is not set\b|\bsslize error: "
     r"|\bssl_verify_peer requires setting either ssl_ca_path or ssl_ca_file\b"),
)


@cache
def _compiled() -> tuple[tuple[str, str, re.Pattern[str]], ...]:
    return tuple((program, side, re.compile(rx, re.IGNORECASE | re.MULTILINE))
                 for program, side, _source, rx in _ROWS)


def named_program(text: str) -> str | None:
    """The program whose own words are in ``text``, or None."""
    return next((p for p, _s, rx in _compiled() if rx.search(text)), None)


def program_side(text: str) -> bool | None:
    """True when a program's server-only words are in ``text``, False for its client's,
    None when neither (or both) are."""
    server = client = False
    for _p, side, rx in _compiled():
        if side and rx.search(text):
            server, client = server or side == "server", client or side == "client"
    return None if server == client else server


def rows() -> tuple[tuple[str, str, str, str], ...]:
    """The table (program, side, upstream source, regex), for the tests and the docs."""
    return _ROWS
