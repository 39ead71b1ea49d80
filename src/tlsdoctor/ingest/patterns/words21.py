"""Round 21: two clients' own certificate-refusal words, read from their source.

Android 2.x (Apache Harmony's JSSE as Android shipped it until 2.3): ``OpenSSLSocketImpl``
(aosp-mirror/platform_dalvik ``libcore/x-net/src/main/java/org/apache/harmony/xnet/provider/
jsse/OpenSSLSocketImpl.java`` @ 264952afbf3986a2af4c2fa6b8daaed04f34fee8, startHandshake)
wraps the trust manager's CertificateException for the server's chain as
``SSLException("Not trusted server certificate", e)``: the words of a chain the device's
store does not reach (a CA the old store lacks, a missing intermediate, a private CA,
interception), like Conscrypt's later "Trust anchor for certification path not found."
(judgement/android.py NO_ANCHOR), but the old trust manager raised the same words for an
expired certificate too.

SABnzbd (sabnzbd/sabnzbd ``sabnzbd/newswrapper.py``, NewsWrapper error(); the inner words
until d9aa42dc31391c8dc6e4b2aa4738bd47b5299f95^, today's at
5f933ddc2101b9526240e9aba9e178b3880b6415): a certificate error talking to a Usenet server is
logged as "Server %s uses an untrusted certificate [%s]", the brackets holding its own words
in place of Python's: "Certificate hostname mismatch: the server hostname is not listed in
the certificate. This is a server issue." for a name mismatch, and for any other verify
failure "Certificate not valid. This is most probably a server issue." (to 4.4), "Certificate
could not be validated. This could be a server issue or due to a locally injected
certificate (for example by firewall or virus scanner)." (since). The servers are public
Usenet providers with public certificates, and the program's own comment names the common
case ("Allow those pesky virus-scanners to inject their scanning certificates",
sabnzbd/newswrapper.py at d9aa42dc): an intercepting antivirus comes first, below 0.6.
"""

from __future__ import annotations

from . import CATEGORY, REASON, Pattern, table
from .judgement._common import HOSTNAME

_HARMONY = ("aosp-mirror/platform_dalvik libcore/x-net/src/main/java/org/apache/harmony/xnet/"
            "provider/jsse/OpenSSLSocketImpl.java @ 264952afbf3986a2af4c2fa6b8daaed04f34fee8")
_SABNZBD = ("sabnzbd/sabnzbd sabnzbd/newswrapper.py @ d9aa42dc31391c8dc6e4b2aa4738bd47b5299f95^ "
            "and @ 5f933ddc2101b9526240e9aba9e178b3880b6415")

_HARMONY_ROWS = [
    (r"\bSSLException: Not trusted server certificate\b",
     "Android 2.x (Harmony's OpenSSLSocketImpl): the trust manager refused the server's chain "
     "(a CA the device's old store lacks, a missing intermediate, a private CA, or an expired "
     "certificate)",
     "cert_untrusted_root:.35 incomplete_chain:.3 cert_self_signed:.1 "
     "tls_interception_mitm:.1 cert_expired:.15", CATEGORY),
]
_UNTRUSTED = r"\bServer [^\n\[\]]{1,260} uses an untrusted certificate \["
_INTERCEPTED = ("tls_interception_mitm:.4 cert_untrusted_root:.2 incomplete_chain:.2 "
                "cert_expired:.2")
_SABNZBD_ROWS = [
    (_UNTRUSTED + r"Certificate hostname mismatch: the server hostname is not listed in the "
     r"certificate\.",
     "SABnzbd: the Usenet server's certificate is not for the name configured",
     HOSTNAME.split(" | ")[0], REASON),
    (_UNTRUSTED + r"Certificate (?:not valid\. This is most probably a server issue|could not "
     r"be validated\. This could be a server issue or due to a locally injected certificate)",
     "SABnzbd: the Usenet server's certificate failed verification (its own words replace "
     "Python's \"certificate verify failed\"): most often an antivirus or firewall that "
     "re-signs TLS on this machine, else the server's chain or dates",
     _INTERCEPTED, CATEGORY),
]

PATTERNS: tuple[Pattern, ...] = (table("android_harmony", _HARMONY, _HARMONY_ROWS, side="client")
                                 + table("sabnzbd", _SABNZBD, _SABNZBD_ROWS, side="client"))
