"""FreeRADIUS (src/main/tls.c, src/main/cb.c; 2.2's rlm_eap): its TLS log texts.

FreeRADIUS is the server: an alert it *reads* came from the supplicant, which rejected the
RADIUS server's certificate (its own sentence says so: "The client is informing us that it
does not recognize the CA used to issue the server certificate"); an alert it *writes*, and
"OpenSSL says error N : <verify text>" / "SSL says error N", are FreeRADIUS rejecting the
client's certificate against its ``ca_file``. The alert lines and the numbered verify lines
are read by patterns/eap.py ("elsewhere" here)."""

from __future__ import annotations

from . import _common as common

# The client's certificate refused by the server (any reason): its certificate, or the
# server's ca_file / check settings. A client certificate problem first.
CLIENT_REJECTED = "client_cert_required:.7 server_misconfiguration:.3 | reason"
# The supplicant does not know the CA of the RADIUS server's certificate: the CA is private
# in most 802.1X networks and must be given to every supplicant (or the server's chain is
# incomplete).
SUPPLICANT_UNKNOWN_CA = "cert_untrusted_root:.75 incomplete_chain:.15 cert_self_signed:.1 | reason"

JUDGE = {
    "(TLS) %s - Alert %s:%s:%s": "elsewhere",
    "(TLS) Alert %s:%s:%s": "elsewhere",
    "TLS Alert %s:%s:%s": "elsewhere",
    "(TLS) OpenSSL says error %d : %s": "elsewhere",
    "SSL says error %d : %s": "elsewhere",
    "--> verify error:num=%d:%s": "elsewhere",
    "(TLS) %s - The client is informing us that %s.": "elsewhere",
    "(TLS) The client is informing us that %s.": "elsewhere",
    # the sentences after "The client is informing us that "
    "alert.unknown_ca": SUPPLICANT_UNKNOWN_CA,
    "alert.certificate_expired": common.EXPIRED,
    "alert.certificate_revoked": common.REVOKED,
    "alert.bad_certificate": "cert_untrusted_root:.35 hostname_mismatch:.25 "
                             "server_misconfiguration:.25 cert_expired:.15 | specific",
    "alert.certificate_unknown": "cert_untrusted_root:.4 hostname_mismatch:.3 "
                                 "incomplete_chain:.15 cert_self_signed:.15 | specific",
    "alert.unsupported_certificate": "server_misconfiguration:.6 cert_wrong_purpose:.4",
    "alert.no_certificate": common.CLIENT_CERT,
    "alert.certificate_required": common.CLIENT_CERT,
    "(TLS) Failed with certificate has expired.": common.EXPIRED,
    "(TLS) Failed with certificate not yet valid.": common.NOT_YET,
    "(TLS) Failed with err in certificate 'not after' field.": CLIENT_REJECTED,
    "(TLS) Failed with error in certificate 'not before' field.": CLIENT_REJECTED,
    "(TLS) unable to get issuer certificate for issuer=%s": CLIENT_REJECTED,
    ": There are untrusted certificates in the certificate chain.  Rejecting.":
        "client_cert_required:.55 server_misconfiguration:.45 | reason",
    ": Certificate issuer (%s) does not match specified value (%s)!": CLIENT_REJECTED,
    ": Certificate CN (%s) does not match specified value (%s)!": CLIENT_REJECTED,
    ": Certificate CN (%s) fails external verification!": CLIENT_REJECTED,
    "rlm_eap_tls: Certificate issuer (%s) does not match specified value (%s)!":
        CLIENT_REJECTED,
    "rlm_eap_tls: Certificate CN (%s) does not match specified value (%s)!": CLIENT_REJECTED,
    "rlm_eap_tls: Certificate CN (%s) fails external verification!": CLIENT_REJECTED,
    "Certificates were rejected by the virtual server":
        "client_cert_required:.5 server_misconfiguration:.5 | category",
    "Error reading Trusted root CA list \"%s\"": common.SERVER_CONFIG,
    "Failed reading Trusted root CA list \"%s\"": common.SERVER_CONFIG,
    "Failed reading certificate file \"%s\"": common.SERVER_CONFIG,
    ": TLS Server requires a certificate file": common.SERVER_CONFIG,
    "Error reading Certificate Store": common.SERVER_CONFIG,
    "rlm_eap_tls: Error reading Trusted root CA list %s": common.SERVER_CONFIG,
    "rlm_eap_tls: Error reading certificate file %s": common.SERVER_CONFIG,
    "rlm_eap_tls: Error reading Certificate Store": common.SERVER_CONFIG,
    # the handshake step that failed ("Server : Error in error"): the reason is on the
    # lines around it
    "(TLS) %s - %s: Error in %s": common.HANDSHAKE,
    "(TLS) %s : Error in %s": common.HANDSHAKE,
    "tls: %s: Error in %s": common.HANDSHAKE,
}

RULES = (
    (r".", "not_tls", "tracing, session cache, PSK configuration, fragmentation"),
)
