"""ZNC (znc/znc src/Socket.cpp CheckSSLCert, src/SSLVerifyHost.cpp, src/IRCSock.cpp): the
IRC bouncer's own checks of an IRC server's certificate, in English and its catalogs.

ZNC collects OpenSSL's verify strings (its verify callback) and its own host check's words,
joins them with ", " after "Invalid SSL certificate: " and prints that inside "Cannot connect
to IRC (...). Retrying..."; then the certificate and "If you trust this certificate, do /znc
AddTrustedServerFingerprint <sha256>". OpenSSL's strings inside are read by its table; the
wrapper alone says only that the certificate was refused (a ranking). ZNC checks a
certificate only when TrustPKI found a problem or the fingerprint is not trusted: a
self-signed IRC server is the common case, so the fingerprint hint ranks it first."""

from __future__ import annotations

from . import _common as common

_NO_CERT = "server_misconfiguration:.6 tls_interception_mitm:.4 | reason"
_REFUSED = ("cert_self_signed:.35 cert_untrusted_root:.3 hostname_mismatch:.15 "
            "incomplete_chain:.1 tls_interception_mitm:.1 | category")
JUDGE = {
    "Anonymous SSL cert is not allowed": _NO_CERT,
    "Invalid SSL certificate": common.CERT_ANY + " | category",
    "hostname doesn't match": common.HOSTNAME,
    # validate_hostname(): a name field that cannot be read (embedded NUL, bad encoding).
    "malformed hostname in certificate": "server_misconfiguration:.55 tls_interception_mitm:.45",
    "hostname verification error": "hostname_mismatch:.55 server_misconfiguration:.45",
    "If you trust this certificate, do /znc AddTrustedServerFingerprint {1}": _REFUSED,
    "Switched to SSL (STARTTLS)": "no_fault",
    "Cannot connect to IRC ({1}). Retrying...": "elsewhere",
    "Disconnected from IRC ({1}). Reconnecting...": "elsewhere",
}

RULES = (
    (r"timed out", "not_tls", "an IRC connection timeout, not a TLS step"),
)
