"""Verdicts shared by the database and data-service sources (mysql, mariadb, mongodb,
redis, kafka, clickhouse): the same library texts reach several of them, and one text must
mean one thing whichever table matched it."""

from __future__ import annotations

from ..plaintext import TLS_NOT_OFFERED
from . import _common as common

# A certificate, key or CA file of the printing program cannot be used: libmysql and the
# MariaDB server print the same vio/viosslfactories texts for the client's --ssl-cert and
# the server's ssl_cert. Even, so the printer's words decide (ingest/messages._own_material:
# "ERROR 2026 (HY000)" is a client's, a "[ERROR]" error-log line a server's).
OWN_FILE = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"
# The same, for entries only a server prints (its own setup): its side first.
OWN_FILE_SERVER = "server_misconfiguration:.5 client_misconfiguration:.5 | reason"
# A key that does not fit its certificate, printed by a client library (libmysql's
# --ssl-key): the printer's own first, as common.KEY_MISMATCH is for servers.
CLIENT_KEY_MISMATCH = "client_misconfiguration:.7 server_misconfiguration:.3 | reason"
# The client's CA file or directory (--ssl-ca/--ssl-capath, or the library's default
# paths) cannot be loaded. The dev set's thread (mysql-0f548e0f) was the client's; the same
# text in a server's error log is its own ssl_ca.
CA_PATHS = "client_misconfiguration:.8 server_misconfiguration:.2 | reason"
# The client requires TLS and the server offers none (libmysql's and Connector/C's
# wording; libpq's "server does not support SSL, but SSL was required" reads alike): the
# service on that port has no TLS (turned off, or a pooler/proxy port in front of the TLS
# one). One class with one verdict: patterns/plaintext.py (round 13).
TLS_OFF = TLS_NOT_OFFERED
TLS_OFF_MEANING = ("the server on that port offers no TLS and this client requires it (turn "
                   "TLS on in that server, connect to the port that has it, or let the client "
                   "connect unencrypted: --ssl-mode=PREFERRED/DISABLED, --skip-ssl)")
# "The certificate is not trusted" from a database client: the server's certificate comes
# from a CA the client was not given (--ssl-ca); database servers use private and
# self-signed certificates far more than public web servers, and seldom sit behind an
# intercepting proxy, so a private root ranks before re-signing.
DB_UNTRUSTED = ("cert_untrusted_root:.45 cert_self_signed:.25 incomplete_chain:.2 "
                "tls_interception_mitm:.1")
# A configured certificate fingerprint (--ssl-fp) that no longer matches: most often the
# server's certificate was renewed, possibly something in between re-signs it.
FINGERPRINT = "client_misconfiguration:.45 server_misconfiguration:.35 tls_interception_mitm:.2"
HANDSHAKE = common.HANDSHAKE
