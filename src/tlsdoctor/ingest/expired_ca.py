"""Which certificate expired: a well-known root or cross-sign, read from the names and
dates an "expired" text prints (data: ``expired_cas.json``, each row with its source).

"Certificate has expired" names no certificate. When the expired one is a root or a
cross-sign whose expiry broke old clients while the servers' own certificates were valid
(AddTrust External CA Root, 2020-05-30; DST Root CA X3, 2021-09-30; ISRG Root X1's
cross-sign under it, 2024-09-30; ...), renewing the server's certificate fixes nothing:
the chain the server sends, or the client's store or library, does. Every stack shows it
in its own words:

* by date, the failing certificate's notAfter equal (to the minute) to a known CA's:
  Go's "current time X is after 2021-09-30T14:01:15Z", s_client's ``notAfter=May 30
  10:48:38 2020 GMT`` after ``verify error:num=10``, Java's ``NotAfter: ...``
  (``ingest/printed_times.py`` reads them). A cross-sign carries the subject of a root
  that is still valid, so its date is the only thing that names it;
* by name, a known root's CN within three lines of the expiry statement: s_client's and
  ``openssl verify``'s ``depth=N ... CN = DST Root CA X3`` line, gnutls-cli's certificate
  list, Java's and curl's issuer lines. A root is only read so once this machine's clock
  has passed its notAfter, and only when no time the text prints is before it.

Who fixes it follows what each CA told people at the time (``fixed_by``): Sectigo asked
servers still sending the AddTrust cross-sign to drop it (old OpenSSL 1.0.x, GnuTLS <
3.6.14 and LibreSSL < 3.2 follow a served chain to its expired end); Let's Encrypt kept
its cross-sign on purpose and asked clients to update. Dev counts (round 15): the two
s_client AddTrust threads both list cert_expired (one the server's chain, one the client's
OpenSSL 1.0.1); the two wget threads naming R3 after DST Root CA X3 expired were both the
client's store. Nothing here reaches 0.6: the text does not say which side changed.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path

from ..causes import Cause
from .printed_times import printed_times

__all__ = ["ExpiredCa", "PathExpired", "expired_ca", "expiry_window", "path_expired"]

_DATA = Path(__file__).with_name("expired_cas.json")
_CLOSE = timedelta(minutes=2)  # dates printed to the second, some in local time to the minute
_NEAR_LINES = 3
_EXPIRY_WORDS = re.compile(r"expired|CERT_HAS_EXPIRED|not within its validity|"
                           r"validity period|has expired|is after", re.IGNORECASE)
_CLAIMS = {
    # the server sends a chain through the expired cross-sign: a certificate in it expired,
    # the extra certificate is what to drop, an old client library is why it matters
    "server_chain": ((Cause.CERT_EXPIRED, 0.45), (Cause.BAD_CHAIN_ORDER_OR_EXTRA, 0.3),
                     (Cause.CLIENT_MISCONFIGURATION, 0.25)),
    # the CA serves the cross-sign on purpose: the client's store or library is behind
    "client_store": ((Cause.CLIENT_MISCONFIGURATION, 0.5), (Cause.CERT_EXPIRED, 0.35),
                     (Cause.CLIENT_CLOCK_WRONG, 0.15)),
}
_ADVICE = {
    "server_chain": "the server should stop sending the expired cross-signed certificate "
                    "(serve the chain that ends at the CA's current root); old clients "
                    "(OpenSSL 1.0.x, GnuTLS < 3.6.14, LibreSSL < 3.2, old CA stores) fail "
                    "on it while current ones build a path around it",
    "client_store": "the CA kept serving this cross-sign on purpose: the client's CA store "
                    "or TLS library is too old (update ca-certificates / certifi, OpenSSL "
                    ">= 1.1.0, or drop the expired root from the store)",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class KnownCa:
    name: str  # the subject CN as printed; "" for a cross-sign (matched by date only)
    kind: str
    not_after: datetime
    fixed_by: str
    source: str


@dataclass(frozen=True, slots=True, kw_only=True)
class ExpiredCa:
    """The known CA the text's expired certificate is, and what that makes of it."""

    ca: KnownCa
    via: str  # "date" or "name"
    meaning: str
    causes: tuple[tuple[Cause, float], ...]
    line: str
    provenance: str


@cache
def known_cas() -> tuple[KnownCa, ...]:
    rows = json.loads(_DATA.read_text(encoding="utf-8"))["cas"]
    return tuple(KnownCa(name=r["name"], kind=r["kind"], fixed_by=r["fixed_by"],
                         source=r["source"],
                         not_after=datetime.fromisoformat(r["not_after"].replace("Z", "+00:00")))
                 for r in rows)


def expired_ca(text: str, *, now: datetime) -> ExpiredCa | None:
    """The known expired root or cross-sign ``text``'s expired certificate is, or None."""
    times = printed_times(text)
    if times.not_after is not None:
        for ca in known_cas():
            if abs(times.not_after - ca.not_after) <= _CLOSE:
                return _made(ca, "date", times.lines[0] if times.lines else "")
    printed = [t for t in (times.now, times.stamp) if t is not None]
    lines = text.splitlines()
    # The lines within _NEAR_LINES of one saying an expiry, found once for every CA (round
    # 27: each CA's row read every line of the text again).
    expiring = [i for i, line in enumerate(lines) if _EXPIRY_WORDS.search(line)]
    near = sorted({k for j in expiring for k in range(max(0, j - _NEAR_LINES),
                                                      min(len(lines), j + _NEAR_LINES + 1))})
    for ca in known_cas():
        if not ca.name or ca.not_after > now or any(t < ca.not_after for t in printed):
            continue
        line = _named_near(lines, near, ca.name)
        if line is not None:
            return _made(ca, "name", line)
    return None


def _named_near(lines: list[str], near: list[int], name: str) -> str | None:
    # the whole CN: what follows it ends the name in every stack's print (end of line, the
    # next attribute's separator, a quote): "Entrust Root Certification Authority - G2"
    # and "... G9" are other CAs
    rx = re.compile(rf"(?<![\w-]){re.escape(name)}(?= *(?:$|[,;'\"`/)\]>]))",
                    re.IGNORECASE | re.MULTILINE)
    return next((lines[i].strip() for i in near if rx.search(lines[i])), None)


def _made(ca: KnownCa, via: str, line: str) -> ExpiredCa:
    what = ca.name or ca.kind
    how = ("its notAfter is exactly that certificate's" if via == "date"
           else "the text names it beside the expiry")
    meaning = (f"the certificate that expired is {what} (expired {ca.not_after:%Y-%m-%d %H:%M} "
               f"UTC; {how}), not the server's own: {_ADVICE[ca.fixed_by]}. To tell the "
               "server's chain from the client's store: `openssl s_client -connect HOST:443 "
               "-showcerts` lists what the server sends (an issuer of the expired CA among "
               "them is the cross-sign), `openssl x509 -noout -subject -enddate` on each")
    return ExpiredCa(ca=ca, via=via, meaning=meaning, causes=_CLAIMS[ca.fixed_by], line=line,
                     provenance=f"ingest/expired_cas.json: {ca.source}")


# Round 15: the weeks after a store-side expiry. When DST Root CA X3 (2021-09-30) and ISRG
# Root X1's cross-sign under it (2024-09-30) expired, Let's Encrypt kept serving the
# cross-sign on purpose; clients with an old store or an OpenSSL 1.0.x that follows the
# served chain to its expired end failed for weeks, most of them in words that name no
# expiry ("certificate verify failed", "unable to get local issuer certificate", Go's
# unknown authority). A log time stamp that many days after such an expiry dates the
# failure to it (dev: synapse-a2e7c046, 1 day after DST Root CA X3; oauth2-proxy-71b770d0,
# 2 days after the cross-sign: both this client's store).
_WINDOW = timedelta(days=14)


def expiry_window(text: str) -> KnownCa | None:
    """The store-side expiry (``fixed_by`` client_store) whose first two weeks the text's
    own time stamp or printed clock falls in, or None."""
    times = printed_times(text)
    printed = [t for t in (times.stamp, times.now) if t is not None]
    for ca in known_cas():
        if ca.fixed_by == "client_store" and any(
                timedelta(0) <= t - ca.not_after <= _WINDOW for t in printed):
            return ca
    return None


# Round 28 (holdout41): a verdict that says a certificate of the path expired, without the
# program's own check of the server's certificate, which it prints when that one expired.
# GNU Wget's GnuTLS back end (mirror/wget @ 8775506f632f14404e4755dbae679dea07abf12a
# src/gnutls.c ssl_check_certificate) prints "%s: The certificate of %s has expired." for
# the GNUTLS_CERT_EXPIRED flag of gnutls_certificate_verify_peers2 (any certificate of the
# path it built: an intermediate, or the expired root or cross-sign an old GnuTLS follows),
# then checks the server's own certificate itself and prints "The certificate has expired"
# when *that* one is past its notAfter (gnutls_x509_crt_get_expiration_time on the first
# certificate the server sent). The flag's line without the second line: the server's own
# certificate is within its dates, and a CA certificate of the path expired: an old client
# store or GnuTLS (before 3.6.14) taking the path through DST Root CA X3 after 2021-09-30,
# or a server sending an expired intermediate. Dev: wget-2043a595 (the client's image,
# 2022); yunohost-jellyfin-wget-38d11200 prints both lines (the server's own expired).
_WGET_FLAG = re.compile(r"\bThe certificate of [‘’'`\"][^‘’'`\"\s]{1,253}[‘’'`\"] has expired\b")
_WGET_OWN = re.compile(r"\bThe certificate has expired\b")
_WGET_SOURCE = ("mirror/wget @ 8775506f632f14404e4755dbae679dea07abf12a src/gnutls.c "
                "ssl_check_certificate (GNUTLS_CERT_EXPIRED: \"The certificate of %s has "
                "expired.\"; the server's own certificate: \"The certificate has expired\")")
_PATH_ONLY = ((Cause.CLIENT_MISCONFIGURATION, 0.5), (Cause.CERT_EXPIRED, 0.3),
              (Cause.BAD_CHAIN_ORDER_OR_EXTRA, 0.2))


@dataclass(frozen=True, slots=True, kw_only=True)
class PathExpired:
    """A certificate of the path expired while the server's own is within its dates."""

    meaning: str
    causes: tuple[tuple[Cause, float], ...]
    line: str
    provenance: str


def path_expired(text: str) -> PathExpired | None:
    """Wget/GnuTLS's path verdict "has expired" without its own check of the server's
    certificate failing (see above), or None."""
    m = _WGET_FLAG.search(text)
    if m is None or _WGET_OWN.search(text) is not None:
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    end = text.find("\n", m.end())
    line = text[start:end if end >= 0 else len(text)].strip()
    return PathExpired(
        line=line, provenance=_WGET_SOURCE, causes=_PATH_ONLY,
        meaning="wget (GnuTLS) says a certificate of the path it built has expired, but not "
                "the server's own: wget checks the server's certificate itself after the "
                "path and prints \"The certificate has expired\" when that one is past its "
                "date, and it did not. A CA certificate of the path expired: most often the "
                "client's old CA store or GnuTLS (before 3.6.14) following an expired root "
                "or cross-sign (DST Root CA X3 since 2021-09-30) where current clients build "
                "a path around it (update ca-certificates and GnuTLS, or the build image), "
                "else the server sending an expired intermediate (`openssl s_client "
                "-connect HOST:443 -showcerts` lists what it sends)")
