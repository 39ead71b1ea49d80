"""neon (notroj/neon src/ne_session.c, ne_socket.c, ne_openssl.c, ne_gnutls.c): the TLS
texts Subversion 1.7's neon layer ("svn: OPTIONS of '<url>': <text> (<scheme>://<host>)")
and other neon clients print.

"SSL handshake failed: %s", "SSL error: %s", "SSL alert received: %s" and the back ends'
"Certificate verification error: %s" carry OpenSSL's or GnuTLS's words (their tables).
The verify failure lists one reason per failure bit, as ra_serf does (judgement/
subversion.py). "Handshake rejected - client certificate was requested": the server asked
for a client certificate and then refused the handshake."""

from __future__ import annotations

from . import _common as common

_CLOSED = ("middlebox_or_firewall_interference:.4 server_misconfiguration:.2 "
           "protocol_version_mismatch:.2 client_cert_required:.2 | generic")
JUDGE = {
    "Could not set minimum/maximum SSL/TLS versions": common.CLIENT_CONFIG,
    "SSL/TLS not enabled for the session": common.CLIENT_CONFIG,
    "SSL error: %s": "elsewhere",
    "SSL handshake failed: %s": common.HANDSHAKE,
    "No server certificate: %s": "server_misconfiguration:.6 tls_interception_mitm:.4",
    "Secure connection truncated": common.EOF_CLOSED,
    "Secure connection reset": common.EOF_CLOSED,
    # "exact": nginx's "handshake rejected" (an SNI refusal) must not outrank neon's sentence
    "Handshake rejected - client certificate was requested": "client_cert_required:1 | exact",
    # a handshake_failure alert with no certificate request: suites, versions or a name
    "Handshake failed": "cipher_suite_mismatch:.4 protocol_version_mismatch:.3 "
                        "sni_required_or_mismatch:.15 middlebox_or_firewall_interference:.15 "
                        "| category",
    "SSL error code %d/%d/%lu": common.HANDSHAKE,
    "SSL alert received: %s": "elsewhere",
    "SSL socket read failed": _CLOSED,
    "SSL error%s: %s": "elsewhere",
    "verify.certificate is not yet valid": common.NOT_YET,
    "verify.certificate has expired": common.EXPIRED,
    "verify.certificate issued for a different hostname": common.HOSTNAME,
    "verify.issuer is not trusted": common.UNTRUSTED + " | reason",
    "verify.bad certificate chain": "incomplete_chain:.5 bad_chain_order_or_extra:.3 "
                                    "cert_untrusted_root:.2 | reason",
    "verify.certificate has been revoked": common.REVOKED,
    "Server certificate verification failed: ": common.CERT_ANY + " | category",
    "SSL error: failed to set priority string at '%s'": common.CLIENT_CONFIG,
    "Client certificate verification failed": "not_tls",  # neon's own test server
    "SSL disabled due to lack of entropy": common.CLIENT_CONFIG,
    "Could not create SSL structure": "not_tls",
    "SSL server did not present certificate": "server_misconfiguration:.6 "
                                              "tls_interception_mitm:.4 | reason",
    # the server closed without close_notify (a server or proxy that drops it)
    "Incomplete TLS closure": "server_misconfiguration:.55 "
                              "middlebox_or_firewall_interference:.45 | generic",
    "Certificate verification error: %s": "elsewhere",
    "Server certificate was missing commonName attribute in subject name":
        "hostname_mismatch:.6 server_misconfiguration:.4 | reason",
    "signed using insecure algorithm": common.WEAK_SIG,
    "Could not verify server certificate: %s": "elsewhere",
}

RULES = ()
