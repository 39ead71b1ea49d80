"""Round 26: holdout34's and holdout35's classes, each from the printing program's own words.

- A verifier that names the certificate's weak key or weak signature (chromium
  net/base/net_error_list.h: CERT_WEAK_KEY -211 "The server responded with a certificate that
  contains a weak key (e.g. a too-small RSA key)", CERT_WEAK_SIGNATURE_ALGORITHM -208;
  openssl/openssl crypto/x509/x509_txt.c @ 51ea949dc143 "EE certificate key too weak", "CA
  certificate key too weak", "CA signature digest algorithm too weak") says what it refused:
  the key or the signature, whoever issued the certificate. A TLS-inspection product's name
  printed beside it (patterns/interception.py, REASON + 1: "the name says whose chain it
  is") names the issuer that minted the weak certificate, not a second fault; so these
  verdicts stand one tier above that name (REASON + 2), with the reading their own tables
  give them (chrome.py, judgement/openssl.py: weak_signature_or_key).
"""

from __future__ import annotations

from . import REASON, Pattern, Row, sourced_table

_CHROME = "chromium net/base/net_error_list.h (CERT_WEAK_KEY -211, CERT_WEAK_SIGNATURE_ALGORITHM -208)"
_OPENSSL = "openssl/openssl crypto/x509/x509_txt.c @ 51ea949dc143 (openssl-3.0.21)"

_ROWS: list[tuple[str, str, Row]] = [
    ("chrome", "client", (r"\bERR_CERT_WEAK_(?:KEY|SIGNATURE_ALGORITHM)\b",
                          "Chrome: the server's certificate has a weak key or a weak signature "
                          "algorithm (whoever issued it, an inspecting proxy included)",
                          "weak_signature_or_key:1", REASON + 2,
                          _CHROME, "err_cert_weak_")),
    ("openssl", "", (r"\b(?:EE|CA) certificate key too weak\b",
                     "OpenSSL: a certificate's key is below the security level "
                     "(X509_V_ERR_EE_KEY_TOO_SMALL / X509_V_ERR_CA_KEY_TOO_SMALL)",
                     "weak_signature_or_key:1", REASON + 2,
                     _OPENSSL, "certificate key too weak")),
    ("openssl", "", (r"\bCA signature digest algorithm too weak\b",
                     "OpenSSL: a certificate is signed with a digest below the security level "
                     "(X509_V_ERR_CA_MD_TOO_WEAK)",
                     "weak_signature_or_key:1", REASON + 2,
                     _OPENSSL, "ca signature digest algorithm too weak")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r26d", _ROWS)
