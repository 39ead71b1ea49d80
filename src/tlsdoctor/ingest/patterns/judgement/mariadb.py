"""MariaDB: Connector/C, the library of the mariadb client and of most MariaDB drivers
("TLS/SSL error: %s", CR_SSL_CONNECTION_ERROR, with OpenSSL's reason or verify result, a
GnuTLS or Schannel text, or its own check), and the server (vio/viosslfactories.c,
errmsg-utf8.txt). OpenSSL's and GnuTLS's words after "TLS/SSL error:" are read by their
own tables."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

JUDGE = {
    "CR_SSL_CONNECTION_ERROR": db.HANDSHAKE,
    "CR_SERVER_HANDSHAKE_ERR": "not_tls",
    # strerror() after it ("TLS/SSL error: Connection reset by peer (104)"): system.py.
    "TLS/SSL error: %s (%d)": "elsewhere",
    "SSL is required, but the server does not support it": db.TLS_OFF,
    # The server's error packet sent before TLS (too many connections, a blocked host):
    # its own words say what it was.
    "Received error packet before completion of TLS handshake. The authenticity of the "
    "following error cannot be verified: %d - %s": "elsewhere",
    "Invalid (empty) hostname": common.CLIENT_CONFIG,
    "Unable to get server certificate": "server_misconfiguration:.5 "
                                        "middlebox_or_firewall_interference:.5",
    "Can't access peer certificate": "server_misconfiguration:.5 "
                                     "middlebox_or_firewall_interference:.5",
    # Connector/C 3.3's OpenSSL back end prints this when X509_check_host/_ip fail (seen
    # in the matrix: a certificate for another name, --ssl-verify-server-cert).
    "Validation of SSL server certificate failed": common.HOSTNAME,
    "Hostname verification failed": common.HOSTNAME,
    "Certificate subject name doesn't match specified hostname": common.HOSTNAME,
    "Certificate not yet valid or expired": common.DATES_UNSAID,
    "Certificate revoked": common.REVOKED,
    "Peer certificate verification failed": common.CERT_ANY + " | category",
    "Peer certificate is not trusted": db.DB_UNTRUSTED + " | reason",
    # GnuTLS back end (gnutls_certificate_verification_status_print).
    "Certificate verification failure: The certificate is NOT trusted.":
        db.DB_UNTRUSTED + " | reason",
    "Fingerprint verification of server certificate failed": db.FINGERPRINT,
    "Fingerprint validation of peer certificate failed": db.FINGERPRINT,
    "invalid finger print of server certificate": db.FINGERPRINT,
    "Finger print buffer too small": common.CLIENT_CONFIG,
    "Unknown or invalid fingerprint hash size detected": common.CLIENT_CONFIG,
    "Cannot detect hash algorithm for fingerprint verification": common.CLIENT_CONFIG,
    "SHA224 hash for fingerprint verification is not supported in Schannel":
        common.CLIENT_CONFIG,
    "TLS1.3 is not supported on Windows before Windows 11 or Windows Server 2022":
        "client_misconfiguration:.6 protocol_version_mismatch:.4 | reason",
    "Unknown cipher suite": "client_misconfiguration:.6 cipher_suite_mismatch:.4 | reason",
    "Unknown error before the handshake": "not_tls",
    # The server's vio/viosslfactories.c (the same texts as libmysql's; one verdict each).
    # Printed in the server's error log (its own ssl_cert/ssl_key): its side first.
    "Unable to get certificate": db.OWN_FILE_SERVER,
    "Unable to get private key": db.OWN_FILE_SERVER,
    "Private key does not match the certificate public key": common.KEY_MISMATCH,
    "SSL_CTX_set_default_verify_paths failed": "server_misconfiguration:.8 "
                                               "client_misconfiguration:.2 | reason",
    "Failed to set ciphers to use": "server_misconfiguration:.5 client_misconfiguration:.5 "
                                    "| reason",
    "SSL_CTX_new failed": "not_tls",
    "SSL_CTX_set_tmp_dh failed": common.SERVER_CONFIG,
    # "SSL error: <one of the above> from '<file>'": the texts inside decide.
    "SSL error: %s from '%s'": "elsewhere",
    "SSL error: %s": "elsewhere",
    "ER_NO_SECURE_TRANSPORTS_CONFIGURED": common.SERVER_CONFIG,
    # Connection-phase messages that say nothing about TLS: the client closed before
    # logging in (a health check reads the same as a client whose own TLS check
    # rejected the server), a wrong password reads like an account's REQUIRE X509/SSL,
    # a client that spoke another protocol like a broken one. Their words carry no TLS
    # cause; the matrix (tests/ingest/test_explain_db_matrix.py) records that.
    "ER_NEW_ABORTING_CONNECTION": "not_tls",
    "ER_ACCESS_DENIED_ERROR": "not_tls",
    "ER_NET_PACKETS_OUT_OF_ORDER": "not_tls",
    "ER_NET_READ_ERROR": "not_tls",
    "ER_NET_ERROR_ON_WRITE": "not_tls",
    "ER_HANDSHAKE_ERROR": "not_tls",
}

MEANING = {
    "SSL is required, but the server does not support it": db.TLS_OFF_MEANING,
    "Validation of SSL server certificate failed":
        "the server certificate is not for the host name asked for "
        "(Connector/C's X509_check_host/X509_check_ip_asc failed)",
}

RULES = (
    (r".", "not_tls", "client API misuse and internal failures"),
)
