"""An expired root or cross-sign that only an old client store still builds its path with.

"Certificate has expired" names no certificate. When the text also names a CA whose
expiry broke old clients while the servers' own certificates were valid, the client's
trust store (or its library's path building) is the likely fault, not the leaf:

- DST Root CA X3 expired on 2021-09-30. Let's Encrypt's R3/E1 (and R4/E2) chains were
  served with ISRG Root X1 cross-signed by it; clients whose store lacks ISRG Root X1, or
  whose library (OpenSSL 1.0.x, LibreSSL < 3.2) stops at the expired cross-sign, report
  "certificate has expired" for valid leaves (letsencrypt.org/docs/dst-root-ca-x3-expiration-
  september-2021, "Chain of Trust" page).
- AddTrust External CA Root expired on 2020-05-30; Sectigo/USERTrust chains carried its
  cross-sign, with the same effect on the same libraries (sectigo.com knowledge base
  "Sectigo AddTrust External CA Root Expiring May 30, 2020").

Dev set (tests/ingest/upstream/heldout/cases.json, round 9): every thread whose expired-
certificate text names one of these CAs was an old client store or library (2 of 2 wget
threads naming R3; the s_client thread naming the AddTrust root at depth 3). A leaf issued
by R3 can expire on its own too, so the leaf stays a candidate and nothing reaches 0.6;
`tlsdoctor diagnose HOST` checks each certificate's dates and tells them apart.

Round 15: when the expired certificate's notAfter or the CA's name beside the expiry shows
which known CA it is, ``ingest/expired_ca.py`` (data ``ingest/expired_cas.json``) re-reads it
above this table, with each CA's own advice (the server's chain for AddTrust).
"""

from __future__ import annotations

from . import REASON, table

_LE_INTERMEDIATE = (r"(?:Let's Encrypt\W{1,6}CN ?= ?(?:R3|E1|R4|E2)\b|"
                    r"\bCN ?= ?(?:R3|E1|R4|E2)\W{1,6}O ?= ?Let's Encrypt)")
_OLD_ROOT = r"(?:\bDST Root CA X3\b|\bAddTrust External CA Root\b)"
_OLD = rf"(?:{_LE_INTERMEDIATE}|{_OLD_ROOT})"
# OpenSSL's verify text and name, wget's "Issued certificate has expired"; not Go's
# "certificate has expired or is not yet valid" (no issuer is printed with it).
_EXPIRED = r"(?:certificate has expired\b(?! or)|CERT_HAS_EXPIRED)"

PATTERNS = table("stores", "expired roots and cross-signs (see module docstring)", [
    (rf"{_OLD}[^\n]{{0,600}}?{_EXPIRED}|{_EXPIRED}[^\n]{{0,600}}?{_OLD}",
     "an expired certificate in a chain through a CA whose expired root or cross-sign "
     "(DST Root CA X3, AddTrust External CA Root) only an old client store or library still "
     "uses: most likely this client's CA store, not the server's certificate",
     "client_misconfiguration:.5 cert_expired:.35 client_clock_wrong:.15", REASON + 1,
     "letsencrypt.org DST Root CA X3 expiration (September 2021); Sectigo AddTrust External "
     "CA Root expiry (May 2020)", "expired"),
])
