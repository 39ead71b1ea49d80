"""GnuTLS: gnutls_strerror texts (lib/errors.c) and the verification status printed by
gnutls-cli (lib/cert-session.c / lib/x509/verify.c, gnutls_certificate_verification_
status_print).
"""

from __future__ import annotations

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import EXPIRED_IN_PATH, NOT_YET_CAUSES
from .judgement.gnutls import SERVER_READINGS, UNEXPECTED_PACKET

_UNKNOWN = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
            "tls_interception_mitm:.15")
_HS = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.2 "
       "sni_required_or_mismatch:.2")

# gnutls-cli could not load its trust anchors (src/cli.c: the system trust store, or the
# --x509cafile given, failed: "Error setting the x509 trust file[: %s]"), or loaded none
# ("Processed 0 CA certificate(s)."): whatever the server sends, this client can trust
# nothing, so "The certificate issuer is unknown" after it is the client's store. Wording from
# the installed gnutls-bin 3.7.9 (Debian 12) gnutls-cli. Dev (round 10): 1 of 1 thread, a
# distribution's GnuTLS built without a system store.
_NO_ANCHORS = "client_misconfiguration:.75 cert_untrusted_root:.25"

_HAND = table("gnutls", "GnuTLS lib/errors.c", [
    # Only with the verification failure after it (lines joined): an empty store does not
    # explain a connection cut before any certificate (dev: a non-TLS port after "Processed
    # 0 CA certificate(s)").
    (r"(?:\bError setting the x509 trust file\b|\bProcessed 0 CA certificate\(s\))"
     r"[^\n]{0,3000}?(?:certificate issuer is unknown|certificate is NOT trusted|"
     r"verification of server certificate failed)",
     "gnutls-cli could not load any trusted CA certificates (its trust file or the system "
     "store), so it can verify no server", _NO_ANCHORS, REASON + 1,
     "GnuTLS src/cli.c (gnutls-cli 3.7.9 as installed)", "certificate"),
    (r"\bThe certificate issuer is unknown\b", "GnuTLS: the issuer is not in the trust store",
     _UNKNOWN, SPECIFIC, "GnuTLS lib/cert-session.c (status print)"),
    # which certificate is not said: the leaf or an old client store's expired root
    # (judgement/gnutls.py GNUTLS_CERT_EXPIRED, round 23)
    (r"\bThe certificate chain uses expired certificate\b", "GnuTLS: a certificate has expired",
     EXPIRED_IN_PATH.removesuffix(" | reason"), REASON, "GnuTLS lib/cert-session.c; NEWS 3.6.14"),
    (r"\bThe certificate chain uses not yet valid certificate\b",
     "GnuTLS: a certificate is not valid yet", NOT_YET_CAUSES,
     REASON, "GnuTLS lib/cert-session.c"),
    (r"\bThe name in the certificate does not match the expected\b",
     "GnuTLS: the certificate is not for this host name", "hostname_mismatch:1", REASON,
     "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate chain (?:is )?revoked\b|\bThe certificate is revoked\b",
     "GnuTLS: a certificate is revoked", "cert_revoked:1", REASON, "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate issuer is not a CA\b", "GnuTLS: an issuer is not a CA",
     "cert_wrong_purpose:.7 bad_chain_order_or_extra:.3", REASON, "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate chain violates the signer's constraints\b",
     "GnuTLS: the chain violates constraints", "cert_wrong_purpose:1", REASON,
     "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate chain uses insecure algorithm\b",
     "GnuTLS: a certificate uses an insecure signature", "weak_signature_or_key:1", REASON,
     "GnuTLS lib/cert-session.c"),
    (r"\bThe signature in the certificate is invalid\b", "GnuTLS: a signature does not verify",
     "bad_chain_order_or_extra:.5 tls_interception_mitm:.5", REASON, "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate requires the server to include an OCSP status",
     "GnuTLS: must-staple certificate without a stapled OCSP response",
     "ocsp_must_staple_missing:1", REASON, "GnuTLS lib/cert-session.c"),
    (r"\bThe certificate is NOT trusted\b", "GnuTLS did not trust the certificate", _UNKNOWN,
     CATEGORY, "GnuTLS lib/cert-session.c"),
    (r"\bError in the certificate\b", "GnuTLS: certificate verification failed", _UNKNOWN,
     GENERIC),
    (r"\bA TLS fatal alert has been received\b", "GnuTLS: the peer sent a fatal alert", _HS,
     GENERIC),
    (r"\bAn unexpected TLS packet was received\b", "GnuTLS: the reply is not TLS",
     UNEXPECTED_PACKET, SPECIFIC),
    (r"\bReceived record packet of unknown type (?P<t>\d{1,3})",
     "GnuTLS: a record of type {t} is not TLS (72 is 'H', the start of an HTTP answer)",
     "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15", REASON,
     "GnuTLS lib/record.c"),
    (r"\bA packet with illegal or unsupported version was received\b",
     "GnuTLS: the peer uses a version GnuTLS does not accept",
     "protocol_version_mismatch:.6 non_tls_service_on_port:.4", SPECIFIC),
    (r"\bA record packet with illegal version was received\b",
     "GnuTLS: a record had an illegal version", "protocol_version_mismatch:.5 "
     "non_tls_service_on_port:.5", SPECIFIC),
    (r"\bCould not negotiate a supported cipher suite\b", "GnuTLS: no cipher suite in common",
     "cipher_suite_mismatch:1", REASON),
    (r"\bNo supported cipher suites have been found\b", "GnuTLS: the priority string allows no suite",
     "client_misconfiguration:.5 cipher_suite_mismatch:.5", REASON),
    (r"\bThe TLS connection was non-properly terminated\b",
     "GnuTLS: the peer closed the connection without close_notify",
     "middlebox_or_firewall_interference:.4 protocol_version_mismatch:.2 "
     "sni_required_or_mismatch:.2 client_cert_required:.2", GENERIC),
    (r"\bThe peer did not send any certificate\b", "GnuTLS: no certificate from the peer",
     "client_cert_required:.8 server_misconfiguration:.2", REASON),
    (r"\bThe Diffie-Hellman prime sent by the server is not acceptable",
     "GnuTLS: the server's DH group is too small", "weak_cipher_or_no_pfs:1", REASON),
    (r"\bThe specified session has been invalidated for some reason\b",
     "GnuTLS: the session was ended by a fatal alert or error",
     "client_cert_required:.35 middlebox_or_firewall_interference:.35 "
     "server_misconfiguration:.3", GENERIC),
    (r"\bThe server name sent was not recognized\b", "GnuTLS: the server did not know the SNI name",
     "sni_required_or_mismatch:1", REASON),
    (r"\bCould not connect to [^\n]{1,300}: Connection refused\b",
     "gnutls-cli could not connect (refused)",
     "name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3", REASON,
     "GnuTLS src/socket.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("gnutls", "GnuTLS", side="client", as_source="gnutls",
                             server_readings=SERVER_READINGS) + _HAND
# Mono's "The authentication or decryption has failed." (Mono.Security's Alert.cs) holds
# GnuTLS's "Decryption has failed." in its words; patterns/mono17.py reads it (round 17).
PATTERNS = tuple(replace(p, rx=r"(?<!authentication or )" + p.rx)
                 if p.upstream == "GNUTLS_E_DECRYPTION_FAILED" and p.id.endswith(".text") else p
                 for p in PATTERNS)
