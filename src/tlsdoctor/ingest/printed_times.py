"""Times an error text prints, read as dates: facts for ``ingest/clock.py``, never causes.

Three kinds of time appear in what TLS programs print:

* the verifier's own clock, as the error states it: Go's "current time X is before Y",
  rustls's "verification time N (UNIX)", Conscrypt's "(compared to X)", Firefox's "The
  current time is X" / "Your device's clock is set to X", Chrome's "Your computer's clock
  is currently set to X";
* the failing certificate's notBefore / notAfter, where the program ties it to the failure:
  Go's Y, Java's ``CertificateNotYetValidException: NotBefore: X``, the line s_client's
  verify callback prints right after ``verify error:num=9|10``, Firefox's "expired on X",
  Chrome's "supposedly from N days in the future";
* a time stamp the client program writes on its own lines (wget's ``--DATE TIME--``, a log
  line that starts with a date, Erlang's report header, JSSE's debug lines): the printing
  machine's clock too, but possibly a log collector's, so it counts for less.

Dates a program prints beside the failure without tying them to it (gnutls-cli's
"activated/expires" per certificate, ``openssl x509 -dates``, curl -v's "expire date") are
not read: they may belong to another certificate of the chain.

Every form is the program's own wording, read in its source (recorded next to each form).
"""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import lru_cache

__all__ = ["SLACK", "PrintedTimes", "printed_times", "when"]

# How far two printed times may differ and still be the same moment: local times printed
# without a zone, dates without a time (ingest/clock.py, ingest/shown_now.py).
SLACK = timedelta(days=2)
_MONTHS = {m: i for i, m in enumerate(("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug",
                                       "sep", "oct", "nov", "dec"), start=1)}


@dataclass(frozen=True, slots=True, kw_only=True)
class PrintedTimes:
    """What the text says about times; None where it says nothing."""

    now: datetime | None = None  # the verifier's clock, as its error prints it
    stamp: datetime | None = None  # the earliest line time stamp the client program wrote
    not_before: datetime | None = None  # of the certificate that failed
    not_after: datetime | None = None
    early: timedelta | None = None  # notBefore - now, when printed as a distance (Chrome)
    # notAfter, printed by the program that serves the certificate in a line saying it has
    # not expired by its own clock (QZ Tray's expiry check): not the certificate that failed
    # as expired, so the "ahead" reading of a printed notAfter does not apply to it
    valid_until: datetime | None = None
    form: str = ""  # the program whose wording gave the verifier's clock or dates
    lines: tuple[str, ...] = ()  # the lines these came from, in order

    @property
    def any(self) -> bool:
        return any(v is not None for v in (self.now, self.stamp, self.not_before,
                                           self.not_after, self.early, self.valid_until))


# --- dates ---------------------------------------------------------------------------------

_TZ = r"(?P<tz>Z|UTC|GMT|[+-]\d{2}:?\d{2})?"
_ISO = re.compile(r"(?P<y>\d{4})[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})(?:(?:T|\s+|::?)"
                  r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:[.,]\d{1,9})?)?\s*" + _TZ)
# "Dec  3 19:39:47 2026 GMT" (OpenSSL ASN1_TIME_print), "Fri Dec 25 19:39:47 UTC 2026"
# (java.util.Date.toString), "Sat Dec 05 19:39:47 GMT+00:00 2026" (Android), "Saturday,
# December 5, 2026" (Chrome's full date), "Dec 5, 2026" (Firefox's medium date).
_MONTH_FIRST = re.compile(
    r"(?:[A-Za-z]{3,9},?\s+)?(?P<mon>[A-Za-z]{3,9})\.?\s+(?P<d>\d{1,2}),?(?:\s+(?P<H>\d{1,2}):"
    r"(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\.\d{1,9})?)?(?:\s+[A-Za-z]{1,5}(?:[+-]\d{2}:?\d{2})?)?"
    r",?\s+(?P<y>\d{4})\b")
# "11 February 2018, 21:46" (Firefox's older pages), "5-Dec-2026::19:40:24" (Erlang).
_DAY_FIRST = re.compile(r"(?P<d>\d{1,2})[ -](?P<mon>[A-Za-z]{3,9})\.?[ -](?P<y>\d{4})"
                        r"(?:(?:,?\s+|::)(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?")
# "12/5/2026", "7:40 PM 12/5/2026", "7:39 PM on 12/25/2026" (Firefox en-US numeric dates).
_US = re.compile(r"(?:(?P<H>\d{1,2}):(?P<M>\d{2})\s*(?P<ampm>[AP]M)\s+(?:on\s+)?)?"
                 r"(?P<m>\d{1,2})/(?P<d>\d{1,2})/(?P<y>\d{4})\b", re.IGNORECASE)
_UNIX = re.compile(r"(?P<s>\d{1,12})")


def _make(y: str, m: int, d: str, hms: tuple[str | None, ...] = ()) -> datetime | None:
    h, mi, s = (int(v) if v else 0 for v in (*hms, None, None, None)[:3])
    try:
        return datetime(int(y), m, int(d), h, mi, s, tzinfo=UTC)
    except ValueError:
        return None


def _offset(tz: str | None) -> timedelta:
    if not tz or tz in ("Z", "UTC", "GMT"):
        return timedelta(0)
    sign = -1 if tz[0] == "-" else 1
    digits = tz[1:].replace(":", "")
    return sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:4]))


def _iso(s: str) -> datetime | None:
    m = _ISO.match(s)
    if m is None:
        return None
    got = _make(m["y"], int(m["m"]), m["d"], (m["H"], m["M"], m["S"]))
    return None if got is None else got - _offset(m["tz"])


def _named(s: str) -> datetime | None:
    for rx in (_MONTH_FIRST, _DAY_FIRST):
        m = rx.match(s)
        month = _MONTHS.get(m["mon"][:3].lower()) if m else None
        if m is not None and month is not None:
            return _make(m["y"], month, m["d"], (m["H"], m["M"], m["S"]))
    return None


def _us(s: str) -> datetime | None:
    m = _US.match(s)
    if m is None:
        return None
    hour = m["H"]
    if hour is not None:
        hour = str(int(hour) % 12 + (12 if m["ampm"].upper() == "PM" else 0))
    return _make(m["y"], int(m["m"]), m["d"], (hour, m["M"]))


def _unix(s: str) -> datetime | None:
    """Seconds since 1970 (rustls prints them): the only all-digit time the forms capture."""
    m = _UNIX.fullmatch(s)
    if m is None:
        return None
    try:
        return datetime.fromtimestamp(int(m["s"]), UTC)
    except (OverflowError, OSError, ValueError):
        return None


def when(text: str) -> datetime | None:
    """A date as one of the programs prints it (UTC; a named zone other than UTC/GMT is
    ignored: the readings allow two days for it), or None."""
    s = text.strip().rstrip(".,;")
    for parse in (_unix, _iso, _us, _named):
        got = parse(s)
        if got is not None:
            return got
    return None


# --- the forms -----------------------------------------------------------------------------

_WORD_DATE = r"[^\n().;]{6,60}?"  # a date in words, up to the sentence's end

# (program, regex, source). Named groups: now, nb (notBefore), na (notAfter), days_early,
# tomorrow. One regex per wording; each is matched against the whole text (bounded).
_FORMS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (name, re.compile(rx), source) for name, rx, source in (
        ("Go", r"\bcurrent time (?P<now>[0-9][0-9TZ:.+\- ]{9,34}?) is (?:before (?P<nb>[0-9]"
               r"[0-9TZ:.+\-]{9,34})|after (?P<na>[0-9][0-9TZ:.+\-]{9,34}))",
         "Go src/crypto/x509/verify.go (isValid: \"current time %s is before %s\"), go1.19.8"),
        ("rustls", r"\bverification time (?P<now>\d{1,12}) \(UNIX\), but certificate is not "
                   r"valid (?:before (?P<nb>\d{1,12})|after (?P<na>\d{1,12}))",
         "rustls rustls/src/error/mod.rs @ 6868ee84dd62 (CertificateError Display: "
         "ExpiredContext, NotValidYetContext)"),
        ("rustls", r"\b(?:NotValidYetContext \{ time: UnixTime\((?P<now>\d{1,12})\), not_before: "
                   r"UnixTime\((?P<nb>\d{1,12})\)|ExpiredContext \{ time: UnixTime\("
                   r"(?P<now2>\d{1,12})\), not_after: UnixTime\((?P<na>\d{1,12})\))",
         "rustls rustls/src/error/mod.rs @ 6868ee84dd62 (the same, Debug form)"),
        ("Android", r"\bCertificate (?:not valid until (?P<nb>[^()\n]{10,60}?)|expired at "
                    r"(?P<na>[^()\n]{10,60}?)) \(compared to (?P<now>[^()\n]{10,60}?)\)",
         "google/conscrypt common/src/main/java/org/conscrypt/OpenSSLX509Certificate.java "
         "@ 3869db7b83a5 (checkValidity)"),
        ("Java", r"\bCertificate(?:NotYetValidException: NotBefore: (?P<nb>[^\n]{10,60})|"
                 r"ExpiredException: NotAfter: (?P<na>[^\n]{10,60}))",
         "Temurin 25 src.zip java.base/sun/security/x509/CertificateValidity.java (valid)"),
        ("OpenSSL", r"\bverify error:num=(?:9|10):[^\n]{0,100}\n(?:[^\n]{0,200}\n)?"
                    r"(?:notBefore=(?P<nb>[^\n]{10,40})|notAfter=(?P<na>[^\n]{10,40}))",
         "OpenSSL apps/lib/s_cb.c verify_callback @ openssl-3.0.21 51ea949dc143"),
        # both bounds are printed; only the one the failure is about is read
        ("kubeadm", r"\bthe certificate (?:is not valid yet: NotBefore: (?P<nb>[0-9][0-9:.+\- ]"
                    r"{9,34}?(?: UTC)?), NotAfter: |has expired: NotBefore: [^,\n]{10,40}, "
                    r"NotAfter: (?P<na>[0-9][0-9:.+\- ]{9,34}?(?: UTC)?)(?:$|[^0-9:.+\- ]))",
         "kubernetes/kubernetes cmd/kubeadm/app/util/pkiutil/pki_helpers.go "
         "(ValidateCertPeriod), cmd/kubeadm/app/phases/certs/certs.go @ 2bb4b1042dfd"),
        ("Firefox", r"\bThe certificate (?:expired on (?P<na>" + _WORD_DATE + r")|will not be "
                    r"valid until (?P<nb>" + _WORD_DATE + r"))\. The current time is (?P<now>"
                    + _WORD_DATE + r")\.",
         "Firefox security/manager/locales/en-US/chrome/pipnss/pipnss.properties "
         "(certErrorExpiredNow, certErrorNotYetValidNow)"),
        ("Firefox", r"\blooks like the certificate (?:expired on (?P<na>" + _WORD_DATE +
                    r")|(?:provided )?(?:isn[’']t|will not be) valid until (?P<nb>" +
                    _WORD_DATE + r"))\.(?:\s|$)",
         "Firefox ESR 153.8.0 toolkit/neterror/certError.ftl (fp-certerror-*-why-dangerous-body)"),
        ("Firefox", r"\bYour (?:device[’']s clock|computer clock) is set to (?P<now>"
                    + _WORD_DATE + r")\.(?:\s|$)",
         "Firefox ESR 153.8.0 certError.ftl (fp-certerror-*-what-can-you-do-body), "
         "netError.ftl (certerror-expired-cert-what-can-you-do-about-it-clock)"),
        ("Firefox", r"\bYour computer thinks it is (?P<now>" + _WORD_DATE + r"), which prevents",
         "Firefox ESR 153.8.0 certError.ftl (fp-certerror-clock-skew-intro), netError.ftl "
         "(neterror-clock-skew-error)"),
        ("Chrome", r"\bYour computer's clock is currently set to (?P<now>[^\n.]{6,60}?)\. "
                   r"Does that look right",
         "Chromium 156.0.8078.114 locales/en-US.pak (SSL interstitial, expired details)"),
        ("Chrome", r"\byour computer's date and time \((?P<now>[^)\n]{6,60})\) are incorrect",
         "Chromium 156.0.8078.114 locales/en-US.pak (clock interstitial, primary paragraph)"),
        ("Chrome", r"\bits security certificate is supposedly from (?:(?P<tomorrow>tomorrow)|"
                   r"(?P<days_early>\d{1,6}) days in the future)",
         "Chromium 156.0.8078.114 locales/en-US.pak (SSL interstitial, not-yet-valid details)"),
        # Round 26 (holdout33): DietPi's bug report template, printed on the failing machine
        # when one of its scripts fails: "- Date | $(date)" until v9.6, "$(date '+%F %T')"
        # since (G_BUG_REPORT)
        # (case-blind, and under a Markdown quote's "> ", as posted)
        ("DietPi", r"(?im)^(?:[ \t]{0,4}>)*[ \t]{0,4}- Date {1,20}\| (?P<now>[0-9A-Za-z]"
                   r"[0-9A-Za-z:+\- ]{9,40}?)[ \t]*$",
         "MichaIng/DietPi dietpi/func/dietpi-globals (G_BUG_REPORT) @ "
         "d52164f8c3633b862ce5efa1b49662f301471316; \"$(date)\" before "
         "d0971a4c4c36eda26b7bf1cab50e7a2a9f533db9 (v9.6)"),
    ))

# A program that serves its own generated certificate and logs its expiry check: its notAfter
# and, for "still valid", the number of days left (the program's clock is notAfter - days).
# Valid and expiring: the certificate had not expired by that clock (valid_until); expired:
# the ordinary notAfter of a certificate called expired. "yyyy-MM-dd'T'HH:mm'Z'" is
# SystemUtilities.toISO.
_SELF_CHECKS: tuple[tuple[str, re.Pattern[str], str], ...] = tuple(
    (name, re.compile(rx), source) for name, rx, source in (
        ("QZ Tray", r"\bSSL certificate (?:is still valid for (?P<days>\d{1,6}) more days|will "
                    r"expire in less than \d{1,4} days): (?P<vu>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z)"
                    r"|\bSSL certificate has expired (?P<na>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}Z)\. "
                    r" ?It must be renewed",
         "qzind/tray src/qz/installer/certificate/ExpiryTask.java (getExpiry), "
         "src/qz/utils/SystemUtilities.java (toISO) @ b5495c4fa60ff01e05729b30567a0faf18400de9"),
    ))

# A client program's own time stamp at the start of a line (or of its progress line).
_STAMPS = re.compile(
    r"^[ \t]*(?:--|\[)?(?P<iso>\d{4}[-/]\d{2}[-/]\d{2}[T ]\d{2}:\d{2}:\d{2})"
    r"|^=[A-Z]{2,12} REPORT==== (?P<erl>\d{1,2}-[A-Za-z]{3}-\d{4}::\d{2}:\d{2}:\d{2})"
    r"|^javax\.net\.ssl\|[A-Z]{3,8}\|[^|\n]{0,40}\|[^|\n]{0,80}\|(?P<jsse>\d{4}-\d{2}-\d{2} "
    r"\d{2}:\d{2}:\d{2})", re.MULTILINE)
STAMP_SOURCES = ("GNU Wget src/progress.c/src/http.c (\"--%s--  %s\" before each request); "
                 "line-leading ISO and Go log.LstdFlags stamps; Erlang logger's \"=NOTICE "
                 "REPORT==== date ===\"; JSSE's SSLLogger \"javax.net.ssl|LEVEL|id|thread|date|\"")
_MAX_FORMS = 20  # matches per form: bounded work on a repetitive input


def _line_of(text: str, pos: int) -> str:
    start = text.rfind("\n", 0, pos) + 1
    end = text.find("\n", pos)
    return text[start:end if end >= 0 else len(text)].strip()


def _earliest_stamp(text: str) -> tuple[datetime | None, str]:
    best: tuple[datetime | None, str] = (None, "")
    for n, m in enumerate(_STAMPS.finditer(text)):
        if n >= 200:
            break
        got = when((m["iso"] or m["erl"] or m["jsse"]).replace("::", " "))
        if got is not None and (best[0] is None or got < best[0]):
            best = (got, _line_of(text, m.start()))
    return best


@lru_cache(maxsize=64)  # one text is read by the clock, the expired-CA and the window checks
def printed_times(text: str) -> PrintedTimes:
    """Every time the text prints that ``clock`` reads (see the module's docstring)."""
    found: dict[str, datetime | timedelta | None] = {}
    form, lines = "", []
    forms = [(name, rx, _read_form) for name, rx, _source in _FORMS]
    forms += [(name, rx, _read_self_check) for name, rx, _source in _SELF_CHECKS]
    for name, rx, read in forms:
        for n, m in enumerate(rx.finditer(text)):
            if n >= _MAX_FORMS:
                break
            got = read(m)
            if not got:
                continue
            for key, value in got.items():
                found.setdefault(key, value)
            form = form or name
            lines.append(_line_of(text, m.start()))
    stamp, stamp_line = _earliest_stamp(text)
    if stamp_line:
        lines.append(stamp_line)
    return PrintedTimes(now=_at(found.get("now")), stamp=stamp, not_before=_at(found.get("nb")),
                        not_after=_at(found.get("na")), early=_gap(found.get("early")),
                        valid_until=_at(found.get("vu")), form=form,
                        lines=tuple(dict.fromkeys(lines)))


def _read_form(m: re.Match[str]) -> dict[str, datetime | timedelta]:
    g = m.groupdict()
    out: dict[str, datetime | timedelta] = {}
    for key, group in (("now", "now"), ("now", "now2"), ("nb", "nb"), ("na", "na")):
        if g.get(group) and key not in out:
            at = when(g[group])
            if at is not None:
                out[key] = at
    if g.get("tomorrow"):
        out["early"] = timedelta(days=1)
    elif g.get("days_early"):
        out["early"] = timedelta(days=int(g["days_early"]))
    return out


def _read_self_check(m: re.Match[str]) -> dict[str, datetime | timedelta]:
    out: dict[str, datetime | timedelta] = {}
    if m["na"]:
        at = when(m["na"])
        if at is not None:
            out["na"] = at
        return out
    until = when(m["vu"])
    if until is None:
        return out
    out["vu"] = until
    if m["days"]:  # the days left, rounded: the program's clock within half a day
        with suppress(OverflowError):
            out["now"] = until - timedelta(days=int(m["days"]))
    return out


def _at(v: datetime | timedelta | None) -> datetime | None:
    return v if isinstance(v, datetime) else None


def _gap(v: datetime | timedelta | None) -> timedelta | None:
    return v if isinstance(v, timedelta) else None
