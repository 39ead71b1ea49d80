"""Android: Conscrypt's trust manager (the platform's X509TrustManager) and OkHttp.

Conscrypt's "Trust anchor for certification path not found." is its words for a chain
that does not reach a root of the device's store (a private CA, a missing intermediate,
a user-installed CA an app does not trust by default since Android 7, or interception).
"Chain validation failed" wraps a PKIX failure of a chain that did reach a root: the
cause inside it (a CertPathValidatorException "timestamp check failed", "Response is
unreliable: its validity interval is out-of-date") is printed on the "Caused by:" lines;
without them the words fit an expired certificate, a wrong device clock (common on
phones) and a revoked or unacceptable certificate alike.
"""

from __future__ import annotations

from . import _common as common

# A chain that reached a trusted root but failed PKIX validation. Real posts: mostly a
# device clock far off or an expired leaf/intermediate. Below 0.6: a ranking; the
# "Caused by:" line, or comparing the certificate's dates with the device's clock, decides.
CHAIN_VALIDATION = ("client_clock_wrong:.4 cert_expired:.35 cert_revoked:.1 "
                    "cert_wrong_purpose:.1 weak_signature_or_key:.05 | specific")
# No chain to a root in the device's store. Android apps do not trust user-installed CAs
# unless their network security config says so; an intermediate the server leaves out
# is not fetched.
NO_ANCHOR = ("incomplete_chain:.35 cert_untrusted_root:.35 tls_interception_mitm:.15 "
             "cert_self_signed:.15 | reason")

JUDGE = {
    "Trust anchor for certification path not found.": NO_ANCHOR,
    "Chain validation failed": CHAIN_VALIDATION,
    "Hostname %s not verified:": common.HOSTNAME,
    # OkHttp's verifier refused the name, and the session had no certificates to show.
    "Hostname %s not verified (no certificates)": "hostname_mismatch:.5 "
                                                 "server_misconfiguration:.3 "
                                                 "middlebox_or_firewall_interference:.2",
    "No subjectAltNames on the certificate match": common.HOSTNAME,
    "Certificate pinning failure!": common.PINNING,
    # OpenSSL's verify text in the same words (X509_V_ERR_CERT_CHAIN_TOO_LONG) reads it.
    "Certificate chain too long": "elsewhere",
    "End-entity certificate does not have a valid extendedKeyUsage.": common.PURPOSE,
    "Certificate blocklisted by public key: %s": "cert_revoked:.6 tls_interception_mitm:.4",
    "Peer sent no certificate": common.CLIENT_CERT,
    "Unable to parse TLS packet header": common.NOT_TLS_PORT,
    "Unacceptable certificate: %s": common.CERT_ANY + " | category",
}

RULES = (
    (r".", "not_tls", "API misuse and internal states of Conscrypt and OkHttp"),
)
