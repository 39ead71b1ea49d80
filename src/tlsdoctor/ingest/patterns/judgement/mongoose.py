"""Mongoose (cesanta/mongoose src/tls_builtin.c, tls_openssl.c, tls_mbed.c): the embeddable
networking library's TLS errors. mg_error() logs its text ("<ms> 1 event.c:30:mg_error
<conn> <fd> <text>") and gives it to the application as MG_EV_ERROR, which programs print.

Mongoose is client and server alike; its built-in TLS 1.3 stack checks the peer's chain
against the CA bundle it was given and the host name (its words name those), and refuses
what it does not implement (certificate extensions, long chains): the program's choice of
TLS stack, or the peer's certificate, not a broken handshake. Its OpenSSL and mbedTLS
back ends print those libraries' codes ("tls hs: rc %d, err %d", "TLS handshake: -%#x").
"""

from __future__ import annotations

from . import _common as common

_OWN = "server_misconfiguration:.55 client_misconfiguration:.45 | reason"
_LIMIT = "client_misconfiguration:.55 server_misconfiguration:.45"
_SIGNED = ("server_misconfiguration:.5 tls_interception_mitm:.3 "
           "middlebox_or_firewall_interference:.2")

JUDGE = {
    "failed to verify hostname": common.HOSTNAME,
    "failed to verify certificate chain %s": common.UNTRUSTED + " | reason",
    "failed to verify CA": common.UNTRUSTED + " | reason",
    "CA err": common.UNTRUSTED,
    "cert verification error": common.CERT_ANY + " | category",
    "cert is not yet valid: before=%.*s (%lu), now=%lu": common.NOT_YET,
    "cert is no longer valid: after=%.*s (%lu), now=%lu": common.EXPIRED_IN_PATH,
    "TLS handshake: -%#x": "elsewhere",  # mbedTLS's code: the mbedTLS table
    "tls hs: rc %d, err %d": common.HANDSHAKE,
    "TLS Fatal alert": common.HANDSHAKE,
    "TLS error alert": common.HANDSHAKE,
    "bad server hello": "protocol_version_mismatch:.4 cipher_suite_mismatch:.3 "
                        "middlebox_or_firewall_interference:.3",
    "not a server hello packet": "non_tls_service_on_port:.45 protocol_version_mismatch:.3 "
                                 "middlebox_or_firewall_interference:.25",
    "not a client hello packet": "non_tls_service_on_port:.5 protocol_version_mismatch:.3 "
                                 "middlebox_or_firewall_interference:.2",
    "bad client hello": "protocol_version_mismatch:.4 cipher_suite_mismatch:.3 "
                        "middlebox_or_firewall_interference:.3",
    "bad key exchange group": common.CIPHER,
    "unsupported certverify signature scheme: %x of %d bytes": common.CIPHER,
    "unsupported pk algo: %M": "cipher_suite_mismatch:.5 weak_signature_or_key:.5",
    "unsupported public key length: %d": "weak_signature_or_key:.55 cipher_suite_mismatch:.45",
    "certificate extensions are not supported": _LIMIT,
    "too many certificates in the chain": _LIMIT,
    "truncated certificate in chain": _LIMIT,
    "invalid certificate length": _LIMIT,
    "invalid certificate chain length": _LIMIT,
    "certificate list too short": _LIMIT,
    "failed to parse certificate": common.BAD_CERT_FORMAT,
    "failed to parse certificate #%u in bundle": common.CLIENT_CONFIG,
    "failed to parse CA certificate": common.CLIENT_CONFIG,
    "failed to parse CA bundle": common.CLIENT_CONFIG,
    "Failed to load CA certificate": common.CLIENT_CONFIG,
    "hostname too long": common.CLIENT_CONFIG,
    "TLS is not enabled": "client_misconfiguration:.6 server_misconfiguration:.4",
    "time sync failed": "client_clock_wrong:.7 name_resolution_or_unreachable:.3",
    "Certificate provided without a private key": _OWN,
    "bad key": _OWN, "KEY err %d": _OWN, "CERT err %d": _OWN, "own cert %#x": _OWN,
    "cert err %#x": _OWN, "key err %#x": _OWN, "Cannot open %s": _OWN,
    "Failed to load certificate": _OWN,
    "Invalid RSA private key format": _OWN, "EC private key: invalid ASN.1": _OWN,
    "Unsupported PKCS#8 private key format, algorithm, or curve": _OWN,
    "failed to verify RSA certificate (certverify)": _SIGNED,
    "failed to verify EC certificate (certverify)": _SIGNED,
    "invalid certverify signature length: %d, expected %d": _SIGNED,
    "server certificate verify is too short: %d bytes": _SIGNED,
    "decryption error": common.PROTOCOL_BROKEN,
    "GCM tag verify failed": common.PROTOCOL_BROKEN,
    "unexpected packet": common.PROTOCOL_BROKEN,
}

RULES = (
    (r"^expected .{0,40} but got msg", common.PROTOCOL_BROKEN,
     "a handshake message out of order"),
    (r".", "not_tls", "memory, random numbers, key parsing details, debug output"),
)
