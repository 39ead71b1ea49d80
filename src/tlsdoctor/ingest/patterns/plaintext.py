"""A port where one side speaks TLS and the other does not, in either side's words.

Two halves of one class (SPEC `non_tls_service_on_port`: "the port speaks plaintext ... or
needs STARTTLS"; the fix is the client's port or scheme, or TLS turned on in the service):

- The client asked for TLS and the service on the port said it has none. Database and mail
  protocols negotiate TLS in their own bytes first (PostgreSQL's SSLRequest answered 'N',
  MySQL's capability flags without CLIENT_SSL, an EHLO without STARTTLS), so the client
  knows exactly that the port offers no TLS. Which fix (enable TLS in the service, reach the
  port that has it: PgBouncer in front of a TLS database, a plain sidecar port; or stop
  requiring TLS) is not in the text: the port's lack of TLS is. Round 13, dev thread
  postgresql-ae0a76e9 (a PgBouncer port without client_tls_*).
- A TLS server's log says the client's first bytes were not TLS (plain HTTP, RESP,
  MQTT...): the client used http:// or no TLS option for a TLS port. nginx's and Apache's
  own words already read so at 1.0 (nginx.py, openssl's SSL_R_HTTP_REQUEST); the rest rank
  it first below certainty, the client's setting second (it is the client that must change,
  a wrong URL scheme or a missing --tls is its setting). Dev: elasticsearch 3 of 3
  threads labelled non_tls_service_on_port (2 with client_misconfiguration beside it),
  dragonfly-ntopng-d2bcb25f (a client without TLS support).

The verdict strings are shared with the harvested tables' judgements (judgement/
_databases.py TLS_OFF, judgement/elasticsearch.py), so one text means one thing whichever
table matched it.
"""

from __future__ import annotations

from . import REASON, table

# The service on the port answered the TLS request with "no TLS here".
TLS_NOT_OFFERED = ("non_tls_service_on_port:.55 server_misconfiguration:.3 "
                   "client_misconfiguration:.15")
# A TLS server's log: the client's bytes were not TLS.
PEER_SENT_PLAINTEXT = ("non_tls_service_on_port:.55 client_misconfiguration:.4 "
                       "middlebox_or_firewall_interference:.05")

_NOT_OFFERED_MEANING = ("the service on that port offers no TLS, and this client requires it "
                        "(TLS is off in that service, or the port is another service's: a "
                        "pooler or proxy in front of the TLS one)")
_PLAINTEXT_MEANING = ("a TLS port received bytes that are not TLS: a client spoke plain text "
                      "(http:// instead of https://, or its TLS option was off)")

PATTERNS = table("plaintext", "the peer's own words that the port has no TLS (docstring)", [
    # PostgreSQL clients after an SSLRequest answered 'N'.
    (r"\bserver does not support SSL, but SSL was required\b", _NOT_OFFERED_MEANING,
     TLS_NOT_OFFERED, REASON, "PostgreSQL src/interfaces/libpq/fe-connect.c (PQconnectPoll)"),
    (r"\bThe server does not support SSL\.", _NOT_OFFERED_MEANING, TLS_NOT_OFFERED, REASON,
     "pgjdbc pgjdbc/src/main/java/org/postgresql/core/v3/ConnectionFactoryImpl.java "
     "@ 18bc00cb1aaa (enableSSL: 'E' or 'N' with sslmode require)"),
    (r"\bThe server does not support SSL connections\b", _NOT_OFFERED_MEANING,
     TLS_NOT_OFFERED, REASON,
     "node-postgres packages/pg/lib/connection.js @ d15788b65755 (sslconnect, 'N')"),
    (r"\bpq: SSL is not enabled on the server\b", _NOT_OFFERED_MEANING, TLS_NOT_OFFERED,
     REASON, "lib/pq conn.go @ d9326667a1d5 (ErrSSLNotSupported)"),
    (r"\bserver refused TLS connection\b", _NOT_OFFERED_MEANING, TLS_NOT_OFFERED, REASON,
     "jackc/pgx pgconn/pgconn.go @ eee854fb069b (startTLS: response != 'S')"),
    (r"\bPostgreSQL server at \"[^\"\n]{1,300}\" rejected SSL upgrade\b", _NOT_OFFERED_MEANING,
     TLS_NOT_OFFERED, REASON,
     "MagicStack/asyncpg asyncpg/connect_utils.py @ ab64066fbc61 (TLSUpgradeProto)"),
    # Mail: the server's EHLO/CAPABILITY did not offer STARTTLS.
    (r"\bSTARTTLS extension not supported by server\b", _NOT_OFFERED_MEANING,
     TLS_NOT_OFFERED, REASON, "CPython Lib/smtplib.py (SMTP.starttls)"),
    # A TLS server's log about the client's first bytes.
    (r"\bBad TLS header, double check if you enabled TLS for your client\b",
     "Dragonfly: " + _PLAINTEXT_MEANING, PEER_SENT_PLAINTEXT, REASON,
     "dragonflydb/dragonfly src/facade/dragonfly_connection.cc @ 79428276fabd "
     "(the first bytes are not a TLS record header)"),
    (r"\b400 The plain HTTP request was sent to HTTPS port\b",
     "nginx's error page: " + _PLAINTEXT_MEANING, "non_tls_service_on_port:1", REASON,
     "nginx src/http/ngx_http_special_response.c @ d66b7a8a1ae7 (ngx_http_error_497_page)"),
    (r"\bNotSslRecordException: not an SSL/TLS record\b",
     "Netty: the peer's bytes are not a TLS record (plain text on a TLS connection)",
     PEER_SENT_PLAINTEXT, REASON,
     "netty/netty handler/src/main/java/io/netty/handler/ssl/SslHandler.java @ 7e39b96402a2"),
])
