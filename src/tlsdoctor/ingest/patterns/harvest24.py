"""Round 24: families of real threads' output no table read, harvested (scripts/harvest/
harvest24.py into upstream/<source>.json, judged in judgement/<source>.py).

- ``qt_tls``: Qt's TLS back-end loader ("qt.tlsbackend.ossl: Failed to load
  libssl/libcrypto.", "QSslSocket: cannot resolve OPENSSL_init_ssl") and QSslSocket's
  ("qt.network.ssl: QSslSocket::connectToHostEncrypted: TLS initialization failed", "No
  functional TLS backend was found"): the program has no usable OpenSSL beside it, its own
  setup (a client's in nearly every report).
- ``ldap_tools``: OpenLDAP's "ldap_start_tls: Connect error (-11)" (any failed handshake:
  a ranking) and, in a GnuTLS build, "additional info: (unknown error code)" after it (its
  certificate check refused the server's certificate). Both short texts count only in the
  tools' own lines; another "additional info:" text is the TLS library's, read there.
- ``outlook_mail``: Outlook's error number 0x800CCC1A (the secure connection its account
  settings ask for failed on that port): read by the number, which Outlook prints after
  any of its sentences ("Error Number: 0x800CCC1A", "reported error (0x800CCC1A)"); its
  sentence alone is other mail clients' words too.
- ``firefox_addons``: "The add-on could not be downloaded because of a connection failure."
  (a ranking: interception, a filter, no route); the other install errors are not TLS.
- ``schannel_events``: the newer wording of Schannel's alert events, read per alert number
  with its direction in alerts.py; its entries name no cause here.
"""

from __future__ import annotations

from . import Pattern
from .harvested import Entry, upstream_patterns

# libldap prints the code after the operation that failed: ldapsearch -ZZ's
# "ldap_start_tls", an ldaps:// bind's "ldap_sasl_bind(SIMPLE)".
_LDAP_OP = r"\bldap_[a-z_]{1,40}(?:\([A-Z]{1,20}\))?: "
_LDAP_FORMS = {
    "LDAP_CONNECT_ERROR": (_LDAP_OP + r"Connect error \(-11\)", "connect error (-11)"),
    "gnutls_strerror(-1)": (_LDAP_OP + r"Connect error \(-11\)[ \t]*\r?\n[ \t]*additional "
                            r"info: \(unknown error code\)",
                            "additional info: (unknown error code)"),
}


def _ldap_forms(entry: Entry) -> list[tuple[str, str, str]]:
    got = _LDAP_FORMS.get(entry.id)
    return [("tool", *got)] if got else []


def _ldap() -> tuple[Pattern, ...]:
    # "Connect error" and "(unknown error code)" are other programs' words too: only the
    # tools' own lines (the "tool" forms) count.
    return tuple(p for p in upstream_patterns("ldap_tools", "OpenLDAP client tools",
                                              side="client", extra_forms=_ldap_forms)
                 if p.id.endswith(".tool"))


def _outlook_forms(entry: Entry) -> list[tuple[str, str, str]]:
    return [("number", rf"\b{entry.id}\b", entry.id.lower())]


def _outlook() -> tuple[Pattern, ...]:
    return tuple(p for p in upstream_patterns("outlook_mail", "Outlook", side="client",
                                              extra_forms=_outlook_forms)
                 if p.id.endswith(".number"))


PATTERNS: tuple[Pattern, ...] = (
    upstream_patterns("qt_tls", "Qt", side="client")
    + _ldap()
    + _outlook()
    + upstream_patterns("firefox_addons", "Firefox", side="client")
)
