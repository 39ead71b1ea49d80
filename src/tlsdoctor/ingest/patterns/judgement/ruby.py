"""Ruby's openssl gem (lib/openssl/ssl.rb, ext/openssl/ossl_ssl.c). The gem checks the
host name itself after the handshake (post_connection_check): "hostname \"x\" does not
match the server certificate". Its "SSL_connect returned=1 errno=0 ... state=error:
certificate verify failed" ends with OpenSSL's reason, read with OpenSSL's table."""

from __future__ import annotations

from . import _common as common

# "SSL_connect returned=1 errno=0 ... state=error" without OpenSSL's reason after it (or
# with one another table reads): the handshake failed, no more said. The order of the
# handshake ranking, with no tie at the top (the reason printed after it decides).
_RETURNED = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.25 "
             "middlebox_or_firewall_interference:.2 client_cert_required:.15 "
             "sni_required_or_mismatch:.1 | generic")

JUDGE = {
    'hostname "%s" does not match the server certificate': common.HOSTNAME,
    "Peer verification enabled, but no certificate received.":
        "server_misconfiguration:.5 client_misconfiguration:.5",
    "%s returned=%d errno=%d state=%s: %s (%s)": _RETURNED,
    "%s returned=%d errno=%d state=%s": _RETURNED,
    "%s SYSCALL returned=%d errno=%d state=%s": common.EOF_CLOSED,
    "%s%s returned=%d errno=%d peeraddr=%s state=%s%s": _RETURNED,
}

RULES = (
    (r".", "not_tls", "the gem's API misuse (callbacks, security level, initialisation)"),
)
