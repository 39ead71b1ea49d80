"""unbound (NLnetLabs/unbound util/netevent.c ssl_handshake, util/net_help.c, services/
outside_network.c): DNS-over-TLS as a forwarder (tls-upstream) and as a server
(tls-service-key/pem), printed "[time] unbound[pid:thread] error: <text>".

"ssl handshake failed crypto <OpenSSL error string>" carries OpenSSL's reason (its table
reads it), followed by "ssl handshake cert error: <verify string>" when verification failed;
alone they rank. The listener's context lines are the DoT server's own key and certificate
(the operator of that unbound); connect_sslctx_create's are the forwarder's client
certificate and its tls-cert-bundle."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    "ssl handshake failed crypto %s": common.HANDSHAKE,
    "ssl handshake failed %s port %d": common.HANDSHAKE,
    "ssl handshake cert error: %s": common.CERT_ANY + " | category",
    # Its own whole sentence for a failed verification (no OpenSSL text with it): the
    # ranking, at the tier of a reason so that libpurple's "SSL Connection Failed" (a TCP
    # connect failure, read after any ": ") does not take its first words.
    "SSL connection failed: failed to authenticate %s port %d": common.CERT_ANY + " | reason",
    "SSL connection failed: no certificate %s port %d":
        "server_misconfiguration:.6 tls_interception_mitm:.4 | reason",
    "SSL_handshake syscall: %s": common.EOF_CLOSED,
    # Debug lines of a handshake that worked: no pattern ("SSL connection %s port %d" would
    # match other programs' failures that name a port).
    "SSL connection to %s authenticated": "not_tls",
    "SSL connection authenticated %s port %d": "not_tls",
    "SSL connection %s port %d": "not_tls",
    "SSL upstream requested but no SSL context": common.CLIENT_CONFIG,
    "error: no tls-service-key file specified": common.SERVER_CONFIG,
    "error: no tls-service-pem file specified": common.SERVER_CONFIG,
    "error for cert file: %s": common.SERVER_CONFIG,
    "error in SSL_CTX use_certificate_chain_file crypto %s": common.SERVER_CONFIG,
    "error for private key file: %s": common.SERVER_CONFIG,
    "Error in SSL_CTX use_PrivateKey_file crypto %s": common.SERVER_CONFIG,
    "error for key file: %s": common.SERVER_CONFIG,
    "Error in SSL_CTX check_private_key crypto %s": common.SERVER_CONFIG,
    "Error in SSL_CTX verify locations crypto %s": common.SERVER_CONFIG,
    "failed to set tls-cipher %s": common.SERVER_CONFIG,
    "failed to set tls-ciphersuites %s": common.SERVER_CONFIG,
    "error in client certificate %s": common.CLIENT_CONFIG,
    "error in certificate file crypto %s": common.CLIENT_CONFIG,
    "error in client private key %s": common.CLIENT_CONFIG,
    "error in key file crypto %s": common.CLIENT_CONFIG,
    "error in client key %s": common.CLIENT_CONFIG,
    "error in SSL_CTX_check_private_key crypto %s": common.CLIENT_CONFIG,
    "error in SSL_CTX verify crypto %s": common.CLIENT_CONFIG,
    "error in add_WIN_cacerts_to_openssl_store crypto %s": common.CLIENT_CONFIG,
    "error in default_verify_paths crypto %s": common.CLIENT_CONFIG,
}

RULES = (
    (r".", "not_tls", "library option set-up, allocation, setting the name to check"),
)
