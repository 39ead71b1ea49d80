"""aws-c-io (awslabs/aws-c-io source/io.c, source/s2n/s2n_tls_channel_handler.c,
source/tls_channel_handler.c): the AWS Common Runtime's I/O errors, as aws-crt-python raises
them ("AWS_IO_...: <text>"), the Java CRT's CrtRuntimeException and the C SDKs' logs print
them, its TLS handler's lines and its TLS options' checks of the files given.

The CRT is the client of the AWS SDKs, the AWS IoT device SDKs v2 and Mountpoint for S3.
"TLS (SSL) negotiation failed" is its one word for every failed handshake on Linux: the
reason is s2n's line before it (judgement/s2n.py). Alone it is a ranking: an untrusted
chain (a private endpoint, a proxy's CA, a CA file override that misses the root) and a
refused device certificate (AWS IoT closes the handshake for a certificate that is not
registered or not active) first. The AWS_IO_TLS_* names of its Apple and Windows back ends
name the failure outright.
"""

from __future__ import annotations

from . import _common as common

_OWN_FILES = "client_misconfiguration:.8 server_misconfiguration:.2 | reason"

JUDGE = {
    "AWS_IO_TLS_ERROR_NEGOTIATION_FAILURE": "cert_untrusted_root:.3 client_cert_required:.25 "
                                            "middlebox_or_firewall_interference:.2 "
                                            "hostname_mismatch:.15 "
                                            "protocol_version_mismatch:.1 | generic",
    "AWS_IO_TLS_ERROR_ALERT_RECEIVED": common.HANDSHAKE,
    "AWS_IO_TLS_ALERT_NOT_GRACEFUL": common.HANDSHAKE,
    "AWS_IO_TLS_NEGOTIATION_TIMEOUT": common.HANDSHAKE_TIMEOUT,
    # After the handshake: TLS 1.3 servers refuse a client certificate there (AWS IoT
    # closing on a device certificate it does not accept), or the path broke.
    "AWS_IO_TLS_ERROR_READ_FAILURE": "client_cert_required:.35 "
                                     "middlebox_or_firewall_interference:.35 "
                                     "server_misconfiguration:.3 | category",
    "AWS_IO_TLS_CTX_ERROR": _OWN_FILES,
    "AWS_IO_TLS_VERSION_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_IO_TLS_CIPHER_PREF_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_IO_TLS_ERROR_DEFAULT_TRUST_STORE_NOT_FOUND": common.CLIENT_CONFIG,
    "AWS_ERROR_PEM_MALFORMED": _OWN_FILES,
    "AWS_IO_TLS_DIGEST_ALGORITHM_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_IO_TLS_SIGNATURE_ALGORITHM_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_ERROR_PKCS11_TOKEN_NOT_FOUND": common.CLIENT_CONFIG,
    "AWS_ERROR_PKCS11_KEY_NOT_FOUND": common.CLIENT_CONFIG,
    "AWS_ERROR_PKCS11_KEY_TYPE_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_ERROR_PKCS11_VERSION_UNSUPPORTED": common.CLIENT_CONFIG,
    "AWS_IO_SOCKET_CONNECTION_REFUSED": common.UNREACHABLE,
    "AWS_IO_SOCKET_TIMEOUT": common.TIMEOUT,
    "AWS_IO_SOCKET_NO_ROUTE_TO_HOST": "name_resolution_or_unreachable:.6 "
                                      "middlebox_or_firewall_interference:.4",
    "AWS_IO_SOCKET_NETWORK_DOWN": "name_resolution_or_unreachable:1",
    "AWS_IO_SOCKET_CLOSED": common.EOF_CLOSED,
    "AWS_IO_DNS_QUERY_FAILED": common.DNS,
    "AWS_IO_DNS_INVALID_NAME": common.DNS,
    "AWS_IO_DNS_NO_ADDRESS_FOR_HOST": common.DNS,
    "AWS_IO_DNS_QUERY_AGAIN": "name_resolution_or_unreachable:1",
    # The Apple (Secure Transport / Network framework) and Windows (Schannel) back ends.
    "AWS_IO_TLS_UNKNOWN_ROOT_CERTIFICATE": common.UNTRUSTED + " | reason",
    "AWS_IO_TLS_NO_ROOT_CERTIFICATE_FOUND": common.UNTRUSTED + " | reason",
    "AWS_IO_TLS_CERTIFICATE_EXPIRED": common.EXPIRED,
    "AWS_IO_TLS_CERTIFICATE_NOT_YET_VALID": common.NOT_YET,
    "AWS_IO_TLS_BAD_CERTIFICATE": "server_misconfiguration:.5 cert_untrusted_root:.3 "
                                  "client_cert_required:.2 | category",
    # "peer" certificate alerts: the server's complaint about this client's certificate.
    "AWS_IO_TLS_PEER_CERTIFICATE_EXPIRED": "cert_expired:.7 client_clock_wrong:.3",
    "AWS_IO_TLS_BAD_PEER_CERTIFICATE": "client_cert_required:.5 cert_untrusted_root:.3 "
                                       "server_misconfiguration:.2 | category",
    "AWS_IO_TLS_PEER_CERTIFICATE_REVOKED": "cert_revoked:1",
    "AWS_IO_TLS_PEER_CERTIFICATE_UNKNOWN": "client_cert_required:.55 cert_untrusted_root:.45 "
                                           "| category",
    "AWS_IO_TLS_INTERNAL_ERROR": common.PROTOCOL_BROKEN,
    "AWS_IO_TLS_CLOSED_GRACEFUL": "no_fault",
    "AWS_IO_TLS_CLOSED_ABORT": common.EOF_CLOSED,
    "AWS_IO_TLS_INVALID_CERTIFICATE_CHAIN": "incomplete_chain:.4 cert_untrusted_root:.35 "
                                            "bad_chain_order_or_extra:.25",
    "AWS_IO_TLS_HOST_NAME_MISMATCH": common.HOSTNAME,
    # The s2n handler's own lines: s2n's words inside two of them (the s2n table).
    "id=%p: S2N failed to read with error: %s (%s)": "elsewhere",
    "id=%p: configuration error %s (%s)": "elsewhere",
    "%s: %s (%s)": "elsewhere",
    # The received alert's number (debug level): read by number in patterns/embedded17.py.
    "id=%p: Alert code %d": "elsewhere",
    "Failed to set ca_path %s": common.CLIENT_CONFIG,
    "Failed to set ca_file %s": common.CLIENT_CONFIG,
    "Failed to set ca_path: %s and ca_file %s": common.CLIENT_CONFIG,
    "TLS 1.3 with PKCS#11 is not supported yet.": common.CLIENT_CONFIG,
    # source/tls_channel_handler.c (round 24): the options refuse a file that is not PEM
    # before any connection (aws_sanitize_pem finds no PEM object: a DER file, a key saved
    # as the certificate). A CA file is the client's trust override; the certificate and
    # key are the device's own (a server's only when the CRT serves, which it rarely does).
    "static: Invalid CA file. File must contain PEM encoded data": common.CLIENT_CONFIG,
    "static: Invalid certificate. File must contain PEM encoded data": _OWN_FILES,
    "static: Invalid private key. File must contain PEM encoded data": _OWN_FILES,
    "Unrecognized TLS Cipher Preference: %d": common.CLIENT_CONFIG,
    "static: TLS Cipher Preference is not supported: %d.": common.CLIENT_CONFIG,
}

RULES = (
    (r"^Default TLS trust store not found", common.CLIENT_CONFIG,
     "no CA store where s2n looks, and no override given"),
    (r"^ctx: Failed setting security policy", common.CLIENT_CONFIG,
     "a TLS policy this s2n build does not know"),
    (r"failed to import (?:certificate|private key)", common.CLIENT_CONFIG,
     "the certificate or key given is not text PEM"),
    (r".", "not_tls", "event loops, streams, retries, PKCS#11 return values, async key "
                      "operations: not about a connection"),
)
