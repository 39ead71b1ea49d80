"""The Neo4j Java driver (neo4j/neo4j-java-driver driver/src/main/java/org/neo4j/driver/
internal/util/ErrorUtil.java, async/connection/HandshakeHandler.java, security/*.java).

"Connection to the database terminated. Please ensure that your database is listening on
the correct host and port and that you have compatible encryption settings both on Neo4j
server and driver. ..." is thrown when the connection closes before Bolt's handshake
answers: the driver's and the server's encryption settings differ (an encrypted driver,
neo4j+s:// or bolt+s://, to a server without TLS on the Bolt port, or the reverse) first,
a port that is not Bolt second. "Failed to establish secured connection with the server"
wraps JSSE's SSLHandshakeException (its words decide; alone a self-signed or private-CA
server certificate under neo4j+s://, which wants neo4j+ssc://, leads).
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "newConnectionTerminatedError": ("client_misconfiguration:.45 non_tls_service_on_port:.3 "
                                     "server_misconfiguration:.25 | specific"),
    "Failed to establish secured connection with the server": (
        "cert_self_signed:.3 cert_untrusted_root:.3 client_misconfiguration:.2 "
        "protocol_version_mismatch:.2 | generic"),
}

RULES = (
    (r"certificates found|SSL parameters|manual encryption|Failed to load certificate",
     common.CLIENT_CONFIG, "the driver's trust settings and certificate files"),
)
