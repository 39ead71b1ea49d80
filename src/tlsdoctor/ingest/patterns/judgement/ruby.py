"""Ruby's openssl gem (lib/openssl/ssl.rb, ext/openssl/ossl_ssl.c). The gem checks the
host name itself after the handshake (post_connection_check): "hostname \"x\" does not
match the server certificate". Its "SSL_connect returned=1 errno=0 ... state=error:
certificate verify failed" ends with OpenSSL's reason, read with OpenSSL's table."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    'hostname "%s" does not match the server certificate': common.HOSTNAME,
    "Peer verification enabled, but no certificate received.":
        "server_misconfiguration:.5 client_misconfiguration:.5",
    "%s returned=%d errno=%d state=%s: %s (%s)": common.HANDSHAKE,
    "%s returned=%d errno=%d state=%s": common.EOF_CLOSED,
    "%s SYSCALL returned=%d errno=%d state=%s": common.EOF_CLOSED,
    "%s%s returned=%d errno=%d peeraddr=%s state=%s%s": common.HANDSHAKE,
}

RULES = (
    (r".", "not_tls", "the gem's API misuse (callbacks, security level, initialisation)"),
)
