"""LibreSSL's own reason and verify texts (libressl/openbsd src/lib/libssl/ssl_err.c,
src/lib/libcrypto/x509/x509_txt.c): only those OpenSSL's table does not hold (the shared
ones read as OpenSSL's). "peer is doing strange or hostile things" (SSL_R_PEER_BEHAVING_BADLY)
is LibreSSL's TLS 1.3 stack refusing a peer's malformed or out-of-order messages: a broken
peer or something on the path rewriting the handshake. QUIC and session-cache reasons are
API use.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "SSL_R_PEER_BEHAVING_BADLY": common.PROTOCOL_BROKEN,
    # The peer's alert: it does not know the PSK identity this side sent (the two sides'
    # pre-shared key settings differ).
    "SSL_R_TLSV1_ALERT_UNKNOWN_PSK_IDENTITY": ("client_misconfiguration:.6 "
                                               "server_misconfiguration:.4 | reason"),
    "X509_V_ERR_UNSPECIFIED": common.CERT_ANY + " | category",
}

RULES = (
    (r".", "not_tls", "QUIC, session-cache and compression API reasons; 'unknown failure "
                      "occurred' names nothing"),
)
