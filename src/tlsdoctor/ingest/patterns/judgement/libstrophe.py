"""libstrophe (strophe/libstrophe src/auth.c, conn.c, tls_openssl.c, tls_gnutls.c), the XMPP
library of Profanity and others; its default logger prints "<area> ERROR <message>".

"No certfail handler set, canceling connection attempt" is logged when the server's
certificate failed verification and the application installed no handler to accept it
(the verification's own reason is in the debug lines): the certificate was refused.
"TLS is not supported, but set as mandatory for this connection": the server's stream
features offered no STARTTLS while the connection requires TLS (a server without TLS, or a
path stripping it). The CA path and client certificate lines are the client's own files;
channel-binding and component-handshake lines are no TLS failure.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "TLS is not supported, but set as mandatory for this connection":
        "server_misconfiguration:.55 middlebox_or_firewall_interference:.45 | specific",
    "No certfail handler set, canceling connection attempt": common.CERT_ANY + " | category",
    "could not read client certificate": common.CLIENT_CONFIG,
    "could not read P12 file": common.CLIENT_CONFIG,
    "SSL_CTX_load_verify_locations() failed": common.CLIENT_CONFIG,
    "SSL_CTX_set_default_verify_paths() failed": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "channel binding, keylog, component handshake and API notices"),
)
