"""Programs that wrap OpenSSL's verification words in their own: Ruby's OpenSSL::SSL,
PHP (streams, composer, Guzzle's curl), rust-openssl (Node's codes: node.py).

The words inside are OpenSSL's (openssl.py reads them); the wrapper says *which client*
printed them, and for a client that carries its own CA bundle (RubyGems' bundled
certificates, PHP's openssl.cafile / curl.cainfo, an old Node's compiled-in store) a failed
verification is most often that bundle, not the server. The priors are counts from the
real-world dev set (tests/ingest/upstream/heldout, round 3), written next to each row;
all stay below 0.6 because the same words also come from intercepting proxies and servers
without their intermediate, and `next` checks the served chain to tell them apart.
"""

from __future__ import annotations

from . import REASON, table
from .judgement._common import NOT_YET_CAUSES

# Ruby: 4 of 4 dev threads with "SSL_connect returned=... certificate verify failed" were
# the client's store (RubyGems' outdated bundled certificates x2, no CA file, Nix setting
# SSL_CERT_FILE to a missing file).
_RUBY = ("client_misconfiguration:.5 tls_interception_mitm:.2 cert_untrusted_root:.15 "
         "incomplete_chain:.15")
# PHP (composer, Guzzle, streams): 3 threads: 2 PHP's CA file (missing/corrupt cacert.pem),
# 1 an antivirus re-signing HTTPS (and the maintainers name it for the second as well).
_PHP = ("client_misconfiguration:.4 tls_interception_mitm:.3 incomplete_chain:.15 "
        "cert_untrusted_root:.15")
# rust-openssl's X509VerifyResult: 1 thread, a machine without CA certificates installed;
# the general count for programs printing these words (15 of 24) says the same.
_RUST = ("client_misconfiguration:.4 incomplete_chain:.25 cert_untrusted_root:.2 "
         "tls_interception_mitm:.15")

# OpenSSL verify results a wrapper appends in parentheses -> (meaning, causes).
_VERIFY_RESULTS = (
    ("certificate has expired", "a certificate of the path has expired (OpenSSL's verify "
     "result, as the program appends it)", "cert_expired:.45 client_misconfiguration:.4 "
     "client_clock_wrong:.15"),
    ("certificate is not yet valid", "the server certificate is not valid yet (OpenSSL's "
     "verify result)", NOT_YET_CAUSES),
    ("self-signed certificate|self signed certificate", "the server's certificate is "
     "self-signed (OpenSSL's verify result)", "cert_self_signed:.9 tls_interception_mitm:.1"),
    ("unsuitable certificate purpose", "the server certificate is not for TLS server use "
     "(OpenSSL's verify result)", "cert_wrong_purpose:1"),
    ("EE certificate key too weak|CA certificate key too weak|CA signature digest algorithm "
     "too weak", "a key or signature of the path is too weak for this client's security "
     "level (OpenSSL's verify result)", "weak_signature_or_key:1"),
    ("certificate revoked", "the server certificate is revoked (OpenSSL's verify result)",
     "cert_revoked:1"),
)

PATTERNS = table("programs", "program wrappers around OpenSSL's verify result", [
    # Spaces as runs: a terminal-wrapped message arrives with its continuation indent.
    (r"\bSSL_connect {1,8}returned=\d{1,3} {1,8}errno=\d{1,5} {1,8}(?:peeraddr=\S{1,80} {1,8})?"
     r"state=[^\n]{0,90}?certificate verify failed",
     "Ruby (OpenSSL::SSL) could not verify the server certificate with its CA store", _RUBY,
     REASON + 1, "Ruby ext/openssl/ossl_ssl.c (\"SSL_connect returned=%d errno=%d "
     "peeraddr=%s state=%s\")", "certificate verify failed"),
    (r"\bcurl error 60 while downloading\b|"
     r"\bcURL error 60: SSL certificate problem: unable to get local issuer certificate",
     "PHP (composer / Guzzle over ext-curl) could not verify the server with PHP's CA bundle",
     _PHP, REASON + 1, "composer src/Composer/Util/Http/CurlDownloader.php (\"curl error %d "
     "while downloading %s: %s\"); Guzzle src/Handler/CurlFactory.php (\"cURL error %s: %s\")"),
    # Round 9: PHP's curl 60 with "certificate has expired" (Guzzle's "cURL error 60: ...",
    # composer's "curl error 60 while downloading ...: ..."): PHP's own bundle again, or a
    # re-signing proxy or antivirus with an expired CA. Dev: 2 of 2 threads not the leaf
    # (an outdated bundled cacert.pem; a proxy). Above the wrapper rows: the words say which
    # check failed, the wrapper who printed it.
    (r"\bcurl error 60(?: while downloading \S{1,300})?: SSL certificate problem: "
     r"certificate has expired\b",
     "PHP (Guzzle / composer over ext-curl): a certificate of the path has expired, most "
     "often in PHP's own outdated CA bundle or a re-signing proxy's CA, less often the "
     "server's", "client_misconfiguration:.4 tls_interception_mitm:.3 cert_expired:.3",
     REASON + 2, "Guzzle src/Handler/CurlFactory.php (\"cURL error %s: %s\"); composer "
     "src/Composer/Util/Http/CurlDownloader.php", "certificate has expired"),
    (r"\bSSL operation failed with code \d{1,3}\. OpenSSL Error messages:[^\n]{0,200}?"
     r"certificate verify failed",
     "PHP streams could not verify the server with PHP's CA bundle (openssl.cafile)", _PHP,
     REASON + 1, "php-src ext/openssl/xp_ssl.c (\"SSL operation failed with code %d. "
     "OpenSSL Error messages:\\n%s\")", "certificate verify failed"),
    (r"\bX509VerifyResult \{ code: 20, error: \"unable to get local issuer certificate\"",
     "rust-openssl: unable to get local issuer certificate (this program's CA store)", _RUST,
     REASON + 1, "rust-openssl openssl/src/x509/mod.rs (X509VerifyResult Debug)",
     "x509verifyresult"),
    # Round 6: the wrappers append OpenSSL's verify result in parentheses after "certificate
    # verify failed" (Ruby's "... (hostname mismatch)", rust-openssl's ssl::Error Display
    # "...: (hostname mismatch)"). The name check is not the trust store, so the stores'
    # priors above do not apply: the words say which check failed. Dev: 1 of 1 thread
    # (an IMAP client's STARTTLS to a host not named in the certificate).
    (r"\bcertificate verify failed\b[^\n]{0,200}?\((?P<what>hostname|IP address) mismatch\)",
     "the certificate is not for the {what} this client connected to (OpenSSL's verify "
     "result X509_V_ERR_HOSTNAME_MISMATCH / IP_ADDRESS_MISMATCH)",
     "hostname_mismatch:.9 sni_required_or_mismatch:.1", REASON + 2,
     "OpenSSL crypto/x509/x509_txt.c (\"hostname mismatch\"); rust-openssl "
     "openssl/src/ssl/error.rs (Error Display)", "mismatch)"),
    # Round 10 (the client matrix, Ruby 3.1's Net::HTTP): the same parenthesised verify
    # result names a check on the server's certificate itself, not the trust store: the
    # store priors of the wrapper rows above do not apply; the result decides, as the
    # host-name row above. An expiry may be any certificate of the path (an old root the
    # client's store still builds to: judgement/openssl.py's count), so it stays a ranking.
    *[(rf"\bcertificate verify failed \((?-i:{result})\)", meaning, cs, REASON + 2,
       "OpenSSL crypto/x509/x509_txt.c (X509_verify_cert_error_string); Ruby "
       "ext/openssl/ossl_ssl.c, rust-openssl openssl/src/ssl/error.rs (append it)", "verify failed (")
      for result, meaning, cs in _VERIFY_RESULTS],
    # Excon (Ruby; fluentd's and Faraday's HTTP client) replaces OpenSSL's "certificate
    # verify failed" with advice on CA paths, dropping the verify reason: what is known is
    # that the chain did not verify, read like the bare OpenSSL words. Dev: 2 threads (a
    # self-signed endpoint, a private CA), both an untrusted chain.
    (r"\bUnable to verify certificate, please set `Excon\.",
     "Excon (Ruby) could not verify the server certificate against its CA path",
     "cert_untrusted_root:.4 cert_self_signed:.2 client_misconfiguration:.2 "
     "incomplete_chain:.1 tls_interception_mitm:.1", REASON + 1,
     "excon lib/excon/error.rb (Excon::Error::Socket)"),
    # kubeadm (and minikube, which runs it) checking the dates of the certificates it holds
    # (cmd/kubeadm/app/phases/certs/certs.go @ 2bb4b1042dfd: "WARNING: could not validate
    # bounds for certificate %s: %v"; pkiutil.ValidateCertPeriod's "the certificate is not
    # valid yet / has expired: NotBefore: %v, NotAfter: %v"). The dates are printed, and
    # klog's line stamp is the machine's clock: clock.py reads both (round 13). Without a
    # decisive time: not yet valid ranks the clock first (a cluster's own CA is made by the
    # cluster, so a notBefore in this machine's future is a clock behind), expired the
    # certificate (kubeadm certificates last a year).
    (r"\bthe certificate is not valid yet: NotBefore: (?P<nb>[^,\n]{10,40}), NotAfter: ",
     "kubeadm: a cluster certificate is valid only from {nb} by this machine's clock",
     NOT_YET_CAUSES, REASON,
     "kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certs.go @ 2bb4b1042dfd, "
     "cmd/kubeadm/app/util/pkiutil/pki_helpers.go (ValidateCertPeriod)"),
    (r"\bthe certificate has expired: NotBefore: [^,\n]{10,40}, NotAfter: (?P<na>[^\n]{10,40})",
     "kubeadm: a cluster certificate expired at {na} by this machine's clock",
     "cert_expired:.85 client_clock_wrong:.15", REASON,
     "kubernetes/kubernetes cmd/kubeadm/app/phases/certs/certs.go @ 2bb4b1042dfd, "
     "cmd/kubeadm/app/util/pkiutil/pki_helpers.go (ValidateCertPeriod)"),
])
