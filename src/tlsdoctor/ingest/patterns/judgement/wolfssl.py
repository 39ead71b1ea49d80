"""wolfSSL: the error codes of wolfssl/error-ssl.h and wolfssl/wolfcrypt/error-crypt.h
(wolfSSL_ERR_reason_error_string() / wc_GetErrorString() print their descriptions; curl's
wolfSSL back end prints "SSL_connect failed with error -NNN: <text>")."""

from __future__ import annotations

from . import _common as common

# ASN_NO_SIGNER_E (-188): no CA the client holds signed the server's certificate. wolfSSL
# is built into devices and into curl; its CA store is whatever the program loaded.
_NO_SIGNER = ("cert_untrusted_root:.35 client_misconfiguration:.3 incomplete_chain:.2 "
              "tls_interception_mitm:.15 | reason")
# A certificate wolfSSL cannot parse: the server's (or something re-signing it) or
# wolfSSL's own parser (a regression, a build without an algorithm).
_PARSE = ("client_misconfiguration:.4 server_misconfiguration:.35 "
          "tls_interception_mitm:.25 | specific")

JUDGE = {
    # "revcd alert fatal error": the peer refused with an alert it does not name. wolfSSL
    # sent no server name unless built --enable-sni and told the name (off by default until
    # wolfSSL/wolfssl#6559, 2023): the name first, below 0.6 (ingest/refusal.py _WOLFSSL,
    # round 15, which also reads the text's context)
    "FATAL_ERROR": ("sni_required_or_mismatch:.4 cipher_suite_mismatch:.25 "
                    "protocol_version_mismatch:.2 client_cert_required:.15 | generic"),
    "DOMAIN_NAME_MISMATCH": common.HOSTNAME, "IPADDR_MISMATCH": common.HOSTNAME,
    "VERSION_ERROR": "protocol_version_mismatch:.5 non_tls_service_on_port:.5 | reason",
    "UNKNOWN_RECORD_TYPE": "non_tls_service_on_port:.6 middlebox_or_firewall_interference:.4",
    "LENGTH_ERROR": "non_tls_service_on_port:.6 middlebox_or_firewall_interference:.4",
    "VERIFY_CERT_ERROR": common.CERT_ANY + " | category",
    "VERIFY_SIGN_ERROR": common.CHAIN_BROKEN,
    "VERIFY_MAC_ERROR": "middlebox_or_firewall_interference:.6 server_misconfiguration:.4",
    "VERIFY_FINISHED_ERROR": "middlebox_or_firewall_interference:.6 "
                             "server_misconfiguration:.4",
    "DECRYPT_ERROR": "middlebox_or_firewall_interference:.6 server_misconfiguration:.4",
    "ZERO_RETURN": "no_fault",
    "SOCKET_PEER_CLOSED_E": common.EOF_CLOSED, "SOCKET_ERROR_E": common.RESET,
    "NO_PEER_CERT": "client_cert_required:.6 server_misconfiguration:.4 | reason",
    "NO_PEER_VERIFY": common.CLIENT_CERT,
    "NOT_CA_ERROR": common.PURPOSE, "MAX_CHAIN_ERROR": common.PURPOSE,
    "OCSP_CERT_REVOKED": common.REVOKED, "CRL_CERT_REVOKED": common.REVOKED,
    "CRL_MISSING": common.REVOCATION_UNKNOWN, "OCSP_LOOKUP_FAIL": common.REVOCATION_UNKNOWN,
    # Round 13: a CRL the application loaded (wolfSSL_LoadCRL, curl --crlfile) that does not
    # verify is the verifier's own material (patterns/revocation_data.py reads it by side).
    "ASN_CRL_CONFIRM_E": "client_misconfiguration:.9 cert_revoked:.1 | reason",
    "ASN_CRL_NO_SIGNER_E": "client_misconfiguration:.9 cert_revoked:.1 | reason",
    "OCSP_CERT_UNKNOWN": common.REVOCATION_UNKNOWN,
    "UNKNOWN_SNI_HOST_NAME_E": common.SNI, "SNI_ABSENT_ERROR": common.SNI,
    "UNKNOWN_ALPN_PROTOCOL_NAME_E": common.ALPN,
    "KEYUSE_SIGNATURE_E": common.PURPOSE, "KEYUSE_ENCIPHER_E": common.PURPOSE,
    "EXTKEYUSE_AUTH_E": common.PURPOSE,
    "DH_KEY_SIZE_E": common.DH_WEAK, "RSA_KEY_SIZE_E": common.WEAK_SIG,
    "ECC_KEY_SIZE_E": common.WEAK_SIG,
    "MATCH_SUITE_ERROR": common.CIPHER, "UNSUPPORTED_SUITE": common.CIPHER,
    "KEY_SHARE_ERROR": common.CIPHER, "ECC_CURVE_ERROR": common.CIPHER,
    "ECC_CURVETYPE_ERROR": common.CIPHER,
    "SECURE_RENEGOTIATION_E": common.PEER_WITHOUT_RI,
    "NO_PRIVATE_KEY": common.SERVER_CONFIG,
    "SOCKET_FILTERED_E": "middlebox_or_firewall_interference:1 | reason",
    "EXT_MASTER_SECRET_NEEDED_E": "server_misconfiguration:.6 client_misconfiguration:.4",
    "ASN_NO_SIGNER_E": _NO_SIGNER,
    "ASN_SELF_SIGNED_E": common.SELF_SIGNED,
    "ASN_AFTER_DATE_E": common.EXPIRED, "ASN_BEFORE_DATE_E": common.NOT_YET,
    "ASN_SIG_CONFIRM_E": common.CHAIN_BROKEN,
    "ASN_SIG_OID_E": common.CHAIN_BROKEN,
    "ASN_SIG_HASH_E": "weak_signature_or_key:.6 client_misconfiguration:.4",
    "ASN_SIG_KEY_E": "weak_signature_or_key:.6 client_misconfiguration:.4",
    "ASN_CRIT_EXT_E": common.PURPOSE, "ASN_NAME_INVALID_E": common.PURPOSE,
    "ASN_PATHLEN_INV_E": common.PURPOSE, "ASN_PATHLEN_SIZE_E": common.PURPOSE,
    "ASN_PARSE_E": _PARSE, "ASN_INPUT_E": _PARSE, "ASN_GETINT_E": _PARSE,
    "ASN_VERSION_E": _PARSE, "ASN_BITSTR_E": _PARSE, "ASN_DATE_SZ_E": _PARSE,
    "ASN_OBJECT_ID_E": _PARSE, "ASN_EXPECT_0_E": _PARSE, "ASN_TAG_NULL_E": _PARSE,
    "ASN_TIME_E": _PARSE, "ASN_UNKNOWN_OID_E": _PARSE, "ASN_ALT_NAME_E": _PARSE,
    "ASN_DEPTH_E": _PARSE, "ASN_LEN_E": _PARSE, "ASN_RSA_KEY_E": _PARSE,
    "ASN_ECC_KEY_E": _PARSE, "ASN_DH_KEY_E": _PARSE,
    "ASN_NO_PEM_HEADER": common.CLIENT_CONFIG, "WC_KEY_MISMATCH_E": common.KEY_MISMATCH,
    "BAD_PATH_ERROR": common.CLIENT_CONFIG, "FREAD_ERROR": common.CLIENT_CONFIG,
    "ECC_CURVE_OID_E": "cipher_suite_mismatch:.5 client_misconfiguration:.5",
    "HTTP_TIMEOUT": common.REVOCATION_UNKNOWN,
}

RULES = (
    (r"^(?:BAD_HELLO|PARSE_ERROR|UNKNOWN_HANDSHAKE_TYPE|OUT_OF_ORDER_E|SANITY_MSG_E|"
     r"DUPLICATE_MSG_E|NO_CHANGE_CIPHER_E|DECODE_E|BUFFER_ERROR|INCOMPLETE_DATA|"
     r"MISSING_HANDSHAKE_DATA|EXT_NOT_ALLOWED|EXT_MISSING|UNSUPPORTED_EXTENSION|"
     r"HANDSHAKE_SIZE_ERROR|BAD_KEY_SHARE_DATA|PEER_KEY_ERROR|ECC_PEERKEY_ERROR|"
     r"BAD_KEA_TYPE_E|SANITY_CIPHER_E|BAD_BINDER|INVALID_PARAMETER)\t",
     common.PROTOCOL_BROKEN, "the peer's handshake message was malformed or out of order"),
    (r"^ASN_", common.BAD_CERT_FORMAT, "a certificate or key that does not parse"),
    (r"\t", "not_tls", "memory, buffers, random numbers, threads, DTLS, PSK and API use of "
     "the program itself"),
)
