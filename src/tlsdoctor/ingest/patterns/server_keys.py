"""A server that has no certificate or key to serve (round 13, ex-peer).

The server's own key selection found nothing, so it refused every client: its
configuration, not the client's offer. Each stack says so in its own words; where the same
words also fit a real suite mismatch (JSSE's "no cipher suites in common"), they stay a
ranking (judgement/java.py) and the key manager's lines printed before them decide.

Wordings, exact, with their sources:
- JSSE (Temurin 25 src.zip, java.base/sun/security/ssl): X509Authentication.java debug
  "No X.509 cert selected for <keyType>" (the server's X509KeyManager returned no alias for
  that key type), then ServerHello.java "no cipher suites in common" (TLS 1.2) or
  CertificateMessage.java "No available authentication scheme" (TLS 1.3). A server's own
  X509KeyManager logs its refusal in its words (opal's "UnitKeyManager - No appropriate
  key pair found", "chooseEngineServerAlias(RSA, null)"): "no ... key pair/key/alias
  found" beside a key manager's name.
- Go crypto/tls common.go @ go1.19.8: "tls: no certificates configured" (a tls.Config
  without Certificates, GetCertificate or NameToCertificate).
- rustls server/hs.rs @ v/0.21.0: "no server certificate chain resolved" (the
  ResolvesServerCert returned None).
- .NET Strings.resx net_ssl_io_no_server_cert, GnuTLS's "Insufficient credentials" and
  OpenSSL's own "no certificate assigned" are read by their tables already.

The JSSE row needs the key manager's words *and* the refusal in one text (joined across
lines, like s_client's verify lines in openssl.py): "No X.509 cert selected for EC" alone is
ordinary in a working handshake's debug log (the server tries each key type).
"""

from __future__ import annotations

from . import REASON, table

_KEYMANAGER = (r"(?:No X\.509 cert selected for \w{1,12}|\bNo (?:appropriate|suitable|matching) "
               r"(?:key ?pair|private key|key|alias|certificate)s? (?:was )?found|"
               r"choose(?:Engine)?ServerAlias\([^)\n]{0,40}\)[^\n]{0,20}?\bnull\b)")
_REFUSAL = r"(?:no cipher suites in common|No available authentication scheme)"

PATTERNS = table("server_keys", "see module docstring", [
    (rf"{_KEYMANAGER}[^\n]{{0,3000}}?{_REFUSAL}",
     "the Java server's key manager found no key pair to serve, so no cipher suite was "
     "usable: the server's keystore (a PrivateKeyEntry of the right type, its alias)",
     "server_misconfiguration:.85 cipher_suite_mismatch:.15", REASON + 1,
     "Temurin 25 java.base/sun/security/ssl/X509Authentication.java, ServerHello.java, "
     "CertificateMessage.java", "o"),
    (r"\btls: no certificates configured\b",
     "the Go server has no certificate configured (tls.Config without Certificates or "
     "GetCertificate)", "server_misconfiguration:1", REASON + 1,
     "Go crypto/tls common.go @ go1.19.8", "no certificates configured"),
    (r"\bno server certificate chain resolved\b",
     "the rustls server's certificate resolver returned no certificate for this client",
     "server_misconfiguration:.9 sni_required_or_mismatch:.1", REASON + 1,
     "rustls rustls/src/server/hs.rs @ v/0.21.0", "certificate chain resolved"),
])
