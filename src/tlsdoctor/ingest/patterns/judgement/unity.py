"""Unity's TLS provider (Unity-Technologies/mono 24ce88f8, mcs/class/System/Mono.UnityTls,
read in BepInEx/Il2Cpp.TlsAdapter's copy): the names of unitytls_error_code and
unitytls_x509verify_result as Unity prints them, in its TlsException ("Handshake failed -
error code: UNITYTLS_INTERNAL_ERROR, verify result: UNITYTLS_X509VERIFY_FLAG_NOT_TRUSTED")
and in UnityWebRequest's curl message ("Curl error 60: Cert verify failed:
UNITYTLS_X509VERIFY_FLAG_USER_ERROR1", Unity's issue tracker and forum titles).

The flags: EXPIRED, REVOKED, CN_MISMATCH and NOT_TRUSTED are UnityTLS's own chain check;
USER_ERROR1..8 are what a verification callback returned (UnityWebRequest's
CertificateHandler or the platform check Unity runs in it: the certificate was refused
without saying why); UNKNOWN_ERROR and FATAL_ERROR a check that failed unexpectedly (the
managed callback threw: UnityTlsContext.VerifyCallback). NOT_DONE: the handshake failed
before any certificate was checked. In UnityTlsContext's managed path every refusal of
the .NET validator (untrusted root, wrong name, expired, missing intermediate: UnityTLS
fetches no intermediates) comes back as FLAG_NOT_TRUSTED.
"""

from __future__ import annotations

from . import _common as common

REFUSED = ("cert_untrusted_root:.3 tls_interception_mitm:.2 cert_self_signed:.15 "
           "incomplete_chain:.15 client_misconfiguration:.1 hostname_mismatch:.1 | specific")
NOT_TRUSTED = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 "
               "tls_interception_mitm:.15 client_misconfiguration:.1 | specific")
UNKNOWN = ("cert_untrusted_root:.35 cert_self_signed:.2 incomplete_chain:.15 "
           "tls_interception_mitm:.15 hostname_mismatch:.1 cert_expired:.05 | specific")
# The handshake failed before (or without) a certificate check: the hello or key exchange.
# Specific: Unity's own statement outranks the alert table's reading of the
# "INTERNAL_ERROR" inside UNITYTLS_INTERNAL_ERROR.
NOT_DONE_CAUSES = ("protocol_version_mismatch:.3 cipher_suite_mismatch:.3 "
                   "middlebox_or_firewall_interference:.15 sni_required_or_mismatch:.15 "
                   "client_cert_required:.1")
NOT_DONE = NOT_DONE_CAUSES + " | specific"

JUDGE = {
    "UNITYTLS_SUCCESS": "no_fault",
    "UNITYTLS_X509VERIFY_SUCCESS": "no_fault",
    "UNITYTLS_INVALID_ARGUMENT": "not_tls",
    "UNITYTLS_INVALID_STATE": "not_tls",
    "UNITYTLS_BUFFER_OVERFLOW": "not_tls",
    "UNITYTLS_OUT_OF_MEMORY": "not_tls",
    "UNITYTLS_ENTROPY_SOURCE_FAILED": "not_tls",
    "UNITYTLS_USER_WOULD_BLOCK": "not_tls",
    # A certificate or key UnityTLS could not parse: a Unity client's own PFX first (Unity is
    # mostly the client), a Unity server's certificate second.
    "UNITYTLS_INVALID_FORMAT": "client_misconfiguration:.55 server_misconfiguration:.45",
    "UNITYTLS_INVALID_PASSWORD": "client_misconfiguration:.5 server_misconfiguration:.5",
    "UNITYTLS_INTERNAL_ERROR": common.HANDSHAKE,
    "UNITYTLS_NOT_SUPPORTED": ("client_misconfiguration:.4 protocol_version_mismatch:.3 "
                               "cipher_suite_mismatch:.3 | category"),
    "UNITYTLS_STREAM_CLOSED": common.EOF_CLOSED,
    "UNITYTLS_USER_READ_FAILED": common.RESET,
    "UNITYTLS_USER_WRITE_FAILED": common.RESET,
    "UNITYTLS_USER_UNKNOWN_ERROR": common.HANDSHAKE,
    "UNITYTLS_X509VERIFY_NOT_DONE": NOT_DONE,
    # The check itself failed (the managed callback threw): the chain it was checking
    # first, then this client's own validation setup.
    "UNITYTLS_X509VERIFY_FATAL_ERROR": ("cert_untrusted_root:.3 client_misconfiguration:.3 "
                                        "server_misconfiguration:.2 incomplete_chain:.2 "
                                        "| specific"),
    "UNITYTLS_X509VERIFY_FLAG_EXPIRED": common.EXPIRED_IN_PATH,
    "UNITYTLS_X509VERIFY_FLAG_REVOKED": common.REVOKED,
    "UNITYTLS_X509VERIFY_FLAG_CN_MISMATCH": common.HOSTNAME,
    "UNITYTLS_X509VERIFY_FLAG_NOT_TRUSTED": NOT_TRUSTED,
    "UNITYTLS_X509VERIFY_FLAG_UNKNOWN_ERROR": UNKNOWN,
    "{0} - error code: {1}": "elsewhere",  # the names inside are read
    "{0} - error code: {1}, verify result: {2}": "elsewhere",
    # Contexts of UnityTlsContext's TlsException; read only in that form (patterns/mono17.py).
    "Failed to parse server key/certificate": common.SERVER_CONFIG,
    "Failed to create UnityTls context": "client_misconfiguration:.6 server_misconfiguration:.4",
    "Failed to set trace callback": "not_tls",
    "Failed to read data to TLS context": common.RESET,
    "Failed to write data to TLS context": common.RESET,
    "Failed to set list of supported ciphers": common.CLIENT_CONFIG,
    "Handshake failed": NOT_DONE,
    # A Unity server's own check of a client that sent no certificate, refused by its callback.
    "Verification failure during handshake": common.CLIENT_CERT,
    "Cannot request client certificate before receiving one from the server.":
        "server_misconfiguration:.6 middlebox_or_firewall_interference:.4",
    "Failed to retrieve certificates on request.": "client_misconfiguration:.6 "
                                                   "client_cert_required:.4",
}

RULES = (
    (r"^UNITYTLS_X509VERIFY_FLAG_USER_ERROR[1-8]\t", REFUSED,
     "a verification callback's refusal: the certificate refused without a reason"),
)
