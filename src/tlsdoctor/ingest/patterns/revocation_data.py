"""The verifier's own revocation data: a CRL that is stale, not yet valid, missing or
badly signed (round 13, ex-peer).

A CRL is material the *verifying* side was given, not something its peer sent. OpenSSL
never fetches one: the application loads it from its own configuration (OpenVPN
`crl-verify`, nginx `ssl_crl`, Apache `SSLCARevocationFile`, HAProxy `crl-file`, s_client
`-CRL`); so do mbedTLS (mbedtls_ssl_conf_ca_chain's crl), GnuTLS
(gnutls_certificate_set_x509_crl_file), wolfSSL (wolfSSL_LoadCRL) and NSS (a CRL imported
into the client's database). So "CRL has expired" in a server's log is the server's own
configuration (the CRL file's nextUpdate has passed: easy-rsa's default crl-days is 180), not
the client's certificate; in a client's output it is the client's. A verification failure
in a server's log otherwise reads as the client's certificate (messages._as_server, and a
server product's own verify line: nginx's "client SSL certificate verify error", Apache's
AH02276 at REASON + 1): these rows say the opposite on purpose, above those readings
(REASON + 2), and the error number the product prints is the same verify result.

Wordings, exact (their upstream entries in upstream/<source>.json carry the commits):
OpenSSL crypto/x509/x509_txt.c (OpenSSL_1_0_2u e818b74be217 .. openssl-3.0.21) and Squid's
copy of it; NSS lib/util/SECerrs.h @ 9d75dfde2e79 (and Firefox's pages); mbedTLS
library/x509_crt.c @ v2.28.10 2fc8413bfcb5, v3.6.6; Apple Security base/SecBase.h @ db15acbe6a7f; wolfSSL wolfcrypt/error-crypt.h @
00368d1cc460, error-ssl.h @ c3fefc6e27e1.

Not in the class: GnuTLS's GNUTLS_CERT_REVOCATION_DATA_SUPERSEDED / _ISSUED_IN_FUTURE ("The
revocation or OCSP data are old ...", lib/cert-cred.c @ f8971291ba0b) cover a stapled OCSP
response too, which is the *server's* material on a client: their own table's reading stays.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, Row, causes, table

SRC = "see module docstring (OpenSSL x509_txt.c, NSS SECerrs.h, mbedTLS, GnuTLS, Apple, wolfSSL)"

# A client's reading: its own CRL, or (for dates) its clock.
_CLIENT_DATES = "client_misconfiguration:.7 client_clock_wrong:.3"
_CLIENT_OTHER = "client_misconfiguration:.9 cert_revoked:.1"
# A server's reading: its own configuration (the CRL file it was given, or its clock).
_SERVER = "server_misconfiguration:.9 client_cert_required:.1"
_MEANING = ("the verifier's own certificate revocation list (CRL) {what}: revocation data "
            "this side was configured with, not a fault of the peer's certificate")

_DATES: list[Row] = [
    (r"\bCRL has expired\b|(?-i:CRL_HAS_EXPIRED)\b|\bThe CRL (?:has expired|is expired)\b|"
     r"\bCRL for the certificate.s issuer has expired\b|(?-i:SEC_ERROR_CRL_EXPIRED)\b|"
     r"(?-i:BADCRL_EXPIRED)\b|\berrSecCRLExpired\b",
     _MEANING.format(what="has expired (its nextUpdate has passed)"), _CLIENT_DATES),
    (r"\bCRL is not yet valid\b|(?-i:CRL_NOT_YET_VALID)\b|\bThe CRL is from the future\b|"
     r"\bcertificate revocation list for this certificate is not yet valid\b|"
     r"(?-i:BADCRL_FUTURE)\b|\berrSecCRLNotValidYet\b|\bCRL date error\b|(?-i:CRL_CERT_DATE_ERR)\b",
     _MEANING.format(what="is dated in the future or out of its dates"), _CLIENT_DATES),
]
_OTHER: list[Row] = [
    (r"\bunable to get certificate CRL\b|(?-i:UNABLE_TO_GET_CRL)\b|\b(?-i:CRL Not loaded)\b|"
     r"(?-i:CRL_MISSING)\b",
     _MEANING.format(what="is missing for this issuer"), _CLIENT_OTHER),
    (r"\bCRL signature failure\b|\bunable to decrypt CRL.s signature\b|"
     r"\bunable to get CRL issuer certificate\b|(?-i:CRL_SIGNATURE_FAILURE)\b|"
     r"\bCRL for the certificate.s issuer has an invalid signature\b|"
     r"(?-i:SEC_ERROR_CRL_BAD_SIGNATURE)\b|\bCRL is not correctly signed by the trusted CA\b|"
     r"(?-i:BADCRL_NOT_TRUSTED)\b|\berrSecCRLNotTrusted\b|\bThe CRL is not trusted\b|"
     r"\bASN CRL (?:signature confirm|no signer to confirm) failure\b",
     _MEANING.format(what="cannot be verified (signature or issuer)"), _CLIENT_OTHER),
    (r"\bformat error in CRL.s (?:lastUpdate|nextUpdate) field\b",
     _MEANING.format(what="has a malformed date field"), _CLIENT_OTHER),
]

# The verify result's number when a program prints one before the words (s_client's
# "verify error:num=12:", nginx's "(12:", Apache's "Error (12): "), kept in the meaning.
_NUM = r"(?P<num>num=\d{1,3}:|\(\d{1,3}:|Error \(\d{1,3}\): )?"


def _said(row: Row) -> Row:
    rx, meaning, cs = row[0], row[1], row[2]
    return (rf"{_NUM}(?P<said>{rx})", meaning + " (printed: {num}{said})", cs)


# Every wording above names the CRL: "crl" in each alternative but one, which says
# "certificate revocation list". The optional number prefix hides that from table(), which
# left the rows tried on every text (round 27: 13-43 ms each per 200 KB); given here, they are
# tried only when one of the two is in the text. Exact: c, r, l, e, v and o match only
# themselves, in either case (test_number_keys.py).
NEEDLES = ("crl", "revoc")

PATTERNS = tuple(replace(p, server_causes=causes(_SERVER), id=f"revocation.{i}",
                         needles=NEEDLES)
                 for i, p in enumerate(table("revocation", SRC,
                                             [_said(r) for r in (*_DATES, *_OTHER)],
                                             spec=REASON + 2)))
