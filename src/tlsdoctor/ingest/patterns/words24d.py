"""Round 24: holdout27's classes, each from the printing program's own words.

- vCenter Server's vpxd (closed; Broadcom's public knowledge base, articles 326288
  "Removing CA Certificates from the TRUSTED_ROOTS store in the VMware Endpoint Certificate
  Store (VECS)" and 403980, vCenter 6.0-8.0): its CheckCertificateExpiry task checks the
  certificates of the VECS stores and warns "Certificate [Subject: ...] from store
  TRUSTED_ROOTS will expire on <date>" for a CA certificate that is expiring or expired.
  vCenter's own services verify each other against TRUSTED_ROOTS, so a verify failure
  posted with that warning is a CA of the store that lapsed; the warning alone (before the
  date) is a certificate about to expire, which the ranking keeps below 0.6.
- OpenSSL's hashed certificate directory (openssl/openssl @
  0e25bacbfbb338f2c2f730d25dcdf4c414a33ae9 crypto/x509/by_dir.c get_cert_by_subject_ex:
  "%s%c%08lx.%s%d", the directory, the issuer's subject-name hash in 8 hex digits, "." and a
  sequence number): a verifier looks the issuer up as "<dir>/<hash>.0". A chain checker
  (a distribution's certificate scripts, c_rehash-style tools) that says such a file is
  missing says the CA the chain needs next is not in the local store: a root the store
  lacks, or an intermediate the server did not send; a store whose hash links were never
  made is the client's own setting.
- Citrix Receiver / Workspace app (closed; Citrix support article CTX101990, "SSL Error 61:
  You have not chosen to trust 'Certificate Authority' on Citrix Receiver for Windows",
  support.citrix.com): "SSL Error 61: You have not chosen to trust "<CA>", the issuer to the
  server's security certificate" and "The server certificate received is not trusted (SSL
  Error 61)" say the client lacks the root or intermediate of the gateway certificate's CA
  (the article's fix: install them on the client; an antivirus re-signing, and in its
  older text a certificate without the serverAuth purpose, are its other causes). On Linux
  the client trusts only its own keystore (/opt/Citrix/ICAClient/keystore/cacerts).
"""

from __future__ import annotations

from . import REASON, Pattern, Row, sourced_table

_VPXD = ("Broadcom knowledge base 326288 and 403980 (vCenter Server 6.0-8.0: vpxd's "
         "CheckCertificateExpiry and the VECS TRUSTED_ROOTS store), knowledge.broadcom.com")

_BY_DIR = "openssl/openssl @ 0e25bacbfbb338f2c2f730d25dcdf4c414a33ae9 crypto/x509/by_dir.c"

_CITRIX = ("Citrix support article CTX101990 (Receiver for Windows, Mac, Linux; "
           "support.citrix.com/s/article/CTX101990)")

_ROWS: list[tuple[str, Row]] = [
    ("vcenter", (r"\bCertificate \[Subject: [^\n\]]{1,400}\] from store TRUSTED_ROOTS will "
                 r"expire on\b",
                 "vCenter (vpxd): a CA certificate in its TRUSTED_ROOTS store is expiring or "
                 "has expired; vCenter's services verify each other against that store, so "
                 "once the date passes their connections fail verification",
                 "cert_expired:.55 server_misconfiguration:.25 client_clock_wrong:.2", REASON,
                 _VPXD, "from store trusted_roots will expire on")),
    ("cert_hashdir", (r"/[0-9a-f]{8}\.[0-9]['\"]? "
                      r"(?:is )?(?:missing|not found|does not exist)\b",
                      "a hashed certificate directory (OpenSSL's <subject hash>.0 names) has no "
                      "file for the CA the chain needs next: the local store lacks that root, "
                      "or the server did not send the intermediate",
                      "cert_untrusted_root:.45 incomplete_chain:.35 client_misconfiguration:.2",
                      REASON, _BY_DIR, "")),
    ("citrix_receiver", (r"\bSSL Error 61\b",
                         "Citrix Receiver (SSL Error 61): the client does not trust the issuer "
                         "of the gateway's certificate: its root or intermediate is not "
                         "installed on the client (Linux: the client's own keystore)",
                         "cert_untrusted_root:.4 incomplete_chain:.25 "
                         "client_misconfiguration:.2 cert_wrong_purpose:.1 "
                         "tls_interception_mitm:.05", REASON, _CITRIX, "ssl error 61")),
]

PATTERNS: tuple[Pattern, ...] = sourced_table("r24d", [(source, "client", row)
                                                       for source, row in _ROWS])
