"""MySqlConnector (mysql-net/MySqlConnector src/MySqlConnector/Core/ServerSession.cs,
ConnectionSettings.cs), the .NET MySQL driver most .NET programs use.

"Server does not support SSL": SslMode=Required or stricter and the server's greeting lacks
the SSL capability (libmysql's "SSL is required but the server doesn't support it",
patterns/plaintext.py). "SSL Authentication Error" wraps .NET's AuthenticationException
(the inner words decide; alone, a ranking led by a server certificate from a CA the client
was not given: VerifyCA/VerifyFull). ServerSession maps two more failures to its own
guesses: an IOException while a client certificate was offered ("MySQL Server rejected
client certificate") and SEC_E_ALGORITHM_MISMATCH ("The server doesn't support the client's
specified TLS versions.", an old server with TLS 1.0/1.1 only, or no suite in common). The
rest are the connection string's own files and options.
"""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "Server does not support SSL": db.TLS_OFF,
    "SSL Authentication Error": ("cert_untrusted_root:.35 cert_self_signed:.2 "
                                 "protocol_version_mismatch:.2 hostname_mismatch:.1 "
                                 "incomplete_chain:.1 client_misconfiguration:.05 | generic"),
    "The remote certificate was rejected due to the following error: {m_sslPolicyErrors}":
        ("cert_untrusted_root:.4 cert_self_signed:.25 hostname_mismatch:.2 "
         "incomplete_chain:.15 | category"),
    "MySQL Server rejected client certificate": ("client_cert_required:.55 "
                                                 "client_misconfiguration:.3 "
                                                 "middlebox_or_firewall_interference:.15"),
    "The server doesn't support the client's specified TLS versions.":
        "protocol_version_mismatch:.7 cipher_suite_mismatch:.3 | reason",
}

RULES = (
    (r".", common.CLIENT_CONFIG, "the connection string's SslMode, certificate files, "
     "certificate store and TLS options, and authentication that needs TLS"),
)
