"""Round 16: the enterprise TLS stacks no table read: IBM GSKit (under IBM MQ, Db2, IBM HTTP
Server, the WebSphere plug-in, Domino), Oracle Net's TLS (ORA-/TNS- codes of its SSL layer,
UTL_HTTP, the JDBC thin driver's own checks) and SAP's SAPCRYPTOLIB / CommonCryptoLib under
the ICM (SSSLERR_* in dev_icm, ICM_HTTP_SSL_* in SM59 and SCLNT_HTTP).

These products are closed: each entry records the public document its code and exact text
were read from (URL and version) instead of a commit. Only the codes and the exact words the
products print are taken; meanings are ours, judged by who fixes it. A code whose words do
not say which failure it was ranks below 0.6 (the tell-apart check is the trust/hang-up
check every stack gets). The side matters where the product says it: Db2's SQL30081N is
returned to the client application, an IBM HTTP Server SSL02xxE line is the server's log,
an MQ AMQ96xx line is written by the end whose log it is (its own key repository, its own
channel definition), an ICM SSSLERR_* after "SSL handshake with HOST:PORT failed" is the SAP
system as a client.

GSKit's return codes (0-12, 101-109, 201-203, 401-428) are read as a table: every code is
listed; codes about API misuse, memory or internal state make no pattern (``None``).
Codes above 428 (GSKit 8's later additions, the 5750xx validation codes MQ prints) were not
verifiable from public text and are left out.
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, Pattern, causes, table
from .alerts import ALERTS

# -- sources (closed products: document URL + version instead of a commit) ---------------
_GSK_DB2 = ("IBM Db2 11.5 documentation, 'GSKit return codes' "
            "https://www.ibm.com/docs/SSEPGG_11.5.0/com.ibm.db2.luw.admin.sec.doc/doc/"
            "r_gskit_return_codes.html (codes 0-428 and constant names); IBM i 7.2 'Secure "
            "socket API error code messages' https://ibm.com/docs/ssw_ibm_i_72/rzab6/"
            "ssltrouble.htm (number -> constant); print shapes: WebSphere plug-in technote "
            "swg21264477 (\"Failed in r_gsk_secure_soc_init: GSK_ERROR_BAD_CERT(gsk rc = 414)\"), "
            "IBM support page node/567133 (ITX: \"gsk_secure_soc_init failed and returned: 414 "
            "(GSK_ERROR_BAD_CERT)\", \"GSK Error Code: 414\")")
_DB2 = ("IBM Db2 SQL30081N (communication error; protocol \"SSL\", function sqlccSSL*, the "
        "GSKit return code as the first protocol-specific code), Db2 11.5 message reference "
        "https://www.ibm.com/docs/en/db2/11.5?topic=messages-sql30000-sql30499")
_MQ = ("IBM MQ 9.3 messages 'AMQ9xxx: Remote' https://ibm.com/docs/en/SSFKSJ_9.3.0/"
       "reference/amq9.html (AMQ9631/9633/9637/9642 as printed in IBM support pages "
       "https://www.ibm.com/support/pages/node/1081227 and APAR IT15978, AMQ9616 in "
       "https://colinpaice.blog/amq9616e-the-cipherspec-proposed-by-remote-host-is-not-enabled/"
       ", AMQ9635 in APAR IT36555, AMQ9788 in APAR IT16571, AMQ9716 in "
       "https://ibm.com/support/pages/node/6256630)")
_MQRC = ("IBM MQ 7.5 'Error handling when using SSL with WebSphere MQ classes for Java' "
         "https://ibm.com/docs/SSFKSJ_7.5.0/com.ibm.mq.dev.doc/q031280_.html; 2371 "
         "MQRC_CHANNEL_SSL_ERROR https://www.ibm.com/docs/SSFKSJ_9.2.0/reference/q044000_.html")
_IHS = ("IBM HTTP Server 'SSL handshake messages' (SSL0200E-SSL0208E) "
        "http://setgetweb.com/p/IHS9/was62.html (copy of the IHS 9 documentation)")
_ORA = "Oracle Database error messages https://docs.oracle.com/en/error-help/db/ora-{n} (19c-23ai)"
_ORA_SSL = ("Oracle Fusion Middleware 11g Error Messages, chapter 86 'SSL-28750 to SSL-29249' "
            "https://docs.oracle.com/cd/E23943_01/core.1111/e10113/chapter_ssl_messages.htm")
_ORA_JDBC = ("Oracle JDBC thin driver messages https://docs.oracle.com/en/error-help/db/"
             "oci-17965 and oci-17954")
_SAPSSL = ("SAP SapSSL API header sslapi.h (SSSLERR_* values and their meaning), public copy "
           "wsue/commonlib sslapi.h @ 581c7d4d3d92e7b464ed11354cadb366a1487848")
_SAP_KBA = ("SAP KBA 3391859 'SSSLERR errors due to wrong hostname resolution' (public "
            "preview) https://userapps.support.sap.com/sap/support/knowledge/en/3391859; SAP "
            "Community wiki 'How to troubleshoot the SSSLERR_PEER_CERT_UNTRUSTED' "
            "https://wiki.scn.sap.com/wiki/display/Security/ (dev_icm forms)")
_SCLNT = ("SAP message class SCLNT_HTTP 407/415/421 as published at "
          "https://www.erplingo.com/sap-error-messages/en/sclnt_http/ (SAP's own texts)")

# -- shared rankings ------------------------------------------------------------------------
# A certificate this end could not validate, the words not saying why.
TRUST = ("cert_untrusted_root:.45 incomplete_chain:.2 cert_self_signed:.15 cert_expired:.1 "
         "hostname_mismatch:.1")
# The peer hung up or the handshake broke without saying why.
HANGUP = ("protocol_version_mismatch:.3 cipher_suite_mismatch:.25 "
          "middlebox_or_firewall_interference:.25 non_tls_service_on_port:.2")
# This end's own key database / keystore / wallet (side not in the words).
OWN_STORE = "server_misconfiguration:.5 client_misconfiguration:.5"
# The client's own keystore (a client product said it).
CLIENT_STORE = "client_misconfiguration:.85 server_misconfiguration:.15"

# -- GSKit return codes ---------------------------------------------------------------------
# (code, constant, what it means, causes; None: not a TLS failure, no pattern)
GSK_CODES: tuple[tuple[int, str, str, str | None], ...] = (
    (1, "GSK_INVALID_HANDLE", "", None),
    (2, "GSK_API_NOT_AVAILABLE", "", None),
    (3, "GSK_INTERNAL_ERROR", "", None),
    (4, "GSK_INSUFFICIENT_STORAGE", "", None),
    (5, "GSK_INVALID_STATE", "", None),
    (6, "GSK_KEY_LABEL_NOT_FOUND", "the key database has no certificate with the configured "
     "label", OWN_STORE),
    (7, "GSK_CERTIFICATE_NOT_AVAILABLE", "no certificate was received from the partner",
     "client_cert_required:.55 server_misconfiguration:.45"),
    (8, "GSK_ERROR_CERT_VALIDATION", "the partner's certificate failed validation", TRUST),
    (9, "GSK_ERROR_CRYPTO", "", None),
    (10, "GSK_ERROR_ASN", "a certificate's ASN.1 fields did not validate (a malformed "
     "certificate)", "server_misconfiguration:.55 client_misconfiguration:.45"),
    (11, "GSK_ERROR_LDAP", "the LDAP server holding the CRLs could not be reached",
     "name_resolution_or_unreachable:.5 client_misconfiguration:.5"),
    (12, "GSK_ERROR_UNKNOWN_ERROR", "", None),
    (101, "GSK_OPEN_CIPHER_ERROR", "", None),
    (102, "GSK_KEYFILE_IO_ERROR", "the key database file could not be read", OWN_STORE),
    (103, "GSK_KEYFILE_INVALID_FORMAT", "the key database file is damaged or not a key "
     "database", OWN_STORE),
    (104, "GSK_KEYFILE_DUPLICATE_KEY", "the key database holds the same key twice", OWN_STORE),
    (105, "GSK_KEYFILE_DUPLICATE_LABEL", "the key database holds the same label twice",
     OWN_STORE),
    (106, "GSK_BAD_FORMAT_OR_INVALID_PASSWORD", "the key database password (or stash) is "
     "wrong, or the file is damaged", OWN_STORE),
    (107, "GSK_KEYFILE_CERT_EXPIRED", "the key database's own (default) certificate has "
     "expired", "cert_expired:.8 server_misconfiguration:.2"),
    (108, "GSK_ERROR_LOAD_GSKLIB", "", None),
    (109, "GSK_PENDING_CLOSE_ERROR", "", None),
    (201, "GSK_NO_KEYFILE_PASSWORD", "neither a key database password nor a stash file was "
     "given", OWN_STORE),
    (202, "GSK_KEYRING_OPEN_ERROR", "the key database could not be opened (path or "
     "permissions)", OWN_STORE),
    (203, "GSK_RSA_TEMP_KEY_PAIR", "", None),
    (401, "GSK_ERROR_BAD_DATE", "a certificate is expired or not yet valid",
     "cert_expired:.7 cert_not_yet_valid:.15 client_clock_wrong:.15"),
    (402, "GSK_ERROR_NO_CIPHERS", "no cipher suite both sides allow (none enabled, or no "
     "overlap)", "cipher_suite_mismatch:.55 protocol_version_mismatch:.3 "
     "client_misconfiguration:.15"),
    (403, "GSK_ERROR_NO_CERTIFICATE", "no certificate to send, or none received",
     "client_cert_required:.5 server_misconfiguration:.5"),
    (404, "GSK_ERROR_BAD_CERTIFICATE", "a certificate is bad", TRUST),
    (405, "GSK_ERROR_UNSUPPORTED_CERTIFICATE_TYPE", "the certificate's key type is not "
     "supported (or does not fit the cipher suite)",
     "weak_signature_or_key:.45 cipher_suite_mismatch:.3 server_misconfiguration:.25"),
    (406, "GSK_ERROR_IO", "an I/O error during the handshake (the connection broke)", HANGUP),
    (407, "GSK_ERROR_BAD_KEYFILE_LABEL", "the configured label is not in the key database",
     OWN_STORE),
    (408, "GSK_ERROR_BAD_KEYFILE_PASSWORD", "the key database password is wrong", OWN_STORE),
    (409, "GSK_ERROR_BAD_KEY_LEN_FOR_EXPORT", "the key is too long for an export cipher",
     "weak_signature_or_key:.5 cipher_suite_mismatch:.5"),
    (410, "GSK_ERROR_BAD_MESSAGE", "an incorrectly formatted message came from the partner",
     "non_tls_service_on_port:.45 protocol_version_mismatch:.3 "
     "middlebox_or_firewall_interference:.25"),
    (411, "GSK_ERROR_BAD_MAC", "a record failed its integrity check",
     "middlebox_or_firewall_interference:.5 protocol_version_mismatch:.3 "
     "cipher_suite_mismatch:.2"),
    (412, "GSK_ERROR_UNSUPPORTED", "the protocol version or certificate type is not "
     "supported", "protocol_version_mismatch:.55 cipher_suite_mismatch:.25 "
     "weak_signature_or_key:.2"),
    (413, "GSK_ERROR_BAD_CERT_SIG", "a certificate's signature did not verify",
     "cert_untrusted_root:.4 weak_signature_or_key:.35 bad_chain_order_or_extra:.25"),
    (414, "GSK_ERROR_BAD_CERT", "the partner's certificate was rejected (not formatted or "
     "not validated against the local key database)", TRUST),
    (415, "GSK_ERROR_BAD_PEER", "the partner violated the TLS protocol",
     "protocol_version_mismatch:.4 non_tls_service_on_port:.3 "
     "middlebox_or_firewall_interference:.3"),
    (416, "GSK_ERROR_PERMISSION_DENIED", "permission denied (a key database or device file)",
     OWN_STORE),
    (417, "GSK_ERROR_SELF_SIGNED", "the partner's certificate is self-signed and not trusted",
     "cert_self_signed:.8 cert_untrusted_root:.2"),
    (418, "GSK_ERROR_NO_READ_FUNCTION", "", None),
    (419, "GSK_ERROR_NO_WRITE_FUNCTION", "", None),
    (420, "GSK_ERROR_SOCKET_CLOSED", "the partner closed the connection during the handshake",
     "protocol_version_mismatch:.3 cipher_suite_mismatch:.25 client_cert_required:.25 "
     "middlebox_or_firewall_interference:.2"),
    (421, "GSK_ERROR_BAD_V2_CIPHER", "an SSLv2 cipher specification is not valid",
     "cipher_suite_mismatch:.55 client_misconfiguration:.45"),
    (422, "GSK_ERROR_BAD_V3_CIPHER", "a cipher specification is not valid",
     "cipher_suite_mismatch:.55 client_misconfiguration:.45"),
    (423, "GSK_ERROR_BAD_SEC_TYPE", "the security type (protocol) setting is not valid",
     "protocol_version_mismatch:.55 client_misconfiguration:.45"),
    (424, "GSK_ERROR_BAD_SEC_TYPE_COMBINATION", "the protocol settings do not combine",
     "protocol_version_mismatch:.55 client_misconfiguration:.45"),
    (425, "GSK_ERROR_HANDLE_CREATION_FAILED", "", None),
    (426, "GSK_ERROR_INITIALIZATION_FAILED", "the TLS environment did not initialise (key "
     "database, label or settings)", OWN_STORE),
    (427, "GSK_ERROR_LDAP_NOT_AVAILABLE", "the LDAP server for CRLs is not available",
     "name_resolution_or_unreachable:.5 client_misconfiguration:.5"),
    (428, "GSK_ERROR_NO_PRIVATE_KEY", "the certificate in the key database has no private "
     "key", OWN_STORE),
)

# What a Db2 client (SQL30081N) means by the same code: the keystore is the client's, and a
# hang-up on its SSL connect is often the plain port or a server without SSL set up.
_DB2_CLIENT = {
    6: CLIENT_STORE, 102: CLIENT_STORE, 103: CLIENT_STORE, 106: CLIENT_STORE,
    201: CLIENT_STORE, 202: CLIENT_STORE, 407: CLIENT_STORE, 408: CLIENT_STORE,
    416: CLIENT_STORE, 426: CLIENT_STORE, 104: CLIENT_STORE, 105: CLIENT_STORE,
    428: CLIENT_STORE,
    # "certificate not received from partner" on the client: the server sent none
    7: "server_misconfiguration:.55 client_cert_required:.45",
    # a certificate GSKit could not parse: the file the client was given (SSLServerCertificate
    # or its key database) as often as the server's own
    10: "client_misconfiguration:.55 server_misconfiguration:.45",
    406: "non_tls_service_on_port:.35 protocol_version_mismatch:.25 "
         "server_misconfiguration:.2 middlebox_or_firewall_interference:.2",
    420: "non_tls_service_on_port:.3 protocol_version_mismatch:.25 server_misconfiguration:.25 "
         "cipher_suite_mismatch:.2",
    410: "non_tls_service_on_port:.55 protocol_version_mismatch:.25 "
         "middlebox_or_firewall_interference:.2",
    414: "cert_untrusted_root:.5 incomplete_chain:.2 cert_self_signed:.15 hostname_mismatch:.15",
    8: "cert_untrusted_root:.5 incomplete_chain:.2 cert_self_signed:.15 hostname_mismatch:.15",
}


def _gsk_rows() -> list[tuple[str, str, str, int]]:
    """The GSKit constant names (any print shape) and the numbers after a GSKit word."""
    rows = []
    for code, name, what, cs in GSK_CODES:
        if cs is None:
            continue
        rows.append((rf"\b{name}\b", f"GSKit {code} {name}: {what}", cs, REASON))
        # the WebSphere plug-in's "GSK_ERROR_BAD_CERT(gsk rc = 414)", IBM Transformation
        # Extender's "gsk_secure_soc_init failed and returned: 414" and "GSK Error Code: 414"
        rows.append((rf"\bgsk(?:it|_[a-z_]{{1,40}})?\b[^\n]{{0,40}}?\b(?:error|rc|return code"
                     rf"|returned|status|code)\D{{1,6}}{code}\b(?!\.\d)",
                     f"GSKit return code {code} ({name}): {what}", cs, SPECIFIC))
    return rows


def _db2_rows() -> list[tuple[str, str, str, int]]:
    """SQL30081N over "SSL" with the GSKit code first among the protocol-specific codes."""
    rows = []
    for code, name, what, cs in GSK_CODES:
        if cs is None:
            continue
        rows.append((r"\bSQL30081N\b[^\n]{0,300}?\"SSL\"[^\n]{0,900}?Protocol specific error "
                     rf"code\(s\): \"{code}\"",
                     f"Db2 client: its SSL connection failed with GSKit {code} ({name}): {what}",
                     _DB2_CLIENT.get(code, cs), REASON + 1))
    return rows


def _db2diag_rows() -> list[tuple[str, str, str, int]]:
    """db2diag.log's line naming the gsk_* call and its code (either end's log)."""
    return [(rf"\bThe SSL function \"gsk_[a-z_]{{1,40}}\" failed with the return code "
             rf"\"{code}\"", f"Db2 (db2diag): GSKit {code} ({name}): {what}", cs, REASON)
            for code, name, what, cs in GSK_CODES if cs is not None]


def _tagged(patterns: tuple[Pattern, ...], tag: str, side: str = "") -> tuple[Pattern, ...]:
    """A second table of the same source gets ids of its own ("ibm_mq.mqrc.3"), and the side
    its product prints from."""
    return tuple(replace(p, id=f"{p.source}.{tag}.{n}", side=side or p.side)
                 for n, p in enumerate(patterns))


PATTERNS: tuple[Pattern, ...] = table("gskit", _GSK_DB2, _gsk_rows())
PATTERNS += _tagged(table("db2", _DB2, _db2_rows()), "sql30081n", "client")
PATTERNS += table("db2diag", _DB2, _db2diag_rows())

# -- IBM MQ ---------------------------------------------------------------------------------
_AMQ = r"\bAMQ{n}[EIW]?:? "
# "reason code 2393", "reason '2393'", "Reason=2393", "MQRC=2393", "RC2393"
_MQ_REASON = r"(?:\breason(?: code)?\W{1,4}|\bMQRC\W{1,3}|\bRC)"
_MQ_TLS_WORDS = r"[^\n]{0,300}?\b(?:SSL|TLS|SSLCIPH|CipherSpec|SSLPEER|key repository)\b"
PATTERNS += table("ibm_mq", _MQ, [
    (_AMQ.format(n=9631) + r"The CipherSpec negotiated during the SSL handshake does not match",
     "IBM MQ: the CipherSpec negotiated differs from the channel's SSLCIPH",
     "cipher_suite_mismatch:.9 client_misconfiguration:.1", REASON),
    (_AMQ.format(n=9633) + r"Bad SSL certificate for channel\b",
     "IBM MQ: this end rejected the remote end's certificate (not validated against this "
     "end's key repository, revoked, or malformed)",
     "cert_untrusted_root:.45 incomplete_chain:.2 cert_expired:.15 cert_self_signed:.1 "
     "cert_revoked:.1", REASON),
    (_AMQ.format(n=9637) + r"Channel is lacking a certificate\b",
     "IBM MQ: the channel has no certificate for the handshake (the connecting end sent none, "
     "or this end has no personal certificate under its label)",
     "client_cert_required:.55 server_misconfiguration:.45", REASON),
    (_AMQ.format(n=9642) + r"No SSL or TLS certificate for channel\b",
     "IBM MQ: this end sent no certificate and the remote queue manager requires one "
     "(SSLCAUTH(REQUIRED))", "client_cert_required:.9 client_misconfiguration:.1", REASON),
    # Round 25 (holdout29): z/OS's twin of AMQ9642, "CSQX642E csect-name No SSL certificate
    # for channel channel-name" (IBM MQ for z/OS messages, ibm.com/docs SSFKSJ reference
    # csq_x; the distributed queuing CSQX6xx series mirrors the AMQ96xx one): the same reading.
    (r"\bCSQX642E\b[^\n]{0,80}?\bNo SSL certificate for channel\b",
     "IBM MQ for z/OS: this end sent no certificate and the remote queue manager requires one "
     "(SSLCAUTH(REQUIRED))", "client_cert_required:.9 client_misconfiguration:.1", REASON),
    (_AMQ.format(n=9616) + r"The CipherSpec [^\n]{0,80}proposed by remote host [^\n]{0,200}is "
     r"not enabled\b",
     "IBM MQ (the TLS server end): the client proposed a CipherSpec this end does not enable "
     "(FIPS, Suite B, a deprecated protocol, or a key type that does not fit)",
     "cipher_suite_mismatch:.55 protocol_version_mismatch:.25 weak_signature_or_key:.2",
     REASON),
    (_AMQ.format(n=9635) + r"Channel '[^'\n]{0,48}' did not specify a valid CipherSpec\b",
     "IBM MQ: the channel's SSLCIPH is not valid here (unknown or deprecated)",
     "cipher_suite_mismatch:.55 client_misconfiguration:.45", REASON),
    (_AMQ.format(n=9788) + r"The channel '[^'\n]{0,48}' specified a weak or broken CipherSpec\b",
     "IBM MQ: the channel asks for a deprecated CipherSpec",
     "cipher_suite_mismatch:.55 obsolete_protocol_enabled:.45", REASON),
    (_AMQ.format(n=9660) + r"SSL key repository: password stash file absent or unusable\b",
     "IBM MQ: this end's key repository has no usable stash file (.sth)", OWN_STORE, REASON),
    (_AMQ.format(n=9638) + r"SSL communications error for channel\b",
     "IBM MQ: the TLS connection failed (the remote end's log says why)", HANGUP, CATEGORY),
    (_AMQ.format(n=9665) + r"SSL connection closed by remote end of channel\b",
     "IBM MQ: the remote end closed the connection during the handshake (its log says why)",
     "cert_untrusted_root:.3 cipher_suite_mismatch:.25 client_cert_required:.25 "
     "protocol_version_mismatch:.2", CATEGORY),
    (_AMQ.format(n=9641) + r"Remote CipherSpec error for channel\b",
     "IBM MQ: the remote end rejected the CipherSpec", "cipher_suite_mismatch:.85 "
     "protocol_version_mismatch:.15", REASON),
    (_AMQ.format(n=9636) + r"SSL distinguished name does not match peer name\b",
     "IBM MQ: the remote certificate's DN does not match the channel's SSLPEER",
     "hostname_mismatch:.55 client_misconfiguration:.45", REASON),
    (_AMQ.format(n=9716) + r"Remote SSL certificate revocation status check failed\b",
     "IBM MQ: no CRL server or OCSP responder answered for the remote certificate",
     "middlebox_or_firewall_interference:.45 name_resolution_or_unreachable:.35 "
     "cert_revoked:.2", REASON),
])
PATTERNS += _tagged(table("ibm_mq", _MQRC, [
    (r"\bMQRC_SSL_INITIALIZATION_ERROR\b",
     "IBM MQ (2393): the client's TLS environment did not initialise (key repository path, "
     "stash, permissions)", CLIENT_STORE, SPECIFIC),
    (r"\bMQRC_KEY_REPOSITORY_ERROR\b", "IBM MQ (2381): the key repository cannot be used",
     CLIENT_STORE, SPECIFIC),
    (r"\bMQRC_JSSE_ERROR\b",
     "IBM MQ classes for Java (2397): JSSE failed the handshake (its exception, the "
     "'Caused by:', says why)", TRUST, GENERIC),
    (r"\bMQRC_UNSUPPORTED_CIPHER_SUITE\b",
     "IBM MQ classes for Java (2400): the JRE does not know the CipherSuite named (IBM "
     "names on a non-IBM JRE: com.ibm.mq.cfg.useIBMCipherMappings=false)",
     "client_misconfiguration:.55 cipher_suite_mismatch:.45", REASON),
    (r"\bMQRC_SSL_PEER_NAME_MISMATCH\b",
     "IBM MQ (2398): the queue manager's certificate DN does not match sslPeerName",
     "hostname_mismatch:.55 client_misconfiguration:.45", REASON),
    (r"\bMQRC_SSL_PEER_NAME_ERROR\b", "IBM MQ (2399): the sslPeerName pattern is not valid",
     "client_misconfiguration:1", REASON),
    (r"\bMQRC_SSL_NOT_ALLOWED\b", "IBM MQ (2396): TLS was asked for on a bindings connection",
     "client_misconfiguration:1", REASON),
    (r"\bMQRC_SSL_CERTIFICATE_REVOKED\b", "IBM MQ (2401): a certificate is revoked",
     "cert_revoked:.85 client_misconfiguration:.15", REASON),
    (r"\bMQRC_CHANNEL_SSL_ERROR\b", "IBM MQ (2371): a channel's TLS handshake failed",
     HANGUP, GENERIC),
    # The C client's samples and applications print the number alone ("MQCONNX ended with
    # reason code 2393"); only the TLS reason codes the brief's sources number are read.
    (_MQ_REASON + r"2393\b", "IBM MQ reason 2393 (MQRC_SSL_INITIALIZATION_ERROR): the "
     "client's TLS environment did not initialise", CLIENT_STORE, SPECIFIC),
    (_MQ_REASON + r"2397\b", "IBM MQ reason 2397 (MQRC_JSSE_ERROR): JSSE failed the handshake",
     TRUST, GENERIC),
    (_MQ_REASON + r"2400\b", "IBM MQ reason 2400 (MQRC_UNSUPPORTED_CIPHER_SUITE)",
     "client_misconfiguration:.55 cipher_suite_mismatch:.45", REASON),
    # 2059 (queue manager not available) is what a client application gets when its TLS
    # handshake failed: only with TLS words beside it, and only a ranking (the client's
    # AMQERR01.LOG, or the queue manager's, has the AMQ96xx that says why).
    (r"\bMQRC_Q_MGR_NOT_AVAILABLE\b" + _MQ_TLS_WORDS + "|" + _MQ_REASON + r"2059\b"
     + _MQ_TLS_WORDS,
     "IBM MQ 2059 with TLS configured: the handshake failed before the queue manager answered "
     "(AMQERR01.LOG on either end has the AMQ96xx that says why)", HANGUP, CATEGORY),
]), "mqrc")

# -- IBM HTTP Server (a server's log: a certificate it judges is the client's) --------------
PATTERNS += _tagged(table("ihs", _IHS, [
    (r"\bSSL0206E:? (?:SSL )?Handshake Failed, Key-file label not found\b",
     "IBM HTTP Server: SSLServerCert names a label its KeyFile does not hold",
     "server_misconfiguration:1", REASON),
    (r"\bSSL0207E:? (?:SSL )?Handshake Failed, Certificate is not available\b",
     "IBM HTTP Server: client authentication is required and the client sent no certificate",
     "client_cert_required:.85 server_misconfiguration:.15", REASON),
    (r"\bSSL0208E:? (?:SSL )?Handshake Failed, Certificate validation error\b",
     "IBM HTTP Server: a certificate failed validation against its KeyFile (a client's "
     "certificate, or a back end's through SSLProxyEngine)",
     "client_cert_required:.5 cert_untrusted_root:.5", REASON + 1),
    (r"\bSSL0200E:? (?:SSL )?Handshake Failed, ",
     "IBM HTTP Server: a handshake failed (the GSKit code after it says why)", HANGUP,
     GENERIC),
]), "ssl02", "server")

# -- Oracle Net TLS, UTL_HTTP and the JDBC thin driver ------------------------------------
_ORA_CODE = r"\b(?:(?:ORA|TNS)-0?|nt (?:main|secondary) err code: ){n}\b"


def _ora(n: int, words: str, meaning: str, cs: str, spec: int = REASON + 2,
         src: str = _ORA) -> tuple[str, str, str, int, str]:
    return (_ORA_CODE.format(n=n) + (f"(?::? ?{words})?" if words else ""), meaning, cs, spec,
            src.format(n=n))


PATTERNS += table("oracle_net", _ORA_SSL, [
    _ora(28759, "", "Oracle: the wallet (or another file of its TLS layer) could not be "
         "opened: WALLET_LOCATION or its permissions", OWN_STORE),
    _ora(28857, "", "Oracle: an unknown TLS error", HANGUP, REASON + 1, _ORA_SSL),
    _ora(28858, "", "Oracle: a TLS protocol error", "protocol_version_mismatch:.4 "
         "non_tls_service_on_port:.3 middlebox_or_firewall_interference:.3", REASON + 1, _ORA_SSL),
    _ora(28859, "", "Oracle: the TLS negotiation failed", "cipher_suite_mismatch:.45 "
         "protocol_version_mismatch:.35 middlebox_or_firewall_interference:.2", REASON + 1, _ORA_SSL),
    _ora(28860, "", "Oracle: fatal TLS error (the secondary code says which)", HANGUP,
         REASON + 1),
    _ora(28862, "", "Oracle: the TLS connection failed (the peer closed it)",
         "cert_untrusted_root:.3 protocol_version_mismatch:.25 cipher_suite_mismatch:.25 "
         "client_cert_required:.2", REASON + 1),
    _ora(28864, "", "Oracle: the peer closed the TLS connection", HANGUP, REASON + 1),
    _ora(28865, "", "Oracle: the TLS connection was closed", HANGUP, REASON + 1),
    _ora(28868, "", "Oracle: the peer's certificate chain check failed", TRUST),
    _ora(28885, "", "Oracle: no certificate in the wallet has the key usage TLS needs",
         "cert_wrong_purpose:.8 server_misconfiguration:.2"),
    _ora(29002, "", "Oracle: the client found the server's certificate invalid or obsolete",
         "cert_expired:.35 cert_untrusted_root:.35 hostname_mismatch:.3"),
    _ora(29003, "", "Oracle: the server's certificate DN does not match what the client "
         "expects (SSL_SERVER_DN_MATCH / SSL_SERVER_CERT_DN)",
         "hostname_mismatch:.7 client_misconfiguration:.3"),
    _ora(29019, "", "Oracle: the two sides allow no common TLS version (SSL_VERSION)",
         "protocol_version_mismatch:.9 client_misconfiguration:.1"),
    _ora(29024, "", "Oracle: the peer's certificate did not validate against this end's "
         "wallet", "cert_untrusted_root:.5 incomplete_chain:.2 cert_expired:.15 "
         "cert_self_signed:.15"),
    _ora(29037, "", "Oracle: the peer sent a certificate message with no certificate",
         "client_cert_required:.55 server_misconfiguration:.45"),
    _ora(29050, "", "Oracle: the client-authentication mode does not fit the cipher suite",
         "cipher_suite_mismatch:.5 client_misconfiguration:.5"),
    _ora(29106, "", "Oracle: the wallet (PKCS #12) could not be imported: damaged, wrong "
         "format or password", OWN_STORE),
    _ora(29113, "", "Oracle: the wallet's PKCS #12 key bag could not be read", OWN_STORE),
    # ODP.NET managed / the Net layer's handshake failure: the inner exception (SslStream's,
    # JSSE's) or the nt secondary code says why
    (r"\b(?:ORA|TNS)-00542\b", "Oracle Net: the TLS handshake failed (the inner error or the nt "
     "secondary code says why)", HANGUP, REASON + 1, _ORA.format(n="00542")),
    _ora(24263, "", "Oracle UTL_HTTP: the server's certificate does not name the host "
         "requested (https_host)", "hostname_mismatch:.85 client_misconfiguration:.15"),
])
# UTL_HTTP / APEX_WEB_SERVICE: the DATABASE is the TLS client (ORA-29273 "HTTP request
# failed" with the TLS code under it). Its trust is the wallet UTL_HTTP.SET_WALLET names (no
# intermediate is fetched: the wallet needs them), and releases before 19c send no SNI and
# may lack TLS 1.2/1.3 ciphers: a hang-up there is the version or SNI first.
_UTL = r"\bORA-29273\b[^\n]{{0,400}}?\bORA-{n}\b"
_UTL_HTTP = ("Oracle Database PL/SQL Packages reference, UTL_HTTP (SET_WALLET, REQUEST https_host) "
             "https://docs.oracle.com/en/database/oracle/oracle-database/19/arpls/UTL_HTTP.html; "
             "codes as in " + _ORA.format(n="29273"))
PATTERNS += _tagged(table("oracle_utl_http", _UTL_HTTP, [
    (_UTL.format(n=29024) + "|" + _UTL.format(n=28868),
     "Oracle UTL_HTTP (the database as the HTTPS client): the remote server's chain did not "
     "validate against the wallet SET_WALLET names",
     "cert_untrusted_root:.55 incomplete_chain:.25 cert_expired:.1 hostname_mismatch:.1",
     REASON + 3),
    (_UTL.format(n=28759), "Oracle UTL_HTTP: the wallet SET_WALLET names cannot be opened (path "
     "or the oracle OS user's permissions)", "client_misconfiguration:.85 "
     "server_misconfiguration:.15", REASON + 3),
    (_UTL.format(n=29106) + "|" + _UTL.format(n=29113), "Oracle UTL_HTTP: the wallet cannot be "
     "read (password, or not a PKCS #12 wallet)", "client_misconfiguration:.85 "
     "server_misconfiguration:.15", REASON + 3),
    (_UTL.format(n=28860) + "|" + _UTL.format(n=28862) + "|" + _UTL.format(n=28857),
     "Oracle UTL_HTTP: the TLS handshake with the remote server failed (an older database "
     "sends no SNI and may lack the server's TLS version or suites)",
     "protocol_version_mismatch:.35 sni_required_or_mismatch:.3 cipher_suite_mismatch:.2 "
     "middlebox_or_firewall_interference:.15", REASON + 3),
]), "utl", "client")
PATTERNS += _tagged(table("oracle_jdbc", _ORA_JDBC, [
    (r"\bHost name\(s\): \"[^\"\n]{0,300}\" does not match the CN: \"[^\"\n]{0,300}\" or "
     r"SAN\(s\)", "Oracle JDBC thin: the host name is not in the server certificate's CN or "
     "SANs", "hostname_mismatch:.9 client_misconfiguration:.1", REASON),
    (r"\bThe configured DN, \"[^\"\n]{0,300}\", does not match the DN, \"",
     "Oracle JDBC thin: SSL_SERVER_CERT_DN differs from the server certificate's DN",
     "client_misconfiguration:.5 hostname_mismatch:.5", REASON),
]), "thin", "client")

# python-oracledb's thin mode (Oracle's own Net client in Python, the default mode since 1.0):
# DPY-6005 "cannot connect to database" wraps the cause on its next line (Python's ssl text,
# read by the Python tables); its own TLS checks and wallet errors are these.
_ORACLEDB = ("oracle/python-oracledb src/oracledb/errors.py (ERR_INVALID_SERVER_CERT_DN 6002, "
             "ERR_INVALID_SERVER_NAME 6006, ERR_WALLET_FILE_MISSING 2018, "
             "ERR_INVALID_SSL_VERSION 4032), raised in src/oracledb/impl/thin/crypto.pyx @ "
             "60eb3222453860a394a03b1ef392a41fd701b2d5")
PATTERNS += _tagged(table("oracledb", _ORACLEDB, [
    (r"\bThe name on the server certificate does not match the expected value\b",
     "python-oracledb: the server certificate does not name the host connected to "
     "(ssl_server_dn_match)", "hostname_mismatch:.85 client_misconfiguration:.15", REASON),
    (r"\bThe distinguished name \(DN\) on the server certificate does not match the expected "
     r"value\b", "python-oracledb: the server certificate's DN differs from ssl_server_cert_dn",
     "client_misconfiguration:.5 hostname_mismatch:.5", REASON),
    (r"\bDPY-2018: wallet file [^\n]{1,400} was not found\b",
     "python-oracledb: no ewallet.pem in wallet_location (the client's trust and key file)",
     "client_misconfiguration:.9 server_misconfiguration:.1", REASON),
    (r"\bDPY-4032: invalid value for ssl_version\b",
     "python-oracledb: ssl_version is not a TLS version it knows",
     "client_misconfiguration:1", REASON),
]), "thin", "client")

# IAIK iSaSiLk, the Java TLS library of SAP NetWeaver AS Java and SAP PI/PO: its chain check and
# the alert it received, as SAP's PI adapters print them ("SOAP: Call failed: ...").
_IAIK = ("SAP Community blog 'Using XPI Inspector to troubleshoot HTTP SSL connections' "
         "(2015-12-10) https://blogs.sap.com/2015/12/10/using-xpi-inspector-to-troubleshoot-"
         "http-ssl-connections/ (both printed forms); ranking per the public summary of SAP KBA "
         "3076281 (TrustedCAs view, chain order, duplicate subjects)")
PATTERNS += table("iaik", _IAIK, [
    (r"\biaik\.security\.ssl\.SSLCertificateException: Peer certificate rejected by "
     r"ChainVerifier\b|\bPeer certificate rejected by ChainVerifier\b",
     "IAIK (SAP AS Java / PI): the peer's chain did not verify against the TrustedCAs view",
     "cert_untrusted_root:.45 incomplete_chain:.2 bad_chain_order_or_extra:.2 "
     "hostname_mismatch:.15", REASON),
])


def _iaik_alerts() -> tuple[Pattern, ...]:
    """"Peer sent alert: Alert Fatal: unknown ca": a received alert, read as every stack's
    received alert is (alerts.py): the client's reading, and the server's where the alert
    says something else on a server (AS Java also terminates TLS)."""
    # the words say it was received: above any table reading the alert's name as a verdict
    # ("certificate revoked"); closure and cancel alerts are no fatal failure (no row)
    fatal = {n: row for n, row in ALERTS.items() if row[2]}
    rows = [(rf"\bPeer sent alert: Alert Fatal: {row[0].replace('_', ' ')}\b",
             f"IAIK (SAP AS Java / PI): the peer sent TLS alert {n} ({row[0]})", row[2],
             REASON + 1) for n, row in fatal.items()]
    server = [row[3] for row in fatal.values()]
    return tuple(replace(p, server_causes=causes(scs) if scs else None)
                 for p, scs in zip(_tagged(table("iaik", _IAIK, rows), "alert"), server,
                                   strict=True))


PATTERNS += _iaik_alerts()

# -- SAP SAPCRYPTOLIB / CommonCryptoLib under the ICM --------------------------------------
_SSSL = r"\bSSSLERR_{name}\b"
PATTERNS += table("sap_cryptolib", _SAPSSL, [
    (_SSSL.format(name="PEER_CERT_UNTRUSTED"),
     "SAP (SSSLERR_PEER_CERT_UNTRUSTED, -102): the peer's certificate chain is not trusted "
     "by the PSE this connection uses (STRUST)",
     "cert_untrusted_root:.55 incomplete_chain:.3 cert_self_signed:.15", REASON, _SAP_KBA),
    (_SSSL.format(name="SERVER_CERT_MISMATCH"),
     "SAP (SSSLERR_SERVER_CERT_MISMATCH, -30): the server's certificate does not name the "
     "target host (without SNI the server may send its default certificate)",
     "hostname_mismatch:.55 sni_required_or_mismatch:.45", REASON),
    (_SSSL.format(name="PEER_CERT_EXPIRED"),
     "SAP (SSSLERR_PEER_CERT_EXPIRED): the peer's certificate has expired",
     "cert_expired:.85 client_clock_wrong:.15", REASON, _SAP_KBA),
    (_SSSL.format(name="NO_SSL_REQUEST") + r"|" + _SSSL.format(name="HTTP_REQUEST"),
     "SAP (the ICM as a server): the client did not speak TLS to the HTTPS port",
     "non_tls_service_on_port:.9 client_misconfiguration:.1", REASON),
    (_SSSL.format(name="NO_SSL_RESPONSE"),
     "SAP (the ICM as a client): the server did not answer with TLS (an HTTP port?)",
     "non_tls_service_on_port:.75 middlebox_or_firewall_interference:.25", REASON, _SAP_KBA),
    (_SSSL.format(name="NO_CLIENT_CERT"),
     "SAP (the ICM as a server): client authentication is required and none was sent",
     "client_cert_required:.9 server_misconfiguration:.1", REASON),
    (_SSSL.format(name="NO_SERVER_CERT") + r"|" + _SSSL.format(name="CRED_NOT_FOUND")
     + r"|" + _SSSL.format(name="PSE_ERROR"),
     "SAP: the PSE (its own certificate and key) is missing or unusable", OWN_STORE, REASON),
    (_SSSL.format(name="CONN_CLOSED"),
     "SAP: the peer closed the connection during the handshake", HANGUP, CATEGORY),
    (_SSSL.format(name="SSL_CONNECT") + r"|" + _SSSL.format(name="SSL_READ") + r"|"
     + _SSSL.format(name="SSL_ACCEPT"),
     "SAP: the TLS handshake failed (the errorstack after it says why)",
     "protocol_version_mismatch:.3 sni_required_or_mismatch:.25 cipher_suite_mismatch:.25 "
     "middlebox_or_firewall_interference:.2", GENERIC),
])
PATTERNS += _tagged(table("sap_cryptolib", _SCLNT, [
    (r"\bICM_HTTP_SSL_PEER_CERT_UNTRUSTED\b",
     "SAP HTTP client: the server's certificate is not trusted by the PSE (STRUST)",
     "cert_untrusted_root:.55 incomplete_chain:.3 cert_self_signed:.15", REASON),
    (r"\bICM_HTTP_SSL_CERT_MISMATCH\b",
     "SAP HTTP client: the server's certificate does not name the host",
     "hostname_mismatch:.55 sni_required_or_mismatch:.45", REASON),
    (r"\bICM_HTTP_SSL_ERROR\b",
     "SAP HTTP client: the TLS connection failed (dev_icm's SSSLERR_* says why)",
     "cert_untrusted_root:.3 non_tls_service_on_port:.2 hostname_mismatch:.2 "
     "sni_required_or_mismatch:.15 protocol_version_mismatch:.15", GENERIC),
]), "sclnt")

SOURCES = ("gskit", "db2", "db2diag", "ibm_mq", "ihs", "oracle_net", "oracle_utl_http",
           "oracle_jdbc", "oracledb",
           "iaik", "sap_cryptolib")
