"""PostgreSQL's client library (libpq): the certificate checks it makes itself, beside the
OpenSSL reasons it quotes ("SSL error: certificate verify failed").

Host name: src/interfaces/libpq/fe-secure-common.c (pq_verify_peer_name_matches_certificate,
PostgreSQL 11+; "server common name ... does not match" before); root certificate and SSL
negotiation: fe-secure-openssl.c (initialize_SSL) and fe-connect.c, PostgreSQL 10-17.
"""

from __future__ import annotations

from . import REASON, SPECIFIC, table

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
    (r"\bserver does not support SSL, but SSL was required\b",
     "the PostgreSQL server has SSL turned off, and the client requires it",
     "server_misconfiguration:.6 client_misconfiguration:.4", SPECIFIC,
     "PostgreSQL libpq fe-connect.c"),
    # The TLS socket hit end-of-file: the connection was cut under libpq, most often by
    # something on the path that drops idle connections (NAT, load balancer, firewall
    # timeouts), also by a server that restarted or killed the backend.
    (r"\bSSL SYSCALL error: EOF detected\b",
     "libpq: the connection was closed under the TLS layer (EOF)",
     "middlebox_or_firewall_interference:.5 server_misconfiguration:.25 "
     "client_misconfiguration:.25", SPECIFIC,
     "PostgreSQL libpq fe-secure-openssl.c (\"SSL SYSCALL error: EOF detected\")"),
])
