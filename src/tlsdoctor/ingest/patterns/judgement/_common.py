"""Cause spellings shared by the judgement modules (most likely cause first)."""

from __future__ import annotations

UNTRUSTED = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
             "tls_interception_mitm:.15")
CERT_ANY = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 cert_expired:.1 "
            "hostname_mismatch:.1 tls_interception_mitm:.05")
EXPIRED = "cert_expired:.85 client_clock_wrong:.15 | reason"
# "certificate has expired" without saying which certificate: the leaf, or an expired
# root/cross-sign an old client store or library still builds to (judgement/openssl.py
# CERT_HAS_EXPIRED: 7 of 9 dev threads were the client's). Below 0.5: a ranking.
EXPIRED_IN_PATH = "cert_expired:.45 client_misconfiguration:.4 client_clock_wrong:.15 | reason"
# "Not yet valid" without times that decide it: a verifier's clock behind real time reads
# exactly like a certificate dated in the future. Clocks behind are common (devices without
# a battery-backed clock before NTP syncs, VMs resumed from suspend, flat CMOS batteries,
# containers on a skewed host); certificates dated in the future are rare (a CA dates a
# certificate when it issues it, public CAs backdate it). Chrome's field data (Acer et al.,
# "Where the Wild Warnings Are", ACM CCS 2017, quoted by Cloudflare's Roughtime post): 6.7%
# of error reports came from clocks more than a day behind. So the clock ranks first, below
# 0.6: a ranking; `tell_apart` names the check, and ingest/clock.py reads printed times.
NOT_YET_CAUSES = "client_clock_wrong:.55 cert_not_yet_valid:.45"
NOT_YET = NOT_YET_CAUSES + " | reason"
DATES = "cert_expired:.6 cert_not_yet_valid:.2 client_clock_wrong:.2"
# "expired or not yet valid" with no dates printed (Go's x509.CertificateInvalidError
# without its "current time X is after Y" detail): a certificate past notAfter and a wrong
# clock read the same. Prior from the real-world dev set (round 2, tests/ingest/upstream/
# heldout): 6 of 8 threads were expired certificates, 2 unsynchronised clocks. Below 0.6 on
# purpose: a ranking, and `next` compares the dates with this machine's and the server's clock.
DATES_UNSAID = "cert_expired:.5 client_clock_wrong:.3 cert_not_yet_valid:.2 | specific"
REVOKED = "cert_revoked:1 | reason"
# The access_denied alert (49), whichever stack prints it: a client certificate refused by
# policy, a rustls server with no certificate for the name asked (its SNI resolver), a
# filtering middlebox (patterns/alerts.py, round 17).
ACCESS_DENIED = ("client_cert_required:.45 "
                 "sni_required_or_mismatch:.3 middlebox_or_firewall_interference:.25")
HOSTNAME = "hostname_mismatch:1 | reason"
SELF_SIGNED = "cert_self_signed:.9 tls_interception_mitm:.1 | reason"
PURPOSE = "cert_wrong_purpose:1 | reason"
WEAK_SIG = "weak_signature_or_key:1 | reason"
VERSION = "protocol_version_mismatch:1 | reason"
VERSION_OR_CLIENT = "protocol_version_mismatch:.7 client_misconfiguration:.3 | reason"
CIPHER = "cipher_suite_mismatch:1 | reason"
CIPHER_OR_VERSION = "cipher_suite_mismatch:.6 protocol_version_mismatch:.4"
CLIENT_CERT = "client_cert_required:1 | reason"
SNI = "sni_required_or_mismatch:1 | reason"
NOT_TLS_PORT = "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15 | reason"
EOF_CLOSED = ("middlebox_or_firewall_interference:.4 sni_required_or_mismatch:.2 "
              "protocol_version_mismatch:.2 client_cert_required:.2 | generic")
RESET = ("middlebox_or_firewall_interference:.5 protocol_version_mismatch:.2 "
         "sni_required_or_mismatch:.15 client_cert_required:.15 | category")
HANDSHAKE = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.15 "
             "middlebox_or_firewall_interference:.15 sni_required_or_mismatch:.1 | generic")
PROTOCOL_BROKEN = ("middlebox_or_firewall_interference:.5 server_misconfiguration:.3 "
                   "client_misconfiguration:.2 | category")
SERVER_CONFIG = "server_misconfiguration:1 | reason"
CLIENT_CONFIG = "client_misconfiguration:1 | reason"
KEY_MISMATCH = "server_misconfiguration:.7 client_misconfiguration:.3 | reason"
DNS = "name_resolution_or_unreachable:1 | reason"
UNREACHABLE = ("name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3 "
               "| specific")
# A timeout alone never names its cause with confidence (round 14, "not TLS, or died"):
# packets lost on the path (a firewall, a path MTU that drops the large handshake records:
# docker-buildx-09a31f4c), a host down, or a server that is slow or never answers this
# ClientHello (a printer's broker silent on TLS 1.3: ha-bambulab-printer-707829e5). Both
# below 0.6; the handshake's own timeout (TCP connected) drops the host-down reading.
TIMEOUT_CAUSES = ("middlebox_or_firewall_interference:.5 name_resolution_or_unreachable:.4 "
                  "server_misconfiguration:.1")
HANDSHAKE_TIMEOUT_CAUSES = ("middlebox_or_firewall_interference:.45 server_misconfiguration:.25 "
                            "protocol_version_mismatch:.15 non_tls_service_on_port:.1 "
                            "name_resolution_or_unreachable:.05")
TIMEOUT = TIMEOUT_CAUSES + " | category"
HANDSHAKE_TIMEOUT = HANDSHAKE_TIMEOUT_CAUSES + " | category"
OCSP_STAPLE = "ocsp_must_staple_missing:1 | reason"
# An OCSP response that holds no status for this certificate (mozilla::pkix
# ERROR_OCSP_RESPONSE_FOR_CERT_MISSING, pkixocsp.cpp VerifyEncodedOCSPResponse: no SingleResponse
# matched the certificate's CertID) is not a must-staple failure (that one is
# REQUIRED_TLS_FEATURE_MISSING). Firefox shows it when a stapled response is for another
# certificate and the fetch from the CA's responder did not settle it (NSSCertDBTrustDomain.cpp
# CheckRevocationByOCSP: that stapled result is "allowed for compatibility", then returned by
# HandleOCSPFailure; mozilla/gecko-dev 258754e5c153a781e87ad3542b281c1b198972f8), or a fetched
# answer in hard-fail mode. What staples another certificate's response: a security product
# that re-signs the site and passes the site's own staple on (dev: ESET, 1 of 1 thread), a
# server stapling a stale response for its previous certificate, or a box on the path that
# answers the OCSP fetch. Below 0.6: the text does not say which.
OCSP_OTHER_CERT = ("tls_interception_mitm:.45 server_misconfiguration:.35 "
                   "middlebox_or_firewall_interference:.2 | reason")
REVOCATION_UNKNOWN = "client_misconfiguration:.5 middlebox_or_firewall_interference:.5"
# CRYPT_E_NO_REVOCATION_CHECK (0x80092012): no revocation information, as a TLS-inspecting
# proxy's forged certificate has, first (round 26; patterns/dotnet.py says why). One string
# for the named code, the hex and decimal forms and curl's row.
NO_REVOCATION_INFO = ("tls_interception_mitm:.45 middlebox_or_firewall_interference:.35 "
                      "client_misconfiguration:.2")
MITM = "tls_interception_mitm:1 | reason"
PINNING = "tls_interception_mitm:.6 server_misconfiguration:.4 | reason"
DH_WEAK = "weak_cipher_or_no_pfs:1 | reason"
ALPN = "client_misconfiguration:.5 server_misconfiguration:.5"
FALLBACK = "middlebox_or_firewall_interference:.7 client_misconfiguration:.3"
BAD_CERT_FORMAT = "server_misconfiguration:1 | reason"
# A certificate whose issuer (found by name) did not sign it: another CA of that name in this
# client's CA file or store (a re-created private CA, a stale kubeconfig) first, a wrong
# intermediate sent second (patterns/castore.py: measured with Go, Java, OpenSSL's
# clients, GnuTLS on loopback; dev 2 of 2 threads the client's CA).
STALE_CA = ("client_misconfiguration:.45 bad_chain_order_or_extra:.25 cert_untrusted_root:.2 "
            "tls_interception_mitm:.1")
CHAIN_BROKEN = "bad_chain_order_or_extra:.5 tls_interception_mitm:.3 weak_signature_or_key:.2"

# Keyword rules shared by the sources whose entries are free texts (log lines, exception
# messages, failf() wording): (regex over "identifier<TAB>text", verdict, why). Order matters:
# the first that fits wins, so the specific come before the generic.
TEXT_RULES = (
    (r"(?i)private key (?:type )?does not match|key values mismatch|key.{0,20}does not match "
     r"(?:the )?certificate|certificate and (?:the )?(?:given|private) key do not match|"
     r"check_private_key|private key check failed",
     KEY_MISMATCH, "the certificate and its private key are not a pair"),
    (r"(?i)unknown authority|unable to get local issuer|unknown issuer|issuer is unknown|"
     r"untrusted root|not trusted|unable to find valid certification path|"
     r"PKIX path building|self[- ]signed certificate in (?:the )?certificate chain|"
     r"unable to verify the first certificate|untrusted issuer",
     UNTRUSTED, "the chain does not reach a trusted root"),
    (r"(?i)self[- ]signed", SELF_SIGNED, "a self-signed certificate"),
    (r"(?i)\t\s*(?:the|issued) certificate has expired\.?$",
     EXPIRED_IN_PATH, "some certificate of the path is past notAfter (not said which)"),
    (r"(?i)(?:has |is )?expired|not after", EXPIRED, "a certificate is past notAfter"),
    (r"(?i)not yet valid|not valid yet|not yet activated|activation date|before .{0,20}notBefore",
     NOT_YET, "a certificate is before notBefore"),
    (r"(?i)revoked", REVOKED, "a certificate is revoked"),
    (r"(?i)host ?name|subject alt|alternative (?:certificate )?(?:subject )?name|SAN\b|"
     r"does not match target|common name|IP SANs|doesn't match|valid for any names|"
     r"is valid for|name mismatch|NAME_INVALID|peer name|wrong host",
     HOSTNAME, "the certificate is not for the name asked for"),
    (r"(?i)OCSP.{0,40}(?:missing|no response|not (?:received|stapled))|must.?staple|"
     r"status request", OCSP_STAPLE, "the server did not staple the OCSP answer required"),
    (r"(?i)require[sd]? (?:a )?(?:client |peer )?cert|client cert\w* (?:required|needed)|"
     r"no (?:client |peer )?certificate (?:was )?(?:sent|returned|presented|received|provided)|"
     r"did not (?:return|send|provide) a certificate|didn't provide a certificate|"
     r"empty (?:client )?certificate chain|peer did not return|verify client|"
     r"client verification failed|client certificate missing",
     CLIENT_CERT, "mutual TLS: the client's certificate was missing or refused"),
    (r"(?i)no (?:shared |common )?cipher|cipher suites? (?:in common|mismatch)|"
     r"no cipher suite|no mutually|no common (?:signature|group|key|curve)|"
     r"no shared (?:group|sig)|no suitable", CIPHER, "no cipher suite, group or "
     "signature algorithm in common"),
    (r"(?i)protocol version|unsupported (?:protocol|version)|version too (?:low|high)|"
     r"wrong ssl version|no protocols available|appropriate protocol|"
     r"SSLv[23]|TLSv1\.[01]? .{0,20}(?:not|disabled)|only unsupported versions",
     VERSION, "no TLS version in common"),
    (r"(?i)\bSNI\b|server ?name|unrecognized name|unrecognised name|handshake rejected",
     SNI, "the server name (SNI) was missing or unknown to the server"),
    (r"(?i)plain HTTP|HTTP spoken|http request|does not look like a TLS|gave HTTP response|"
     r"wrong version number|unknown protocol|record too long|not an? (?:SSL|TLS)",
     NOT_TLS_PORT, "the other side does not speak TLS on that port"),
    (r"(?i)dh key too small|DH parameter|Diffie-Hellman prime|weak ephemeral|dh_key",
     DH_WEAK, "the Diffie-Hellman group is too weak"),
    (r"(?i)md5|sha-?1\b|insecure algorithm|weak (?:signature|key)|key too small|"
     r"key size|algorithm constraints|disabled algorithm", WEAK_SIG,
     "a signature algorithm or key is too weak for the client's policy"),
    (r"(?i)key ?usage|extended key|purpose|basic ?constraints|not a CA|chain too long|"
     r"not authorized to sign|path ?len|name constraint|critical extension",
     PURPOSE, "a certificate is not allowed for this use"),
    (r"(?i)pinn", PINNING, "the key does not match the pinned key"),
    (r"(?i)inappropriate fallback", FALLBACK, "a downgrade retry was refused"),
    (r"(?i)ALPN|application protocol", ALPN, "no application protocol (ALPN) in common"),
    (r"(?i)connection refused", UNREACHABLE, "nothing accepts connections there"),
    (r"(?i)reset by peer|connection reset|ECONNRESET", RESET, "the connection was reset"),
    (r"(?i)handshake[\w ]{0,30}(?:timed? ?out|timeout)|(?:connect|accept)\(\) timed out",
     HANDSHAKE_TIMEOUT, "the TLS handshake did not finish in time"),
    (r"(?i)timed? ?out|timeout", TIMEOUT, "no answer in time"),
    (r"(?i)resolve|getaddrinfo|name or service", DNS, "the name does not resolve"),
    (r"(?i)(?:unexpected |premature |peer closed|closed (?:the )?connection|unexpected )"
     r"(?:eof|end of file|close)|EOF|closed connection|connection closed|"
     r"non-properly terminated|terminated the handshake", EOF_CLOSED,
     "the peer closed the connection without a TLS alert"),
    (r"(?i)(?:cannot|can't|unable to|failed to|could not) (?:load|read|open|find|use|set|"
     r"parse|get).{0,40}(?:cert|key|CA|PEM|file|bundle|chain)|no (?:\")?ssl_certificate|"
     r"ca(?:file|path)|certificate file|key file|PEM", "client_misconfiguration:.6 "
     "server_misconfiguration:.4 | reason", "a certificate, key or CA file cannot be used"),
    (r"(?i)verif\w* fail|verify error|certificate (?:problem|verify|error|not accepted)|"
     r"invalid certificate|bad certificate|certificate.{0,20}invalid|"
     r"peer certificate|cert\w* chain", CERT_ANY + " | category",
     "the certificate was rejected (the reason is elsewhere in the output)"),
    (r"(?i)(?:received|got|sent).{0,20}alert|alert (?:received|number)|fatal alert",
     HANDSHAKE, "an alert ended the handshake"),
    (r"(?i)handshake.{0,30}(?:fail|error|abort)|(?:SSL|TLS) (?:connect )?error|"
     r"SSL_do_handshake|SSL_connect|SSL_accept", HANDSHAKE,
     "the handshake failed; the reason is elsewhere in the output"),
)


def _own_files(verdict: str) -> tuple[tuple[str, str, str], ...]:
    """TEXT_RULES with ``verdict`` for a certificate, key or CA file the printer cannot load."""
    return tuple((rx, verdict if why.startswith("a certificate, key or CA file") else v, why)
                 for rx, v, why in TEXT_RULES)


def server_text_rules() -> tuple[tuple[str, str, str], ...]:
    """TEXT_RULES for a server's log: a file it cannot load is the server's configuration."""
    return _own_files("server_misconfiguration:.8 client_cert_required:.2 | reason")


def client_text_rules() -> tuple[tuple[str, str, str], ...]:
    """TEXT_RULES for a program that is only ever a client (curl, wget): a certificate, key or
    CA file it cannot load is its own settings' (curl's CA bundle, --cert/--key), never the
    server's, so such a line names only the client (round 23). 0.9, not 1: the harvested
    words are generic ("Unable to load certificate %s") and other programs print them too,
    where their own reading (a server daemon's own load, 0.95) must stay first."""
    return _own_files("client_misconfiguration:.9 | reason")


# Round 22: a refusal of a peer without the secure-renegotiation indication (RFC 5746:
# OpenSSL's and BoringSSL's UNSAFE_LEGACY_RENEGOTIATION_DISABLED, GnuTLS's
# SAFE_RENEGOTIATION_FAILED and UNSAFE_RENEGOTIATION_DENIED, wolfSSL's
# SECURE_RENEGOTIATION_E). The peer is an old server, or an inspecting middlebox (a
# firewall's TLS inspection) answering in its place: dev 1 of 2 each, so not 0.6. This
# side's relaxed policy is the workaround; messages.py gives the peer's configuration the
# larger share when a server printed it.
PEER_WITHOUT_RI = ("server_misconfiguration:.5 middlebox_or_firewall_interference:.3 "
                   "client_misconfiguration:.2")
