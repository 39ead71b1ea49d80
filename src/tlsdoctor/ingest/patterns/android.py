"""Android's TLS stack as apps print it: Conscrypt's trust manager and OkHttp (harvested,
upstream/android.json; judged in judgement/android.py).

Apps log the exception chain: "javax.net.ssl.SSLHandshakeException:
java.security.cert.CertPathValidatorException: Trust anchor for certification path not
found." or "javax.net.ssl.SSLHandshakeException: Chain validation failed", then "Caused
by:" lines with the wrapped exceptions; OkHttp's "javax.net.ssl.SSLPeerUnverifiedException:
Hostname api.example.com not verified:" follows with the certificate's names.
"""

from __future__ import annotations

from . import REASON, table
from .harvested import upstream_patterns
from .judgement._common import NOT_YET_CAUSES

# Conscrypt's own validity check prints both dates: the certificate's and the device's
# clock it compared them with ("Certificate not valid until X (compared to Y)"), which
# ingest/clock.py reads (a phone whose clock reset to 1970 or its build date).
_CONSCRYPT = "google/conscrypt common/src/main/java/org/conscrypt/OpenSSLX509Certificate.java"
_HAND = table("android", f"{_CONSCRYPT} @ 3869db7b83a5 (checkValidity)", [
    (r"\bCertificate not valid until [^()\n]{10,60}? \(compared to ",
     "Conscrypt: the certificate is not valid yet at the device's time",
     NOT_YET_CAUSES, REASON),
    (r"\bCertificate expired at [^()\n]{10,60}? \(compared to ",
     "Conscrypt: the certificate has expired at the device's time",
     "cert_expired:.85 client_clock_wrong:.15", REASON),
])

PATTERNS = (upstream_patterns("android", "Android (Conscrypt/OkHttp)")
            + upstream_patterns("android_nsc", "Android network security config") + _HAND)
