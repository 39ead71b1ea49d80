"""The same errors in other languages: translations read from the programs' own catalogs.

Chromium's and Firefox's certificate pages, GnuTLS, Git, glib-networking and libpq print
their messages in the user's language. Each translation means exactly what its English
original means, so each row here is built from (English sentence, translated sentence,
the English pattern that recognises the English sentence): the translated sentence becomes a
regex (placeholders as bounded wildcards) carrying that English pattern's causes, tier and
side. No row is written by hand; ``scripts/harvest_l10n.py`` writes ``l10n.json`` from the
installed packages and records where each translation was read (package, file, upstream
repository, path and commit).

Text is compared in one normal form (``normalise``: Unicode NFKC, which also folds NBSP and
full-width punctuation, curly quotes and guillemets to ASCII quotes, markup removed).
``messages.py`` consults this table only for a text that may need it (``wanted``), so
English text pays nothing for it.
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import replace
from functools import cache
from pathlib import Path

from . import Pattern, all_patterns, causes, lazy_patterns
from .quotes import CATALOG_QUOTES

_DATA = Path(__file__).parent / "l10n.json"
# Windows' and .NET's messages in other languages, as program output shows them (no catalog
# is public): scripts/harvest_l10n_windows.py, the same entry format and pairing.
_WINDOWS = Path(__file__).parent / "l10n_windows.json"
HOLE = "\u27e8\u27e9"  # a placeholder, whatever the catalog's syntax
SAMPLE = "example.com"  # what a placeholder is rendered as to read the English sentence
_WILD = r"[^\n]{1,200}?"
_PLACEHOLDER = re.compile(
    r"%(?:\d{1,2}\$)?[-+ #0]{0,3}(?:\d{1,3}|\*)?(?:\.(?:\d{1,3}|\*))?"
    r"(?:hh|h|ll|l|L|z|j|t|q|I64)?[sdiuxXcfgpSl]|\{[^{}\n]{1,60}\}|\$\d")
_TAG = re.compile(r"<[^<>\n]{1,200}>")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)|(?<=[\u3002\uff01\uff1f])")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
# A text the table may help with: a letter outside ASCII, or a browser's error code (its
# page around the code may be in any language).
_WANTED = re.compile(r"(?![\x00-\x7f])[^\W\d_]|\bERR_CERT_|NET::ERR_|\bERR_SSL_(?:PROTOCOL_ERROR|VERSION_OR_CIPHER)|"
                     r"SEC_ERROR_|SSL_ERROR_|MOZILLA_PKIX")


def normalise(text: str) -> str:
    """One form for catalogs and input alike: NFKC (NBSP, full-width colons and brackets
    become ASCII), typographic quotes as ASCII ones, no zero-width characters."""
    out = unicodedata.normalize("NFKC", text).translate(CATALOG_QUOTES)
    return out.replace("\u200b", "").replace("\u200e", "").replace("\u200f", "")


def wanted(text: str) -> bool:
    return _WANTED.search(text) is not None


def _clean(text: str) -> str:
    """A catalog string as it is displayed: markup gone, every placeholder one HOLE."""
    text = html.unescape(_TAG.sub("", text))
    text = _PLACEHOLDER.sub(HOLE, normalise(text))
    return re.sub(r"\s+", " ", text).strip()


def _plural(text: str) -> dict[str, str] | None:
    """ICU ``{n, plural, =1 {...} other {...}}`` -> {"=1": ..., "other": ...}."""
    head = re.match(r"\s*\{\s*\w{1,10}\s*,\s*plural\s*,", text)
    if not head:
        return None
    out: dict[str, str] = {}
    i = head.end()
    while True:
        m = re.compile(r"\s*(=?\w{1,10})\s*\{").match(text, i)
        if not m:
            return out or None
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += {"{": 1, "}": -1}.get(text[j], 0)
            j += 1
        out[m.group(1)] = text[m.end():j - 1]
        i = j


def pairs_of(english: str, text: str) -> list[tuple[str, str]]:
    """Aligned (English, translated) sentences of one catalog entry, cleaned."""
    en_forms, tr_forms = _plural(english), _plural(text)
    if en_forms is not None and tr_forms is not None:
        out: list[tuple[str, str]] = []
        for key, tr in tr_forms.items():
            en = en_forms.get(key) or en_forms.get("other")
            if en is not None:
                # "#" is the count inside an ICU plural branch
                out.extend(pairs_of(en.replace("#", "{0}"), tr.replace("#", "{0}")))
        return out
    en, tr = _clean(english), _clean(text)
    en_parts, tr_parts = _SENTENCE.split(en), _SENTENCE.split(tr)
    if len(en_parts) == len(tr_parts) > 1:
        return [(a.strip(), b.strip()) for a, b in zip(en_parts, tr_parts, strict=True)]
    return [(en, tr)]


def render(sentence: str) -> str:
    return sentence.replace(HOLE, SAMPLE)


def _literal(part: str) -> str:
    out = []
    for n, ch in enumerate(part):
        if ch.isspace():
            # French puts a (no-break) space before ":" and "!"; pasted text may drop it.
            optional = n + 1 < len(part) and part[n + 1] in ":;!?\"'"
            out.append(r"[ \t]{0,3}" if optional else r"[ \t]{1,3}")
        else:
            out.append(re.escape(ch))
    return "".join(out)


def to_regex(sentence: str) -> tuple[str, str] | None:
    """(regex, needle) for a translated sentence, or None when too little of it is words
    of its own to be told apart from other text."""
    body = sentence.strip().rstrip(".\u3002!").strip()
    parts = body.split(HOLE)
    while parts and not parts[0].strip(" :;,\"'()"):
        parts.pop(0)
    while parts and not parts[-1].strip(" :;,\"'()"):
        parts.pop()
    parts = parts[:3]  # at most two wildcards per regex
    words = "".join(parts).replace(" ", "")
    if not parts or len(words) < (4 if _CJK.search(words) else 10):
        return None
    pieces = [p.strip() if i in (0, len(parts) - 1) else p for i, p in enumerate(parts)]
    pieces[0], pieces[-1] = pieces[0].lstrip(" :;,"), pieces[-1].rstrip(" :;,")
    rx = _WILD.join(_literal(p) for p in pieces)
    needle = max(re.split(r"[\s'\"]+", " ".join(pieces)), key=len).lower()
    if len(needle) < 3:
        return None
    return rx, needle


@cache
def _english() -> dict[str, Pattern]:
    return {p.id: p for p in all_patterns()}


def row_of(entry: dict[str, str]) -> Pattern | None:
    """The English pattern an entry means, if it still recognises the English sentence."""
    row = _english().get(entry["row"])
    if row is None or row.regex.search(render(entry["english"])) is None:
        return None
    return row


@cache
def windows_entries() -> tuple[dict[str, str], ...]:
    entries: list[dict[str, str]] = json.loads(_WINDOWS.read_text(encoding="utf-8"))["entries"]
    return tuple(entries)


def _build() -> tuple[Pattern, ...]:
    return _from(_DATA) + _from(_WINDOWS)


def _from(path: Path) -> tuple[Pattern, ...]:
    data = json.loads(path.read_text(encoding="utf-8"))
    out: list[Pattern] = []
    for n, entry in enumerate(data["entries"]):
        row, made = row_of(entry), to_regex(entry["text"])
        if row is None or made is None or not row.causes:
            continue
        origin = data["origins"][entry["source"]]
        # The English sentence's whole reading, side included: the words that tell a
        # server's log from a client's are English words (ingest/side.py).
        row = replace(row, causes=causes(entry["reading"]), server_causes=None,
                      own_reading=None)
        out.append(replace(
            row, rx=made[0], needle=made[1], needles=(),
            meaning=f"{row.meaning} ({entry['source']}, {entry['lang']} translation)",
            provenance=(f"{origin['package']} {origin['read_from']} ({entry['lang']}); "
                        f"upstream {origin['repo']} {origin['path']}"
                        f"{' @ ' + origin['commit'] if origin['commit'] else ''}; "
                        f"{'seen: ' + entry['seen'] + '; ' if entry.get('seen') else ''}"
                        f"English: {row.provenance}"),
            id=f"l10n.{entry['source']}.{entry['lang']}.{n}"))
    return tuple(out)


__getattr__ = lazy_patterns(globals(), _build)
