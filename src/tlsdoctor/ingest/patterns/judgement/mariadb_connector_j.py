"""MariaDB Connector/J (mariadb-corporation/mariadb-connector-j src/main/java/org/mariadb/
jdbc: client/impl/StandardClient.java, ConnectionHelper.java, client/tls/
HostnameVerifier.java, plugin/TlsSocketPlugin.java, plugin/tls/main/DefaultTlsSocketPlugin.java).

"Trying to connect with ssl, but ssl not enabled in the server": the server's greeting
lacks SSL (patterns/plaintext.py). The host-name checks (sslMode=verify-full): the
certificate does not name the host ("SSL hostname verification failed", "... doesn't
correspond to certificate CN ..."). "Self signed certificates. Either set sslMode=trust,
...": the server's certificate is self-signed (MariaDB 11.4's generated one) and the
client cannot pin it. Stores, protocols, suites and plugins are the client's own settings.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "Trying to connect with ssl, but ssl not enabled in the server": db.TLS_OFF,
    "Self signed certificates. Either set sslMode=trust, use password with a MitM-Proof "
    "authentication plugin or provide server certificate to client": (
        "cert_self_signed:.7 client_misconfiguration:.3 | reason"),
    "WildCards not possible when using IP's": ("hostname_mismatch:.7 "
                                               "client_misconfiguration:.3 | specific"),
    'DN value "%s" is invalid': "server_misconfiguration:.6 hostname_mismatch:.4 | specific",
    "certificate parsing error : %s": ("server_misconfiguration:.6 hostname_mismatch:.4 "
                                       "| specific"),
}

RULES = (
    (r"hostname verification failed|doesn't correspond to|CN not found in certificate",
     common.HOSTNAME, "sslMode=verify-full's host-name check"),
    (r".", common.CLIENT_CONFIG, "the client's own sslMode, stores, protocols, suites and "
     "authentication plugin"),
)
