"""curl: exit codes (include/curl/curl.h, lib/strerror.c) and the TLS back ends' wording.

Back ends: OpenSSL (lib/vtls/openssl.c), GnuTLS (lib/vtls/gtls.c), Schannel
(lib/vtls/schannel.c, schannel_verify.c), Secure Transport (lib/vtls/sectransp.c); host
name checks in lib/vtls/openssl.c (verifyhost). Exit 51/60 meanings changed in curl 7.62
(CURLE_SSL_CACERT merged into CURLE_PEER_FAILED_VERIFICATION = 60).
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import Entry, text_regex, upstream_patterns
from .judgement._common import NO_REVOCATION_INFO, NOT_YET_CAUSES, TIMEOUT_CAUSES

_CERT = ("cert_untrusted_root:.35 incomplete_chain:.25 cert_self_signed:.15 cert_expired:.1 "
         "hostname_mismatch:.1 tls_interception_mitm:.05")
_HS = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 "
       "middlebox_or_firewall_interference:.15 client_cert_required:.1 "
       "sni_required_or_mismatch:.1 non_tls_service_on_port:.05")

# "curl: (N)" is the curl tool; "cURL error N:" is PHP/Guzzle and other libcurl users.
_HAND = table("curl", "curl include/curl/curl.h, lib/strerror.c", [
    # libcurl before 7.62 named CURLE_SSL_CACERT (60) so (lib/strerror.c at curl-7_61_1,
    # ed4474316d24); programs that link libcurl (cargo, git, PHP) print it without
    # "curl: (60)". The chain does not reach a CA this client was given.
    # Round 26 (holdout33): CURLE_SSL_CACERT was libcurl's result for any failed
    # verification (OpenSSL's SSL_R_CERTIFICATE_VERIFY_FAILED: lib/vtls/openssl.c at
    # curl-7_61_1, ossl_connect_step2), a certificate outside its dates too: the dates keep a small share, so a clock
    # the text prints (a log's own time stamps) can be read beside it.
    (r"\bPeer certificate cannot be authenticated with given CA certificates\b",
     "libcurl (< 7.62): the server's certificate failed verification, most often a chain "
     "that does not reach a CA this client trusts (the result covered every check, dates "
     "included)",
     "cert_untrusted_root:.4 incomplete_chain:.25 tls_interception_mitm:.15 "
     "cert_self_signed:.1 cert_not_yet_valid:.05 cert_expired:.05", SPECIFIC),
    (r"(?:\bcurl: \(6\)|\bcURL error 6:)", "curl exit 6: the host name could not be resolved",
     "name_resolution_or_unreachable:1", SPECIFIC),
    (r"\bcould not resolve host: (?P<host>[^\s]{1,253})",
     "the name {host} does not resolve", "name_resolution_or_unreachable:1", REASON),
    (r"(?:\bcurl: \(7\)|\bcURL error 7:)", "curl exit 7: the TCP connection failed",
     "name_resolution_or_unreachable:.6 middlebox_or_firewall_interference:.4", SPECIFIC),
    (r"\bfailed to connect to [^\n]{0,300}connection refused",
     "nothing listens on that port (connection refused)",
     "name_resolution_or_unreachable:.7 middlebox_or_firewall_interference:.3", REASON),
    # Since curl 7.85 the reason after "Failed to connect to HOST port N after N ms:" is
    # curl_easy_strerror(CURLE_COULDNT_CONNECT), not strerror(errno): a refused port reads
    # "Couldn't connect to server". Programs built on libcurl print it without curl's
    # "curl: (7)" prefix (git: "fatal: unable to access 'URL': Failed to connect to ...").
    (r"\bfailed to connect to \S{1,253} port \d{1,5}(?: after \d{1,9} ms)?: "
     r"(?:Couldn't|Could not) connect to server\b",
     "libcurl could not open the TCP connection (refused, filtered or unreachable)",
     "name_resolution_or_unreachable:.6 middlebox_or_firewall_interference:.4", SPECIFIC,
     "curl lib/cf-socket.c / lib/connect.c 7.88 (failf \"Failed to connect to %s port %u "
     "after %\" CURL_FORMAT_TIMEDIFF_T \" ms: %s\", curl_easy_strerror(result)); "
     "lib/strerror.c CURLE_COULDNT_CONNECT", "failed to connect to"),
    (r"(?:\bcurl: \(28\)|\bcURL error 28:)", "curl exit 28: the operation timed out",
     TIMEOUT_CAUSES, CATEGORY),
    (r"(?:\bcurl: \(35\)|\bcURL error 35:)", "curl exit 35: the TLS handshake failed", _HS, GENERIC),
    (r"\bSSL connect error\b", "curl: the TLS handshake failed (CURLE_SSL_CONNECT_ERROR)", _HS,
     GENERIC),
    (r"\bSSL_connect: SSL_ERROR_SYSCALL\b",
     "the connection was closed or reset during the handshake, without a TLS alert",
     "middlebox_or_firewall_interference:.45 sni_required_or_mismatch:.2 "
     "protocol_version_mismatch:.2 client_cert_required:.15", SPECIFIC,
     "curl lib/vtls/openssl.c ossl_connect_step2"),
    (r"\bSSL_connect: Connection reset by peer\b",
     "the peer (or something on the path) reset the connection during the handshake",
     "middlebox_or_firewall_interference:.6 protocol_version_mismatch:.2 "
     "sni_required_or_mismatch:.2", SPECIFIC, "curl lib/vtls/openssl.c"),
    (r"\bunexpected eof while reading\b",
     "the peer closed the connection without a TLS alert",
     "middlebox_or_firewall_interference:.4 sni_required_or_mismatch:.2 "
     "protocol_version_mismatch:.2 client_cert_required:.2", GENERIC),
    (r"(?:\bcurl: \((?:51|60)\)|\bcURL error (?:51|60):)", "curl exit 51/60: the server certificate was not accepted",
     _CERT, CATEGORY),
    (r"\bSSL peer certificate or SSH remote key was not OK\b",
     "curl: the server certificate was not accepted (CURLE_PEER_FAILED_VERIFICATION)", _CERT,
     CATEGORY),
    (r"\bPeer certificate cannot be authenticated with known CA certificates\b",
     "curl: the certificate does not chain to a CA curl trusts",
     "cert_untrusted_root:.45 incomplete_chain:.35 cert_self_signed:.2", SPECIFIC),
    (r"\bSSL certificate problem: (?P<detail>[^\n]{1,200})",
     "curl could not verify the server certificate: {detail}", _CERT, CATEGORY,
     "curl lib/vtls/openssl.c (\"SSL certificate problem: %s\")"),
    (r"\bno alternative certificate subject name matches target host name '(?P<host>[^'\s]{1,253})'",
     "the certificate does not list {host} among its names", "hostname_mismatch:1", REASON,
     "curl lib/vtls/openssl.c verifyhost"),
    (r"\bcertificate subject name '[^'\n]{0,253}' does not match target host name '(?P<host>[^'\s]{1,253})'",
     "the certificate's name does not match {host}", "hostname_mismatch:1", REASON,
     "curl lib/vtls/openssl.c verifyhost"),
    # curl's own command-line form ("curl: (60) ..."): in the real-world dev set both curl
    # threads with these words were a server without its intermediate (round 2), unlike the
    # programs that carry curl's words for their own CA store (composer, PHP, git): those
    # keep the table's order (judgement/openssl.py UNABLE_TO_GET_ISSUER_CERT_LOCALLY).
    (r"\bunable to get local issuer certificate\b[^\n]{0,40}More details here|"
     r"^curl: \(60\) SSL certificate problem: unable to get local issuer certificate",
     "curl: unable to get local issuer certificate",
     "incomplete_chain:.45 cert_untrusted_root:.25 client_misconfiguration:.2 "
     "tls_interception_mitm:.1", REASON + 1, "curl lib/vtls/openssl.c", "local issuer"),
    # The same words from curl or git (curl's wording): of 3 dev threads (round 3), 2 were
    # a private CA the client did not hold, 1 an intercepting proxy; judgement/openssl.py's
    # bare reading (npm/Node: 5 of 6 a proxy) puts interception first, the curl form does not.
    (r"\bSSL certificate problem: self[- ]signed certificate in certificate chain\b",
     "curl/git: a self-signed root in the served chain is not trusted here",
     "cert_untrusted_root:.5 tls_interception_mitm:.35 client_misconfiguration:.15",
     REASON + 1, "curl lib/vtls/openssl.c (\"SSL certificate "
     "problem: %s\")", "self"),
    (r"\bunable to set private key file: '[^'\n]{0,300}' type",
     "curl could not load the private key given to it (--key): missing, unreadable, wrong "
     "type or protected by a passphrase that was not given",
     "client_misconfiguration:.9 client_cert_required:.1", REASON,
     "curl lib/vtls/openssl.c cert_stuff (\"unable to set private key file: '%s' type %s\")"),
    (r"(?:\bcurl: \(58\)|\bcURL error 58:)", "curl exit 58: problem with the local client certificate",
     "client_misconfiguration:.8 client_cert_required:.2", SPECIFIC),
    (r"\bunable to (?:set client certificate|use client certificate)",
     "curl could not load the client certificate or key given to it",
     "client_misconfiguration:.8 client_cert_required:.2", REASON,
     "curl lib/vtls/openssl.c cert_stuff"),
    # An exit number names a category; the back end's words printed after it say why
    # (curl's Schannel back end reports SEC_E_UNTRUSTED_ROOT under 77), so they outrank it.
    (r"(?:\bcurl: \(59\)|\bcURL error 59:)", "curl exit 59: the requested cipher list is not usable",
     "client_misconfiguration:1", CATEGORY),
    (r"\bfailed setting cipher list\b", "curl: the cipher list given with --ciphers is invalid",
     "client_misconfiguration:1", REASON, "curl lib/vtls/openssl.c"),
    (r"(?:\bcurl: \(77\)|\bcURL error 77:)", "curl exit 77: the CA certificate file or directory cannot be read",
     "client_misconfiguration:1", CATEGORY),
    (r"\berror setting certificate (?:verify locations|file)",
     "curl cannot read its CA bundle (--cacert / CURL_CA_BUNDLE)", "client_misconfiguration:1",
     REASON, "curl lib/vtls/openssl.c"),
    (r"(?:\bcurl: \(83\)|\bcURL error 83:)", "curl exit 83: the issuer check (--issuer-cert) failed",
     "client_misconfiguration:.6 cert_untrusted_root:.4", CATEGORY),
    (r"(?:\bcurl: \(90\)|\bcURL error 90:)", "curl exit 90: the server key does not match the pinned public key",
     "tls_interception_mitm:.5 client_misconfiguration:.5", CATEGORY),
    (r"\bSSL: public key does not match pinned public key\b",
     "the server key does not match --pinnedpubkey",
     "tls_interception_mitm:.5 client_misconfiguration:.5", REASON,
     "curl lib/vtls/vtls.c Curl_pin_peer_pubkey"),
    (r"(?:\bcurl: \(91\)|\bcURL error 91:)", "curl exit 91: the certificate status (OCSP stapling) check failed",
     "ocsp_must_staple_missing:.6 cert_revoked:.4", REASON),
    (r"\bNo OCSP response received\b", "the server did not staple an OCSP response",
     "ocsp_must_staple_missing:1", REASON, "curl lib/vtls/openssl.c verifystatus"),
    (r"\bSSL certificate revocation reason\b", "the OCSP response says the certificate is revoked",
     "cert_revoked:1", REASON, "curl lib/vtls/openssl.c verifystatus"),
    (r"(?:\bcurl: \(56\)|\bcURL error 56:)", "curl exit 56: the connection failed while receiving data",
     "middlebox_or_firewall_interference:.5 client_cert_required:.3 non_tls_service_on_port:.2",
     GENERIC),
    # GnuTLS back end (lib/vtls/gtls.c)
    (r"\bserver certificate verification failed\. CAfile:",
     "curl (GnuTLS): the server certificate did not verify against the CA file", _CERT,
     CATEGORY, "curl lib/vtls/gtls.c"),
    (r"\bgnutls_handshake\(\) failed: (?P<detail>[^\n]{1,200})",
     "curl (GnuTLS): handshake failed: {detail}", _HS, GENERIC, "curl lib/vtls/gtls.c"),
    (r"\bSSL: certificate subject name \([^)\n]{0,253}\) does not match target host name '(?P<host>[^'\s]{1,253})'",
     "the certificate's name does not match {host}", "hostname_mismatch:1", REASON,
     "curl lib/vtls/gtls.c"),
    (r"\bserver certificate expiration date has passed\b", "the certificate has expired",
     "cert_expired:.85 client_clock_wrong:.15", REASON, "curl lib/vtls/gtls.c"),
    (r"\bserver certificate activation date is in the future\b",
     "the certificate is not valid yet", NOT_YET_CAUSES, REASON,
     "curl lib/vtls/gtls.c"),
    # Schannel back end (lib/vtls/schannel.c); SEC_E_* codes are in dotnet.py
    (r"\bschannel: next InitializeSecurityContext failed\b",
     "curl (Schannel): the handshake failed", _HS, GENERIC, "curl lib/vtls/schannel.c"),
    (r"\bCertGetCertificateChain trust error (?P<flag>CERT_TRUST_\w{1,60})",
     "Windows could not build a trusted chain: {flag}", _CERT, CATEGORY,
     "curl lib/vtls/schannel_verify.c"),
    (r"\bCERT_TRUST_IS_UNTRUSTED_ROOT\b", "the chain ends at a root Windows does not trust",
     "cert_untrusted_root:.7 cert_self_signed:.2 tls_interception_mitm:.1", REASON,
     "Windows wincrypt.h CERT_TRUST_STATUS"),
    (r"\bCERT_TRUST_IS_PARTIAL_CHAIN\b", "Windows could not find the intermediate certificates",
     "incomplete_chain:.8 cert_untrusted_root:.2", REASON, "Windows wincrypt.h"),
    (r"\bCERT_TRUST_IS_NOT_TIME_VALID\b", "a certificate in the chain is expired or not yet valid",
     "cert_expired:.7 cert_not_yet_valid:.15 client_clock_wrong:.15", REASON,
     "Windows wincrypt.h"),
    (r"\bCERT_TRUST_IS_REVOKED\b", "a certificate in the chain is revoked", "cert_revoked:1",
     REASON, "Windows wincrypt.h"),
    (r"\bCERT_TRUST_REVOCATION_STATUS_UNKNOWN\b|\bCRYPT_E_REVOCATION_OFFLINE\b",
     "Windows could not check revocation (CRL/OCSP unreachable); curl --ssl-no-revoke skips it",
     "client_misconfiguration:.5 middlebox_or_firewall_interference:.5", REASON,
     "curl lib/vtls/schannel.c; Windows winerror.h"),
    # Round 26: CRYPT_E_NO_REVOCATION_CHECK (0x80092012) reads as patterns/dotnet.py's
    # CODES row: a certificate without revocation information, an intercepting proxy's first
    (r"\bCRYPT_E_NO_REVOCATION_CHECK\b",
     "Windows could not check revocation for the certificate (CRYPT_E_NO_REVOCATION_CHECK: "
     "no revocation information, as a TLS-inspecting proxy's forged certificate has, or none "
     "reachable); curl --ssl-no-revoke skips it",
     NO_REVOCATION_INFO, REASON, "curl lib/vtls/schannel.c; Windows winerror.h"),
    (r"\bCRYPT_E_REVOKED\b", "the certificate is revoked", "cert_revoked:1", REASON,
     "Windows winerror.h"),
    # Secure Transport back end (lib/vtls/sectransp.c)
    # curl's guess, printed for every errSSLPeerHandshakeFail (-9824: a handshake_failure
    # alert received; curl-7_40_0 lib/vtls/curl_darwinssl.c, curl-7_88_1 sectransp.c), so
    # it reads as Apple's -9824 does (patterns/apple.py) and as a refusal (refusal.py reads
    # the text's context: a --cert names the client certificate)
    (r"\bSSL peer handshake failed, the server most likely requires a client certificate",
     "the server refused the handshake (a handshake_failure alert; curl guesses a client "
     "certificate)", "cipher_suite_mismatch:.45 protocol_version_mismatch:.25 "
     "client_cert_required:.15 sni_required_or_mismatch:.15", CATEGORY,
     "curl lib/vtls/sectransp.c"),
    (r"\bSSL certificate problem: Invalid certificate chain\b",
     "the certificate chain is invalid", _CERT, CATEGORY, "curl lib/vtls/sectransp.c"),
    (r"\bSSL certificate expired\b", "the server certificate has expired",
     "cert_expired:.85 client_clock_wrong:.15", REASON, "curl lib/vtls/sectransp.c"),
    (r"\bSSL certificate not yet valid\b", "the server certificate is not valid yet",
     NOT_YET_CAUSES, REASON, "curl lib/vtls/sectransp.c"),
    (r"\bSSL certificate not trusted\b|\bSSL Unknown root cert\b|\bSSL cert chain is invalid\b",
     "the certificate chain is not trusted",
     "cert_untrusted_root:.5 incomplete_chain:.3 cert_self_signed:.2", SPECIFIC,
     "curl lib/vtls/sectransp.c"),
    # curl -v's trace of each handshake message (Request CERT, CERT verify...) is read by
    # ingest/stage.py with every other stack's trace (round 13, the stage).
    (r"\bServer aborted the SSL handshake\b", "the server closed the handshake",
     _HS, GENERIC, "curl lib/vtls/sectransp.c"),
    (r"\bSSL: certificate verification failed \(result: (?P<r>\d{1,3})\)",
     "Secure Transport rejected the certificate (SecTrustResultType {r})", _CERT, CATEGORY,
     "curl lib/vtls/sectransp.c"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
def _exit_forms(entry: Entry) -> list[tuple[str, str, str]]:
    """curl prints a CURLE_* text after its exit code: "curl: (98) SSL Client Certificate
    required"; PHP and others print "cURL error 98: ..."."""
    if entry.kind != "strerror" or entry.get("number") is None:
        return []
    got = text_regex(entry.text, context=False)
    if got is None:
        return []
    rx, needle = got
    n = entry.get("number")
    return [("exit", rf"\b(?:curl: \({n}\)|cURL error {n}:) {rx}", needle)]


PATTERNS = upstream_patterns("curl", "curl", side="client", as_source="curl",
                             extra_forms=_exit_forms) + _HAND
