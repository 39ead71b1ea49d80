"""The AWS IoT Device SDK for Embedded C's TLS transports (platform/posix/transport/src/
openssl_posix.c, mbedtls_pkcs11_posix.c), the same code the FreeRTOS and coreMQTT demos
use. AWS IoT Core always asks for the device's certificate (mutual TLS): a handshake the
broker refuses is most often that certificate (not registered, inactive, or the private
key from another one). mbedtls_high_level_strerr() prints the MBEDTLS_ERR_* name after
"mbedTLSError= ", which mbedTLS's table reads.
"""

from __future__ import annotations

from . import _common as common

# SSL_connect failed without OpenSSL's queue printed (the transport does not print it):
# the device certificate first, then the endpoint's CA and the connection.
DEVICE_MTLS = ("client_cert_required:.3 cert_untrusted_root:.25 client_misconfiguration:.2 "
               "protocol_version_mismatch:.15 middlebox_or_firewall_interference:.1 | generic")
_OWN_FILE = "client_misconfiguration:1 | reason"

JUDGE = {
    "SSL_connect failed to perform TLS handshake.": DEVICE_MTLS,
    "Failed to establish a TLS connection.": DEVICE_MTLS,
    "Failed to perform TLS handshake: mbedTLSError= %s : %s.": DEVICE_MTLS,
    # The endpoint's chain against the root CA file the device was given (AWS's RSA
    # endpoints chain to Amazon Root CA 1; an ECC root or an old Symantec root fails).
    "SSL_get_verify_result failed to verify X509 certificate from peer.":
        "client_misconfiguration:.35 cert_untrusted_root:.3 incomplete_chain:.15 "
        "hostname_mismatch:.1 cert_expired:.1 | category",
    "fopen failed to find the root CA certificate file: ROOT_CA_PATH=%s.": _OWN_FILE,
    "PEM_read_X509 failed to parse root CA.": _OWN_FILE,
    "X509_STORE_add_cert failed to add root CA to certificate store.": _OWN_FILE,
    "SSL_CTX_use_certificate_chain_file failed to import client certificate at %s.": _OWN_FILE,
    "SSL_CTX_use_PrivateKey_file failed to import client certificate private key at %s.":
        _OWN_FILE,
    "Setting up credentials failed.": _OWN_FILE,
    "Failed to set server name %s for SNI.": _OWN_FILE,
    "SSL_set_alpn_protos failed to set ALPN protos. %s": _OWN_FILE,
    "Failed to parse server root CA certificate: mbedTLSError= %s : %s.": _OWN_FILE,
    "Failed to setup key handling by PKCS #11.": _OWN_FILE,
    "Failed to get certificate from PKCS #11 module.": _OWN_FILE,
    "Could not find private key.": _OWN_FILE,
    "Failed to set server name: mbedTLSError= %s : %s.": _OWN_FILE,
    "Failed to configure ALPN protocol in MbedTLS: mbedTLSError= %s : %s.": _OWN_FILE,
    "Failed to connect to %s with error %d.": common.UNREACHABLE,
    "Failed to receive data over network: SSL_read failed: ErrorStatus=%s.": common.EOF_CLOSED,
    "Failed to read data: mbedTLSError= %s : %s.": common.EOF_CLOSED,
}

RULES = (
    (r".", "not_tls", "parameter checks, memory and PKCS #11 plumbing of the program"),
)
