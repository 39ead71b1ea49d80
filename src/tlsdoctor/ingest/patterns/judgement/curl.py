"""curl: its own wording, judged by the shared keyword rules (judgement/_common.py
TEXT_RULES) after the entries listed here; the remaining lines are not about why a TLS
connection failed (startup, configuration syntax, internal states, debug output)."""

from __future__ import annotations

from . import _common as common

JUDGE: dict[str, str] = {
    "CURLE_SSL_CLIENTCERT": common.CLIENT_CERT,
    "CURLE_PEER_FAILED_VERIFICATION": common.CERT_ANY + " | category",
    "CURLE_SSL_CACERT": common.UNTRUSTED,
    "CURLE_SSL_CONNECT_ERROR": common.HANDSHAKE,
    "CURLE_SSL_CERTPROBLEM": "client_misconfiguration:.8 client_cert_required:.2 | reason",
    "CURLE_SSL_CIPHER": common.CLIENT_CONFIG,
    "CURLE_SSL_CACERT_BADFILE": common.CLIENT_CONFIG,
    "CURLE_SSL_ISSUER_ERROR": "client_misconfiguration:.6 cert_untrusted_root:.4 | reason",
    "CURLE_SSL_PINNEDPUBKEYNOTMATCH": "tls_interception_mitm:.5 client_misconfiguration:.5 "
                                      "| reason",
    "CURLE_SSL_INVALIDCERTSTATUS": "ocsp_must_staple_missing:.6 cert_revoked:.4 | reason",
    "CURLE_SSL_CRL_BADFILE": common.CLIENT_CONFIG,
    "CURLE_SSL_ENGINE_NOTFOUND": common.CLIENT_CONFIG,
    "CURLE_SSL_ENGINE_SETFAILED": common.CLIENT_CONFIG,
    "CURLE_SSL_ENGINE_INITFAILED": common.CLIENT_CONFIG,
    "CURLE_SSL_SHUTDOWN_FAILED": "no_fault",
    "CURLE_USE_SSL_FAILED": "non_tls_service_on_port:.6 server_misconfiguration:.4",
    "CURLE_COULDNT_RESOLVE_HOST": common.DNS,
    "CURLE_COULDNT_RESOLVE_PROXY": "client_misconfiguration:.6 "
                                   "name_resolution_or_unreachable:.4 | reason",
    "CURLE_COULDNT_CONNECT": common.UNREACHABLE,
    "CURLE_OPERATION_TIMEDOUT": common.TIMEOUT,
    "CURLE_RECV_ERROR": "middlebox_or_firewall_interference:.5 client_cert_required:.3 "
                        "non_tls_service_on_port:.2 | generic",
    "CURLE_SEND_ERROR": "middlebox_or_firewall_interference:.7 client_cert_required:.3 "
                        "| generic",
    "CURLE_GOT_NOTHING": common.EOF_CLOSED,
    "CURLE_WEIRD_SERVER_REPLY": "non_tls_service_on_port:.6 server_misconfiguration:.4",
    "CURLE_HTTP2": "not_tls",
    "CURLE_OK": "no_fault",
    # Round 15: Schannel's receive failed or read 0 bytes during the handshake
    # (lib/vtls/schannel.c @ 5c61e168698a :1297-1298): the peer closed or reset.
    "schannel: failed to receive handshake, SSL/TLS connection failed": common.EOF_CLOSED,
    "server certificate verification failed. CAfile: %s CRLfile: %s": common.CERT_ANY + " | category",
    "SSL certificate problem: %s": common.CERT_ANY + " | category",
    # Secure Transport's errSSLPeerHandshakeFail (-9824, a handshake_failure alert received),
    # whatever the server's reason: curl's "most likely" is its guess (sectransp.c @
    # curl-7_88_1), read as Apple's -9824 (patterns/apple.py) and by refusal.py's context
    "SSL peer handshake failed, the server most likely requires a client certificate to "
    "connect": ("cipher_suite_mismatch:.45 protocol_version_mismatch:.25 "
                "client_cert_required:.15 sni_required_or_mismatch:.15 | category"),
    # curl >= 8 with GnuTLS (lib/vtls/gtls.c @ 5c61e168698a): the reason (%s: "certificate
    # signer not trusted", "certificate has expired"...) decides, not the CA file it names.
    "SSL certificate verification failed: %s. (CAfile: %s CRLfile: %s)":
        common.CERT_ANY + " | category",
    "SSL: failed to read or invalid CA certificate": "client_misconfiguration:1 | reason",
    # Round 23 (holdout24): Schannel's words for SEC_E_WRONG_PRINCIPAL only (lib/vtls/schannel.c
    # @ 5c61e168698a :1006-1007, :1068-1069): Schannel checked the certificate's names against
    # the target name it also sent as SNI, so "SNI" in the sentence is curl's guess; the name
    # check failing is the reading, a server with no certificate for that name second.
    "schannel: SNI or certificate check failed: %s":
        "hostname_mismatch:.8 sni_required_or_mismatch:.2 | reason",
    # Round 23: the priority string curl built from --ciphers / --tls-max (CURLOPT_SSL_CIPHER_LIST,
    # lib/vtls/gtls.c @ 5c61e168698a) that GnuTLS refused: the client's own options
    "Error %d setting GnuTLS priority: %s": common.CLIENT_CONFIG,
    # the BearSSL and wolfSSL back ends' words for a chain without a trusted root
    # (lib/vtls/bearssl.c, lib/vtls/wolfssl.c @ 5c61e168698a)
    "SSL: X.509 verification: chain could not be linked to a trust anchor": common.UNTRUSTED,
    " CA signer not available for verification": common.UNTRUSTED,
}

RULES = (
    *common.client_text_rules(),
    (r".", "not_tls", "the remaining curl lines are not about why a connection failed"),
)
