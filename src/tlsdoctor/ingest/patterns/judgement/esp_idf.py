"""ESP-IDF: esp-tls (components/esp-tls/esp_tls_mbedtls.c, esp_tls.c), its error codes
(esp_tls_errors.h, printed by esp_err_to_name() and as "Last error code reported from
esp-tls: 0x8004"), the TCP transport (components/tcp_transport/transport_ssl.c) and the
esp-mqtt SSL example's error report. The device is the client; its CA certificate or bundle
is what the firmware embeds.

Lines that print an mbedTLS code ("mbedtls_ssl_handshake returned -0x2700") or an esp-tls
code are read by the number (patterns/mbedtls.py, patterns/devices.py): they are
``elsewhere`` here.
"""

from __future__ import annotations

from . import _common as common
from .mbedtls import DEVICE_VERIFY

# esp-tls's last word for any failed connection: DNS, TCP or the handshake. The lines
# before it (the mbedTLS code, the errno) decide; alone, a ranking.
ANY_CONNECT = ("name_resolution_or_unreachable:.3 middlebox_or_firewall_interference:.2 "
               "cert_untrusted_root:.2 client_misconfiguration:.2 "
               "protocol_version_mismatch:.1 | generic")
# A handshake that failed, without the mbedTLS code: on a device the embedded CA (or a
# bundle without the server's root) first, then what the server refuses.
DEVICE_HANDSHAKE = ("client_misconfiguration:.3 cert_untrusted_root:.25 "
                    "cipher_suite_mismatch:.15 protocol_version_mismatch:.15 "
                    "middlebox_or_firewall_interference:.15 | generic")
_OWN_FILE = "client_misconfiguration:1 | reason"  # the firmware's certificate, key or CA

JUDGE = {
    "ESP_ERR_ESP_TLS_CANNOT_RESOLVE_HOSTNAME": common.DNS,
    "ESP_ERR_ESP_TLS_FAILED_CONNECT_TO_HOST": common.UNREACHABLE,
    "ESP_ERR_ESP_TLS_CONNECTION_TIMEOUT": common.TIMEOUT,
    "ESP_ERR_ESP_TLS_SE_FAILED": _OWN_FILE,
    "ESP_ERR_ESP_TLS_TCP_CLOSED_FIN": common.EOF_CLOSED,
    "ESP_ERR_MBEDTLS_CERT_PARTLY_OK": "client_misconfiguration:1 | specific",
    "ESP_ERR_MBEDTLS_SSL_SET_HOSTNAME_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_SSL_CONF_ALPN_PROTOCOLS_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_X509_CRT_PARSE_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_SSL_CONF_OWN_CERT_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_SSL_SETUP_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_PK_PARSE_KEY_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_SSL_CONF_PSK_FAILED": _OWN_FILE,
    "ESP_ERR_MBEDTLS_SSL_HANDSHAKE_FAILED": DEVICE_HANDSHAKE,
    "ESP_ERR_MBEDTLS_SSL_WRITE_FAILED": common.RESET,
    "ESP_ERR_WOLFSSL_SSL_SET_HOSTNAME_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_SSL_CONF_ALPN_PROTOCOLS_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_CERT_VERIFY_SETUP_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_KEY_VERIFY_SETUP_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_SSL_SETUP_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_CTX_SETUP_FAILED": _OWN_FILE,
    "ESP_ERR_WOLFSSL_SSL_HANDSHAKE_FAILED": DEVICE_HANDSHAKE,
    "ESP_ERR_WOLFSSL_SSL_WRITE_FAILED": common.RESET,
    # esp_tls_mbedtls.c: the verify flags follow at debug level and decide.
    "Failed to verify peer certificate!": DEVICE_VERIFY.replace("specific", "category"),
    "Certificate verified.": "no_fault",
    "mbedtls_x509_crt_parse of CA cert returned -0x%04X": _OWN_FILE,
    "mbedtls_x509_crt_parse of global CA cert returned -0x%04X": _OWN_FILE,
    "mbedtls_x509_crt_parse of public cert returned -0x%04X": _OWN_FILE,
    "mbedtls_pk_parse_keyfile returned -0x%04X": _OWN_FILE,
    "mbedtls_ssl_conf_own_cert returned -0x%04X": _OWN_FILE,
    "mbedtls_x509_crt_parse was partly successful. No. of failed certificates: %d":
        "client_misconfiguration:1 | specific",
    "No server verification option set in esp_tls_cfg_t structure. Check esp_tls API "
    "reference": _OWN_FILE,
    "use_crt_bundle configured but not enabled in menuconfig: Please enable "
    "MBEDTLS_CERTIFICATE_BUNDLE option": _OWN_FILE,
    "alpn_protos configured but not enabled in menuconfig: Please enable MBEDTLS_SSL_ALPN "
    "option": _OWN_FILE,
    "You have to provide both clientcert_buf and clientkey_buf for mutual authentication":
        _OWN_FILE,
    "global_cacert is NULL": _OWN_FILE,
    "Unsupported protocol version": _OWN_FILE,
    "Failed to set client pki context": _OWN_FILE,
    "create_ssl_handle failed": "client_misconfiguration:1 | specific",
    "Missing server certificate and/or key": common.SERVER_CONFIG,
    "couldn't get hostname for :%s: getaddrinfo() returns %d, addrinfo=%p": common.DNS,
    "[sock=%d] select() timeout": common.TIMEOUT,
    "Non blocking connect failed with error=%d": common.UNREACHABLE.replace("specific",
                                                                             "generic"),
    "Failed to open new connection in specified timeout": common.TIMEOUT,
    "Failed to open new connection": ANY_CONNECT,
    "failed to open a new connection": ANY_CONNECT,
    "Failed to open a new connection": ANY_CONNECT,
    "esp_tls_conn_read error, errno=%s": common.EOF_CLOSED,
}

RULES = (
    (r"returned -0x%04X|error :-0x%04|returned \[0x%04X\] \(%s\)|Last error code reported|"
     r"Last tls stack error|Last captured errno|verification info|connect error: %s|"
     r"connect\(\) error|Failed to open a new connection: %d", "elsewhere",
     "the mbedTLS or esp-tls code, the verify flags or the errno printed in it decide"),
    (r".", "not_tls", "sockets, memory, debug and session plumbing of the device"),
)
