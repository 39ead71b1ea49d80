"""pgjdbc, the PostgreSQL JDBC driver (pgjdbc/pgjdbc pgjdbc/src/main/java/org/postgresql/ssl,
core/v3/ConnectionFactoryImpl.java, core/SocketFactoryFactory.java), as PSQLException prints
its GT.tr() messages.

"The server does not support SSL.": the SSLRequest answered N while sslmode required TLS
(patterns/plaintext.py). "SSL error: {0}" carries JSSE's message, which decides; "An error
occurred while setting up the SSL connection." wraps it likewise (alone, a ranking). The
host-name check (sslmode=verify-full): "The hostname {0} could not be verified by
hostnameverifier {1}." after PGjdbcHostnameVerifier's own WARNING line saying why. Every
file it loads (root.crt, postgresql.crt, postgresql.pk8, sslfactoryarg) is the client's
own setting.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "The server does not support SSL.": db.TLS_OFF,
    "SSL error: {0}": "elsewhere",
    "An error occurred while setting up the SSL connection.": (
        "cert_untrusted_root:.35 protocol_version_mismatch:.25 client_misconfiguration:.2 "
        "hostname_mismatch:.1 middlebox_or_firewall_interference:.1 | generic"),
    "The hostname {0} could not be verified by hostnameverifier {1}.": (
        "hostname_mismatch:.9 client_misconfiguration:.1 | reason"),
    "Server name validation failed: unable to extract common name from X509Certificate for "
    "hostname {0}": "hostname_mismatch:.6 server_misconfiguration:.4 | specific",
    "Server name validation pass for {0}, subjectAltName {1}": "no_fault",
    "Connection to {0} refused. Check that the hostname and port are correct and that the "
    "postmaster is accepting TCP/IP connections.": "not_tls",
    "The server does not support GSS Encoding.": "not_tls",
    "The server does not support GSS Encryption.": "not_tls",
    "An error occurred while setting up the GSS Encoded connection.": "not_tls",
    "Enter SSL password:": "not_tls",
}

RULES = (
    (r"^Server name validation failed", common.HOSTNAME, "verify-full's host-name check"),
    (r".", common.CLIENT_CONFIG, "the client's own sslcert, sslkey, sslrootcert, "
     "sslfactory and hostname verifier settings"),
)
