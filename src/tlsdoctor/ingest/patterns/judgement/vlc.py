"""VLC (videolan/vlc modules/misc/gnutls.c, src/network/tls.c): its GnuTLS module's and
core's TLS lines, printed "[<object>] gnutls tls client error: <text>".

"TLS handshake error: %s" and "Certificate verification failure: %s" carry GnuTLS's own
words (gnutls_strerror, gnutls_certificate_verification_status_print), read by the GnuTLS
table; alone they rank. VLC 3+ asks the user ("Insecure site") only when the certificate's
sole faults are an unknown CA and/or a name mismatch: "unknown" first time, "changed since
the previous visit" when the key differs from the one accepted before (gnutls known_hosts).
The VLC 1.x/2.0 module printed one line per GnuTLS flag (cert_errors[]) after "TLS session:
access denied"; "Certificate could not be verified" is GNUTLS_CERT_INVALID, set with any
other flag."""

from __future__ import annotations

from . import _common as common

_UNKNOWN = ("cert_untrusted_root:.4 cert_self_signed:.25 hostname_mismatch:.2 "
            "tls_interception_mitm:.15")
JUDGE = {
    "TLS handshake error: %s": common.HANDSHAKE,
    "TLS session handshake error": common.HANDSHAKE,
    "TLS session handshake timeout": common.HANDSHAKE_TIMEOUT,
    "Certificate verification error: %s": common.CERT_ANY + " | category",
    "Certificate verification failure: %s": common.CERT_ANY + " | category",
    "Certificate verification failed: %s": common.CERT_ANY + " | category",
    "TLS session: access denied": common.CERT_ANY + " | category",
    "Certificate could not be verified": common.CERT_ANY + " | category",
    "unknown certificate error (you found a bug in VLC)": common.CERT_ANY + " | generic",
    "Peer certificate not available": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "Certificate import error: %s": common.BAD_CERT_FORMAT,
    'Certificate does not match "%s"': common.HOSTNAME,
    "Certificate expired": common.EXPIRED,
    "Certificate not yet valid": common.NOT_YET,
    "Certificate was revoked": common.REVOKED,
    "Certificate's signer was not found": common.UNTRUSTED + " | reason",
    "Certificate's signer is not a CA": "bad_chain_order_or_extra:.5 cert_wrong_purpose:.5 "
                                        "| reason",
    "Insecure certificate signature algorithm": common.WEAK_SIG,
    'cannot set TLS priorities "%s": %s': common.CLIENT_CONFIG,
    "cannot load trusted Certificate Authorities from %s: %s": common.CLIENT_CONFIG,
    "certificate key match error for %s: %s": "client_misconfiguration:1",
    "TLS client plugin not available": common.CLIENT_CONFIG,
    "TLS server plugin not available": common.SERVER_CONFIG,
    "cannot add trusted CA (%s): %s": common.SERVER_CONFIG,
    "cannot set certificate chain or private key: %s": common.SERVER_CONFIG,
    "cannot read certificate chain from %s: %s": common.SERVER_CONFIG,
    "cannot read private key from %s: %s": common.SERVER_CONFIG,
    "cannot load X.509 key: %s": common.SERVER_CONFIG,
    # The dialog's sentences (the only ones VLC shows a user who is not reading its log).
    "However, the security certificate presented by the server is unknown and could not be "
    "authenticated by any trusted Certificate Authority.": _UNKNOWN,
    # A key other than the one accepted before: a regenerated self-signed certificate
    # (common on the home servers VLC streams from) or someone in between; below 0.6.
    "However, the security certificate presented by the server changed since the previous "
    "visit and was not authenticated by any trusted Certificate Authority.":
        "cert_self_signed:.45 tls_interception_mitm:.35 cert_untrusted_root:.2",
    "You attempted to reach %s. %s": "elsewhere",
    "This is the certificate presented by %s:": "elsewhere",
}

RULES = (
    (r".", "not_tls", "allocation, session set-up, storing an accepted key, DH parameters"),
)
