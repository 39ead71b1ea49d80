"""GLib's TLS (GNOME/glib gio/gioenums.h), glib-networking's GnuTLS and OpenSSL back ends
(tls/base, tls/gnutls, tls/openssl) and GNOME Online Accounts' flag texts (goautils.c).

GTlsCertificateFlags are the verification results a GNOME program reports: UNKNOWN_CA is
GnuTLS's or OpenSSL's "issuer not found / not trusted" (glib-networking verifies against
the system trust via gnutls_certificate_verify_peers or X509_verify_cert, and neither
fetches a missing intermediate); "Unacceptable TLS certificate" (G_TLS_ERROR_BAD_CERTIFICATE)
is raised by the handshake when the peer certificate had any of those flags and the program
did not accept it (gtlsconnection-base.c): which flag is not in the text, so it is a
ranking below 0.6 (the flag list, or `tlsdoctor diagnose HOST`, tells). GOA and Evolution
print one flag's sentence ("The signing certificate authority is not known.")."""

from __future__ import annotations

from . import _common as common

_FLAGS = {
    "G_TLS_CERTIFICATE_UNKNOWN_CA": common.UNTRUSTED + " | reason",
    "G_TLS_CERTIFICATE_BAD_IDENTITY": common.HOSTNAME,
    "G_TLS_CERTIFICATE_NOT_ACTIVATED": common.NOT_YET,
    "G_TLS_CERTIFICATE_EXPIRED": common.EXPIRED,
    "G_TLS_CERTIFICATE_REVOKED": common.REVOKED,
    "G_TLS_CERTIFICATE_INSECURE": common.WEAK_SIG,
    "G_TLS_CERTIFICATE_GENERIC_ERROR": common.CERT_ANY + " | category",
}
# Any verification flag, not said which: the unknown-CA family first (the commonest flag),
# then a name or date problem.
UNACCEPTABLE = ("cert_untrusted_root:.3 cert_self_signed:.2 incomplete_chain:.15 "
                "hostname_mismatch:.15 cert_expired:.1 tls_interception_mitm:.1 | category")

JUDGE = {
    **_FLAGS,
    **{f"goa.{k}": v for k, v in _FLAGS.items()},
    # The name itself says which error ("BAD_CERTIFICATE" inside it is not the TLS alert).
    "G_TLS_ERROR_BAD_CERTIFICATE": UNACCEPTABLE.replace("category", "exact"),
    "Unacceptable TLS certificate": UNACCEPTABLE,
    "Unacceptable TLS certificate authority": common.UNTRUSTED + " | reason",
    "G_TLS_ERROR_NOT_TLS": common.NOT_TLS_PORT,
    "G_TLS_ERROR_CERTIFICATE_REQUIRED": common.CLIENT_CERT,
    "Server required TLS certificate": common.CLIENT_CERT,
    "TLS connection peer did not send a certificate": common.CLIENT_CERT,
    "G_TLS_ERROR_EOF": common.EOF_CLOSED,
    "TLS connection closed unexpectedly": common.EOF_CLOSED,
    "G_TLS_ERROR_INAPPROPRIATE_FALLBACK": common.FALLBACK,
    "Protocol version downgrade attack detected": common.FALLBACK,
    "G_TLS_ERROR_UNAVAILABLE": common.CLIENT_CONFIG,
    "TLS support is not available": common.CLIENT_CONFIG,
    "Failed to load system trust store: GnuTLS was not configured with a system trust":
        common.CLIENT_CONFIG,
    "Failed to load system trust store: %s": common.CLIENT_CONFIG,
    "System trust contains zero trusted certificates; please investigate your GnuTLS "
    "configuration": common.CLIENT_CONFIG,
    "Failed to populate trust list from %s: %s": common.CLIENT_CONFIG,
    "Socket I/O timed out": common.HANDSHAKE_TIMEOUT,
    "Certificate has no private key": common.KEY_MISMATCH,
    # The peer's alert / the library's reason follow and are read by their own tables.
    "Peer sent fatal TLS alert: %s": "elsewhere",
    "Peer failed to perform TLS handshake: %s": "elsewhere",
    "Error performing TLS handshake": "elsewhere",
}

RULES = (
    (r"^G_TLS_", "not_tls", "the other values (misc, password, handshake internals)"),
    (r".", "not_tls", "API misuse, channel binding, parsing a program's own files"),
)
