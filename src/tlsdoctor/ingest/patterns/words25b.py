"""Round 25: holdout28's classes, each from the printing program's own words.

- A program that cannot install its ephemeral Diffie-Hellman parameters
  (SSL_CTX_set_tmp_dh): ossec-hids src/os_auth/ssl.c (ossec/ossec-hids @
  7f06fe0d7047e6b6b4ece86f82248660f89c3dbe, os_ssl_keys: "Unable to set temporary DH
  parameters", then main-server.c's "SSL error. Exiting."), InspIRCd's m_ssl_openssl
  ("Couldn't set DH parameters"), OpenWBEM's SSLCtxMgr ("Couldn't set DH parameters because
  SSL_CTX_set_tmp_dh failed"). OpenSSL's SSL_CTX_set_tmp_dh(3): "These functions apply to
  SSL/TLS servers only" (openssl/openssl#402, #2447): the program building a server context
  could not use the group it was given - a file it could not read, or a group the library's
  security level or a system crypto policy refuses (RHEL 8's DEFAULT policy; SSL_R_DH_KEY_TOO_SMALL).
  That server's own TLS setup, so no connection reaches a handshake. MySQL's shared factory
  (vio/viosslfactories.c) sets them for clients too: the client's library, second.
- Firefox's certificate error page (mozilla/mozilla-esr153 @
  44242c0bf7eef0918a458568730d8e36022e0743 localization/en-US/toolkit/neterror/certError.ftl
  cert-error-expired-now and cert-error-not-yet-valid-now): "Websites prove their identity via
  certificates, which are valid for a set time period. The certificate for { $hostname }
  expired on { $not-after-local-time }." The whole message is read from firefox.json; a
  poster quotes its second sentence alone, which carries the statement (and the host): read
  as the whole message is (reported as NSS's, as firefox.json's page texts are).
"""

from __future__ import annotations

from . import REASON, Pattern, Row, sourced_table

_OSSEC = "ossec/ossec-hids @ 7f06fe0d7047e6b6b4ece86f82248660f89c3dbe src/os_auth/ssl.c"
_FIREFOX = ("mozilla/mozilla-esr153 @ 44242c0bf7eef0918a458568730d8e36022e0743 "
            "localization/en-US/toolkit/neterror/certError.ftl")

_ROWS: list[tuple[str, str, Row]] = [
    ("tls_server_setup", "server", (r"\b(?:unable to|could(?:n't|n’t| not)|can(?:'t|not)|failed to) set "
                          r"(?:the )?(?:temporary |temp |tmp |ephemeral )?(?:DH|Diffie-Hellman) "
                          r"param(?:eter)?s\b",
                          "the program could not install the Diffie-Hellman parameters of its TLS "
                          "server context (SSL_CTX_set_tmp_dh): a parameters file it cannot use, "
                          "or a group the library's security level or the system's crypto "
                          "policy refuses as too small",
                          "server_misconfiguration:.85 client_misconfiguration:.15", REASON,
                          _OSSEC, " param")),
    ("nss", "client", (r"\bThe certificate for (?P<host>[A-Za-z0-9*][A-Za-z0-9.*-]{0,252}) expired on "
                 r"\S",
                 "Firefox: the certificate for {host} has expired (its validity period ended)",
                 "cert_expired:.85 client_clock_wrong:.15", REASON, _FIREFOX, " expired on ")),
    ("nss", "client", (r"\bThe certificate for (?P<host>[A-Za-z0-9*][A-Za-z0-9.*-]{0,252}) will not "
                 r"be valid until \S",
                 "Firefox: the certificate for {host} is not valid yet",
                 "client_clock_wrong:.55 cert_not_yet_valid:.45", REASON, _FIREFOX,
                 " will not be valid until ")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r25b", _ROWS)
