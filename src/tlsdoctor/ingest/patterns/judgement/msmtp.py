"""msmtp (src/tls.c up to 1.8.5; src/mtls-gnutls.c and mtls-openssl.c since): "TLS
certificate verification failed: <its reason>" (with tls_trust_file) or "TLS certificate
check failed: ..." (with tls_fingerprint). 1.8.23 (Debian 12) prints GnuTLS's own
verification text after the colon instead of its words; GnuTLS's table reads it."""

from __future__ import annotations

from . import _common as common

_V, _C = "TLS certificate verification failed", "TLS certificate check failed"
_OWN_FILE = "client_misconfiguration:1 | reason"

JUDGE = {
    **{f"{p}: the certificate hasn't got a known issuer": common.UNTRUSTED for p in (_V, _C)},
    **{f"{p}: the certificate is not trusted": common.UNTRUSTED for p in (_V, _C)},
    **{f"{p}: the certificate has been revoked": common.REVOKED for p in (_V, _C)},
    **{f"{p}: certificate %u of %u has expired": common.EXPIRED for p in (_V, _C)},
    **{f"{p}: certificate %u of %u is not yet activated": common.NOT_YET for p in (_V, _C)},
    **{f"{p}: the certificate owner does not match hostname %s": common.HOSTNAME
       for p in (_V, _C)},
    # tls_fingerprint pins the server's certificate: a new certificate (renewed) or a
    # proxy's.
    **{f"{p}: the certificate fingerprint does not match":
       "server_misconfiguration:.55 tls_interception_mitm:.45 | reason" for p in (_V, _C)},
    **{f"{p}: no certificate was sent": "server_misconfiguration:.6 "
       "middlebox_or_firewall_interference:.4" for p in (_V, _C)},
    # The reason follows from GnuTLS (gnutls_strerror / the verification text).
    "TLS handshake failed: %s": "elsewhere",
    "TLS handshake failed": common.HANDSHAKE,
    "cannot set X509 trust file %s for TLS session: %s": _OWN_FILE,
    "cannot set X509 CRL file %s for TLS session: %s": _OWN_FILE,
    "cannot set X509 key file %s and/or X509 cert file %s for TLS session: %s": _OWN_FILE,
    "cannot set X509 system trust for TLS session: %s": _OWN_FILE,
    "cannot load certificate file %s: %s": _OWN_FILE,
    "cannot load trust file %s: %s": _OWN_FILE,
    "cannot load CRL file: %s": _OWN_FILE,
    "cannot set priorities for TLS session: %s": common.CLIENT_CONFIG,
    # Round 23: its default priority (src/mtls-gnutls.c), refused by the GnuTLS it runs on
    "cannot set default priority for TLS session: %s": common.CLIENT_CONFIG,
    "cannot read from TLS connection: %s": "elsewhere",
    "cannot write to TLS connection: %s": "elsewhere",
}

RULES = (
    (r".", "not_tls", "internal states (certificate parsing, memory), --serverinfo output"),
)
