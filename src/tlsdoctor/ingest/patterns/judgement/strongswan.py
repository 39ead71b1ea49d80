"""strongSwan (strongswan/strongswan: libstrongswan's credential manager and its revocation
and constraints validators, charon's IKEv2 public-key authenticator, libtls for EAP-TLS,
-TTLS and -PEAP): charon's lines about the peer's certificate and its TLS, logged
"<time> <host> charon: <thread>[<group>] <text>".

charon verifies the peer's certificate against the CAs it loaded itself (swanctl's x509ca
directory or a connection's cacerts, ipsec.d/cacerts, ipsec.conf rightca): which end
printed the line is the one that must be given the CA, so a trust failure is read as the
printing end's (side "client": the verifier). "no trusted RSA public key found for '<id>'"
is the summary after path building failed or the peer's identity is not in its certificate
(rightid / remote.id against the certificate's subject and subjectAltNames): a ranking; the
lines before it ("no issuer certificate found", "self-signed certificate ... is not trusted",
"certificate invalid (valid from ... to ...)", "certificate was revoked") say which. The
libtls lines are EAP-TLS: "TLS server" is the peer's (the RADIUS-like server's) certificate,
"TLS peer" a client's."""

from __future__ import annotations

from . import _common as common

_NO_TRUSTED_KEY = ("cert_untrusted_root:.35 hostname_mismatch:.3 incomplete_chain:.15 "
                   "cert_expired:.1 client_misconfiguration:.1 | category")
_NO_ISSUER = "cert_untrusted_root:.45 incomplete_chain:.4 client_misconfiguration:.15 | reason"
_REVOCATION_UNKNOWN = common.REVOCATION_UNKNOWN + " | specific"
JUDGE = {
    "no trusted %s public key found for '%s'": _NO_TRUSTED_KEY,
    "no issuer certificate found for \"%s\"": _NO_ISSUER,
    "self-signed certificate \"%s\" is not trusted": common.SELF_SIGNED,
    "reached end of incomplete trust chain for trusted certificate \"%s\"":
        "incomplete_chain:.6 bad_chain_order_or_extra:.4 | reason",
    "%s certificate invalid (valid from %T to %T)": common.DATES + " | reason",
    "certificate was revoked on %T, reason: %s": common.REVOKED,
    "certificate status is not available": _REVOCATION_UNKNOWN,
    "certificate status is unknown, crl is stale": _REVOCATION_UNKNOWN,
    "OCSP response verification failed, invalid signature": _REVOCATION_UNKNOWN,
    "crl response verification failed": _REVOCATION_UNKNOWN,
    "rejecting certificate without digitalSignature or nonRepudiation keyUsage flags":
        common.PURPOSE,
    "path length of %d violates constraint of %d": common.PURPOSE,
    "maximum path length of %d exceeded": common.PURPOSE,
    "subject of certificate '%s' matches excluded name constraint '%s'": common.PURPOSE,
    "subject of certificate '%s' does not match any permitted name constraints":
        common.PURPOSE,
    "subject alternative name '%s' of certificate '%s' matches excluded name constraint '%s'":
        common.PURPOSE,
    "subject alternative name '%s' of certificate '%s' does not match any permitted name "
    "constraints": common.PURPOSE,
    # The peer authenticated as another identity than this end requires (rightid/remote.id).
    "received IDr %s, but require %s": "hostname_mismatch:.7 client_misconfiguration:.3 "
                                       "| reason",
    "no private key found for '%s'": "client_misconfiguration:.5 server_misconfiguration:.5 "
                                     "| reason",
    # libtls (EAP-TLS and friends).
    "no trusted certificate found for '%s' to verify TLS server": common.UNTRUSTED + " | reason",
    "no trusted certificate found for '%s' to verify TLS peer":
        "client_cert_required:.55 cert_untrusted_root:.45 | reason",
    "server certificate does not match to '%s'": common.HOSTNAME,
    "no TLS public key found for server '%s'": "cert_untrusted_root:.4 hostname_mismatch:.3 "
                                                "server_misconfiguration:.3 | category",
    "no certificate sent by peer": common.CLIENT_CERT,
    "no usable TLS client certificate found for '%s'": common.CLIENT_CERT,
    "received TLS cert request for unknown CA '%s'": common.CLIENT_CERT,
    "server requested a certificate, but client authentication disabled": common.CLIENT_CERT,
    "no usable TLS server certificate found for '%s'": common.SERVER_CONFIG,
    "no supported TLS cipher suite available": common.CIPHER,
    "received TLS cipher suite %s unacceptable": common.CIPHER,
    "received cipher suites or signature schemes unacceptable": common.CIPHER,
    "no common signature algorithms found": common.CIPHER,
    "none of the proposed hash/sig algorithms supported": common.CIPHER,
    "no EC group supported by client and server": common.CIPHER,
    "no mutual supported group in client hello": common.CIPHER,
    "negotiated version %s not supported": common.VERSION,
    "proposed version %s not supported": common.VERSION,
    "server random indicates downgrade attack to %s": common.FALLBACK,
    "received fatal TLS alert '%s'": common.HANDSHAKE,
    "sending fatal TLS alert '%s'": common.HANDSHAKE,
    "certificate status is good": "no_fault",
    "using trusted ca certificate \"%s\"": "no_fault",
    "using trusted intermediate ca certificate \"%s\"": "no_fault",
    "using trusted certificate \"%s\"": "no_fault",
}

RULES = (
    (r"^tls_alert_desc_names:", "elsewhere", "an alert's name: read in its received/sent "
     "line by patterns/remote17.py with the alerts table's reading"),
    (r".", "not_tls", "IKE's own protocol (proposals, PPK, EAP-only, peer configs), the "
     "handshake's messages and key material, progress lines"),
)
