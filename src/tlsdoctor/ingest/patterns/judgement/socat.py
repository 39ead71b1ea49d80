"""socat (xio-openssl.c, 1.7.4.4 and 1.8.0.1): its OpenSSL address's outcomes, printed
"YYYY/MM/DD hh:mm:ss socat[pid] E <text>".

"SSL_connect(): %s" / "SSL_accept(): %s" carry OpenSSL's error string (its table); the
function says the side (socat as client: OPENSSL:, as server: OPENSSL-LISTEN:). socat's
listener verifies client certificates by default (verify=1): there "no peer certificate"
is a client that sent none. "connection closed (wrong version number?)" is socat's own
guess at SSL_ERROR_ZERO_RETURN. Its options: cafile=, verify=, commonname=, snihost=,
openssl-min-proto-version=, cert=."""

from __future__ import annotations

from . import _common as common

JUDGE = {
    'Failed to set SNI host "%s"': common.CLIENT_CONFIG,
    'no certificate given; consider option "cert"': "server_misconfiguration:1 | specific",
    "SSL_accept() failed": common.HANDSHAKE,
    "SSL_connect() failed": common.HANDSHAKE,
    "connection closed (wrong version number?)": "non_tls_service_on_port:.5 "
                                                 "protocol_version_mismatch:.3 "
                                                 "middlebox_or_firewall_interference:.2",
    "SSL_accept(): socket closed by peer": common.EOF_CLOSED,
    "SSL_connect(): socket closed by peer": common.EOF_CLOSED,
    "SSL_accept(): %s": common.HANDSHAKE,
    "SSL_connect(): %s": common.HANDSHAKE,
    "SSL_accept(): %s / %s / %s / %s": common.HANDSHAKE,
    "SSL_connect(): %s / %s / %s / %s": common.HANDSHAKE,
    'Unknown SSL/TLS version "%s"': common.CLIENT_CONFIG,
    'Wrong type of TLS/DTLS version "%s"': common.CLIENT_CONFIG,
    "SSL_CTX_use_certificate_file(): %s": "client_misconfiguration:.5 "
                                          "server_misconfiguration:.5 | reason",
    "no peer certificate": "client_cert_required:.7 server_misconfiguration:.3 | reason",
    "no peer certificate and no check": "no_fault",
    # the X509_V_ERR number; the verify string is printed on the line before
    "rejected peer certificate with error %ld": common.CERT_ANY + " | category",
    "option openssl-verify disabled, no check of certificate": "no_fault",
    "trusting certificate, commonName matches": "no_fault",
    "trusting certificate, no check of commonName": "no_fault",
    'certificate is valid but its commonName does not match hostname "%s"': common.HOSTNAME,
    "connection closed by peer": common.EOF_CLOSED,
    "SSL_read(): socket closed by peer": "not_tls",
    "SSL_write(): socket closed by peer": "not_tls",
    'specified SNI host "%s" is an IP address': "no_fault",
    "refusing to set empty SNI host name": "no_fault",
}

RULES = ()
