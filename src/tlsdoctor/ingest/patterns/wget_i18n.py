"""GNU Wget's certificate-check reasons as translated catalogs print them.

Wget words OpenSSL's verify result itself (src/openssl.c) and prints it through gettext, so
a user's locale changes the words: "Impossible de vérifier localement l'autorité de
l'émetteur." is "Unable to locally verify the issuer's authority.". The translations are
data (``wget_i18n.json``, written by scripts/harvest_wget_i18n.py from the installed wget
package's .mo catalogs); each means what the English row of ``wget.py`` that matches its
msgid means, with the same causes and tier. Catalogs have used both ' and ’ over the years,
and mailers rewrap lines: apostrophes and spaces are matched loosely.
"""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

from . import Pattern
from .wget import PATTERNS as ENGLISH

_DATA = json.loads((Path(__file__).parent / "wget_i18n.json").read_text(encoding="utf-8"))
_APOSTROPHES = "'’`´"


def _loose(text: str) -> str:
    """A translation as a regex: apostrophes interchangeable, runs of spaces flexible."""
    out = []
    for ch in text.strip().rstrip("."):
        if ch in _APOSTROPHES:
            out.append("[" + _APOSTROPHES + "]")
        elif ch.isspace():
            out.append(r"\s{1,3}")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def _english_row(msgid: str) -> Pattern | None:
    return next((p for p in ENGLISH if p.regex.search(msgid)), None)


def _build() -> tuple[Pattern, ...]:
    out: list[Pattern] = []
    for lang, messages in sorted(_DATA["locales"].items()):
        for msgid, msgstr in messages.items():
            row = _english_row(msgid)
            if row is None or not row.causes:
                continue
            rx = _loose(msgstr)
            needle = max(re.split(r"[" + _APOSTROPHES + r"\s]", msgstr.strip().rstrip(".")),
                         key=len).lower()
            out.append(replace(row, rx=rx, needle=needle, needles=(),
                               meaning=f"{row.meaning} (wget, {lang} locale)",
                               provenance=f"{_DATA['package']} {_DATA['path']} ({lang}); "
                                          f"{row.provenance}",
                               id=f"wget.i18n.{lang}.{len(out)}"))
    return tuple(out)


PATTERNS = _build()
