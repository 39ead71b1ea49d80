"""Eclipse Jetty's SslContextFactory, KeyStoreScanner and CertificateUtils (jetty/
jetty.project jetty-util org/eclipse/jetty/util/ssl and util/security; 12.x HEAD, 9.4, 9.3).

Read from the code that raises each: "KeyStore Path not accessible: P" / "TrustStore Path
not accessible: P" are SslContextFactory's doStart checks of its configured files, "no valid
keystore" CertificateUtils.getKeyStore finding none, the KeyStoreScanner's messages its hot
reload of the same file. SslContextFactory.Server is a Jetty server's, SslContextFactory.Client
its HttpClient's: the server first (most threads are a Jetty server's connector).
"No SNI Key managers when SNI is required" is a server with sniRequired and no certificate
for the name; "KeyStores with multiple certificates are not supported on the base class"
Jetty 10+'s base SslContextFactory given a multi-certificate store (use .Server).
"""

from __future__ import annotations

_FILES = "server_misconfiguration:.75 client_misconfiguration:.25 | reason"

JUDGE = {
    "KeyStore Path not accessible: %s": _FILES,
    "TrustStore Path not accessible: %s": _FILES,
    "no valid keystore": _FILES,
    "keystore file does not exist": _FILES,
    "expected keystore file not directory": _FILES,
    "could not obtain keystore file": _FILES,
    "error obtaining keystore dir": _FILES,
    "SslContextFactory reload failed": _FILES,
    "No SNI Key managers when SNI is required":
        "server_misconfiguration:.6 sni_required_or_mismatch:.4 | reason",
    "KeyStores with multiple certificates are not supported on the base class %s. (Use %s or "
    "%s instead)%s": "server_misconfiguration:1 | reason",
}

RULES = (
    (r".", "not_tls", "lifecycle states"),
)
