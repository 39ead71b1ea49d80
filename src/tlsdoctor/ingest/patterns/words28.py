"""Round 28: in-text misses, read as the classes of wording they belong to.

Each row is a client's own words, read from the printing program's source:

- OpenSSL's reason "certificate verify failed" (SSL_R_CERTIFICATE_VERIFY_FAILED, 134;
  openssl/openssl crypto/err/openssl.txt @ 51ea949dc1436e865935b47874b21a3bb31a102e,
  raised in ssl/statem/statem_clnt.c tls_post_process_server_certificate when
  ssl_verify_cert_chain left a verify result other than X509_V_OK) followed by its caller's
  words. The harvested table reads a reason of fewer than four words only where it ends
  (harvested._forms: "http request" is also the start of other sentences), so "certificate
  verify failed while connecting to ..." or "... (_ssl.c:1006) while ..." read only as the
  generic handshake error of the exception's class. No harvested text of any table goes on
  after these three words (upstream/*.json), and CPython prints the reason as OpenSSL's
  own words (python/cpython Modules/_ssl.c @ v3.11.7 fill_and_set_sslerror: "[%S: %S] %s
  (%s:%d)", and "%s: %S" with X509_verify_cert_error_string for this reason), so the words
  after them are the caller's context (Python's "while connecting", PHP's "in FILE on line
  N", Perl's "at FILE line N", PyMongo's "calling ismaster on"), not another result: the
  chain check failed, its reason unprinted (judgement/openssl.py's reading of the bare
  reason). A verify result printed after them (": certificate has expired", "(unable to get
  local issuer certificate)") is read by the tables as before.
- Go's host-name error for an IP address with the address left out: crypto/x509's
  HostnameError prints "x509: cannot validate certificate for %s because it doesn't contain
  any IP SANs" only when the host parsed as an IP address (golang/go
  src/crypto/x509/verify.go, HostnameError.Error), so the host is never empty as Go prints
  it; a posting that removed it ("for  because", an address in angle brackets a page ate)
  is the same sentence.
- OpenJDK's algorithm-constraints check of the peer's chain: "Certificates does not
  conform to algorithm constraints" (JDK 7/8 before 8164846) and "Certificates do not
  conform to algorithm constraints" after it (JetBrains/jdk8u_jdk
  src/share/classes/sun/security/ssl/SSLContextImpl.java @
  94318f9185757cc33d2b8d527d36be26ac6b7582, AbstractTrustManagerWrapper.
  checkAlgorithmConstraints; the wording changed in 5ffd4ed49f3052833dbe1c139edfae516c15f31a).
  A certificate of the chain has a key or signature algorithm that
  jdk.certpath.disabledAlgorithms / jdk.tls.disabledAlgorithms refuse (MD2/MD5 signatures,
  RSA keys under 1024 bits). The harvested OpenJDK table reads today's wording as the weak
  key or signature; the old wording is read the same.
- Chrome's interstitial for ERR_SSL_WEAK_SERVER_EPHEMERAL_DH_KEY (-129, chromium
  net/base/net_error_list.h; chrome.py reads the name): its summary line "Server has a weak
  ephemeral Diffie-Hellman public key" (Chrome 45-56; DHE suites were removed in Chrome 57,
  and the string is absent from Chromium 156.0.8078.114 locales/en-US.pak, checked).
- curl's text for CURLE_SSL_CACERT_BADFILE (77): "Problem with the SSL CA cert (path?
  access rights?)" (curl/curl lib/strerror.c @ 5c61e168698a72b87437d58ed728bcdea6d5db42,
  curl_easy_strerror), which libcurl's bindings (R's curl, PHP, pycurl) print without
  "curl: (77)": the client's CA bundle path cannot be read. Read at the exit number's tier
  (curl.py's "curl: (77)"): a verify failure printed beside it says more.
- curl's "Unsupported SSL protocol version" (curl/curl lib/ssluse.c @
  65e556d0ce1d788ce5649145b44cad836114dca8, ossl_connect_step1; lib/vtls/*.c until
  f43b7b6cb6724792b9680dd6d744648b4a7e5b59, 2016): the default case of the switch on
  CURLOPT_SSLVERSION, reached when the program asked for TLS 1.1 or 1.2 and this curl's
  OpenSSL is older than 1.0.1 (the cases are compiled only for 1.0.1 and later), or asked
  for a version this curl does not know. Printed before anything is sent (CURLE_SSL_CONNECT_
  ERROR, 35): the client's outdated TLS library first, the version the two sides cannot
  share second.
- hyper-rustls' "no native root CA certificates found (errors: [...])" (rustls/hyper-rustls
  src/config.rs @ fadbc9e0c4c816c2bd7c9d20a6c2bc03141ca736, ConfigBuilderExt::
  with_native_roots): rustls-native-certs found no certificate in the platform's store
  (Android has none it can read, a container without ca-certificates), so the client has no
  trust store at all.
"""

from __future__ import annotations

from . import CATEGORY, REASON, Pattern, Row, sourced_table
from .judgement.openssl import SSL_REASONS

_VERIFY_FAILED = ("openssl/openssl crypto/err/openssl.txt @ "
                  "51ea949dc1436e865935b47874b21a3bb31a102e (SSL_R_CERTIFICATE_VERIFY_FAILED "
                  "\"certificate verify failed\"); python/cpython Modules/_ssl.c @ v3.11.7 "
                  "(fill_and_set_sslerror)")
_GO_IP = ("golang/go src/crypto/x509/verify.go (HostnameError.Error: \"x509: cannot validate "
          "certificate for %s because it doesn't contain any IP SANs\", an IP host only)")
_JDK = ("JetBrains/jdk8u_jdk src/share/classes/sun/security/ssl/SSLContextImpl.java @ "
        "94318f9185757cc33d2b8d527d36be26ac6b7582 (AbstractTrustManagerWrapper."
        "checkAlgorithmConstraints; \"does\" before 5ffd4ed49f30)")
_CHROME_DH = ("chromium net/base/net_error_list.h (ERR_SSL_WEAK_SERVER_EPHEMERAL_DH_KEY, -129); "
              "its interstitial's summary, Chrome 45-56")
_CURL_77 = ("curl/curl lib/strerror.c @ 5c61e168698a72b87437d58ed728bcdea6d5db42 "
            "(CURLE_SSL_CACERT_BADFILE)")
_CURL_VERSION = ("curl/curl lib/ssluse.c @ 65e556d0ce1d788ce5649145b44cad836114dca8 "
                 "(ossl_connect_step1, the CURLOPT_SSLVERSION switch's default case; removed "
                 "in f43b7b6cb6724792b9680dd6d744648b4a7e5b59)")
_HYPER_RUSTLS = ("rustls/hyper-rustls src/config.rs @ fadbc9e0c4c816c2bd7c9d20a6c2bc03141ca736 "
                 "(ConfigBuilderExt::with_native_roots)")

_ROWS: list[tuple[str, Row]] = [
    # Not where a verify result follows (": reason", "(reason)"): the tables read those
    ("openssl", (r"\bcertificate verify failed(?: \(_ssl\.c:\d{1,5}\))?(?=[ \t]{1,3}[A-Za-z])",
                 "OpenSSL: the peer's certificate chain failed verification (the verify "
                 "result not printed; the caller's words follow)",
                 SSL_REASONS["CERTIFICATE_VERIFY_FAILED"][0], CATEGORY, _VERIFY_FAILED,
                 "certificate verify failed")),
    ("go", (r"\b(?i:cannot) validate certificate for {1,2}because it doesn['’]?t contain any "
            r"IP SANs\b",
            "Go: the certificate names no IP address, and the client connected to an address "
            "(Go's host-name error, the address left out)",
            "hostname_mismatch:.9 client_misconfiguration:.1", REASON, _GO_IP,
            "contain any ip sans")),
    # The harvested table reads today's "do not" (judgement/java.py); JDK 7/8 said "does"
    ("java", (r"\bCertificates does not conform to algorithm constraints\b",
              "Java: a certificate of the peer's chain uses a key or signature algorithm this "
              "JDK's disabled-algorithm policy refuses (JDK 7/8's wording)",
              "weak_signature_or_key:1", REASON, _JDK, "does not conform to algorithm")),
    ("chrome", (r"\bServer has a weak ephemeral Diffie-Hellman public key\b",
                "Chrome: the server's ephemeral Diffie-Hellman key is too weak "
                "(ERR_SSL_WEAK_SERVER_EPHEMERAL_DH_KEY)", "weak_cipher_or_no_pfs:1", REASON,
                _CHROME_DH, "weak ephemeral diffie-hellman public key")),
    ("curl", (r"\bProblem with the SSL CA cert \(path\? access rights\?\)",
              "curl (77, CURLE_SSL_CACERT_BADFILE): the CA certificate file or directory "
              "cannot be read", "client_misconfiguration:1", CATEGORY, _CURL_77,
              "problem with the ssl ca cert")),
    ("curl", (r"\bUnsupported SSL protocol version\b",
              "curl: the TLS version the program asked for (CURLOPT_SSLVERSION) is one this "
              "curl's TLS library cannot do (OpenSSL older than 1.0.1 for TLS 1.1/1.2)",
              "client_misconfiguration:.55 protocol_version_mismatch:.45", REASON, _CURL_VERSION,
              "unsupported ssl protocol version")),
    ("rustls", (r"\bno native root CA certificates found\b",
                "hyper-rustls: the platform's certificate store gave no root certificate, so "
                "the client has no CA to trust", "client_misconfiguration:1", REASON,
                _HYPER_RUSTLS, "no native root ca certificates found")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r28", [(source, "client", row)
                                                      for source, row in _ROWS])
