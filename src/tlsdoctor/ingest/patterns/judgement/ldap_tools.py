"""OpenLDAP's client tools after a StartTLS that failed (clients/tools/common.c tool_perror,
libraries/libldap/error.c, tls2.c, tls_g.c @ 5ffe12c065c0; GnuTLS lib/errors.c).

"ldap_start_tls: Connect error (-11)": LDAP_CONNECT_ERROR, which tls2.c sets for ANY failed
TLS handshake after the server accepted StartTLS (a certificate the client refused, most
often, then a name, a version or suite refused, a middlebox): a ranking below 0.6 when
nothing else is printed. The "additional info:" line after it is the TLS library's own
message (OpenSSL's queue with its verify result, or GnuTLS's gnutls_strerror), read by
that library's table. A GnuTLS build prints "(unknown error code)" there when its
certificate check (tls_g.c tlsg_cert_verify: not trusted, revoked, expired or not yet
active) returned -1, which is no GnuTLS code: a certificate refused, which one unsaid."""

from __future__ import annotations

JUDGE = {
    "LDAP_CONNECT_ERROR": ("cert_untrusted_root:.35 hostname_mismatch:.15 "
                           "protocol_version_mismatch:.15 middlebox_or_firewall_interference:.15 "
                           "cert_expired:.1 cipher_suite_mismatch:.1 | generic"),
    "additional info": "elsewhere",
    "gnutls_strerror(-1)": ("cert_untrusted_root:.45 cert_self_signed:.15 incomplete_chain:.15 "
                            "cert_expired:.15 cert_not_yet_valid:.05 cert_revoked:.05 "
                            "| specific"),
}

RULES = ()
