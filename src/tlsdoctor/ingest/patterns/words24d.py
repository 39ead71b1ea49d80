"""Round 24: holdout27's classes, each from the printing program's own words.

- vCenter Server's vpxd (closed; Broadcom's public knowledge base, articles 326288
  "Removing CA Certificates from the TRUSTED_ROOTS store in the VMware Endpoint Certificate
  Store (VECS)" and 403980, vCenter 6.0-8.0): its CheckCertificateExpiry task checks the
  certificates of the VECS stores and warns "Certificate [Subject: ...] from store
  TRUSTED_ROOTS will expire on <date>" for a CA certificate that is expiring or expired.
  vCenter's own services verify each other against TRUSTED_ROOTS, so a verify failure
  posted with that warning is a CA of the store that lapsed; the warning alone (before the
  date) is a certificate about to expire, which the ranking keeps below 0.6.
"""

from __future__ import annotations

from dataclasses import replace

from . import REASON, Pattern, Row, table

_VPXD = ("Broadcom knowledge base 326288 and 403980 (vCenter Server 6.0-8.0: vpxd's "
         "CheckCertificateExpiry and the VECS TRUSTED_ROOTS store), knowledge.broadcom.com")

_ROWS: list[tuple[str, Row]] = [
    ("vcenter", (r"\bCertificate \[Subject: [^\n\]]{1,400}\] from store TRUSTED_ROOTS will "
                 r"expire on\b",
                 "vCenter (vpxd): a CA certificate in its TRUSTED_ROOTS store is expiring or "
                 "has expired; vCenter's services verify each other against that store, so "
                 "once the date passes their connections fail verification",
                 "cert_expired:.55 server_misconfiguration:.25 client_clock_wrong:.2", REASON,
                 _VPXD, "from store trusted_roots will expire on")),
]

PATTERNS: tuple[Pattern, ...] = tuple(
    replace(p, id=f"{source}.r24d.{n}")
    for n, (source, row) in enumerate(_ROWS)
    for p in table(source, str(row[4]) if len(row) > 4 else "", [row], side="client"))
