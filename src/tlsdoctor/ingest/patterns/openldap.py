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

from dataclasses import replace

from . import CATEGORY, GENERIC, REASON, Row, causes, table
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


# Round 19: the words libldap prints while it sets up a TLS context (ldap_int_tls_init_ctx
# and each backend's ctx_init), before any handshake: a TLS_* option of ldap.conf/.ldaprc
# (LDAPTLS_* in the environment) or, in slapd, an olcTLS*/TLS* setting it refused. They are
# the printer's own configuration: a client's (most posts) unless slapd's words say the log
# is the server's (ingest/side.py), which then reads them as the server's (own_reading).
_O = "openldap/openldap libraries/libldap/tls_o.c @ 5ffe12c065c0"
_O24 = ("openldap/openldap libraries/libldap/tls_o.c @ OPENLDAP_REL_ENG_2_4_59 (b94042dc6160), "
        "OPENLDAP_REL_ENG_2_5_13 (79a915cf7d48)")
_G = "openldap/openldap libraries/libldap/tls_g.c @ 5ffe12c065c0, OPENLDAP_REL_ENG_2_5_13"
_M24 = "openldap/openldap libraries/libldap/tls_m.c @ OPENLDAP_REL_ENG_2_4_59 (b94042dc6160)"
_T2 = "openldap/openldap libraries/libldap/tls2.c @ 5ffe12c065c0"
_MAIN = "openldap/openldap servers/slapd/main.c @ 5ffe12c065c0 (2.4: without the %s)"

_OWN_CONFIG: list[Row] = [
    # tls_o.c, tls_g.c, tls_m.c: TLS_CIPHER_SUITE / olcTLSCipherSuite the library refused
    (r"\bTLS: could not set (?:TLSv1\.3 )?cipher list ", "libldap refused the cipher list "
     "configured (TLS_CIPHER_SUITE in ldap.conf; olcTLSCipherSuite in slapd): it names "
     "nothing this TLS library knows", "client_misconfiguration:.8 cipher_suite_mismatch:.2",
     REASON, f"{_O}; {_G}; {_M24}"),
    # tls_o.c "could not load verify locations (file:`%s',dir:`%s')", "could not use CA
    # certificate", "could not use default certificate paths"; tls_g.c "could not use CA
    # certificate file `%s': %s (%d)", "could not use CA certificate: %s (%d)"
    (r"\bTLS: could not (?:load verify locations \(file:|use CA certificate\b|use default "
     r"certificate paths\b)", "libldap could not load the CA certificates it was given "
     "(TLS_CACERT / TLS_CACERTDIR; olcTLSCACertificateFile/Path in slapd): a missing, "
     "unreadable or non-PEM file", "client_misconfiguration:.9", REASON, f"{_O}; {_G}"),
    # tls_m.c (MozNSS builds of 2.4): the CA file or directory
    (r"\bTLS: (?:error: the CA certificate directory [^\n]{1,300} is not a directory\b"
     r"|could not (?:open|get info about) the CA certificate directory |[^\n]{1,300} is "
     r"not a valid CA certificate file - error |could not initialize moznss using security "
     r"dir )", "libldap (MozNSS) could not load the CA certificates or certificate database "
     "it was given (TLS_CACERT / TLS_CACERTDIR)", "client_misconfiguration:.9", REASON, _M24,
     "tls: "),
    # the printer's own certificate and key: tls_o.c "could not use certificate `%s'" (2.4),
    # "could not use certificate file `%s'", "could not use key file `%s'", "could not use
    # private key."; tls_g.c "could not use private key file `%s`", "could not use
    # certificate: %s (%d)", "could not use certificate with key: %s (%d)"
    (r"\bTLS: could not use (?:certificate|private key|key file|leaf certificate|"
     r"intermediate certificate)\b", "libldap could not load its own certificate or key "
     "(TLS_CERT / TLS_KEY in .ldaprc; olcTLSCertificateFile/KeyFile in slapd): missing, "
     "unreadable, not PEM, or a key of another certificate", "client_misconfiguration:.9",
     REASON, f"{_O}; {_O24}; {_G}"),
    (r"\bTLS: only one of cert(?:file)? and key(?:file)? specified\b", "libldap was given a "
     "certificate without its key or a key without its certificate",
     "client_misconfiguration:.9", REASON, _G),
    (r"\bTLS: opening `[^'\n]{0,300}' failed: ", "libldap (GnuTLS) could not open a "
     "certificate or key file it was given", "client_misconfiguration:.9", REASON, _G),
    (r"\bTLS: (?:could not read (?:certificate|key) file |error: the (?:certificate|key) "
     r"file [^\n]{1,300} is not a file\b|error: the certificate '[^'\n]{0,300}' could not "
     r"be found in the database\b|cannot find private key for certificate |error: unable "
     r"to set up client certificate authentication )", "libldap (MozNSS) could not load "
     "its own certificate or key", "client_misconfiguration:.9", REASON, _M24, "tls: "),
    # tls_o.c TLS_ECNAME / olcTLSECName
    (r"\bTLS: (?:could not set EC name |Elliptic Curves not supported\b|could not enable "
     r"automatic EC negotiation\b)", "libldap refused the curves configured (TLS_ECNAME; "
     "olcTLSECName in slapd)", "client_misconfiguration:.9", REASON, f"{_O}; {_O24}",
     "tls: "),
    # tls2.c ldap_pvt_tls_init_def_ctx: the context failed, the reason (if any) after it
    (r"\bTLS: init_def_ctx: ", "libldap could not set up its TLS context from its "
     "configuration", "client_misconfiguration:.7", GENERIC, _T2),
]

# Only a server sets these up (is_server in tls_o.c; tls_m.c's server branch; slapd's
# main.c): the server's configuration on either reading.
_SERVER_CONFIG: list[Row] = [
    (r"\bTLS: could not load client CA list\b", "slapd could not load the client CA list "
     "(olcTLSCACertificateFile/Path) it sends to clients", "server_misconfiguration:.9",
     REASON, f"{_O}; {_O24}"),
    (r"\bTLS: could not (?:use|read) DH parameters file ", "slapd could not load its DH "
     "parameters file (olcTLSDHParamFile)", "server_misconfiguration:.9", REASON,
     f"{_O}; {_O24}"),
    (r"\bTLS: error: (?:no server certificate: must specify a certificate|unable to find and "
     r"verify server's cert and key for certificate |unable to configure secure server "
     r"using certificate )", "slapd (MozNSS) could not use its certificate and key",
     "server_misconfiguration:.9", REASON, _M24, "tls: error: "),
    (r"\bmain: TLS init def ctx failed: -?\d", "slapd could not set up TLS from its "
     "olcTLS* settings at start-up (the line before it says which)",
     "server_misconfiguration:.8", CATEGORY, _MAIN),
]

# Warnings, not failures: GnuTLS found nothing usable in TLS_CACERTDIR (2.4 ignores it).
_WARNINGS: list[Row] = [
    (r"\bTLS: warning: (?:no certificate found in CA certificate directory|cacertdir not "
     r"implemented for gnutls)\b", "libldap's warning about TLS_CACERTDIR (not itself a "
     "failure)", "", CATEGORY, f"{_G}; tls_g.c @ OPENLDAP_REL_ENG_2_4_59", "tls: warning: "),
]


def _theirs(spec: str) -> str:
    return spec.replace("client_misconfiguration", "server_misconfiguration")


PATTERNS += tuple(
    replace(p, own_reading=causes(_theirs(str(row[2]))), id=f"openldap.ctx.{n}")
    for n, (p, row) in enumerate(zip(table("openldap", _O, _OWN_CONFIG), _OWN_CONFIG,
                                     strict=True)))
PATTERNS += tuple(replace(p, id=f"openldap.server.{n}")
                  for n, p in enumerate(table("openldap", _O, _SERVER_CONFIG)))
PATTERNS += tuple(replace(p, id=f"openldap.warning.{n}")
                  for n, p in enumerate(table("openldap", _G, _WARNINGS)))
