"""lychee (lycheeverse/lychee lychee-lib/src/utils/reqwest.rs): the link checker's own
sentence for a failed request, chosen by a keyword of reqwest's error chain and printed after
the link ("[ERROR] <url> | <sentence>") or inside "Network error: <sentence> (<error>)".

Each sentence is as specific as its keyword: "expired" or rustls's NotValidAtThisTime (a
date outside the validity period, either side of it), "hostname" or NotValidForName, "self
signed", UnknownIssuer or "not trusted" (an untrusted chain of any kind), OpenSSL's bare
"verify failed" (no reason), any other certificate word, any handshake word, OpenSSL's
"protocol version". lychee is a client: its options are --insecure, --min-tls.
"""

from __future__ import annotations

from . import _common as common

JUDGE = {
    # its words hold SecureTransport's "SSL certificate expired" (curl's table): at that
    # tier, so that the longer sentence, lychee's, is the one read
    "SSL certificate expired. Site needs to renew certificate": common.EXPIRED,
    "SSL certificate hostname mismatch. Check URL spelling": common.HOSTNAME,
    # "self signed", UnknownIssuer, "not trusted": an untrusted chain, which kind unsaid
    "SSL certificate not trusted. Use --insecure if site is trusted": common.UNTRUSTED
                                                                      + " | reason",
    "SSL certificate verification failed. Check certificate validity": common.CERT_ANY
                                                                       + " | category",
    "SSL certificate error. Check certificate validity": common.CERT_ANY + " | generic",
    "TLS handshake failed. Check SSL/TLS configuration": common.HANDSHAKE,
    # reqwest's error said "protocol version": the alert or OpenSSL's unsupported protocol
    ("TLS protocol version mismatch. The client and server cannot agree on a TLS version. "
     "This is often due to outdated system TLS libraries or the server TLS settings."):
        common.VERSION_OR_CLIENT,
    # the wrapper: the sentence inside is read above, reqwest's error after it elsewhere
    "Network error: %s (%s)": "elsewhere",
}
