"""Java JSSE and PKIX (OpenJDK java.base: sun/security/ssl/*.java, sun/security/
provider/certpath/*.java, sun/security/util/HostnameChecker.java, sun/security/validator).
"""

from __future__ import annotations

from . import CATEGORY, GENERIC, REASON, SPECIFIC, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES, TIMEOUT_CAUSES

_PKIX = ("cert_untrusted_root:.4 incomplete_chain:.3 cert_self_signed:.15 "
         "tls_interception_mitm:.15")
_HS = ("cipher_suite_mismatch:.3 protocol_version_mismatch:.3 client_cert_required:.15 "
       "middlebox_or_firewall_interference:.15 sni_required_or_mismatch:.1")

_HAND = table("java", "OpenJDK java.base sun/security/ssl", [
    # A timeout the program set (setReadTimeout / setConnectTimeout) ran out: no answer.
    (r"\bjava\.net\.SocketTimeoutException: (?:Read|Connect) timed out\b",
     "Java gave up waiting for the server (a read or connect timeout ran out): nothing "
     "answered", TIMEOUT_CAUSES, CATEGORY,
     "OpenJDK java.base sun/nio/ch/NioSocketImpl.java (\"Read timed out\", "
     "\"Connect timed out\")", "sockettimeoutexception"),
    (r"\bPKIX path building failed\b", "Java found no chain from the certificate to a root in "
     "its trust store (cacerts)", _PKIX, SPECIFIC, "OpenJDK sun/security/validator/PKIXValidator.java"),
    (r"\bunable to find valid certification path to requested target\b",
     "Java found no chain to a trusted root", _PKIX, SPECIFIC,
     "OpenJDK sun/security/provider/certpath/SunCertPathBuilder.java"),
    (r"\bPKIX path validation failed\b", "Java built a chain but it did not validate",
     "cert_expired:.3 cert_revoked:.2 cert_wrong_purpose:.2 weak_signature_or_key:.15 "
     "cert_not_yet_valid:.15", CATEGORY, "OpenJDK sun/security/validator/PKIXValidator.java"),
    (r"\bvalidity check failed\b", "a certificate in the chain is outside its validity period",
     "cert_expired:.6 cert_not_yet_valid:.2 client_clock_wrong:.2", SPECIFIC,
     "OpenJDK sun/security/provider/certpath/BasicChecker.java"),
    (r"\bCertificateExpiredException\b", "a certificate in the chain has expired",
     "cert_expired:.85 client_clock_wrong:.15", REASON, "OpenJDK java/security/cert"),
    (r"\bCertificateNotYetValidException\b", "a certificate in the chain is not valid yet",
     NOT_YET_CAUSES, REASON, "OpenJDK java/security/cert"),
    (r"\bCertificateRevokedException\b|\bCertificate has been revoked\b",
     "a certificate in the chain is revoked", "cert_revoked:1", REASON,
     "OpenJDK java/security/cert/CertificateRevokedException.java"),
    (r"\bNo subject alternative DNS name matching (?P<host>[^\s]{1,253}) found",
     "the certificate does not list {host} in its subjectAltName", "hostname_mismatch:1",
     REASON, "OpenJDK sun/security/util/HostnameChecker.java"),
    (r"\bNo subject alternative names matching IP address (?P<host>[^\s]{1,64}) found",
     "the certificate does not list the address {host}", "hostname_mismatch:1", REASON,
     "OpenJDK sun/security/util/HostnameChecker.java"),
    (r"\bNo subject alternative names present\b",
     "the certificate has no subjectAltName at all (only a CN, which Java ignores for IPs)",
     "hostname_mismatch:1", REASON, "OpenJDK sun/security/util/HostnameChecker.java"),
    (r"\bNo name matching (?P<host>[^\s]{1,253}) found",
     "the certificate's name does not match {host}", "hostname_mismatch:1", REASON,
     "OpenJDK sun/security/util/HostnameChecker.java"),
    # Quoted with or without its parenthesis ("... SSLHandshakeException: No appropriate protocol").
    (r"\bNo appropriate protocol\b",
     "Java has no enabled protocol version (or suite) that fits: TLS 1.0/1.1 are disabled in "
     "java.security (jdk.tls.disabledAlgorithms)",
     "protocol_version_mismatch:.5 client_misconfiguration:.4 cipher_suite_mismatch:.1",
     REASON, "OpenJDK sun/security/ssl/HandshakeContext.java"),
    (r"\bThe server selected protocol version (?P<v>\w{2,8}) is not accepted by client preferences",
     "the server chose {v}, which this Java client does not allow",
     "protocol_version_mismatch:.7 client_misconfiguration:.3", REASON,
     "OpenJDK sun/security/ssl/ServerHello.java"),
    (r"\bClient requested protocol (?P<v>\S{2,10}) is not enabled or supported in server context",
     "the client asked for {v}, which this Java server does not enable",
     "protocol_version_mismatch:1", REASON, "OpenJDK sun/security/ssl/ClientHello.java"),
    # Round 13: a ranking, as judgement/java.py says (the server's key manager or the suites).
    (r"\bno cipher suites in common\b", "the Java server found no cipher suite it could use: "
     "none shared with the client, or no key in its keystore for the shared ones",
     "cipher_suite_mismatch:.55 server_misconfiguration:.45", REASON,
     "OpenJDK sun/security/ssl/ServerHello.java"),
    (r"\bEmpty client certificate chain\b|\bEmpty server certificate chain\b",
     "a certificate was required and the peer sent none",
     "client_cert_required:.8 server_misconfiguration:.2", REASON,
     "OpenJDK sun/security/ssl/CertificateMessage.java"),
    (r"\bAlgorithm constraints check failed on (?:signature algorithm|keysize limits|disabled algorithm)",
     "a certificate uses an algorithm or key size Java disables (jdk.certpath.disabledAlgorithms)",
     "weak_signature_or_key:.8 client_misconfiguration:.2", REASON,
     "OpenJDK sun/security/provider/certpath/AlgorithmChecker.java"),
    (r"\bDH ServerKeyExchange does not comply to algorithm constraints\b",
     "the server's DH parameters are too weak for Java", "weak_cipher_or_no_pfs:1", REASON,
     "OpenJDK sun/security/ssl/DHServerKeyExchange.java"),
    (r"\bCould not generate DH keypair\b", "old Java cannot handle the server's DH size",
     "client_misconfiguration:.5 weak_cipher_or_no_pfs:.5", REASON,
     "OpenJDK sun/security/ssl/DHKeyExchange.java"),
    (r"\bExtended key usage does not permit use for TLS (?:server|client) authentication",
     "the certificate's EKU does not allow TLS server use", "cert_wrong_purpose:1", REASON,
     "OpenJDK sun/security/validator/EndEntityChecker.java"),
    (r"\bKeyUsage does not allow (?:digital signatures|key encipherment)",
     "the certificate's keyUsage does not fit the key exchange", "cert_wrong_purpose:1", REASON,
     "OpenJDK sun/security/validator/EndEntityChecker.java"),
    (r"\bUnsupported or unrecognized SSL message\b",
     "the peer's reply is not TLS (plaintext on the port?)",
     "non_tls_service_on_port:.85 middlebox_or_firewall_interference:.15", REASON,
     "OpenJDK sun/security/ssl/SSLSocketInputRecord.java"),
    (r"\bRemote host terminated the handshake\b|\bRemote host closed connection during handshake\b",
     "the server closed the connection during the handshake, without an alert",
     "middlebox_or_firewall_interference:.35 protocol_version_mismatch:.25 "
     "sni_required_or_mismatch:.2 client_cert_required:.2", GENERIC,
     "OpenJDK sun/security/ssl/SSLSocketImpl.java"),
    (r"\b(?-i:Received fatal alert: (?P<alert>[a-z_]{3,40}))\b",
     "the server sent the fatal TLS alert {alert}", "", GENERIC,
     "OpenJDK sun/security/ssl/Alert.java"),
    # Java's class as spelled (case-sensitive): .NET's MailKit.Security.SslHandshakeException
    # is another library's, read by its own table (patterns/harvest27.py).
    (r"\b(?-i:SSLHandshakeException)\b", "the Java TLS handshake failed", _HS, GENERIC,
     "OpenJDK javax/net/ssl/SSLHandshakeException.java"),
    # JSSE's debug output (-Djavax.net.debug: CertificateRequest consumed, an empty
    # Certificate produced) dates a refusal: read by ingest/stage.py with every other
    # stack's trace (round 13, the stage).
    (r"\bno suitable certificate found - continuing without client authentication\b",
     "Java (JDK 8 debug log): the server asked for a client certificate and the key store "
     "had none that fits its request", "client_cert_required:.6", REASON + 1,
     "OpenJDK 8 sun/security/ssl/ClientHandshaker.java (debug output)"),
    (r"\bSSLPeerUnverifiedException\b|\bpeer not authenticated\b",
     "the peer's certificate was not verified", _PKIX, GENERIC,
     "OpenJDK javax/net/ssl/SSLPeerUnverifiedException.java"),
])

# Logstash's beats input, in its own log: its own certificate and key cannot be used
# (Elasticsearch's own words are harvested: upstream/elasticsearch.json).
_ELASTIC = table("elastic", "Elasticsearch / Logstash (Netty4HttpServerTransport, beats input)", [
    (r"\bLooks like you either have (?:a bad certificate, )?an invalid key or your private "
     r"key was not in PKCS8 format\b",
     "Logstash's beats input cannot use its own certificate/key (unreadable, mismatched or "
     "not PKCS#8)", "server_misconfiguration:.9 client_misconfiguration:.1", REASON,
     "logstash-input-beats lib/logstash/inputs/beats.rb"),
    (r"\blogstash\.inputs\.beats\b[^\n]{0,120}\bfailed to set certificate and key\b",
     "Logstash's beats input could not load its certificate and key",
     "server_misconfiguration:.9 client_misconfiguration:.1", REASON,
     "logstash-input-beats (Netty SslContextBuilder)"),
])

# Upstream wording first (upstream/*.json, judged in judgement/), then the forms this
# program prints around it.
PATTERNS = upstream_patterns("java", "Java", side="client", as_source="java") + _HAND + _ELASTIC
