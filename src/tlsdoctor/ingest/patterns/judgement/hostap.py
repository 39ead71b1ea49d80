"""hostap (wpa_supplicant, hostapd's EAP server, eapol_test): the TLS texts of its back ends
and of the TLS-based EAP methods (src/crypto/tls_*.c, src/eap_peer/*, src/eap_server/*).

wpa_supplicant verifies the RADIUS server's certificate against its own ``ca_cert`` (it never
reads the system's store unless told to), so an untrusted chain is first the supplicant's
missing CA; its name checks (domain_suffix_match, domain_match, subject_match,
altsubject_match, check_cert_subject) fail in their own words. The numbered forms
("TLS: Certificate verification failed, error N", "CTRL-EVENT-EAP-TLS-CERT-ERROR reason=N")
and the alert line ("SSL: SSL3 alert: read|write ...") say a direction: patterns/eap.py
reads them ("elsewhere" here)."""

from __future__ import annotations

from . import _common as common

# An EAP method's "TLS processing failed" alone: in 802.1X the supplicant most often rejects
# a RADIUS server certificate from a private CA it was not given (the chain failure is the
# line before it, when the log level shows it), then a client certificate the server
# refuses, a name check, an old TLS version on one side. A ranking.
EAP_FAILED = ("cert_untrusted_root:.35 client_cert_required:.2 hostname_mismatch:.15 "
              "protocol_version_mismatch:.15 cipher_suite_mismatch:.15 | generic")
UNTRUSTED = "cert_untrusted_root:.6 incomplete_chain:.25 cert_self_signed:.15 | reason"

JUDGE = {
    "TLS: Certificate verification failed, error %d (%s) depth %d for '%s'": "elsewhere",
    "CTRL-EVENT-EAP-TLS-CERT-ERROR reason=%d depth=%d subject='%s' err='%s'": "elsewhere",
    "SSL: SSL3 alert: %s:%s:%s": "elsewhere",
    # ca_cert="hash://server/sha256/..." (a pinned server certificate) did not match: read in
    # the verify line and the cert-error event by patterns/eap.py
    "err_str:Server certificate mismatch": "elsewhere",
    "TLS: Subject '%s' did not match with '%s'": common.HOSTNAME,
    "TLS: altSubjectName match '%s' not found": common.HOSTNAME,
    "TLS: Domain suffix match '%s' not found": common.HOSTNAME,
    "TLS: Domain match '%s' not found": common.HOSTNAME,
    "OpenSSL: No match for DN '%s'": common.HOSTNAME,
    "wolfSSL: No match for DN '%s'": common.HOSTNAME,
    "OpenSSL: Failed to match %s '%s' with certificate DN field value '%s'": common.HOSTNAME,
    "wolfSSL: cert does not contain entry for '%s'": common.HOSTNAME,
    "TLS: None of the dNSName(s) matched": common.HOSTNAME,
    "TLS: No CommonName %smatch found": common.HOSTNAME,
    "OpenSSL: Server certificate is not valid at the current time": common.NOT_YET,
    "TLS: Server certificate has expired": common.EXPIRED,
    # tls_gnutls.c's reading of gnutls_certificate_verify_peers's status bits
    "TLS: Peer certificate not trusted": UNTRUSTED,
    "TLS: Peer certificate does not have a known issuer": UNTRUSTED,
    "TLS: Certificate expired": common.EXPIRED,
    "TLS: Certificate not yet activated": common.NOT_YET,
    "TLS: Peer certificate has been revoked": common.REVOKED,
    "TLS: Certificate uses insecure algorithm": common.WEAK_SIG,
    "TLS: Peer certificate %d/%d is not valid at this time": common.DATES_UNSAID,
    "TLS: No peer certificate chain received": "server_misconfiguration:.6 "
                                               "middlebox_or_firewall_interference:.4",
    "TLS: Failed to verify peer certificate chain": common.CERT_ANY + " | category",
    "%s - received fatal '%s' alert": common.HANDSHAKE,
    **{f"EAP-{m}: TLS processing failed": EAP_FAILED
       for m in ("TLS", "PEAP", "TTLS", "FAST", "TEAP")},
    **{f"EAP-{m}: External certificate check failed - force authentication failure":
       common.CERT_ANY + " | category" for m in ("TLS", "PEAP", "TTLS", "FAST", "TEAP")},
    # hostapd's own EAP server (the supplicant's side of the failure is in its own log)
    "SSL: TLS processing failed": EAP_FAILED,
    "SSL: Locally detected fatal error in TLS processing": EAP_FAILED,
    "OpenSSL: Reject server certificate on probe-only run": "no_fault",
    "wolfSSL: Reject server certificate on probe-only run": "no_fault",
    "TLS: Failed to configure trusted CA certificates": common.CLIENT_CONFIG,
    "TLS: Failed to configure client certificate": common.CLIENT_CONFIG,
    "TLS: Failed to configure server certificate": common.SERVER_CONFIG,
    "Error setting CA cert": common.CLIENT_CONFIG,
    "Error setting client cert": common.CLIENT_CONFIG,
    "Failed to read CA cert '%s' in PEM format: %s": common.CLIENT_CONFIG,
    "Failed to read client cert/key in PEM format: %s": common.CLIENT_CONFIG,
    "Failed to read client cert/key in DER format: %s": common.CLIENT_CONFIG,
    "Failed to read CA cert '%s' in DER format: %s": common.CLIENT_CONFIG,
    "Failed to parse CA cert in PEM format: %s": common.CLIENT_CONFIG,
    "Failed to parse CA cert in DER format: %s": common.CLIENT_CONFIG,
    "SSL: use client cert PEM file failed": common.CLIENT_CONFIG,
    "SSL: use client cert DER file failed": common.CLIENT_CONFIG,
    "OpenSSL: Error replacing X509 store with ca_cert file": common.CLIENT_CONFIG,
    # Round 23: the openssl_ciphers setting as a GnuTLS priority string (src/crypto/tls_gnutls.c),
    # refused: the supplicant's own (or hostapd's, the EAP server's) configuration
    "GnuTLS: Priority string failure at '%s'": "client_misconfiguration:.6 "
                                               "server_misconfiguration:.4 | reason",
}

RULES = (
    (r".", "not_tls", "debug tracing, EAP framing, inner methods, keys, memory"),
)
