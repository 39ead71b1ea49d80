"""MySQL Connector/J (mysql/mysql-connector-j src/main/resources/com/mysql/cj/
LocalizedErrorMessages.properties, src/main/core-impl/java/com/mysql/cj/protocol/
ExportControlled.java; 5.1.49's src/com/mysql/jdbc/LocalizedErrorMessages.properties).

"SSL Connection required, but not provided by server.": sslMode=REQUIRED or stricter and the
server's greeting lacks SSL (patterns/plaintext.py). The server identity checks
(sslMode=VERIFY_IDENTITY): the certificate does not name the host. The key and trust store
texts are the client's own settings; "SSL connection required for plugin" is
caching_sha2_password/sha256_password over an unencrypted connection (sslMode=DISABLED, or
allowPublicKeyRetrieval left off). 5.1's "Establishing SSL connection without server's
identity verification is not recommended" is a warning on a connection that worked.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "MysqlIO.15": db.TLS_OFF,
    "MysqlIO.SSLWarning": "no_fault",
    "Failed to retrieve the Common Name (CN) from the server certificate.": (
        "server_misconfiguration:.6 hostname_mismatch:.4 | specific"),
    "Server identity verification failed. Could not read Server's X.509 Certificate.": (
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4 | specific"),
    "TLS protocols TLSv1 and TLSv1.1 are not supported. Accepted values are TLSv1.2 and "
    "TLSv1.3.": common.VERSION_OR_CLIENT,
}

RULES = (
    (r"^Server identity verification failed\.", common.HOSTNAME,
     "sslMode=VERIFY_IDENTITY's host-name check"),
    (r".", common.CLIENT_CONFIG, "the client's own sslMode, key and trust stores, TLS "
     "versions and authentication plugin"),
)
