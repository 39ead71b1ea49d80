"""The client's own CA store: not loadable at all, or holding another CA of the issuer's name.

Two wordings every stack has and none of them says with the words "your trust store":

1. **No usable store.** The client found no CA certificates to verify with: a container
   image without ``ca-certificates``, a CA variable or option naming a file that is not
   there, an empty Java trust store, a self-built OpenSSL whose directory is empty. Nothing
   about the server is known yet, so the client's configuration is certain.
2. **A CA of the issuer's name, but another key.** The verifier found a CA whose subject is
   the certificate's issuer, and the signature did not verify with its key: the CA file
   this client was given (a kubeconfig's ``certificate-authority-data``, ``--cacert``, a
   trust store entry) is an older CA of the same name (a cluster or private CA re-created
   since), or the server sent an intermediate of that name that did not sign its leaf.
   Measured here on 127.0.0.1 (tests/ingest/test_castore_class.py): a client given CA1
   "kubernetes" against a server whose leaf CA2 "kubernetes" signed. Go prints its
   candidate hint; Java "Path does not chain with any of the trust anchors" (the leaf
   names its issuer's key) or "signature check failed" (it does not); OpenSSL's clients
   "certificate signature failure" when the leaf names no issuer key (with one they
   report "unable to get local issuer certificate": not told apart from any other
   unknown issuer, and left to the trust-context reading); GnuTLS "The signature in the
   certificate is invalid". Dev: 2 of 2 Go threads with the hint and a private name were
   the client's CA (kubectl's stale kubeconfig, Filebeat given another Logstash CA).

Sources (exact strings): Go src/crypto/x509/verify.go (SystemRootsError,
UnknownAuthorityError, go1.19.8) and root_windows.go before Go 1.18; OpenJDK
java.security.cert.PKIXParameters ("the trustAnchors parameter must be non-empty"),
sun.security.provider.certpath.PKIXCertPathValidator / BasicChecker (jdk-17+35);
psf/requests src/requests/adapters.py cert_verify (v2.31.0); php-src ext/openssl/xp_ssl.c
(PHP-8.2); OpenSSL crypto/bio/bio_err.c and crypto/err/openssl.txt (BIO_R_NO_SUCH_FILE:
1.1.1 "error:2006D080:BIO routines:BIO_new_file:no such file", 3.0 "error:10000080:BIO
routines::no such file"), crypto/x509/x509_txt.c (X509_V_ERR_CERT_SIGNATURE_FAILURE);
GnuTLS lib/errors.c / lib/cert-session.c ("The signature in the certificate is invalid.").
"""

from __future__ import annotations

from . import REASON, causes, table
from .judgement._common import STALE_CA

# A client with no CA to verify with: its own configuration, whatever the server.
_NO_STORE = "client_misconfiguration:.9"
NO_STORE_ROWS: tuple[tuple[str, str, str], ...] = (
    (r"\bx509: failed to load system roots and no roots provided\b",
     "Go found no system CA certificates and was given none (an image without "
     "ca-certificates, SSL_CERT_FILE/SSL_CERT_DIR pointing at nothing readable)",
     "Go src/crypto/x509/verify.go (SystemRootsError)"),
    (r"\bcrypto/x509: system root pool is not available on Windows\b",
     "this Go (before 1.18) cannot use the Windows system store: it needs a CA file given",
     "Go src/crypto/x509/root_windows.go (go1.17)"),
    (r"\bthe trustAnchors parameter must be non-empty\b",
     "Java's trust store is empty or missing (javax.net.ssl.trustStore, a broken cacerts)",
     "OpenJDK java.security.cert.PKIXParameters.setTrustAnchors"),
    (r"\bCould not find a suitable TLS CA certificate bundle, invalid path: ",
     "requests (pip, the AWS/Azure CLIs...) was pointed at a CA bundle that is not there "
     "(REQUESTS_CA_BUNDLE, CURL_CA_BUNDLE, verify=, --cert)",
     "psf/requests src/requests/adapters.py (HTTPAdapter.cert_verify)"),
    (r"\bError setting the x509 trust file: ",
     "gnutls-cli could not read the CA file it was given (--x509cafile)",
     "GnuTLS src/cli.c"),
    (r"\bfailed loading cafile stream: ",
     "PHP could not read the CA file it was told to use (openssl.cafile, the cafile "
     "stream context option)", "php-src ext/openssl/xp_ssl.c"),
)

# OpenSSL could not open a file: the CA file or directory a client was given (or, in a
# server's log, its own certificate): the printer's own material (messages._own_material
# gives the larger share to whoever printed it).
_FILE = "client_misconfiguration:.6 server_misconfiguration:.4"
_NO_SUCH_FILE = (r"\berror:(?:2006D080|10000080):BIO routines:(?:BIO_new_file)?:"
                 r"no such file\b")

# Another CA of the issuer's name: this client's CA first, a wrong intermediate sent
# second, a new private CA the client was never given, a re-signing device copying the name.
STALE = STALE_CA
STALE_ROWS: tuple[tuple[str, str, str], ...] = (
    (r"\bpossibly because of \"(?:crypto/(?:rsa|ecdsa|ed25519): verification error|"
     r"x509: (?:ECDSA|Ed25519) verification failure)\" while trying to verify candidate "
     r"authority certificate",
     "Go found a CA of the issuer's name, but its key did not sign this certificate: the CA "
     "this client was given (a kubeconfig's certificate-authority-data, a CA file) is "
     "another CA of that name, or the server sent a wrong intermediate",
     "Go src/crypto/x509/verify.go (UnknownAuthorityError hint)"),
    (r"\bPath does not chain with any of the trust anchors\b",
     "Java has a trust anchor of the issuer's name whose key did not sign the chain: this "
     "trust store holds another CA of that name",
     "OpenJDK sun.security.provider.certpath.PKIXCertPathValidator"),
    (r"\bCertPathValidatorException: signature check failed\b|"
     r"\bSignatureException: Signature does not match\b",
     "Java found the issuer by name but its signature did not verify: another CA of that "
     "name in the trust store, or a wrong intermediate sent",
     "OpenJDK sun.security.provider.certpath.BasicChecker"),
    (r"\bcertificate signature failure\b|(?<![A-Za-z0-9_])(?:X509_V_ERR_)?"
     r"CERT_SIGNATURE_FAILURE\b",
     "OpenSSL CERT_SIGNATURE_FAILURE (7): the issuer found by name did not sign it: "
     "another CA of that name in this client's CA file, or a wrong intermediate sent",
     "OpenSSL crypto/x509/x509_txt.c (X509_V_ERR_CERT_SIGNATURE_FAILURE, 7)"),
    # OpenSSL 3 as curl 7.88 and PHP streams print the same failure (the RSA check of the
    # issuer's signature, measured here): a ranking like the others.
    (r"\berror:0200008A:rsa routines::invalid padding\b",
     "an RSA signature did not verify with the key expected (most often: a CA of the "
     "issuer's name in this client's CA file that did not sign the certificate)",
     "OpenSSL crypto/rsa/rsa_err.c (RSA_R_INVALID_PADDING), as curl and PHP print it"),
    (r"\bThe signature in the certificate is invalid\b",
     "GnuTLS found the issuer but its signature did not verify: another CA of that name "
     "in the trust file, or a wrong intermediate sent",
     "GnuTLS lib/cert-session.c (GNUTLS_CERT_SIGNATURE_FAILURE)"),
    (r"\berrors in the certificate chain: NotSignatureValid\b|"
     r"(?:ChainStatus[^\n]{0,40}|\bstatus: )NotSignatureValid\b",
     ".NET: a certificate's signature did not verify with its issuer's key: another CA "
     "of that name in the store, or a wrong intermediate sent",
     "dotnet/runtime X509ChainStatusFlags.NotSignatureValid"),
)

PATTERNS = table("castore", "the client's CA store (see module docstring)", [
    *[(rx, meaning, _NO_STORE, REASON + 1, src)
      for rx, meaning, src in NO_STORE_ROWS],
    (_NO_SUCH_FILE, "OpenSSL could not open a certificate file it was given: for a client, "
     "the CA file or directory it verifies with (or its own certificate)", _FILE, REASON,
     "OpenSSL crypto/bio/bio_err.c (BIO_R_NO_SUCH_FILE)"),
    # OpenSSL 3's loader as Ruby's Net::HTTP (ca_file=) and others print it.
    (r"\bSSL_CTX_load_verify_(?:file|dir|store|locations): system lib\b",
     "OpenSSL could not read the CA file or directory it was given", _FILE, REASON,
     "OpenSSL ssl/ssl_lib.c (SSL_CTX_load_verify_file), as ruby/openssl prints it"),
    *[(rx, meaning, STALE, REASON + 1, src) for rx, meaning, src in STALE_ROWS],
])

# Which of the table's patterns say "another CA of the issuer's name" (fixes/trust_text.py
# gives them the steps that compare the CA file with the issuer; the others, no store).
STALE_IDS = frozenset(p.id for p in PATTERNS if p.causes == causes(STALE))
# Round 17: Java's empty or missing trust store, whose steps follow the store the text shows
# given (ingest/given_store.py, messages._given_store).
JAVA_NO_STORE_IDS = frozenset(p.id for p in PATTERNS if "trustAnchors" in p.rx)
