"""OpenVPN (src/openvpn/ssl*.c, crypto_openssl.c): its own words around OpenSSL's. The
verify result inside "VERIFY ERROR: depth=N, error=<text>: <subject>" is OpenSSL's
X509_verify_cert_error_string() and is read with OpenSSL's table; crypto_msg() prints
OpenSSL's queue as "OpenSSL: error:...", read likewise. Most of the other lines are the
control channel's own protocol (session ids, key ids, packet ids), the username/password
plugin, or configuration parsing: not about why a TLS handshake failed.

OpenVPN verifies the peer against its own `ca` file in both directions (a server checks
every client's certificate), so which side's certificate a VERIFY line names is the peer
of whoever printed it."""

from __future__ import annotations

from . import _common as common

# The control channel never got an answer: UDP or TCP blocked on the way, a wrong
# remote/port/proto, or a tls-auth/tls-crypt key the server silently drops packets for
# (its log then says "TLS Error: incoming packet authentication failed"). The server's log
# tells them apart: nothing at all is the network, the HMAC line the keys.
_NO_ANSWER = ("middlebox_or_firewall_interference:.45 name_resolution_or_unreachable:.3 "
              "server_misconfiguration:.25 | category")
# tls-auth / tls-crypt: the two sides do not hold the same static key (or key-direction).
_STATIC_KEY = "client_misconfiguration:.5 server_misconfiguration:.5 | specific"
_OWN_FILE = "client_misconfiguration:.5 server_misconfiguration:.5 | reason"

JUDGE = {
    "TLS Error: TLS handshake failed": (
        "middlebox_or_firewall_interference:.3 cert_untrusted_root:.2 "
        "server_misconfiguration:.2 protocol_version_mismatch:.15 cipher_suite_mismatch:.15 "
        "| category"),
    "TLS Error: TLS key negotiation failed to occur within %d seconds (check your network "
    "connectivity)": _NO_ANSWER,
    "VERIFY ERROR: depth=%d, error=%s: %s, serial=%s": "elsewhere",
    "VERIFY ERROR: CRL not loaded": common.SERVER_CONFIG,
    "VERIFY KU ERROR": common.PURPOSE,
    "VERIFY EKU ERROR": common.PURPOSE,
    "VERIFY nsCertType ERROR: %s, require nsCertType=%s": common.PURPOSE,
    "ERROR: Certificate has key usage %04x, expected one of:": common.PURPOSE,
    "Certificate does not have key usage extension": common.PURPOSE,
    "Certificate does not have extended key usage extension": common.PURPOSE,
    # verify-x509-name: the peer's subject is not the name configured.
    "VERIFY X509NAME ERROR: %s, must be %s": "hostname_mismatch:.8 client_misconfiguration:.2",
    "VERIFY CRL: depth=%d, %s, serial=%s is revoked": common.REVOKED,
    "VERIFY PLUGIN ERROR: depth=%d, %s": "client_cert_required:.6 server_misconfiguration:.4",
    "VERIFY SCRIPT ERROR: depth=%d, %s": "client_cert_required:.6 server_misconfiguration:.4",
    "TLS Error: --tls-verify/--peer-fingerprint certificate hash verification failed. (got "
    "certificate fingerprint: %s)": common.PINNING,
    "TLS Error: Certificate verification failed (key-method 2)": common.CERT_ANY + " | category",
    "TLS Error: Convoluted certificate chain detected with depth [%d] greater than %d":
        "bad_chain_order_or_extra:1",
    "TLS Error: incoming packet authentication failed from %s": _STATIC_KEY,
    "TLS Error: tls-crypt unwrapping failed from %s": _STATIC_KEY,
    "TLS Error: cannot locate HMAC in incoming packet from %s": _STATIC_KEY,
    "TLS Error: could not determine wrapping from %s": _STATIC_KEY,
    "TLS error: The server has no TLS ciphersuites in common with the client. Your "
    "--tls-cipher setting might be too restrictive.": common.CIPHER,
    "Private key does not match the certificate": common.KEY_MISMATCH,
    "Cannot load certificate file %s": _OWN_FILE,
    "Cannot load inline certificate file": _OWN_FILE,
    "Cannot load private key file %s": _OWN_FILE,
    "Cannot load CA certificate file %s (no entries were read)": _OWN_FILE,
    "Cannot load CA certificate file %s (entry %d did not validate)": _OWN_FILE,
    "Cannot use certificate": _OWN_FILE,
    "CRL: cannot read: %s": "server_misconfiguration:.8 client_misconfiguration:.2 | reason",
    "CRL: cannot read CRL from file %s":
        "server_misconfiguration:.8 client_misconfiguration:.2 | reason",
    # Its own certificate, checked when the configuration is loaded.
    "WARNING: Your certificate has expired!": common.EXPIRED,
    "WARNING: Your certificate is not yet valid!": common.NOT_YET,
    # The OpenSSL queue and the read that failed: the words around them decide.
    "TLS_ERROR: BIO read %s error": common.HANDSHAKE,
    "TLS Error: TLS object -> incoming plaintext read error": common.HANDSHAKE,
    "OpenSSL: %s:%s": "elsewhere",
    "OpenSSL: %s:%s:%s:%d:%s": "elsewhere",
    "VERIFY OK: depth=%d, %s": "no_fault",
    "VERIFY KU OK": "no_fault",
    "VERIFY EKU OK": "no_fault",
    "VERIFY X509NAME OK: %s": "no_fault",
    "VERIFY OK: nsCertType=%s": "no_fault",
}

RULES = (
    (r"^TLS error: Unsupported protocol", common.VERSION,
     "OpenVPN's own hint after OpenSSL's unsupported-protocol reason"),
    (r"^Cannot load CA certificate file", "client_misconfiguration:.5 "
     "server_misconfiguration:.5 | reason", "its own CA file cannot be read"),
    (r".", "not_tls", "the control channel's own protocol (session, key and packet ids), "
     "username/password authentication, configuration and debug lines"),
)
