"""OpenLDAP's libldap, the TLS client under ldapsearch/ldapwhoami, nslcd, sssd's LDAP
provider, PHP's and python-ldap's bindings: its own words around a failed handshake.

Strings from openldap/openldap libraries/libldap/tls_g.c, tls_o.c and tls2.c @ 5ffe12c065c0
(HEAD), OPENLDAP_REL_ENG_2_5_13 (79a915cf7d48) and OPENLDAP_REL_ENG_2_4_59 (b94042dc6160).
With GnuTLS, libldap prints gnutls_certificate_verify_peers2's status as a number, "TLS:
peer cert untrusted or revoked (0x%x)": each bit of it is one GnuTLS verification status
(lib/includes/gnutls/gnutls.h.in @ f8971291ba0b), read here with GnuTLS's own table
(judgement/gnutls.py), so 0x42 (INVALID | SIGNER_NOT_FOUND) is an unknown issuer and 0x402
an expired certificate. With OpenSSL, libldap prints OpenSSL's verify text itself
("additional info: error:0A000086:...:certificate verify failed (self-signed
certificate)"), which OpenSSL's table reads.
"""

from __future__ import annotations

from . import GENERIC, REASON, table
from .judgement import _common as common
from .judgement.gnutls import JUDGE as GNUTLS_JUDGE

_SRC = "openldap/openldap libraries/libldap/tls_g.c @ 5ffe12c065c0"

# gnutls_certificate_status_t: (name, bit). GNUTLS_CERT_INVALID (bit 1) is set with every
# other failure and says nothing itself.
STATUS_BITS = (
    ("GNUTLS_CERT_REVOKED", 5), ("GNUTLS_CERT_SIGNER_NOT_FOUND", 6),
    ("GNUTLS_CERT_SIGNER_NOT_CA", 7), ("GNUTLS_CERT_INSECURE_ALGORITHM", 8),
    ("GNUTLS_CERT_NOT_ACTIVATED", 9), ("GNUTLS_CERT_EXPIRED", 10),
    ("GNUTLS_CERT_SIGNATURE_FAILURE", 11), ("GNUTLS_CERT_UNEXPECTED_OWNER", 14),
    ("GNUTLS_CERT_SIGNER_CONSTRAINTS_FAILURE", 16), ("GNUTLS_CERT_PURPOSE_MISMATCH", 18),
)


def status_bit_regex(bit: int) -> str:
    """A regex for a "%x"-printed number (``0x...)``) with ``bit`` set: the hex digit at
    its position is one with that bit, followed by exactly as many digits as lie below."""
    mask = 1 << (bit % 4)
    digits = "".join(f"{d:x}" for d in range(16) if d & mask)
    return rf"0x[0-9a-f]{{0,6}}[{digits}][0-9a-f]{{{bit // 4}}}\)"


def _reading(name: str) -> str:
    return GNUTLS_JUDGE[name].split("|")[0].strip()


_STATUS_ROWS = [
    (rf"\bTLS: peer cert untrusted or revoked \({status_bit_regex(bit)}",
     f"libldap over GnuTLS: the server's certificate failed verification ({name})",
     _reading(name), REASON, _SRC) for name, bit in STATUS_BITS]

PATTERNS = table("openldap", _SRC, [
    *_STATUS_ROWS,
    (r"\bTLS: hostname (?:\([^)\n]{0,300}\) )?does not match (?:subjectAltName|name|CN|"
     r"common name)\b", "libldap: the LDAP server's certificate does not name the host "
     "connected to (use the name in its certificate, or TLS_REQSAN)", common.HOSTNAME.split(
         "|")[0].strip(), REASON),
    (r"\bTLS: peer certificate is expired\b", "libldap: the LDAP server's certificate has "
     "expired", common.EXPIRED.split("|")[0].strip(), REASON),
    (r"\bTLS: peer certificate not yet active\b", "libldap: the LDAP server's certificate is "
     "not valid yet", common.NOT_YET_CAUSES, REASON),
    (r"\bTLS: public key hash does not match provided pin\b", "libldap: the server's key is "
     "not the one TLS_PEERKEY_HASH pins", common.PINNING.split("|")[0].strip(), REASON),
    (r"\bTLS: unable to get (?:CN|common name|subjectAltName) from peer certificate\b",
     "libldap: the server's certificate has no name to check", "server_misconfiguration:.6 "
     "hostname_mismatch:.4", REASON),
    # tls2.c ldap_int_tls_connect: the handshake of an ldaps:// or StartTLS connection
    # failed; the reason, when there is one, follows (often "(unknown error code)").
    (r"\bTLS: can't connect: ", "libldap: the TLS handshake with the LDAP server failed",
     "cert_untrusted_root:.3 cert_self_signed:.2 hostname_mismatch:.2 "
     "protocol_version_mismatch:.15 cipher_suite_mismatch:.15", GENERIC,
     "openldap/openldap libraries/libldap/tls2.c @ 5ffe12c065c0"),
])
