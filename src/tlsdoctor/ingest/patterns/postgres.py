"""PostgreSQL's client library (libpq): the certificate checks it makes itself, beside the
OpenSSL reasons it quotes ("SSL error: certificate verify failed").

Host name: src/interfaces/libpq/fe-secure-common.c (pq_verify_peer_name_matches_certificate,
PostgreSQL 11+; "server common name ... does not match" before); root certificate and SSL
negotiation: fe-secure-openssl.c (initialize_SSL) and fe-connect.c, PostgreSQL 10-17.
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, table
from .harvested import entries, upstream_patterns
from .judgement._common import TIMEOUT_CAUSES

_Q = r'"(?P<host>[^"\n]{1,253})"'

PATTERNS = table("postgres", "PostgreSQL src/interfaces/libpq/fe-secure-common.c", [
    (r'\bserver certificate for "[^"\n]{1,253}"(?: \(and \d{1,4} other names?\))? does not '
     rf"match host name {_Q}", "libpq: the server certificate is not for {host}",
     "hostname_mismatch:1", REASON),
    (rf'\bserver common name "[^"\n]{{1,253}}" does not match host name {_Q}',
     "libpq: the server certificate is not for {host}", "hostname_mismatch:1", REASON),
    (r'\broot certificate file "[^"\n]{1,400}" does not exist\b',
     "libpq verifies the server (sslmode verify-ca/verify-full) but has no root certificate file",
     "client_misconfiguration:1", REASON, "PostgreSQL libpq fe-secure-openssl.c"),
    (r'\bcould not read root certificate file "[^"\n]{1,400}"',
     "libpq cannot read its root certificate file (sslrootcert)", "client_misconfiguration:1",
     REASON, "PostgreSQL libpq fe-secure-openssl.c"),
    # "server does not support SSL, but SSL was required": the port offers no TLS, in
    # plaintext.py's class table with the other clients' wordings of it.
    # The TLS socket hit end-of-file: the connection was cut under libpq, most often by
    # something on the path that drops idle connections (NAT, load balancer, firewall
    # timeouts), also by a server that restarted or killed the backend.
    (r"\bSSL SYSCALL error: EOF detected\b",
     "libpq: the connection was closed under the TLS layer (EOF)",
     "middlebox_or_firewall_interference:.5 server_misconfiguration:.25 "
     "client_misconfiguration:.25", SPECIFIC,
     "PostgreSQL libpq fe-secure-openssl.c (\"SSL SYSCALL error: EOF detected\")"),
    # Round 6: libpq adds this hint itself when OpenSSL's reason is a version refusal
    # (UNSUPPORTED_PROTOCOL, WRONG_VERSION_NUMBER, UNKNOWN_PROTOCOL, VERSION_TOO_LOW/HIGH,
    # a protocol_version alert): the reason words alone ("unknown protocol") read like a
    # plaintext port, but libpq only starts TLS after the server answered its SSLRequest
    # with 'S', so the peer does speak TLS and the versions are what failed. The server's
    # log says the same of the client. Dev: 1 of 1 thread (a server refusing an old
    # client's version). Not certain: min/max set too narrowly on one side reads alike.
    (r"\bThis may indicate that the (?:server|client) does not support any SSL protocol "
     r"version between (?P<lo>\S{1,12}) and (?P<hi>\S{1,12}?)\.?$",
     "libpq/PostgreSQL: no common TLS version (this side allows {lo} to {hi})",
     "protocol_version_mismatch:.55 client_misconfiguration:.25 "
     "server_misconfiguration:.2", REASON + 1,
     "PostgreSQL src/interfaces/libpq/fe-secure-openssl.c (open_client_SSL), "
     "src/backend/libpq/be-secure-openssl.c (be_tls_open_server), PostgreSQL 13-17"),
    # The server's own log (src/backend): pg_hba's clientcert asks for a certificate the
    # client did not send (libpq/auth.c ClientAuthentication), and a first packet that is not
    # the PostgreSQL protocol (postmaster.c ProcessStartupPacket): HTTP, an SSLv2 or direct
    # TLS hello, a scanner's bytes. Which of them is not in the line: a ranking.
    (r"\bconnection requires a valid client certificate\b",
     "PostgreSQL (server): pg_hba.conf requires a client certificate and none was sent",
     "client_cert_required:1", REASON, "PostgreSQL src/backend/libpq/auth.c"),
    (r"\binvalid length of startup packet\b",
     "PostgreSQL (server): the client's first bytes are not a PostgreSQL startup packet",
     "client_misconfiguration:.55 non_tls_service_on_port:.45", SPECIFIC,
     "PostgreSQL src/backend/postmaster/postmaster.c"),
    # libpq sends an SSLRequest first; a PostgreSQL server answers one byte, 'S' or 'N'.
    # Anything else (an HTTP server's 'H') means the port is not PostgreSQL at all.
    (r"\breceived invalid response to SSL negotiation: (?P<c>\S{0,4})",
     "libpq: the port answered its SSLRequest with '{c}': not a PostgreSQL server",
     "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15", REASON,
     "PostgreSQL src/interfaces/libpq/fe-connect.c (PQconnectPoll, SSL negotiation)"),
    # connect_timeout ran out: the connection or the startup never completed.
    (r"\bfailed: timeout expired\b", "libpq: connect_timeout expired before the server answered",
     TIMEOUT_CAUSES, CATEGORY,
     "PostgreSQL src/interfaces/libpq/fe-connect.c (connectDBComplete)"),
    # The server (or something on the path) closed the connection before answering.
    (r"\bserver closed the connection unexpectedly\b",
     "libpq: the connection was closed before the server answered",
     "middlebox_or_firewall_interference:.45 server_misconfiguration:.35 "
     "client_misconfiguration:.2", GENERIC,
     "PostgreSQL src/interfaces/libpq/fe-misc.c (pqReadData)"),
])


def _harvested() -> tuple[Pattern, ...]:
    """Round 21: the backend's and libpq's own TLS words (upstream/postgres.json, judged in
    judgement/postgres.py), each on the side whose file it comes from."""
    backend = {e.id for e in entries("postgres") if "/backend/" in e.path}
    return tuple(replace(p, side="server" if p.upstream in backend else "client")
                 for p in upstream_patterns("postgres", "PostgreSQL"))


PATTERNS += _harvested()
