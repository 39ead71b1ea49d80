"""Android's TLS stack as apps print it: Conscrypt's trust manager and OkHttp (harvested,
upstream/android.json; judged in judgement/android.py).

Apps log the exception chain: "javax.net.ssl.SSLHandshakeException:
java.security.cert.CertPathValidatorException: Trust anchor for certification path not
found." or "javax.net.ssl.SSLHandshakeException: Chain validation failed", then "Caused
by:" lines with the wrapped exceptions; OkHttp's "javax.net.ssl.SSLPeerUnverifiedException:
Hostname api.example.com not verified:" follows with the certificate's names.
"""

from __future__ import annotations

from .harvested import upstream_patterns

PATTERNS = upstream_patterns("android", "Android (Conscrypt/OkHttp)")
