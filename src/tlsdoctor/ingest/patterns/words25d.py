"""Round 25: holdout30's classes, each from the printing program's own words.

- webpki's CaUsedAsEndEntity (rustls/webpki @ 1bff41a41a014f61aa85802872c08410e6b7bb84
  src/error.rs "A CA certificate is being used as an end-entity certificate";
  src/verify_cert.rs check_basic_constraints: `(Role::EndEntity, true, _)`): the server's own
  certificate says basicConstraints CA:TRUE. rustls has no CertificateError for it and prints
  it as `Other(OtherError(CaUsedAsEndEntity))`. A certificate made as its own CA and served as
  the leaf (`openssl req -x509`'s default extensions) is the usual one: the certificate's
  purpose first, its being self-signed second.
- pjlib's certificate verification strings (pjsip/pjproject @
  b7317ffcaf1d20a38eb231cf15b7b65c4734dbb4 pjlib/src/pj/ssl_sock_common.c
  pj_ssl_cert_get_verify_status_strings; the OpenSSL codes behind each in
  pjlib/src/pj/ssl_sock_ossl.c verify_cb), as pjsua, PJSIP's transports and the programs
  built on them (Asterisk's res_pjsip) print them beside PJSIP_TLS_ECERTVERIF.
- Stripe's API refusal of an old version (stripe/stripe-php @
  0498d20d0c33490c38df956dd7cef49b3a2ad6f0 README.md: "Stripe no longer supports API requests
  made with TLS 1.0. Please initiate HTTPS connections with TLS 1.2 or later.", sent when the
  client's cURL/OpenSSL negotiates TLS 1.0/1.1; the forks of its SDK print the same with their
  own name).
- JSSE's "No negotiable cipher suite" (openjdk/jdk @ dc3c7b480d21b4cca3154d3d93049b37e2446aca
  src/java.base/share/classes/sun/security/ssl/ClientHello.java, ClientHelloKickstartProducer;
  JDK 8's ClientHandshaker.getKickstartMessage): thrown by the client before its hello is
  sent, when none of its own enabled suites can be used with its own active protocols - a
  client limited to TLSv1 with only TLS 1.2 suites enabled, or suites disabled by
  jdk.tls.disabledAlgorithms. The client's configuration first, its protocol second; no
  server has answered.
- JSSE's "subject/issuer name chaining check failed" (openjdk/jdk @
  03790aa9ab1b31632d75b0f9f447357c282a6270 src/java.base/share/classes/sun/security/provider/
  certpath/BasicChecker.java verifyNameChaining): a certificate's issuer is not the subject of
  the certificate before it in the path validated - the server's chain carries a wrong or
  misordered intermediate.
"""

from __future__ import annotations

from . import REASON, SPECIFIC, Pattern, Row, sourced_table

_WEBPKI = ("rustls/webpki @ 1bff41a41a014f61aa85802872c08410e6b7bb84 src/error.rs, "
           "src/verify_cert.rs")
_PJLIB = ("pjsip/pjproject @ b7317ffcaf1d20a38eb231cf15b7b65c4734dbb4 "
          "pjlib/src/pj/ssl_sock_common.c, pjlib/src/pj/ssl_sock_ossl.c")
_STRIPE = "stripe/stripe-php @ 0498d20d0c33490c38df956dd7cef49b3a2ad6f0 README.md"
_JSSE_HELLO = ("openjdk/jdk @ dc3c7b480d21b4cca3154d3d93049b37e2446aca "
               "src/java.base/share/classes/sun/security/ssl/ClientHello.java")
_JSSE_PATH = ("openjdk/jdk @ 03790aa9ab1b31632d75b0f9f447357c282a6270 "
              "src/java.base/share/classes/sun/security/provider/certpath/BasicChecker.java")

_ROWS: list[tuple[str, str, Row]] = [
    ("rustls", "client", (r"\bCaUsedAsEndEntity\b",
                          "webpki: the server's own certificate is a CA certificate "
                          "(basicConstraints CA:TRUE) served as the end-entity certificate",
                          "cert_wrong_purpose:.55 cert_self_signed:.45", REASON, _WEBPKI,
                          "causedasendentity")),
    # pjlib: one string per verify-status bit. No side: PJSIP's transports verify either
    # peer (a client's registration, or Asterisk's res_pjsip checking the caller's).
    ("pjsip", "", (r"\bThe server identity does not match to any identities specified in the "
                   r"certificate\b",
                   "PJSIP: the peer's certificate names none of the identities it was reached "
                   "by (PJ_SSL_CERT_EIDENTITY_NOT_MATCH)",
                   "hostname_mismatch:1", REASON, _PJLIB,
                   "does not match to any identities")),
    ("pjsip", "", (r"\bThe issuer certificate cannot be found\b",
                   "PJSIP: the issuer of a certificate in the chain is missing "
                   "(PJ_SSL_CERT_EISSUER_NOT_FOUND, X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT)",
                   "incomplete_chain:.6 cert_untrusted_root:.4", SPECIFIC, _PJLIB,
                   "the issuer certificate cannot be found")),
    ("pjsip", "", (r"\bThe certificate has expired or not yet valid\b",
                   "PJSIP: the certificate is outside its validity period, either edge "
                   "(PJ_SSL_CERT_EVALIDITY_PERIOD)",
                   "cert_expired:.5 client_clock_wrong:.3 cert_not_yet_valid:.2", REASON, _PJLIB,
                   "has expired or not yet valid")),
    ("pjsip", "", (r"\bThe issuer info in the certificate does not match to the \(candidate\) "
                   r"issuer certificate\b",
                   "PJSIP: a certificate's issuer does not match the certificate found for it "
                   "(PJ_SSL_CERT_EISSUER_MISMATCH: signature failure, leaf signature "
                   "unverifiable, subject/issuer or key-identifier mismatch)",
                   "incomplete_chain:.4 bad_chain_order_or_extra:.35 tls_interception_mitm:.25",
                   SPECIFIC, _PJLIB, "issuer info in the certificate does not match")),
    ("pjsip", "", (r"\bThe certificate or CA certificate cannot be used for the specified "
                   r"purpose\b",
                   "PJSIP: a certificate is not valid for this use (PJ_SSL_CERT_EINVALID_PURPOSE)",
                   "cert_wrong_purpose:1", REASON, _PJLIB,
                   "cannot be used for the specified purpose")),
    ("pjsip", "", (r"\bThe certificate signature is created using a weak hashing algorithm\b",
                   "PJSIP: the certificate is signed with a weak hash "
                   "(PJ_SSL_CERT_EWEAK_SIGNATURE)",
                   "weak_signature_or_key:1", REASON, _PJLIB, "weak hashing algorithm")),
    # Stripe's API (and its SDK's forks): the connection was made, at TLS 1.0.
    ("stripe", "client", (r"\bno longer supports API requests made with (?:TLS 1\.[01]|SSL)",
                          "the API refuses requests made over an old TLS version: the client "
                          "(its cURL/OpenSSL) negotiated TLS 1.0/1.1, the API wants TLS 1.2 or "
                          "later",
                          "protocol_version_mismatch:.6 client_misconfiguration:.4", REASON,
                          _STRIPE, "no longer supports api requests made with")),
    ("java", "client", (r"\bNo negotiable cipher suite\b",
                        "JSSE (client): none of the client's own enabled cipher suites can be "
                        "used with its own enabled protocols, so no hello was sent (a client "
                        "limited to an old TLS version, or suites disabled by "
                        "jdk.tls.disabledAlgorithms)",
                        "client_misconfiguration:.5 protocol_version_mismatch:.3 "
                        "cipher_suite_mismatch:.2", REASON, _JSSE_HELLO,
                        "no negotiable cipher suite")),
    ("java", "client", (r"\bsubject/issuer name chaining check failed\b",
                        "PKIX: a certificate's issuer is not the subject of the next one in the "
                        "path - a wrong or misordered intermediate in the server's chain",
                        "bad_chain_order_or_extra:.55 incomplete_chain:.25 "
                        "server_misconfiguration:.2", REASON, _JSSE_PATH,
                        "subject/issuer name chaining check failed")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r25d", _ROWS)
