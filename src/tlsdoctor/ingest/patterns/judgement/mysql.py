"""MySQL's client library (libmysql) and server: CR_SSL_CONNECTION_ERROR's texts ("SSL
connection error: %-.100s" and what sql-common/client.cc and vio/viosslfactories.cc put
after it) and the server's TLS entries of share/messages_to_error_log.txt. The OpenSSL
error string libmysql quotes after it ("error:0A000086:SSL routines::certificate verify
failed") is read by OpenSSL's table."""

from __future__ import annotations

from . import _common as common
from . import _databases as db

SAME_SETUP = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"

JUDGE = {
    # The reason follows the colon; alone it says only that the TLS layer failed.
    "CR 2026": db.HANDSHAKE,
    "CR 2064": "client_misconfiguration:.6 server_misconfiguration:.4 | reason",
    "CR 2074": "sni_required_or_mismatch:.7 client_misconfiguration:.3 | reason",
    "CR 2012": "not_tls",
    "SSL is required but the server doesn't support it": db.TLS_OFF,
    # Exact: GnuTLS's "Certificate is required" is inside these words.
    "CA certificate is required if ssl-mode is VERIFY_CA or VERIFY_IDENTITY":
        "client_misconfiguration:1 | exact",
    "No SSL pointer found": "not_tls",
    "No server hostname supplied": common.CLIENT_CONFIG,
    "Could not get server certificate": "server_misconfiguration:.5 "
                                        "middlebox_or_firewall_interference:.5",
    "Failed to verify the server certificate": common.CERT_ANY + " | category",
    # OpenSSL < 1.0.2 builds check the subject CN themselves.
    "Failed to get CN location in the certificate subject":
        "hostname_mismatch:.6 server_misconfiguration:.4 | reason",
    "Failed to get CN entry using CN location":
        "hostname_mismatch:.6 server_misconfiguration:.4 | reason",
    "Failed to get CN from CN entry": "hostname_mismatch:.6 server_misconfiguration:.4 | reason",
    # A NUL byte inside the CN is the null-prefix attack on name checks.
    "NULL embedded in the certificate CN": "tls_interception_mitm:.6 server_misconfiguration:.4",
    # vio/viosslfactories.cc ssl_error_string[]: client (--ssl-*) and server (ssl_*) alike.
    "Unable to get certificate": db.OWN_FILE,
    "Unable to get private key": db.OWN_FILE,
    "Private key does not match the certificate public key": db.CLIENT_KEY_MISMATCH,
    "SSL_CTX_set_default_verify_paths failed": db.CA_PATHS,
    "Failed to set ciphers to use": SAME_SETUP,
    "SSL_CTX_new failed": "not_tls",
    # Only a server's context reaches these (new_VioSSLFd: "Server specific check",
    # "DH stuff" for !is_client): no certificate and key, so it starts without TLS.
    "SSL context is not usable without certificate and private key": common.SERVER_CONFIG,
    "SSL_CTX_set_tmp_dh failed": common.SERVER_CONFIG,
    "TLS version is invalid": SAME_SETUP,
    "FIPS mode invalid": SAME_SETUP,
    "FIPS mode failed": SAME_SETUP,
    "Failed to set ecdh information": SAME_SETUP,
    "Failed to set TLS key exchange groups": SAME_SETUP,
    "force_pqc requires TLSv1.3 with OpenSSL 3.5.0 or newer": SAME_SETUP,
    "Failed to set X509 verification parameter": SAME_SETUP,
    "Invalid certificates": db.OWN_FILE,
    "Failed to set TLS signature algorithms": SAME_SETUP,
    "Failed to set TLS session id context": "not_tls",
    # The server's error log.
    "ER_CANT_OPEN_CA": common.SERVER_CONFIG,
    "ER_CANT_ACCESS_CAPATH": common.SERVER_CONFIG,
    "ER_X509_CANT_READ_CA_KEY": common.SERVER_CONFIG,
    "ER_X509_CANT_READ_CA_CERT": common.SERVER_CONFIG,
    "ER_SSL_TRYING_DATADIR_DEFAULTS": "no_fault",
    "ER_AUTH_SSL_CONF_PREVENTS_CERT_GENERATION": "no_fault",
    "ER_AUTH_CERT_GENERATION_DISABLED": "no_fault",
    # An account's REQUIRE ISSUER/SUBJECT/CIPHER that the client's connection does not meet.
    "ER_X509_ISSUER_MISMATCH": "client_cert_required:.8 client_misconfiguration:.2 | reason",
    "ER_X509_SUBJECT_MISMATCH": "client_cert_required:.8 client_misconfiguration:.2 | reason",
    "ER_X509_CIPHERS_MISMATCH": "client_misconfiguration:.7 cipher_suite_mismatch:.3 | reason",
}

MEANING = {
    "SSL is required but the server doesn't support it": db.TLS_OFF_MEANING,
    "SSL context is not usable without certificate and private key":
        "the server has no certificate and key configured, so it runs without TLS",
}

RULES = (
    (r".", "not_tls", "client API and server messages about anything but a TLS connection"),
)
