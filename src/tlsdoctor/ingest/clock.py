"""Whose clock: what the times and words of a client's error text say about the clock of
the machine that printed it, when the text reports a certificate outside its dates.

"Not yet valid" and "expired" read the same whether the certificate or the verifier's clock
is off; the printed times often tell them apart (``printed_times``). Each reading below
names what it saw, and only these readings are confident:

* **never set**: the verifier's clock (or the program's own line stamp) reads a date before
  2010: the Unix epoch 1970-01-01 of a clock never set, an RTC's 2000-01-01 default, a GPS
  week rollover's 1999. No TLS client in use has a real date like that.
* **older than the software**: it reads a date before the TLS library that printed the line
  existed (an OpenSSL 3.x error code before OpenSSL 3.0's release).
* **years before the certificate**: the certificate becomes valid more than a year after the
  printed current time. CAs date a certificate when they issue it (a public CA backdates it,
  never post-dates it by a year), so the printing clock is years behind.
* **ahead of here**: the printed current time is later than this machine's clock, or the
  certificate called expired is still valid by this machine's clock. A text cannot have been
  printed in the future, so the printing clock ran ahead (or this machine's is behind).
* **said so**: the text itself says the clock is wrong (``System clock synchronized: no``,
  "clock skew", "the time was wrong"), beyond the boilerplate some pages print for every
  date error. A mention of NTP/RTC/timedatectl/hwclock only ranks the clock first, below 0.6.

* **a big public host** (round 25): a wording that says both halves at once and prints no
  time (older Go releases, golang/go crypto/x509/verify.go "x509: certificate has expired or is
  not yet valid" without ": current time X is after/before Y"; MariaDB Connector/C's
  "Certificate not yet valid or expired"; hostap's "is not valid at this time") for a big
  public host (``hostclass``): such a host's chain is issued and renewed by a public CA, which
  never post-dates a certificate and whose expiry the operator's monitoring catches, so the
  printing clock is first; the certificate's expiry and this client's store (an expired root
  it still chains to) follow. Below 0.6.

Two readings are not the clock's, and are ranked below 0.6:

* **no dates**: the failing certificate's printed notBefore/notAfter is 0001-01-01, the
  zero value of Go's time.Time (and .NET's DateTime): a certificate a program generated
  from an empty template because its configured certificate was not loaded (frp's
  ``newRandomTLSKeyPair``, fatedier/frp pkg/transport/tls.go @ 0ab3048e, runs when the
  server's cert/key paths are empty). Not expired, not the clock: a configuration that did
  not take effect (dev: the one thread, frpc, was the client's configuration).
* **hinted**: the program's own advice names the clock beside a certificate failure
  without a date ("check for clock skew on the host", vic-machine's bad-certificate
  message): the clock ranks first below 0.6, the fresh certificate's notBefore after it.

Anything else keeps the pattern tables' reading: "not yet valid" ranks the clock first
below 0.6 (clients behind are common, certificates dated in the future rare), "expired"
keeps the certificate first (a clock ahead of real time is rare: Chrome's field data, Acer
et al., "Where the Wild Warnings Are", ACM CCS 2017, as Cloudflare's Roughtime post quotes
it: 6.7% of reports came from clocks more than a day behind, 0.05% from clocks a day ahead).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from ..causes import Cause
from .hostclass import PUBLIC, classify
from .printed_times import SLACK, STAMP_SOURCES, PrintedTimes, printed_times

__all__ = ["DATE_CAUSES", "ClockReading", "clock_reading"]

DATE_CAUSES = frozenset({Cause.CERT_EXPIRED, Cause.CERT_NOT_YET_VALID, Cause.CLIENT_CLOCK_WRONG})
_CLOCK = Cause.CLIENT_CLOCK_WRONG
_UNSET_BEFORE = datetime(2010, 1, 1, tzinfo=UTC)
_YEAR = timedelta(days=365)
# Confidence in the clock: from the verifier's own printed time, from a line stamp (which
# may be a log collector's clock), from what the text says.
_FIELD, _STAMP, _SAID, _MENTIONED = 0.9, 0.8, 0.75, 0.55

# Software that did not exist before a date: a clock reading earlier printed the line wrongly.
_FLOORS = (
    (re.compile(r"\berror:0A[0-9A-F]{6}:SSL routines:|\bOpenSSL[/ ]3\.\d"),
     datetime(2021, 9, 7, tzinfo=UTC), "OpenSSL 3.0",
     "OpenSSL NEWS.md @ openssl-3.0.21 (\"OpenSSL 3.0.0 [7 sep 2021]\"); include/openssl/"
     "err.h ERR_PACK (3.x: lib << 23, SSL = 20 -> 0A......)"),
    (re.compile(r"\btls: failed to verify certificate: "), datetime(2023, 2, 1, tzinfo=UTC),
     "Go 1.20", "Go 1.20 (released 2023-02-01) crypto/tls CertificateVerificationError"),
)
# Sentences some programs print for every date error: they do not say the clock is wrong.
_BOILERPLATE = re.compile(
    r"or the system clock is incorrect"  # OpenSSL master x509_txt.c, X509_V_ERR_CERT_NOT_YET_VALID
    # Firefox: "...or your computer clock is set to the wrong time" (netError.ftl
    # certerror-expired-cert-intro), "...your device's clock is set to the wrong date/time"
    # (certError.ftl fp-certerror-expired-into), "Your device's clock is set to X".
    r"|clock is set to(?: the wrong (?:time|date/time|date))?"
    # NSS lib/util/SECerrs.h: SEC_ERROR_EXPIRED_ISSUER_CERTIFICATE "... Check your system date
    # and time.", SEC_ERROR_CRL_EXPIRED "... Update it or check your system date and time."
    r"|check your system date and time",
    re.IGNORECASE)
_SAYS_WRONG = re.compile(
    r"\b(?:clock|time|date)(?: and time)? (?:is|was|were|are|seems?|looks?|has|have)(?: to be)? "
    r"(?:still )?(?:wrong|off\b|incorrect|behind|ahead|skewed|not (?:been )?(?:set|synced|"
    r"synchroni[sz]ed|correct|right)"
    r"|out of sync|in the (?:past|future)|reset to)"
    r"|\b(?:clock|time) (?:skew|drift)\b|\b(?:wrong|incorrect) (?:system |device |local )?"
    r"(?:clock|time|date)\b|\bSystem clock synchronized: no\b|\bNTP service: inactive\b",
    re.IGNORECASE)
_MENTIONS = re.compile(r"(?<![\w.-])(?:ntpd?|ntpdate|chronyd?|chronyc|timedatectl|hwclock|"
                       r"fake-hwclock|systemd-timesyncd|w32tm|RTC|CMOS battery)(?![\w.-])",
                       re.IGNORECASE)
_WORDS_NEED = 0.3  # a date statement at least this sure before words about the clock count
# A program's advice to look at the clock: an imperative, not a statement that it is wrong.
_HINT = re.compile(
    r"\b(?:check|verify|ensure|make sure)(?: for| that| if| whether)?(?: the| your| this)?"
    r"(?: system| host| local| device)?(?:'s)? (?:clock(?: skew)?|time(?: and date)?|"
    r"date(?: and time)?|time ?sync\w*)(?! ?(?:out|limit))\b", re.IGNORECASE)
_HINTED = 0.55
# ...beside a certificate failure: a clock hint next to a refused connection says nothing
_CERTIFICATE = re.compile(r"certificat|\bx509\b|\bcert(?:s)?\b|\bPKIX\b", re.IGNORECASE)
_ZERO_YEAR = 1  # Go's time.Time{} and .NET's DateTime.MinValue: 0001-01-01
# The same placeholder in the other stacks' words: OpenSSL prints year 1 as "1"
# (ASN1_TIME_print: s_client's "notAfter=" after verify error 10, its chain's "v:NotBefore:
# ...; NotAfter:", x509 -text's "Not After :"); GnuTLS clamps it to the epoch and prints
# the certificate valid for no time at all (lib/x509/output.c: "activated `X', expires `X'").
_NO_DATES = re.compile(
    r"\bnot ?(?:before|after) ?[:=] ?[A-Z][a-z]{2} {1,2}\d{1,2} \d\d:\d\d:\d\d 1 GMT\b"
    r"|\bactivated `(?P<a>[^'`\n]{8,40})', expires `(?P=a)'", re.IGNORECASE)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClockReading:
    """The clock's share, the certificate's after it, and what showed it."""

    rule: str  # never_set, older_than_software, years_early, ahead, said, mentioned
    meaning: str
    causes: tuple[tuple[Cause, float], ...]
    line: str
    provenance: str


def clock_reading(text: str, *, now: datetime, date_claim: Cause | None,
                  date_confidence: float) -> ClockReading | None:
    """The reading of ``text``'s times and words (None: they say nothing about the clock).

    ``date_claim``: the certificate-date cause the text's statements put first
    (cert_expired or cert_not_yet_valid, None when only the clock is claimed), at
    ``date_confidence``; ``now``: this machine's clock, which nothing printed can be later than.
    """
    times = printed_times(text)
    zero = _no_dates(times, text)
    if zero is not None:
        return zero
    got = _from_times(times, text, now) if times.any else None
    if got is None and date_confidence >= _WORDS_NEED:
        got = _from_words(text)
    if got is None and date_confidence < _WORDS_NEED:  # no date statement, or a faint one
        got = _hinted(text)
    if got is None and date_confidence >= _WORDS_NEED and not _dated(times):
        return _public_host(text)
    if got is None:
        return None
    rule, meaning, share, side, line, source = got
    if rule == "not_expired":
        return ClockReading(rule=rule, meaning=meaning, line=line, provenance=source,
                            causes=_NOT_EXPIRED)
    other = side or date_claim or Cause.CERT_EXPIRED
    return ClockReading(rule=rule, meaning=meaning, line=line, provenance=source,
                        causes=((_CLOCK, share), (other, round(1 - share, 2))))


def _no_dates(t: PrintedTimes, text: str) -> ClockReading | None:
    """A certificate dated 0001-01-01: no dates at all, a program's placeholder."""
    if any(d is not None and d.year <= _ZERO_YEAR for d in (t.not_after, t.not_before)):
        line = t.lines[0] if t.lines else ""
    elif (m := _NO_DATES.search(text)) is not None:
        line = _line_at(text, m.start())
    else:
        return None
    return ClockReading(
        rule="no_dates", line=line,
        meaning="the certificate has no validity dates: 0001-01-01, the zero value of Go's "
                "time.Time (GnuTLS shows it valid for no time at the epoch). A program "
                "generated it from an empty template because its configured certificate was "
                "not loaded (frp's server does so when its cert/key paths are empty; such a "
                "certificate carries no names either): neither an expiry nor the clock, but "
                "a TLS configuration that did not take effect. Check which configuration "
                "each side really loaded (openssl s_client -connect HOST:PORT | openssl x509 "
                "-noout -dates shows the placeholder)",
        provenance="fatedier/frp pkg/transport/tls.go @ 0ab3048e (newRandomTLSKeyPair: "
                   "x509.Certificate{SerialNumber: 1}, no NotBefore/NotAfter); Go "
                   "crypto/x509 verify.go 'current time %s is after %s'",
        causes=((Cause.CLIENT_MISCONFIGURATION, 0.5), (Cause.SERVER_MISCONFIGURATION, 0.35),
                (Cause.CERT_EXPIRED, 0.15)))


# Wordings that say "expired or not yet valid" in one breath and print no time (round 25).
_EITHER = re.compile(
    r"\bx509: certificate has expired or is not yet valid(?!: current time)"
    r"|\bCertificate not yet valid or expired\b|\bis not valid at this time\b", re.IGNORECASE)
_EITHER_SOURCES = ("golang/go @ 0184fe5ece4f84fda9db04d2472b76efcaa8ef55 src/crypto/x509/"
                   "verify.go (CertificateInvalidError.Error, case Expired: \"x509: certificate "
                   "has expired or is not yet valid: \" + e.Detail; the same line in go1.19.8's "
                   "source as installed; the time detail came with golang/go#34646, 2019); "
                   "mariadb-corporation/mariadb-connector-c @ "
                   "53243b8a7a3d8125d86004b1b784e40f75298d6b libmariadb/ma_tls.c; w1fi/hostap @ "
                   "76d4a91710efc86f9dac2094d94c5f84babf099d src/crypto/tls_gnutls.c")
_PUBLIC_SHARE = ((_CLOCK, 0.5), (Cause.CERT_EXPIRED, 0.3), (Cause.CLIENT_MISCONFIGURATION, 0.2))


def _dated(t: PrintedTimes) -> bool:
    """The verifier printed its clock or the certificate's dates (a line stamp is not that)."""
    return any(v is not None for v in (t.now, t.not_before, t.not_after, t.early,
                                       t.valid_until))


# Round 26 (holdout32): the program serving the certificate says it has not expired by its
# own clock (QZ Tray's expiry check for its generated localhost certificate) beside a date
# error that covers both bounds (Chrome's ERR_CERT_DATE_INVALID): the bound that failed is
# notBefore. A certificate generated while the clock ran ahead (the thread's case), or a
# clock behind now: which one the text rarely shows, so below 0.6.
_NOT_EXPIRED = ((Cause.CERT_NOT_YET_VALID, 0.55), (_CLOCK, 0.3), (Cause.CERT_EXPIRED, 0.15))


def _public_host(text: str) -> ClockReading | None:
    """Expired-or-not-yet-valid, no time printed, for a big public host: the clock first."""
    m = _EITHER.search(text)
    if m is None:
        return None
    host = classify(text)
    if host.kind != PUBLIC:
        return None
    return ClockReading(
        rule="public_host", line=_line_at(text, m.start()), provenance=_EITHER_SOURCES,
        meaning=f"the certificate is called expired or not yet valid, with no time printed, "
                f"for {host.host}: a big public host, whose certificates a public CA issues "
                "(never dated ahead) and whose renewal its operator watches, so the clock of "
                "the machine that printed it is the likelier fault (a clock behind makes a "
                "freshly renewed certificate not yet valid); compare `date -u` there with "
                "real time before the certificate's dates (`openssl s_client -connect "
                f"{host.host}:443 | openssl x509 -noout -dates`)",
        causes=_PUBLIC_SHARE)


def _hinted(text: str) -> _Got | None:
    """The program's own advice (or statement) names the clock, no date statement beside it."""
    plain = _blanked(text)
    m = _HINT.search(plain) or _SAYS_WRONG.search(plain)
    if m is None or not _CERTIFICATE.search(text):
        return None
    return ("hinted", f"the text names the clock (\"{m.group(0)}\") beside a failure that "
            "prints no date: a clock behind (this machine's or the peer's) makes freshly "
            "issued certificates not yet valid; compare `date -u` on both machines",
            _HINTED, Cause.CERT_NOT_YET_VALID, _line_at(text, m.start()),
            "the text's own words (ingest/clock.py)")


# (rule, meaning, clock share, the certificate cause beside it, line, source)
_Got = tuple[str, str, float, Cause | None, str, str]


def _from_times(t: PrintedTimes, text: str, now: datetime) -> _Got | None:
    line = t.lines[0] if t.lines else ""
    source = f"{t.form or 'a time stamp'}'s printed times (ingest/printed_times.py)"
    for at, what, share in ((t.now, "the current time the error prints", _FIELD),
                            (t.stamp, "the time stamp on the program's own line", _STAMP)):
        if at is None:
            continue
        got = _implausible(at, what, share, text, now)
        if got is not None:
            return (*got, line if at is t.now else t.lines[-1],
                    source if at is t.now else STAMP_SOURCES)
    if t.not_after is not None and t.not_after > now + SLACK:
        return ("ahead", f"the certificate called expired is valid until "
                f"{t.not_after:%Y-%m-%d %H:%M} UTC, still ahead by this machine's clock "
                f"({now:%Y-%m-%d %H:%M} UTC): the clock of the machine that printed it ran "
                "ahead", _FIELD - 0.05, Cause.CERT_EXPIRED, line, source)
    if t.valid_until is not None and t.not_after is None:
        # Its share and side are placeholders: clock_reading gives this rule _NOT_EXPIRED's
        # three causes (the not-yet-valid bound first), which a clock share cannot express.
        return ("not_expired", f"the program serving the certificate says it is still valid, "
                f"until {t.valid_until:%Y-%m-%d %H:%M} UTC, by its own clock: the date check "
                "that failed is its notBefore, so the certificate is not yet valid (made while "
                "the clock ran ahead: regenerate it with the clock right) or the clock is "
                "behind now; compare `date -u` with real time and the certificate's dates "
                "(`openssl s_client -connect HOST:PORT | openssl x509 -noout -dates`)",
                0.0, Cause.CERT_NOT_YET_VALID, line, source)
    early, ref = t.early, t.now or t.stamp
    if early is None and t.not_before is not None and ref is not None:
        early = t.not_before - ref
    if early is not None and early > _YEAR:
        return ("years_early", f"the certificate becomes valid {early.days / 365.25:.1f} years "
                "after the time the verifier printed; CAs date certificates when they issue "
                "them, so the clock of the machine that printed it is years behind",
                _FIELD - 0.05, Cause.CERT_NOT_YET_VALID, line, source)
    return None


def _implausible(at: datetime, what: str, share: float, text: str,
                 now: datetime) -> tuple[str, str, float, Cause] | None:
    if at < _UNSET_BEFORE:
        return ("never_set", f"{what} is {at:%Y-%m-%d}, before 2010: the clock of the machine "
                "that printed it was never set (1970-01-01 is the Unix epoch, 2000-01-01 a "
                "real-time clock's default) or lost its time with a flat battery", share,
                Cause.CERT_NOT_YET_VALID)
    for rx, floor, software, _src in _FLOORS:
        if at < floor - SLACK and rx.search(text):
            return ("older_than_software", f"{what} is {at:%Y-%m-%d}, before {software} "
                    f"(which printed the error) existed ({floor:%Y-%m-%d}): the clock of the "
                    "machine that printed it is behind", share - 0.05, Cause.CERT_NOT_YET_VALID)
    if at > now + SLACK:
        return ("ahead", f"{what} is {at:%Y-%m-%d %H:%M} UTC, later than this machine's clock "
                f"({now:%Y-%m-%d %H:%M} UTC): the clock of the machine that printed it runs "
                "ahead", share - 0.05, Cause.CERT_EXPIRED)
    return None


def _from_words(text: str) -> _Got | None:
    plain = _blanked(text)
    m = _SAYS_WRONG.search(plain)
    if m is not None:
        return ("said", f"the text says the clock is wrong (\"{m.group(0)}\")", _SAID, None,
                _line_at(text, m.start()), "the text's own words (ingest/clock.py)")
    m = _MENTIONS.search(plain)
    if m is not None:
        return ("mentioned", f"the text mentions the time service or clock hardware "
                f"(\"{m.group(0)}\")", _MENTIONED, None, _line_at(text, m.start()),
                "the text's own words (ingest/clock.py)")
    return None


def _blanked(text: str) -> str:
    """``text`` with the stacks' stock clock advice blanked out, each character kept in
    place (so a match's position is its place in ``text`` too, for the evidence line)."""
    return _BOILERPLATE.sub(lambda m: " " * len(m.group(0)), text)


def _line_at(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)].strip()
