"""A certificate's dates shown beside the poster's own "now": curl -v's server certificate
block read against a ``date`` command's output in the same text.

curl -v prints the peer's (the server's) certificate only, its notBefore and notAfter on two
lines of their own (curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42
lib/vtls/openssl.c ossl_infof_cert: "%s certificate:" with "Server" or "Proxy", then
"  subject:", "  start date: %.*s", "  expire date: %.*s" from ASN1_TIME_print;
lib/vtls/gtls.c: showtime(data, "start date", ...) and "expire date"; NSS's nss.c
display_cert_info the same two words). With -k nothing fails, so the dates are the only
statement about the certificate, and they say nothing without a "now".

A "now" is read only where the text prints one itself: a shell prompt's ``date`` command
(``date``, ``date -u``, ``LANG=C date -u``; GNU coreutils date.c's default format "%a %b %e
%H:%M:%S %Z %Y", or -R/-I) and the line it printed. Never this machine's clock: a text may be
read years after it was posted. The ``date`` output is the client machine's clock, the one
curl verified with, so an expire date before it is an expired certificate at that clock (a
clock ahead of real time is rare, ingest/clock.py) and a start date after it a clock behind
or a post-dated certificate (the clock first, as clock.py ranks "not yet valid").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from ..causes import Cause
from ..safe import printable
from .printed_times import SLACK, when

__all__ = ["ShownNow", "shown_now"]

PROVENANCE = ("curl/curl @ 5c61e168698a72b87437d58ed728bcdea6d5db42 lib/vtls/openssl.c "
              "(ossl_infof_cert: \"Server certificate:\", \"  start date:\", \"  expire date:\"), "
              "lib/vtls/gtls.c (showtime); GNU coreutils date (default format \"%a %b %e "
              "%H:%M:%S %Z %Y\")")
# curl's pair: the start date line, then the expire date line; the heading above says whose
# certificate (a proxy's is not the server's).
_CURL_DATES = re.compile(
    r"(?m)^(?P<head>[^\n]{0,40}\b(?:Server|Proxy) certificate:[^\n]{0,20}\n(?:[^\n]{0,300}\n)"
    r"{0,3}?)?[*>| \t]{0,6}start date: (?P<nb>[^\n]{10,40}?)[ \t]*\n[*>| \t]{0,6}expire date: "
    r"(?P<na>[^\n]{10,40}?)[ \t]*$")
# A prompt ("$ ", "# ", "user@host:~$ "), optional VAR=value settings, the date command with
# its zone or format switches, and the line it printed.
_DATE_CMD = re.compile(
    r"(?m)^[^\n]{0,60}?[$#%>] +(?:[A-Z_][A-Z0-9_]{0,20}=\S{1,40} +){0,3}date"
    r"(?: +(?:-u|--utc|--universal|-R|--rfc-email|-I\w{0,8}|--iso-8601(?:=\w{1,8})?))*"
    r"[ \t]*\n(?:[ \t]*\n)?(?P<now>[^\n]{10,45})$")
_WEEKDAY = re.compile(r"^(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]{0,6},?\s+")


@dataclass(frozen=True, slots=True)
class ShownNow:
    """What curl's dates say at the poster's own printed time."""

    meaning: str
    causes: tuple[tuple[Cause, float], ...]
    line: str


def _date(s: str) -> datetime | None:
    """curl's or date(1)'s time: OpenSSL's "Oct 17 01:49:44 2024 GMT", GnuTLS's "Thu, 17
    Oct 2024 01:49:44 GMT", date's "Tue Oct 22 15:14:49 UTC 2024"."""
    s = s.strip()
    return when(s) or when(_WEEKDAY.sub("", s))


def shown_now(text: str) -> ShownNow | None:
    """The server certificate's dates against the text's own ``date`` output, or None."""
    if "start date:" not in text:  # no curl dates (a cheap test before the regexes)
        return None
    cmd = _DATE_CMD.search(text)
    now = _date(cmd["now"]) if cmd else None
    if cmd is None or now is None:
        return None
    # The quoted times are the text's own bytes: shown only made printable (safe.py), as
    # messages._fmt does for a pattern's groups.
    shown = _quoted(cmd["now"])
    for m in _CURL_DATES.finditer(text):
        if m["head"] and "Proxy certificate:" in m["head"]:
            continue
        nb, na = _date(m["nb"]), _date(m["na"])
        # differences, not now against a date +/- SLACK: 9999-12-31 (RFC 5280's "no
        # expiration") + SLACK overflows
        if na is not None and now - na > SLACK:
            return ShownNow(f"the server's certificate (curl -v: expire date {_quoted(m['na'])}) "
                            f"had expired at the time the text's own date command printed "
                            f"({shown})",
                            ((Cause.CERT_EXPIRED, 0.8), (Cause.CLIENT_CLOCK_WRONG, 0.2)),
                            f"expire date: {_quoted(m['na'])} (date: {shown})")
        if nb is not None and nb - now > SLACK:
            return ShownNow(f"the server's certificate (curl -v: start date {_quoted(m['nb'])}) "
                            f"was not yet valid at the time the text's own date command "
                            f"printed ({shown})",
                            ((Cause.CLIENT_CLOCK_WRONG, 0.55), (Cause.CERT_NOT_YET_VALID, 0.45)),
                            f"start date: {_quoted(m['nb'])} (date: {shown})")
    return None


def _quoted(s: str) -> str:
    return printable(s.strip(), limit=60, newlines=False)
