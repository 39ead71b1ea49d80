"""Botan (randombit/botan src/lib/x509/cert_status.cpp, src/lib/tls/*.cpp, src/cli): its
certificate path-validation results and the TLS_Exception texts of its TLS stack.

A verify result is printed by Botan's TLS client as "Certificate validation failure:
<status>" (3.x, tls_callbacks.cpp, then "Error: " by its CLI) or "Certificate validation
status: <status>" (the 2.x CLI): the status names the failure. The TLS_Exception entries
carry the alert Botan sends for them (id "Alert::<alert>: <text>"); their text says which
side had which complaint. Mostly a client's words (the CLI's tls_client, programs on Botan);
the server's own ("Client offered ...", "with client") say so themselves.
"""

from __future__ import annotations

from . import _common as common

_STORE = "client_misconfiguration:.6 server_misconfiguration:.4"

JUDGE = {
    # -- Certificate_Status_Code ----------------------------------------------------------
    "VERIFIED": "no_fault", "OCSP_RESPONSE_GOOD": "no_fault", "OCSP_SIGNATURE_OK": "no_fault",
    "VALID_CRL_CHECKED": "no_fault",
    "CERT_ISSUER_NOT_FOUND": common.UNTRUSTED + " | reason",
    "CANNOT_ESTABLISH_TRUST": common.UNTRUSTED + " | reason",
    "CHAIN_LACKS_TRUST_ROOT": "cert_self_signed:.4 incomplete_chain:.35 "
                              "cert_untrusted_root:.25",
    "CERT_NAME_NOMATCH": common.HOSTNAME,
    "CERT_HAS_EXPIRED": common.EXPIRED_IN_PATH,
    "CERT_NOT_YET_VALID": common.NOT_YET,
    "TRUSTED_CERT_HAS_EXPIRED": "client_misconfiguration:.7 client_clock_wrong:.3 | reason",
    "TRUSTED_CERT_NOT_YET_VALID": "client_clock_wrong:.6 client_misconfiguration:.4",
    "CERT_IS_REVOKED": common.REVOKED,
    "SIGNATURE_METHOD_TOO_WEAK": common.WEAK_SIG,
    "UNTRUSTED_HASH": common.WEAK_SIG,
    "INVALID_USAGE": common.PURPOSE,
    "CERT_CHAIN_TOO_LONG": common.PURPOSE,
    "CA_CERT_NOT_FOR_CERT_ISSUER": common.PURPOSE,
    "NAME_CONSTRAINT_ERROR": common.PURPOSE,
    "UNKNOWN_CRITICAL_EXTENSION": common.PURPOSE,
    "POLICY_ERROR": common.PURPOSE,
    "CERT_CHAIN_LOOP": common.CHAIN_BROKEN,
    "EXCEEDED_SEARCH_LIMITS": common.CHAIN_BROKEN,
    "CHAIN_NAME_MISMATCH": common.CHAIN_BROKEN,
    "SIGNATURE_ERROR": common.STALE_CA,
    "CERT_PUBKEY_INVALID": "server_misconfiguration:.6 weak_signature_or_key:.4",
    "SIGNATURE_ALGO_UNKNOWN": "weak_signature_or_key:.6 client_misconfiguration:.4",
    "SIGNATURE_ALGO_BAD_PARAMS": "server_misconfiguration:.6 weak_signature_or_key:.4",
    "OCSP_RESPONSE_MISSING_KEYUSAGE": common.REVOCATION_UNKNOWN,
    "OCSP_NO_HTTP": common.REVOCATION_UNKNOWN,
    "OCSP_SERVER_NOT_AVAILABLE": common.REVOCATION_UNKNOWN,
    "OCSP_NO_REVOCATION_URL": common.REVOCATION_UNKNOWN,
    "NO_REVOCATION_DATA": common.REVOCATION_UNKNOWN,
    "OCSP_HAS_EXPIRED": common.REVOCATION_UNKNOWN,
    "OCSP_IS_TOO_OLD": common.REVOCATION_UNKNOWN,
    "OCSP_NOT_YET_VALID": common.REVOCATION_UNKNOWN,
    "CRL_HAS_EXPIRED": "client_misconfiguration:.7 client_clock_wrong:.3",
    "CRL_NOT_YET_VALID": "client_misconfiguration:.55 client_clock_wrong:.45",
    # the revocation check's own failures (an OCSP answer or CRL the verifier cannot use)
    **dict.fromkeys(("OCSP_ISSUER_NOT_TRUSTED", "OCSP_CERT_NOT_LISTED", "OCSP_BAD_STATUS",
                     "OCSP_SIGNATURE_ERROR", "OCSP_ISSUER_NOT_FOUND", "OCSP_RESPONSE_INVALID",
                     "NO_MATCHING_CRLDP", "CRL_BAD_SIGNATURE", "CA_CERT_NOT_FOR_CRL_ISSUER",
                     "CRL_HAS_UNKNOWN_CRITICAL_EXTENSION"), common.REVOCATION_UNKNOWN),
    # a certificate malformed in a way Botan refuses (the sender's certificate)
    **dict.fromkeys(("DUPLICATE_CERT_POLICY", "EXTENSION_ENCODING_ERROR",
                     "DUPLICATE_CERT_EXTENSION", "EXT_IN_V1_V2_CERT", "V2_IDENTIFIERS_IN_V1_CERT",
                     "CERT_SERIAL_NEGATIVE", "DN_TOO_LONG", "IPADDR_BLOCKS_ERROR",
                     "AS_BLOCKS_ERROR", "NO_REV_AVAIL_INVALID_USE", "INVALID_OCSP_NOCHECK"),
                    common.BAD_CERT_FORMAT),
    # -- TLS_Exception ----------------------------------------------------------------------
    "Alert::BadCertificate: Certificate validation failure:": "elsewhere",
    "Alert: %s": "elsewhere",  # the CLI's received alert, read by name (embedded17.py)
    "Alert::CertificateRequired: Policy requires client send a certificate, but it did not":
        common.CLIENT_CERT,
    "Alert::HandshakeFailure: Policy requires client send a certificate, but it did not":
        common.CLIENT_CERT,
    "Alert::DecodeError: No client certificate sent": common.CLIENT_CERT,
    "Alert::HandshakeFailure: Client: No certificates sent by server":
        "server_misconfiguration:.6 tls_interception_mitm:.4",
    "Alert::DecodeError: No certificates sent by server":
        "server_misconfiguration:.6 tls_interception_mitm:.4",
    "Alert::HandshakeFailure: No sufficient server certificate available":
        "server_misconfiguration:.6 cipher_suite_mismatch:.4",
    "Alert::IllegalParameter: Downgrade attack detected":
        "tls_interception_mitm:.5 middlebox_or_firewall_interference:.3 "
        "server_misconfiguration:.2",
    "Alert::InappropriateFallback: Client signalled fallback SCSV, possible attack":
        common.FALLBACK,
    "Alert::ProtocolVersion: Client sent plaintext HTTP request instead of TLS handshake":
        common.NOT_TLS_PORT,
    "Alert::ProtocolVersion: Client sent plaintext HTTP proxy CONNECT request instead of "
    "TLS handshake": "client_misconfiguration:.6 non_tls_service_on_port:.4 | reason",
    "Alert::IllegalParameter: Server selected an ALPN protocol not offered by the client":
        common.ALPN,
    "Alert::InternalError: Application chose an ALPN protocol that the client did not offer":
        common.ALPN,
    "Alert::InsufficientSecurity: DH prime too small for policy": common.DH_WEAK,
    "Alert::InsufficientSecurity: DH group validation failed": common.DH_WEAK,
    "Alert::DecryptError: Client certificate verification failed": common.CLIENT_CERT,
    "Alert::DecryptError: Client cert verify failed": common.CLIENT_CERT,
    # Botan's words for a CertificateVerify signature that fails, but git's and curl's
    # GnuTLS back end say "server certificate verification failed" of an untrusted chain:
    # those tables read the words.
    "Alert::DecryptError: Server certificate verification failed": "elsewhere",
    "Alert::DecryptError: Bad signature on server key exchange":
        "server_misconfiguration:.5 tls_interception_mitm:.3 "
        "middlebox_or_firewall_interference:.2",
}

RULES = (
    (r"^Alert::ProtocolVersion: .*(?:No shared|not supported|unsupported|SSLv3|major version|"
     r"Client version|Server version|legacy)", common.VERSION, "no TLS version in common"),
    (r"(?i)ciphersuite|signature (?:scheme|algorithm)|\bgroup\b|curve|hash function supported",
     common.CIPHER, "no suite, group or signature scheme in common (or the peer chose one "
                    "it should not have)"),
    (r"^Alert::(?:InternalError|None): |^Alert::HandshakeFailure: (?:Reuse of DTLS|"
     r"Invalid CECPQ1)", "not_tls", "the application's own callbacks, DTLS, old experiments"),
    (r"(?i)renegotiat", "no_fault", "renegotiation refused: the connection itself is "
                                    "unaffected or the peer asked for what policy forbids"),
    (r"^Alert::(?:BadRecordMac|DecodeError|IllegalParameter|UnexpectedMessage|RecordOverflow|"
     r"MissingExtension|UnsupportedExtension|DecryptError|HandshakeFailure|ProtocolVersion): ",
     common.PROTOCOL_BROKEN, "a malformed or unexpected message from the peer (something in "
                             "between, or a broken peer)"),
    (r"^Alert::BadCertificate: ", "server_misconfiguration:.5 weak_signature_or_key:.3 "
     "cert_wrong_purpose:.2", "a certificate Botan cannot use for this handshake"),
    (r".", "not_tls", "anything else"),
)
